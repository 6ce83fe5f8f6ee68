//! The RON loader under hostile input: broken, truncated, oddly encoded and enormous files give
//! their real errors at their real places, in linear time (the speed itself is measured in
//! `benches/load.rs`; these tests check only the answers).

use std::path::{Path, PathBuf};

use whomet::names::Matching;
use whomet::store::{load_dataset, load_files, DataFile, DataLocation, LoadError};

use crate::support::{root, whomet};

/// A copy of the repository's `graph/` folder in a fresh temporary folder.
fn graph_copy() -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("graph");
    copy_dir(&root().join("graph"), &dir);
    (temp, dir)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn file(name: &str, bytes: impl Into<Vec<u8>>) -> DataFile {
    DataFile {
        name: name.to_string(),
        bytes: bytes.into(),
    }
}

fn errors(files: &[DataFile]) -> LoadError {
    load_files(files).expect_err("the data should be rejected")
}

fn messages(err: &LoadError) -> Vec<String> {
    err.problems.iter().map(|p| p.to_string()).collect()
}

const ACTORS: &str = "(\n  actors: [\n    Actor(id: \"kim\", name: \"Kim\", kind: person),\n    Actor(id: \"xi\", name: \"Xi\", kind: person),\n  ],\n)\n";

/// `n` actors, all on one line; `escaped` writes every id with a `\u{…}` escape.
fn one_line_actors(n: usize, escaped: bool) -> String {
    let mut text = String::from("(actors: [");
    for i in 0..n {
        let id = if escaped {
            format!("a\\u{{62}}{i}")
        } else {
            format!("ab{i}")
        };
        text.push_str(&format!(
            "Actor(id: \"{id}\", name: \"A {i}\", kind: person), "
        ));
    }
    text.push_str("])");
    text
}

#[test]
fn truncated_sources_file_reports_the_real_error_not_unknown_references() {
    let (_temp, dir) = graph_copy();
    let sources = dir.join("sources.ron");
    let text = std::fs::read_to_string(&sources).unwrap();
    std::fs::write(&sources, &text[..text.len() / 2]).unwrap();
    let err = load_dataset(&DataLocation::Dir(dir.clone())).unwrap_err();
    let shown = messages(&err);
    assert!(shown[0].contains("sources.ron:"), "{shown:#?}");
    assert!(shown[0].contains("malformed RON"), "{shown:#?}");
    assert!(
        err.problems.iter().all(|p| p.file.ends_with("sources.ron")),
        "{shown:#?}"
    );
    assert!(shown.len() <= 2, "{shown:#?}");
    assert!(
        !shown.iter().any(|m| m.contains("unknown source")),
        "{shown:#?}"
    );
    assert_eq!(err.notes.len(), 1, "{:?}", err.notes);
    assert!(
        err.notes[0].contains("sources.ron did not parse"),
        "{:?}",
        err.notes
    );
    // The binary shows the real error first and the note after it.
    let output = whomet()
        .args(["check", "--data"])
        .arg(&dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    let error = stderr
        .find("malformed RON")
        .expect("the parse error is shown");
    let note = stderr.find("note: ").expect("the note is shown");
    assert!(error < note, "{stderr}");
    assert!(!stderr.contains("unknown source"), "{stderr}");
}

#[test]
fn unknown_references_are_still_reported_when_every_file_parses() {
    let meeting = "(meetings: [Meeting(id: \"m\", date: \"2018\", participants: [P(actor: \"kim\"), P(actor: \"xi\")], sources: [Cite(source: \"nowhere\")])])";
    let err = errors(&[file("a.ron", ACTORS), file("m.ron", meeting)]);
    assert!(
        messages(&err)[0].contains("cites unknown source \"nowhere\""),
        "{err}"
    );
    assert!(err.notes.is_empty());
}

#[test]
fn every_broken_record_in_a_file_is_reported() {
    let text = "(\n  actors: [\n    Actor(id: \"a\", name: \"A\", kind: wizard),\n    Actor(id: \"b\", name: \"B\", kind: person),\n    Actor(id: \"c\", nmae: \"C\", kind: person),\n  ],\n)\n";
    let err = errors(&[file("actors.ron", text)]);
    let lines: Vec<Option<usize>> = err.problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [Some(3), Some(5)], "{err}");
    assert!(err
        .problems
        .iter()
        .all(|p| p.message.contains("malformed RON")));
}

#[test]
fn a_broken_bracket_says_the_rest_is_not_checked() {
    let text = "(\n  actors: [\n    Actor(id: \"a\", name: \"A\", kind: person],\n    Actor(id: \"b\", name: \"B\", kind: person),\n  ],\n)\n";
    let err = errors(&[file("actors.ron", text)]);
    assert!(
        err.problems[0]
            .message
            .ends_with("the rest of this file is not checked"),
        "{err}"
    );
    assert_eq!(err.problems[0].line, Some(3));
}

#[test]
fn escaped_id_is_located_at_its_own_line() {
    let text = "(\n  actors: [\n    Actor(id: \"ok\", name: \"OK\", kind: person),\n    Actor(\n      id: \"dp\\u{72}k\",\n      name: \"D\",\n      kind: state,\n    ),\n    Actor(\n      id: r#\"dp\\u{72}k\"#,\n      name: \"raw, not escaped\",\n      kind: state,\n    ),\n    Actor(\n      id: \"dprk\",\n      name: \"again\",\n      kind: state,\n    ),\n  ],\n)\n";
    let err = errors(&[file("actors.ron", text)]);
    // The third "dprk" (spelt plainly on line 15) repeats the escaped one on line 5; the raw
    // string on line 10 is another id.
    assert_eq!(
        messages(&err),
        ["actors.ron:15:11: duplicate actor id \"dprk\" (first defined at actors.ron:5)"]
    );
}

#[test]
fn invalid_utf8_is_named_with_line_and_column() {
    let mut bytes = ACTORS.as_bytes().to_vec();
    // Inside the second actor's name, on line 4.
    let at = ACTORS.find("\"Xi\"").unwrap() + 2;
    bytes.insert(at, 0xff);
    let err = errors(&[file("actors.ron", bytes)]);
    let shown = messages(&err);
    assert_eq!(shown.len(), 1, "{shown:#?}");
    assert!(shown[0].starts_with("actors.ron:4:"), "{shown:#?}");
    assert!(shown[0].contains("not valid UTF-8"), "{shown:#?}");
    assert!(shown[0].contains("0xff"), "{shown:#?}");
    assert!(shown[0].contains(&format!("offset {at}")), "{shown:#?}");
}

#[test]
fn bom_is_skipped() {
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend_from_slice(ACTORS.as_bytes());
    let meeting = "(meetings: [Meeting(id: \"m\", date: \"2018\", participants: [P(actor: \"kim\"), P(actor: \"xi\")], sources: [])])";
    let err = errors(&[file("a.ron", bytes.clone()), file("m.ron", meeting)]);
    // Only the real problem: the BOM is no error and the ids behind it resolve.
    assert_eq!(messages(&err).len(), 1, "{err}");
    assert!(messages(&err)[0].contains("cites no source"), "{err}");
    let bad = [bytes, b"\n".to_vec()].concat();
    let bad = String::from_utf8(bad)
        .unwrap()
        .replace("kind: person),\n  ]", "kind: persn),\n  ]");
    let err = errors(&[file("a.ron", bad)]);
    // Line 4, column 49 as an editor shows it: the BOM is no column.
    assert!(messages(&err)[0].starts_with("a.ron:4:"), "{err}");
}

#[test]
fn cr_only_ron_file_says_so() {
    let text = ACTORS.replace('\n', "\r");
    let err = errors(&[file("old-mac.ron", text)]);
    let shown = messages(&err);
    assert_eq!(shown.len(), 1, "{shown:#?}");
    assert!(shown[0].contains("CR-only line ends"), "{shown:#?}");
    assert!(shown[0].contains("LF or CRLF"), "{shown:#?}");
}

#[test]
fn crlf_ron_file_reports_right_lines() {
    let text = ACTORS
        .replace("kind: person),\n  ]", "kind: wizard),\n  ]")
        .replace('\n', "\r\n");
    let err = errors(&[file("windows.ron", text.clone())]);
    assert_eq!(err.problems[0].line, Some(4), "{err}");
    // And a check error, found by the loader's own index.
    let dup = ACTORS.replace("\"xi\"", "\"kim\"").replace('\n', "\r\n");
    let err = errors(&[file("windows.ron", dup)]);
    assert_eq!(
        messages(&err),
        ["windows.ron:4:15: duplicate actor id \"kim\" (first defined at windows.ron:3)"]
    );
}

#[test]
fn one_line_200k_actors_loads_in_linear_time() {
    let text = one_line_actors(200_000, false);
    let data = load_files(&[file("actors.ron", text)]).expect("loads");
    assert_eq!(data.actors.len(), 200_000);
}

#[test]
fn one_line_actors_with_errors_are_each_placed() {
    let mut text = one_line_actors(20_000, true);
    // Every id again, escaped the same way: 20,000 duplicates on one line.
    text = text.replacen(
        "(actors: [",
        &format!("(actors: [{}", &text[10..text.len() - 2]),
        1,
    );
    let err = errors(&[file("actors.ron", text.clone())]);
    assert_eq!(err.problems.len(), 20_000);
    let first = &err.problems[0];
    assert_eq!(first.line, Some(1));
    let span = first.span.clone().unwrap();
    assert_eq!(&text[span], "\"a\\u{62}0\"");
    // The line is far too long to print under every error.
    let rendered = err.render(false);
    assert!(rendered.len() < 200 * 20_000, "{}", rendered.len());
}

#[test]
fn escaped_40k_ids_load() {
    let text = one_line_actors(40_000, true);
    let data = load_files(&[file("actors.ron", text)]).expect("loads");
    assert_eq!(data.actors[0].id, "ab0");
}

#[test]
fn long_unknown_name_is_refused_without_a_fuzzy_scan() {
    // The suggestion search skips names past its bound; a 100 KB name against 20,000 actors
    // answers at once instead of comparing every key letter by letter.
    let data = load_files(&[file("actors.ron", one_line_actors(20_000, false))]).unwrap();
    let graph = whomet::MeetingGraph::new(data);
    let name = "zq ".repeat(34_000);
    for matching in [Matching::Strict, Matching::Fuzzy] {
        let err = graph
            .names()
            .resolve(graph.data(), &name, matching)
            .unwrap_err();
        assert!(err.to_string().len() > name.len() / 2);
    }
    let output = whomet()
        .args(["met", "--data", "graph", &name])
        .current_dir(root())
        .output()
        .unwrap();
    assert!(!output.status.success());
}
