//! The import workflow: a CSV pair read and checked, then written as a RON data folder (with
//! its snapshot when large), with a report of what was read, skipped and written.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::csv::{read_pair, CsvOptions, CsvReport};
use super::write::{write_ron_dir, WriteError, WriteOptions};
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
    let taken = std::fs::read_dir(out).is_ok_and(|mut entries| entries.next().is_some());
    if !options.force && taken {
        return Err(WriteError::NotEmpty(PathBuf::from(out)).into());
    }
    // Replacing the folder that holds the input would delete the input.
    if let Ok(target) = out.canonicalize() {
        for input in [actors, meetings] {
            if input.canonicalize().is_ok_and(|i| i.starts_with(&target)) {
                return Err(Error::Usage(format!(
                    "{} is inside {}, which the import would replace; write to another folder",
                    input.display(),
                    out.display()
                )));
            }
        }
    }
    progress(ImportStage::Reading);
    let import = read_pair(
        actors,
        meetings,
        CsvOptions {
            skip_bad: options.skip_bad,
        },
    )?;
    progress(ImportStage::Writing);
    let data = &import.dataset;
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
    let report = import.report;
    Ok(ImportReport {
        out: out.display().to_string(),
        actors: Counts {
            rows: report.actor_rows,
            imported: data.actors.len(),
            skipped: report.actors_skipped,
        },
        meetings: Counts {
            rows: report.meeting_rows,
            imported: data.meetings.len(),
            skipped: report.meetings_skipped,
        },
        sources: data.sources.len(),
        files: written
            .files
            .iter()
            .map(|f| f.display().to_string())
            .collect(),
        csv: report,
    })
}
