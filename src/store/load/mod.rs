//! Reads `graph/*.ron` (from a folder or from the copy compiled into the binary), or a JSON
//! dump of the same records, checks every record, and builds a [`Dataset`] whose ids all
//! resolve.

mod check;
mod locate;
mod recover;
mod scan;

use std::ops::Range;
use std::path::Path;

use crate::model::Dataset;
use crate::store::diagnostic::{line_column, offset_of, LoadError, Problem};
use crate::store::dump::{Dump, DUMP_FORMAT, DUMP_VERSION};
use crate::store::raw::RawFile;
use crate::store::walk::{read_data_file, walk};
use check::check;
use locate::Located;
use recover::recover;
use scan::{json_records, List};

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

/// Where a record sits: its file, its list and its place in that list. Resolved to a byte
/// offset only when a problem is reported, so that a clean load never searches the text.
#[derive(Debug, Clone, Copy)]
struct Origin {
    file: usize,
    list: List,
    index: usize,
}

/// A decoded file with its text, for locating values in it.
struct Decoded<'a> {
    name: &'a str,
    /// The text, without a leading byte order mark.
    text: &'a str,
    raw: RawFile,
    /// Each record's byte range, when the file was recovered record by record (else they are
    /// found from the text when needed).
    records: Option<[Vec<Range<usize>>; 4]>,
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
            .get_or_insert_with(|| Located::new(files[file].text, files[file].records.as_ref()))
    }

    /// The byte range of the record at `origin`.
    fn record(&mut self, origin: Origin) -> Range<usize> {
        let len = self.files[origin.file].text.len();
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
        let (line, column) = self
            .located(origin.file)
            .lines
            .line_column(file.text, span.start);
        let end = span
            .end
            .max(span.start + 1)
            .min(file.text.len())
            .max(span.start);
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
        let (line, _) = self.located(origin.file).lines.line_column(file.text, at);
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
    let mut problems = Vec::new();
    let mut decoded = Vec::with_capacity(files.len());
    let mut unparsed = Vec::new();
    for file in files {
        let outcome = decode(file);
        decoded.extend(outcome.decoded);
        problems.extend(outcome.problems);
        unparsed.extend(outcome.unparsed);
    }
    let mut checker = Checker::new(&decoded, problems, &unparsed);
    let dataset = check(&mut checker);
    if checker.problems.is_empty() {
        return Ok(dataset);
    }
    // Only a failed load keeps the texts, for the snippets.
    let texts = decoded
        .iter()
        .map(|d| (d.name.to_string(), d.text.to_string()))
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
    Err(error)
}

/// What decoding one file gave.
struct Outcome<'a> {
    decoded: Option<Decoded<'a>>,
    problems: Vec<Problem>,
    unparsed: Option<Unparsed>,
}

/// Decodes one file: its records and the problems that stopped decoding. A file that does not
/// parse as a whole is read again record by record ([`recover`]); a file that is not UTF-8 or
/// has CR-only line ends has no text and is left out.
fn decode(file: &DataFile) -> Outcome<'_> {
    let refused = |problem: Problem| Outcome {
        decoded: None,
        problems: vec![problem],
        unparsed: Some(Unparsed {
            name: file.name.clone(),
            incomplete: [true; 4],
        }),
    };
    // Borrow the text: a million-meeting folder is too large to copy.
    let text = match std::str::from_utf8(&file.bytes) {
        Ok(text) => text,
        Err(e) => return refused(not_utf8(file, e.valid_up_to())),
    };
    // Editors on Windows may write a byte order mark; it is not part of the RON.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some(problem) = cr_only(&file.name, text) {
        return refused(problem);
    }
    if file.name.ends_with(".json") {
        return decode_dump(file, text);
    }
    let options =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    match options.from_str::<RawFile>(text) {
        Ok(raw) => Outcome {
            decoded: Some(Decoded {
                name: &file.name,
                text,
                raw,
                records: None,
            }),
            problems: Vec::new(),
            unparsed: None,
        },
        Err(e) => {
            let recovered = recover(&file.name, text, &e, &options);
            Outcome {
                decoded: Some(Decoded {
                    name: &file.name,
                    text,
                    raw: recovered.raw,
                    records: Some(recovered.records),
                }),
                problems: recovered.problems,
                unparsed: Some(Unparsed {
                    name: file.name.clone(),
                    incomplete: recovered.incomplete,
                }),
            }
        }
    }
}

/// Decodes a JSON dump (`export --as json`): the same records as a RON file, so the same
/// checks follow. A dump that does not parse is refused whole, with serde's place for it.
fn decode_dump<'a>(file: &'a DataFile, text: &'a str) -> Outcome<'a> {
    let problem = |at: usize, message: String| {
        let (line, column) = line_column(text, at);
        Problem {
            file: file.name.clone(),
            line: Some(line),
            column: Some(column),
            message,
            span: Some(at..(at + 1).min(text.len()).max(at)),
        }
    };
    let refused = |problem: Problem| Outcome {
        decoded: None,
        problems: vec![problem],
        unparsed: Some(Unparsed {
            name: file.name.clone(),
            incomplete: [true; 4],
        }),
    };
    let dump: Dump = match serde_json::from_str(text) {
        Ok(dump) => dump,
        Err(e) => {
            let at = offset_of(text, e.line(), e.column().max(1));
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
    Outcome {
        decoded: Some(Decoded {
            name: &file.name,
            text,
            raw: dump.into_raw(),
            records: Some(json_records(text)),
        }),
        problems: Vec::new(),
        unparsed: None,
    }
}

/// The problem for a file whose bytes stop being UTF-8 at `valid`.
fn not_utf8(file: &DataFile, valid: usize) -> Problem {
    // The valid prefix is text, so line and column count as in any other message.
    let prefix = std::str::from_utf8(&file.bytes[..valid]).unwrap_or_default();
    let (line, column) = line_column(prefix, valid);
    let byte = file.bytes.get(valid).copied().unwrap_or_default();
    Problem {
        file: file.name.clone(),
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
