//! Meeting rows: the meetings file parsed in parallel, one chunk per byte range, each chunk
//! writing its good rows in place into its slots of the file-wide vectors.
//!
//! The ranges are cut where quote parity says a record ends, which is only a guess on a
//! hostile file (the csv crate reads a stray quote inside a field as data). So each chunk
//! but the last checks that the parser stands between records at its end: if any does not,
//! the whole file is read again as one chunk, and the answer is the sequential parser's
//! whatever the number of threads.

use std::hash::BuildHasher;
use std::io::Read;

use hashbrown::DefaultHashBuilder;
use rayon::prelude::*;

use super::actors::ActorPart;
use super::columns::{Columns, Slots, EXTRA};
use super::header::{
    check_header_with, pieces, text, text_pieces, wrong_width, Layout, MEETING_COLUMNS,
    OPTIONAL_MEETING_COLUMNS, READ_AHEAD,
};
use super::optional;
use super::ranges::{scan, Body, Piece};
use super::records::{Record, Records};
use super::validate::{
    duplicate_ids, first_of_each_id, merge_sources, not_utf8, subject, BadId, ProblemLog, Tail,
};
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

/// Read after a chunk that ends at a cut: a record of this one field follows the chunk's
/// records when the parser stands between records at the cut, and is swallowed by an open
/// quoted field otherwise. A NUL is neither a delimiter, a quote nor a line end.
const SENTINEL: &[u8] = b"\0";

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
    /// Whether the parser stood between records at the chunk's end (always, for the last).
    ends_between_records: bool,
}

/// The meetings file's header checked, its body cut into pieces and the slots they fill: the
/// work that needs no actors, done while the actors file is read.
pub(super) struct MeetingPlan {
    start: u64,
    layout: Layout,
    pieces: Vec<Piece>,
    columns: Columns,
}

/// Checks the meetings file's header and cuts its body into `parts` pieces at most.
pub(super) fn plan_meetings(
    name: &str,
    body: Body<'_>,
    parts: usize,
) -> Result<MeetingPlan, LoadError> {
    let cannot = |e: std::io::Error| LoadError::single(name, format!("cannot read file: {e}"));
    let (start, layout) = check_header_with(
        name,
        || body.open(0, body.len()),
        &MEETING_COLUMNS,
        &OPTIONAL_MEETING_COLUMNS,
    )?;
    let rest = body.len().saturating_sub(start);
    let pieces = scan(body.open(start, rest).map_err(cannot)?, rest, parts)
        .map_err(cannot)?
        .pieces();
    let columns = Columns::new(pieces.iter().map(|p| p.slots).sum());
    Ok(MeetingPlan {
        start,
        layout,
        pieces,
        columns,
    })
}

/// Reads and checks the meetings file against the actors, as planned.
pub(super) fn parse_meetings(
    name: &str,
    body: Body<'_>,
    plan: MeetingPlan,
    actors: &ActorPart,
    hasher: &DefaultHashBuilder,
) -> Result<MeetingPart, LoadError> {
    let MeetingPlan {
        start,
        layout,
        pieces,
        columns,
    } = plan;
    let reading = Reading {
        name,
        body,
        start,
        layout,
        actors,
        hasher,
    };
    if let Some(part) = reading.read_pieces(pieces, columns)? {
        return Ok(part);
    }
    // A cut fell inside a record: only a hostile file gets here, and it is read sequentially.
    let cannot = |e| reading.cannot(e);
    let rest = body.len().saturating_sub(start);
    let whole = Piece {
        from: 0,
        len: rest,
        slots: scan(body.open(start, rest).map_err(cannot)?, rest, 1)
            .map_err(cannot)?
            .pieces()
            .first()
            .map_or(1, |p| p.slots),
        last: true,
    };
    match reading.read_pieces(vec![whole], Columns::new(whole.slots))? {
        Some(part) => Ok(part),
        None => Err(LoadError::single(
            name,
            "internal error: one chunk reported a cut to check",
        )),
    }
}

/// What reading the pieces of the meetings file needs: the file, where its body starts, its
/// columns, and the actors its rows name.
#[derive(Clone, Copy)]
struct Reading<'a> {
    name: &'a str,
    body: Body<'a>,
    start: u64,
    layout: Layout,
    actors: &'a ActorPart,
    hasher: &'a DefaultHashBuilder,
}

impl Reading<'_> {
    /// The error for a meetings file that cannot be read.
    fn cannot(&self, e: std::io::Error) -> LoadError {
        LoadError::single(self.name, format!("cannot read file: {e}"))
    }

    /// Reads the pieces of the body (which starts at `start`) in parallel; `None` when a cut
    /// turns out not to fall between records.
    fn read_pieces(
        self,
        plan: Vec<Piece>,
        mut columns: Columns,
    ) -> Result<Option<MeetingPart>, LoadError> {
        let lengths: Vec<usize> = plan.iter().map(|p| p.slots).collect();
        let chunks: Vec<Chunk> = plan
            .into_par_iter()
            .zip(columns.slots(&lengths))
            .map(|(piece, slots)| {
                let from = self.start + piece.from;
                let input = self
                    .body
                    .open(from, piece.len)
                    .map_err(|e| self.cannot(e))?;
                let reader = ChunkReader::new(self.actors, self.hasher, self.layout);
                Ok(reader.read(input, from, piece, slots))
            })
            .collect::<Result<_, LoadError>>()?;
        if chunks.iter().any(|c| !c.ends_between_records) {
            return Ok(None);
        }
        let parts: Vec<(usize, usize)> = lengths
            .iter()
            .zip(&chunks)
            .map(|(&len, chunk)| (len, chunk.filled))
            .collect();
        let extras: Vec<usize> = chunks.iter().map(|c| c.extra_sources.len()).collect();
        columns.compact(&parts, &extras);
        Ok(Some(finish(columns, chunks)))
    }
}

/// Adds the chunks' extra sources and logs to the compacted columns, merges repeated sources
/// and leaves out meetings repeating an earlier id.
fn finish(columns: Columns, chunks: Vec<Chunk>) -> MeetingPart {
    let Columns {
        mut meetings,
        offsets,
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
    // Both sort a million hashes, so they share the cores; neither changes what the other reads.
    let (first, duplicate) = rayon::join(
        || first_of_each_id(&sources, &source_hashes),
        // Bad rows take part, so that fixing one does not reveal a duplicate only on the next run.
        || duplicate_ids(&meetings, &offsets, &id_hashes, &bad_ids, &mut log),
    );
    merge_sources(&mut sources, first, &mut meetings);
    if let Some(duplicate) = duplicate {
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
    /// The source field, checked as text (`None` when a piece is not UTF-8).
    sources: Option<&'r str>,
    date: Option<FuzzyDate>,
    place: Option<String>,
    status: Status,
    kind: MeetingKind,
    notes: Option<String>,
    /// One role per participant, when the file gives roles.
    roles: Option<Vec<Option<String>>>,
}

impl Row<'_> {
    fn with_roles(self, roles: Option<Vec<Option<String>>>) -> Self {
        Row {
            roles: roles.filter(|r| !r.is_empty()),
            ..self
        }
    }
}

/// Reads one chunk of the meetings file, checking rows against the actors.
struct ChunkReader<'a> {
    actors: &'a ActorPart,
    hasher: &'a DefaultHashBuilder,
    layout: Layout,
    /// The current row's participants and problems.
    participants: Vec<Participant>,
    /// The current row's number of sides when it gives sides (`;`), else 0.
    side_count: usize,
    problems: Vec<(String, Tail)>,
    chunk: Chunk,
}

impl<'a> ChunkReader<'a> {
    fn new(actors: &'a ActorPart, hasher: &'a DefaultHashBuilder, layout: Layout) -> Self {
        ChunkReader {
            actors,
            hasher,
            layout,
            participants: Vec::new(),
            side_count: 0,
            problems: Vec::new(),
            chunk: Chunk::default(),
        }
    }

    /// Reads every record of `piece`, which `input` reads from offset `start` of the file,
    /// into `slots`; a piece that ends at a cut is followed by the [`SENTINEL`].
    fn read(mut self, input: impl Read, start: u64, piece: Piece, mut slots: Slots<'_>) -> Chunk {
        let tail = if piece.last { &b""[..] } else { SENTINEL };
        let mut records = Records::new(input.chain(tail), READ_AHEAD);
        // No record of the piece starts on its last byte, a line end: one that starts there
        // or later holds the sentinel alone.
        let sentinel_from = if piece.last {
            u64::MAX
        } else {
            piece.len.saturating_sub(1)
        };
        self.chunk.ends_between_records = piece.last;
        loop {
            let record = match records.next_record() {
                Ok(Some(record)) => record,
                Ok(None) => break,
                Err(e) => {
                    // Reading from memory with flexible rows cannot fail; keep the message if it does.
                    let message = format!("cannot read CSV: {e}");
                    self.chunk.log.push(None, message, Tail::None);
                    break;
                }
            };
            let at = record.position;
            if at >= sentinel_from {
                self.chunk.ends_between_records = record.len() == 1 && record.field(0) == SENTINEL;
                break;
            }
            let at = start + at;
            self.chunk.rows += 1;
            if record.len() != self.layout.width {
                let names = self.layout.names(&MEETING_COLUMNS);
                let message = wrong_width(&names, record.len());
                self.chunk.log.push(Some(at), message, Tail::None);
                self.chunk.log.bad_rows += 1;
                continue;
            }
            self.problems.clear();
            let row = self.check(record);
            if !self.problems.is_empty() {
                self.reject(at, row.id);
                continue;
            }
            if !self.fill(&mut slots, at, row) {
                break;
            }
        }
        self.chunk
    }

    /// Checks a row of the right width, leaving its problems in `self.problems` and its
    /// participants in `self.participants`.
    fn check<'r>(&mut self, record: Record<'r>) -> Row<'r> {
        let raw_id = record.field(0).trim_ascii();
        let id = match text(raw_id) {
            Some("") => {
                self.problems.push((
                    "meeting without id, column \"id\": the id is empty".to_string(),
                    Tail::None,
                ));
                None
            }
            Some(id) => Some(id),
            None => {
                self.problems
                    .push((not_utf8("meeting", b"", "id"), Tail::None));
                None
            }
        };
        let date = match parse_date(record.field(1).trim_ascii()) {
            Ok(date) => Some(date),
            Err(reason) => {
                self.problems.push((
                    format!(
                        "{}: {reason} (expected YYYY-MM-DD, YYYY-MM or YYYY)",
                        subject("meeting", raw_id, "date")
                    ),
                    Tail::None,
                ));
                None
            }
        };
        self.check_participants(raw_id, record.field(2));
        let place = match text(record.field(3).trim_ascii()) {
            Some("") => None,
            Some(place) => Some(place.to_string()),
            None => {
                self.problems
                    .push((not_utf8("meeting", raw_id, "place"), Tail::None));
                None
            }
        };
        let sources = self.check_sources(raw_id, record.field(4));
        let [status, kind, roles, notes] =
            self.layout.optional.map(|at| at.map(|i| record.field(i)));
        Row {
            id,
            sources,
            date,
            place,
            status: status.map_or(Status::Held, |f| {
                optional::named(
                    &mut self.problems,
                    raw_id,
                    "status",
                    f,
                    &Status::ALL,
                    Status::as_str,
                )
                .unwrap_or(Status::Held)
            }),
            kind: kind.map_or(MeetingKind::Meeting, |f| {
                optional::named(
                    &mut self.problems,
                    raw_id,
                    "kind",
                    f,
                    &MeetingKind::ALL,
                    MeetingKind::as_str,
                )
                .unwrap_or(MeetingKind::Meeting)
            }),
            notes: notes
                .and_then(|f| optional::text_column(&mut self.problems, raw_id, "notes", f)),
            roles: None,
        }
        .with_roles(
            roles.map(|f| optional::roles(&mut self.problems, raw_id, f, self.participants.len())),
        )
    }

    /// Resolves the participants into `self.participants`: known, distinct, two or more.
    /// `a|b|c` makes each a side of its own; with a `;` the field is sides separated by `;`,
    /// members by `|` (`a|b;c`), and one side alone (`a|b;`) records presence.
    fn check_participants(&mut self, raw_id: &[u8], field: &[u8]) {
        self.participants.clear();
        self.side_count = 0;
        let with_sides = field.contains(&b';');
        let mut listed = 0;
        if with_sides {
            let segments = field
                .split(|&b| b == b';')
                .filter(|s| pieces(s).next().is_some());
            for (side, segment) in segments.enumerate() {
                for piece in pieces(segment) {
                    listed += 1;
                    self.participant(raw_id, piece, side as u32);
                }
                self.side_count = side + 1;
            }
        } else {
            for piece in pieces(field) {
                self.participant(raw_id, piece, listed);
                listed += 1;
            }
        }
        if listed < if with_sides { 1 } else { 2 } {
            self.problems.push((
                format!(
                    "{}: {listed} participant{} listed; a meeting needs two or more actors separated by |",
                    subject("meeting", raw_id, "participants"),
                    if listed == 1 { "" } else { "s" }
                ),
                Tail::None,
            ));
        }
    }

    /// Resolves one listed participant on `side` into `self.participants`.
    fn participant(&mut self, raw_id: &[u8], piece: &[u8], side: u32) {
        match self.actors.find(self.hasher, piece) {
            Some(actor) if self.participants.iter().any(|p| p.actor == actor) => {
                self.problems.push((
                    format!(
                        "{}: participant \"{}\" is listed twice; list each actor once",
                        subject("meeting", raw_id, "participants"),
                        String::from_utf8_lossy(piece)
                    ),
                    Tail::None,
                ));
            }
            Some(actor) => self.participants.push(Participant {
                actor,
                role: None,
                side,
            }),
            None => {
                // The hint waits for the listing, which knows the file-wide first ones.
                let shown = String::from_utf8_lossy(piece);
                self.problems.push((
                    format!(
                        "{}: unknown actor \"{shown}\"",
                        subject("meeting", raw_id, "participants")
                    ),
                    Tail::Hint(shown.into_owned()),
                ));
            }
        }
    }

    /// Checks that the row cites at least one source and that every one is UTF-8; the field
    /// as text when it is, so that its pieces are not checked again when they are cited.
    fn check_sources<'r>(&mut self, raw_id: &[u8], field: &'r [u8]) -> Option<&'r str> {
        let whole = text(field);
        let mut cited = 0;
        // A field that is UTF-8 as a whole is so in every piece: they are cut at ASCII bytes.
        for piece in pieces(field) {
            cited += 1;
            if whole.is_none() && text(piece).is_none() {
                self.problems
                    .push((not_utf8("meeting", raw_id, "source"), Tail::None));
            }
        }
        if cited == 0 {
            self.problems.push((
                format!(
                    "{}: no source; every meeting needs a source URL",
                    subject("meeting", raw_id, "source")
                ),
                Tail::None,
            ));
        }
        whole
    }

    /// Logs the current row's problems and keeps its id, if any, for the duplicate check.
    fn reject(&mut self, at: u64, id: Option<&str>) {
        self.chunk.log.bad_rows += 1;
        if let Some(id) = id {
            let hash = self.hasher.hash_one(id.as_bytes());
            self.chunk.bad_ids.push((at, hash, id.to_string()));
        }
        for (message, tail) in self.problems.drain(..) {
            self.chunk.log.push(Some(at), message, tail);
        }
    }

    /// Puts a good row in the next slot; false when the slots have run out.
    fn fill(&mut self, slots: &mut Slots<'_>, at: u64, row: Row<'_>) -> bool {
        let (Some(id), Some(date), Some(cited)) = (row.id, row.date, row.sources) else {
            return true;
        };
        let slot = self.chunk.filled;
        if slot == slots.meetings.len() {
            // More records than line ends happen only when a cut fell inside a record, which
            // the check at the chunk's end then finds; say so rather than panic otherwise.
            self.chunk.log.push(
                Some(at),
                "internal error: more records than lines in this part of the file".to_string(),
                Tail::None,
            );
            return false;
        }
        self.chunk.filled += 1;
        let sources = self.cite(slots, slot, cited);
        slots.offsets[slot] = at;
        slots.id_hashes[slot] = self.hasher.hash_one(id.as_bytes());
        slots.meetings[slot] = Meeting {
            id: id.to_string(),
            date,
            date_note: None,
            place: row.place,
            kind: row.kind,
            status: row.status,
            participants: self.participants.clone(),
            sides: vec![crate::model::Side::default(); self.side_count],
            sources,
            notes: row.notes,
        };
        if let Some(roles) = row.roles {
            for (participant, role) in slots.meetings[slot].participants.iter_mut().zip(roles) {
                participant.role = role;
            }
        }
        true
    }

    /// The citations of a good row in `slot`: its first source goes in the slot, the others
    /// among the chunk's extras. Sources are added only for good rows, so a skipped row
    /// leaves none behind.
    fn cite(&mut self, slots: &mut Slots<'_>, slot: usize, field: &str) -> Vec<Citation> {
        let mut sources = Vec::with_capacity(1);
        for url in text_pieces(field) {
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
