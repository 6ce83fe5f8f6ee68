//! The import workflow: a CSV pair or a JSON dump read and checked, then written as a RON data
//! folder (with its snapshot when large), with a report of what was read, skipped and written.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::csv::{read_pair, CsvOptions, CsvReport};
use super::walk::read_data_file;
use super::write::{write_ron_dir, WriteError, WriteOptions};
use super::{load_files, DataFile, LoadError};
use crate::model::Dataset;
use crate::Error;

/// How to import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportOptions {
    /// Leave out bad rows instead of failing.
    pub skip_bad: bool,
    /// Replace a folder that exists and is not empty.
    pub force: bool,
}

/// Where an import is, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportStage {
    /// Reading and checking the CSV pair began.
    Reading,
    /// Reading finished; writing the folder began.
    Writing,
    /// Records written so far, of all.
    Written {
        /// Records written.
        done: u64,
        /// Records to write.
        total: u64,
    },
    /// The folder is in place.
    Done,
}

/// Rows read, imported and left out, for one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Data rows in the file.
    pub rows: usize,
    /// Records imported.
    pub imported: usize,
    /// Rows left out as bad.
    pub skipped: usize,
}

/// What an import did (JSON: `{"out","actors":{"rows","imported","skipped"},"meetings":{…},
/// "sources","files":[…]}`).
#[derive(Debug, Clone, Serialize)]
pub struct ImportReport {
    /// The folder written.
    pub out: String,
    /// The actors file.
    pub actors: Counts,
    /// The meetings file.
    pub meetings: Counts,
    /// Sources made from the meetings' URLs.
    pub sources: usize,
    /// Files written, relative to the folder.
    pub files: Vec<String>,
    /// The rows left out and why (only with `skip_bad`).
    #[serde(skip)]
    pub csv: CsvReport,
}

/// Reads `actors` and `meetings`, checks every row, and writes the data set to `out` through a
/// temporary folder, so that `out` is either the old folder or the whole new one. Refuses a
/// non-empty `out` without `force`, before reading. `progress` hears each stage.
///
/// # Errors
/// [`Error::Data`] for bad rows (all listed) without `skip_bad`; [`Error::WriteFolder`] when
/// `out` is taken or cannot be written.
pub fn import_pair(
    actors: &Path,
    meetings: &Path,
    out: &Path,
    options: ImportOptions,
    progress: &(dyn Fn(ImportStage) + Sync),
) -> Result<ImportReport, Error> {
    refuse_target(&[actors, meetings], out, options)?;
    progress(ImportStage::Reading);
    let import = read_pair(
        actors,
        meetings,
        CsvOptions {
            skip_bad: options.skip_bad,
        },
    )?;
    let report = import.report;
    let counts = (
        Counts {
            rows: report.actor_rows,
            imported: import.dataset.actors.len(),
            skipped: report.actors_skipped,
        },
        Counts {
            rows: report.meeting_rows,
            imported: import.dataset.meetings.len(),
            skipped: report.meetings_skipped,
        },
    );
    write(&import.dataset, out, options, counts, report, progress)
}

/// Reads a JSON dump (as `export --as json` writes it), checks it as the loader checks RON
/// files, and writes it to `out` like [`import_pair`]. Every record comes back: sides, roles,
/// kinds, statuses, notes, affiliations and each citation's evidence.
///
/// # Errors
/// [`Error::Data`] for a dump that does not parse or whose records do not check (all listed,
/// with line and column); [`Error::Usage`] with `skip_bad`, which only applies to CSV rows;
/// [`Error::WriteFolder`] when `out` is taken or cannot be written.
pub fn import_dump(
    dump: &Path,
    out: &Path,
    options: ImportOptions,
    progress: &(dyn Fn(ImportStage) + Sync),
) -> Result<ImportReport, Error> {
    if options.skip_bad {
        return Err(Error::Usage(
            "--skip-bad applies to CSV pairs; a dump is imported whole or not at all".into(),
        ));
    }
    refuse_target(&[dump], out, options)?;
    progress(ImportStage::Reading);
    let name = dump.display().to_string();
    let cannot = |why: String| Error::from(LoadError::single(name.clone(), why));
    // Only a regular file: opening a FIFO would block until someone writes to it.
    match std::fs::metadata(dump) {
        Ok(meta) if meta.is_file() => {}
        Ok(_) => return Err(cannot("not a regular file".into())),
        Err(e) => return Err(cannot(format!("cannot read file: {e}"))),
    }
    let bytes = read_data_file(dump).map_err(cannot)?;
    // The loader tells a dump from a RON file by its name.
    let file = DataFile {
        name: if name.ends_with(".json") {
            name.clone()
        } else {
            format!("{name}.json")
        },
        bytes,
    };
    let data = load_files(std::slice::from_ref(&file))?;
    let all = |n: usize| Counts {
        rows: n,
        imported: n,
        skipped: 0,
    };
    let counts = (all(data.actors.len()), all(data.meetings.len()));
    write(&data, out, options, counts, CsvReport::default(), progress)
}

/// Refuses, before any reading, a taken `out` without `force`, and an `out` that holds an
/// input (replacing it would delete the input).
fn refuse_target(inputs: &[&Path], out: &Path, options: ImportOptions) -> Result<(), Error> {
    let taken = std::fs::read_dir(out).is_ok_and(|mut entries| entries.next().is_some());
    if !options.force && taken {
        return Err(WriteError::NotEmpty(PathBuf::from(out)).into());
    }
    if let Ok(target) = out.canonicalize() {
        for input in inputs {
            if input.canonicalize().is_ok_and(|i| i.starts_with(&target)) {
                return Err(Error::Usage(format!(
                    "{} is inside {}, which the import would replace; write to another folder",
                    input.display(),
                    out.display()
                )));
            }
        }
    }
    Ok(())
}

/// Writes the checked data set as the folder `out` and reports what was read and written.
fn write(
    data: &Dataset,
    out: &Path,
    options: ImportOptions,
    (actors, meetings): (Counts, Counts),
    csv: CsvReport,
    progress: &(dyn Fn(ImportStage) + Sync),
) -> Result<ImportReport, Error> {
    progress(ImportStage::Writing);
    let written = write_ron_dir(
        data,
        out,
        WriteOptions {
            force: options.force,
        },
        &|done, total| progress(ImportStage::Written { done, total }),
    )?;
    // The first query of a large folder then skips the RON parser; a snapshot is optional,
    // so failing to write one only costs speed.
    let _ = super::snapshot::write_if_large(data, out);
    progress(ImportStage::Done);
    Ok(ImportReport {
        out: out.display().to_string(),
        actors,
        meetings,
        sources: data.sources.len(),
        files: written
            .files
            .iter()
            .map(|f| f.display().to_string())
            .collect(),
        csv,
    })
}
