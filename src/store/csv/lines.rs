//! Line numbers as an editor shows them, worked out from byte offsets.
//!
//! The csv crate counts `\n` only (so a file with lone `\r` line ends is all line 1) and
//! dates a record from where it began reading it, which is before the `\n` of a CRLF and
//! before skipped blank lines. Rows therefore carry the byte offset where the parser began
//! reading them, and the few offsets a listing shows become lines in one pass at the end.

use std::io::{ErrorKind, Read};

/// Adds the line ends in `bytes` to `line`; `after_cr` says whether the byte before `bytes`
/// was a `\r` (so that a `\n` first in `bytes` completes a CRLF) and is updated.
fn count(bytes: &[u8], line: &mut u64, after_cr: &mut bool) {
    let Some(&last) = bytes.last() else {
        return;
    };
    for i in memchr::memchr2_iter(b'\r', b'\n', bytes) {
        let crlf = bytes[i] == b'\n'
            && if i == 0 {
                *after_cr
            } else {
                bytes[i - 1] == b'\r'
            };
        if !crlf {
            *line += 1;
        }
    }
    *after_cr = last == b'\r';
}

/// For each offset (ascending), the 1-based line of the first byte at or after it that does
/// not end a line: the first byte of the record the parser began reading there. A line ends
/// at `\n`, at `\r\n` and at a lone `\r`, as in editors. Reads no further than needed.
pub(super) fn lines_at(mut input: impl Read, offsets: &[u64]) -> std::io::Result<Vec<u64>> {
    let mut lines = Vec::with_capacity(offsets.len());
    let (mut line, mut after_cr) = (1u64, false);
    // Offset of the buffer's first byte.
    let mut base = 0u64;
    let mut buffer = vec![0u8; 1 << 16];
    while lines.len() < offsets.len() {
        let read = match input.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let block = &buffer[..read];
        let mut i = 0;
        while i < read && lines.len() < offsets.len() {
            let target = offsets[lines.len()];
            let stop = target.saturating_sub(base).clamp(i as u64, read as u64) as usize;
            count(&block[i..stop], &mut line, &mut after_cr);
            i = stop;
            if i == read {
                break;
            }
            // Past the target: skip the line ends the parser skips before a record.
            let start = i;
            while i < read && matches!(block[i], b'\r' | b'\n') {
                i += 1;
            }
            count(&block[start..i], &mut line, &mut after_cr);
            if i < read {
                let at = base + i as u64;
                while lines.len() < offsets.len() && offsets[lines.len()] <= at {
                    lines.push(line);
                }
            }
        }
        base += read as u64;
    }
    // Offsets at or past the end: the line after the last line end.
    lines.resize(offsets.len(), line);
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads one byte at a time, so that every block boundary is exercised.
    struct Trickle<'a>(&'a [u8]);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let Some((&first, rest)) = self.0.split_first() else {
                return Ok(0);
            };
            buf[0] = first;
            self.0 = rest;
            Ok(1)
        }
    }

    fn both(bytes: &[u8], offsets: &[u64]) -> Vec<u64> {
        let whole = lines_at(bytes, offsets).unwrap();
        assert_eq!(lines_at(Trickle(bytes), offsets).unwrap(), whole);
        whole
    }

    #[test]
    fn counts_lf_crlf_and_lone_cr_as_editors_do() {
        assert_eq!(both(b"a\nb\nc", &[0, 2, 4]), [1, 2, 3]);
        assert_eq!(both(b"a\r\nb\r\nc", &[0, 3, 6]), [1, 2, 3]);
        assert_eq!(both(b"a\rb\rc", &[0, 2, 4]), [1, 2, 3]);
        // Mixed: a lone \r, then \n, then \r\n.
        assert_eq!(both(b"a\rb\nc\r\nd", &[2, 4, 7]), [2, 3, 4]);
    }

    #[test]
    fn skips_the_line_ends_before_a_record() {
        // The parser began reading at the \n of a CRLF, or before blank lines.
        assert_eq!(both(b"h\r\n\r\n\r\nrow", &[2]), [4]);
        assert_eq!(both(b"h\n\n\nrow\n", &[2, 5, 5]), [4, 4, 4]);
        // Offsets inside the skipped run name the same record.
        assert_eq!(both(b"h\n\n\nrow\n", &[3, 4]), [4, 4]);
        // At or past the end.
        assert_eq!(both(b"h\n\n", &[2, 9]), [3, 3]);
        assert_eq!(both(b"", &[0]), [1]);
    }
}
