//! `whomet sources`: the sources, with what cites them.

use whomet::query::profile::sources;
use whomet::{Error, MeetingGraph};

use super::records::RecordArgs;
use super::{emit, io_error, Context, Table};

/// Arguments of `whomet sources`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  whomet sources\n  whomet sources --actor kim-jong-un --format json"
)]
pub struct Args {
    #[command(flatten)]
    pub shape: super::args::FormatArg,
    #[command(flatten)]
    records: RecordArgs,
}

/// Lists the sources passing the filters (the window is on the publication date).
pub fn run(graph: &MeetingGraph, args: &Args, context: &mut Context<'_>) -> Result<(), Error> {
    let filter = args.records.filter(graph, context.matching)?;
    let rows = sources(graph, &filter);
    let mut table = Table::new(&[
        "source",
        "publication",
        "published",
        "title",
        "meetings",
        "roles",
        "notes",
    ]);
    for s in &rows {
        table.push(vec![
            s.id.clone(),
            s.publication.clone(),
            s.published.clone().unwrap_or_default(),
            s.title.clone().unwrap_or_default(),
            s.meetings.len().to_string(),
            s.affiliations.to_string(),
            s.notes.clone().unwrap_or_default(),
        ]);
    }
    emit(context.out, context.format, &table, &rows).map_err(io_error)
}
