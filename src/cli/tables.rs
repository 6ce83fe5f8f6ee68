//! Table pieces shared by several commands: cited meeting rows, date and kind cells, the
//! journey table of time-ordered chains, and the note on rows only possibly in a window.

use std::io::Write;

use whomet::model::Certainty;
use whomet::query::listing::MeetingRow;
use whomet::query::temporal::JourneyRow;
use whomet::Error;

use super::context::io_error;
use super::output::Table;

/// The note under a table when some rows are only possibly inside the window.
pub fn possible_note(out: &mut dyn Write, possible: usize) -> Result<(), Error> {
    if possible > 0 {
        let line = format!(
            "? {possible} only possibly inside the window: the date range overlaps it (--within certain leaves such meetings out)"
        );
        super::output::prose(out, &line).map_err(io_error)?;
    }
    Ok(())
}

/// The editors' notes of listed meetings, under the table: flagged source errors and
/// conflicts must be seen, and a column would make every table too wide.
pub fn meeting_notes<'a>(
    out: &mut dyn Write,
    rows: impl IntoIterator<Item = &'a MeetingRow>,
) -> Result<(), Error> {
    let mut first = true;
    for m in rows {
        let Some(notes) = &m.notes else { continue };
        if first {
            writeln!(out, "notes:").map_err(io_error)?;
            first = false;
        }
        let text = whomet::printable::escaped(&format!("{}: {notes}", m.id)).into_owned();
        writeln!(out, "{}", super::output::wrapped(&text, "  ")).map_err(io_error)?;
    }
    Ok(())
}

/// The date as a table shows it: with `?` when only possibly inside the window.
pub fn date_cell(date: &str, inside: Option<Certainty>) -> String {
    match inside {
        Some(Certainty::Possible) => format!("{date} ?"),
        _ => date.to_string(),
    }
}

/// The kind as a table shows it, with the record type when it is not a meeting.
pub fn kind_cell(m: &MeetingRow) -> String {
    match m.record {
        "meeting" => m.kind.clone(),
        record if record == m.kind => m.kind.clone(),
        record => format!("{} ({record})", m.kind),
    }
}

/// How many rows are only possibly inside the window.
pub fn possibly_inside<'a>(rows: impl IntoIterator<Item = &'a MeetingRow>) -> usize {
    rows.into_iter()
        .filter(|m| m.inside == Some(Certainty::Possible))
        .count()
}

/// The table cells of a cited meeting: date, id, status, kind, place, `people`, sources.
pub fn cited_meeting_cells(m: &MeetingRow, people: String) -> Vec<String> {
    vec![
        date_cell(&m.date, m.inside),
        m.id.clone(),
        m.status.to_string(),
        kind_cell(m),
        m.place.clone().unwrap_or_default(),
        people,
        m.sources
            .iter()
            .map(|s| s.short())
            .collect::<Vec<_>>()
            .join("; "),
    ]
}

pub const JOURNEY_COLUMNS: &[&str] = &[
    "hop", "from", "to", "meeting", "date", "earliest", "latest", "arrival", "place", "source",
];

/// One row per hop of a time-ordered chain, with its date bounds and arrival day.
pub fn journey_table(path: &JourneyRow) -> Table {
    let mut table = Table::new(JOURNEY_COLUMNS);
    for (h, hop) in path.hops.iter().enumerate() {
        table.push(vec![
            (h + 1).to_string(),
            hop.from.clone(),
            hop.to.clone(),
            hop.meeting.clone(),
            hop.date.clone(),
            hop.earliest.clone().unwrap_or_default(),
            hop.latest.clone().unwrap_or_default(),
            hop.arrival_text(),
            hop.place.clone().unwrap_or_default(),
            hop.source.clone(),
        ]);
    }
    table
}
