//! The file-wide vectors of the meetings file's good rows, which chunks fill in place, and
//! their compaction once every chunk is done.

use rayon::prelude::*;

use crate::model::{Meeting, Source};

/// The part of the file-wide vectors one chunk fills: its `k`-th good row goes to slot `k`,
/// with its first source in the same slot of the sources. Chunks write in place, in parallel,
/// so a million meetings are never copied from one vector into another (which would cost the
/// copy, fresh pages, and a second copy of the data at the peak).
pub(super) struct Slots<'a> {
    /// File-wide index of the first slot.
    pub(super) base: usize,
    pub(super) meetings: &'a mut [Meeting],
    /// Where the parser began reading each row's record.
    pub(super) offsets: &'a mut [u64],
    pub(super) id_hashes: &'a mut [u64],
    pub(super) sources: &'a mut [Source],
    pub(super) source_hashes: &'a mut [u64],
}

/// Marks a citation of a chunk's extra source (a row's second and later); the low bits are
/// the position among the chunk's extras until they get their file-wide place.
pub(super) const EXTRA: u32 = 1 << 31;

/// Splits `items` into consecutive parts of the given lengths.
fn split_parts<'a, T>(mut items: &'a mut [T], lengths: &[usize]) -> Vec<&'a mut [T]> {
    let mut parts = Vec::with_capacity(lengths.len());
    for &len in lengths {
        let (part, rest) = std::mem::take(&mut items).split_at_mut(len);
        parts.push(part);
        items = rest;
    }
    parts
}

/// Keeps, of each part (of the given lengths), its first `filled` items. The empty slots sit
/// at the ends of parts, so they go as ranges, from the back: at most one move of the items
/// after each, never a pass over every item.
fn keep_filled<T>(items: &mut Vec<T>, parts: &[(usize, usize)]) {
    let mut end: usize = parts.iter().map(|p| p.0).sum();
    for &(len, filled) in parts.iter().rev() {
        let start = end - len;
        if filled < len {
            items.drain(start + filled..end);
        }
        end = start;
    }
}

/// The file-wide vectors, one entry per slot, that chunks fill in place.
pub(super) struct Columns {
    pub(super) meetings: Vec<Meeting>,
    /// Where the parser began reading each row's record.
    pub(super) offsets: Vec<u64>,
    pub(super) id_hashes: Vec<u64>,
    pub(super) sources: Vec<Source>,
    pub(super) source_hashes: Vec<u64>,
}

impl Columns {
    /// `total` empty slots.
    pub(super) fn new(total: usize) -> Self {
        let mut meetings: Vec<Meeting> = Vec::with_capacity(total);
        meetings.par_extend((0..total).into_par_iter().map(|_| Meeting::unfilled()));
        let mut sources: Vec<Source> = Vec::with_capacity(total);
        sources.par_extend((0..total).into_par_iter().map(|_| Source::unfilled()));
        Columns {
            meetings,
            offsets: vec![0u64; total],
            id_hashes: vec![0u64; total],
            sources,
            source_hashes: vec![0u64; total],
        }
    }

    /// The slots of consecutive parts of the given lengths.
    pub(super) fn slots(&mut self, lengths: &[usize]) -> Vec<Slots<'_>> {
        let mut base = 0;
        split_parts(&mut self.meetings, lengths)
            .into_iter()
            .zip(split_parts(&mut self.offsets, lengths))
            .zip(split_parts(&mut self.id_hashes, lengths))
            .zip(split_parts(&mut self.sources, lengths))
            .zip(split_parts(&mut self.source_hashes, lengths))
            .map(
                |((((meetings, offsets), id_hashes), sources), source_hashes)| {
                    let slots = Slots {
                        base,
                        meetings,
                        offsets,
                        id_hashes,
                        sources,
                        source_hashes,
                    };
                    base += slots.meetings.len();
                    slots
                },
            )
            .collect()
    }

    /// Drops the empty slots at the end of each part, given each part's `(length, filled)`,
    /// and points citations at the sources' places once that is done.
    ///
    /// Citations point at file-wide slots; once the empty slots go, a slot moves down by the
    /// empty slots before its part, and the extra sources follow the slots, chunk after chunk.
    ///
    /// `extras` are each chunk's number of extra sources.
    pub(super) fn compact(&mut self, parts: &[(usize, usize)], extras: &[usize]) {
        let kept: usize = parts.iter().map(|p| p.1).sum();
        let has_extras = extras.iter().any(|&n| n > 0);
        if kept < self.meetings.len() || has_extras {
            let (mut base, mut shift, mut extras_before) = (0, 0, kept);
            for (&(len, filled), &extra) in parts.iter().zip(extras) {
                for meeting in &mut self.meetings[base..base + filled] {
                    for citation in &mut meeting.sources {
                        let index = citation.source.0;
                        citation.source.0 = if index & EXTRA != 0 {
                            (extras_before + (index & !EXTRA) as usize) as u32
                        } else {
                            index - shift as u32
                        };
                    }
                }
                base += len;
                shift += len - filled;
                extras_before += extra;
            }
        }
        keep_filled(&mut self.meetings, parts);
        keep_filled(&mut self.offsets, parts);
        keep_filled(&mut self.id_hashes, parts);
        keep_filled(&mut self.sources, parts);
        keep_filled(&mut self.source_hashes, parts);
    }
}
