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
