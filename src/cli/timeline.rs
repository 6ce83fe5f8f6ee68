//! `whomet timeline`: an actor's meetings in date order.

use whomet::model::Certainty;
use whomet::query::contacts::timeline;
use whomet::{Error, MeetingGraph};

use super::{cited_meeting_cells, StatusArg};
use super::{emit, io_error, resolve_actor, Context, Table, Window};

/// Arguments of `whomet timeline`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  whomet timeline \"díaz canel\"\n  whomet timeline miguel-diaz-canel --status all --format csv"
)]
pub struct Args {
    #[command(flatten)]
    pub shape: super::args::FormatArg,
    /// The actor (id, name or alias)
    actor: String,
    #[command(flatten)]
    window: Window,
    /// Which statuses to list
    #[arg(long, value_enum, default_value_t = StatusArg::Held)]
    status: StatusArg,
}

/// Lists the actor's meetings with counterparts, place, kind and source.
pub fn run(graph: &MeetingGraph, args: &Args, context: &mut Context<'_>) -> Result<(), Error> {
    let actor = resolve_actor(graph, context.matching, &args.actor)?;
    let filter = args
        .window
        .filter(args.status.status(), Certainty::Possible);
    let entries = timeline(graph, actor, &filter);
    let mut table = Table::new(&[
        "date",
        "meeting",
        "status",
        "kind",
        "place",
        "counterparts",
        "source",
    ]);
    for entry in &entries {
        table.push(cited_meeting_cells(
            &entry.meeting,
            entry.counterparts.join(", "),
        ));
    }
    emit(context.out, context.format, &table, &entries).map_err(io_error)?;
    if context.format == super::Format::Table {
        super::meeting_notes(context.out, entries.iter().map(|e| &e.meeting))?;
        let possible = super::possibly_inside(entries.iter().map(|e| &e.meeting));
        super::possible_note(context.out, possible)?;
    }
    Ok(())
}
