//! Meeting rows: the meetings file parsed in parallel, one chunk per byte range, each chunk
//! writing its good rows in place into its slots of the file-wide vectors.

use std::hash::BuildHasher;

use hashbrown::DefaultHashBuilder;
use rayon::prelude::*;

use super::actors::ActorPart;
use super::header::{check_header, line_of, pieces, reader, text, wrong_width, MEETING_COLUMNS};
use super::ranges::{scan, Body};
use super::validate::{
    duplicate_ids, merge_sources, not_utf8, problem, subject, BadId, ProblemLog,
};
use super::SUGGESTED_PER_CHUNK;
use crate::model::{
    Citation, FuzzyDate, Meeting, MeetingKind, Participant, Source, SourceIndex, Status,
};
use crate::store::diagnostic::LoadError;

/// The meetings and their sources.
pub(super) struct MeetingPart {
    pub(super) meetings: Vec<Meeting>,
    pub(super) sources: Vec<Source>,
    pub(super) rows: usize,
    pub(super) log: ProblemLog,
}

/// The part of the file-wide vectors one chunk fills: its `k`-th good row goes to slot `k`,
/// with its first source in the same slot of the sources. Chunks write in place, in parallel,
/// so a million meetings are never copied from one vector into another (which would cost the
/// copy, fresh pages, and a second copy of the data at the peak).
struct Slots<'a> {
    /// File-wide index of the first slot.
    base: usize,
    meetings: &'a mut [Meeting],
    lines: &'a mut [u32],
    id_hashes: &'a mut [u64],
    sources: &'a mut [Source],
    source_hashes: &'a mut [u64],
}

/// Marks a citation of a chunk's extra source (a row's second and later); the low bits are
/// the position among the chunk's extras until they get their file-wide place.
const EXTRA: u32 = 1 << 31;

/// What one chunk of the meetings file left beside its slots.
///
/// Sources are not deduplicated here: each citation gets its own source, and one sort over
/// the whole file's URL hashes merges repeats afterwards. A hash table probed a million times
/// at random costs more than that sort, and most files cite each URL once.
#[derive(Default)]
struct Chunk {
    /// Slots filled, from the first.
    filled: usize,
    /// Sources after the first of a row, with their hashes.
    extra_sources: Vec<Source>,
    extra_hashes: Vec<u64>,
    /// Each bad row that has an id, so duplicates of it are found.
    bad_ids: Vec<BadId>,
    rows: usize,
    log: ProblemLog,
}

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

/// Keeps, of each part (of the given lengths), its first `filled` items.
fn keep_filled<T>(items: &mut Vec<T>, parts: &[(usize, usize)]) {
    if parts.iter().all(|&(len, filled)| len == filled) {
        return;
    }
    let mut keep = Vec::with_capacity(items.len());
    for &(len, filled) in parts {
        keep.extend((0..len).map(|i| i < filled));
    }
    let mut flags = keep.into_iter();
    items.retain(|_| flags.next().unwrap_or(false));
}

/// The file-wide vectors, one entry per slot, that chunks fill in place.
struct Columns {
    meetings: Vec<Meeting>,
    lines: Vec<u32>,
    id_hashes: Vec<u64>,
    sources: Vec<Source>,
    source_hashes: Vec<u64>,
}

impl Columns {
    /// `total` empty slots.
    fn new(total: usize) -> Self {
        let mut meetings: Vec<Meeting> = Vec::with_capacity(total);
        meetings.par_extend((0..total).into_par_iter().map(|_| Meeting::unfilled()));
        let mut sources: Vec<Source> = Vec::with_capacity(total);
        sources.par_extend((0..total).into_par_iter().map(|_| Source::unfilled()));
        Columns {
            meetings,
            lines: vec![0u32; total],
            id_hashes: vec![0u64; total],
            sources,
            source_hashes: vec![0u64; total],
        }
    }

    /// The slots of consecutive parts of the given lengths.
    fn slots(&mut self, lengths: &[usize]) -> Vec<Slots<'_>> {
        let mut base = 0;
        split_parts(&mut self.meetings, lengths)
            .into_iter()
            .zip(split_parts(&mut self.lines, lengths))
            .zip(split_parts(&mut self.id_hashes, lengths))
            .zip(split_parts(&mut self.sources, lengths))
            .zip(split_parts(&mut self.source_hashes, lengths))
            .map(
                |((((meetings, lines), id_hashes), sources), source_hashes)| {
                    let slots = Slots {
                        base,
                        meetings,
                        lines,
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
    fn compact(&mut self, parts: &[(usize, usize)], chunks: &[Chunk]) {
        let kept: usize = parts.iter().map(|p| p.1).sum();
        let has_extras = chunks.iter().any(|c| !c.extra_sources.is_empty());
        if kept < self.meetings.len() || has_extras {
            let (mut base, mut shift, mut extras_before) = (0, 0, kept);
            for (&(len, filled), chunk) in parts.iter().zip(chunks) {
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
                extras_before += chunk.extra_sources.len();
            }
        }
        keep_filled(&mut self.meetings, parts);
        keep_filled(&mut self.lines, parts);
        keep_filled(&mut self.id_hashes, parts);
        keep_filled(&mut self.sources, parts);
        keep_filled(&mut self.source_hashes, parts);
    }
}

/// Reads and checks the meetings file against the actors.
pub(super) fn parse_meetings(
    name: &str,
    body: Body<'_>,
    actors: &ActorPart,
    hasher: &DefaultHashBuilder,
) -> Result<MeetingPart, LoadError> {
    let cannot = |e: std::io::Error| LoadError::single(name, format!("cannot read file: {e}"));
    let header = body.open(0, body.len()).map_err(cannot)?;
    let (start, first_line) = check_header(name, header, &MEETING_COLUMNS)?;
    let rest = body.len().saturating_sub(start);
    let threads = rayon::current_num_threads().max(1);
    let plan = scan(body.open(start, rest).map_err(cannot)?, rest, threads)
        .map_err(cannot)?
        .pieces(first_line - 1);
    let lengths: Vec<usize> = plan.iter().map(|p| p.slots).collect();

    let mut columns = Columns::new(lengths.iter().sum());
    let chunks: Vec<Chunk> = plan
        .into_par_iter()
        .zip(columns.slots(&lengths))
        .map(|(piece, slots)| {
            let input = body.open(start + piece.from, piece.len).map_err(cannot)?;
            let reader = ChunkReader::new(name, actors, hasher);
            Ok(reader.read(input, piece.lines_before, slots))
        })
        .collect::<Result<_, LoadError>>()?;
    let parts: Vec<(usize, usize)> = lengths
        .iter()
        .zip(&chunks)
        .map(|(&len, chunk)| (len, chunk.filled))
        .collect();
    columns.compact(&parts, &chunks);
    Ok(finish(name, columns, chunks))
}

/// Adds the chunks' extra sources and logs to the compacted columns, merges repeated sources
/// and leaves out meetings repeating an earlier id.
fn finish(name: &str, columns: Columns, chunks: Vec<Chunk>) -> MeetingPart {
    let Columns {
        mut meetings,
        lines,
        id_hashes,
        mut sources,
        mut source_hashes,
    } = columns;
    let mut rows = 0;
    let mut log = ProblemLog::default();
    let mut bad_ids = Vec::new();
    for chunk in chunks {
        sources.extend(chunk.extra_sources);
        source_hashes.extend(chunk.extra_hashes);
        bad_ids.extend(chunk.bad_ids);
        rows += chunk.rows;
        log.append(chunk.log);
    }
    merge_sources(&mut sources, &source_hashes, &mut meetings);
    // Bad rows take part, so that fixing one does not reveal a duplicate only on the next run.
    if let Some(duplicate) = duplicate_ids(name, &meetings, &lines, &id_hashes, &bad_ids, &mut log)
    {
        let mut flags = duplicate.into_iter();
        meetings.retain(|_| !flags.next().unwrap_or(false));
    }
    MeetingPart {
        meetings,
        sources,
        rows,
        log,
    }
}

/// The checked fields of a meetings row (each `None` when its column has a problem).
struct Row<'r> {
    id: Option<&'r str>,
    date: Option<FuzzyDate>,
    place: Option<String>,
}

/// Reads one chunk of the meetings file, checking rows against the actors.
struct ChunkReader<'a> {
    file: &'a str,
    actors: &'a ActorPart,
    hasher: &'a DefaultHashBuilder,
    suggestions_left: usize,
    /// The current row's participants and problems.
    participants: Vec<Participant>,
    /// The current row's number of sides when it gives sides (`;`), else 0.
    side_count: usize,
    problems: Vec<String>,
    chunk: Chunk,
}

impl<'a> ChunkReader<'a> {
    fn new(file: &'a str, actors: &'a ActorPart, hasher: &'a DefaultHashBuilder) -> Self {
        ChunkReader {
            file,
            actors,
            hasher,
            suggestions_left: SUGGESTED_PER_CHUNK,
            participants: Vec::new(),
            side_count: 0,
            problems: Vec::new(),
            chunk: Chunk::default(),
        }
    }

    /// Reads every record of `input`, whose first line follows `lines_before` file lines,
    /// into `slots`.
    fn read(mut self, input: impl std::io::Read, lines_before: u64, mut slots: Slots<'_>) -> Chunk {
        let mut reader = reader(input);
        let mut record = csv::ByteRecord::new();
        loop {
            match reader.read_byte_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    // Reading from memory with flexible rows cannot fail; keep the message if it does.
                    let message = format!("cannot read CSV: {e}");
                    self.chunk.log.push(problem(self.file, 0, message));
                    break;
                }
            }
            self.chunk.rows += 1;
            let line = line_of(&record, lines_before);
            if record.len() != MEETING_COLUMNS.len() {
                let message = wrong_width(&MEETING_COLUMNS, record.len());
                self.chunk.log.push(problem(self.file, line, message));
                self.chunk.log.bad_rows += 1;
                continue;
            }
            self.problems.clear();
            let row = self.check(&record);
            if !self.problems.is_empty() {
                self.reject(line, row.id);
                continue;
            }
            if !self.fill(&mut slots, &record, line, row) {
                break;
            }
        }
        self.chunk
    }

    /// Checks a row of the right width, leaving its problems in `self.problems` and its
    /// participants in `self.participants`.
    fn check<'r>(&mut self, record: &'r csv::ByteRecord) -> Row<'r> {
        let raw_id = record[0].trim_ascii();
        let id = match text(raw_id) {
            Some("") => {
                self.problems
                    .push("meeting without id, column \"id\": the id is empty".to_string());
                None
            }
            Some(id) => Some(id),
            None => {
                self.problems.push(not_utf8("meeting", b"", "id"));
                None
            }
        };
        let date = match parse_date(record[1].trim_ascii()) {
            Ok(date) => Some(date),
            Err(reason) => {
                self.problems.push(format!(
                    "{}: {reason} (expected YYYY-MM-DD, YYYY-MM or YYYY)",
                    subject("meeting", raw_id, "date")
                ));
                None
            }
        };
        self.check_participants(raw_id, &record[2]);
        let place = match text(record[3].trim_ascii()) {
            Some("") => None,
            Some(place) => Some(place.to_string()),
            None => {
                self.problems.push(not_utf8("meeting", raw_id, "place"));
                None
            }
        };
        self.check_sources(raw_id, &record[4]);
        Row { id, date, place }
    }

    /// Resolves the participants into `self.participants`: known, distinct, two or more.
    /// `a|b|c` makes each a side of its own; with a `;` the field is sides separated by `;`,
    /// members by `|` (`a|b;c`), and one side alone (`a|b;`) records presence.
    fn check_participants(&mut self, raw_id: &[u8], field: &[u8]) {
        self.participants.clear();
        self.side_count = 0;
        let with_sides = field.contains(&b';');
        let mut listed = 0;
        let segments: Vec<&[u8]> = if with_sides {
            field
                .split(|&b| b == b';')
                .filter(|s| pieces(s).next().is_some())
                .collect()
        } else {
            vec![field]
        };
        let mut listed_pieces = Vec::new();
        for (side, segment) in segments.iter().enumerate() {
            for piece in pieces(segment) {
                let side = if with_sides {
                    side
                } else {
                    listed_pieces.len()
                };
                listed_pieces.push((piece, side as u32));
            }
        }
        if with_sides {
            self.side_count = segments.len();
        }
        for (piece, side) in listed_pieces {
            listed += 1;
            match self.actors.find(self.hasher, piece) {
                Some(actor) if self.participants.iter().any(|p| p.actor == actor) => {
                    self.problems.push(format!(
                        "{}: participant \"{}\" is listed twice; list each actor once",
                        subject("meeting", raw_id, "participants"),
                        String::from_utf8_lossy(piece)
                    ));
                }
                Some(actor) => self.participants.push(Participant {
                    actor,
                    role: None,
                    side,
                }),
                None => {
                    let shown = String::from_utf8_lossy(piece);
                    let hint = if self.suggestions_left > 0 {
                        self.suggestions_left -= 1;
                        self.actors.suggest(&shown)
                    } else {
                        String::new()
                    };
                    self.problems.push(format!(
                        "{}: unknown actor \"{shown}\"{hint}",
                        subject("meeting", raw_id, "participants")
                    ));
                }
            }
        }
        if listed < if with_sides { 1 } else { 2 } {
            self.problems.push(format!(
                "{}: {listed} participant{} listed; a meeting needs two or more actors separated by |",
                subject("meeting", raw_id, "participants"),
                if listed == 1 { "" } else { "s" }
            ));
        }
    }

    /// Checks that the row cites at least one source and that every one is UTF-8.
    fn check_sources(&mut self, raw_id: &[u8], field: &[u8]) {
        let mut cited = 0;
        for piece in pieces(field) {
            cited += 1;
            if text(piece).is_none() {
                self.problems.push(not_utf8("meeting", raw_id, "source"));
            }
        }
        if cited == 0 {
            self.problems.push(format!(
                "{}: no source; every meeting needs a source URL",
                subject("meeting", raw_id, "source")
            ));
        }
    }

    /// Logs the current row's problems and keeps its id, if any, for the duplicate check.
    fn reject(&mut self, line: u64, id: Option<&str>) {
        self.chunk.log.bad_rows += 1;
        if let Some(id) = id {
            let hash = self.hasher.hash_one(id.as_bytes());
            self.chunk.bad_ids.push((line as u32, hash, id.to_string()));
        }
        for message in self.problems.drain(..) {
            self.chunk.log.push(problem(self.file, line, message));
        }
    }

    /// Puts a good row in the next slot; false when the slots have run out.
    fn fill(
        &mut self,
        slots: &mut Slots<'_>,
        record: &csv::ByteRecord,
        line: u64,
        row: Row<'_>,
    ) -> bool {
        let (Some(id), Some(date)) = (row.id, row.date) else {
            return true;
        };
        let slot = self.chunk.filled;
        if slot == slots.meetings.len() {
            // More records than newlines cannot happen; say so rather than panic if it does.
            self.chunk.log.push(problem(
                self.file,
                line,
                "internal error: more records than lines in this part of the file".to_string(),
            ));
            return false;
        }
        self.chunk.filled += 1;
        let sources = self.cite(slots, slot, &record[4]);
        slots.lines[slot] = line as u32;
        slots.id_hashes[slot] = self.hasher.hash_one(id.as_bytes());
        slots.meetings[slot] = Meeting {
            id: id.to_string(),
            date,
            date_note: None,
            place: row.place,
            kind: MeetingKind::Meeting,
            status: Status::Held,
            participants: self.participants.clone(),
            sides: vec![crate::model::Side::default(); self.side_count],
            sources,
            notes: None,
        };
        true
    }

    /// The citations of a good row in `slot`: its first source goes in the slot, the others
    /// among the chunk's extras. Sources are added only for good rows, so a skipped row
    /// leaves none behind.
    fn cite(&mut self, slots: &mut Slots<'_>, slot: usize, field: &[u8]) -> Vec<Citation> {
        let mut sources = Vec::with_capacity(1);
        for url in pieces(field).filter_map(text) {
            let hash = self.hasher.hash_one(url.as_bytes());
            let source = if sources.is_empty() {
                slots.sources[slot] = source_for(url);
                slots.source_hashes[slot] = hash;
                (slots.base + slot) as u32
            } else {
                self.chunk.extra_sources.push(source_for(url));
                self.chunk.extra_hashes.push(hash);
                EXTRA | (self.chunk.extra_sources.len() - 1) as u32
            };
            sources.push(Citation {
                source: SourceIndex(source),
                evidence: None,
            });
        }
        sources
    }
}

/// Parses a date: `YYYY-MM-DD` without allocating through [`FuzzyDate::parse_ymd`], other
/// forms through [`FuzzyDate`]'s parser (which also takes ranges and qualifiers).
fn parse_date(text: &[u8]) -> Result<FuzzyDate, String> {
    if let Some(date) = FuzzyDate::parse_ymd(text) {
        return Ok(date);
    }
    let Some(text) = self::text(text) else {
        return Err("the date is not valid UTF-8".to_string());
    };
    text.parse::<FuzzyDate>().map_err(|e| e.to_string())
}

/// A source for one cited URL: the URL is its id, its host the publication. Text that is not
/// a URL (no `scheme://`) is taken as a publication name without an address.
pub fn source_for(url: &str) -> Source {
    match host(url) {
        Some(host) => Source {
            id: url.to_string(),
            publication: host.to_string(),
            title: None,
            published: None,
            url: Some(url.to_string()),
            notes: None,
        },
        None => Source {
            id: url.to_string(),
            publication: url.to_string(),
            title: None,
            published: None,
            url: None,
            notes: None,
        },
    }
}

/// The host of a `scheme://[user@]host[:port]/…` URL.
fn host(url: &str) -> Option<&str> {
    let bytes = url.as_bytes();
    let colon = memchr::memchr(b':', bytes)?;
    let scheme = &bytes[..colon];
    if scheme.is_empty()
        || !scheme
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(b))
        || !bytes[colon + 1..].starts_with(b"//")
    {
        return None;
    }
    let rest = &url[colon + 3..];
    let end = memchr::memchr3(b'/', b'?', b'#', rest.as_bytes()).unwrap_or(rest.len());
    let authority = &rest[..end];
    let authority = match memchr::memrchr(b'@', authority.as_bytes()) {
        Some(at) => &authority[at + 1..],
        None => authority,
    };
    let host = if authority.starts_with('[') {
        // An IPv6 literal keeps its brackets; a port may follow them.
        authority
            .find(']')
            .map_or(authority, |end| &authority[..=end])
    } else {
        let end = memchr::memchr(b':', authority.as_bytes()).unwrap_or(authority.len());
        &authority[..end]
    };
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_take_the_fast_path_or_the_parser() {
        assert!(parse_date(b"2015-02-29")
            .unwrap_err()
            .contains("day 29 does not exist"));
        assert!(parse_date(b"28/06/2016").is_err());
        assert_eq!(parse_date(b"2015-10").unwrap().to_string(), "2015-10");
        assert_eq!(
            parse_date(b"\xff").unwrap_err(),
            "the date is not valid UTF-8"
        );
    }

    #[test]
    fn hosts_of_urls() {
        assert_eq!(
            host("https://user@news.example.com:8080/a"),
            Some("news.example.com")
        );
        assert_eq!(host("http://[::1]:80/x"), Some("[::1]"));
        assert_eq!(host("Rodong Sinmun"), None);
        assert_eq!(source_for("Rodong Sinmun").url, None);
    }
}
