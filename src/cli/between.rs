//! `whomet between`: every meeting of two actors together.

use serde::Serialize;
use whomet::model::Certainty;
use whomet::query::contacts::between;
use whomet::query::listing::MeetingRow;
use whomet::{Error, MeetingGraph};

use super::{cited_meeting_cells, StatusArg};
use super::{emit, io_error, resolve_actor, Context, Table, Window};

/// Arguments of `whomet between`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  whomet between \"Kim Jong Un\" \"Diaz-Canel\"\n  whomet between kim-jong-un miguel-diaz-canel --from 2018 --format json"
)]
pub struct Args {
    #[command(flatten)]
    pub shape: super::args::FormatArg,
    /// First actor (id, name or alias)
    a: String,
    /// Second actor (id, name or alias)
    b: String,
    #[command(flatten)]
    window: Window,
    /// Which statuses to list
    #[arg(long, value_enum, default_value_t = StatusArg::Held)]
    status: StatusArg,
}

#[derive(Serialize)]
struct Report<'a> {
    a: &'a str,
    b: &'a str,
    meetings: Vec<MeetingRow>,
}

/// Lists the pair's meetings in date order.
pub fn run(graph: &MeetingGraph, args: &Args, context: &mut Context<'_>) -> Result<(), Error> {
    let a = resolve_actor(graph, context.matching, &args.a)?;
    let b = resolve_actor(graph, context.matching, &args.b)?;
    let filter = args
        .window
        .filter(args.status.status(), Certainty::Possible);
    let rows = between(graph, a, b, &filter);
    let mut table = Table::new(&[
        "date",
        "meeting",
        "status",
        "kind",
        "place",
        "participants",
        "source",
    ]);
    for m in &rows {
        table.push(cited_meeting_cells(m, m.participants.join(", ")));
    }
    let report = Report {
        a: &graph.actor(a).id,
        b: &graph.actor(b).id,
        meetings: rows,
    };
    emit(context.out, context.format, &table, &report).map_err(io_error)?;
    if context.format == super::Format::Table {
        super::meeting_notes(context.out, &report.meetings)?;
        let possible = super::possibly_inside(&report.meetings);
        super::possible_note(context.out, possible)?;
    }
    Ok(())
}
