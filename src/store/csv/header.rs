//! The columns of the two CSV files, the header row that must name them, and reading fields.

use std::io::Read;

use super::lines::lines_at;
use super::validate::problem;
use crate::store::diagnostic::LoadError;

/// The columns of `actors.csv`, in order.
pub const ACTOR_COLUMNS: [&str; 4] = ["id", "name", "kind", "aliases"];

/// The columns of `meetings.csv`, in order.
pub const MEETING_COLUMNS: [&str; 5] = ["id", "date", "participants", "place", "source"];

/// A UTF-8 byte-order mark, which spreadsheet programs put before the header.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A CSV reader of records as bytes, without header handling.
pub(super) fn reader<R: Read>(input: R) -> csv::Reader<R> {
    // Flexible, so that a short or long row becomes a located problem, not a reader error.
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(1 << 18)
        .from_reader(input)
}

/// Reads and checks the header row of the file `open` reads; returns the body's offset.
pub(super) fn check_header<R: Read>(
    name: &str,
    open: impl Fn() -> std::io::Result<R>,
    columns: &[&str],
) -> Result<u64, LoadError> {
    let cannot = |e: std::io::Error| LoadError::single(name, format!("cannot read file: {e}"));
    let mut reader = reader(open().map_err(cannot)?);
    let mut header = csv::ByteRecord::new();
    let expected = columns.join(",");
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
    if found.iter().map(String::as_str).ne(columns.iter().copied()) {
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
    Ok(reader.position().byte())
}

/// The message for a row with `found` fields instead of one per column.
pub(super) fn wrong_width(columns: &[&str], found: usize) -> String {
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
    field
        .split(|&b| b == b'|')
        .map(<[u8]>::trim_ascii)
        .filter(|p| !p.is_empty())
}
