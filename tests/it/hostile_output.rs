//! Output stays valid for any text: names holding characters XML 1.0 cannot carry (U+FFFE,
//! U+FFFF, C0 controls) still give well-formed GraphML, GEXF and SVG.

use crate::support::whomet;

/// A CSV pair whose names hold a non-character, a control character and markup.
fn hostile_pair(dir: &std::path::Path) -> std::path::PathBuf {
    let actors = "id,name,kind,aliases\n\
        a,\"Kim\u{FFFE} <b>&\",person,\n\
        b,\"Ri\u{1}\u{FFFF}\",person,\n";
    let meetings = "id,date,participants,place,source\n\
        m1,2018-11-04,a|b,\"Pyong\u{FFFE}yang\",https://news.example.org/1\n";
    std::fs::write(dir.join("actors.csv"), actors).unwrap();
    std::fs::write(dir.join("meetings.csv"), meetings).unwrap();
    dir.to_path_buf()
}

#[test]
fn non_characters_in_names_keep_graphml_gexf_and_svg_well_formed() {
    let temp = tempfile::tempdir().unwrap();
    let data = hostile_pair(temp.path());
    for (args, file) in [
        (&["export", "--as", "graphml", "-o"][..], "net.graphml"),
        (&["export", "--as", "gexf", "-o"][..], "net.gexf"),
        (&["render", "-o"][..], "net.svg"),
    ] {
        let out = temp.path().join(file);
        whomet()
            .arg("--data")
            .arg(&data)
            .args(args)
            .arg(&out)
            .assert()
            .success();
        let text = std::fs::read_to_string(&out).unwrap();
        // SVG starts with Graphviz's DOCTYPE.
        let options = roxmltree::ParsingOptions {
            allow_dtd: true,
            ..roxmltree::ParsingOptions::default()
        };
        let document = roxmltree::Document::parse_with_options(&text, options)
            .unwrap_or_else(|e| panic!("{file} is not well-formed XML: {e}"));
        assert!(
            !text.contains(['\u{FFFE}', '\u{FFFF}', '\u{1}']),
            "{file} holds a character XML cannot carry"
        );
        // The names are still there, the bad characters shown as U+FFFD or a space.
        let all_text: String = document
            .descendants()
            .flat_map(|n| {
                n.attributes()
                    .map(|a| a.value().to_string())
                    .chain(n.text().map(str::to_string))
                    .collect::<Vec<_>>()
            })
            .collect();
        assert!(all_text.contains("Kim"), "{file}: {all_text}");
        assert!(all_text.contains("<b>&"), "{file}: markup kept as text");
    }
}

#[test]
fn ids_that_could_merge_in_an_export_are_refused_where_they_stand() {
    let temp = tempfile::tempdir().unwrap();
    std::fs::write(
        temp.path().join("actors.ron"),
        "(actors: [\n  Actor(id: \"a|b\", name: \"A\", kind: person),\n  Actor(id: \"c\\u{7}\", name: \"C\", kind: person),\n  Actor(id: \"d;e\", name: \"D\", kind: person),\n])\n",
    )
    .unwrap();
    let out = crate::support::whomet()
        .arg("--data")
        .arg(temp.path())
        .arg("check")
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("actors.ron:2:"), "{stderr}");
    assert!(stderr.contains("contains | or ;"), "{stderr}");
    assert!(stderr.contains("actors.ron:3:"), "{stderr}");
    assert!(stderr.contains("contains a control character"), "{stderr}");
    assert!(stderr.contains("actors.ron:4:"), "{stderr}");
    // The control character never reaches the terminal raw.
    assert!(!stderr.contains('\u{7}'), "{stderr:?}");

    let csv = temp.path().join("pair");
    std::fs::create_dir(&csv).unwrap();
    std::fs::write(
        csv.join("actors.csv"),
        "id,name,kind,aliases\n\"a|b\",A,person,\n\"c\u{1b}[31m\",C,person,\n",
    )
    .unwrap();
    std::fs::write(
        csv.join("meetings.csv"),
        "id,date,participants,place,source\n",
    )
    .unwrap();
    let out = crate::support::whomet()
        .arg("--data")
        .arg(&csv)
        .arg("check")
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr
            .contains("actors.csv:2: actor \"a|b\", column \"id\": the id \"a|b\" contains | or ;"),
        "{stderr}"
    );
    assert!(stderr.contains("actors.csv:3:"), "{stderr}");
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
}

#[test]
fn control_characters_in_names_never_reach_the_terminal_raw() {
    let temp = tempfile::tempdir().unwrap();
    std::fs::write(
        temp.path().join("actors.ron"),
        "(actors: [\n  Actor(id: \"a\", name: \"Ann\\u{1b}[2J\", kind: person),\n  Actor(id: \"b\", name: \"Bo\\u{7}\", kind: person),\n])\n",
    )
    .unwrap();
    std::fs::write(
        temp.path().join("meetings.ron"),
        "(sources: [Source(id: \"s\", publication: \"P\\u{8}\")], meetings: [Meeting(id: \"m\", date: \"2016\", participants: [P(actor: \"a\"), P(actor: \"b\")], sources: [Cite(source: \"s\")], notes: \"x\\u{1b}]0;title\\u{7}\")])\n",
    )
    .unwrap();
    for args in [
        &["actors"][..],
        &["meetings"][..],
        &["timeline", "a"][..],
        &["show", "a"][..],
        &["met", "a"][..],
        &["between", "a", "b"][..],
    ] {
        let out = crate::support::whomet()
            .arg("--data")
            .arg(temp.path())
            .args(args)
            .env("COLUMNS", "100")
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{args:?}: {text:?}"
        );
        assert!(
            text.contains("\\u{1b}") || args[0] == "met",
            "{args:?}: {text}"
        );
    }
    // JSON escapes them by its own rules, so the data comes through whole.
    let out = crate::support::whomet()
        .arg("--data")
        .arg(temp.path())
        .args(["actors", "--format", "json"])
        .output()
        .unwrap();
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value[0]["name"], "Ann\u{1b}[2J");
}
