//! `whomet affiliations`: the roles actors held in parties, states and organisations.

use whomet::query::profile::{affiliations, RecordFilter};
use whomet::{Error, MeetingGraph};

use super::records::RecordArgs;
use super::{emit, io_error, Context, Table};

/// Arguments of `whomet affiliations`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  whomet affiliations --actor choe-ryong-hae\n  whomet affiliations --of workers-party-of-korea --from 2016"
)]
pub struct Args {
    #[command(flatten)]
    pub shape: super::args::FormatArg,
    #[command(flatten)]
    records: RecordArgs,
}

/// Lists the affiliations passing the filters, with their citations.
pub fn run(graph: &MeetingGraph, args: &Args, context: &mut Context<'_>) -> Result<(), Error> {
    let filter: RecordFilter = args.records.filter(graph, context.matching)?;
    let rows = affiliations(graph, &filter);
    let mut table = Table::new(&["actor", "of", "role", "from", "to", "source"]);
    for r in &rows {
        table.push(vec![
            r.actor.clone(),
            r.of.clone(),
            r.role.clone(),
            r.from.clone().unwrap_or_default(),
            r.to.clone().unwrap_or_default(),
            r.sources
                .iter()
                .map(|s| s.short())
                .collect::<Vec<_>>()
                .join("; "),
        ]);
    }
    emit(context.out, context.format, &table, &rows).map_err(io_error)
}
