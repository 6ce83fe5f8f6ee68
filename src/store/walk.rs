//! The one recursive walk for `*.ron` data files under a folder (the build script, which
//! cannot use the library, keeps its own copy). A data folder can hold anything: the walk
//! takes only regular files, follows no link out of the folder, enters no folder twice (two
//! links to `.` would make it exponential), and names every path it cannot use.

use std::collections::HashSet;
use std::fs::FileType;
use std::io;
use std::path::{Path, PathBuf};

/// The largest data file read, in bytes: far above any real file, far below a runaway read
/// of something like `/dev/zero`.
pub const MAX_FILE_BYTES: u64 = 256 << 20;

/// What a walk found: the `*.ron` files, sorted by path, and every path it could not use.
#[derive(Debug, Default)]
pub struct Walk {
    /// Regular `*.ron` files, sorted by path so that loading and the snapshot key are
    /// deterministic.
    pub files: Vec<PathBuf>,
    /// Paths that could not be used, with why, in the order met.
    pub problems: Vec<(PathBuf, String)>,
}

/// Walks `dir` for `*.ron` files.
pub fn walk(dir: &Path) -> Walk {
    let mut found = Walk::default();
    match dir.canonicalize() {
        Ok(root) => {
            let mut seen = HashSet::from([root.clone()]);
            visit(&root, dir, &mut seen, &mut found);
        }
        Err(e) => found
            .problems
            .push((dir.to_path_buf(), format!("cannot open the folder: {e}"))),
    }
    found.files.sort();
    found
}

/// Every `*.ron` file under `dir`, or an error naming the first path that could not be used
/// (a walk lists all of them).
pub fn ron_files(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let found = walk(dir);
    match found.problems.into_iter().next() {
        Some((path, why)) => Err(io::Error::other(format!("{}: {why}", path.display()))),
        None => Ok(found.files),
    }
}

fn visit(root: &Path, dir: &Path, seen: &mut HashSet<PathBuf>, found: &mut Walk) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            found
                .problems
                .push((dir.to_path_buf(), format!("cannot read the folder: {e}")));
            return;
        }
    };
    for entry in entries {
        let path = match entry {
            Ok(entry) => entry.path(),
            Err(e) => {
                found
                    .problems
                    .push((dir.to_path_buf(), format!("cannot read the folder: {e}")));
                continue;
            }
        };
        // Folders a killed write left behind hold copies of the data: never read them as data.
        if entry_name_is_staging(&path) {
            continue;
        }
        let is_ron = path.extension().is_some_and(|e| e == "ron");
        let Ok(own) = std::fs::symlink_metadata(&path) else {
            continue; // gone since the listing
        };
        let mut file_type = own.file_type();
        if file_type.is_symlink() {
            match std::fs::canonicalize(&path) {
                Ok(target) if target.starts_with(root) => {
                    file_type = match std::fs::metadata(&target) {
                        Ok(meta) => meta.file_type(),
                        Err(_) => continue,
                    };
                }
                Ok(target) if is_ron || target.is_dir() => {
                    found.problems.push((
                        path,
                        format!(
                            "a link that leads out of the data folder (to {}); whomet follows links only within it",
                            target.display()
                        ),
                    ));
                    continue;
                }
                Ok(_) => continue,
                Err(_) if is_ron => {
                    found.problems.push((path, "a broken link".to_string()));
                    continue;
                }
                Err(_) => continue,
            }
        }
        if file_type.is_dir() {
            match path.canonicalize() {
                // A folder reached a second time (through a link) is not walked again.
                Ok(canonical) => {
                    if seen.insert(canonical) {
                        visit(root, &path, seen, found);
                    }
                }
                Err(e) => found
                    .problems
                    .push((path, format!("cannot open the folder: {e}"))),
            }
        } else if is_ron {
            if file_type.is_file() {
                found.files.push(path);
            } else {
                let what = describe(file_type);
                found.problems.push((
                    path,
                    format!("not a regular file ({what}); whomet reads only regular .ron files"),
                ));
            }
        }
    }
}

/// True for whomet's own staging names (`.whomet-write-…`, `.whomet-old-…`, `.whomet-tmp-…`).
fn entry_name_is_staging(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with(".whomet-"))
}

/// What kind of non-regular file this is, in words.
fn describe(file_type: FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    let _ = file_type;
    "not a plain file"
}

/// Reads a data file found by [`walk`], at most [`MAX_FILE_BYTES`] of it.
pub fn read_data_file(path: &Path) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    read_data_file_into(path, &mut bytes)?;
    Ok(bytes)
}

/// Reads a data file like [`read_data_file`] into `bytes` (replacing what it held), so that
/// one buffer can serve file after file.
pub fn read_data_file_into(path: &Path, bytes: &mut Vec<u8>) -> Result<(), String> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read file: {e}"))?;
    bytes.clear();
    // Sized once from the file's length: growing by doubling copied a large file several
    // times over and left up to half the buffer unused.
    let expected = file
        .metadata()
        .map_or(0, |m| m.len())
        .min(MAX_FILE_BYTES + 1);
    bytes.reserve_exact(expected as usize + 1);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(bytes)
        .map_err(|e| format!("cannot read file: {e}"))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "larger than {} MiB; whomet reads data files up to that size",
            MAX_FILE_BYTES >> 20
        ));
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
