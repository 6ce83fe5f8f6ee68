//! Printing results as a table, JSON or CSV, with colour only on a terminal without NO_COLOR.

use std::io::{self, IsTerminal, Write};

use clap::ValueEnum;
use comfy_table::{Attribute, Cell, ContentArrangement, LineStyle, Table as Grid, TableStyle};
use serde::Serialize;

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

/// Writes rows as CSV.
pub fn write_csv(out: &mut dyn Write, table: &Table) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer
        .write_record(&table.headers)
        .map_err(io::Error::other)?;
    for row in &table.rows {
        writer.write_record(row).map_err(io::Error::other)?;
    }
    writer.flush()
}

/// Writes rows as an aligned table; header in bold on a colour terminal.
pub fn write_table(out: &mut dyn Write, table: &Table) -> io::Result<()> {
    let mut grid = Grid::new();
    grid.load_style(TableStyle::new().header_separator(LineStyle::none().fill('-').junction(' ')));
    grid.set_content_arrangement(ContentArrangement::Disabled);
    let colour = colour_stdout();
    if !colour {
        grid.force_no_tty();
    }
    grid.set_header(table.headers.iter().map(|h| {
        let cell = Cell::new(h);
        if colour {
            cell.add_attribute(Attribute::Bold)
        } else {
            cell
        }
    }));
    for row in &table.rows {
        grid.add_row(row);
    }
    writeln!(out, "{grid}")
}
