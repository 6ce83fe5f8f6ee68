//! Reads `graph/*.ron` (from a folder or from the copy compiled into the binary), checks every
//! record, and builds a [`Dataset`] whose ids all resolve.

mod check;

use std::path::Path;

use crate::model::Dataset;
use crate::store::diagnostic::{line_column, offset_of, LoadError, Problem};
use crate::store::raw::RawFile;
use crate::store::walk::{read_data_file, walk};
use check::check;

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

/// Where a record sits: its file and the byte offset where its text starts.
#[derive(Debug, Clone, Copy)]
struct Origin {
    file: usize,
    offset: usize,
}

/// A decoded file with its text, for locating values in it.
struct Decoded<'a> {
    name: &'a str,
    text: &'a str,
    raw: RawFile,
}

/// Collects problems and locates offending values in the file texts.
struct Checker<'a> {
    files: &'a [Decoded<'a>],
    problems: Vec<Problem>,
}

impl Checker<'_> {
    /// Reports `message` at the first occurrence of the quoted `value` at or after `origin`.
    fn at_value(&mut self, origin: Origin, value: &str, message: String) {
        let file = &self.files[origin.file];
        let needle = format!("{value:?}");
        let start = file.text[origin.offset.min(file.text.len())..]
            .find(&needle)
            .map(|i| origin.offset + i)
            .unwrap_or(origin.offset);
        let end = (start + needle.len()).min(file.text.len());
        let (line, column) = line_column(file.text, start);
        self.problems.push(Problem {
            file: file.name.to_string(),
            line: Some(line),
            column: Some(column),
            message,
            span: Some(start..end.max(start)),
        });
    }
}

/// Finds where each record starts: the offset of `key: "value"` for records with ids, searched
/// forward from the previous record so repeated values land on the right one.
fn record_offsets<'a>(text: &str, key: &str, values: impl Iterator<Item = &'a str>) -> Vec<usize> {
    let mut cursor = 0;
    values
        .map(|value| {
            let needle = format!("{value:?}");
            let mut search = cursor;
            while let Some(i) = text[search..].find(&needle) {
                let at = search + i;
                let before = text[..at].trim_end();
                if before.ends_with(':') && before[..before.len() - 1].trim_end().ends_with(key) {
                    cursor = at + needle.len();
                    return line_start(text, at);
                }
                search = at + needle.len();
            }
            cursor
        })
        .collect()
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// Decodes and checks data files into a [`Dataset`], listing every problem when any is found.
pub fn load_files(files: &[DataFile]) -> Result<Dataset, LoadError> {
    let mut problems = Vec::new();
    let mut decoded = Vec::with_capacity(files.len());
    for file in files {
        let (file, problem) = decode(file);
        decoded.extend(file);
        problems.extend(problem);
    }
    let mut checker = Checker {
        files: &decoded,
        problems,
    };
    let dataset = check(&mut checker);
    if checker.problems.is_empty() {
        Ok(dataset)
    } else {
        // Only a failed load keeps the texts, for the snippets.
        let texts = decoded
            .iter()
            .map(|d| (d.name.to_string(), d.text.to_string()))
            .collect();
        Err(LoadError::from_parts(checker.problems, texts))
    }
}

/// Decodes one file: its records (none when the RON is malformed, so that its text is still
/// there for the snippet), and the problem that stopped decoding, if any. A file that is not
/// UTF-8 has no text and is left out.
fn decode(file: &DataFile) -> (Option<Decoded<'_>>, Option<Problem>) {
    // Borrow the text: a million-meeting folder is too large to copy.
    let text = match std::str::from_utf8(&file.bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = e.valid_up_to();
            let prefix = String::from_utf8_lossy(&file.bytes[..valid]);
            let (line, column) = line_column(&prefix, valid);
            let problem = Problem {
                file: file.name.clone(),
                line: Some(line),
                column: Some(column),
                message: format!(
                    "the file is not valid UTF-8 (byte 0x{:02x} at offset {valid}); save it as UTF-8",
                    file.bytes[valid]
                ),
                span: None,
            };
            return (None, Some(problem));
        }
    };
    let options =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    let (raw, problem) = match options.from_str::<RawFile>(text) {
        Ok(raw) => (raw, None),
        Err(e) => {
            let start = offset_of(text, e.span.start.line, e.span.start.col);
            let end = offset_of(text, e.span.end.line, e.span.end.col).max(start);
            let problem = Problem {
                file: file.name.clone(),
                line: Some(e.span.start.line),
                column: Some(e.span.start.col),
                message: describe_ron_error(&e.code),
                span: Some(start..end.max(start + 1).min(text.len().max(start))),
            };
            (RawFile::default(), Some(problem))
        }
    };
    let decoded = Decoded {
        name: &file.name,
        text,
        raw,
    };
    (Some(decoded), problem)
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

/// `file:line` of where a record starts.
fn describe_origin(files: &[Decoded<'_>], origin: Origin) -> String {
    let file = &files[origin.file];
    let (line, _) = line_column(file.text, origin.offset);
    format!("{}:{line}", file.name)
}
