//! Writes a [`Dataset`] as a whomet RON data folder (`actors.ron`, `affiliations.ron`,
//! `sources.ron`, `meetings/<year>.ron`) that [`crate::store::load`] reads back.
//!
//! The folder is written in full under a temporary name beside the target and renamed into
//! place, so an interrupted write never leaves a half-written data folder behind.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;
use ron::extensions::Extensions;
use ron::ser::PrettyConfig;

use crate::model::Dataset;
use crate::store::atomic::{
    folder_of, hold_interrupts, temp_dir_in, write_synced, AtomicError, InProgress,
};
use crate::store::dump::{raw_actor, raw_affiliation, raw_meeting, raw_source};
use crate::store::raw::RawFile;

/// How to treat an existing target folder.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteOptions {
    /// Replace an existing non-empty folder.
    pub force: bool,
}

/// What went wrong writing a data folder.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The target exists, holds files, and replacing it was not asked for.
    #[error("{} already exists and is not empty", .0.display())]
    NotEmpty(PathBuf),
    /// The target exists and is a file.
    #[error("{} exists and is not a folder", .0.display())]
    NotAFolder(PathBuf),
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
}

impl From<AtomicError> for WriteError {
    fn from(error: AtomicError) -> Self {
        match error {
            AtomicError::Io { path, source } => WriteError::Io { path, source },
            AtomicError::Exists(path) | AtomicError::Link(path) => WriteError::Io {
                source: io::Error::from(io::ErrorKind::AlreadyExists),
                path,
            },
        }
    }
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// Files written, relative to the folder, in path order.
    pub files: Vec<PathBuf>,
    /// Records written (actors, affiliations, sources and meetings).
    pub records: u64,
}

/// Writes `data` as a RON data folder at `dir`.
///
/// `progress(done, total)` is called, possibly from several threads, as files are finished,
/// counting records.
///
/// ```
/// use whomet::store::write::{write_ron_dir, WriteOptions};
/// use whomet::store::{load, load_dataset, DataLocation};
/// let data = load_dataset(&DataLocation::Embedded)?;
/// let dir = tempfile::tempdir()?;
/// let target = dir.path().join("copy");
/// write_ron_dir(&data, &target, WriteOptions::default(), &|_, _| {})?;
/// assert_eq!(load_dataset(&DataLocation::Dir(target))?, data);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_ron_dir(
    data: &Dataset,
    dir: &Path,
    options: WriteOptions,
    progress: &(dyn Fn(u64, u64) + Sync),
) -> Result<Written, WriteError> {
    let occupied = match fs::read_dir(dir) {
        Ok(mut entries) => entries.next().is_some(),
        Err(_) if dir.exists() && !dir.is_dir() => {
            return Err(WriteError::NotAFolder(dir.to_path_buf()))
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => false,
        Err(e) => return Err(io_error(dir)(e)),
    };
    if occupied && !options.force {
        return Err(WriteError::NotEmpty(dir.to_path_buf()));
    }
    let parent = folder_of(dir);
    fs::create_dir_all(parent).map_err(io_error(parent))?;
    crate::store::atomic::clean_stale(parent);
    let temp = temp_dir_in(parent, ".whomet-write-").map_err(io_error(parent))?;
    let staging = InProgress::new(temp.path());

    let plan = plan(data);
    let total: u64 = plan.iter().map(|f| f.records(data) as u64).sum();
    let done = AtomicU64::new(0);
    fs::create_dir(temp.path().join("meetings")).map_err(io_error(temp.path()))?;
    plan.par_iter()
        .try_for_each(|file| -> Result<(), WriteError> {
            let path = temp.path().join(&file.path);
            let text = file.render(data);
            write_synced(&path, text.as_bytes())?;
            let records = file.records(data) as u64;
            let now = done.fetch_add(records, Ordering::Relaxed) + records;
            progress(now, total);
            Ok(())
        })?;

    // The old folder moves aside (into a fresh empty temporary folder, which rename may
    // replace) only once the new one is complete, and comes back if the new one cannot take
    // its place. Interrupts wait for the swap, so they never find the user's folder aside.
    let swapped = {
        let _swapping = hold_interrupts();
        swap_in(temp.path(), dir, parent, occupied)
    };
    let old = swapped?;
    let _ = temp.keep();
    drop(staging);
    // The replaced folder is disposable now: an interrupt while deleting it finishes the job.
    let disposing = old.as_ref().map(|o| InProgress::new(o.path()));
    drop(old);
    drop(disposing);
    let mut files: Vec<PathBuf> = plan.into_iter().map(|f| f.path).collect();
    files.sort();
    Ok(Written {
        files,
        records: total,
    })
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> WriteError {
    let path = path.to_path_buf();
    move |source| WriteError::Io { path, source }
}

/// Renames the complete folder `temp` to `dir`, moving an `occupied` `dir` aside first and
/// back again when the second rename fails. Returns the folder holding the replaced one.
fn swap_in(
    temp: &Path,
    dir: &Path,
    parent: &Path,
    occupied: bool,
) -> Result<Option<tempfile::TempDir>, WriteError> {
    let old = if occupied {
        let old = temp_dir_in(parent, ".whomet-old-").map_err(io_error(parent))?;
        fs::rename(dir, old.path()).map_err(io_error(dir))?;
        Some(old)
    } else {
        None
    };
    if let Err(e) = fs::rename(temp, dir) {
        if let Some(old) = old {
            // Keep the user's folder whatever happens: if it cannot move back, leave it
            // where it is (never deleted) and say where.
            let aside = old.keep();
            if fs::rename(&aside, dir).is_err() {
                return Err(WriteError::Io {
                    path: dir.to_path_buf(),
                    source: io::Error::new(
                        e.kind(),
                        format!("{e}; the previous folder is kept at {}", aside.display()),
                    ),
                });
            }
        }
        return Err(io_error(dir)(e));
    }
    Ok(old)
}

/// One file to write and what goes in it.
struct PlannedFile {
    path: PathBuf,
    comment: &'static str,
    part: Part,
}

enum Part {
    Actors,
    Affiliations,
    Sources,
    Meetings(Vec<usize>),
}

impl PlannedFile {
    fn records(&self, data: &Dataset) -> usize {
        match &self.part {
            Part::Actors => data.actors.len(),
            Part::Affiliations => data.affiliations.len(),
            Part::Sources => data.sources.len(),
            Part::Meetings(list) => list.len(),
        }
    }

    fn render(&self, data: &Dataset) -> String {
        let raw = match &self.part {
            Part::Actors => RawFile {
                actors: data.actors.iter().map(raw_actor).collect(),
                ..RawFile::default()
            },
            Part::Affiliations => RawFile {
                affiliations: data
                    .affiliations
                    .iter()
                    .map(|a| raw_affiliation(data, a))
                    .collect(),
                ..RawFile::default()
            },
            Part::Sources => RawFile {
                sources: data.sources.iter().map(raw_source).collect(),
                ..RawFile::default()
            },
            Part::Meetings(list) => RawFile {
                meetings: list
                    .iter()
                    .map(|&i| raw_meeting(data, &data.meetings[i]))
                    .collect(),
                ..RawFile::default()
            },
        };
        format!("// {}\n{}", self.comment, to_ron(&raw))
    }
}

/// The files for `data`: actors, affiliations and sources in one file each (when present)
/// and meetings by year, each year in data order.
fn plan(data: &Dataset) -> Vec<PlannedFile> {
    let mut files = vec![PlannedFile {
        path: PathBuf::from("actors.ron"),
        comment: "Actors, written by whomet.",
        part: Part::Actors,
    }];
    if !data.affiliations.is_empty() {
        files.push(PlannedFile {
            path: PathBuf::from("affiliations.ron"),
            comment: "Affiliations, written by whomet.",
            part: Part::Affiliations,
        });
    }
    if !data.sources.is_empty() {
        files.push(PlannedFile {
            path: PathBuf::from("sources.ron"),
            comment: "Sources, written by whomet.",
            part: Part::Sources,
        });
    }
    let mut by_year: BTreeMap<Option<i16>, Vec<usize>> = BTreeMap::new();
    for (i, meeting) in data.meetings.iter().enumerate() {
        by_year.entry(meeting.date.year()).or_default().push(i);
    }
    // Large files first, so that parallel writers finish together.
    let mut years: Vec<(Option<i16>, Vec<usize>)> = by_year.into_iter().collect();
    years.sort_by_key(|(_, list)| std::cmp::Reverse(list.len()));
    for (year, list) in years {
        let name = match year {
            Some(y) => format!("{y:04}.ron"),
            None => "undated.ron".to_string(),
        };
        files.push(PlannedFile {
            path: Path::new("meetings").join(name),
            comment: "Meetings of one year, written by whomet.",
            part: Part::Meetings(list),
        });
    }
    // The sources file is by far the largest of imported data: start it first.
    files.sort_by_key(|f| !matches!(f.part, Part::Sources));
    files
}

fn to_ron(raw: &RawFile) -> String {
    let config = PrettyConfig::new()
        .struct_names(true)
        .depth_limit(4)
        .indentor("    ")
        .extensions(Extensions::IMPLICIT_SOME);
    let text = ron::ser::to_string_pretty(raw, config).unwrap_or_else(|e| {
        // Plain strings and enums always serialise; keep any failure visible in the file.
        format!("// whomet could not write this file: {e}\n()")
    });
    // The loader enables implicit Some itself, and the curated files open with a bare `(`.
    let text = text
        .strip_prefix("#![enable(implicit_some)]\n")
        .unwrap_or(&text);
    let text = text.strip_prefix("RawFile").unwrap_or(text);
    let mut text = text.to_string();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{load_dataset, DataLocation};

    #[test]
    fn refuses_a_non_empty_folder_unless_forced() {
        let data = load_dataset(&DataLocation::Embedded).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("keep.txt"), "x").unwrap();
        let err = write_ron_dir(&data, &target, WriteOptions::default(), &|_, _| {}).unwrap_err();
        assert!(matches!(err, WriteError::NotEmpty(_)), "{err}");
        assert!(target.join("keep.txt").exists());

        let written =
            write_ron_dir(&data, &target, WriteOptions { force: true }, &|_, _| {}).unwrap();
        assert!(!target.join("keep.txt").exists());
        assert!(written.files.contains(&PathBuf::from("actors.ron")));
        assert_eq!(
            load_dataset(&DataLocation::Dir(target.clone())).unwrap(),
            data
        );
        // Only the target is left in the parent: no temporary folders.
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["out"]);
    }

    #[test]
    fn writes_into_an_empty_folder() {
        let data = load_dataset(&DataLocation::Embedded).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let written =
            write_ron_dir(&data, dir.path(), WriteOptions::default(), &|_, _| {}).unwrap();
        let text = fs::read_to_string(dir.path().join("actors.ron")).unwrap();
        assert!(
            text.starts_with("// Actors, written by whomet.\n(\n    actors: [\n        Actor(\n")
        );
        assert!(written.records > 0);
    }

    #[cfg(unix)]
    #[test]
    fn modes_follow_the_umask() {
        use std::os::unix::fs::PermissionsExt;
        let mode = |path: &Path| fs::metadata(path).unwrap().permissions().mode() & 0o777;
        let data = load_dataset(&DataLocation::Embedded).unwrap();
        let dir = tempfile::tempdir().unwrap();
        // What the umask gives a plainly created folder and file.
        fs::create_dir(dir.path().join("plain")).unwrap();
        fs::write(dir.path().join("plain/file"), "x").unwrap();
        let target = dir.path().join("out");
        write_ron_dir(&data, &target, WriteOptions::default(), &|_, _| {}).unwrap();
        assert_eq!(mode(&target), mode(&dir.path().join("plain")));
        assert_eq!(
            mode(&target.join("actors.ron")),
            mode(&dir.path().join("plain/file"))
        );
    }
}
