//! Every file under `tests/errors/STAGE/` must be rejected by that stage, and its rendered
//! diagnostic is snapshotted. Adding a fixture file is the whole cost of a new test.

use bote::conventions::Conventions;
use bote::diagnostic::SourceMap;
use bote::{check, eval, syntax};

#[test]
fn each_fixture_fails_in_its_stage_with_a_rendered_diagnostic() {
    insta::glob!("errors/*/*.bote", |path| {
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
        let mut sources = SourceMap::default();
        let base = sources.add(name.clone(), text.clone());
        let (stage, diagnostic) = match syntax::parse_program(&text, base) {
            Err(e) => ("parse", e.to_diagnostic(&sources)),
            Ok(program) => match check::check(&program, &[], Conventions::default(), &sources) {
                Err(d) => ("check", d),
                Ok(checked) => match eval::evaluate(&checked) {
                    Err(e) => ("eval", e.to_diagnostic()),
                    Ok(_) => panic!("{name} was accepted; it is meant to fail"),
                },
            },
        };
        let expected = match folder {
            "parse" => "parse",
            "names" | "dimension" => "check",
            "eval" => "eval",
            other => panic!("unknown fixture folder {other}"),
        };
        assert_eq!(stage, expected, "{name} failed in the wrong stage");
        assert!(
            !diagnostic.labels.is_empty(),
            "{name}: a diagnostic must point at the input"
        );
        insta::assert_snapshot!(diagnostic.render(&sources, false));
    });
}
