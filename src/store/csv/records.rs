//! The records of a CSV byte stream, exactly as the `csv` crate's reader of
//! [`reader`](super::header::reader) gives them (RFC 4180 quoting, a line end of `\r\n`, `\n`
//! or a lone `\r`, blank lines skipped, a UTF-8 byte-order mark dropped at the start), with the
//! same positions; but a line without a quote or an inner `\r`, which is nearly every line of
//! a generated file, is split on its commas by `memchr` instead of going through the
//! tokenizer's state machine byte by byte (about three times as fast on L's meetings file).
//! Every other record goes to `csv_core`, the `csv` crate's own tokenizer.

use std::io::Read;

use csv_core::ReadRecordResult;

use super::header::BOM;

/// One record: where the reader stood before it (what `csv::Position::byte` says) and its
/// fields.
#[derive(Debug, Clone, Copy)]
pub(super) struct Record<'a> {
    /// Offset in the stream where reading the record began (blank lines before it included).
    pub(super) position: u64,
    bytes: &'a [u8],
    bounds: &'a [(usize, usize)],
}

impl<'a> Record<'a> {
    /// Number of fields.
    pub(super) fn len(&self) -> usize {
        self.bounds.len()
    }

    /// Field `i`, unquoted.
    pub(super) fn field(&self, i: usize) -> &'a [u8] {
        let (start, end) = self.bounds[i];
        &self.bytes[start..end]
    }
}

/// Reads records from a byte stream; see the module's notes.
pub(super) struct Records<R> {
    input: R,
    /// Bytes read and kept: `buffer[..filled]` is the stream from offset `base`.
    buffer: Vec<u8>,
    filled: usize,
    base: u64,
    /// Where the `csv` crate's reader would stand: the end of the last record's input.
    consumed: usize,
    /// Where the search for the next line begins (at or after `consumed`).
    scan: usize,
    eof: bool,
    /// Whether no record has been read yet (a byte-order mark is dropped only before the first).
    first: bool,
    core: csv_core::Reader,
    /// A record read by `core`: its unquoted bytes and where each field ends.
    decoded: Vec<u8>,
    ends: Vec<usize>,
    bounds: Vec<(usize, usize)>,
}

impl<R: Read> Records<R> {
    /// Records of `input`, read `capacity` bytes or more at a time.
    pub(super) fn new(input: R, capacity: usize) -> Self {
        Records {
            input,
            buffer: vec![0; capacity.max(1)],
            filled: 0,
            base: 0,
            consumed: 0,
            scan: 0,
            eof: false,
            first: true,
            core: csv_core::Reader::new(),
            decoded: vec![0; 256],
            ends: vec![0; 16],
            bounds: Vec::with_capacity(16),
        }
    }

    /// Reads more of the stream, keeping the bytes from `keep` on (moved to the front); false
    /// at its end.
    fn refill(&mut self, keep: usize) -> std::io::Result<bool> {
        self.buffer.copy_within(keep..self.filled, 0);
        self.base += keep as u64;
        self.filled -= keep;
        self.consumed -= keep.min(self.consumed);
        self.scan -= keep.min(self.scan);
        if self.filled == self.buffer.len() {
            self.buffer.resize(self.buffer.len() * 2, 0);
        }
        loop {
            match self.input.read(&mut self.buffer[self.filled..]) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(false);
                }
                Ok(n) => {
                    self.filled += n;
                    return Ok(true);
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        }
    }

    /// The next record, or `None` at the end of the stream.
    pub(super) fn next_record(&mut self) -> std::io::Result<Option<Record<'_>>> {
        if self.first {
            // More than the mark: the tokenizer takes input that is empty once the mark is
            // dropped for the end of the stream.
            while self.filled <= BOM.len() && !self.eof {
                self.refill(0)?;
            }
            self.first = false;
            if self.buffer[..self.filled].starts_with(BOM) {
                // The tokenizer drops the mark, as the `csv` crate's reader does.
                return self.decode();
            }
            // Anything else the tokenizer reads later is not the stream's start: a first
            // read of a lone line end (skipped as blank) tells it so, and leaves it between
            // records.
            let _ = self
                .core
                .read_record(b"\n", &mut self.decoded, &mut self.ends);
        }
        loop {
            let Some(line_end) = memchr::memchr(b'\n', &self.buffer[self.scan..self.filled])
                .map(|i| self.scan + i)
                .or_else(|| self.eof.then_some(self.filled))
            else {
                let keep = self.consumed.min(self.scan);
                self.refill(keep)?;
                continue;
            };
            let start = self.scan;
            if start == line_end && line_end == self.filled {
                // The stream ends where the last record did.
                return Ok(None);
            }
            let line = &self.buffer[start..line_end];
            self.bounds.clear();
            let mut field_start = start;
            let mut end = line_end;
            let mut plain = true;
            for i in memchr::memchr3_iter(b',', b'"', b'\r', line) {
                match line[i] {
                    b',' => {
                        self.bounds.push((field_start, start + i));
                        field_start = start + i + 1;
                    }
                    b'\r' if i + 1 == line.len() => end = start + i,
                    _ => {
                        plain = false;
                        break;
                    }
                }
            }
            if !plain {
                return self.decode();
            }
            let next = (line_end + 1).min(self.filled);
            if end == start {
                // A blank line (`\n` or `\r\n` alone): skipped, and part of the next read.
                self.scan = next;
                continue;
            }
            self.bounds.push((field_start, end));
            let position = self.base + self.consumed as u64;
            // The `csv` crate's reader stops after the `\r` of a `\r\n` and after a `\n`.
            self.consumed = if end < line_end { end + 1 } else { next };
            self.scan = next;
            return Ok(Some(Record {
                position,
                bytes: &self.buffer,
                bounds: &self.bounds,
            }));
        }
    }

    /// Reads the record from where the reader stands with the tokenizer, which is never
    /// handed an empty input before the stream's end (that is how it is told of the end).
    fn decode(&mut self) -> std::io::Result<Option<Record<'_>>> {
        let position = self.base + self.consumed as u64;
        let (mut output, mut fields) = (0, 0);
        loop {
            let (result, read, written, ended) = self.core.read_record(
                &self.buffer[self.consumed..self.filled],
                &mut self.decoded[output..],
                &mut self.ends[fields..],
            );
            self.consumed += read;
            output += written;
            fields += ended;
            match result {
                ReadRecordResult::InputEmpty => {
                    if !self.eof {
                        self.scan = self.consumed;
                        self.refill(self.consumed)?;
                    }
                }
                ReadRecordResult::OutputFull => {
                    self.decoded.resize(self.decoded.len() * 2, 0);
                }
                ReadRecordResult::OutputEndsFull => self.ends.resize(self.ends.len() * 2, 0),
                ReadRecordResult::Record => break,
                ReadRecordResult::End => {
                    self.scan = self.filled;
                    return Ok(None);
                }
            }
        }
        self.scan = self.consumed;
        self.bounds.clear();
        let mut start = 0;
        for &end in &self.ends[..fields] {
            self.bounds.push((start, end));
            start = end;
        }
        Ok(Some(Record {
            position,
            bytes: &self.decoded,
            bounds: &self.bounds,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A reader that hands out at most `step` bytes at a time, so that lines and quoted fields
    /// straddle reads.
    struct Trickle<'a> {
        bytes: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            let n = self.step.min(out.len()).min(self.bytes.len());
            out[..n].copy_from_slice(&self.bytes[..n]);
            self.bytes = &self.bytes[n..];
            Ok(n)
        }
    }

    type Listing = Vec<(u64, Vec<Vec<u8>>)>;

    fn by_csv_crate(bytes: &[u8]) -> Listing {
        let mut reader = super::super::header::reader(bytes);
        let mut record = csv::ByteRecord::new();
        let mut read = Vec::new();
        while reader.read_byte_record(&mut record).expect("memory reads") {
            let position = record.position().map_or(0, csv::Position::byte);
            read.push((position, record.iter().map(<[u8]>::to_vec).collect()));
        }
        read
    }

    fn by_records(bytes: &[u8], step: usize, capacity: usize) -> Listing {
        let mut records = Records::new(Trickle { bytes, step }, capacity);
        let mut read = Vec::new();
        while let Some(record) = records.next_record().expect("memory reads") {
            let fields = (0..record.len())
                .map(|i| record.field(i).to_vec())
                .collect();
            read.push((record.position, fields));
        }
        read
    }

    #[test]
    fn reads_what_the_csv_crate_reads() {
        for text in [
            &b"a,b\r\nc,d\r\n\r\ne\n"[..],
            b"a\nb\n\n\nc",
            b"a\rb\r\rc\r\n",
            b"\"x\ny\",z\r\nw\r\n",
            b"a,\"b\"c,d\n",
            b"\r\n\r\na\n",
            b"\xEF\xBB\xBFid,x\r\n1,2\r\n",
            b"a\n\xEF\xBB\xBF\"b\"\n",
            b"",
            b"\n",
            b",\n,,",
            b"a\"b,c\r",
            b"\"open",
        ] {
            for (step, capacity) in [(1, 1), (3, 2), (1000, 4096)] {
                assert_eq!(
                    by_records(text, step, capacity),
                    by_csv_crate(text),
                    "{:?}",
                    String::from_utf8_lossy(text)
                );
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// Any bytes of the characters that matter, read in any steps into any buffer, give
        /// the `csv` crate's records and positions.
        #[test]
        fn any_bytes_read_as_the_csv_crate_reads_them(
            pieces in proptest::collection::vec(
                prop_oneof![
                    Just(&b"a"[..]), Just(&b"b"[..]), Just(&b","[..]), Just(&b"\""[..]),
                    Just(&b"\r"[..]), Just(&b"\n"[..]), Just(&b"\r\n"[..]), Just(&b"\0"[..]),
                    Just(BOM),
                ],
                0..60,
            ),
            step in 1usize..20,
            capacity in 1usize..24,
        ) {
            let text = pieces.concat();
            prop_assert_eq!(by_records(&text, step, capacity), by_csv_crate(&text));
        }
    }
}
