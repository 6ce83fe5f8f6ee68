//! Embeds the curated `graph/` data so the binary works from any directory.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// A copy of the library's `store::ron_files` walk (a build script cannot use the crate it
/// builds); keep the two in step.
fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "ron") {
            out.push(path);
        }
    }
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let graph = root.join("graph");
    println!("cargo:rerun-if-changed=graph");
    let mut files = Vec::new();
    collect(&graph, &mut files);
    files.sort();
    let mut code = String::from("/// The curated data files, by name relative to the crate.\npub static FILES: &[(&str, &[u8])] = &[\n");
    for path in files {
        let name = path
            .strip_prefix(&root)
            .expect("under the crate")
            .to_string_lossy()
            .replace('\\', "/");
        writeln!(
            code,
            "    ({name:?}, include_bytes!({:?})),",
            path.display().to_string()
        )
        .expect("write to string");
    }
    code.push_str("];\n");
    let out =
        PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo")).join("embedded_graph.rs");
    std::fs::write(out, code).expect("write embedded_graph.rs");
}
