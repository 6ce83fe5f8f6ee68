//! `whomet dot`: the network as Graphviz DOT, on stdout or into a file; and the selection and
//! style flags it shares with `whomet render`.

use std::path::PathBuf;

use whomet::export::dot::dot;
use whomet::export::render::write_file;
use whomet::{Error, MeetingGraph};

use super::DrawArgs;
use super::{io_error, Context};

/// Arguments of `whomet dot`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  whomet dot > network.dot\n  whomet dot --around kim-jong-un -o kim.dot"
)]
pub struct Args {
    #[command(flatten)]
    draw: DrawArgs,
    /// Write the DOT here (atomically) instead of stdout
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Replace an existing --output file
    #[arg(long)]
    force: bool,
}

/// Writes the DOT text.
pub fn run(graph: &MeetingGraph, args: &Args, context: &mut Context<'_>) -> Result<(), Error> {
    let options = args.draw.options(graph, context.matching)?;
    let out = dot(graph, &options)?;
    for note in &out.notes {
        super::note(format_args!("{note}"));
    }
    match &args.output {
        Some(path) => write_file(path, out.text.as_bytes(), args.force),
        None => context.out.write_all(out.text.as_bytes()).map_err(io_error),
    }
}
