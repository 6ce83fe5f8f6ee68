//! Checks across rows of a CSV pair: the problem log that keeps the first problems of a file,
//! the wording of a row's problems, repeated meeting ids, and merging repeated sources.

use rayon::prelude::*;

use super::{LISTED_PER_FILE, SUGGESTED_PER_FILE};
use crate::model::{Meeting, Source, SourceIndex};
use crate::store::diagnostic::{LoadError, Problem};

/// What a problem's message ends with once the file-wide facts are known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Tail {
    /// Nothing more.
    None,
    /// A "did you mean" hint for this unknown actor id, if it is among the first
    /// [`SUGGESTED_PER_FILE`] such problems listed.
    Hint(String),
    /// " (first defined at line N)", N the line of the record read from this offset.
    FirstDefined(u64),
}

/// One problem until its line and its tail are known.
#[derive(Debug)]
pub(super) struct Entry {
    /// Where the parser began reading the problem's record (`None`: not on a line).
    at: Option<u64>,
    message: String,
    tail: Tail,
}

/// Problems of one file: the first few kept, all counted.
///
/// Problems carry byte offsets, not lines, so that chunks of a file need not know the lines
/// before them; offsets sort like lines, so the kept ones are the first in the file however
/// the file was cut.
#[derive(Debug, Default)]
pub(super) struct ProblemLog {
    kept: Vec<Entry>,
    pub(super) count: usize,
    pub(super) bad_rows: usize,
}

impl ProblemLog {
    /// Logs a problem of the record read from `at`.
    pub(super) fn push(&mut self, at: Option<u64>, message: String, tail: Tail) {
        self.count += 1;
        self.kept.push(Entry { at, message, tail });
        self.compact();
    }

    /// Adds another chunk's log, of the part of the file after this one's.
    pub(super) fn append(&mut self, other: ProblemLog) {
        self.count += other.count;
        self.bad_rows += other.bad_rows;
        self.kept.extend(other.kept);
        self.compact();
    }

    /// Keeps the problems on the first lines, in bounded memory whatever the order of pushes.
    /// The sort is stable, so problems of one record keep the order they were found in.
    fn compact(&mut self) {
        if self.kept.len() >= 2 * LISTED_PER_FILE {
            self.kept.sort_by_key(|p| p.at);
            self.kept.truncate(LISTED_PER_FILE);
        }
    }

    /// The kept problems in file order, closed by a line counting the others.
    ///
    /// `lines` turns ascending offsets into lines (see [`super::lines::lines_at`]) and is
    /// called only when a problem is on a line; `suggest` gives an unknown id's hint.
    pub(super) fn listing(
        mut self,
        file: &str,
        lines: impl FnOnce(&[u64]) -> std::io::Result<Vec<u64>>,
        suggest: impl Fn(&str) -> String,
    ) -> Result<Vec<Problem>, LoadError> {
        self.kept.sort_by_key(|p| p.at);
        self.kept.truncate(LISTED_PER_FILE);
        let mut offsets: Vec<u64> = self.kept.iter().filter_map(|p| p.at).collect();
        offsets.extend(self.kept.iter().filter_map(|p| match p.tail {
            Tail::FirstDefined(at) => Some(at),
            _ => None,
        }));
        offsets.sort_unstable();
        offsets.dedup();
        let found = if offsets.is_empty() {
            Vec::new()
        } else {
            lines(&offsets)
                .map_err(|e| LoadError::single(file, format!("cannot read file: {e}")))?
        };
        let line = |at: u64| offsets.binary_search(&at).map_or(0, |i| found[i]);
        let mut hints_left = SUGGESTED_PER_FILE;
        let mut listed: Vec<Problem> = Vec::with_capacity(self.kept.len() + 1);
        for entry in self.kept {
            let mut message = entry.message;
            match entry.tail {
                Tail::None => {}
                Tail::Hint(id) => {
                    if hints_left > 0 {
                        hints_left -= 1;
                        message.push_str(&suggest(&id));
                    }
                }
                Tail::FirstDefined(at) => {
                    message.push_str(&format!(" (first defined at line {})", line(at)));
                }
            }
            listed.push(problem(file, entry.at.map_or(0, line), message));
        }
        let rest = self.count - listed.len();
        if rest > 0 {
            // Placed on the last listed line, with a message that sorts after the others
            // there, so that the diagnostic sort keeps it at the end of the file's listing.
            let line = listed.last().and_then(|p| p.line);
            let message = format!(
                "… and {rest} more problem{} after this line (the first {} are listed)",
                if rest == 1 { "" } else { "s" },
                listed.len()
            );
            listed.push(problem(file, line.unwrap_or(0) as u64, message));
        }
        Ok(listed)
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

/// Keeps one source per distinct id (the first cited) and points citations at it, given
/// [`first_of_each_id`].
pub(super) fn merge_sources(
    sources: &mut Vec<Source>,
    first: Option<Vec<u32>>,
    meetings: &mut [Meeting],
) {
    let Some(first) = first else {
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
///
/// Each source is one number to sort: its hash's upper bits above its position, half the
/// bytes of a (hash, position) pair. Sources whose hashes share those bits form a run in
/// position order, and ids are compared only within runs.
pub(super) fn first_of_each_id(sources: &[Source], hashes: &[u64]) -> Option<Vec<u32>> {
    let position_bits = usize::BITS - sources.len().leading_zeros();
    let hash_bits = u64::BITS.saturating_sub(position_bits);
    let key = |h: u64, i: usize| {
        let hash = h.checked_shr(u64::BITS - hash_bits).unwrap_or(0);
        hash.checked_shl(position_bits).unwrap_or(0) | i as u64
    };
    let mut order: Vec<u64> = hashes.iter().enumerate().map(|(i, &h)| key(h, i)).collect();
    order.par_sort_unstable();
    let position_mask = 1u64.checked_shl(position_bits).map_or(u64::MAX, |b| b - 1);
    let position = |k: u64| (k & position_mask) as u32;
    let mut first: Option<Vec<u32>> = None;
    for run in order
        .chunk_by(|a, b| a >> position_bits == b >> position_bits)
        .filter(|run| run.len() > 1)
    {
        for (j, &k) in run.iter().enumerate().skip(1) {
            let i = position(k);
            let id = &sources[i as usize].id;
            if let Some(f) = run[..j]
                .iter()
                .map(|&k| position(k))
                .find(|&f| sources[f as usize].id == *id)
            {
                let first = first.get_or_insert_with(|| (0..sources.len() as u32).collect());
                first[i as usize] = first[f as usize];
            }
        }
    }
    first
}

/// Offset, id hash and id of a bad row that has an id, so that duplicates of it are found.
pub(super) type BadId = (u64, u64, String);

/// Reports repeated meeting ids in file order; returns which good meetings repeat an earlier
/// id, if any do. `offsets` are where the parser began reading each good meeting's record.
pub(super) fn duplicate_ids(
    meetings: &[Meeting],
    offsets: &[u64],
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
    if bad_ids.is_empty() && crate::model::in_id_order(meetings) {
        return None;
    }
    let found = repeats(meetings.len(), offsets, hashes, bad_ids, id);
    if found.is_empty() {
        return None;
    }
    let mut duplicate = vec![false; meetings.len()];
    for (at, first_at, row) in found {
        log.push(
            Some(at),
            format!(
                "meeting \"{}\", column \"id\": duplicate meeting id",
                id(row)
            ),
            Tail::FirstDefined(first_at),
        );
        if (row as usize) < meetings.len() {
            log.bad_rows += 1;
            duplicate[row as usize] = true;
        }
    }
    Some(duplicate)
}

/// `(offset, first offset, row)` of every row repeating an earlier row's id, in file order.
/// Rows past the `good` ones stand for the bad rows.
fn repeats<'a>(
    good: usize,
    offsets: &[u64],
    hashes: &[u64],
    bad_ids: &[BadId],
    id: impl Fn(u32) -> &'a str,
) -> Vec<(u64, u64, u32)> {
    // (hash, offset, row); sorted, each run of one hash is in file order.
    let mut order: Vec<(u64, u64, u32)> = hashes
        .iter()
        .zip(offsets)
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
    let mut found: Vec<(u64, u64, u32)> = Vec::new();
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_first_of_each_id_is_that_of_a_plain_search(
            ids in prop::collection::vec(prop::sample::select(vec!["a", "b", "cc", "dd", "e"]), 0..40),
            collide in any::<bool>(),
        ) {
            let sources: Vec<Source> = ids
                .iter()
                .map(|id| Source { id: id.to_string(), ..Source::unfilled() })
                .collect();
            // Hashes by length make different ids collide; by content they do not.
            let hashes: Vec<u64> = ids
                .iter()
                .map(|id| {
                    let h = if collide { id.len() as u64 } else { id.as_bytes()[0] as u64 };
                    h.wrapping_mul(0x9E37_79B9_7F4A_7C15)
                })
                .collect();
            let plain: Vec<u32> = (0..ids.len())
                .map(|i| ids.iter().position(|id| *id == ids[i]).unwrap_or(i) as u32)
                .collect();
            let distinct = (0..ids.len()).all(|i| plain[i] == i as u32);
            match first_of_each_id(&sources, &hashes) {
                None => prop_assert!(distinct),
                Some(first) => prop_assert_eq!(first, plain),
            }
        }
    }
}
