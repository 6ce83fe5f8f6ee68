//! Reads the CSV interchange pair (`actors.csv`, `meetings.csv`) into a checked [`Dataset`].
//!
//! The format is the one `../shared/bench/README.md` pins: UTF-8, a header row, RFC 4180
//! quoting, CRLF or LF. Actors are `id,name,kind,aliases` (aliases split on `|`); meetings are
//! `id,date,participants,place,source` (participants split on `|`; each distinct source URL
//! becomes one [`Source`] whose id is the URL and whose publication is the URL's host). Every
//! meeting read this way is `held` and of kind `meeting`.
//!
//! A million meetings must become a graph in well under two seconds, so the meetings file is
//! cut at record boundaries into one chunk per thread, chunks are parsed in parallel into
//! records that borrow nothing, and ids are looked up in hash tables that index the record
//! vectors instead of holding copies of the ids.

use std::hash::BuildHasher;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::OnceLock;

use hashbrown::{DefaultHashBuilder, HashTable};
use rayon::prelude::*;

use crate::model::{
    Actor, ActorIndex, ActorKind, Citation, Dataset, FuzzyDate, Meeting, MeetingKind, Participant,
    Source, SourceIndex, Status,
};
use crate::names::{closest, did_you_mean};
use crate::store::diagnostic::{LoadError, Problem};

/// The columns of `actors.csv`, in order.
pub const ACTOR_COLUMNS: [&str; 4] = ["id", "name", "kind", "aliases"];

/// The columns of `meetings.csv`, in order.
pub const MEETING_COLUMNS: [&str; 5] = ["id", "date", "participants", "place", "source"];

/// The actors file's name in a data folder.
pub const ACTORS_FILE: &str = "actors.csv";

/// The meetings file's name in a data folder.
pub const MEETINGS_FILE: &str = "meetings.csv";

/// How many problems of one file are listed; a wholly wrong file (say, every date in another
/// format) would otherwise print a million lines where the first hundred show the pattern.
pub const LISTED_PER_FILE: usize = 100;

/// How many unknown actor ids get a "did you mean" suggestion: each costs a scan of every
/// actor id, so a file of bad ids must not turn into minutes of suggesting.
const SUGGESTED_PER_CHUNK: usize = 20;

/// How to treat bad rows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CsvOptions {
    /// Leave out bad rows (and meetings naming left-out actors) instead of failing.
    pub skip_bad: bool,
}

/// One CSV file's name (as shown in messages) and bytes.
#[derive(Debug, Clone, Copy)]
pub struct CsvInput<'a> {
    /// Name shown in messages, e.g. `data/meetings.csv`.
    pub name: &'a str,
    /// The file's bytes.
    pub bytes: &'a [u8],
}

/// What reading a CSV pair found, beside the data.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CsvReport {
    /// Data rows in the actors file.
    pub actor_rows: usize,
    /// Actor rows left out as bad.
    pub actors_skipped: usize,
    /// Data rows in the meetings file.
    pub meeting_rows: usize,
    /// Meeting rows left out as bad.
    pub meetings_skipped: usize,
    /// The first [`LISTED_PER_FILE`] problems of each file, then one line counting the rest.
    pub problems: Vec<Problem>,
    /// Every problem found, listed or not.
    pub problem_count: usize,
}

/// A CSV pair read into a data set.
#[derive(Debug, Clone)]
pub struct CsvImport {
    /// The checked records.
    pub dataset: Dataset,
    /// Row and problem counts.
    pub report: CsvReport,
}

/// True when `dir` holds both `actors.csv` and `meetings.csv`.
pub fn is_csv_dir(dir: &Path) -> bool {
    dir.join(ACTORS_FILE).is_file() && dir.join(MEETINGS_FILE).is_file()
}

/// Reads `dir/actors.csv` and `dir/meetings.csv`, failing on any bad row.
pub fn load_dir(dir: &Path) -> Result<Dataset, LoadError> {
    read_pair(
        &dir.join(ACTORS_FILE),
        &dir.join(MEETINGS_FILE),
        CsvOptions::default(),
    )
    .map(|import| import.dataset)
}

/// Reads a CSV pair from disk.
///
/// The meetings file is read in ranges, one per thread, and never held whole.
/// Returns every problem (the first [`LISTED_PER_FILE`] of each file) unless
/// `options.skip_bad`, in which case bad rows are left out and counted in the report.
pub fn read_pair(
    actors: &Path,
    meetings: &Path,
    options: CsvOptions,
) -> Result<CsvImport, LoadError> {
    let cannot = |path: &Path, e: std::io::Error| {
        LoadError::single(path.display().to_string(), format!("cannot read file: {e}"))
    };
    let actor_bytes = std::fs::read(actors).map_err(|e| cannot(actors, e))?;
    let meetings_len = std::fs::metadata(meetings)
        .map_err(|e| cannot(meetings, e))?
        .len();
    let actors_name = actors.display().to_string();
    let meetings_name = meetings.display().to_string();
    parse(
        CsvInput {
            name: &actors_name,
            bytes: &actor_bytes,
        },
        &meetings_name,
        Body::File(meetings, meetings_len),
        options,
    )
}

/// Parses a CSV pair held in memory.
///
/// ```
/// use whomet::store::csv::{parse_pair, CsvInput, CsvOptions};
/// let actors = CsvInput { name: "actors.csv", bytes: b"id,name,kind,aliases\na,Ann,person,\nb,Bo,state,B|Bee\n" };
/// let meetings = CsvInput {
///     name: "meetings.csv",
///     bytes: b"id,date,participants,place,source\nm1,2016-06,a|b,\"Havana, Cuba\",https://example.com/x\n",
/// };
/// let import = parse_pair(actors, meetings, CsvOptions::default())?;
/// assert_eq!(import.dataset.actors[1].aliases, ["B", "Bee"]);
/// assert_eq!(import.dataset.meetings[0].place.as_deref(), Some("Havana, Cuba"));
/// assert_eq!(import.dataset.sources[0].publication, "example.com");
/// # Ok::<(), whomet::store::LoadError>(())
/// ```
pub fn parse_pair(
    actors: CsvInput<'_>,
    meetings: CsvInput<'_>,
    options: CsvOptions,
) -> Result<CsvImport, LoadError> {
    parse(actors, meetings.name, Body::Memory(meetings.bytes), options)
}

fn parse(
    actors: CsvInput<'_>,
    meetings_name: &str,
    meetings: Body<'_>,
    options: CsvOptions,
) -> Result<CsvImport, LoadError> {
    let hasher = DefaultHashBuilder::default();
    let actor_part = parse_actors(actors, &hasher)?;
    let meeting_part = parse_meetings(meetings_name, meetings, &actor_part, &hasher)?;

    let report = CsvReport {
        actor_rows: actor_part.rows,
        actors_skipped: actor_part.log.bad_rows,
        meeting_rows: meeting_part.rows,
        meetings_skipped: meeting_part.log.bad_rows,
        problem_count: actor_part.log.count + meeting_part.log.count,
        problems: actor_part
            .log
            .listing(actors.name)
            .into_iter()
            .chain(meeting_part.log.listing(meetings_name))
            .collect(),
    };
    if report.problem_count > 0 && !options.skip_bad {
        return Err(LoadError::from_parts(report.problems, Vec::new()));
    }
    Ok(CsvImport {
        dataset: Dataset {
            actors: actor_part.actors,
            sources: meeting_part.sources,
            affiliations: Vec::new(),
            meetings: meeting_part.meetings,
        },
        report,
    })
}

/// Where the meetings file's bytes come from: memory, or a file of this length read in
/// ranges so that a large file is never held whole.
#[derive(Debug, Clone, Copy)]
enum Body<'a> {
    Memory(&'a [u8]),
    File(&'a Path, u64),
}

impl<'a> Body<'a> {
    fn len(&self) -> u64 {
        match self {
            Body::Memory(bytes) => bytes.len() as u64,
            Body::File(_, len) => *len,
        }
    }

    /// A reader of `len` bytes from `from`.
    fn open(&self, from: u64, len: u64) -> std::io::Result<Box<dyn Read + Send + 'a>> {
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

/// Problems of one file: the first few kept, all counted.
#[derive(Debug, Default)]
struct ProblemLog {
    kept: Vec<Problem>,
    count: usize,
    bad_rows: usize,
}

impl ProblemLog {
    fn push(&mut self, problem: Problem) {
        self.count += 1;
        self.kept.push(problem);
        self.compact();
    }

    /// Adds another chunk's log.
    fn append(&mut self, other: ProblemLog) {
        self.count += other.count;
        self.bad_rows += other.bad_rows;
        self.kept.extend(other.kept);
        self.compact();
    }

    /// Keeps the problems on the first lines, in bounded memory whatever the order of pushes.
    fn compact(&mut self) {
        if self.kept.len() >= 2 * LISTED_PER_FILE {
            self.kept.sort_by_key(|p| p.line);
            self.kept.truncate(LISTED_PER_FILE);
        }
    }

    /// The kept problems in line order, closed by a line counting the others.
    fn listing(mut self, file: &str) -> Vec<Problem> {
        self.kept.sort_by_key(|p| p.line);
        self.kept.truncate(LISTED_PER_FILE);
        let rest = self.count - self.kept.len();
        if rest > 0 {
            // Placed on the last listed line, with a message that sorts after the others
            // there, so that the diagnostic sort keeps it at the end of the file's listing.
            let line = self.kept.last().and_then(|p| p.line);
            self.kept.push(problem(
                file,
                line.unwrap_or(0) as u64,
                format!(
                    "… and {rest} more problem{} after this line (the first {} are listed)",
                    if rest == 1 { "" } else { "s" },
                    self.kept.len()
                ),
            ));
        }
        self.kept
    }
}

fn problem(file: &str, line: u64, message: String) -> Problem {
    Problem {
        file: file.to_string(),
        line: (line > 0).then_some(line as usize),
        column: None,
        message,
        span: None,
    }
}

/// The part of a record's message that names it: `meeting "m1", column "date"`.
fn subject(what: &str, id: &[u8], column: &str) -> String {
    if id.is_empty() {
        format!("{what} without id, column \"{column}\"")
    } else {
        format!(
            "{what} \"{}\", column \"{column}\"",
            String::from_utf8_lossy(id)
        )
    }
}

/// A UTF-8 byte-order mark, which spreadsheet programs put before the header.
const BOM: &[u8] = b"\xEF\xBB\xBF";

fn reader<R: Read>(input: R) -> csv::Reader<R> {
    // Flexible, so that a short or long row becomes a located problem, not a reader error.
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(1 << 18)
        .from_reader(input)
}

/// Reads and checks the header row; returns the body's byte offset and its first line.
fn check_header(name: &str, input: impl Read, columns: &[&str]) -> Result<(u64, u64), LoadError> {
    let mut reader = reader(input);
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
        return Err(LoadError::from_parts(
            vec![problem(
                name,
                1,
                format!(
                    "wrong header: expected the columns {expected}, found {}",
                    found.join(",")
                ),
            )],
            Vec::new(),
        ));
    }
    let position = reader.position();
    Ok((position.byte(), position.line()))
}

/// The first line of `record`, shifted by the lines before its chunk.
fn line_of(record: &csv::ByteRecord, before: u64) -> u64 {
    before + record.position().map_or(0, |p| p.line())
}

fn text(field: &[u8]) -> Option<&str> {
    std::str::from_utf8(field).ok()
}

/// Splits on `|`, trimming spaces and dropping empty pieces.
fn pieces(field: &[u8]) -> impl Iterator<Item = &[u8]> {
    field
        .split(|&b| b == b'|')
        .map(<[u8]>::trim_ascii)
        .filter(|p| !p.is_empty())
}

/// Ids mapped to their positions. Each table entry carries the id's length and first 16
/// bytes, so a lookup of a short id touches only the table (three million participant
/// lookups are cache misses otherwise); longer ids are checked against a contiguous arena.
#[derive(Default)]
struct IdArena {
    /// (hash, position, length, first bytes) of every id.
    table: HashTable<(u64, u32, u32, [u8; 16])>,
    bytes: Vec<u8>,
    /// Id `i` is `bytes[ends[i - 1]..ends[i]]` (from 0 for the first).
    ends: Vec<usize>,
}

fn head(id: &[u8]) -> [u8; 16] {
    let mut head = [0u8; 16];
    let n = id.len().min(16);
    head[..n].copy_from_slice(&id[..n]);
    head
}

impl IdArena {
    fn id(&self, i: u32) -> &[u8] {
        let i = i as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.bytes[start..self.ends[i]]
    }

    fn get(&self, hasher: &DefaultHashBuilder, id: &[u8]) -> Option<u32> {
        let hash = hasher.hash_one(id);
        let first = head(id);
        self.table
            .find(hash, |&(h, i, len, start)| {
                h == hash
                    && len as usize == id.len()
                    && start == first
                    && (id.len() <= 16 || self.id(i) == id)
            })
            .map(|&(_, i, _, _)| i)
    }

    /// Adds an id not yet present; its position is the number of ids before it.
    fn insert(&mut self, hasher: &DefaultHashBuilder, id: &[u8]) {
        let index = self.ends.len() as u32;
        self.bytes.extend_from_slice(id);
        self.ends.push(self.bytes.len());
        let hash = hasher.hash_one(id);
        self.table
            .insert_unique(hash, (hash, index, id.len() as u32, head(id)), |e| e.0);
    }
}

/// The actors, with a table from id to position.
struct ActorPart {
    actors: Vec<Actor>,
    ids: IdArena,
    rows: usize,
    log: ProblemLog,
    /// Ids in sorted order for suggestions, built on the first unknown id.
    sorted: OnceLock<Vec<String>>,
}

impl ActorPart {
    fn find(&self, hasher: &DefaultHashBuilder, id: &[u8]) -> Option<ActorIndex> {
        self.ids.get(hasher, id).map(ActorIndex)
    }

    fn suggest(&self, id: &str) -> String {
        let sorted = self.sorted.get_or_init(|| {
            let mut ids: Vec<String> = self.actors.iter().map(|a| a.id.clone()).collect();
            ids.sort_unstable();
            ids
        });
        did_you_mean(&closest(id, sorted.iter().map(String::as_str), 3))
    }
}

fn parse_actors(input: CsvInput<'_>, hasher: &DefaultHashBuilder) -> Result<ActorPart, LoadError> {
    let bytes = input.bytes;
    let (start, first_line) = check_header(input.name, bytes, &ACTOR_COLUMNS)?;
    let start = start as usize;
    let mut part = ActorPart {
        actors: Vec::new(),
        ids: IdArena::default(),
        rows: 0,
        log: ProblemLog::default(),
        sorted: OnceLock::new(),
    };
    let mut reader = reader(&bytes[start..]);
    let mut record = csv::ByteRecord::new();
    let mut first_lines: Vec<u64> = Vec::new();
    while reader
        .read_byte_record(&mut record)
        .map_err(|e| LoadError::single(input.name, format!("cannot read CSV: {e}")))?
    {
        part.rows += 1;
        let line = line_of(&record, first_line - 1);
        let mut row: Vec<String> = Vec::new();
        if record.len() != ACTOR_COLUMNS.len() {
            part.log.push(problem(
                input.name,
                line,
                format!(
                    "expected {} columns ({}), found {}",
                    ACTOR_COLUMNS.len(),
                    ACTOR_COLUMNS.join(","),
                    record.len()
                ),
            ));
            part.log.bad_rows += 1;
            continue;
        }
        let raw_id = record[0].trim_ascii();
        let mut fields = [None; 4];
        for (i, column) in ACTOR_COLUMNS.iter().enumerate() {
            fields[i] = text(&record[i]);
            if fields[i].is_none() {
                row.push(format!(
                    "{} is not valid UTF-8; save the file as UTF-8",
                    subject("actor", b"", column)
                ));
            }
        }
        let id = fields[0].map(str::trim).unwrap_or_default();
        if fields[0].is_some() {
            if id.is_empty() {
                row.push("actor without id, column \"id\": the id is empty".to_string());
            } else if id.chars().any(char::is_whitespace) {
                row.push(format!(
                    "{}: the id \"{id}\" contains whitespace; use a slug such as \"kim-jong-un\"",
                    subject("actor", raw_id, "id")
                ));
            }
        }
        let kind = fields[2].map(str::trim).and_then(|k| {
            let kind = ActorKind::parse(k);
            if kind.is_none() {
                row.push(format!(
                    "{}: unknown kind \"{k}\" (expected person, party, state or organization)",
                    subject("actor", raw_id, "kind")
                ));
            }
            kind
        });
        let name = fields[1].map(str::trim).unwrap_or_default();
        if fields[1].is_some() && name.is_empty() {
            row.push(format!(
                "{}: the name is empty",
                subject("actor", raw_id, "name")
            ));
        }
        let known = part.ids.get(hasher, id.as_bytes());
        if let Some(first) = known.filter(|_| !id.is_empty()) {
            row.push(format!(
                "{}: duplicate actor id \"{id}\" (first defined at line {})",
                subject("actor", raw_id, "id"),
                first_lines[first as usize]
            ));
        }
        if !row.is_empty() {
            part.log.bad_rows += 1;
            for message in row {
                part.log.push(problem(input.name, line, message));
            }
            continue;
        }
        let (Some(kind), Some(aliases)) = (kind, fields[3]) else {
            continue;
        };
        part.ids.insert(hasher, id.as_bytes());
        first_lines.push(line);
        part.actors.push(Actor {
            id: id.to_string(),
            name: name.to_string(),
            kind,
            aliases: pieces(aliases.as_bytes())
                .map(|a| String::from_utf8_lossy(a).into_owned())
                .collect(),
            native_name: None,
            notes: None,
        });
    }
    Ok(part)
}

/// The meetings and their sources.
struct MeetingPart {
    meetings: Vec<Meeting>,
    sources: Vec<Source>,
    rows: usize,
    log: ProblemLog,
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
    /// Line, id hash and id of each bad row that has an id, so duplicates of it are found.
    bad_ids: Vec<(u32, u64, String)>,
    rows: usize,
    log: ProblemLog,
}

fn empty_source() -> Source {
    Source {
        id: String::new(),
        publication: String::new(),
        title: None,
        published: None,
        url: None,
        notes: None,
    }
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

fn parse_meetings(
    name: &str,
    body: Body<'_>,
    actors: &ActorPart,
    hasher: &DefaultHashBuilder,
) -> Result<MeetingPart, LoadError> {
    let cannot = |e: std::io::Error| LoadError::single(name, format!("cannot read file: {e}"));
    let header = body.open(0, body.len()).map_err(cannot)?;
    let (start, first_line) = check_header(name, header, &MEETING_COLUMNS)?;
    let rest = body.len().saturating_sub(start);
    let scan = scan(
        body.open(start, rest).map_err(cannot)?,
        rest,
        rayon::current_num_threads().max(1),
    )
    .map_err(cannot)?;
    // Each chunk gets the lines before it, so that it can report file lines, and one slot
    // per newline in it (a record ends at a newline, except perhaps the file's last).
    let mut plan = Vec::with_capacity(scan.newlines.len());
    let mut lines = first_line - 1;
    for (window, newlines) in scan.cuts.windows(2).zip(&scan.newlines) {
        plan.push((window[0], window[1] - window[0], lines, *newlines as usize));
        lines += newlines;
    }
    if let Some(last) = plan.last_mut() {
        last.3 += 1;
    }
    let lengths: Vec<usize> = plan.iter().map(|p| p.3).collect();
    let total: usize = lengths.iter().sum();

    let mut meetings: Vec<Meeting> = Vec::with_capacity(total);
    meetings.par_extend((0..total).into_par_iter().map(|_| Meeting::unfilled()));
    let mut sources: Vec<Source> = Vec::with_capacity(total);
    sources.par_extend((0..total).into_par_iter().map(|_| empty_source()));
    let mut meeting_lines = vec![0u32; total];
    let mut id_hashes = vec![0u64; total];
    let mut source_hashes = vec![0u64; total];
    let mut base = 0;
    let slots: Vec<Slots<'_>> = split_parts(&mut meetings, &lengths)
        .into_iter()
        .zip(split_parts(&mut meeting_lines, &lengths))
        .zip(split_parts(&mut id_hashes, &lengths))
        .zip(split_parts(&mut sources, &lengths))
        .zip(split_parts(&mut source_hashes, &lengths))
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
        .collect();
    let chunks: Vec<Chunk> = plan
        .into_par_iter()
        .zip(slots)
        .map(|((from, len, before, _), slots)| {
            let input = body.open(start + from, len).map_err(cannot)?;
            Ok(parse_meeting_chunk(
                name, input, before, slots, actors, hasher,
            ))
        })
        .collect::<Result<_, LoadError>>()?;

    // Citations point at file-wide slots; once the empty slots at the end of each part go,
    // a slot moves down by the empty slots before its part, and the extra sources follow
    // the slots, chunk after chunk.
    let parts: Vec<(usize, usize)> = lengths
        .iter()
        .zip(&chunks)
        .map(|(&len, chunk)| (len, chunk.filled))
        .collect();
    let kept: usize = parts.iter().map(|p| p.1).sum();
    let has_extras = chunks.iter().any(|c| !c.extra_sources.is_empty());
    if kept < total || has_extras {
        let (mut base, mut shift, mut extras_before) = (0, 0, kept);
        for (&(len, filled), chunk) in parts.iter().zip(&chunks) {
            for meeting in &mut meetings[base..base + filled] {
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
    keep_filled(&mut meetings, &parts);
    keep_filled(&mut meeting_lines, &parts);
    keep_filled(&mut id_hashes, &parts);
    keep_filled(&mut sources, &parts);
    keep_filled(&mut source_hashes, &parts);

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
    if let Some(duplicate) = duplicate_ids(
        name,
        &meetings,
        &meeting_lines,
        &id_hashes,
        &bad_ids,
        &mut log,
    ) {
        let mut flags = duplicate.into_iter();
        meetings.retain(|_| !flags.next().unwrap_or(false));
    }
    Ok(MeetingPart {
        meetings,
        sources,
        rows,
        log,
    })
}

/// Keeps one source per distinct id (the first cited) and points citations at it.
fn merge_sources(sources: &mut Vec<Source>, hashes: &[u64], meetings: &mut [Meeting]) {
    let mut order: Vec<(u64, u32)> = hashes
        .iter()
        .enumerate()
        .map(|(i, &h)| (h, i as u32))
        .collect();
    order.par_sort_unstable();
    // `first[i]` is the position of the first source with the same id as source `i`.
    let mut first: Option<Vec<u32>> = None;
    for run in order
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|run| run.len() > 1)
    {
        // A run is in position order; equal hashes are compared by id.
        for (j, &(_, i)) in run.iter().enumerate().skip(1) {
            let id = &sources[i as usize].id;
            if let Some(&(_, f)) = run[..j]
                .iter()
                .find(|&&(_, f)| sources[f as usize].id == *id)
            {
                let first = first.get_or_insert_with(|| (0..sources.len() as u32).collect());
                first[i as usize] = first[f as usize];
            }
        }
    }
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

/// Reports repeated meeting ids in line order; returns which good meetings repeat an earlier
/// id, if any do.
fn duplicate_ids(
    file: &str,
    meetings: &[Meeting],
    lines: &[u32],
    hashes: &[u64],
    bad_ids: &[(u32, u64, String)],
    log: &mut ProblemLog,
) -> Option<Vec<bool>> {
    // (hash, line, row) with rows past the meetings standing for bad rows; sorted, each run
    // of one hash is in line order.
    let bad = |row: usize| &bad_ids[row - meetings.len()];
    let mut order: Vec<(u64, u32, u32)> = hashes
        .iter()
        .zip(lines)
        .enumerate()
        .map(|(i, (&h, &line))| (h, line, i as u32))
        .chain(
            bad_ids
                .iter()
                .enumerate()
                .map(|(j, (line, h, _))| (*h, *line, (meetings.len() + j) as u32)),
        )
        .collect();
    order.par_sort_unstable();
    let id = |row: u32| {
        let row = row as usize;
        if row < meetings.len() {
            meetings[row].id.as_str()
        } else {
            bad(row).2.as_str()
        }
    };
    let mut found: Vec<(u32, u32, u32)> = Vec::new();
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
    if found.is_empty() {
        return None;
    }
    found.sort_unstable();
    let mut duplicate = vec![false; meetings.len()];
    for (line, first_line, row) in found {
        log.push(problem(
            file,
            u64::from(line),
            format!(
                "meeting \"{}\", column \"id\": duplicate meeting id (first defined at line {first_line})",
                id(row)
            ),
        ));
        if (row as usize) < meetings.len() {
            log.bad_rows += 1;
            duplicate[row as usize] = true;
        }
    }
    Some(duplicate)
}

/// Where to cut a file's body between records, and how many lines each piece holds.
#[derive(Debug, PartialEq, Eq)]
struct Scan {
    /// `0`, the cuts, and the body's length.
    cuts: Vec<u64>,
    /// Newlines in each piece.
    newlines: Vec<u64>,
}

/// Reads a body of `len` bytes once to cut it into about `parts` pieces at record boundaries.
///
/// A newline ends a record exactly when an even number of `"` precede it, because RFC 4180
/// quotes open and close in pairs and write a literal quote as `""`.
fn scan(mut input: impl Read, len: u64, parts: usize) -> std::io::Result<Scan> {
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

fn parse_meeting_chunk(
    file: &str,
    input: impl Read,
    lines_before: u64,
    slots: Slots<'_>,
    actors: &ActorPart,
    hasher: &DefaultHashBuilder,
) -> Chunk {
    let mut chunk = Chunk::default();
    let mut suggestions_left = SUGGESTED_PER_CHUNK;
    let mut reader = reader(input);
    let mut record = csv::ByteRecord::new();
    let mut participants: Vec<Participant> = Vec::new();
    let mut row: Vec<String> = Vec::new();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                // Reading from memory with flexible rows cannot fail; keep the message if it does.
                chunk
                    .log
                    .push(problem(file, 0, format!("cannot read CSV: {e}")));
                break;
            }
        }
        chunk.rows += 1;
        let line = line_of(&record, lines_before);
        row.clear();
        if record.len() != MEETING_COLUMNS.len() {
            chunk.log.push(problem(
                file,
                line,
                format!(
                    "expected {} columns ({}), found {}",
                    MEETING_COLUMNS.len(),
                    MEETING_COLUMNS.join(","),
                    record.len()
                ),
            ));
            chunk.log.bad_rows += 1;
            continue;
        }
        let raw_id = record[0].trim_ascii();
        let id = match text(raw_id) {
            Some("") => {
                row.push("meeting without id, column \"id\": the id is empty".to_string());
                None
            }
            Some(id) => Some(id),
            None => {
                row.push(format!(
                    "{} is not valid UTF-8; save the file as UTF-8",
                    subject("meeting", b"", "id")
                ));
                None
            }
        };
        let date = match parse_date(record[1].trim_ascii()) {
            Ok(date) => Some(date),
            Err(reason) => {
                row.push(format!(
                    "{}: {reason} (expected YYYY-MM-DD, YYYY-MM or YYYY)",
                    subject("meeting", raw_id, "date")
                ));
                None
            }
        };

        participants.clear();
        let mut listed = 0;
        for piece in pieces(&record[2]) {
            listed += 1;
            match actors.find(hasher, piece) {
                Some(actor) if participants.iter().any(|p| p.actor == actor) => {
                    row.push(format!(
                        "{}: participant \"{}\" is listed twice; list each actor once",
                        subject("meeting", raw_id, "participants"),
                        String::from_utf8_lossy(piece)
                    ));
                }
                Some(actor) => participants.push(Participant { actor, role: None }),
                None => {
                    let shown = String::from_utf8_lossy(piece);
                    let hint = if suggestions_left > 0 {
                        suggestions_left -= 1;
                        actors.suggest(&shown)
                    } else {
                        String::new()
                    };
                    row.push(format!(
                        "{}: unknown actor \"{shown}\"{hint}",
                        subject("meeting", raw_id, "participants")
                    ));
                }
            }
        }
        if listed < 2 {
            row.push(format!(
                "{}: {listed} participant{} listed; a meeting needs two or more actors separated by |",
                subject("meeting", raw_id, "participants"),
                if listed == 1 { "" } else { "s" }
            ));
        }

        let place = match text(record[3].trim_ascii()) {
            Some("") => None,
            Some(place) => Some(place.to_string()),
            None => {
                row.push(format!(
                    "{} is not valid UTF-8; save the file as UTF-8",
                    subject("meeting", raw_id, "place")
                ));
                None
            }
        };

        let mut cited = 0;
        for piece in pieces(&record[4]) {
            cited += 1;
            if text(piece).is_none() {
                row.push(format!(
                    "{} is not valid UTF-8; save the file as UTF-8",
                    subject("meeting", raw_id, "source")
                ));
            }
        }
        if cited == 0 {
            row.push(format!(
                "{}: no source; every meeting needs a source URL",
                subject("meeting", raw_id, "source")
            ));
        }

        if !row.is_empty() {
            chunk.log.bad_rows += 1;
            if let Some(id) = id {
                let hash = hasher.hash_one(id.as_bytes());
                chunk.bad_ids.push((line as u32, hash, id.to_string()));
            }
            for message in row.drain(..) {
                chunk.log.push(problem(file, line, message));
            }
            continue;
        }
        let (Some(id), Some(date)) = (id, date) else {
            continue;
        };
        let slot = chunk.filled;
        if slot == slots.meetings.len() {
            // More records than newlines cannot happen; say so rather than panic if it does.
            chunk.log.push(problem(
                file,
                line,
                "internal error: more records than lines in this part of the file".to_string(),
            ));
            break;
        }
        chunk.filled += 1;
        // Sources are added only for good rows, so a skipped row leaves none behind.
        let mut sources = Vec::with_capacity(1);
        for url in pieces(&record[4]).filter_map(text) {
            let hash = hasher.hash_one(url.as_bytes());
            let source = if sources.is_empty() {
                slots.sources[slot] = source_for(url);
                slots.source_hashes[slot] = hash;
                (slots.base + slot) as u32
            } else {
                chunk.extra_sources.push(source_for(url));
                chunk.extra_hashes.push(hash);
                EXTRA | (chunk.extra_sources.len() - 1) as u32
            };
            sources.push(Citation {
                source: SourceIndex(source),
                evidence: None,
            });
        }
        slots.lines[slot] = line as u32;
        slots.id_hashes[slot] = hasher.hash_one(id.as_bytes());
        slots.meetings[slot] = Meeting {
            id: id.to_string(),
            date,
            date_note: None,
            place,
            kind: MeetingKind::Meeting,
            status: Status::Held,
            participants: participants.clone(),
            sources,
            notes: None,
        };
    }
    chunk
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

/// Parses a date, `YYYY-MM-DD` without allocating; other forms through [`FuzzyDate`]'s
/// parser (which also takes ranges and qualifiers).
fn parse_date(text: &[u8]) -> Result<FuzzyDate, String> {
    if let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *text {
        let digits = [y0, y1, y2, y3, m0, m1, d0, d1];
        if digits.iter().all(u8::is_ascii_digit) {
            let n = |i: usize| i32::from(digits[i] - b'0');
            let year = n(0) * 1000 + n(1) * 100 + n(2) * 10 + n(3);
            let month = n(4) * 10 + n(5);
            let day = n(6) * 10 + n(7);
            if let Ok(date) = jiff::civil::Date::new(year as i16, month as i8, day as i8) {
                return Ok(FuzzyDate::day(date));
            }
        }
    }
    let Some(text) = self::text(text) else {
        return Err("the date is not valid UTF-8".to_string());
    };
    text.parse::<FuzzyDate>().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACTORS: &str = "id,name,kind,aliases\r\n\
        a1,\"Marín, Ximena\",person,\"Marín|MARÍN\"\r\n\
        a2,Cuba,state,\r\n\
        a3,\"The \"\"Party\"\"\",party,\r\n";

    fn parse(actors: &str, meetings: &str, skip_bad: bool) -> Result<CsvImport, LoadError> {
        parse_pair(
            CsvInput {
                name: "actors.csv",
                bytes: actors.as_bytes(),
            },
            CsvInput {
                name: "meetings.csv",
                bytes: meetings.as_bytes(),
            },
            CsvOptions { skip_bad },
        )
    }

    fn errors(actors: &str, meetings: &str) -> Vec<String> {
        parse(actors, meetings, false)
            .unwrap_err()
            .problems
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn reads_quoted_fields_crlf_and_lf() {
        let meetings = "id,date,participants,place,source\n\
            m1,2016-06-28,a1|a2,\"Havana, Cuba\",https://news.example.com/a?b=1\n\
            m2,2015,a2|a3|a1,,https://news.example.com/b\n\
            m3,2015-10,a3|a2,Pyongyang,https://news.example.com/a?b=1\n";
        let import = parse(ACTORS, meetings, false).unwrap();
        let data = &import.dataset;
        assert_eq!(data.actors.len(), 3);
        assert_eq!(data.actors[0].name, "Marín, Ximena");
        assert_eq!(data.actors[0].aliases, ["Marín", "MARÍN"]);
        assert_eq!(data.actors[2].name, "The \"Party\"");
        assert!(data.actors[1].aliases.is_empty());
        assert_eq!(data.meetings.len(), 3);
        assert_eq!(data.meetings[0].place.as_deref(), Some("Havana, Cuba"));
        assert_eq!(data.meetings[1].place, None);
        assert_eq!(data.meetings[1].date.to_string(), "2015");
        assert_eq!(data.meetings[2].date.to_string(), "2015-10");
        let ids: Vec<u32> = data.meetings[1].actors().map(|a| a.0).collect();
        assert_eq!(ids, [1, 2, 0]);
        // One source per distinct URL.
        assert_eq!(data.sources.len(), 2);
        assert_eq!(data.sources[0].id, "https://news.example.com/a?b=1");
        assert_eq!(data.sources[0].publication, "news.example.com");
        assert_eq!(data.meetings[2].sources[0].source, SourceIndex(0));
        assert_eq!(import.report.meeting_rows, 3);
        assert_eq!(import.report.problem_count, 0);
    }

    #[test]
    fn fast_date_path_agrees_with_the_parser() {
        for text in ["2016-06-28", "2016-02-29", "0001-01-01"] {
            assert_eq!(
                parse_date(text.as_bytes()).unwrap(),
                text.parse::<FuzzyDate>().unwrap()
            );
        }
        assert!(parse_date(b"2015-02-29")
            .unwrap_err()
            .contains("day 29 does not exist"));
        assert!(parse_date(b"28/06/2016").is_err());
    }

    #[test]
    fn reports_bad_rows_with_line_and_column() {
        let meetings = "id,date,participants,place,source\n\
            m1,2016-06-32,a1|a2,Havana,https://x.example/1\n\
            m2,2016,a1|a22,Havana,https://x.example/2\n\
            m3,2016,a1,Havana,https://x.example/3\n\
            m4,2016,a1|a1|a2,Havana,https://x.example/4\n\
            m5,2016,a1|a2,Havana\n\
            m1,2016,a1|a2,Havana,https://x.example/6\n\
            m7,\"2016\n\",a1|a2,,\n";
        assert_eq!(
            errors(ACTORS, meetings),
            [
                "meetings.csv:2: meeting \"m1\", column \"date\": invalid date \"2016-06-32\": day 32 does not exist in 2016-06, which has 30 days (expected YYYY-MM-DD, YYYY-MM or YYYY)",
                "meetings.csv:3: meeting \"m2\", column \"participants\": unknown actor \"a22\" (did you mean \"a2\"?)",
                "meetings.csv:4: meeting \"m3\", column \"participants\": 1 participant listed; a meeting needs two or more actors separated by |",
                "meetings.csv:5: meeting \"m4\", column \"participants\": participant \"a1\" is listed twice; list each actor once",
                "meetings.csv:6: expected 5 columns (id,date,participants,place,source), found 4",
                "meetings.csv:7: meeting \"m1\", column \"id\": duplicate meeting id (first defined at line 2)",
                "meetings.csv:8: meeting \"m7\", column \"source\": no source; every meeting needs a source URL",
            ]
        );
    }

    #[test]
    fn reports_bad_actors_and_headers() {
        let actors = "id,name,kind,aliases\na1,Ann,persn,\na1,Ann again,person,\n,Nobody,person,\n";
        let meetings = "id,date,participants,place,source\n";
        assert_eq!(
            errors(actors, meetings),
            [
                "actors.csv:2: actor \"a1\", column \"kind\": unknown kind \"persn\" (expected person, party, state or organization)",
                "actors.csv:4: actor without id, column \"id\": the id is empty",
            ]
        );
        let header = errors("id,name,type,aliases\n", meetings);
        assert_eq!(
            header,
            ["actors.csv:1: wrong header: expected the columns id,name,kind,aliases, found id,name,type,aliases"]
        );
        let empty = errors("", meetings);
        assert_eq!(
            empty,
            ["actors.csv: the file is empty; expected a header row with the columns id,name,kind,aliases"]
        );
    }

    #[test]
    fn skip_bad_keeps_good_rows_and_counts() {
        let meetings = "\u{feff}id,date,participants,place,source\n\
            m1,2016,a1|a2,,https://x.example/1\n\
            m2,2016,a1|zz,,https://x.example/2\n\
            m3,2016-13,a1|a2,,https://x.example/3\n\
            m4,2016,a3|a2,,https://x.example/1\n";
        let import = parse(ACTORS, meetings, true).unwrap();
        let ids: Vec<&str> = import
            .dataset
            .meetings
            .iter()
            .map(|m| m.id.as_str())
            .collect();
        assert_eq!(ids, ["m1", "m4"]);
        assert_eq!(import.report.meeting_rows, 4);
        assert_eq!(import.report.meetings_skipped, 2);
        assert_eq!(import.report.problem_count, 2);
        assert_eq!(import.dataset.sources.len(), 1);
    }

    #[test]
    fn caps_the_listing_and_counts_the_rest() {
        let mut meetings = String::from("id,date,participants,place,source\n");
        for i in 0..250 {
            meetings.push_str(&format!("m{i},1999-99,a1|a2,,https://x.example/\n"));
        }
        let problems = parse(ACTORS, &meetings, false).unwrap_err().problems;
        assert_eq!(problems.len(), LISTED_PER_FILE + 1);
        assert_eq!(
            problems.last().unwrap().to_string(),
            "meetings.csv:101: … and 150 more problems after this line (the first 100 are listed)"
        );
    }

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
    }

    #[test]
    fn graph_orders_meetings_like_fuzzy_dates() {
        // The graph's fast date sort must agree with FuzzyDate's order, ties by id.
        let dates = [
            "2016",
            "2016-01-01..2016-12-31",
            "2016?",
            "2016-06",
            "2016-06-28",
            "..2016-07-05",
            "2016-07..",
            "2015-10~",
            "2016-06-28",
            "2016",
            "1950-01-01",
            "2016-06%",
        ];
        let mut meetings = String::from("id,date,participants,place,source\n");
        for (i, date) in dates.iter().enumerate() {
            // Long ids sharing 16-byte prefixes exercise the string tie-break.
            let id = format!("meeting-with-a-long-common-prefix-{}", (i * 7) % 12);
            meetings.push_str(&format!("{id},{date},a1|a2,,https://x.example/{i}\n"));
        }
        let data = parse(ACTORS, &meetings, false).unwrap().dataset;
        let mut expected: Vec<usize> = (0..data.meetings.len()).collect();
        expected.sort_by(|&a, &b| {
            let (ma, mb) = (&data.meetings[a], &data.meetings[b]);
            ma.date.cmp(&mb.date).then_with(|| ma.id.cmp(&mb.id))
        });
        let graph = crate::graph::MeetingGraph::new(data);
        let got: Vec<usize> = graph.meetings_by_date().iter().map(|m| m.index()).collect();
        assert_eq!(got, expected);
        for m in graph.data().meetings.iter() {
            let found = graph.meeting_by_id(&m.id).unwrap();
            assert_eq!(graph.meeting(found).id, m.id);
        }
        assert_eq!(
            graph.meeting_by_id("meeting-with-a-long-common-prefix-99"),
            None
        );
    }

    #[test]
    fn any_number_of_chunks_reads_the_same() {
        // Bad rows, blank lines, quoted newlines, repeated and extra sources, spread so that
        // every chunking cuts through some of them.
        let mut meetings = String::from("id,date,participants,place,source\n");
        for i in 0..60 {
            let row = match i % 7 {
                0 => format!("m{i},2016-02-30,a1|a2,,https://x.example/{i}\n"),
                1 => format!("m{i},2016,a1|a2,\"Pyong\nyang\",https://x.example/{i}|https://x.example/0\n"),
                2 => "\n".to_string(),
                3 => format!("m{i},2017-05,a3|a2|a1,\"Havana, Cuba\",https://x.example/shared\n"),
                4 => format!("m{i},2018,a1|zz,,https://x.example/{i}\n"),
                5 => format!("m{},2018,a1|a2,,https://x.example/{i}\n", i - 2),
                _ => format!("m{i},2019-01-0{},a2|a3,,https://x.example/{i}|https://x.example/{}|https://x.example/shared\n", 1 + i % 9, i + 1),
            };
            meetings.push_str(&row);
        }
        let read = |threads: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| parse(ACTORS, &meetings, true).unwrap())
        };
        let one = read(1);
        assert_eq!(one.report.meeting_rows, 51);
        assert!(one.report.meetings_skipped > 0);
        for threads in [2, 3, 5, 8] {
            let many = read(threads);
            assert_eq!(many.dataset, one.dataset, "{threads} threads");
            assert_eq!(many.report, one.report, "{threads} threads");
        }
        // Every citation resolves to the source with its URL, each URL once.
        let data = &one.dataset;
        let mut ids: Vec<&str> = data.sources.iter().map(|s| s.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), data.sources.len());
        let shared = data
            .meetings
            .iter()
            .filter(|m| m.id == "m3")
            .flat_map(|m| &m.sources)
            .map(|c| data.source(c.source).id.as_str())
            .collect::<Vec<_>>();
        assert_eq!(shared, ["https://x.example/shared"]);
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
