//! Every scenario in `scenarios/` runs, checks itself, and is snapshotted as its table and its
//! JSON. A new scenario file is a new test.

use bote::render::{self, SheetBuilder, SheetOptions, json};
use bote::report::Work;
use bote::{Conventions, Session, Style};

#[test]
fn every_scenario_runs_checks_itself_and_is_snapshotted() {
    insta::glob!("../../scenarios", "*.bote", |path| {
        let text = std::fs::read_to_string(path).expect("readable scenario");
        let file = format!(
            "scenarios/{}",
            path.file_name()
                .and_then(|n| n.to_str())
                .expect("file name")
        );
        let mut session = Session::new(Conventions::default());
        let report = session
            .add(&file, &text)
            .and_then(|()| bote::report(&mut session, &Style::default()))
            .unwrap_or_else(|e| {
                panic!(
                    "{}",
                    e.to_diagnostic(session.sources())
                        .render(session.sources(), false)
                )
            });
        let sources = session.sources();

        assert!(report.title.is_some(), "{file} has no title comment");
        assert!(
            !report.assertions.is_empty(),
            "{file} pins no figure with `assert`"
        );
        let failures: Vec<String> = report
            .assertions
            .iter()
            .filter(|a| !a.passed)
            .map(|a| a.to_diagnostic().render(sources, false))
            .collect();
        assert!(failures.is_empty(), "{file}:\n{}", failures.join("\n"));

        let options = SheetOptions {
            explain: false,
            rough: false,
            style: Style::default(),
            fallback_title: file.clone(),
        };
        let sheet = render::sheet(&report, &options);
        let table = render::table(&sheet, 80);
        for line in table.lines() {
            assert!(
                line.chars().count() <= 80,
                "{file}: wider than 80 columns: {line}"
            );
        }
        insta::assert_snapshot!("table", table);
        // `bote run` lays its table out as the values are made, never holding their reports:
        // the same sheet, with worked steps and rough figures or without.
        for (explain, rough) in [(false, false), (true, false), (true, true)] {
            let options = SheetOptions {
                explain,
                rough,
                ..options.clone()
            };
            let work = Work {
                steps: explain,
                rough,
            };
            let mut whole = Session::new(Conventions::default());
            whole.add(&file, &text).expect("read once already");
            let whole = bote::report_with(&mut whole, &Style::default(), work).expect("ran");
            let mut streamed = Session::new(Conventions::default());
            streamed.add(&file, &text).expect("read once already");
            let mut builder = SheetBuilder::new(&options);
            let kept = bote::report_once_with(&mut streamed, &Style::default(), work, &mut builder);
            let kept = kept.expect("ran once already");
            assert!(kept.values.is_empty(), "{file}: streamed values were kept");
            assert_eq!(
                render::table(&builder.finish(&kept), 80),
                render::table(&render::sheet(&whole, &options), 80),
                "{file}, explain {explain}, rough {rough}: the streamed sheet differs"
            );
        }

        let doc = json::scenario(&report, &file);
        let parsed: serde_json::Value = serde_json::from_str(&doc).expect("valid JSON");
        // Schema 2 is schema 1 with the fields of ranges.
        let ranges = report.sampling.is_some();
        assert_eq!(parsed["schema"], if ranges { 2 } else { 1 });
        assert_eq!(
            parsed["values"].as_array().map(Vec::len),
            Some(report.values.len())
        );
        insta::assert_snapshot!("json", doc);

        // Markdown: every section is a pipe table with a header rule.
        let md = render::markdown(&sheet);
        let headings = md.lines().filter(|l| l.starts_with("### ")).count();
        let rules = md.lines().filter(|l| l.starts_with("| ---")).count();
        assert_eq!(
            headings, rules,
            "{file}: a Markdown section without a table"
        );
        assert!(headings >= 2);
    });
}
