//! `whomet import`: a CSV pair into a RON data folder.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;
use whomet::store::csv::{read_pair, CsvOptions};
use whomet::store::write::{write_ron_dir, WriteError, WriteOptions};
use whomet::Error;

use super::{emit, io_error, Context, Table};

/// Arguments of `whomet import`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The actors file: id,name,kind,aliases (aliases separated by |)
    #[arg(long, value_name = "FILE")]
    actors: PathBuf,
    /// The meetings file: id,date,participants,place,source (participants separated by |)
    #[arg(long, value_name = "FILE")]
    meetings: PathBuf,
    /// The data folder to write (actors.ron, sources.ron, meetings/<year>.ron)
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Replace DIR if it exists and is not empty
    #[arg(long)]
    force: bool,
    /// Import the good rows, leave out the bad ones and report how many
    #[arg(long)]
    skip_bad: bool,
}

/// What `whomet import --format json` prints.
#[derive(Debug, Serialize)]
struct Imported {
    out: String,
    actors: Counts,
    meetings: Counts,
    sources: usize,
    files: Vec<String>,
}

#[derive(Debug, Serialize)]
struct Counts {
    rows: usize,
    imported: usize,
    skipped: usize,
}

/// Reads the pair, checks every row, and writes the folder through a temporary one.
pub fn run(args: &Args, context: &mut Context<'_>) -> Result<(), Error> {
    let not_empty = |e: WriteError| match e {
        WriteError::NotEmpty(path) => Error::Usage(format!(
            "{} already exists and is not empty; pass --force to replace it",
            path.display()
        )),
        other => other.into(),
    };
    // Fail before the reading when the target is taken.
    if !args.force && std::fs::read_dir(&args.out).is_ok_and(|mut entries| entries.next().is_some())
    {
        return Err(not_empty(WriteError::NotEmpty(args.out.clone())));
    }

    let reading = Progress::start("reading CSV", false);
    let read = read_pair(
        &args.actors,
        &args.meetings,
        CsvOptions {
            skip_bad: args.skip_bad,
        },
    );
    reading.finish();
    let import = read?;
    let report = &import.report;
    if report.problem_count > 0 {
        for problem in &report.problems {
            super::context::say(format_args!("skipped: {problem}"));
        }
        super::context::say(format_args!(
            "skipped {} of {} actor rows and {} of {} meeting rows ({} problem{})",
            report.actors_skipped,
            report.actor_rows,
            report.meetings_skipped,
            report.meeting_rows,
            report.problem_count,
            if report.problem_count == 1 { "" } else { "s" }
        ));
    }

    let data = &import.dataset;
    let writing = Progress::start("writing RON", true);
    let bar = writing.bar.clone();
    let written = write_ron_dir(
        data,
        &args.out,
        WriteOptions { force: args.force },
        &move |done, total| {
            bar.set_length(total);
            bar.set_position(done);
        },
    );
    writing.finish();
    let written = written.map_err(not_empty)?;
    // The first query of a large folder then skips the RON parser; a snapshot is optional,
    // so failing to write one only costs speed.
    let _ = whomet::store::snapshot::write_if_large(data, &args.out);

    let summary = Imported {
        out: args.out.display().to_string(),
        actors: Counts {
            rows: report.actor_rows,
            imported: data.actors.len(),
            skipped: report.actors_skipped,
        },
        meetings: Counts {
            rows: report.meeting_rows,
            imported: data.meetings.len(),
            skipped: report.meetings_skipped,
        },
        sources: data.sources.len(),
        files: written
            .files
            .iter()
            .map(|f| f.display().to_string())
            .collect(),
    };
    let mut table = Table::new(&["records", "rows", "imported", "skipped"]);
    table.push(vec![
        "actors".into(),
        summary.actors.rows.to_string(),
        summary.actors.imported.to_string(),
        summary.actors.skipped.to_string(),
    ]);
    table.push(vec![
        "meetings".into(),
        summary.meetings.rows.to_string(),
        summary.meetings.imported.to_string(),
        summary.meetings.skipped.to_string(),
    ]);
    table.push(vec![
        "sources".into(),
        String::new(),
        summary.sources.to_string(),
        String::new(),
    ]);
    emit(context.out, context.format, &table, &summary).map_err(io_error)?;
    if context.format == super::Format::Table {
        writeln!(
            context.out,
            "wrote {} ({} files)",
            summary.out,
            summary.files.len()
        )
        .map_err(io_error)?;
    }
    Ok(())
}

/// A progress bar on stderr that appears only once a step has taken a second, and never
/// when stderr is not a terminal.
struct Progress {
    bar: ProgressBar,
    stop: Option<mpsc::Sender<()>>,
    waiter: Option<std::thread::JoinHandle<()>>,
}

impl Progress {
    fn start(message: &'static str, counted: bool) -> Self {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        let template = if counted {
            "{spinner} {msg} {wide_bar} {pos}/{len} records, {elapsed}"
        } else {
            "{spinner} {msg}, {elapsed}"
        };
        bar.set_style(
            ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar.set_message(message);
        if !std::io::stderr().is_terminal() {
            return Progress {
                bar,
                stop: None,
                waiter: None,
            };
        }
        let (stop, stopped) = mpsc::channel::<()>();
        let shown = bar.clone();
        let waiter = std::thread::spawn(move || {
            if stopped.recv_timeout(Duration::from_secs(1)) == Err(mpsc::RecvTimeoutError::Timeout)
            {
                shown.set_draw_target(ProgressDrawTarget::stderr());
                shown.enable_steady_tick(Duration::from_millis(120));
            }
        });
        Progress {
            bar,
            stop: Some(stop),
            waiter: Some(waiter),
        }
    }

    fn finish(mut self) {
        drop(self.stop.take());
        if let Some(waiter) = self.waiter.take() {
            let _ = waiter.join();
        }
        self.bar.finish_and_clear();
    }
}
