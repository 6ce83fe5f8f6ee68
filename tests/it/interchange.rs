//! `whomet import`, `whomet export` and querying a CSV pair directly: round trips, bad rows,
//! atomic writes, and the GraphML and GEXF files read back by networkx
//! (tests/interchange/check_networkx.py; skipped with a note when networkx is missing).

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;

use crate::support::whomet;
use serde_json::{json, Value};

/// Actors with quotes, commas, accents and aliases; LF line ends.
const ACTORS: &str = "id,name,kind,aliases\n\
kim,Kim Jong-un,person,Kim Jong Un|KJU\n\
cuba,Cuba,state,Republic of Cuba\n\
dprk,Democratic People's Republic of Korea,state,North Korea|DPRK\n\
ri,\"Ri \"\"Su\"\" Yong\",person,\n\
diaz,\"Díaz-Canel, Miguel\",person,Díaz-Canel\n\
lonely,Nobody Met,organization,\n";

/// Meetings with a place holding a comma, two sources on one row, all three date forms;
/// CRLF line ends.
const MEETINGS: &str = "id,date,participants,place,source\r\n\
m1,2018-11-04,diaz|kim,Pyongyang,https://kcna.example/2018/1\r\n\
m2,2018-11,cuba|dprk|ri,\"Havana, Cuba\",https://www.example.com/a?x=1|https://kcna.example/2018/1\r\n\
m3,2016,kim|ri,,https://news.example.org/3\r\n\
m4,2019-02-28,ri|kim,Hanoi,https://news.example.org/4\r\n";

fn pair(dir: &Path, actors: &str, meetings: &str) -> PathBuf {
    std::fs::create_dir_all(dir).expect("folder");
    std::fs::write(dir.join("actors.csv"), actors).expect("write");
    std::fs::write(dir.join("meetings.csv"), meetings).expect("write");
    dir.to_path_buf()
}

fn stdout(command: &mut Command) -> String {
    let output = command.output().expect("runs");
    assert!(
        output.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// The records of a CSV file, header first, whatever the line ends and quoting.
fn records(path: &Path) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(path)
        .expect("readable CSV")
        .records()
        .map(|r| r.expect("record").iter().map(str::to_string).collect())
        .collect()
}

/// The rows of an exported meetings file cut to the five columns a file without the optional
/// ones has, after checking that those say what such a file means: held meetings of no
/// particular kind, without roles or notes.
fn first_five(rows: Vec<Vec<String>>) -> Vec<Vec<String>> {
    assert_eq!(rows[0][5..], ["status", "kind", "roles", "notes"]);
    for row in &rows[1..] {
        assert_eq!(row[5..], ["held", "meeting", "", ""], "{row:?}");
    }
    rows.into_iter().map(|r| r[..5].to_vec()).collect()
}

fn sorted_body(mut rows: Vec<Vec<String>>) -> Vec<Vec<String>> {
    let header = rows.remove(0);
    rows.sort();
    rows.insert(0, header);
    rows
}

#[test]
fn queries_read_a_csv_pair_directly() {
    let temp = tempfile::tempdir().unwrap();
    let data = pair(temp.path(), ACTORS, MEETINGS);
    let out = stdout(
        whomet()
            .arg("--data")
            .arg(&data)
            .args(["actors", "--format", "csv"]),
    );
    assert_eq!(
        out,
        "id,name,kind,meetings,aliases\n\
         cuba,Cuba,state,1,Republic of Cuba\n\
         diaz,\"Díaz-Canel, Miguel\",person,1,Díaz-Canel\n\
         dprk,Democratic People's Republic of Korea,state,1,North Korea|DPRK\n\
         kim,Kim Jong-un,person,3,Kim Jong Un|KJU\n\
         lonely,Nobody Met,organization,0,\n\
         ri,\"Ri \"\"Su\"\" Yong\",person,3,\n"
    );
    let out = stdout(whomet().arg("--data").arg(&data).args([
        "meetings",
        "--format",
        "json",
        "--from",
        "2018-11-04",
        "--to",
        "2018-11-30",
    ]));
    let rows: Value = serde_json::from_str(&out).unwrap();
    let ids: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["m2", "m1"]);
    assert_eq!(rows[0]["place"], "Havana, Cuba");
    assert_eq!(rows[0]["participants"], json!(["cuba", "dprk", "ri"]));
    assert_eq!(rows[0]["sources"][0]["id"], "https://www.example.com/a?x=1");
    assert_eq!(rows[0]["sources"][0]["publication"], "www.example.com");
    assert_eq!(
        rows[0]["sources"][0]["url"],
        "https://www.example.com/a?x=1"
    );
    assert_eq!(rows[0]["sources"][1]["id"], "https://kcna.example/2018/1");
}

#[test]
fn import_then_export_gives_the_same_rows() {
    let temp = tempfile::tempdir().unwrap();
    let csv_dir = pair(&temp.path().join("csv"), ACTORS, MEETINGS);
    let ron_dir = temp.path().join("ron");
    // No progress bar or note when stderr is not a terminal.
    whomet()
        .args(["import", "--actors"])
        .arg(csv_dir.join("actors.csv"))
        .arg("--meetings")
        .arg(csv_dir.join("meetings.csv"))
        .arg("--out")
        .arg(temp.path().join("quiet"))
        .assert()
        .success()
        .stderr("");
    let out = stdout(
        whomet()
            .args(["import", "--actors"])
            .arg(csv_dir.join("actors.csv"))
            .arg("--meetings")
            .arg(csv_dir.join("meetings.csv"))
            .arg("--out")
            .arg(&ron_dir),
    );
    assert_eq!(
        out,
        " records    rows   imported   skipped \n\
         ---------- ------ ---------- ---------\n \
         actors     6      6          0       \n \
         meetings   4      4          0       \n \
         sources           4                  \n\
         wrote "
            .to_string()
            + &ron_dir.display().to_string()
            + " (5 files)\n"
    );
    let mut files: Vec<String> = walk(&ron_dir);
    files.sort();
    assert_eq!(
        files,
        [
            "actors.ron",
            "meetings/2016.ron",
            "meetings/2018.ron",
            "meetings/2019.ron",
            "sources.ron"
        ]
    );
    let meetings_2016 = std::fs::read_to_string(ron_dir.join("meetings/2016.ron")).unwrap();
    assert_eq!(
        meetings_2016,
        "// Meetings of one year, written by whomet.\n(\n    meetings: [\n        Meeting(\n            id: \"m3\",\n            date: \"2016\",\n            kind: meeting,\n            status: held,\n            participants: [\n                P(actor: \"kim\"),\n                P(actor: \"ri\"),\n            ],\n            sources: [\n                Cite(source: \"https://news.example.org/3\"),\n            ],\n        ),\n    ],\n)\n"
    );
    // The RON folder is a whomet data folder: check finds it clean.
    stdout(whomet().arg("--data").arg(&ron_dir).arg("check"));

    let back = temp.path().join("back");
    stdout(
        whomet()
            .arg("--data")
            .arg(&ron_dir)
            .args(["export", "--as", "csv", "-o"])
            .arg(&back),
    );
    for file in ["actors.csv", "meetings.csv"] {
        let mut exported = records(&back.join(file));
        if file == "meetings.csv" {
            exported = first_five(exported);
        }
        assert_eq!(
            sorted_body(exported),
            sorted_body(records(&csv_dir.join(file))),
            "{file}"
        );
    }
    // Meetings come out in date order with CRLF line ends, quoted only where needed.
    assert_eq!(
        std::fs::read_to_string(back.join("meetings.csv")).unwrap(),
        "id,date,participants,place,source,status,kind,roles,notes\r\n\
         m3,2016,kim|ri,,https://news.example.org/3,held,meeting,,\r\n\
         m2,2018-11,cuba|dprk|ri,\"Havana, Cuba\",https://www.example.com/a?x=1|https://kcna.example/2018/1,held,meeting,,\r\n\
         m1,2018-11-04,diaz|kim,Pyongyang,https://kcna.example/2018/1,held,meeting,,\r\n\
         m4,2019-02-28,ri|kim,Hanoi,https://news.example.org/4,held,meeting,,\r\n"
    );
}

fn walk(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(
                walk(&path)
                    .into_iter()
                    .map(|p| format!("{}/{p}", path.file_name().unwrap().to_string_lossy())),
            );
        } else {
            out.push(path.file_name().unwrap().to_string_lossy().into_owned());
        }
    }
    out
}

#[test]
fn round_trips_a_generated_set() {
    let temp = tempfile::tempdir().unwrap();
    let csv_dir = temp.path().join("csv");
    let args = ["--actors", "300", "--meetings", "1000", "--seed", "3"];
    if !crate::support::generate(&args, &csv_dir) {
        return;
    }
    let ron_dir = temp.path().join("ron");
    stdout(
        whomet()
            .args(["import", "--format", "json", "--actors"])
            .arg(csv_dir.join("actors.csv"))
            .arg("--meetings")
            .arg(csv_dir.join("meetings.csv"))
            .arg("--out")
            .arg(&ron_dir),
    );
    let back = temp.path().join("back");
    stdout(
        whomet()
            .arg("--data")
            .arg(&ron_dir)
            .args(["export", "--as", "csv", "-o"])
            .arg(&back),
    );
    for file in ["actors.csv", "meetings.csv"] {
        let original = records(&csv_dir.join(file));
        let mut exported = records(&back.join(file));
        if file == "meetings.csv" {
            exported = first_five(exported);
        }
        assert_eq!(exported.len(), original.len(), "{file}");
        assert_eq!(sorted_body(exported), sorted_body(original), "{file}");
    }
    // The generator sorts actors by id, as the export does: byte for byte the same file.
    assert_eq!(
        std::fs::read(back.join("actors.csv")).unwrap(),
        std::fs::read(csv_dir.join("actors.csv")).unwrap()
    );
}

#[test]
fn bad_rows_stop_the_import_with_every_one_listed() {
    let temp = tempfile::tempdir().unwrap();
    let meetings = "id,date,participants,place,source\n\
        m1,2018-11-31,diaz|kim,Pyongyang,https://x.example/1\n\
        m2,2018,kim|kimm,,https://x.example/2\n\
        m3,2018,kim,,https://x.example/3\n\
        m4,2018,kim|ri,Hanoi\n\
        m5,2018,ri|kim,,https://x.example/5\n";
    let dir = pair(&temp.path().join("csv"), ACTORS, meetings);
    let out = temp.path().join("ron");
    let import = || {
        let mut command = whomet();
        command
            .args(["import", "--actors"])
            .arg(dir.join("actors.csv"))
            .arg("--meetings")
            .arg(dir.join("meetings.csv"))
            .arg("--out")
            .arg(&out);
        command
    };
    let file = dir.join("meetings.csv").display().to_string();
    let expected = format!(
        "error: {file}:2: meeting \"m1\", column \"date\": invalid date \"2018-11-31\": day 31 does not exist in 2018-11, which has 30 days (expected YYYY-MM-DD, YYYY-MM or YYYY)\n\
         error: {file}:3: meeting \"m2\", column \"participants\": unknown actor \"kimm\" (did you mean \"kim\"?)\n\
         error: {file}:4: meeting \"m3\", column \"participants\": 1 participant listed; a meeting needs two or more actors separated by |\n\
         error: {file}:5: expected 5 columns (id,date,participants,place,source), found 4\n\
         4 errors in the data\n"
    );
    import()
        .assert()
        .code(1)
        .stdout("")
        .stderr(expected.clone());
    assert!(!out.exists(), "nothing written on failure");
    // Querying the pair directly reports the same problems.
    whomet()
        .arg("--data")
        .arg(&dir)
        .arg("actors")
        .assert()
        .code(1)
        .stderr(expected);

    let output = import().arg("--skip-bad").output().unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(
        stderr.lines().last().unwrap(),
        "skipped 0 of 6 actor rows and 4 of 5 meeting rows (4 problems)"
    );
    assert_eq!(
        stderr
            .lines()
            .filter(|l| l.starts_with("skipped: "))
            .count(),
        4
    );
    let listed = stdout(
        whomet()
            .arg("--data")
            .arg(&out)
            .args(["meetings", "--format", "csv"]),
    );
    assert_eq!(listed.lines().count(), 2, "{listed}");
    assert!(listed.lines().nth(1).unwrap().starts_with("2018,m5,held,"));
}

#[test]
fn a_wrong_header_names_the_expected_columns() {
    let temp = tempfile::tempdir().unwrap();
    let dir = pair(temp.path(), "id,name,type,aliases\n", MEETINGS);
    let file = dir.join("actors.csv").display().to_string();
    whomet()
        .arg("--data")
        .arg(&dir)
        .arg("actors")
        .assert()
        .code(1)
        .stderr(format!(
            "error: {file}:1: wrong header: expected the columns id,name,kind,aliases, found id,name,type,aliases\n1 error in the data\n"
        ));
}

#[test]
fn writes_refuse_to_replace_without_force() {
    let temp = tempfile::tempdir().unwrap();
    let dir = pair(&temp.path().join("csv"), ACTORS, MEETINGS);
    let out = temp.path().join("ron");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("notes.txt"), "mine").unwrap();
    let import = |force: bool| {
        let mut command = whomet();
        command
            .args(["import", "--actors"])
            .arg(dir.join("actors.csv"))
            .arg("--meetings")
            .arg(dir.join("meetings.csv"))
            .arg("--out")
            .arg(&out);
        if force {
            command.arg("--force");
        }
        command
    };
    import(false).assert().code(2).stderr(format!(
        "error: {} already exists and is not empty; pass --force to replace it\n",
        out.display()
    ));
    assert!(out.join("notes.txt").exists());
    import(true).assert().success();
    assert!(!out.join("notes.txt").exists());
    assert!(out.join("actors.ron").exists());
    // No temporary folders are left beside the target.
    let mut names: Vec<String> = std::fs::read_dir(temp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["csv", "ron"]);

    let file = temp.path().join("net.graphml");
    std::fs::write(&file, "keep").unwrap();
    let export = |force: bool| {
        let mut command = whomet();
        command
            .arg("--data")
            .arg(&dir)
            .args(["export", "--as", "graphml", "-o"])
            .arg(&file);
        if force {
            command.arg("--force");
        }
        command
    };
    export(false).assert().code(2).stderr(format!(
        "error: {} already exists; pass --force to overwrite it\n",
        file.display()
    ));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "keep");
    export(true).assert().success();
    assert!(std::fs::read_to_string(&file).unwrap().starts_with("<?xml"));

    whomet()
        .arg("--data")
        .arg(&dir)
        .args(["export", "--as", "csv"])
        .assert()
        .code(2)
        .stderr("error: --as csv writes two files; give a folder with -o DIR\n");
}

#[test]
fn json_export_is_a_dump_of_the_selection() {
    let temp = tempfile::tempdir().unwrap();
    let dir = pair(temp.path(), ACTORS, MEETINGS);
    let out = stdout(whomet().arg("--data").arg(&dir).args([
        "export", "--as", "json", "--kind", "person", "--until", "2018",
    ]));
    let value: Value = serde_json::from_str(&out).unwrap();
    let actors: Vec<&str> = value["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(actors, ["diaz", "kim", "ri"]);
    // m2 has one person left (ri) and drops out; m4 is after 2018.
    let meetings: Vec<(&str, Vec<&str>)> = value["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["id"].as_str().unwrap(),
                m["participants"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| p["actor"].as_str().unwrap())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        meetings,
        [("m3", vec!["kim", "ri"]), ("m1", vec!["diaz", "kim"])]
    );
    assert_eq!(value["format"], json!("whomet-dump"));
    assert_eq!(value["version"], json!(1));
    assert_eq!(value["meetings"][1]["status"], json!("held"));
    // Only the sources the kept meetings cite, in id order.
    let cited: Vec<&str> = value["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    let mut sorted = cited.clone();
    sorted.sort();
    assert_eq!(cited, sorted);
    assert!(!cited.is_empty());
}

#[test]
fn cypher_export_merges_in_batches_with_escaped_strings() {
    let temp = tempfile::tempdir().unwrap();
    let dir = pair(temp.path(), ACTORS, MEETINGS);
    let out = stdout(
        whomet()
            .arg("--data")
            .arg(&dir)
            .args(["export", "--as", "cypher", "--kind", "state"]),
    );
    assert_eq!(
        out,
        "// Written by whomet 0.1.0: (:Actor)-[:ATTENDED {role, side}]->(:Meeting); two actors met when on different sides of a meeting whose record is \"meeting\" and status \"held\".\n\
         // Load with `cypher-shell -f FILE`; statements merge on ids, so a second run changes nothing.\n\
         CREATE CONSTRAINT whomet_actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE;\n\
         CREATE CONSTRAINT whomet_meeting_id IF NOT EXISTS FOR (m:Meeting) REQUIRE m.id IS UNIQUE;\n\
         UNWIND [\n  \
         {id: \"cuba\", name: \"Cuba\", kind: \"state\", aliases: [\"Republic of Cuba\"]},\n  \
         {id: \"dprk\", name: \"Democratic People's Republic of Korea\", kind: \"state\", aliases: [\"North Korea\", \"DPRK\"]}\n\
         ] AS row\n\
         MERGE (a:Actor {id: row.id})\n\
         SET a.name = row.name, a.kind = row.kind, a.aliases = row.aliases;\n\
         UNWIND [\n  \
         {id: \"m2\", date: \"2018-11\", earliest: \"2018-11-01\", latest: \"2018-11-30\", status: \"held\", kind: \"meeting\", record: \"meeting\", place: \"Havana, Cuba\", sources: [\"https://www.example.com/a?x=1\", \"https://kcna.example/2018/1\"], participants: [{actor: \"cuba\", role: null, side: 0, side_name: null}, {actor: \"dprk\", role: null, side: 1, side_name: null}]}\n\
         ] AS row\n\
         MERGE (m:Meeting {id: row.id})\n\
         SET m.date = row.date, m.earliest = date(row.earliest), m.latest = date(row.latest), m.status = row.status, m.kind = row.kind, m.record = row.record, m.place = row.place, m.sources = row.sources\n\
         WITH m, row\n\
         UNWIND row.participants AS p\n\
         MATCH (a:Actor {id: p.actor})\n\
         MERGE (a)-[r:ATTENDED]->(m)\n\
         SET r.role = p.role, r.side = p.side, r.side_name = p.side_name;\n"
    );
}

#[test]
fn networkx_reads_graphml_and_gexf() {
    if !crate::support::available("networkx", crate::support::python_has("networkx")) {
        return;
    }
    let temp = tempfile::tempdir().unwrap();
    let dir = pair(&temp.path().join("csv"), ACTORS, MEETINGS);
    // Two more meetings of kim and ri: one the same day as m4 (their spells merge), one later.
    let mut meetings = MEETINGS.to_string();
    meetings.push_str("m5,2019-02-28,kim|ri,Hanoi,https://news.example.org/5\r\n");
    meetings.push_str("m6,2019-06,ri|kim,,https://news.example.org/6\r\n");
    std::fs::write(dir.join("meetings.csv"), meetings).unwrap();
    let graphml = temp.path().join("net.graphml");
    let gexf = temp.path().join("net.gexf");
    for (format, file) in [("graphml", &graphml), ("gexf", &gexf)] {
        stdout(
            whomet()
                .arg("--data")
                .arg(&dir)
                .args(["export", "--as", format, "-o"])
                .arg(file),
        );
    }
    let expected = json!({
        "nodes": 6,
        // diaz-kim; cuba-dprk, cuba-ri, dprk-ri; kim-ri
        "edges": 5,
        "pair_meetings": 1 + 3 + 4,
        "node": {"id": "ri", "name": "Ri \"Su\" Yong", "kind": "person", "aliases": null},
        "edge": {
            "source": "kim",
            "target": "ri",
            "meetings": 4,
            "first": "2016",
            "last": "2019-06",
            "meeting_ids": "m3|m4|m5|m6",
            "spells": [
                ["2016-01-01", "2016-12-31"],
                ["2019-02-28", "2019-02-28"],
                ["2019-06-01", "2019-06-30"]
            ]
        }
    });
    let expected_path = temp.path().join("expected.json");
    std::fs::write(&expected_path, expected.to_string()).unwrap();
    let script = crate::support::root().join("tests/interchange/check_networkx.py");
    let output = Process::new("python3")
        .arg(script)
        .arg(&graphml)
        .arg(&gexf)
        .arg(&expected_path)
        .output()
        .expect("python3 runs");
    assert_ne!(output.status.code(), Some(3), "networkx went missing");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&output.stdout), "ok\n");
}

#[test]
fn components_of_generated_s_match_the_peers() {
    let temp = tempfile::tempdir().unwrap();
    if !crate::support::generate(&["--preset", "S"], temp.path()) {
        return;
    }
    let graph = whomet::store::load(&whomet::store::DataLocation::Dir(temp.path().join("S")))
        .expect("S loads");
    assert_eq!(graph.adjacency().edge_count(), 11_858);
    let components = whomet::algo::components::connected_components(graph.adjacency());
    // networkx, igraph, rustworkx and Raphtory: 76 components, the largest with 925 actors.
    assert_eq!(components.len(), 76);
    assert_eq!(components.size(0), 925);
    let sizes: usize = (0..components.len()).map(|c| components.size(c)).sum();
    assert_eq!(sizes, 1000);
    let by_actor = whomet::algo::components::actor_components(&graph);
    assert_eq!(by_actor.len(), 76);
    assert_eq!(by_actor[0].len(), 925);
}

#[test]
fn the_csv_pair_round_trips_every_status_kind_role_and_note() {
    // The curated data has every status but cancelled; add one so that all four go through.
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("data");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(
        dir.join("actors.csv"),
        "id,name,kind,aliases\na,Ann,person,\nb,Bo,person,\nc,Cy,state,\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("meetings.csv"),
        "id,date,participants,place,source,status,kind,roles,notes\n\
         m1,2016-06,a|b,,https://x.example/1,held,talks,host|guest,\"said \"\"met\"\"\"\n\
         m2,2017,a|b,,https://x.example/2,scheduled,summit,,\n\
         m3,2018,a;b,,https://x.example/3,cancelled,visit,|guest,called off\n\
         m4,2019,a|c;,,https://x.example/4,declined,meeting,,a snub\n",
    )
    .unwrap();
    let back = temp.path().join("back");
    stdout(
        whomet()
            .arg("--data")
            .arg(&dir)
            .args(["export", "--as", "csv", "-o"])
            .arg(&back),
    );
    assert_eq!(
        std::fs::read_to_string(back.join("meetings.csv")).unwrap(),
        "id,date,participants,place,source,status,kind,roles,notes\r\n\
         m1,2016-06,a|b,,https://x.example/1,held,talks,host|guest,\"said \"\"met\"\"\"\r\n\
         m2,2017,a|b,,https://x.example/2,scheduled,summit,,\r\n\
         m3,2018,a;b,,https://x.example/3,cancelled,visit,|guest,called off\r\n\
         m4,2019,a|c;,,https://x.example/4,declined,meeting,,a snub\r\n"
    );
    // Only the held meeting connects anyone.
    let met = stdout(
        whomet()
            .arg("--data")
            .arg(&back)
            .args(["met", "a", "--format", "json"]),
    );
    let value: Value = serde_json::from_str(&met).unwrap();
    assert_eq!(value["met"].as_array().unwrap().len(), 1);
    assert_eq!(value["met"][0]["meetings"][0]["id"], json!("m1"));
}

#[test]
fn bad_optional_columns_are_located_and_listed() {
    let temp = tempfile::tempdir().unwrap();
    let dir = pair(
        temp.path(),
        "id,name,kind,aliases\na,Ann,person,\nb,Bo,person,\n",
        "id,date,participants,place,source,status,kind,roles\n\
         m1,2016,a|b,,https://x.example/1,held,talk,\n\
         m2,2016,a|b,,https://x.example/2,helt,,\n\
         m3,2016,a|b,,https://x.example/3,,,host\n",
    );
    let out = whomet()
        .arg("--data")
        .arg(&dir)
        .arg("check")
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("meetings.csv:2: meeting \"m1\", column \"kind\": unknown kind \"talk\""),
        "{stderr}"
    );
    assert!(stderr.contains("meetings.csv:3: meeting \"m2\", column \"status\": unknown status \"helt\" (expected held, scheduled, cancelled, declined)"), "{stderr}");
    assert!(
        stderr.contains(
            "meetings.csv:4: meeting \"m3\", column \"roles\": 1 roles for 2 participants"
        ),
        "{stderr}"
    );
    // A column that is none of the optional ones is a wrong header.
    let dir = pair(
        temp.path(),
        "id,name,kind,aliases\na,Ann,person,\n",
        "id,date,participants,place,source,weather\n",
    );
    whomet()
        .arg("--data")
        .arg(&dir)
        .arg("check")
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "expected the columns id,date,participants,place,source, then any of status,kind,roles,notes (optional), found id,date,participants,place,source,weather",
        ));
}

#[test]
fn a_csv_export_says_what_the_pair_cannot_carry() {
    whomet()
        .current_dir(crate::support::root())
        .args(["--data", "graph", "export", "--as", "csv", "-o"])
        .arg(tempfile::tempdir().unwrap().path().join("pair"))
        .assert()
        .success()
        .stderr(predicates::str::contains(
            "note: the CSV pair has no place for affiliations (41)",
        ))
        .stderr(predicates::str::contains(
            "use --as json or neo4j-admin to keep everything",
        ));
}

#[test]
fn graphml_and_gexf_never_make_a_snub_or_scheduled_talks_an_edge() {
    for format in ["graphml", "gexf"] {
        let out = whomet()
            .current_dir(crate::support::root())
            .args([
                "--data", "graph", "export", "--as", format, "--status", "all",
            ])
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(!text.contains("elbegdorj-snub"), "{format}");
        assert!(!text.contains("pompeo-kim-yong-chol"), "{format}");
        assert!(
            stderr.contains("2 pairs have only scheduled, cancelled or declined meetings"),
            "{stderr}"
        );
        // The nodes still say so, and carry label, bloc and counts.
        let kim = text
            .lines()
            .find(|l| l.contains(r#"id="kim-jong-un""#))
            .unwrap();
        for needle in ["Kim Jong Un", "dprk", "person"] {
            assert!(kim.contains(needle), "{format}: {kim}");
        }
        assert!(
            kim.contains(r#"<data key="not_held">1</data>"#)
                || kim.contains(r#"<attvalue for="not_held" value="1"/>"#),
            "{format}: {kim}"
        );
    }
    // GEXF nodes have spells, so Gephi's timeline shows an actor only while active.
    let out = whomet()
        .current_dir(crate::support::root())
        .args(["--data", "graph", "export", "--as", "gexf"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let kim = text
        .lines()
        .find(|l| l.contains(r#"id="kim-jong-un""#))
        .unwrap();
    assert!(
        kim.contains(r#"<spell start="2011-12-01" end="2018-11-06"/>"#),
        "{kim}"
    );
}

#[test]
fn neo4j_admin_files_hold_every_record_with_resolvable_ends() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("neo");
    let out = whomet()
        .current_dir(crate::support::root())
        .args(["--data", "graph", "export", "--as", "neo4j-admin", "-o"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("neo4j-admin database import full neo4j")
            && stderr.contains("--array-delimiter=\"|\""),
        "{stderr}"
    );
    let ids = |file: &str| -> std::collections::HashSet<String> {
        records(&dir.join(file))[1..]
            .iter()
            .map(|r| r[0].clone())
            .collect()
    };
    let (actors, meetings, sources) = (ids("actors.csv"), ids("meetings.csv"), ids("sources.csv"));
    assert_eq!((actors.len(), meetings.len(), sources.len()), (46, 33, 5));
    for (file, start, end, kind, spaces) in [
        (
            "attended.csv",
            &actors,
            &meetings,
            "ATTENDED",
            ["Actor", "Meeting"],
        ),
        (
            "cites.csv",
            &meetings,
            &sources,
            "CITES",
            ["Meeting", "Source"],
        ),
        (
            "affiliated.csv",
            &actors,
            &actors,
            "AFFILIATED",
            ["Actor", "Actor"],
        ),
        ("met.csv", &actors, &actors, "MET", ["Actor", "Actor"]),
    ] {
        let rows = records(&dir.join(file));
        assert_eq!(
            rows[0][..3],
            [
                format!(":START_ID({})", spaces[0]),
                format!(":END_ID({})", spaces[1]),
                ":TYPE".to_string()
            ],
            "{file}"
        );
        for row in &rows[1..] {
            assert!(
                start.contains(&row[0]) && end.contains(&row[1]),
                "{file}: {row:?}"
            );
            assert_eq!(row[2], kind);
        }
    }
    assert_eq!(records(&dir.join("affiliated.csv")).len() - 1, 41);
    // Only held meetings across sides are MET: 26 pairs, as `check` counts them.
    assert_eq!(records(&dir.join("met.csv")).len() - 1, 26);
    let met = std::fs::read_to_string(dir.join("met.csv")).unwrap();
    assert!(!met.contains("elbegdorj"), "{met}");
}
