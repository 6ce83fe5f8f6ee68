//! What every test module shares: the binary under test, paths to fixtures and generators,
//! and the rule for optional tools (python3, networkx): skipped with a note on a developer's
//! machine, a failure in CI, which installs them.

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;
use whomet::model::{
    Actor, ActorIndex, ActorKind, Citation, Dataset, Meeting, MeetingKind, Participant, Source,
    SourceIndex, Status,
};
use whomet::MeetingGraph;

/// The `whomet` binary with a clean environment: no `WHOMET_DATA`, no colour, and no
/// `COLUMNS` (so tables are full width, as when piped).
pub fn whomet() -> Command {
    let mut command = Command::cargo_bin("whomet").expect("the whomet binary is built");
    command
        .env_remove("WHOMET_DATA")
        .env_remove("COLUMNS")
        .env("NO_COLOR", "1");
    command
}

/// The repository's root folder.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A folder under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// The synthetic data generator in `../shared/bench/`.
pub fn generator() -> PathBuf {
    root().join("../shared/bench/gen.py")
}

/// True when running under CI, where every optional tool must be present.
fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false")
}

/// Whether a test that needs `what` can run: false (with a note) on a machine without it,
/// a panic under CI so that a missing install step never passes silently.
pub fn available(what: &str, present: bool) -> bool {
    if present {
        return true;
    }
    assert!(!in_ci(), "{what} is required in CI but is missing");
    eprintln!("note: {what} is not available; skipping");
    false
}

/// Whether `python3` can import `module` (an empty module name checks python3 alone).
pub fn python_has(module: &str) -> bool {
    let code = if module.is_empty() {
        "pass".to_string()
    } else {
        format!("import {module}")
    };
    Process::new("python3")
        .args(["-c", &code])
        .status()
        .is_ok_and(|s| s.success())
}

/// Runs the generator with `args` (e.g. `--preset S`) and `--out out`; false (with a note, or
/// a panic in CI) when python3 or the generator is missing.
pub fn generate(args: &[&str], out: &Path) -> bool {
    let script = generator();
    if !available(&script.display().to_string(), script.is_file())
        || !available("python3", python_has(""))
    {
        return false;
    }
    let status = Process::new("python3")
        .arg(&script)
        .args(args)
        .arg("--out")
        .arg(out)
        .status()
        .expect("python3 runs");
    assert!(status.success(), "{} {args:?} failed", script.display());
    true
}

/// A test meeting: (participant, side) pairs, date notation, held or not.
pub type SidedMeeting = (Vec<(usize, u32)>, String, bool);

/// A graph of `n` actors `a0`, `a1`, … (every third a state, the rest persons) and the given
/// meetings `m00`, `m01`, …, each citing one source; a meeting not held is cancelled.
pub fn sided_graph(n: usize, raw: &[SidedMeeting]) -> MeetingGraph {
    let actors = (0..n)
        .map(|i| Actor {
            id: format!("a{i}"),
            name: format!("Actor {i}"),
            kind: if i % 3 == 2 {
                ActorKind::State
            } else {
                ActorKind::Person
            },
            aliases: vec![],
            native_name: None,
            notes: None,
        })
        .collect();
    let meetings = raw
        .iter()
        .enumerate()
        .map(|(i, (ps, date, held))| Meeting {
            id: format!("m{i:02}"),
            date: date.parse().unwrap(),
            date_note: None,
            place: None,
            kind: MeetingKind::Meeting,
            status: if *held {
                Status::Held
            } else {
                Status::Cancelled
            },
            participants: ps
                .iter()
                .map(|&(p, side)| Participant {
                    actor: ActorIndex(p as u32),
                    role: None,
                    side,
                })
                .collect(),
            sides: Vec::new(),
            sources: vec![Citation {
                source: SourceIndex(0),
                evidence: None,
            }],
            notes: None,
        })
        .collect();
    let sources = vec![Source {
        id: "s".into(),
        publication: "p".into(),
        title: None,
        published: None,
        url: None,
        notes: None,
    }];
    MeetingGraph::new(Dataset {
        actors,
        sources,
        affiliations: vec![],
        meetings,
    })
}

/// The JSON of a successful `whomet` run (`--format json` added).
pub fn json(args: &[&str]) -> serde_json::Value {
    let out = whomet()
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}
