//! `whomet check`: load and validate, print counts or every error.

use serde::Serialize;
use whomet::query::listing::{summary, Summary};
use whomet::store::{self, DataLocation};
use whomet::{Error, MeetingGraph};

use super::{emit, io_error, Context, Table};

/// Arguments of `whomet check`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  whomet check\n  whomet --data ./my-data check --format json")]
pub struct Args {
    #[command(flatten)]
    pub shape: super::args::FormatArg,
}

#[derive(Serialize)]
struct Report<'a> {
    data: String,
    ok: bool,
    #[serde(flatten)]
    summary: &'a Summary,
}

/// Loads the data; prints counts when clean, or fails with every problem.
pub fn run(location: &DataLocation, _args: &Args, context: &mut Context<'_>) -> Result<(), Error> {
    let graph = MeetingGraph::new(store::load_dataset(location)?);
    let counts = summary(&graph);
    let mut table = Table::new(&["what", "count"]);
    for (kind, n) in &counts.actors {
        table.push(vec![format!("actors: {kind}"), n.to_string()]);
    }
    for (status, n) in &counts.meetings {
        table.push(vec![format!("meetings: {status}"), n.to_string()]);
    }
    for (record, n) in &counts.records {
        table.push(vec![format!("records: {record}"), n.to_string()]);
    }
    table.push(vec!["sources".into(), counts.sources.to_string()]);
    table.push(vec!["affiliations".into(), counts.affiliations.to_string()]);
    table.push(vec!["pairs that met".into(), counts.pairs.to_string()]);
    let report = Report {
        data: location.describe(),
        ok: true,
        summary: &counts,
    };
    if context.format == super::Format::Table {
        writeln!(context.out, "{}: ok", location.describe()).map_err(io_error)?;
    }
    let emitted = emit(context.out, context.format, &table, &report).map_err(io_error);
    super::leave_to_exit(graph);
    emitted
}
