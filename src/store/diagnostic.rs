//! Data errors with their place in the file, collected so that every one is reported.

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
    /// The text of each file with problems, for snippets.
    files: Vec<(String, String)>,
}

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
        LoadError { problems, files }
    }

    /// Renders every problem with a source snippet and a caret, in colour when asked.
    pub fn render(&self, colour: bool) -> String {
        let mut files = SimpleFiles::new();
        let ids: Vec<(String, usize)> = self
            .files
            .iter()
            .map(|(name, text)| (name.clone(), files.add(name.clone(), text.clone())))
            .collect();
        let mut buffer = if colour {
            Buffer::ansi()
        } else {
            Buffer::no_color()
        };
        let config = term::Config::default();
        for problem in &self.problems {
            let file_id = ids
                .iter()
                .find(|(name, _)| *name == problem.file)
                .map(|(_, id)| *id);
            let (Some(file_id), Some(span)) = (file_id, problem.span.clone()) else {
                buffer_line(&mut buffer, &format!("error: {problem}\n"));
                continue;
            };
            let diagnostic = Diagnostic::error()
                .with_message(&problem.message)
                .with_labels(vec![Label::primary(file_id, span)]);
            if term::emit_to_write_style(&mut buffer, &config, &files, &diagnostic).is_err() {
                buffer_line(&mut buffer, &format!("error: {problem}\n"));
            }
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
    let _ = buffer.write_all(text.as_bytes());
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{problem}")?;
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

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}
