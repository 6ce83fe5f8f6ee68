//! Checks across rows of a CSV pair: the problem log that keeps the first problems of a file,
//! the wording of a row's problems, repeated meeting ids, and merging repeated sources.

use rayon::prelude::*;

use super::LISTED_PER_FILE;
use crate::model::{Meeting, Source, SourceIndex};
use crate::store::diagnostic::Problem;

/// Problems of one file: the first few kept, all counted.
#[derive(Debug, Default)]
pub(super) struct ProblemLog {
    kept: Vec<Problem>,
    pub(super) count: usize,
    pub(super) bad_rows: usize,
}

impl ProblemLog {
    pub(super) fn push(&mut self, problem: Problem) {
        self.count += 1;
        self.kept.push(problem);
        self.compact();
    }

    /// Adds another chunk's log.
    pub(super) fn append(&mut self, other: ProblemLog) {
        self.count += other.count;
        self.bad_rows += other.bad_rows;
        self.kept.extend(other.kept);
        self.compact();
    }

    /// Keeps the problems on the first lines, in bounded memory whatever the order of pushes.
    fn compact(&mut self) {
        if self.kept.len() >= 2 * LISTED_PER_FILE {
            self.kept.sort_by_key(|p| p.line);
            self.kept.truncate(LISTED_PER_FILE);
        }
    }

    /// The kept problems in line order, closed by a line counting the others.
    pub(super) fn listing(mut self, file: &str) -> Vec<Problem> {
        self.kept.sort_by_key(|p| p.line);
        self.kept.truncate(LISTED_PER_FILE);
        let rest = self.count - self.kept.len();
        if rest > 0 {
            // Placed on the last listed line, with a message that sorts after the others
            // there, so that the diagnostic sort keeps it at the end of the file's listing.
            let line = self.kept.last().and_then(|p| p.line);
            self.kept.push(problem(
                file,
                line.unwrap_or(0) as u64,
                format!(
                    "… and {rest} more problem{} after this line (the first {} are listed)",
                    if rest == 1 { "" } else { "s" },
                    self.kept.len()
                ),
            ));
        }
        self.kept
    }
}

/// A problem on a line of a file (line 0: not on a line).
pub(super) fn problem(file: &str, line: u64, message: String) -> Problem {
    Problem {
        file: file.to_string(),
        line: (line > 0).then_some(line as usize),
        column: None,
        message,
        span: None,
    }
}

/// The part of a record's message that names it: `meeting "m1", column "date"`.
pub(super) fn subject(what: &str, id: &[u8], column: &str) -> String {
    if id.is_empty() {
        format!("{what} without id, column \"{column}\"")
    } else {
        format!(
            "{what} \"{}\", column \"{column}\"",
            String::from_utf8_lossy(id)
        )
    }
}

/// The message for a field that is not UTF-8.
pub(super) fn not_utf8(what: &str, id: &[u8], column: &str) -> String {
    format!(
        "{} is not valid UTF-8; save the file as UTF-8",
        subject(what, id, column)
    )
}

/// Keeps one source per distinct id (the first cited) and points citations at it.
pub(super) fn merge_sources(sources: &mut Vec<Source>, hashes: &[u64], meetings: &mut [Meeting]) {
    let Some(first) = first_of_each_id(sources, hashes) else {
        return;
    };
    let mut position = vec![0u32; sources.len()];
    let mut kept = 0;
    for i in 0..sources.len() {
        if first[i] as usize == i {
            position[i] = kept;
            kept += 1;
        } else {
            position[i] = position[first[i] as usize];
        }
    }
    let mut index = 0;
    sources.retain(|_| {
        let keep = first[index] as usize == index;
        index += 1;
        keep
    });
    for meeting in meetings {
        for citation in &mut meeting.sources {
            citation.source = SourceIndex(position[citation.source.index()]);
        }
        // A row citing one URL twice cites its source once.
        let mut seen: Vec<SourceIndex> = Vec::new();
        meeting.sources.retain(|c| {
            let new = !seen.contains(&c.source);
            seen.push(c.source);
            new
        });
    }
}

/// `first[i]`, the position of the first source with the same id as source `i`; `None`
/// when every id is distinct.
fn first_of_each_id(sources: &[Source], hashes: &[u64]) -> Option<Vec<u32>> {
    let mut order: Vec<(u64, u32)> = hashes
        .iter()
        .enumerate()
        .map(|(i, &h)| (h, i as u32))
        .collect();
    order.par_sort_unstable();
    let mut first: Option<Vec<u32>> = None;
    for run in order
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|run| run.len() > 1)
    {
        // A run is in position order; equal hashes are compared by id.
        for (j, &(_, i)) in run.iter().enumerate().skip(1) {
            let id = &sources[i as usize].id;
            if let Some(&(_, f)) = run[..j]
                .iter()
                .find(|&&(_, f)| sources[f as usize].id == *id)
            {
                let first = first.get_or_insert_with(|| (0..sources.len() as u32).collect());
                first[i as usize] = first[f as usize];
            }
        }
    }
    first
}

/// Line, id hash and id of a bad row that has an id, so that duplicates of it are found.
pub(super) type BadId = (u32, u64, String);

/// Reports repeated meeting ids in line order; returns which good meetings repeat an earlier
/// id, if any do.
pub(super) fn duplicate_ids(
    file: &str,
    meetings: &[Meeting],
    lines: &[u32],
    hashes: &[u64],
    bad_ids: &[BadId],
    log: &mut ProblemLog,
) -> Option<Vec<bool>> {
    let id = |row: u32| {
        let row = row as usize;
        if row < meetings.len() {
            meetings[row].id.as_str()
        } else {
            bad_ids[row - meetings.len()].2.as_str()
        }
    };
    let found = repeats(meetings.len(), lines, hashes, bad_ids, id);
    if found.is_empty() {
        return None;
    }
    let mut duplicate = vec![false; meetings.len()];
    for (line, first_line, row) in found {
        log.push(problem(
            file,
            u64::from(line),
            format!(
                "meeting \"{}\", column \"id\": duplicate meeting id (first defined at line {first_line})",
                id(row)
            ),
        ));
        if (row as usize) < meetings.len() {
            log.bad_rows += 1;
            duplicate[row as usize] = true;
        }
    }
    Some(duplicate)
}

/// `(line, first line, row)` of every row repeating an earlier row's id, in line order. Rows
/// past the `good` ones stand for the bad rows.
fn repeats<'a>(
    good: usize,
    lines: &[u32],
    hashes: &[u64],
    bad_ids: &[BadId],
    id: impl Fn(u32) -> &'a str,
) -> Vec<(u32, u32, u32)> {
    // (hash, line, row); sorted, each run of one hash is in line order.
    let mut order: Vec<(u64, u32, u32)> = hashes
        .iter()
        .zip(lines)
        .enumerate()
        .map(|(i, (&h, &line))| (h, line, i as u32))
        .chain(
            bad_ids
                .iter()
                .enumerate()
                .map(|(j, (line, h, _))| (*h, *line, (good + j) as u32)),
        )
        .collect();
    order.par_sort_unstable();
    let mut found: Vec<(u32, u32, u32)> = Vec::new();
    for run in order
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|run| run.len() > 1)
    {
        for (j, &(_, line, row)) in run.iter().enumerate().skip(1) {
            if let Some(&(_, first_line, _)) = run[..j].iter().find(|&&(_, _, f)| id(f) == id(row))
            {
                found.push((line, first_line, row));
            }
        }
    }
    found.sort_unstable();
    found
}
