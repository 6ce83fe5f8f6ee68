//! `whomet meetings`: list meetings in date order.

use clap::ValueEnum;
use whomet::model::Certainty;
use whomet::model::Status;
use whomet::query::listing::{meetings, MeetingRow};
use whomet::{Error, MeetingGraph};

use super::{emit, io_error, resolve_actor, Context, Table, Window};

/// Which statuses a query shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum StatusArg {
    /// Meetings that took place
    #[default]
    Held,
    /// Announced, not reported as held
    Scheduled,
    /// Called off
    Cancelled,
    /// Refused or snubbed
    Declined,
    /// Every status
    All,
}

impl StatusArg {
    /// The status filter, `None` for all.
    pub fn status(self) -> Option<Status> {
        match self {
            StatusArg::Held => Some(Status::Held),
            StatusArg::Scheduled => Some(Status::Scheduled),
            StatusArg::Cancelled => Some(Status::Cancelled),
            StatusArg::Declined => Some(Status::Declined),
            StatusArg::All => None,
        }
    }
}

/// Arguments of `whomet meetings`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only meetings of this actor (id, name or alias)
    #[arg(long)]
    actor: Option<String>,
    #[command(flatten)]
    window: Window,
    /// Which statuses to list
    #[arg(long, value_enum, default_value_t = StatusArg::Held)]
    status: StatusArg,
}

/// Lists meetings in date order, ties by id.
pub fn run(graph: &MeetingGraph, args: &Args, context: &mut Context<'_>) -> Result<(), Error> {
    let actor = args
        .actor
        .as_deref()
        .map(|name| resolve_actor(graph, context.matching, name))
        .transpose()?;
    let filter = args
        .window
        .filter(args.status.status(), Certainty::Possible);
    let rows = meetings(graph, actor, &filter);
    let mut table = Table::new(&[
        "date",
        "id",
        "status",
        "kind",
        "place",
        "participants",
        "sources",
    ]);
    for row in &rows {
        table.push(vec![
            date_cell(&row.date, row.inside),
            row.id.clone(),
            row.status.to_string(),
            kind_cell(row),
            row.place.clone().unwrap_or_default(),
            row.names.join("; "),
            row.sources
                .iter()
                .map(|s| s.id.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        ]);
    }
    emit(context.out, context.format, &table, &rows).map_err(io_error)?;
    if context.format == super::Format::Table {
        super::possible_note(context.out, possibly_inside(&rows))?;
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
