//! The `whomet` binary: data location, formats, exit codes, and name errors.

use crate::support::{json, whomet};
use predicates::prelude::*;

#[test]
fn check_prints_counts_and_exits_zero() {
    let value = json(&["check"]);
    assert_eq!(value["ok"], true);
    assert_eq!(value["data"], "graph");
    let actors: u64 = value["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p[1].as_u64().unwrap())
        .sum();
    assert!(actors >= 40);
    assert_eq!(value["meetings"][0][0], "held");
}

#[test]
fn check_lists_every_error_and_exits_one() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.ron"),
        "(actors: [Actor(id: \"a\", name: \"A\", kind: person)],\n meetings: [Meeting(id: \"m\", date: \"2016-02-30\", participants: [P(actor: \"a\"), P(actor: \"b\")], sources: [])])\n",
    )
    .unwrap();
    whomet()
        .args(["check", "--data"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("bad.ron:2:"))
        .stderr(predicate::str::contains("invalid date \"2016-02-30\""))
        .stderr(predicate::str::contains("names unknown actor \"b\""))
        .stderr(predicate::str::contains("cites no source"))
        .stderr(predicate::str::contains("3 errors in the data"));
}

#[test]
fn data_option_goes_before_or_after_the_subcommand_and_env_works() {
    let after = whomet()
        .args(["actors", "--data", "graph", "--format", "csv"])
        .output()
        .unwrap();
    let before = whomet()
        .args(["--data", "graph", "actors", "--format", "csv"])
        .output()
        .unwrap();
    let env = whomet()
        .env("WHOMET_DATA", "graph")
        .args(["actors", "--format", "csv"])
        .output()
        .unwrap();
    assert!(after.status.success());
    assert_eq!(after.stdout, before.stdout);
    assert_eq!(after.stdout, env.stdout);
}

#[test]
fn built_in_data_is_used_outside_the_repository() {
    let dir = tempfile::tempdir().unwrap();
    whomet()
        .current_dir(dir.path())
        .args(["check", "--format", "csv"])
        .assert()
        .success()
        .stdout(predicate::str::contains("actors: person"));
    let value: serde_json::Value = serde_json::from_slice(
        &whomet()
            .current_dir(dir.path())
            .args(["check", "--format", "json"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert_eq!(value["data"], "the curated data built into whomet");
}

#[test]
fn actors_json_has_the_documented_keys() {
    let value = json(&["actors", "--kind", "state"]);
    let states = value.as_array().unwrap();
    assert!(states.iter().all(|a| a["kind"] == "state"));
    let dprk = states
        .iter()
        .find(|a| a["id"] == "dprk")
        .expect("dprk listed");
    for key in ["id", "name", "kind", "aliases"] {
        assert!(dprk.get(key).is_some(), "{key}");
    }
    let ids: Vec<&str> = states.iter().map(|a| a["id"].as_str().unwrap()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted, "sorted by id");
}

#[test]
fn meetings_json_filters_by_actor_window_and_status() {
    let value = json(&[
        "meetings",
        "--actor",
        "Kim Jong-un",
        "--from",
        "2018",
        "--to",
        "2018-11-04",
    ]);
    let ids: Vec<&str> = value
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "2018-09-kim-jong-un-moon-jae-in",
            "2018-11-03-kim-jong-un-chinese-art-troupe",
            "2018-11-04-kim-jong-un-welcomes-diaz-canel",
            "2018-11-04-kim-jong-un-diaz-canel-dinner",
        ]
    );
    let first = &value[0];
    for key in [
        "id",
        "date",
        "status",
        "kind",
        "place",
        "participants",
        "sources",
    ] {
        assert!(first.get(key).is_some(), "{key}");
    }
    assert_eq!(
        first["participants"],
        serde_json::json!(["kim-jong-un", "moon-jae-in"])
    );
    let declined = json(&["meetings", "--status", "declined"]);
    assert_eq!(declined.as_array().unwrap().len(), 1);
    assert_eq!(declined[0]["status"], "declined");
}

#[test]
fn ambiguous_and_unknown_names_exit_two_with_candidates() {
    // A bare surname is a word of two names: listed, never taken.
    whomet()
        .args(["met", "Castro"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "error: no actor is called \"Castro\"; candidates: fidel-castro (Fidel Castro, person: a word of \"fidel castro\"), raul-castro (Raul Castro, person: a word of \"raul castro\"); give one of their ids\n",
        );
    whomet()
        .args(["--fuzzy", "met", "Castro"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("\"Castro\" is ambiguous"))
        .stderr(predicate::str::contains(
            "fidel-castro (Fidel Castro, person)",
        ))
        .stderr(predicate::str::contains("raul-castro"));
    whomet()
        .args(["timeline", "Kim Jong Nam"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
        "error: no actor is called \"Kim Jong Nam\"; candidates: kim-yong-nam (Kim Yong Nam, person: one letter from \"kim yong nam\")",
    ));
    whomet()
        .args(["met", "Zhang Wei"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "error: no actor is called \"Zhang Wei\"",
        ));
}

#[test]
fn prefix_and_fuzzy_matches_say_so_on_stderr() {
    whomet()
        .args(["met", "díaz canel", "--format", "csv"])
        .assert()
        .success()
        .stderr("")
        .stdout(predicate::str::contains("kim-jong-un"));
    whomet()
        .args(["--fuzzy", "met", "Valdes", "--format", "csv"])
        .assert()
        .success()
        .stderr(predicate::str::contains("taken as salvador-valdes-mesa"));
    whomet()
        .args(["met", "--fuzzy", "kim jong unn", "--format", "csv"])
        .assert()
        .success()
        .stderr(
            "note: \"kim jong unn\" taken as kim-jong-un (Kim Jong Un), matching \"kim jong un\"\n",
        );
}

#[test]
fn usage_errors_exit_two() {
    whomet()
        .args(["meetings", "--from", "2016-13"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("month must be 01 to 12"));
    whomet().args(["path", "xi"]).assert().code(2);
    whomet()
        .args(["path", "xi", "kim-jong-un", "--avoid", "xi"])
        .assert()
        .code(2);
}

#[test]
fn path_json_follows_the_contract() {
    let value = json(&["path", "Xi Jinping", "Kim Jong Un"]);
    assert_eq!(value["from"], "xi-jinping");
    assert_eq!(value["to"], "kim-jong-un");
    assert_eq!(value["found"], true);
    let path = &value["paths"][0];
    assert_eq!(
        path["actors"],
        serde_json::json!(["xi-jinping", "salvador-valdes-mesa", "kim-jong-un"])
    );
    let hop = &path["hops"][0];
    assert_eq!(hop["from"], "xi-jinping");
    assert_eq!(hop["meeting"], "2016-06-27-valdes-mesa-xi-jinping");
    assert_eq!(hop["date"], "2016-06-27");
    assert_eq!(hop["via"], "meeting");
}

#[test]
fn path_not_found_still_exits_zero_and_says_why() {
    let value = json(&["path", "fidel-castro", "kim-jong-un"]);
    assert_eq!(value["found"], false);
    assert_eq!(value["paths"], serde_json::json!([]));
    whomet()
        .args(["path", "fidel-castro", "kim-jong-un"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "no chain of held meetings links fidel-castro and kim-jong-un",
        ))
        .stdout(predicate::str::contains("through shared affiliations"));
    whomet()
        .args([
            "path",
            "kim-jong-un",
            "xi",
            "--in-time-order",
            "--from",
            "2016",
            "--to",
            "2016",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "a static path of 2 hop(s) exists, but its meetings cannot be taken in time order",
        ));
}

#[test]
fn met_and_reach_json_follow_the_contract() {
    let value = json(&["met", "kim-jong-un", "--status", "all", "--sort", "id"]);
    assert_eq!(value["actor"], "kim-jong-un");
    let snub = value["met"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["actor"] == "tsakhiagiin-elbegdorj")
        .unwrap();
    assert_eq!(snub["meetings"][0]["status"], "declined");
    for key in ["actor", "name", "meetings"] {
        assert!(snub.get(key).is_some(), "{key}");
    }
    let value = json(&["reach", "xi-jinping", "--from", "2016-06-01"]);
    assert_eq!(value["actor"], "xi-jinping");
    assert_eq!(value["from"], "2016-06-01");
    assert_eq!(
        value["reached"][0],
        serde_json::json!({"actor": "salvador-valdes-mesa", "name": "Salvador Valdes Mesa", "earliest": "2016-06-27", "hops": 1, "via": "2016-06-27-valdes-mesa-xi-jinping"})
    );
}

#[test]
fn output_is_deterministic() {
    for args in [["met", "kim-jong-un"], ["path", "xi"], ["reach", "xi"]] {
        let mut args: Vec<&str> = args.to_vec();
        if args[0] == "path" {
            args.push("ri-su-yong");
            args.push("--all");
        }
        let a = whomet().args(&args).output().unwrap().stdout;
        let b = whomet().args(&args).output().unwrap().stdout;
        assert_eq!(a, b);
        assert!(!a.is_empty());
    }
}

#[test]
fn no_colour_when_not_a_terminal() {
    let out = whomet()
        .env_remove("NO_COLOR")
        .args(["actors"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains('\u{1b}'));
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    use std::io::Read;
    use std::process::{Command as Std, Stdio};
    // Enough meetings that the output overflows the pipe's buffer.
    let dir = tempfile::tempdir().unwrap();
    let mut ron = String::from("(actors: [Actor(id: \"a\", name: \"A\", kind: person), Actor(id: \"b\", name: \"B\", kind: person)],\n");
    ron.push_str(" sources: [Source(id: \"s\", publication: \"P\")],\n meetings: [\n");
    for i in 0..3000 {
        ron.push_str(&format!("  Meeting(id: \"m{i}\", date: \"2016\", participants: [P(actor: \"a\"), P(actor: \"b\")], sources: [Cite(source: \"s\")]),\n"));
    }
    ron.push_str("])\n");
    std::fs::write(dir.path().join("data.ron"), ron).unwrap();
    for args in [
        &["export", "--as", "json"][..],
        &["meetings", "--format", "json"][..],
        &["between", "a", "b", "--format", "csv"][..],
    ] {
        let mut child = Std::new(assert_cmd::cargo::cargo_bin("whomet"))
            .args(args)
            .arg("--data")
            .arg(dir.path())
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 1];
        child.stdout.take().unwrap().read_exact(&mut first).unwrap();
        // stdout is dropped here: the reader went away after one byte.
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{args:?}");
    }
}

#[test]
fn a_closed_stderr_never_fails_a_command_that_prints_a_note() {
    // `--fuzzy met "kim jong unn"` notes on stderr which actor it took. With stderr a pipe whose
    // reader has gone (`2>&1 >/dev/null | head -c0`), the note is lost, not the answer:
    // exit 0, not a panic (101).
    let binary = assert_cmd::cargo::cargo_bin("whomet");
    let output = std::process::Command::new("bash")
        .args([
            "-c",
            "\"$0\" --fuzzy met 'kim jong unn' --format csv 2>&1 >/dev/null | head -c0; echo \"${PIPESTATUS[0]}\"",
        ])
        .arg(&binary)
        .env_remove("WHOMET_DATA")
        .current_dir(crate::support::root())
        .output()
        .expect("bash runs");
    assert_eq!(String::from_utf8_lossy(&output.stdout), "0\n", "{output:?}");
}

#[test]
fn path_all_with_limit_zero_is_a_usage_error_not_a_missing_chain() {
    whomet()
        .args(["path", "xi-jinping", "kim-jong-un", "--all", "--limit", "0"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("--limit"));
}

#[test]
fn completions_for_every_shell_name_every_command() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = whomet().args(["completions", shell]).output().unwrap();
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8(out.stdout).unwrap();
        for command in ["show", "affiliations", "path", "export"] {
            assert!(script.contains(command), "{shell} completes {command}");
        }
    }
    // They need no data: a missing data folder is no error here.
    whomet()
        .args(["--data", "/nonexistent/whomet", "completions", "bash"])
        .assert()
        .success();
}

#[test]
fn the_man_page_documents_every_command_with_examples() {
    let out = whomet().arg("man").output().unwrap();
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(
        page.starts_with(".ie") || page.contains(".TH whomet"),
        "{}",
        &page[..200]
    );
    for command in ["CHECK", "SHOW", "PATH", "EXPORT", "COMPLETIONS"] {
        assert!(
            page.contains(&format!(".SH \"WHOMET {command}\"")),
            "{command}"
        );
    }
    assert!(page.contains(".SS EXAMPLES"));
    assert!(
        page.contains("whomet path \\(dqXi Jinping\\(dq")
            || page.contains("whomet path \"Xi Jinping\"")
    );
}

#[test]
fn every_command_help_ends_with_examples() {
    let commands = [
        "check",
        "actors",
        "show",
        "affiliations",
        "sources",
        "meetings",
        "met",
        "timeline",
        "between",
        "path",
        "reach",
        "centrality",
        "dot",
        "render",
        "import",
        "export",
        "completions",
        "man",
    ];
    for command in commands {
        let out = whomet().args([command, "--help"]).output().unwrap();
        let help = String::from_utf8(out.stdout).unwrap();
        assert!(
            help.contains("Examples:") && help.contains(&format!("whomet {command}")),
            "{command} --help has examples"
        );
    }
}

#[test]
fn open_dates_are_null_in_json_never_empty_strings() {
    let out = whomet()
        .args(["--data", "graph", "reach", "xi-jinping", "--format", "json"])
        .current_dir(crate::support::root())
        .output()
        .unwrap();
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["from"], serde_json::Value::Null);
    let none = whomet()
        .args([
            "--data",
            "graph",
            "reach",
            "xi-jinping",
            "--chain",
            "che-guevara",
        ])
        .args(["--format", "json"])
        .current_dir(crate::support::root())
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(none.stdout).unwrap(), "null\n");
    for args in [
        &["meetings", "--status", "all"][..],
        &["reach", "xi-jinping"][..],
        &["path", "xi-jinping", "kim-jong-un", "--in-time-order"][..],
        &["show", "kim-jong-un"][..],
        &["affiliations"][..],
    ] {
        let out = whomet()
            .args(["--data", "graph"])
            .args(args)
            .args(["--format", "json"])
            .current_dir(crate::support::root())
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(!text.contains("\"\""), "{args:?} prints an empty string");
    }
}
