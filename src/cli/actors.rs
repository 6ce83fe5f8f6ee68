//! `whomet actors`: list actors.

use whomet::model::ActorKind;
use whomet::query::listing::actors;
use whomet::{Error, MeetingGraph};

use super::parse_kind;
use super::{emit, io_error, Context, Table};

/// Arguments of `whomet actors`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  whomet actors --kind state\n  whomet actors --format csv > actors.csv"
)]
pub struct Args {
    #[command(flatten)]
    pub shape: super::args::FormatArg,
    /// Only actors of this kind
    #[arg(long, value_parser = parse_kind)]
    kind: Option<ActorKind>,
}

/// Lists actors sorted by id.
pub fn run(graph: &MeetingGraph, args: &Args, context: &mut Context<'_>) -> Result<(), Error> {
    let rows = actors(graph, args.kind);
    let mut table = Table::new(&["id", "name", "kind", "meetings", "aliases"]);
    for row in &rows {
        table.push(vec![
            row.id.clone(),
            row.name.clone(),
            row.kind.to_string(),
            row.meetings.to_string(),
            row.aliases.join("|"),
        ]);
    }
    emit(context.out, context.format, &table, &rows).map_err(io_error)
}
