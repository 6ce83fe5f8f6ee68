//! `whomet render`: the network drawn to SVG or PNG by graphviz-pure, no system Graphviz.

use std::path::PathBuf;

use whomet::export::dot::dot;
use whomet::export::render::{check_size, render, write_file, ImageFormat, RenderOptions};
use whomet::{Error, MeetingGraph};

use super::DrawArgs;
use super::{emit, io_error, Context, Table};

/// What was drawn (JSON: `{"output","engine","actors","edges","clusters","bytes"}`).
#[derive(Debug, serde::Serialize)]
struct Rendered {
    output: String,
    engine: &'static str,
    actors: usize,
    edges: usize,
    clusters: usize,
    bytes: usize,
}

/// Arguments of `whomet render`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  whomet render -o network.svg\n  whomet render --around kim-jong-un -o kim.png"
)]
pub struct Args {
    #[command(flatten)]
    pub shape: super::args::FormatArg,
    #[command(flatten)]
    draw: DrawArgs,
    /// The image to write: FILE.svg or FILE.png
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
    /// Replace an existing file, and draw even above 2,000 actors
    #[arg(long)]
    force: bool,
}

/// Lays out and draws the network into the output file, then says what it drew.
pub fn run(graph: &MeetingGraph, args: &Args, context: &mut Context<'_>) -> Result<(), Error> {
    let format = ImageFormat::from_path(&args.output).ok_or_else(|| {
        Error::Usage(format!(
            "cannot tell the image format of {}: name it FILE.svg or FILE.png",
            args.output.display()
        ))
    })?;
    whomet::store::atomic::ensure_free(&args.output, args.force)?;
    let options = args.draw.options(graph, context.matching)?;
    let out = dot(graph, &options)?;
    for note in &out.notes {
        super::note(format_args!("{note}"));
    }
    check_size(out.actors, args.force)?;
    let image = render(
        &out.text,
        out.actors,
        &RenderOptions {
            engine: out.engine,
            format,
            force: args.force,
        },
    )?;
    write_file(&args.output, &image, args.force)?;
    let done = Rendered {
        output: args.output.display().to_string(),
        engine: out.engine.as_str(),
        actors: out.actors,
        edges: out.edges,
        clusters: out.clusters,
        bytes: image.len(),
    };
    let mut table = Table::new(&["output", "engine", "actors", "edges", "clusters", "bytes"]);
    table.push(vec![
        done.output.clone(),
        done.engine.to_string(),
        done.actors.to_string(),
        done.edges.to_string(),
        done.clusters.to_string(),
        done.bytes.to_string(),
    ]);
    emit(context.out, context.format, &table, &done).map_err(io_error)
}
