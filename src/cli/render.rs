//! `whomet render`: the network drawn to SVG or PNG by graphviz-pure, no system Graphviz.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use whomet::export::dot::dot;
use whomet::export::render::{
    check_size, render_with_legend, write_file, ImageFormat, RenderOptions,
};
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
    /// Replace an existing file
    #[arg(long)]
    force: bool,
    /// Draw even above 2,000 actors (slow, and rarely readable)
    #[arg(long)]
    any_size: bool,
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
    check_size(out.actors, args.any_size)?;
    let progress = Spinner::start(format!(
        "{} actors, {} edges with {}",
        out.actors, out.edges, out.engine
    ));
    let image = render_with_legend(
        &out.drawing,
        out.legend.as_deref(),
        out.actors,
        &RenderOptions {
            engine: out.engine,
            format,
            any_size: args.any_size,
        },
        &mut |stage| progress.stage(stage),
    );
    progress.finish();
    let image = image?;
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

/// A spinner on stderr that appears only once a render has taken a second, and never when
/// stderr is not a terminal: a small picture stays silent, a large one shows it is alive.
struct Spinner {
    bar: ProgressBar,
    what: String,
    stop: Option<mpsc::Sender<()>>,
    waiter: Option<std::thread::JoinHandle<()>>,
}

impl Spinner {
    fn start(what: String) -> Self {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg}, {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        let mut spinner = Spinner {
            bar,
            what,
            stop: None,
            waiter: None,
        };
        if std::io::stderr().is_terminal() {
            let (stop, stopped) = mpsc::channel::<()>();
            let shown = spinner.bar.clone();
            spinner.stop = Some(stop);
            spinner.waiter = Some(std::thread::spawn(move || {
                if stopped.recv_timeout(Duration::from_secs(1))
                    == Err(mpsc::RecvTimeoutError::Timeout)
                {
                    shown.set_draw_target(ProgressDrawTarget::stderr());
                    shown.enable_steady_tick(Duration::from_millis(120));
                }
            }));
        }
        spinner
    }

    /// Names the step under way.
    fn stage(&self, stage: &str) {
        self.bar.set_message(format!("{stage}: {}", self.what));
    }

    fn finish(mut self) {
        drop(self.stop.take());
        if let Some(waiter) = self.waiter.take() {
            let _ = waiter.join();
        }
        self.bar.finish_and_clear();
    }
}
