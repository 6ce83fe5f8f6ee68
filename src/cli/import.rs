//! `whomet import`: a CSV pair or a JSON dump into a RON data folder.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::sync::Mutex;

use whomet::store::import::{import_dump, import_pair, ImportOptions, ImportReport, ImportStage};
use whomet::store::write::WriteError;
use whomet::Error;

use super::{emit, io_error, Context, Table};

/// Arguments of `whomet import`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  whomet import --actors actors.csv --meetings meetings.csv --out data/\n  whomet import dump.json --out data/\n  whomet import --actors a.csv --meetings m.csv --out data/ --skip-bad --force"
)]
pub struct Args {
    #[command(flatten)]
    pub shape: super::args::FormatArg,
    /// A JSON dump written by `whomet export --as json` (instead of --actors and --meetings)
    #[arg(value_name = "DUMP.json", conflicts_with_all = ["actors", "meetings"], required_unless_present_all = ["actors", "meetings"])]
    dump: Option<PathBuf>,
    /// The actors file: id,name,kind,aliases (aliases separated by |)
    #[arg(long, value_name = "FILE", requires = "meetings")]
    actors: Option<PathBuf>,
    /// The meetings file: id,date,participants,place,source (participants separated by |)
    #[arg(long, value_name = "FILE", requires = "actors")]
    meetings: Option<PathBuf>,
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

/// Imports through the library, showing progress on a terminal, and prints what it did.
pub fn run(args: &Args, context: &mut Context<'_>) -> Result<(), Error> {
    let shown: Mutex<Option<Progress>> = Mutex::new(None);
    let progress = |stage: ImportStage| {
        let mut shown = shown.lock().unwrap_or_else(|e| e.into_inner());
        match stage {
            ImportStage::Reading => *shown = Some(Progress::start("reading CSV", false)),
            ImportStage::Writing => {
                if let Some(reading) = shown.take() {
                    reading.finish();
                }
                *shown = Some(Progress::start("writing RON", true));
            }
            ImportStage::Written { done, total } => {
                if let Some(writing) = shown.as_ref() {
                    writing.bar.set_length(total);
                    writing.bar.set_position(done);
                }
            }
            ImportStage::Done => {}
        }
    };
    let options = ImportOptions {
        skip_bad: args.skip_bad,
        force: args.force,
    };
    let result = match (&args.dump, &args.actors, &args.meetings) {
        (Some(dump), _, _) => import_dump(dump, &args.out, options, &progress),
        (None, Some(actors), Some(meetings)) => {
            import_pair(actors, meetings, &args.out, options, &progress)
        }
        // clap requires a dump or both files.
        _ => Err(Error::Usage(
            "give a dump (whomet import DUMP.json --out DIR) or --actors and --meetings".into(),
        )),
    };
    if let Some(last) = shown.lock().unwrap_or_else(|e| e.into_inner()).take() {
        last.finish();
    }
    let summary = result.map_err(|e| match e {
        Error::WriteFolder(WriteError::NotEmpty(path)) => Error::Usage(format!(
            "{} already exists and is not empty; pass --force to replace it",
            path.display()
        )),
        other => other,
    })?;
    let report = &summary.csv;
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
    let table = summary_table(&summary);
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

/// Rows read, imported and skipped per file, for reading.
fn summary_table(summary: &ImportReport) -> Table {
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
    table
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
