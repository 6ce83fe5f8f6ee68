//! Runs each example in `examples/` on the bundled data and checks what it prints.
//!
//! `cargo test` builds the examples; this test builds any that are missing (when run alone with
//! `--test examples`) through the same cargo, then runs the binaries.

use std::path::PathBuf;
use std::process::Command;

fn example(name: &str, args: &[&str]) -> String {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let built = Command::new(&cargo)
        .args(["build", "--quiet", "--example", name])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .expect("cargo runs");
    assert!(built.success(), "building example {name} failed");
    // Examples sit beside the test binaries' folder: target/<profile>/examples/.
    let mut path: PathBuf = std::env::current_exe().unwrap();
    path.pop();
    if path.ends_with("deps") {
        path.pop();
    }
    let path = path.join("examples").join(name);
    let out = Command::new(&path)
        .args(args)
        .env_remove("WHOMET_DATA")
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(
        out.status.success(),
        "example {name} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn who_met_whom_lists_contacts_and_the_chain_from_xi_to_kim() {
    let out = example("who_met_whom", &[]);
    let first = out.lines().next().unwrap();
    assert!(
        first.starts_with("Kim Jong Un met ") && first.ends_with(" actors in held meetings:"),
        "{out}"
    );
    // Each contact line names someone and the dates they met.
    assert!(out.contains("  Miguel Diaz-Canel "), "{out}");
    // The chain, however long the data makes it, runs hop by hop from Xi to Kim with dates
    // and sources.
    let hops: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("From Xi Jinping to Kim Jong Un in "))
        .skip(1)
        .collect();
    assert!(!hops.is_empty(), "{out}");
    assert!(hops[0].starts_with("  1. Xi Jinping – "), "{out}");
    assert!(hops.last().unwrap().contains(" – Kim Jong Un on "), "{out}");
    assert!(hops.iter().all(|h| h.contains(" (source: ")), "{out}");
    assert!(out.contains(&format!(" in {} hops:", hops.len())), "{out}");
}

#[test]
fn render_network_writes_an_svg_with_state_clusters() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("network.svg");
    let out = example("render_network", &[path.to_str().unwrap()]);
    assert!(out.starts_with("drew "), "{out}");
    assert!(out.contains(" state clusters with dot into "), "{out}");
    let svg = std::fs::read_to_string(&path).unwrap();
    assert!(svg.contains("<svg"));
    assert!(svg.contains("id=\"cluster_state_cuba\""));
    assert!(svg.contains(">Kim Jong Un</text>"));
    assert!(
        out.trim_end().ends_with(&format!("({} bytes)", svg.len())),
        "{out}"
    );
}

#[test]
fn centrality_ranks_five_actors_by_betweenness() {
    let out = example("centrality", &[]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 6, "{out}");
    assert!(lines[0].starts_with("rank actor"));
    // The envoy who met Xi in Beijing and then the North Koreans brokers the most chains.
    assert!(lines[1].starts_with("1    Salvador Valdes Mesa"), "{out}");
    let scores: Vec<f64> = lines[1..]
        .iter()
        .map(|l| l.split_whitespace().rev().nth(1).unwrap().parse().unwrap())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{out}");
}
