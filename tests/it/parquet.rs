//! `export --as parquet` read back by DuckDB through python3 (skipped with a note when the
//! duckdb module is missing, a failure in CI), and the queries of `docs/duckdb/` checked
//! against whomet's own answers on the curated data and on the generated M set.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;
use std::process::{Command as Process, Stdio};

use serde_json::Value;

use crate::support::{available, generate, python_has, root, whomet};

fn duckdb_present() -> bool {
    available(
        "duckdb (python3 -m pip install duckdb)",
        python_has("duckdb"),
    )
}

/// Runs `whomet [--data DATA] ARGS --format json` and parses its output.
fn whomet_json(data: Option<&Path>, args: &[&str]) -> Value {
    let mut command = whomet();
    if let Some(data) = data {
        command.arg("--data").arg(data);
    }
    let output = command
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "whomet {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON")
}

/// Runs `docs/duckdb/run.py DIR NAME VARS…` (NAME `-` takes `sql` on stdin): the rows.
fn duck(dir: &Path, name: &str, vars: &[&str], sql: &str) -> Vec<Value> {
    let mut child = Process::new("python3")
        .arg(root().join("docs/duckdb/run.py"))
        .arg(dir)
        .arg(name)
        .args(vars)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(sql.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    match serde_json::from_slice(&output.stdout).expect("JSON rows") {
        Value::Array(rows) => rows,
        other => panic!("not rows: {other}"),
    }
}

fn sql(dir: &Path, query: &str) -> Vec<Value> {
    duck(dir, "-", &[], query)
}

fn export(data: Option<&Path>, dir: &Path) -> Value {
    whomet_json(
        data,
        &["export", "--as", "parquet", "-o", dir.to_str().unwrap()],
    )
}

/// The column types DuckDB reads, as `table.column TYPE`.
fn described(dir: &Path, table: &str) -> Vec<String> {
    sql(dir, &format!("DESCRIBE {table}"))
        .iter()
        .map(|r| format!("{table}.{} {}", r["column_name"], r["column_type"]))
        .map(|s| s.replace('"', ""))
        .collect()
}

/// Who `actor` met by whomet (`met`), as counterpart → meeting ids in order.
fn met_by_whomet(data: Option<&Path>, actor: &str) -> BTreeMap<String, Vec<String>> {
    let met = whomet_json(data, &["met", actor]);
    met["met"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            let ids = row["meetings"].as_array().unwrap().iter();
            (
                row["actor"].as_str().unwrap().to_string(),
                ids.map(|m| m["id"].as_str().unwrap().to_string()).collect(),
            )
        })
        .collect()
}

fn met_by_duckdb(dir: &Path, actor: &str) -> BTreeMap<String, Vec<String>> {
    duck(dir, "who_met", &[&format!("actor={actor}")], "")
        .iter()
        .map(|row| {
            let ids = row["meeting_ids"].as_array().unwrap().iter();
            (
                row["actor"].as_str().unwrap().to_string(),
                ids.map(|m| m.as_str().unwrap().to_string()).collect(),
            )
        })
        .collect()
}

#[test]
fn curated_data_reads_back_in_duckdb_with_every_field() {
    if !duckdb_present() {
        return;
    }
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("parquet");
    let summary = export(None, &dir);
    assert_eq!(summary["files"].as_array().unwrap().len(), 6);

    // Typed columns: dates are DATE, counts INTEGER, aliases a list.
    let types: Vec<String> = ["actors", "meetings", "participants", "affiliations"]
        .iter()
        .flat_map(|t| described(&dir, t))
        .collect();
    for expected in [
        "actors.aliases VARCHAR[]",
        "actors.meetings INTEGER",
        "meetings.earliest DATE",
        "meetings.latest DATE",
        "meetings.participants INTEGER",
        "participants.side INTEGER",
        "affiliations.from_earliest DATE",
        "affiliations.to_latest DATE",
    ] {
        assert!(
            types.iter().any(|t| t == expected),
            "{expected} in {types:?}"
        );
    }

    // Row by row, the meetings are whomet's: notation, bounds, status, kind, participants.
    let listed = whomet_json(None, &["meetings", "--status", "all"]);
    let listed = listed.as_array().unwrap();
    let rows = sql(
        &dir,
        "SELECT m.id, m.date, m.earliest, m.latest, m.status, m.kind, m.record, m.participants,
                list(p.actor_id ORDER BY p.actor_id) AS actors
         FROM meetings m JOIN participants p ON p.meeting_id = m.id
         GROUP BY ALL ORDER BY m.id",
    );
    assert_eq!(rows.len(), listed.len());
    assert_eq!(rows.len(), summary["meetings"].as_u64().unwrap() as usize);
    let by_id: BTreeMap<&str, &Value> = rows
        .iter()
        .map(|r| (r["id"].as_str().unwrap(), r))
        .collect();
    for meeting in listed {
        let row = by_id[meeting["id"].as_str().unwrap()];
        for key in ["date", "earliest", "latest", "status", "kind", "record"] {
            assert_eq!(row[key], meeting[key], "{key} of {}", meeting["id"]);
        }
        let mut actors: Vec<&Value> = meeting["participants"].as_array().unwrap().iter().collect();
        actors.sort_by_key(|a| a.as_str());
        assert_eq!(
            row["actors"].as_array().unwrap().iter().collect::<Vec<_>>(),
            actors
        );
        assert_eq!(row["participants"].as_u64().unwrap() as usize, actors.len());
    }
    // A range keeps both ends; an open bound is NULL only where the notation is open.
    let open = sql(
        &dir,
        "SELECT count(*) FILTER (WHERE earliest > latest) AS reversed,
                count(*) FILTER (WHERE (earliest IS NULL) <> starts_with(date, '..')) AS bad_start,
                count(*) FILTER (WHERE date = '2016-06-28..2016-07-01'
                                 AND earliest = DATE '2016-06-28'
                                 AND latest = DATE '2016-07-01') AS ranged
         FROM meetings",
    );
    assert_eq!(open[0]["reversed"], 0);
    assert_eq!(open[0]["bad_start"], 0);
    assert!(open[0]["ranged"].as_u64().unwrap() >= 1);

    // Nothing is dropped: counts of every optional field match the full JSON dump.
    let dump = whomet_json(None, &["export", "--as", "json"]);
    let count = |items: &str, pick: &dyn Fn(&Value) -> usize| {
        dump[items]
            .as_array()
            .unwrap()
            .iter()
            .map(pick)
            .sum::<usize>()
    };
    let some = |v: &Value, key: &str| usize::from(!v[key].is_null());
    let side_members = |m: &Value| -> usize {
        m["sides"].as_array().map_or(0, |sides| {
            sides
                .iter()
                .map(|s| s["members"].as_array().unwrap().len())
                .sum()
        })
    };
    let plain = |m: &Value| m["participants"].as_array().map_or(0, Vec::len);
    let roles = |m: &Value| -> usize {
        let members = m["sides"].as_array().into_iter().flatten();
        let mut people: Vec<&Value> = members
            .flat_map(|s| s["members"].as_array().unwrap())
            .collect();
        people.extend(m["participants"].as_array().into_iter().flatten());
        people.iter().filter(|p| !p["role"].is_null()).count()
    };
    let cited = |r: &Value| r["sources"].as_array().unwrap().len();
    let evidence = |r: &Value| {
        let sources = r["sources"].as_array().unwrap().iter();
        sources.filter(|c| !c["evidence"].is_null()).count()
    };
    let counts = &sql(
        &dir,
        "SELECT (SELECT count(*) FROM actors) AS actors,
                (SELECT count(*) FROM actors WHERE notes IS NOT NULL) AS actor_notes,
                (SELECT count(*) FROM actors WHERE native_name IS NOT NULL) AS native_names,
                (SELECT sum(len(aliases)) FROM actors) AS aliases,
                (SELECT count(*) FROM meetings) AS meetings,
                (SELECT count(*) FROM meetings WHERE date_note IS NOT NULL) AS date_notes,
                (SELECT count(*) FROM meetings WHERE notes IS NOT NULL) AS meeting_notes,
                (SELECT count(*) FROM meetings WHERE place IS NOT NULL) AS places,
                (SELECT count(*) FROM participants) AS participants,
                (SELECT count(*) FROM participants WHERE role IS NOT NULL) AS roles,
                (SELECT count(*) FROM affiliations) AS affiliations,
                (SELECT count(*) FROM sources) AS sources,
                (SELECT count(*) FROM sources WHERE title IS NOT NULL) AS titles,
                (SELECT count(*) FROM citations) AS citations,
                (SELECT count(*) FROM citations WHERE evidence IS NOT NULL) AS evidence,
                (SELECT count(*) FROM citations c LEFT JOIN sources s ON s.id = c.source_id
                 WHERE s.id IS NULL) AS dangling",
    )[0];
    let expect = [
        ("actors", count("actors", &|_| 1)),
        ("actor_notes", count("actors", &|a| some(a, "notes"))),
        ("native_names", count("actors", &|a| some(a, "native_name"))),
        (
            "aliases",
            count("actors", &|a| a["aliases"].as_array().map_or(0, Vec::len)),
        ),
        ("meetings", count("meetings", &|_| 1)),
        ("date_notes", count("meetings", &|m| some(m, "date_note"))),
        ("meeting_notes", count("meetings", &|m| some(m, "notes"))),
        ("places", count("meetings", &|m| some(m, "place"))),
        (
            "participants",
            count("meetings", &|m| plain(m) + side_members(m)),
        ),
        ("roles", count("meetings", &roles)),
        ("affiliations", count("affiliations", &|_| 1)),
        ("sources", count("sources", &|_| 1)),
        ("titles", count("sources", &|s| some(s, "title"))),
        (
            "citations",
            count("meetings", &cited) + count("affiliations", &cited),
        ),
        (
            "evidence",
            count("meetings", &evidence) + count("affiliations", &evidence),
        ),
        ("dangling", 0),
    ];
    for (key, n) in expect {
        assert_eq!(counts[key].as_u64(), Some(n as u64), "{key}");
    }
    assert!(counts["roles"].as_u64().unwrap() > 0 && counts["evidence"].as_u64().unwrap() > 0);

    // Who met whom: the participants self-join across sides of held meetings is `whomet met`.
    let diaz = met_by_duckdb(&dir, "miguel-diaz-canel");
    assert!(diaz.contains_key("kim-jong-un"));
    assert_eq!(diaz, met_by_whomet(None, "miguel-diaz-canel"));

    // Refused without --force, like every export to a file.
    let again = whomet()
        .args(["export", "--as", "parquet", "-o"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
}

#[test]
fn duckdb_queries_on_m_agree_with_whomet() {
    if !duckdb_present() {
        return;
    }
    let temp = tempfile::tempdir().unwrap();
    if !generate(&["--preset", "M"], temp.path()) {
        return;
    }
    let data = temp.path().join("M");
    let dir = temp.path().join("parquet");
    let summary = export(Some(&data), &dir);
    let totals = &sql(
        &dir,
        "SELECT (SELECT count(*) FROM actors) AS actors,
                (SELECT count(*) FROM meetings) AS meetings,
                (SELECT count(*) FROM participants) AS participants,
                (SELECT sum(participants) FROM meetings) AS listed,
                (SELECT count(*) FROM edges) // 2 AS pairs",
    )[0];
    assert_eq!(totals["actors"], summary["actors"]);
    assert_eq!(totals["meetings"], summary["meetings"]);
    assert_eq!(totals["pairs"], summary["pairs"]);
    assert_eq!(totals["participants"], totals["listed"]);

    let graph = whomet::store::load(&whomet::store::DataLocation::Dir(data.clone())).unwrap();
    assert_eq!(totals["actors"].as_u64(), Some(graph.actor_count() as u64));
    assert_eq!(
        totals["meetings"].as_u64(),
        Some(graph.data().meetings.len() as u64)
    );
    let participants: usize = graph
        .data()
        .meetings
        .iter()
        .map(|m| m.participants.len())
        .sum();
    assert_eq!(totals["participants"].as_u64(), Some(participants as u64));

    // Who met whom, for the busiest actor and one of the quietest.
    let busiest = &sql(
        &dir,
        "SELECT actor_id, count(*) AS n FROM participants GROUP BY actor_id
         ORDER BY n DESC, actor_id LIMIT 1",
    )[0]["actor_id"];
    for actor in [busiest.as_str().unwrap(), "a009999"] {
        assert_eq!(
            met_by_duckdb(&dir, actor),
            met_by_whomet(Some(&data), actor)
        );
    }

    // Shortest chains: the recursive-CTE search finds chains as short as whomet's.
    for (from, to) in [
        ("a000000", "a000500"),
        ("a000017", "a009876"),
        ("a001234", "a004321"),
    ] {
        let ours = whomet_json(Some(&data), &["path", from, to]);
        let theirs = duck(
            &dir,
            "shortest_chain",
            &[&format!("source={from}"), &format!("target={to}")],
            "",
        );
        let chain = theirs[0]["actors"].as_array().unwrap();
        if ours["found"] == Value::Bool(true) {
            let hops = ours["paths"][0]["actors"].as_array().unwrap().len() - 1;
            assert_eq!(
                theirs[0]["hops"].as_u64(),
                Some(hops as u64),
                "{from} → {to}"
            );
            assert_eq!(chain.len(), hops + 1);
            assert_eq!(
                (chain[0].as_str(), chain[hops].as_str()),
                (Some(from), Some(to))
            );
        } else {
            assert!(
                theirs[0]["hops"].is_null() && chain.is_empty(),
                "{from} → {to}"
            );
        }
    }

    // Earliest-arrival reach: the same actors, days and hop counts as `whomet reach`.
    let reach = whomet_json(Some(&data), &["reach", "a000000"]);
    let ours: BTreeSet<(String, String, u64)> = reach["reached"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["actor"].as_str().unwrap().to_string(),
                r["earliest"].as_str().unwrap().to_string(),
                r["hops"].as_u64().unwrap(),
            )
        })
        .collect();
    let theirs: BTreeSet<(String, String, u64)> = duck(&dir, "reach", &["actor=a000000"], "")
        .iter()
        .map(|r| {
            (
                r["actor"].as_str().unwrap().to_string(),
                r["earliest"].as_str().unwrap().to_string(),
                r["hops"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(ours.len() > 1000);
    assert_eq!(ours, theirs);

    // Components by label propagation: whomet's components, labelled by their smallest id.
    let components: Vec<(String, u64)> = whomet::algo::components::actor_components(&graph)
        .iter()
        .map(|c| (graph.actor(c[0]).id.clone(), c.len() as u64))
        .collect();
    let labelled: Vec<(String, u64)> = duck(&dir, "components", &[], "")
        .iter()
        .map(|r| {
            (
                r["component"].as_str().unwrap().to_string(),
                r["actors"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(labelled, components);

    // PageRank rounds in SQL stop where whomet's (networkx's rule) do.
    let ranked = whomet_json(Some(&data), &["centrality", "--measure", "pagerank"]);
    let top = duck(&dir, "pagerank", &[], "");
    assert_eq!(top.len(), 20);
    for (theirs, ours) in top.iter().zip(ranked["scores"].as_array().unwrap()) {
        assert_eq!(theirs["actor"], ours["actor"]);
        let (a, b) = (
            theirs["rank"].as_f64().unwrap(),
            ours["score"].as_f64().unwrap(),
        );
        assert!((a - b).abs() < 1e-12, "{}: {a} vs {b}", ours["actor"]);
    }
}
