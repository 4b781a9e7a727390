//! `import "common.bote"` (issue 8), through the binary: the files in
//! `tests/fixtures/import/` import one another; each test failed before imports existed.

use crate::common::{bote, bote_with_stdin, json, transcript as run};

const DIR: &str = "tests/fixtures/import";

#[test]
fn a_scenario_uses_what_it_imports_and_marks_it() {
    insta::assert_snapshot!(run(&["run", &format!("{DIR}/plan.bote")], None));
}

#[test]
fn run_json_records_each_imported_file_once() {
    let doc = json(&bote(&[
        "run",
        "--format",
        "json",
        &format!("{DIR}/diamond.bote"),
    ]));
    // common.bote is imported by diamond.bote and by shared/replicas.bote: read once.
    assert_eq!(
        doc["imports"],
        serde_json::json!([
            "tests/fixtures/import/common.bote",
            "tests/fixtures/import/shared/replicas.bote"
        ])
    );
    let file_of = |name: &str| {
        doc["values"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["name"] == name)
            .map(|v| v.get("file").cloned())
            .unwrap()
    };
    assert_eq!(
        file_of("node_disk"),
        Some(serde_json::json!("tests/fixtures/import/common.bote"))
    );
    assert_eq!(
        file_of("replicas"),
        Some(serde_json::json!(
            "tests/fixtures/import/shared/replicas.bote"
        ))
    );
    assert_eq!(file_of("raw"), None);
    // A scenario that imports nothing has no `imports` field.
    let plain = json(&bote(&[
        "run",
        "--format",
        "json",
        "tests/fixtures/features.bote",
    ]));
    assert!(plain.get("imports").is_none());
}

#[test]
fn check_json_records_imported_files() {
    let doc = json(&bote(&[
        "check",
        "--format",
        "json",
        &format!("{DIR}/plan.bote"),
    ]));
    assert_eq!(
        doc["files"][0]["imports"],
        serde_json::json!(["tests/fixtures/import/common.bote"])
    );
}

#[test]
fn set_replaces_an_imported_definition() {
    let doc = json(&bote(&[
        "run",
        "--format",
        "json",
        "--set",
        "node_disk=8 TB",
        &format!("{DIR}/diamond.bote"),
    ]));
    let raw = doc["values"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["name"] == "raw")
        .unwrap();
    assert_eq!(raw["display"], "24 TB");
}

#[test]
fn an_import_cycle_names_every_file_in_it() {
    insta::assert_snapshot!(run(&["run", &format!("{DIR}/cycle_a.bote")], None));
}

#[test]
fn a_missing_import_is_an_input_error_at_its_path() {
    insta::assert_snapshot!(run(&["run", &format!("{DIR}/missing.bote")], None));
}

#[test]
fn a_name_in_an_import_and_in_the_importer_is_defined_twice() {
    insta::assert_snapshot!(run(&["check", &format!("{DIR}/twice.bote")], None));
}

#[test]
fn stdin_and_eval_import_relative_to_the_current_directory() {
    let out = bote_with_stdin(
        &["run", "--format", "json", "-"],
        Some(b"import \"tests/fixtures/import/common.bote\"\nx = node_disk * 2\n"),
    );
    assert_eq!(
        json(&out)["imports"],
        serde_json::json!(["tests/fixtures/import/common.bote"])
    );
    // eval prints the arguments' own results, not the imported definitions.
    insta::assert_snapshot!(run(
        &[
            "eval",
            "import \"tests/fixtures/import/common.bote\"",
            "node_disk * 3"
        ],
        None
    ), @r#"
    $ bote eval import "tests/fixtures/import/common.bote" node_disk * 3
    exit: 0
    --- stdout
    48 TB
    --- stderr
    "#);
}

#[cfg(unix)]
#[test]
fn an_endless_import_is_refused_at_the_size_limit() {
    insta::assert_snapshot!(run(&["eval", "import \"/dev/zero\""], None), @r#"
    $ bote eval import "/dev/zero"
    exit: 2
    --- stdout
    --- stderr
    error: `/dev/zero` is too large: more than 16777216 bytes (the limit)
     --> <expr>:1:8
      |
    1 | import "/dev/zero"
      |        ^^^^^^^^^^^ imported here
    "#);
}

#[test]
fn imports_nest_at_most_64_deep() {
    let dir = std::env::temp_dir().join(format!("bote-import-depth-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for i in 0..70 {
        let text = format!("import \"f{}.bote\"\nx{i} = {i}\n", i + 1);
        std::fs::write(dir.join(format!("f{i}.bote")), text).unwrap();
    }
    std::fs::write(dir.join("f70.bote"), "x70 = 70\n").unwrap();
    let deep = bote(&["check", dir.join("f0.bote").to_str().unwrap()]);
    let shallow = bote(&["check", dir.join("f10.bote").to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(deep.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&deep.stderr).contains("imports nested too deeply"),
        "{}",
        String::from_utf8_lossy(&deep.stderr)
    );
    assert!(shallow.status.success());
}
