//! Data errors with their place in the file, collected so that every one is reported.

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor::Buffer};

/// One problem found in the data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file, as given to the loader (relative to the data folder's parent when possible).
    pub file: String,
    /// 1-based line, when the format has one.
    pub line: Option<usize>,
    /// 1-based column, when the format has one.
    pub column: Option<usize>,
    /// What is wrong: the offending id or value and what was expected.
    pub message: String,
    /// Byte range in the file's text, for the snippet.
    pub span: Option<Range<usize>>,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

/// Every problem found while loading a data set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoadError {
    /// The problems, in file order then position order.
    pub problems: Vec<Problem>,
    /// What was not checked because of the problems, e.g. references into a file that did not
    /// parse; shown after them.
    pub notes: Vec<String>,
    /// The text of each file with problems, for snippets.
    files: Vec<(String, String)>,
}

/// Lines longer than this are not shown as a snippet: a whole data file on one line would
/// print in full under every problem.
const LONGEST_SNIPPET_LINE: usize = 2_000;

impl LoadError {
    /// A load error with a single problem outside any file's text.
    pub fn single(file: impl Into<String>, message: impl Into<String>) -> Self {
        LoadError {
            problems: vec![Problem {
                file: file.into(),
                line: None,
                column: None,
                message: message.into(),
                span: None,
            }],
            notes: Vec::new(),
            files: Vec::new(),
        }
    }

    pub(crate) fn from_parts(mut problems: Vec<Problem>, files: Vec<(String, String)>) -> Self {
        problems.sort_by(|a, b| {
            (a.file.as_str(), a.line, a.column, a.message.as_str()).cmp(&(
                b.file.as_str(),
                b.line,
                b.column,
                b.message.as_str(),
            ))
        });
        problems.dedup();
        LoadError {
            problems,
            notes: Vec::new(),
            files,
        }
    }

    /// Renders every problem with a source snippet and a caret, in colour when asked.
    pub fn render(&self, colour: bool) -> String {
        let mut files = SimpleFiles::new();
        // By name, so that a folder of thousands of files does not cost a scan per problem.
        let ids: HashMap<&str, (usize, &str, Lines)> = self
            .files
            .iter()
            .map(|(name, text)| {
                // Masked, not escaped: the spans are byte offsets into this text.
                let id = files.add(name.clone(), crate::printable::masked(text).into_owned());
                (name.as_str(), (id, text.as_str(), Lines::new(text)))
            })
            .collect();
        let mut buffer = if colour {
            Buffer::ansi()
        } else {
            Buffer::no_color()
        };
        let config = term::Config::default();
        for problem in &self.problems {
            let snippet = match (ids.get(problem.file.as_str()), problem.span.clone()) {
                (Some((id, text, lines)), Some(span))
                    if lines.line_range(text, span.start).len() <= LONGEST_SNIPPET_LINE =>
                {
                    Some((*id, span))
                }
                _ => None,
            };
            let Some((file_id, span)) = snippet else {
                buffer_line(&mut buffer, &format!("error: {problem}\n"));
                continue;
            };
            let diagnostic = Diagnostic::error()
                .with_message(crate::printable::escaped(&problem.message))
                .with_labels(vec![Label::primary(file_id, span)]);
            if term::emit_to_write_style(&mut buffer, &config, &files, &diagnostic).is_err() {
                buffer_line(&mut buffer, &format!("error: {problem}\n"));
            }
        }
        for note in &self.notes {
            buffer_line(&mut buffer, &format!("note: {note}\n"));
        }
        let count = self.problems.len();
        buffer_line(
            &mut buffer,
            &format!(
                "{count} error{} in the data\n",
                if count == 1 { "" } else { "s" }
            ),
        );
        String::from_utf8_lossy(buffer.as_slice()).into_owned()
    }
}

fn buffer_line(buffer: &mut Buffer, text: &str) {
    use std::io::Write;
    let _ = buffer.write_all(crate::printable::escaped(text).as_bytes());
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{problem}")?;
        }
        for note in &self.notes {
            write!(f, "\nnote: {note}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}

/// Line and column (1-based, columns in characters) of a byte offset in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// Byte offset of a 1-based line and column (columns in characters).
pub fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            let within: usize = l
                .chars()
                .take(column.saturating_sub(1))
                .map(char::len_utf8)
                .sum();
            return offset + within;
        }
        offset += l.len();
    }
    text.len()
}

/// Bytes between the checkpoints that count characters, so a column costs at most this much
/// counting however long its line is.
const BLOCK: usize = 256;

/// Line starts and character checkpoints of one text.
#[derive(Debug, Clone)]
pub(crate) struct Lines {
    starts: Vec<usize>,
    /// UTF-8 continuation bytes before each block, to turn byte offsets into character counts.
    continuations: Vec<usize>,
}

impl Lines {
    /// Indexes `text`'s lines (ended by `\n`; a `\r\n` pair counts once).
    pub(crate) fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
        let mut continuations = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut seen = 0;
        for block in bytes.chunks(BLOCK) {
            continuations.push(seen);
            seen += count_continuations(block);
        }
        continuations.push(seen);
        Lines {
            starts,
            continuations,
        }
    }

    /// 1-based line and column (in characters) of byte `offset` of `text`.
    pub(crate) fn line_column(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let column = self.chars_before(text, offset) - self.chars_before(text, start) + 1;
        (line, column)
    }

    /// The byte range of the line holding `offset`, without its line end.
    pub(crate) fn line_range(&self, text: &str, offset: usize) -> Range<usize> {
        let line = self
            .starts
            .partition_point(|&s| s <= offset.min(text.len()));
        let start = self.starts[line - 1];
        let end = self.starts.get(line).map_or(text.len(), |&next| next - 1);
        start..end.max(start)
    }

    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let block = offset / BLOCK;
        let counted = self.continuations[block]
            + count_continuations(&text.as_bytes()[block * BLOCK..offset]);
        offset - counted
    }
}

fn count_continuations(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 == 0x80).count()
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_agree_with_counting_from_the_start() {
        let text = format!("ab\r\nçé\n{}x\n\nlast", "ü".repeat(300));
        let lines = Lines::new(&text);
        for offset in 0..=text.len() {
            assert_eq!(
                lines.line_column(&text, offset),
                line_column(&text, offset),
                "{offset}"
            );
        }
    }
}
