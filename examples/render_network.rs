//! Draws the bundled network as an SVG with the library alone: people boxed by the state they
//! serve, nodes sized by betweenness, laid out and rendered by graphviz-pure (no system
//! Graphviz).
//!
//! Run with `cargo run --example render_network [OUT.svg|OUT.png]`; the default output is
//! `whomet-network.svg` in the system's temporary folder.

use std::path::PathBuf;

use whomet::algo::centrality::Measure;
use whomet::export::dot::{dot, ActorScores, ClusterBy, DotOptions};
use whomet::export::render::{render, write_file, ImageFormat, RenderOptions};
use whomet::graph::MeetingFilter;
use whomet::store::{load, DataLocation};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("whomet-network.svg"));
    let format = ImageFormat::from_path(&out).ok_or("name the output FILE.svg or FILE.png")?;

    let graph = load(&DataLocation::Embedded)?;
    let filter = MeetingFilter::default();
    let options = DotOptions {
        filter,
        cluster: ClusterBy::State,
        size: Some(ActorScores::compute(&graph, &filter, Measure::Betweenness)?),
        title: Some("Who met whom: the bundled data, people by state".into()),
        ..DotOptions::default()
    };
    let drawing = dot(&graph, &options)?;
    let image = render(
        &drawing.text,
        drawing.actors,
        &RenderOptions {
            engine: drawing.engine,
            format,
            any_size: false,
        },
    )?;
    write_file(&out, &image, true)?;
    println!(
        "drew {} actors, {} edges and {} state clusters with {} into {} ({} bytes)",
        drawing.actors,
        drawing.edges,
        drawing.clusters,
        drawing.engine,
        out.display(),
        image.len()
    );
    Ok(())
}
