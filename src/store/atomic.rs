//! Writes files atomically: the one way whomet puts a file in place, so that a reader never
//! sees half a file and an existing file is replaced only when asked.
//!
//! A file is written into a temporary file in its target folder, flushed to disk and renamed
//! over the target. The result's mode follows the umask (`0o666 & !umask`, so `0644` under
//! the usual `022`), like any file the user creates, not the temporary file's private `0600`.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

/// What went wrong writing a file atomically.
#[derive(Debug, thiserror::Error)]
pub enum AtomicError {
    /// The target exists and replacing it was not asked for.
    #[error("{} already exists", .0.display())]
    Exists(PathBuf),
    /// The target is a symbolic link, which a rename would silently replace.
    #[error("{} is a symbolic link; whomet does not replace links (write to the file it points to)", .0.display())]
    Link(PathBuf),
    /// Creating, writing or renaming a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The target file.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
}

/// The folder `path` is in: its parent, or `.` for a bare file name.
pub fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Fails with [`AtomicError::Exists`] when `path` exists and `force` is false, so that a
/// command can refuse before doing the work.
pub fn ensure_free(path: &Path, force: bool) -> Result<(), AtomicError> {
    if !force && path.exists() {
        return Err(AtomicError::Exists(path.to_path_buf()));
    }
    Ok(())
}

/// A temporary folder in `parent` whose mode follows the umask (`0755` under `022`), so that
/// renamed into place it is an ordinary folder rather than tempfile's private `0700`.
pub fn temp_dir_in(parent: &Path, prefix: &str) -> io::Result<tempfile::TempDir> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(prefix);
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o777));
    builder.tempdir_in(parent)
}

/// A complete file written beside its target and flushed to disk, not yet in place.
///
/// Staging several files before placing any lets a command put all of them in place only
/// once every one is complete. Dropping a staged file deletes it.
#[derive(Debug)]
pub struct Staged {
    file: tempfile::NamedTempFile,
    path: PathBuf,
    _staging: InProgress,
}

impl Staged {
    /// Writes a temporary file in `path`'s folder with `write` (through a buffer) and syncs it.
    pub fn new(
        path: &Path,
        write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> Result<Self, AtomicError> {
        let io = io_at(path);
        clean_stale(folder_of(path));
        let mut builder = tempfile::Builder::new();
        builder.prefix(TEMP_FILE_PREFIX);
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
        let mut file = builder.tempfile_in(folder_of(path)).map_err(&io)?;
        let staging = InProgress::new(file.path());
        {
            let mut out = BufWriter::new(file.as_file_mut());
            write(&mut out).map_err(&io)?;
            out.flush().map_err(&io)?;
        }
        file.as_file().sync_all().map_err(&io)?;
        Ok(Staged {
            file,
            path: path.to_path_buf(),
            _staging: staging,
        })
    }

    /// The file this will become.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Renames the file into place; refuses to replace an existing file unless `force`.
    pub fn place(self, force: bool) -> Result<(), AtomicError> {
        let Staged {
            file,
            path,
            _staging,
        } = self;
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(AtomicError::Link(path));
        }
        // Held across the rename so that an interrupt never removes a file being renamed.
        let _renaming = hold_interrupts();
        let placed = if force {
            file.persist(&path)
        } else {
            file.persist_noclobber(&path)
        };
        placed.map(drop).map_err(|e| {
            if e.error.kind() == io::ErrorKind::AlreadyExists {
                AtomicError::Exists(path.clone())
            } else {
                io_at(&path)(e.error)
            }
        })
    }
}

/// Writes `bytes` to `path` atomically; refuses to replace an existing file unless `force`.
///
/// ```
/// use whomet::store::atomic::{write_atomic, AtomicError};
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("out.txt");
/// write_atomic(&path, b"one", false)?;
/// assert!(matches!(write_atomic(&path, b"two", false), Err(AtomicError::Exists(_))));
/// write_atomic(&path, b"two", true)?;
/// assert_eq!(std::fs::read(&path)?, b"two");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_atomic(path: &Path, bytes: &[u8], force: bool) -> Result<(), AtomicError> {
    ensure_free(path, force)?;
    Staged::new(path, |out| out.write_all(bytes))?.place(force)
}

/// Writes `bytes` to a new file at `path` (inside a folder that is itself renamed into place
/// later) and syncs it, so that the folder swap publishes complete files.
pub fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), AtomicError> {
    let io = io_at(path);
    let mut file = std::fs::File::create(path).map_err(&io)?;
    file.write_all(bytes).map_err(&io)?;
    file.sync_all().map_err(&io)
}

/// The name prefix of whomet's temporary files.
pub const TEMP_FILE_PREFIX: &str = ".whomet-tmp-";

/// The name prefixes of what whomet stages in a user's folder and may clean up. Not
/// `.whomet-old-`: a write killed between its two renames leaves the user's only copy of the
/// replaced folder there.
const STAGING_PREFIXES: [&str; 2] = [TEMP_FILE_PREFIX, ".whomet-write-"];

/// Staging older than this was left by a write that was killed; a younger one may belong to
/// a write still running.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(3600);

/// Removes what killed writes left in `folder`: entries named with whomet's staging prefixes
/// and not modified for an hour. Nothing else is touched, and failures are ignored (the
/// leftovers are only clutter).
pub fn clean_stale(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let ours = name
            .to_str()
            .is_some_and(|n| STAGING_PREFIXES.iter().any(|p| n.starts_with(p)));
        let Ok(meta) = entry.path().symlink_metadata() else {
            continue;
        };
        let old = meta
            .modified()
            .ok()
            .and_then(|m| m.elapsed().ok())
            .is_some_and(|age| age > STALE_AFTER);
        if !ours || !old {
            continue;
        }
        let _ = if meta.is_dir() {
            std::fs::remove_dir_all(entry.path())
        } else {
            std::fs::remove_file(entry.path())
        };
    }
}

/// Staging paths of writes under way, removed by [`remove_in_progress`] when the process is
/// interrupted. Renames that publish or swap hold the lock, so the interrupt waits for them.
static IN_PROGRESS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn in_progress() -> MutexGuard<'static, Vec<PathBuf>> {
    // A panic elsewhere while holding the lock leaves a list that is still right.
    IN_PROGRESS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Keeps interrupts waiting while held: an interrupt that arrives meanwhile removes the
/// staging only once the rename under way has finished.
pub fn hold_interrupts() -> MutexGuard<'static, Vec<PathBuf>> {
    in_progress()
}

/// A staging file or folder that an interrupt removes, from creation until it is dropped
/// (after it was renamed into place or deleted).
#[derive(Debug)]
pub struct InProgress(PathBuf);

impl InProgress {
    /// Registers `path` for removal on interrupt.
    pub fn new(path: &Path) -> Self {
        in_progress().push(path.to_path_buf());
        InProgress(path.to_path_buf())
    }
}

impl Drop for InProgress {
    fn drop(&mut self) {
        let mut list = in_progress();
        if let Some(at) = list.iter().rposition(|p| *p == self.0) {
            list.swap_remove(at);
        }
    }
}

/// Removes the staging files and folders of every write under way, for a process that is
/// about to exit on SIGINT or SIGTERM: the next run then finds nothing left behind. Waits
/// for a rename under way to finish first, and leaves the list locked so that no new rename
/// starts before the process exits.
pub fn remove_in_progress() {
    let list = in_progress();
    remove_all(&list);
    std::mem::forget(list);
}

fn remove_all(paths: &[PathBuf]) {
    for path in paths {
        match path.symlink_metadata() {
            Ok(meta) if meta.is_dir() => remove_busy_folder(path),
            Ok(_) => {
                let _ = std::fs::remove_file(path);
            }
            Err(_) => {}
        }
    }
}

/// Removes a staging folder that other threads may still be writing into. Renamed first, so
/// that files opened by path from now on fail instead of appearing in it; then removed
/// until it is gone, since a file created just before the rename can land after a pass.
fn remove_busy_folder(path: &Path) {
    let mut doomed = path.as_os_str().to_owned();
    doomed.push("-interrupted");
    let doomed = PathBuf::from(doomed);
    let target = if std::fs::rename(path, &doomed).is_ok() {
        doomed
    } else {
        path.to_path_buf()
    };
    for _ in 0..100 {
        if std::fs::remove_dir_all(&target).is_ok() || !target.exists() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

fn io_at(path: &Path) -> impl Fn(io::Error) -> AtomicError + '_ {
    move |source| AtomicError::Io {
        path: path.to_path_buf(),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusal_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.txt");
        write_atomic(&path, b"old", false).unwrap();
        let err = write_atomic(&path, b"new", false).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("{} already exists", path.display())
        );
        // A race past the early check is caught by the rename.
        let staged = Staged::new(&path, |out| out.write_all(b"new")).unwrap();
        assert!(matches!(staged.place(false), Err(AtomicError::Exists(_))));
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        write_atomic(&path, b"new", true).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn an_interrupt_removes_staging_files_and_folders_only() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.txt");
        let staged = Staged::new(&target, |out| out.write_all(b"x")).unwrap();
        let folder = temp_dir_in(dir.path(), ".whomet-write-").unwrap();
        std::fs::write(folder.path().join("inside.ron"), "[]").unwrap();
        let registered: Vec<PathBuf> = in_progress()
            .iter()
            .filter(|p| p.starts_with(dir.path()))
            .cloned()
            .collect();
        assert_eq!(registered, [staged.file.path().to_path_buf()]);
        let _guard = InProgress::new(folder.path());
        std::fs::write(dir.path().join("keep.txt"), "mine").unwrap();
        remove_all(&[
            staged.file.path().to_path_buf(),
            folder.path().to_path_buf(),
        ]);
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left, ["keep.txt"]);
    }

    #[cfg(unix)]
    #[test]
    fn mode_follows_the_umask() {
        use std::os::unix::fs::PermissionsExt;
        let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
        let dir = tempfile::tempdir().unwrap();
        // A plainly created file has mode 0o666 & !umask: 0644 under the usual umask 022.
        let plain = dir.path().join("plain");
        std::fs::File::create(&plain).unwrap();
        let expected = mode(&plain);
        let path = dir.path().join("atomic");
        write_atomic(&path, b"x", false).unwrap();
        assert_eq!(mode(&path), expected);
        write_atomic(&path, b"y", true).unwrap();
        assert_eq!(mode(&path), expected);
        // Folders likewise: 0o777 & !umask.
        std::fs::create_dir(dir.path().join("plain-dir")).unwrap();
        let folder = temp_dir_in(dir.path(), ".t-").unwrap();
        assert_eq!(mode(folder.path()), mode(&dir.path().join("plain-dir")));
    }
}
