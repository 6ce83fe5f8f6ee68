//! `whomet meetings`: list meetings in date order.

use whomet::model::Certainty;
use whomet::query::listing::meetings;
use whomet::{Error, MeetingGraph};

use super::{date_cell, kind_cell, possibly_inside, StatusArg};
use super::{emit, io_error, resolve_actor, Context, Table, Window};

/// Arguments of `whomet meetings`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  whomet meetings --actor kim-jong-un --from 2018 --status all\n  whomet meetings --from 2016 --to 2016 --within certain"
)]
pub struct Args {
    #[command(flatten)]
    pub shape: super::args::FormatArg,
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
