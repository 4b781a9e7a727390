//! Every file under `tests/errors/STAGE/` must be rejected by that stage, and its rendered
//! diagnostic is snapshotted. Adding a fixture file is the whole cost of a new test.

use bote::{Conventions, Session, Stage, Style};

#[test]
fn each_fixture_fails_in_its_stage_with_a_rendered_diagnostic() {
    insta::glob!("../errors", "*/*.bote", |path| {
        let text = std::fs::read_to_string(path).expect("fixture is readable UTF-8");
        let folder = path
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str())
            .expect("fixture folder");
        let file = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("file name");
        let name = format!("{folder}/{file}");
        let mut session = Session::new(Conventions::default());
        let error = session
            .add(&name, &text)
            .and_then(|()| bote::report(&mut session, &Style::default()).map(drop))
            .err()
            .unwrap_or_else(|| panic!("{name} was accepted; it is meant to fail"));
        let (stage, diagnostic) = (error.stage(), error.to_diagnostic(session.sources()));
        let expected = match folder {
            "parse" => Stage::Parse,
            "names" | "dimension" => Stage::Check,
            "eval" => Stage::Eval,
            other => panic!("unknown fixture folder {other}"),
        };
        assert_eq!(stage, expected, "{name} failed in the wrong stage");
        assert!(
            !diagnostic.labels.is_empty(),
            "{name}: a diagnostic must point at the input"
        );
        insta::assert_snapshot!(diagnostic.render(session.sources(), false));
    });
}
