//! Reads `graph/*.ron` (from a folder or from the copy compiled into the binary), or a JSON
//! dump of the same records, checks every record, and builds a [`Dataset`] whose ids all
//! resolve.

mod check;
mod locate;
mod recover;
mod scan;
mod stream;

use std::borrow::Cow;
use std::cell::{Cell, OnceCell};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;
use serde::de::DeserializeOwned;

use crate::model::Dataset;
use crate::store::diagnostic::{line_column, offset_of, LoadError, Problem};
use crate::store::dump::{Dump, DUMP_FORMAT, DUMP_VERSION};
use crate::store::raw::RawFile;
use crate::store::snapshot::content_hash;
use crate::store::walk::{read_data_file, read_data_file_into, walk};
use check::check;
use locate::Located;
use recover::recover;
use scan::{json_records, outline, List};

/// One data file's name and raw bytes, before decoding.
#[derive(Debug, Clone)]
pub struct DataFile {
    /// Name shown in errors, e.g. `graph/meetings/2016.ron`.
    pub name: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// Lists every `*.ron` file under `dir`, recursively, sorted by path so loading is deterministic.
pub fn read_ron_dir(dir: &Path) -> Result<Vec<DataFile>, LoadError> {
    let shown = dir.display().to_string();
    if !dir.is_dir() {
        return Err(LoadError::single(
            shown,
            "data folder not found (expected a folder of .ron files, or actors.csv and meetings.csv)",
        ));
    }
    let walked = walk(dir);
    let mut problems: Vec<Problem> = walked
        .problems
        .into_iter()
        .map(|(path, why)| Problem {
            file: path.display().to_string(),
            line: None,
            column: None,
            message: why,
            span: None,
        })
        .collect();
    let mut files = Vec::with_capacity(walked.files.len());
    for path in walked.files {
        let name = path.display().to_string();
        match read_data_file(&path) {
            Ok(bytes) => files.push(DataFile { name, bytes }),
            Err(message) => problems.push(Problem {
                file: name,
                line: None,
                column: None,
                message,
                span: None,
            }),
        }
    }
    if !problems.is_empty() {
        return Err(LoadError::from_parts(problems, Vec::new()));
    }
    if files.is_empty() {
        return Err(LoadError::single(
            shown,
            "the data folder holds no .ron files (expected actors.ron, sources.ron, meetings/<year>.ron, …)",
        ));
    }
    Ok(files)
}

/// Loads the `*.ron` files under `dir` like [`load_files`] on [`read_ron_dir`], but reads each
/// file only when it is decoded and keeps no text of a file that decoded cleanly: a file is
/// read again only if a problem found later must be placed in it.
pub fn load_dir(dir: &Path) -> Result<Dataset, LoadError> {
    let walked = walk(dir);
    if !dir.is_dir() || !walked.problems.is_empty() || walked.files.is_empty() {
        // The same refusals, in the same words, as reading every file first.
        return load_files(&read_ron_dir(dir)?);
    }
    let inputs: Vec<Input<'_>> = walked
        .files
        .into_iter()
        .map(|path| Input::OnDisk {
            name: path.display().to_string(),
            path,
        })
        .collect();
    if let Some(outcome) = stream::load_streamed(&inputs) {
        return outcome;
    }
    load_inputs(&inputs)
}

/// A data file to decode: bytes the caller holds, or a file read when it is decoded.
enum Input<'a> {
    Held(&'a DataFile),
    OnDisk { name: String, path: PathBuf },
}

/// Where a record sits: its file, its list and its place in that list. Resolved to a byte
/// offset only when a problem is reported, so that a clean load never searches the text.
#[derive(Debug, Clone, Copy)]
struct Origin {
    file: usize,
    list: List,
    index: usize,
}

/// A decoded file's name and text, for locating values in it; its records are kept apart, so
/// that the checks can move them into the data set.
struct Decoded<'a> {
    name: &'a str,
    /// The text, without a leading byte order mark: borrowed from the caller's bytes, kept
    /// from decoding when the file had problems, else read again on first use.
    text: OnceCell<Cow<'a, str>>,
    /// Where to read the text again, for a file read from disk.
    path: Option<&'a Path>,
    /// Length and hash of the text as decoded, to tell whether a file read again changed
    /// (set after decoding by a load that made the file's place first).
    seen: Cell<(usize, u64)>,
    /// Each record's byte range, when the file was recovered record by record (else they are
    /// found from the text when needed).
    records: Option<[Vec<Range<usize>>; 4]>,
}

impl<'a> Decoded<'a> {
    fn new(name: &'a str, text: Cow<'a, str>, records: Option<[Vec<Range<usize>>; 4]>) -> Self {
        Decoded {
            name,
            text: OnceCell::from(text),
            path: None,
            seen: Cell::new((0, 0)),
            records,
        }
    }

    /// A file read from `path` whose text is not kept: read again only to place a problem,
    /// and compared then with the length and hash `seen` when it was decoded.
    fn on_disk(name: &'a str, path: &'a Path, seen: (usize, u64)) -> Self {
        Decoded {
            name,
            text: OnceCell::new(),
            path: Some(path),
            seen: Cell::new(seen),
            records: None,
        }
    }

    /// The text as decoded (as read again for a file whose clean text was dropped).
    fn text(&self) -> &str {
        self.text.get_or_init(|| Cow::Owned(self.read_again()))
    }

    fn read_again(&self) -> String {
        let bytes = self
            .path
            .and_then(|path| read_data_file(path).ok())
            .unwrap_or_default();
        let text = String::from_utf8(bytes).unwrap_or_default();
        match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        }
    }

    /// Whether the file was read again and is no longer what was decoded.
    fn changed(&self) -> bool {
        self.path.is_some()
            && self
                .text
                .get()
                .is_some_and(|text| (text.len(), content_hash(text.as_bytes())) != self.seen.get())
    }
}

/// A file whose records could not all be read, and which lists may be missing records.
struct Unparsed {
    name: String,
    incomplete: [bool; 4],
}

/// How many candidate comparisons the "did you mean" hints may cost in all: each compares
/// against every id, so hints for every unknown reference in a large data set would be
/// quadratic; past the budget, references are reported without a hint.
const HINT_BUDGET: usize = 20_000_000;

/// Ids longer than this get no hint: no id that long is a typo of a real one, and comparing
/// costs the product of the lengths.
const LONGEST_HINTED_ID: usize = 200;

/// Collects problems and locates offending values in the file texts.
struct Checker<'a> {
    files: &'a [Decoded<'a>],
    /// Each file's index, built on its first problem.
    located: Vec<Option<Located<'a>>>,
    problems: Vec<Problem>,
    /// Lists (by [`List::slot`]) that a file that did not parse may have held records of:
    /// unknown references to their ids are counted, not reported.
    unverified: [bool; 4],
    /// Unknown references not reported because of `unverified`.
    unchecked: usize,
    hint_budget: usize,
}

impl<'a> Checker<'a> {
    fn new(files: &'a [Decoded<'a>], problems: Vec<Problem>, unparsed: &[Unparsed]) -> Self {
        let mut unverified = [false; 4];
        for file in unparsed {
            for (slot, incomplete) in file.incomplete.iter().enumerate() {
                unverified[slot] |= incomplete;
            }
        }
        Checker {
            files,
            located: files.iter().map(|_| None).collect(),
            problems,
            unverified,
            unchecked: 0,
            hint_budget: HINT_BUDGET,
        }
    }

    /// The index of file `file`, built on first use.
    fn located(&mut self, file: usize) -> &Located<'a> {
        let files = self.files;
        self.located[file]
            .get_or_insert_with(|| Located::new(files[file].text(), files[file].records.as_ref()))
    }

    /// The byte range of the record at `origin`.
    fn record(&mut self, origin: Origin) -> Range<usize> {
        let len = self.files[origin.file].text().len();
        self.located(origin.file)
            .record(origin.list, origin.index, len)
    }

    /// Reports `message` at the first string in the record at `origin` that holds `value`
    /// (escaped or raw strings included), else at the record's start.
    fn at_value(&mut self, origin: Origin, value: &str, message: String) {
        self.at_nth_value(origin, value, 0, message);
    }

    /// Like [`Checker::at_value`], at the `nth` (0-based) occurrence of `value`.
    fn at_nth_value(&mut self, origin: Origin, value: &str, nth: usize, message: String) {
        let record = self.record(origin);
        let located = self.located(origin.file);
        let mut from = record.start;
        let mut found = None;
        for _ in 0..=nth {
            match located.find(value, from, record.end) {
                Some(place) => {
                    from = place.start + 1;
                    found = Some(place);
                }
                None => break,
            }
        }
        let span = found.unwrap_or(record.start..record.start);
        let file = &self.files[origin.file];
        let text = file.text();
        let (line, column) = self
            .located(origin.file)
            .lines
            .line_column(text, span.start);
        let end = span.end.max(span.start + 1).min(text.len()).max(span.start);
        self.problems.push(Problem {
            file: file.name.to_string(),
            line: Some(line),
            column: Some(column),
            message,
            span: Some(span.start..end),
        });
    }

    /// `file:line` of the record at `origin`: the line of its `id`, else of its start.
    fn describe(&mut self, origin: Origin, id: &str) -> String {
        let record = self.record(origin);
        let located = self.located(origin.file);
        let at = located
            .find(id, record.start, record.end)
            .map_or(record.start, |place| place.start);
        let file = &self.files[origin.file];
        let (line, _) = self.located(origin.file).lines.line_column(file.text(), at);
        format!("{}:{line}", file.name)
    }

    /// Whether an unknown reference to a `list` id should be reported; if not, it is counted.
    fn reports_unknown(&mut self, list: List) -> bool {
        if self.unverified[list.slot()] {
            self.unchecked += 1;
            return false;
        }
        true
    }

    /// Whether a hint for `id` among `candidates` ids is within the budget; if so it is spent.
    fn may_hint(&mut self, id: &str, candidates: usize) -> bool {
        if id.len() > LONGEST_HINTED_ID || self.hint_budget < candidates {
            return false;
        }
        self.hint_budget -= candidates;
        true
    }
}

/// Decodes and checks data files into a [`Dataset`], listing every problem when any is found.
pub fn load_files(files: &[DataFile]) -> Result<Dataset, LoadError> {
    let inputs: Vec<Input<'_>> = files.iter().map(Input::Held).collect();
    load_inputs(&inputs)
}

/// Decodes `inputs` on all threads, then checks their records in file order.
fn load_inputs(inputs: &[Input<'_>]) -> Result<Dataset, LoadError> {
    // Read buffers are handed from file to file: a fresh buffer for every file would make
    // the process fault in the whole folder's size of new memory.
    let buffers = Mutex::new(Vec::new());
    // An indexed collect keeps the files' order whatever thread decoded which file.
    let outcomes: Vec<Outcome<'_>> = inputs
        .par_iter()
        .map(|input| decode(input, &buffers))
        .collect();
    drop(buffers);
    let mut unreadable = Vec::new();
    let mut problems = Vec::new();
    let mut decoded = Vec::with_capacity(outcomes.len());
    let mut raws = Vec::with_capacity(outcomes.len());
    let mut unparsed = Vec::new();
    for outcome in outcomes {
        match outcome {
            Outcome::Unreadable(problem) => unreadable.push(problem),
            Outcome::Read {
                decoded: file,
                problems: found,
                unparsed: broken,
            } => {
                if let Some((file, raw)) = file.map(|both| *both) {
                    decoded.push(file);
                    raws.push(raw);
                }
                problems.extend(found);
                unparsed.extend(broken);
            }
        }
    }
    if !unreadable.is_empty() {
        // As when every file is read before any is decoded: files that cannot be read are
        // the only problems reported.
        return Err(LoadError::from_parts(unreadable, Vec::new()));
    }
    let mut checker = Checker::new(&decoded, problems, &unparsed);
    let dataset = check(&mut checker, raws);
    if checker.problems.is_empty() {
        return Ok(dataset);
    }
    drop(dataset);
    Err(failure(checker, &decoded, &unparsed))
}

/// The error of a load whose checks found problems: every problem, the texts of the files
/// they are in, and notes on references left unchecked and on files that changed meanwhile.
fn failure(checker: Checker<'_>, decoded: &[Decoded<'_>], unparsed: &[Unparsed]) -> LoadError {
    // Only a failed load keeps texts, for the snippets, and only of the files with problems.
    let named: std::collections::HashSet<&str> =
        checker.problems.iter().map(|p| p.file.as_str()).collect();
    let texts = decoded
        .iter()
        .filter(|d| named.contains(d.name))
        .map(|d| (d.name.to_string(), d.text().to_string()))
        .collect();
    let mut error = LoadError::from_parts(checker.problems, texts);
    if checker.unchecked > 0 {
        let names: Vec<&str> = unparsed.iter().map(|u| u.name.as_str()).collect();
        let n = checker.unchecked;
        error.notes.push(format!(
            "{n} reference{} to ids not found were not reported, because {} did not parse and may define them; fix {} and load again",
            if n == 1 { "" } else { "s" },
            names.join(", "),
            if names.len() == 1 { "it" } else { "them" },
        ));
    }
    for file in decoded.iter().filter(|d| d.changed()) {
        error.notes.push(format!(
            "{} changed while it was loaded, so the places shown in it may be off; load again",
            file.name
        ));
    }
    error
}

/// What decoding one file gave.
enum Outcome<'a> {
    /// The file could not be read.
    Unreadable(Problem),
    /// The file was read: its records, if it has text, and the problems that stopped decoding.
    Read {
        decoded: Option<Box<(Decoded<'a>, RawFile)>>,
        problems: Vec<Problem>,
        unparsed: Option<Unparsed>,
    },
}

/// Files at least this large are split into their records, which are parsed on all threads:
/// one such file parsed whole would leave the other threads idle at the end of a load.
const SPLIT_BYTES: usize = 16 << 20;

/// Records per task when a large file is parsed in pieces.
const PIECE: usize = 2048;

/// Decodes one file, reading it into a buffer from `buffers` when it is on disk.
fn decode<'a>(input: &'a Input<'a>, buffers: &Mutex<Vec<Vec<u8>>>) -> Outcome<'a> {
    match input {
        Input::Held(file) => decode_bytes(&file.name, &file.bytes, None, Cow::Borrowed),
        Input::OnDisk { name, path } => {
            let taken = buffers.lock().ok().and_then(|mut free| free.pop());
            let mut buffer = taken.unwrap_or_default();
            if let Err(message) = read_data_file_into(path, &mut buffer) {
                return Outcome::Unreadable(Problem {
                    file: name.clone(),
                    line: None,
                    column: None,
                    message,
                    span: None,
                });
            }
            let outcome = decode_bytes(name, &buffer, Some(path), |text| {
                Cow::Owned(text.to_string())
            });
            if let Ok(mut free) = buffers.lock() {
                free.push(buffer);
            }
            outcome
        }
    }
}

/// Decodes one file's bytes: its records and the problems that stopped decoding. A file that
/// does not parse as a whole is read again record by record ([`recover`]); a file that is not
/// UTF-8 or has CR-only line ends has no text and is left out. `keep` keeps the text of a file
/// with problems; a clean file read from `path` keeps none.
fn decode_bytes<'a, 'b>(
    name: &'a str,
    bytes: &'b [u8],
    path: Option<&'a Path>,
    keep: impl Fn(&'b str) -> Cow<'a, str>,
) -> Outcome<'a> {
    let refused = |problem: Problem| Outcome::Read {
        decoded: None,
        problems: vec![problem],
        unparsed: Some(Unparsed {
            name: name.to_string(),
            incomplete: [true; 4],
        }),
    };
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => return refused(not_utf8(name, bytes, e.valid_up_to())),
    };
    // Editors on Windows may write a byte order mark; it is not part of the RON.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some(problem) = cr_only(name, text) {
        return refused(problem);
    }
    if name.ends_with(".json") {
        return decode_dump(name, keep(text));
    }
    let options =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    let split = if text.len() >= SPLIT_BYTES {
        parse_split(text, &options)
    } else {
        None
    };
    // A file that does not split cleanly is parsed whole, so that its errors are the parser's.
    let parsed = match split {
        Some(raw) => Ok(raw),
        None => options.from_str::<RawFile>(text),
    };
    match parsed {
        Ok(raw) => {
            let decoded = match path {
                // A clean file's text is dropped: it is read again only to place a problem.
                Some(path) => {
                    Decoded::on_disk(name, path, (text.len(), content_hash(text.as_bytes())))
                }
                None => Decoded::new(name, keep(text), None),
            };
            Outcome::Read {
                decoded: Some(Box::new((decoded, raw))),
                problems: Vec::new(),
                unparsed: None,
            }
        }
        Err(e) => {
            let recovered = recover(name, text, &e, &options);
            Outcome::Read {
                decoded: Some(Box::new((
                    Decoded::new(name, keep(text), Some(recovered.records)),
                    recovered.raw,
                ))),
                problems: recovered.problems,
                unparsed: Some(Unparsed {
                    name: name.to_string(),
                    incomplete: recovered.incomplete,
                }),
            }
        }
    }
}

/// Parses a file record by record on all threads, when its outline shows a plain record of
/// the four lists, each at most once; `None` when it does not or any record fails to parse
/// on its own (the whole-file parse then decides, with its own errors).
fn parse_split(text: &str, options: &ron::Options) -> Option<RawFile> {
    let outline = outline(text);
    // Attributes and a struct name change or check how the whole file parses.
    if outline.stopped.is_some() || outline.has_attributes || outline.named {
        return None;
    }
    let mut seen = [false; 4];
    let mut raw = RawFile::default();
    for field in &outline.fields {
        let list = field.list?;
        // A list given twice is an error of the whole file.
        if std::mem::replace(&mut seen[list.slot()], true) {
            return None;
        }
        let items = &field.items;
        match list {
            List::Actors => raw.actors = parse_items(text, items, options)?,
            List::Sources => raw.sources = parse_items(text, items, options)?,
            List::Affiliations => raw.affiliations = parse_items(text, items, options)?,
            List::Meetings => raw.meetings = parse_items(text, items, options)?,
        }
    }
    Some(raw)
}

/// Each of `items` parsed alone, in order, or `None` if any fails.
fn parse_items<T: DeserializeOwned + Send>(
    text: &str,
    items: &[Range<usize>],
    options: &ron::Options,
) -> Option<Vec<T>> {
    // Parsed straight into their places; `Option<T>` of a record is the record's size, so
    // the vector is reused for the result instead of copied.
    let mut parsed: Vec<Option<T>> = Vec::new();
    items
        .par_iter()
        .with_min_len(PIECE)
        .map(|item| options.from_str(&text[item.clone()]).ok())
        .collect_into_vec(&mut parsed);
    parsed.into_iter().collect()
}

/// Decodes a JSON dump (`export --as json`): the same records as a RON file, so the same
/// checks follow. A dump that does not parse is refused whole, with serde's place for it.
fn decode_dump<'a>(name: &'a str, text: Cow<'a, str>) -> Outcome<'a> {
    let problem = |at: usize, message: String| {
        let (line, column) = line_column(&text, at);
        Problem {
            file: name.to_string(),
            line: Some(line),
            column: Some(column),
            message,
            span: Some(at..(at + 1).min(text.len()).max(at)),
        }
    };
    let refused = |problem: Problem| Outcome::Read {
        decoded: None,
        problems: vec![problem],
        unparsed: Some(Unparsed {
            name: name.to_string(),
            incomplete: [true; 4],
        }),
    };
    let dump: Dump = match serde_json::from_str(&text) {
        Ok(dump) => dump,
        Err(e) => {
            let at = offset_of(&text, e.line(), e.column().max(1));
            let message = e.to_string();
            // serde_json appends its own " at line L column C"; the place is shown anyway.
            let message = message
                .rsplit_once(" at line ")
                .map_or(message.as_str(), |(m, _)| m);
            return refused(problem(at, format!("not a whomet dump: {message}")));
        }
    };
    if dump.format != DUMP_FORMAT || dump.version != DUMP_VERSION {
        let at = text.find("\"format\"").unwrap_or(0);
        return refused(problem(
            at,
            format!(
                "format {:?} version {} is not one this whomet reads (expected {DUMP_FORMAT:?} version {DUMP_VERSION}, as `whomet export --as json` writes)",
                dump.format, dump.version
            ),
        ));
    }
    let records = json_records(&text);
    Outcome::Read {
        decoded: Some(Box::new((
            Decoded::new(name, text, Some(records)),
            dump.into_raw(),
        ))),
        problems: Vec::new(),
        unparsed: None,
    }
}

/// The problem for a file whose bytes stop being UTF-8 at `valid`.
fn not_utf8(name: &str, bytes: &[u8], valid: usize) -> Problem {
    // The valid prefix is text, so line and column count as in any other message.
    let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
    let (line, column) = line_column(prefix, valid);
    let byte = bytes.get(valid).copied().unwrap_or_default();
    Problem {
        file: name.to_string(),
        line: Some(line),
        column: Some(column),
        message: format!(
            "the file is not valid UTF-8 (byte 0x{byte:02x} at offset {valid}); save it as UTF-8"
        ),
        span: None,
    }
}

/// The problem for a file whose lines end in a lone `\r` (classic Mac OS): RON reads no line
/// end there, so every line number would be 1 and a `//` comment would run to the file's end.
fn cr_only(name: &str, text: &str) -> Option<Problem> {
    let first_cr = memchr::memchr(b'\r', text.as_bytes())?;
    if memchr::memchr(b'\n', text.as_bytes()).is_some() {
        return None;
    }
    let (line, column) = line_column(&text[..first_cr], first_cr);
    Some(Problem {
        file: name.to_string(),
        line: Some(line),
        column: Some(column),
        message: "the file uses CR-only line ends (classic Mac OS); whomet reads LF or CRLF line ends, so save it with those (e.g. `tr '\\r' '\\n'`)".to_string(),
        span: None,
    })
}

fn describe_ron_error(code: &ron::Error) -> String {
    let text = code.to_string();
    let text = text.trim_end_matches('.');
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => format!("malformed RON: {}{}", first.to_lowercase(), chars.as_str()),
        None => "malformed RON".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACTORS: &str = "(actors: [\n  Actor(id: \"a\", name: \"A\", kind: person),\n  Actor(id: \"b\", name: \"B\", kind: person),\n])\n";

    fn options() -> ron::Options {
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
    }

    #[test]
    fn a_split_parse_gives_the_whole_parse_or_declines() {
        let text = "// c\n(\n  actors: [Actor(id: \"a\", name: \"x, ] )\", kind: person), /* ) */ Actor(id: \"b\", name: \"B\", kind: party),],\n  sources: [Source(id: \"s\", publication: \"P\")],\n)\n";
        let split = parse_split(text, &options()).expect("splits");
        let whole: RawFile = options().from_str(text).unwrap();
        assert_eq!(format!("{split:?}"), format!("{whole:?}"));
        // What the whole-file parse checks is left to it.
        for declined in [
            "RawFile(actors: [])",
            "#![enable(unwrap_newtypes)]\n(actors: [])",
            "(actors: [], actors: [])",
            "(people: [])",
            "(actors: [Actor(id: \"a\", name: \"A\", kind: wizard)])",
            "(actors: [Actor(id: \"a\"",
        ] {
            assert!(parse_split(declined, &options()).is_none(), "{declined}");
        }
    }

    #[test]
    fn a_folder_load_places_a_problem_in_a_file_whose_text_was_dropped() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("actors.ron"), ACTORS).unwrap();
        let meetings = "(meetings: [\n  Meeting(id: \"m\", date: \"2016\", participants: [P(actor: \"a\"), P(actor: \"c\")], sources: []),\n])\n";
        std::fs::write(dir.path().join("m.ron"), meetings).unwrap();
        let from_dir = load_dir(dir.path()).expect_err("unknown actor");
        let held = load_files(&read_ron_dir(dir.path()).unwrap()).expect_err("unknown actor");
        assert_eq!(from_dir.problems, held.problems);
        assert!(from_dir.notes.is_empty(), "{:?}", from_dir.notes);
        let unknown = from_dir
            .problems
            .iter()
            .find(|p| p.message.contains("unknown actor \"c\""))
            .expect("reported");
        assert_eq!((unknown.line, unknown.column), (Some(2), Some(73)));
        assert!(from_dir.render(false).contains("P(actor: \"c\")"));
    }
}
