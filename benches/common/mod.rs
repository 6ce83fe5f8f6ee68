//! Helpers shared by the benchmark binaries: the generated data sets and process CPU time.

// Each bench binary compiles this module and uses only part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The folder holding a preset's actors.csv and meetings.csv (`/tmp/whomet-<P>/<P>`),
/// generated with `../shared/bench/gen.py` when missing.
pub fn generated_csv(preset: &str) -> PathBuf {
    let out = PathBuf::from(format!("/tmp/whomet-{preset}"));
    let dir = out.join(preset);
    if !dir.join("meetings.csv").is_file() {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/gen.py");
        eprintln!("generating {} …", dir.display());
        // gen.py --preset writes into <out>/<preset>.
        let status = Command::new("python3")
            .arg(&script)
            .args(["--preset", preset, "--out"])
            .arg(&out)
            .status()
            .expect("python3 runs gen.py");
        assert!(status.success(), "gen.py failed");
    }
    dir
}

/// CPU seconds the process has used (user + system, all threads), from /proc/self/stat;
/// a busy shared machine inflates wall time but not this.
pub fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}
