//! The one recursive walk for `*.ron` data files under a folder (the build script, which
//! cannot use the library, keeps its own copy).

use std::io;
use std::path::{Path, PathBuf};

/// Every `*.ron` file under `dir`, recursively, sorted by path so that loading and the
/// snapshot key are deterministic.
pub fn ron_files(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    collect(dir, &mut files)?;
    files.sort();
    Ok(files)
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "ron") {
            out.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_ron_files_in_subfolders_sorted() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("meetings")).unwrap();
        for name in ["b.ron", "a.txt", "meetings/2016.ron", "a.ron"] {
            std::fs::write(dir.path().join(name), "()").unwrap();
        }
        let found: Vec<PathBuf> = ron_files(dir.path())
            .unwrap()
            .iter()
            .map(|p| p.strip_prefix(dir.path()).unwrap().to_path_buf())
            .collect();
        let expected: Vec<PathBuf> = ["a.ron", "b.ron", "meetings/2016.ron"]
            .iter()
            .map(PathBuf::from)
            .collect();
        assert_eq!(found, expected);
    }
}
