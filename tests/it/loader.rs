//! The loader on the real `graph/` data and on every class of bad input: each error names the
//! file, line and column, the offending value, and what was expected.

use whomet::store::{load, load_dataset, load_files, DataFile, DataLocation, LoadError};

const ACTORS: &str = r#"(
    actors: [
        Actor(id: "kim-jong-un", name: "Kim Jong Un", kind: person, aliases: ["Kim Jong-un"]),
        Actor(id: "xi-jinping", name: "Xi Jinping", kind: person),
        Actor(id: "cuba", name: "Cuba", kind: state),
    ],
    sources: [
        Source(id: "herald", publication: "The Korea Herald", published: "2018-11-06"),
    ],
)
"#;

fn file(name: &str, text: &str) -> DataFile {
    DataFile {
        name: name.to_string(),
        bytes: text.as_bytes().to_vec(),
    }
}

fn meeting(id: &str, date: &str, participants: &[&str], source: &str) -> String {
    let ps: Vec<String> = participants
        .iter()
        .map(|p| format!("P(actor: \"{p}\")"))
        .collect();
    format!(
        "    Meeting(\n        id: \"{id}\",\n        date: \"{date}\",\n        participants: [{}],\n        sources: [Cite(source: \"{source}\")],\n    ),\n",
        ps.join(", ")
    )
}

fn errors(files: &[DataFile]) -> LoadError {
    load_files(files).expect_err("the data should be rejected")
}

fn messages(err: &LoadError) -> Vec<String> {
    err.problems.iter().map(|p| p.to_string()).collect()
}

#[test]
fn bundled_graph_folder_is_clean() {
    let graph = load(&DataLocation::Dir("graph".into())).expect("graph/ loads clean");
    assert!(graph.actor_count() >= 40);
    assert!(graph.data().meetings.len() >= 20);
    // Every meeting cites a source and has two or more distinct participants.
    for m in &graph.data().meetings {
        assert!(!m.sources.is_empty(), "{}", m.id);
        assert!(m.participants.len() >= 2, "{}", m.id);
    }
    // The embedded copy is the same data.
    let embedded = load_dataset(&DataLocation::Embedded).unwrap();
    assert_eq!(&embedded, graph.data());
}

#[test]
fn malformed_ron_names_line_and_column() {
    let err = errors(&[file(
        "graph/actors.ron",
        "(\n    actors: [\n        Actor(id: \"a\" name: \"A\", kind: person),\n    ],\n)\n",
    )]);
    let text = messages(&err);
    assert_eq!(text.len(), 1);
    assert!(text[0].starts_with("graph/actors.ron:3:"), "{text:?}");
    assert!(text[0].contains("malformed RON"), "{text:?}");
}

#[test]
fn unknown_field_lists_expected_fields() {
    let err = errors(&[file(
        "a.ron",
        "(actors: [Actor(id: \"a\", name: \"A\", kind: person, nickname: \"x\")])",
    )]);
    let text = &messages(&err)[0];
    assert!(text.starts_with("a.ron:1:"), "{text}");
    assert!(text.contains("nickname"), "{text}");
    assert!(
        text.contains("aliases"),
        "the expected fields are listed: {text}"
    );
}

#[test]
fn unknown_actor_suggests_nearest_ids() {
    let meetings = format!(
        "(\n  meetings: [\n{}  ],\n)\n",
        meeting(
            "m1",
            "2016-06-28",
            &["kim-jong-uun", "xi-jinping"],
            "herald"
        )
    );
    let err = errors(&[
        file("graph/actors.ron", ACTORS),
        file("graph/meetings/2016.ron", &meetings),
    ]);
    assert_eq!(
        messages(&err),
        ["graph/meetings/2016.ron:6:33: meeting \"m1\" names unknown actor \"kim-jong-uun\" (did you mean \"kim-jong-un\"?)"]
    );
}

#[test]
fn unknown_source_is_reported() {
    let meetings = format!(
        "(meetings: [\n{}])",
        meeting(
            "m1",
            "2016-06-28",
            &["kim-jong-un", "xi-jinping"],
            "heraldd"
        )
    );
    let err = errors(&[file("graph/actors.ron", ACTORS), file("m.ron", &meetings)]);
    assert_eq!(messages(&err), ["m.ron:6:32: meeting \"m1\" cites unknown source \"heraldd\" (did you mean \"herald\"?)"]);
}

#[test]
fn duplicate_ids_across_files_name_both_places() {
    let again = "(actors: [\n  Actor(id: \"xi-jinping\", name: \"Xi\", kind: person),\n])\n";
    let err = errors(&[
        file("graph/actors.ron", ACTORS),
        file("graph/more.ron", again),
    ]);
    assert_eq!(
        messages(&err),
        ["graph/more.ron:2:13: duplicate actor id \"xi-jinping\" (first defined at graph/actors.ron:4)"]
    );
}

#[test]
fn impossible_dates_are_each_reported() {
    let meetings = format!(
        "(meetings: [\n{}{}{}])",
        meeting(
            "feb",
            "2016-02-30",
            &["kim-jong-un", "xi-jinping"],
            "herald"
        ),
        meeting("month", "2016-13", &["kim-jong-un", "xi-jinping"], "herald"),
        meeting(
            "range",
            "2016-07-01..2016-06-28",
            &["kim-jong-un", "xi-jinping"],
            "herald"
        ),
    );
    let err = errors(&[file("graph/actors.ron", ACTORS), file("m.ron", &meetings)]);
    let text = messages(&err);
    assert_eq!(text.len(), 3, "{text:?}");
    assert!(text[0].starts_with("m.ron:4:15: meeting \"feb\" has invalid date \"2016-02-30\": day 30 does not exist in 2016-02"), "{text:?}");
    assert!(
        text[1].starts_with(
            "m.ron:10:15: meeting \"month\" has invalid date \"2016-13\": month must be 01 to 12"
        ),
        "{text:?}"
    );
    assert!(text[2].starts_with("m.ron:16:15: meeting \"range\" has invalid date \"2016-07-01..2016-06-28\": the range ends (2016-06-28) before it starts (2016-07-01)"), "{text:?}");
    assert!(text
        .iter()
        .all(|t| t.contains("expected YYYY, YYYY-MM, YYYY-MM-DD or a range")));
}

#[test]
fn too_few_or_repeated_participants() {
    let meetings = format!(
        "(meetings: [\n{}{}])",
        meeting("alone", "2016", &["kim-jong-un"], "herald"),
        meeting(
            "twice",
            "2016",
            &["kim-jong-un", "xi-jinping", "kim-jong-un"],
            "herald"
        ),
    );
    let err = errors(&[file("graph/actors.ron", ACTORS), file("m.ron", &meetings)]);
    assert_eq!(
        messages(&err),
        [
            "m.ron:3:13: meeting \"alone\" has 1 participant; a meeting needs two or more distinct actors",
            "m.ron:11:82: meeting \"twice\" lists participant \"kim-jong-un\" twice; list each actor once",
        ]
    );
}

#[test]
fn sides_are_checked_and_one_side_is_a_presence() {
    let meetings = r#"(meetings: [
  Meeting(id: "both", date: "2016", participants: [P(actor: "kim-jong-un")],
    sides: [Side(members: [P(actor: "xi-jinping")])], sources: [Cite(source: "herald")]),
  Meeting(id: "empty", date: "2016", sides: [Side(name: "hosts", members: [P(actor: "kim-jong-un")]), Side(members: [])],
    sources: [Cite(source: "herald")]),
  Meeting(id: "across", date: "2016", sides: [Side(members: [P(actor: "kim-jong-un"), P(actor: "xi-jinping")]), Side(members: [P(actor: "kim-jong-un")])],
    sources: [Cite(source: "herald")]),
])"#;
    let err = errors(&[file("graph/actors.ron", ACTORS), file("m.ron", meetings)]);
    assert_eq!(
        messages(&err),
        [
            "m.ron:2:15: meeting \"both\" gives both participants and sides; list the participants in sides",
            "m.ron:4:15: meeting \"empty\" has an empty side 2; every side needs a member",
            "m.ron:6:137: meeting \"across\" lists participant \"kim-jong-un\" twice; list each actor once",
        ]
    );
    let presence = r#"(meetings: [
  Meeting(id: "show", date: "2016", kind: performance,
    sides: [Side(name: "audience", members: [P(actor: "kim-jong-un"), P(actor: "xi-jinping")])],
    sources: [Cite(source: "herald")]),
])"#;
    let data = load_files(&[file("graph/actors.ron", ACTORS), file("m.ron", presence)])
        .expect("a one-sided record loads");
    let graph = whomet::MeetingGraph::new(data);
    assert!(graph.meeting(whomet::model::MeetingIndex(0)).is_presence());
    assert_eq!(
        graph.adjacency().edge_count(),
        0,
        "presence is not a meeting"
    );
}

#[test]
fn affiliation_to_a_person_is_rejected() {
    let affiliations = "(affiliations: [\n  Affiliation(actor: \"kim-jong-un\", of: \"xi-jinping\", role: \"friend\"),\n  Affiliation(actor: \"xi-jinping\", of: \"cuba\", role: \"guest\", from: \"2016\", to: \"2015\"),\n])";
    let err = errors(&[
        file("graph/actors.ron", ACTORS),
        file("aff.ron", affiliations),
    ]);
    assert_eq!(
        messages(&err),
        [
            "aff.ron:2:41: affiliation of \"kim-jong-un\" is to \"xi-jinping\", a person; expected a party, state or organization",
            "aff.ron:3:81: affiliation of \"xi-jinping\" ends (2015) before it starts (2016)",
        ]
    );
}

#[test]
fn every_error_is_listed_not_only_the_first() {
    let meetings = format!(
        "(meetings: [\n{}{}])",
        meeting("a", "2016-02-30", &["nobody", "xi-jinping"], "herald"),
        meeting("b", "2016", &["kim-jong-un", "ghost"], "nowhere"),
    );
    let err = errors(&[file("graph/actors.ron", ACTORS), file("m.ron", &meetings)]);
    assert_eq!(err.problems.len(), 4, "{:?}", messages(&err));
    let rendered = err.render(false);
    assert!(rendered.contains("4 errors in the data"), "{rendered}");
    assert!(
        rendered.contains("m.ron:4:15"),
        "snippets carry positions: {rendered}"
    );
}

#[test]
fn empty_folder_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let err = load(&DataLocation::Dir(dir.path().to_path_buf())).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("holds no .ron files"), "{text}");
    assert!(
        text.starts_with(&dir.path().display().to_string()),
        "{text}"
    );
}

#[test]
fn missing_folder_is_an_error() {
    let err = load(&DataLocation::Dir("no/such/folder".into())).unwrap_err();
    assert_eq!(err.to_string(), "no/such/folder: data folder not found (expected a folder of .ron files, or actors.csv and meetings.csv)");
}

#[test]
fn non_utf8_file_names_the_place() {
    let mut bytes = b"(actors: [\n  Actor(id: \"a\", name: \"caf".to_vec();
    bytes.push(0xe9);
    bytes.extend_from_slice(b"\", kind: person)])");
    let err = errors(&[DataFile {
        name: "latin1.ron".into(),
        bytes,
    }]);
    assert_eq!(
        messages(&err),
        ["latin1.ron:2:28: the file is not valid UTF-8 (byte 0xe9 at offset 38); save it as UTF-8"]
    );
}

#[test]
fn hostile_input_never_panics() {
    let samples = [
        "",
        "(",
        ")",
        "((((",
        "(actors: [Actor(id: \"\", name: \"\", kind: person)])",
        "(meetings: [Meeting()])",
        "(meetings: [Meeting(id: \"x\", date: \"..\", participants: [], sources: [])])",
        "\u{feff}(actors: [])",
        "(actors: 5)",
        "[]",
        "(sources: [Source(id: \"s\", publication: \"p\", published: \"2016-99\")])",
    ];
    for sample in samples {
        let _ = load_files(&[file("x.ron", sample)]);
    }
}
