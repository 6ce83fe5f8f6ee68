//! Expected-output files, one or more per command: the spec a newcomer reads first. Each case
//! runs the binary on the bundled `graph/` (or a fixture) and compares stdout, stderr and the
//! exit code with `tests/it/snapshots/`. After an intended change of output, regenerate with
//! `INSTA_UPDATE=always cargo test expected` and review the diff.

use crate::support::{root, whomet};

/// Runs `whomet --data DATA ARGS` from the repository's root (so that paths in messages do
/// not depend on where it is checked out) and returns a transcript of what a user would see.
fn transcript(data: &str, args: &[&str]) -> String {
    transcript_in(data, args, None)
}

/// A transcript with tables fitted to `columns`, as on a terminal that wide.
fn transcript_in(data: &str, args: &[&str], columns: Option<u16>) -> String {
    let mut command = whomet();
    if let Some(columns) = columns {
        command.env("COLUMNS", columns.to_string());
    }
    let output = command
        .current_dir(root())
        .arg("--data")
        .arg(data)
        .args(args)
        .output()
        .expect("whomet runs");
    let mut text = format!(
        "$ whomet {}\nexit: {}\n",
        args.join(" "),
        output
            .status
            .code()
            .map_or("signal".into(), |c| c.to_string())
    );
    for (name, bytes) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
        if !bytes.is_empty() {
            text.push_str(&format!("--- {name}\n{}", String::from_utf8_lossy(bytes)));
        }
    }
    text
}

/// A transcript on the bundled data.
fn bundled(args: &[&str]) -> String {
    transcript("graph", args)
}

macro_rules! expect {
    ($name:ident, $text:expr) => {
        #[test]
        fn $name() {
            insta::assert_snapshot!(stringify!($name), $text);
        }
    };
}

expect!(check_counts, bundled(&["check"]));
expect!(actors_csv, bundled(&["actors", "--format", "csv"]));
expect!(meetings_table, bundled(&["meetings"]));
expect!(met_kim_jong_un_table, bundled(&["met", "Kim Jong Un"]));
expect!(
    timeline_diaz_canel_json,
    bundled(&["timeline", "miguel-diaz-canel", "--format", "json"])
);
expect!(
    between_kim_and_diaz_canel_table,
    bundled(&["between", "kim-jong-un", "miguel-diaz-canel"])
);
expect!(
    path_xi_to_kim_table,
    bundled(&["path", "xi-jinping", "kim-jong-un"])
);
expect!(
    path_in_time_order_json,
    bundled(&[
        "path",
        "xi-jinping",
        "kim-jong-un",
        "--in-time-order",
        "--format",
        "json"
    ])
);
expect!(
    reach_from_xi_csv,
    bundled(&["reach", "xi-jinping", "--format", "csv"])
);
expect!(centrality_top_table, bundled(&["centrality", "--top", "8"]));
expect!(dot_world, transcript("tests/fixtures/dot", &["dot"]));
expect!(export_cypher, bundled(&["export", "--as", "cypher"]));
expect!(error_unknown_name, bundled(&["met", "Kim Jong Xyz"]));
expect!(
    error_bad_date_window,
    bundled(&["met", "kim-jong-un", "--from", "2016-13"])
);
expect!(
    met_in_a_window_marks_possible_rows,
    bundled(&["met", "kim-jong-un", "--from", "2014", "--to", "2016"])
);
expect!(
    meetings_in_a_certain_window,
    bundled(&["meetings", "--from", "2016", "--to", "2016", "--within", "certain"])
);
expect!(
    show_choe_ryong_hae_table,
    bundled(&["show", "choe-ryong-hae"])
);
expect!(show_dprk_table, bundled(&["show", "dprk"]));
expect!(
    show_kim_jong_un_json,
    bundled(&["show", "kim-jong-un", "--format", "json"])
);
expect!(
    show_diaz_canel_csv,
    bundled(&["show", "miguel-diaz-canel", "--format", "csv"])
);
expect!(
    affiliations_of_the_workers_party_table,
    bundled(&["affiliations", "--of", "workers-party-of-korea"])
);
expect!(
    sources_of_kim_jong_un_json,
    bundled(&["sources", "--actor", "kim-jong-un", "--format", "json"])
);
expect!(
    meetings_at_80_columns,
    transcript_in("graph", &["meetings", "--from", "2018"], Some(80))
);
expect!(
    show_choe_ryong_hae_at_80_columns,
    transcript_in("graph", &["show", "choe-ryong-hae"], Some(80))
);

#[test]
fn tables_fit_80_columns() {
    for args in [
        &["meetings"][..],
        &["show", "kim-jong-un"][..],
        &["timeline", "miguel-diaz-canel"][..],
        &["met", "kim-jong-un"][..],
        &["path", "xi-jinping", "kim-jong-un"][..],
        &["centrality", "--top", "5"][..],
        &["sources"][..],
    ] {
        let text = transcript_in("graph", args, Some(80));
        for line in text.lines().skip(2) {
            assert!(
                line.chars().count() <= 80,
                "{args:?}: {} columns: {line}",
                line.chars().count()
            );
        }
    }
}
