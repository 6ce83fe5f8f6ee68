//! Cutting the meetings file's body into byte ranges at record boundaries, one per thread,
//! so that ranges parse in parallel and a large file is never held whole.

use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

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

/// Where to cut a file's body between records, and how many lines each piece holds.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Scan {
    /// `0`, the cuts, and the body's length.
    pub(super) cuts: Vec<u64>,
    /// Newlines in each piece.
    pub(super) newlines: Vec<u64>,
}

/// One piece of the body to parse: its byte range, the file lines before it, and how many
/// records it can hold at most.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Piece {
    /// Offset from the body's start.
    pub(super) from: u64,
    /// Length in bytes.
    pub(super) len: u64,
    /// File lines before the piece.
    pub(super) lines_before: u64,
    /// Records it can hold: its newlines (and one more for the file's last piece).
    pub(super) slots: usize,
}

impl Scan {
    /// The pieces, given the lines before the body. Each piece gets one slot per newline in
    /// it (a record ends at a newline, except perhaps the file's last).
    pub(super) fn pieces(&self, lines_before_body: u64) -> Vec<Piece> {
        let mut plan = Vec::with_capacity(self.newlines.len());
        let mut lines = lines_before_body;
        for (window, newlines) in self.cuts.windows(2).zip(&self.newlines) {
            plan.push(Piece {
                from: window[0],
                len: window[1] - window[0],
                lines_before: lines,
                slots: *newlines as usize,
            });
            lines += newlines;
        }
        if let Some(last) = plan.last_mut() {
            last.slots += 1;
        }
        plan
    }
}

/// Reads a body of `len` bytes once to cut it into about `parts` pieces at record boundaries.
///
/// A newline ends a record exactly when an even number of `"` precede it, because RFC 4180
/// quotes open and close in pairs and write a literal quote as `""`.
pub(super) fn scan(mut input: impl Read, len: u64, parts: usize) -> std::io::Result<Scan> {
    let mut targets = (1..parts as u64).map(|k| len / parts as u64 * k).peekable();
    let mut cuts = vec![0];
    let mut newlines = vec![0];
    let mut quoted = false;
    let mut offset = 0u64;
    let mut buffer = vec![0u8; 1 << 20];
    loop {
        let read = match input.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        for i in memchr::memchr2_iter(b'"', b'\n', &buffer[..read]) {
            if buffer[i] == b'"' {
                quoted = !quoted;
                continue;
            }
            *newlines.last_mut().unwrap_or(&mut 0) += 1;
            let at = offset + i as u64 + 1;
            // Cut at the first record end at or past each target.
            if !quoted && at < len && targets.peek().is_some_and(|&t| t < at) {
                while targets.next_if(|&t| t < at).is_some() {}
                cuts.push(at);
                newlines.push(0);
            }
        }
        offset += read as u64;
    }
    cuts.push(len.max(offset));
    Ok(Scan { cuts, newlines })
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
            assert_eq!(scan.newlines.len() + 1, scan.cuts.len());
            assert_eq!(scan.newlines.iter().sum::<u64>(), 6);
            for &cut in &scan.cuts[1..scan.cuts.len() - 1] {
                assert!(
                    [10, 21, 25].contains(&cut),
                    "cut at {cut} with {parts} parts"
                );
            }
        }
        let two = scan(&body[..], body.len() as u64, 2).unwrap();
        assert_eq!(two.cuts, [0, 21, 29]);
        assert_eq!(two.newlines, [4, 2]);
        let pieces = two.pieces(1);
        assert_eq!(pieces[1].lines_before, 5);
        assert_eq!(pieces.iter().map(|p| p.slots).collect::<Vec<_>>(), [4, 3]);
    }
}
