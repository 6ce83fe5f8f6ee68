//! The columns of the two CSV files, the header row that must name them, and reading fields.

use std::io::Read;

use super::lines::lines_at;
use super::validate::problem;
use crate::store::diagnostic::LoadError;

/// The columns of `actors.csv`, in order.
pub const ACTOR_COLUMNS: [&str; 4] = ["id", "name", "kind", "aliases"];

/// The columns of `meetings.csv`, in order.
pub const MEETING_COLUMNS: [&str; 5] = ["id", "date", "participants", "place", "source"];

/// The columns `meetings.csv` may add after [`MEETING_COLUMNS`], in any order: what the
/// curated data records beyond the generator's five, so that an export keeps it.
pub const OPTIONAL_MEETING_COLUMNS: [&str; 4] = ["status", "kind", "roles", "notes"];

/// Where a meetings file's optional columns are, and how wide its rows must be.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Layout {
    /// Columns per row.
    pub(super) width: usize,
    /// The position of each of [`OPTIONAL_MEETING_COLUMNS`], when the header has it.
    pub(super) optional: [Option<usize>; 4],
}

impl Layout {
    /// The header's column names, for messages.
    pub(super) fn names(&self, columns: &[&'static str]) -> Vec<&'static str> {
        let mut names = columns.to_vec();
        let mut extra: Vec<(usize, &'static str)> = self
            .optional
            .iter()
            .zip(OPTIONAL_MEETING_COLUMNS)
            .filter_map(|(at, name)| at.map(|at| (at, name)))
            .collect();
        extra.sort();
        names.extend(extra.into_iter().map(|(_, n)| n));
        names
    }
}

/// A UTF-8 byte-order mark, which spreadsheet programs put before the header.
pub(super) const BOM: &[u8] = b"\xEF\xBB\xBF";

/// How many bytes the readers of a CSV file take at a time.
pub(super) const READ_AHEAD: usize = 1 << 18;

/// A CSV reader of records as bytes, without header handling.
pub(super) fn reader<R: Read>(input: R) -> csv::Reader<R> {
    // Flexible, so that a short or long row becomes a located problem, not a reader error.
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(READ_AHEAD)
        .from_reader(input)
}

/// Reads and checks the header row of the file `open` reads; returns the body's offset.
pub(super) fn check_header<R: Read>(
    name: &str,
    open: impl Fn() -> std::io::Result<R>,
    columns: &[&str],
) -> Result<u64, LoadError> {
    check_header_with(name, open, columns, &[]).map(|(start, _)| start)
}

/// Like [`check_header`], accepting after `columns` any of `optional`, each once, in any
/// order; returns the body's offset and where the optional columns are.
pub(super) fn check_header_with<R: Read>(
    name: &str,
    open: impl Fn() -> std::io::Result<R>,
    columns: &[&str],
    optional: &[&str],
) -> Result<(u64, Layout), LoadError> {
    let cannot = |e: std::io::Error| LoadError::single(name, format!("cannot read file: {e}"));
    let mut reader = reader(open().map_err(cannot)?);
    let mut header = csv::ByteRecord::new();
    let expected = if optional.is_empty() {
        columns.join(",")
    } else {
        format!(
            "{}, then any of {} (optional)",
            columns.join(","),
            optional.join(",")
        )
    };
    match reader.read_byte_record(&mut header) {
        Ok(true) => {}
        Ok(false) => {
            return Err(LoadError::single(
                name,
                format!("the file is empty; expected a header row with the columns {expected}"),
            ))
        }
        Err(e) => return Err(LoadError::single(name, format!("cannot read CSV: {e}"))),
    }
    let found: Vec<String> = header
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let f = if i == 0 {
                f.strip_prefix(BOM).unwrap_or(f)
            } else {
                f
            };
            String::from_utf8_lossy(f).into_owned()
        })
        .collect();
    let mut layout = Layout {
        width: found.len(),
        optional: [None; 4],
    };
    let mut fits = found.len() >= columns.len()
        && found[..columns.len()]
            .iter()
            .map(String::as_str)
            .eq(columns.iter().copied());
    for (at, extra) in found.iter().enumerate().skip(columns.len()) {
        match optional.iter().position(|o| o == extra) {
            Some(k) if layout.optional[k].is_none() => layout.optional[k] = Some(at),
            _ => fits = false,
        }
    }
    if !fits {
        // The parser skips blank lines before the header.
        let line = lines_at(open().map_err(cannot)?, &[0]).map_err(cannot)?[0];
        return Err(LoadError::from_parts(
            vec![problem(
                name,
                line,
                format!(
                    "wrong header: expected the columns {expected}, found {}",
                    found.join(",")
                ),
            )],
            Vec::new(),
        ));
    }
    Ok((reader.position().byte(), layout))
}

/// The message for a row with `found` fields instead of one per column.
pub(super) fn wrong_width(columns: &[&'static str], found: usize) -> String {
    format!(
        "expected {} columns ({}), found {found}",
        columns.len(),
        columns.join(",")
    )
}

/// Where the parser began reading `record`, as an offset in the file, given the offset its
/// reader started at. [`super::lines::lines_at`] makes it a line.
pub(super) fn offset_of(record: &csv::ByteRecord, start: u64) -> u64 {
    start + record.position().map_or(0, csv::Position::byte)
}

/// A field as text, if it is UTF-8.
pub(super) fn text(field: &[u8]) -> Option<&str> {
    std::str::from_utf8(field).ok()
}

/// Splits on `|`, trimming spaces and dropping empty pieces.
pub(super) fn pieces(field: &[u8]) -> impl Iterator<Item = &[u8]> {
    Pieces { rest: Some(field) }
}

/// [`pieces`] of a field already known to be text, without checking them again: they are
/// cut at ASCII bytes, so each begins and ends on a character boundary.
pub(super) fn text_pieces(field: &str) -> impl Iterator<Item = &str> {
    let start = field.as_ptr() as usize;
    pieces(field.as_bytes()).filter_map(move |piece| {
        let from = piece.as_ptr() as usize - start;
        field.get(from..from + piece.len())
    })
}

/// The pieces of a field, found with `memchr`: a million rows' participants and sources are
/// split here, and a byte-by-byte split was a tenth of the meetings file's reading.
struct Pieces<'a> {
    rest: Option<&'a [u8]>,
}

impl<'a> Iterator for Pieces<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        loop {
            let rest = self.rest?;
            let (piece, tail) = match memchr::memchr(b'|', rest) {
                Some(bar) => (&rest[..bar], Some(&rest[bar + 1..])),
                None => (rest, None),
            };
            self.rest = tail;
            let piece = piece.trim_ascii();
            if !piece.is_empty() {
                return Some(piece);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn pieces_are_those_of_a_plain_split(field in prop::collection::vec(
            prop::sample::select(vec![b'a', b'|', b' ', b'\t', 0xC3, 0xA9, b';']),
            0..24,
        )) {
            let plain: Vec<&[u8]> = field
                .split(|&b| b == b'|')
                .map(<[u8]>::trim_ascii)
                .filter(|p| !p.is_empty())
                .collect();
            prop_assert_eq!(pieces(&field).collect::<Vec<_>>(), plain.clone());
            if let Ok(text) = std::str::from_utf8(&field) {
                let bytes: Vec<&[u8]> = text_pieces(text).map(str::as_bytes).collect();
                prop_assert_eq!(bytes, plain);
            }
        }
    }
}
