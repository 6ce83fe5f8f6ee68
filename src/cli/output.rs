//! Printing results as a table, JSON or CSV, with colour only on a terminal without NO_COLOR.

use std::io::{self, IsTerminal, Write};

use clap::ValueEnum;
use comfy_table::{
    Attribute, Cell, ColumnConstraint, ContentArrangement, LineStyle, Table as Grid, TableStyle,
};
use serde::Serialize;
use whomet::printable::escaped;

/// Output formats every query offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// Aligned columns for reading.
    #[default]
    Table,
    /// Stable JSON, documented in the README.
    Json,
    /// RFC 4180 CSV with a header row.
    Csv,
}

/// Rows to print as a table or CSV.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// Column headers.
    pub headers: Vec<&'static str>,
    /// Rows, each as long as the headers.
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these headers and no rows.
    pub fn new(headers: &[&'static str]) -> Self {
        Table {
            headers: headers.to_vec(),
            rows: Vec::new(),
        }
    }

    /// Appends a row.
    pub fn push(&mut self, row: Vec<String>) {
        self.rows.push(row);
    }
}

/// True when stdout is a terminal and NO_COLOR is unset or empty.
pub fn colour_stdout() -> bool {
    io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// True when stderr is a terminal and NO_COLOR is unset or empty.
pub fn colour_stderr() -> bool {
    io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Writes `table` or `json` in the chosen format, then any `notes` (table format only).
pub fn emit(
    out: &mut dyn Write,
    format: Format,
    table: &Table,
    json: &impl Serialize,
) -> io::Result<()> {
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, json).map_err(io::Error::other)?;
            writeln!(out)
        }
        Format::Csv => write_csv(out, table),
        Format::Table => write_table(out, table),
    }
}

/// Writes rows as CSV; on a terminal, control characters in the data are escaped (a file or
/// pipe gets the data as it is).
pub fn write_csv(out: &mut dyn Write, table: &Table) -> io::Result<()> {
    let terminal = io::stdout().is_terminal();
    let mut writer = csv::Writer::from_writer(out);
    writer
        .write_record(&table.headers)
        .map_err(io::Error::other)?;
    for row in &table.rows {
        if terminal {
            writer
                .write_record(row.iter().map(|c| escaped(c).into_owned()))
                .map_err(io::Error::other)?;
        } else {
            writer.write_record(row).map_err(io::Error::other)?;
        }
    }
    writer.flush()
}

/// The width tables must fit: `COLUMNS` when set (so a script or test can ask for one), else
/// the terminal's when stdout is one; `None` (full width) when piped.
fn table_width() -> Option<u16> {
    let asked = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<u16>().ok())
        .filter(|&c| c >= 20);
    asked.or_else(|| {
        io::stdout()
            .is_terminal()
            .then(|| Grid::new().width())
            .flatten()
    })
}

/// Writes rows as an aligned table; header in bold on a colour terminal. Cells wrap to fit
/// the terminal (or `COLUMNS`), and control characters from the data are escaped.
pub fn write_table(out: &mut dyn Write, table: &Table) -> io::Result<()> {
    let mut grid = Grid::new();
    grid.load_style(TableStyle::new().header_separator(LineStyle::none().fill('-').junction(' ')));
    // The width and styling are decided here, not by comfy-table's own terminal check.
    grid.force_no_tty();
    let colour = colour_stdout();
    if colour {
        grid.enforce_styling();
    }
    let rows: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|row| row.iter().map(|cell| escaped(cell).into_owned()).collect())
        .collect();
    grid.set_header(table.headers.iter().map(|h| {
        let cell = Cell::new(h);
        if colour {
            cell.add_attribute(Attribute::Bold)
        } else {
            cell
        }
    }));
    for row in &rows {
        grid.add_row(row);
    }
    match table_width() {
        Some(width) => {
            let whole = keep_whole(&table.headers, &rows, width);
            if whole.is_none() {
                return write_records(out, &table.headers, &rows, width);
            }
            grid.set_width(width);
            grid.set_content_arrangement(ContentArrangement::Dynamic);
            for (c, keep) in whole.into_iter().flatten().enumerate() {
                if let (true, Some(column)) = (keep, grid.column_mut(c)) {
                    column.set_constraint(ColumnConstraint::ContentWidth);
                }
            }
        }
        None => {
            grid.set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    writeln!(out, "{grid}")
}

/// A table too wide to wrap readably, as one block per row with a field a line (like
/// `psql`'s expanded display), values wrapped to `width`.
fn write_records(
    out: &mut dyn Write,
    headers: &[&str],
    rows: &[Vec<String>],
    width: u16,
) -> io::Result<()> {
    let label = headers.iter().map(|h| h.chars().count()).max().unwrap_or(0) + 2;
    let room = usize::from(width).saturating_sub(label).max(20);
    for (r, row) in rows.iter().enumerate() {
        let title = format!("-[ {} ]", r + 1);
        let rule = usize::from(width).saturating_sub(title.chars().count());
        writeln!(out, "{title}{}", "-".repeat(rule))?;
        for (header, cell) in headers.iter().zip(row) {
            let mut lines = wrap_words(cell, room).into_iter();
            let first = lines.next().unwrap_or_default();
            let line = format!("{header:<label$}{first}");
            writeln!(out, "{}", line.trim_end())?;
            for line in lines {
                writeln!(out, "{:label$}{line}", "")?;
            }
        }
    }
    Ok(())
}

/// Words of `text` in lines of at most `room` characters; a word longer than that is cut.
fn wrap_words(text: &str, room: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        if !line.is_empty() && line.chars().count() + 1 + word.len() > room {
            lines.push(std::mem::take(&mut line));
        }
        while word.len() > room {
            let rest = word.split_off(room);
            lines.push(word.into_iter().collect());
            word = rest;
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.extend(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Which columns stay whole when a table must fit `width`: all when the table fits as it is;
/// else the narrowest first (ids, dates, counts, which wrapped would be unreadable), while
/// the rest keep room to wrap. `None` when the wrapped columns would be too narrow to read.
fn keep_whole(headers: &[&str], rows: &[Vec<String>], width: u16) -> Option<Vec<bool>> {
    const WRAPPED_AT_LEAST: usize = 14;
    // Each column costs its content and three characters of padding and separator.
    let widths: Vec<usize> = (0..headers.len())
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(String::as_str)
                .chain(std::iter::once(headers[c]))
                .map(|cell| cell.lines().map(|l| l.chars().count()).max().unwrap_or(0))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let width = usize::from(width);
    if widths.iter().map(|w| w + 3).sum::<usize>() < width {
        return Some(vec![true; widths.len()]);
    }
    let mut order: Vec<usize> = (0..widths.len()).collect();
    order.sort_by_key(|&c| (widths[c], c));
    let mut whole = vec![false; widths.len()];
    let mut used = 1;
    let mut wrapped = widths.len();
    for &c in &order {
        let after = used + widths[c] + 3 + (wrapped - 1) * (WRAPPED_AT_LEAST + 3);
        if after > width {
            break;
        }
        whole[c] = true;
        used += widths[c] + 3;
        wrapped -= 1;
    }
    (wrapped == 0 || (width - used) / wrapped >= WRAPPED_AT_LEAST + 3).then_some(whole)
}

/// `text` as lines of at most the table width (after `indent`, repeated on each line), or
/// as one line when output is full width; words longer than a line are left whole.
pub fn wrapped(text: &str, indent: &str) -> String {
    let Some(width) = table_width() else {
        return format!("{indent}{text}");
    };
    let room = usize::from(width)
        .saturating_sub(indent.chars().count())
        .max(20);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > room {
            lines.push(format!("{indent}{line}"));
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(format!("{indent}{line}"));
    lines.join("\n")
}

/// Writes a line of prose under or between tables, wrapped like them and with control
/// characters from the data escaped.
pub fn prose(out: &mut dyn Write, text: &str) -> io::Result<()> {
    writeln!(out, "{}", wrapped(&escaped(text), ""))
}
