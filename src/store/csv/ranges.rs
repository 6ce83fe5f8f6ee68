//! Cutting the meetings file's body into byte ranges at record boundaries, one per thread,
//! so that ranges parse in parallel and a large file is never held whole.

use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use super::header::BOM;

/// Where the meetings file's bytes come from: memory, or a file of this length read in
/// ranges so that a large file is never held whole.
#[derive(Debug, Clone, Copy)]
pub(super) enum Body<'a> {
    /// The bytes, in memory.
    Memory(&'a [u8]),
    /// A file on disk and its length.
    File(&'a Path, u64),
}

impl<'a> Body<'a> {
    /// The body's length in bytes.
    pub(super) fn len(&self) -> u64 {
        match self {
            Body::Memory(bytes) => bytes.len() as u64,
            Body::File(_, len) => *len,
        }
    }

    /// A reader of `len` bytes from `from`.
    pub(super) fn open(&self, from: u64, len: u64) -> std::io::Result<Box<dyn Read + Send + 'a>> {
        match *self {
            Body::Memory(bytes) => Ok(Box::new(&bytes[from as usize..(from + len) as usize])),
            Body::File(path, _) => {
                let mut file = std::fs::File::open(path)?;
                file.seek(SeekFrom::Start(from))?;
                Ok(Box::new(file.take(len)))
            }
        }
    }
}

/// Where to cut a file's body between records, and how many line ends each piece holds.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Scan {
    /// `0`, the cuts, and the body's length.
    pub(super) cuts: Vec<u64>,
    /// Line ends (`\n`, `\r\n` or a lone `\r`) in each piece.
    pub(super) breaks: Vec<u64>,
    /// Whether the body's last byte ends a line, so that no record follows the last line end.
    pub(super) ends_with_break: bool,
}

/// One piece of the body to parse: its byte range and how many records it can hold at most.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Piece {
    /// Offset from the body's start.
    pub(super) from: u64,
    /// Length in bytes.
    pub(super) len: u64,
    /// Records it can hold: its line ends (and one more for the file's last piece, unless the
    /// file ends with a line end).
    pub(super) slots: usize,
    /// Whether it ends the body; the others end at a cut that must be checked.
    pub(super) last: bool,
}

impl Scan {
    /// The pieces. Each gets one slot per line end in it: a record ends at a `\r` or a `\n`
    /// (except perhaps the file's last), and no two records end in one `\r\n`.
    pub(super) fn pieces(&self) -> Vec<Piece> {
        let count = self.breaks.len();
        self.cuts
            .windows(2)
            .zip(&self.breaks)
            .enumerate()
            .map(|(i, (window, &breaks))| Piece {
                from: window[0],
                len: window[1] - window[0],
                slots: breaks as usize + usize::from(i + 1 == count && !self.ends_with_break),
                last: i + 1 == count,
            })
            .collect()
    }
}

/// Reads a body of `len` bytes once to cut it into about `parts` pieces at record boundaries.
///
/// A newline ends a record when an even number of `"` precede it, because RFC 4180 quotes
/// open and close in pairs and write a literal quote as `""`. The csv crate also takes a
/// stray quote inside an unquoted field as data, which breaks that parity, so each cut is
/// only a guess that the parse checks ([`super::meetings`]).
pub(super) fn scan(mut input: impl Read, len: u64, parts: usize) -> std::io::Result<Scan> {
    let parts = parts.max(1) as u64;
    let mut targets = (1..parts).map(|k| len * k / parts).peekable();
    let mut cuts = vec![0];
    let mut breaks = vec![0u64];
    let mut quoted = false;
    let mut offset = 0u64;
    // The byte before the buffer, so that a `\n` first in a buffer can complete a CRLF. A `\n`
    // first in the body ends no record (the header's reader may stop between `\r` and `\n`),
    // so it counts as completing one: a slot too many costs moving every meeting after it.
    let mut before = b'\r';
    let mut buffer = vec![0u8; 1 << 20];
    loop {
        let read = match input.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let block = &buffer[..read];
        for i in memchr::memchr3_iter(b'"', b'\n', b'\r', block) {
            match block[i] {
                b'"' => {
                    quoted = !quoted;
                    continue;
                }
                b'\r' => {
                    *breaks.last_mut().unwrap_or(&mut 0) += 1;
                    continue;
                }
                _ => {}
            }
            let previous = if i == 0 { before } else { block[i - 1] };
            if previous != b'\r' {
                *breaks.last_mut().unwrap_or(&mut 0) += 1;
            }
            let at = offset + i as u64 + 1;
            // Cut at the first record end at or past each target, where the next bytes are
            // in this buffer and are not a byte-order mark (a piece's reader drops one at its
            // start, as the csv crate does, where the sequential parser reads it as data).
            if !quoted
                && at < len
                && targets.peek().is_some_and(|&t| t < at)
                && block
                    .get(i + 1..i + 1 + BOM.len())
                    .is_some_and(|next| next != BOM)
            {
                while targets.next_if(|&t| t < at).is_some() {}
                cuts.push(at);
                breaks.push(0);
            }
        }
        before = block[read - 1];
        offset += read as u64;
    }
    cuts.push(len.max(offset));
    Ok(Scan {
        cuts,
        breaks,
        ends_with_break: offset > 0 && matches!(before, b'\n' | b'\r'),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_only_between_records() {
        let body = b"a,\"x\ny\",1\nb,\"\"\"q\n\",2\nc,3\nd,4\n";
        for parts in 1..8 {
            let scan = scan(&body[..], body.len() as u64, parts).unwrap();
            assert_eq!(scan.cuts[0], 0);
            assert_eq!(*scan.cuts.last().unwrap(), body.len() as u64);
            assert_eq!(scan.breaks.len() + 1, scan.cuts.len());
            assert_eq!(scan.breaks.iter().sum::<u64>(), 6);
            for &cut in &scan.cuts[1..scan.cuts.len() - 1] {
                assert!(
                    [10, 21, 25].contains(&cut),
                    "cut at {cut} with {parts} parts"
                );
            }
        }
        let two = scan(&body[..], body.len() as u64, 2).unwrap();
        assert_eq!(two.cuts, [0, 21, 29]);
        assert_eq!(two.breaks, [4, 2]);
        let pieces = two.pieces();
        assert_eq!(pieces.iter().map(|p| p.slots).collect::<Vec<_>>(), [4, 2]);
        assert_eq!(
            pieces.iter().map(|p| p.last).collect::<Vec<_>>(),
            [false, true]
        );
    }

    #[test]
    fn counts_every_kind_of_line_end() {
        let body = b"a\r\nb\rc\nd\r\n\"e\r\nf\"\n";
        let scan = scan(&body[..], body.len() as u64, 1).unwrap();
        assert_eq!(scan.breaks, [6]);
    }

    #[test]
    fn slots_match_records_when_the_body_starts_or_ends_on_a_line_end() {
        // A body that starts with the `\n` of the header's CRLF, then two records.
        let ended = b"\na,1\r\nb,2\r\n";
        let pieces = scan(&ended[..], ended.len() as u64, 1).unwrap().pieces();
        assert_eq!(pieces[0].slots, 2);
        let open = b"a,1\r\nb,2";
        let pieces = scan(&open[..], open.len() as u64, 1).unwrap().pieces();
        assert_eq!(pieces[0].slots, 2);
        assert_eq!(scan(&b""[..], 0, 1).unwrap().pieces()[0].slots, 1);
    }

    #[test]
    fn never_cuts_before_a_byte_order_mark() {
        let body = b"a,1\n\xEF\xBB\xBFb,2\nc,3\nd,4\n";
        for parts in 1..8 {
            let scan = scan(&body[..], body.len() as u64, parts).unwrap();
            assert!(!scan.cuts.contains(&4), "{:?}", scan.cuts);
        }
    }
}
