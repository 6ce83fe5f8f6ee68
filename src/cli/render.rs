//! `whomet render`: the network drawn to SVG or PNG by graphviz-pure, no system Graphviz.

use std::path::PathBuf;

use whomet::export::dot::dot;
use whomet::export::render::{check_size, render, write_file, ImageFormat, RenderOptions};
use whomet::{Error, MeetingGraph};

use super::dot::DrawArgs;
use super::Context;

/// Arguments of `whomet render`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    draw: DrawArgs,
    /// The image to write: FILE.svg or FILE.png
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
    /// Replace an existing file, and draw even above 2,000 actors
    #[arg(long)]
    force: bool,
}

/// Lays out and draws the network into the output file.
pub fn run(graph: &MeetingGraph, args: &Args, _context: &mut Context<'_>) -> Result<(), Error> {
    let format = ImageFormat::from_path(&args.output).ok_or_else(|| {
        Error::Usage(format!(
            "cannot tell the image format of {}: name it FILE.svg or FILE.png",
            args.output.display()
        ))
    })?;
    if !args.force && args.output.exists() {
        return Err(Error::Usage(format!(
            "{} already exists; pass --force to replace it",
            args.output.display()
        )));
    }
    let options = args.draw.options(graph)?;
    let out = dot(graph, &options)?;
    for note in &out.notes {
        eprintln!("note: {note}");
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
    write_file(&args.output, &image, args.force)
}
