//! Command-line interface: one module per subcommand, each with its clap `Args` and a `run`.

mod actors;
mod between;
mod centrality;
mod check;
mod dot;
mod export;
mod import;
mod meetings;
mod met;
mod output;
mod path;
mod reach;
mod render;
mod timeline;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use jiff::civil::Date;

use whomet::graph::MeetingFilter;
use whomet::model::{Certainty, PartialDate, Status};
use whomet::names::{Match, Matching};
use whomet::store::{self, DataLocation};
use whomet::{Error, MeetingGraph};

pub use output::{emit, Format, Table};

/// Explore political actors and the meetings between them.
#[derive(Debug, Parser)]
#[command(name = "whomet", version, about, long_about = None)]
pub struct Cli {
    /// Data folder: *.ron files, or actors.csv and meetings.csv [default: ./graph, else the built-in data]
    #[arg(long, global = true, env = "WHOMET_DATA", value_name = "DIR")]
    data: Option<PathBuf>,
    /// Output format
    #[arg(long, global = true, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Also accept loose names (a word of a longer name, a close spelling) when one candidate
    /// is best; without it such a name is an error listing the candidates
    #[arg(long, global = true)]
    fuzzy: bool,
    /// Count a visit to a state as the visitor meeting that state (in met, paths, reach,
    /// centrality and drawings); without it visits are listed but connect no one
    #[arg(long, global = true)]
    visits: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Load and validate the data; print counts, or every error with its place
    Check(check::Args),
    /// List actors
    Actors(actors::Args),
    /// List meetings in date order
    Meetings(meetings::Args),
    /// Everyone an actor met, with dates and meeting ids
    Met(met::Args),
    /// An actor's meetings in date order, with counterparts, place and source
    Timeline(timeline::Args),
    /// Every meeting of two actors together
    Between(between::Args),
    /// The shortest chain of meetings from one actor to another, optionally in time order
    Path(path::Args),
    /// Everyone who could have heard from an actor through meetings in time order
    Reach(reach::Args),
    /// Rank actors by centrality measures
    Centrality(centrality::Args),
    /// Write the network as Graphviz DOT
    Dot(dot::Args),
    /// Render the network to SVG or PNG (no system Graphviz needed)
    Render(render::Args),
    /// Import a CSV pair (actors.csv, meetings.csv) into a RON data folder
    Import(import::Args),
    /// Export the network as CSV, JSON, GraphML, GEXF or Cypher
    Export(export::Args),
}

/// Shared context for commands: the format and where to print.
pub struct Context<'a> {
    /// Output format.
    pub format: Format,
    /// Results go here.
    pub out: &'a mut dyn Write,
    /// How loosely typed actor names may match.
    pub matching: Matching,
}

/// Parses the command line, runs the command, renders any error once, and sets the exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let location = DataLocation::choose(cli.data.clone());
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut context = Context {
        format: cli.format,
        out: &mut out,
        matching: if cli.fuzzy {
            Matching::Fuzzy
        } else {
            Matching::Strict
        },
    };
    let result = match &cli.command {
        _ if matches!(&location, DataLocation::Dir(dir) if !dir.exists()) => Err(Error::Usage(
            format!("the data folder {} does not exist", location.describe()),
        )),
        Command::Check(args) => check::run(&location, args, &mut context),
        Command::Import(args) => import::run(args, &mut context),
        command => {
            load(&location, cli.visits).and_then(|graph| dispatch(&graph, command, &mut context))
        }
    };
    let flushed = out.flush();
    match result.and(flushed.map_err(|e| Error::Io {
        path: PathBuf::from("<stdout>"),
        source: e,
    })) {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that stopped early (`| head`) is not a failure.
        Err(Error::Io { source, .. }) if is_broken_pipe(&source) => ExitCode::SUCCESS,
        Err(error) => {
            report(&error);
            ExitCode::from(error.exit_code())
        }
    }
}

/// True when the error, or an I/O error it wraps (serde_json and csv wrap theirs), is a
/// broken pipe.
fn is_broken_pipe(error: &io::Error) -> bool {
    if error.kind() == io::ErrorKind::BrokenPipe {
        return true;
    }
    let mut cause: Option<&(dyn std::error::Error + 'static)> = error.get_ref().map(|e| e as _);
    while let Some(e) = cause {
        if let Some(io) = e.downcast_ref::<io::Error>() {
            if io.kind() == io::ErrorKind::BrokenPipe {
                return true;
            }
        }
        if let Some(json) = e.downcast_ref::<serde_json::Error>() {
            if json.io_error_kind() == Some(io::ErrorKind::BrokenPipe) {
                return true;
            }
        }
        if let Some(csv) = e.downcast_ref::<csv::Error>() {
            if let csv::ErrorKind::Io(io) = csv.kind() {
                return io.kind() == io::ErrorKind::BrokenPipe;
            }
        }
        cause = e.source();
    }
    false
}

fn dispatch(
    graph: &MeetingGraph,
    command: &Command,
    context: &mut Context<'_>,
) -> Result<(), Error> {
    match command {
        Command::Check(_) => unreachable!("check loads the data itself"),
        Command::Actors(args) => actors::run(graph, args, context),
        Command::Meetings(args) => meetings::run(graph, args, context),
        Command::Met(args) => met::run(graph, args, context),
        Command::Timeline(args) => timeline::run(graph, args, context),
        Command::Between(args) => between::run(graph, args, context),
        Command::Path(args) => path::run(graph, args, context),
        Command::Reach(args) => reach::run(graph, args, context),
        Command::Centrality(args) => centrality::run(graph, args, context),
        Command::Dot(args) => dot::run(graph, args, context),
        Command::Render(args) => render::run(graph, args, context),
        Command::Export(args) => export::run(graph, args, context),
        Command::Import(_) => unreachable!("import reads its own files"),
    }
}

fn load(location: &DataLocation, visits: bool) -> Result<MeetingGraph, Error> {
    Ok(store::load_counting(
        location,
        whomet::model::Counting { visits },
    )?)
}

/// Prints an error on stderr, with source snippets for data errors.
fn report(error: &Error) {
    let colour = output::colour_stderr();
    let mut stderr = io::stderr().lock();
    let _ = match error {
        Error::Data(load) => write!(stderr, "{}", load.render(colour)),
        // The library says what was refused; how to insist is the command line's business.
        Error::Write(whomet::store::atomic::AtomicError::Exists(_)) => {
            writeln!(stderr, "error: {error}; pass --force to overwrite it")
        }
        other => writeln!(stderr, "error: {other}"),
    };
}

/// Wraps an output error as a library error.
pub fn io_error(source: io::Error) -> Error {
    Error::Io {
        path: PathBuf::from("<stdout>"),
        source,
    }
}

/// A date on the command line: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy)]
pub struct DateArg(PartialDate);

impl DateArg {
    /// The first day the argument stands for (for `--from`).
    pub fn first(self) -> Date {
        self.0.first_day()
    }

    /// The last day the argument stands for (for `--to`).
    pub fn last(self) -> Date {
        self.0.last_day()
    }
}

impl std::str::FromStr for DateArg {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        text.parse::<PartialDate>()
            .map(DateArg)
            .map_err(|e| e.to_string())
    }
}

/// The `--from`/`--to` window shared by queries.
#[derive(Debug, Clone, clap::Args)]
pub struct Window {
    /// Only meetings on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub from: Option<DateArg>,
    /// Only meetings on or before this date (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub to: Option<DateArg>,
    /// A meeting whose date range overlaps the window is `possible` (marked as such); with
    /// `certain` only meetings wholly inside it count [default: possible for listings,
    /// certain for centrality]
    #[arg(long, value_enum, value_name = "CERTAINTY")]
    pub within: Option<CertaintyArg>,
}

/// `possible` or `certain`, for windows and time-ordered chains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CertaintyArg {
    /// The date range may fall inside
    Possible,
    /// The date range lies wholly inside
    Certain,
}

impl Window {
    /// The window's first day.
    pub fn first_day(&self) -> Option<Date> {
        self.from.map(DateArg::first)
    }

    /// The window's last day.
    pub fn last_day(&self) -> Option<Date> {
        self.to.map(DateArg::last)
    }

    /// The `--within` choice, or the command's default.
    pub fn certainty(&self, default: Certainty) -> Certainty {
        match self.within {
            Some(CertaintyArg::Possible) => Certainty::Possible,
            Some(CertaintyArg::Certain) => Certainty::Certain,
            None => default,
        }
    }

    /// The meeting filter of this window, a status, and the command's default certainty.
    pub fn filter(&self, status: Option<Status>, default: Certainty) -> MeetingFilter {
        MeetingFilter {
            from: self.first_day(),
            to: self.last_day(),
            status,
            window: self.certainty(default),
        }
    }
}

/// The note under a table when some rows are only possibly inside the window.
pub fn possible_note(out: &mut dyn Write, possible: usize) -> Result<(), Error> {
    if possible > 0 {
        writeln!(
            out,
            "? {possible} only possibly inside the window: the date range overlaps it (--within certain leaves such meetings out)"
        )
        .map_err(io_error)?;
    }
    Ok(())
}

/// Resolves a typed actor name, telling on stderr when it was an id prefix or (with `--fuzzy`)
/// a loose match.
pub fn resolve_actor(
    graph: &MeetingGraph,
    matching: Matching,
    name: &str,
) -> Result<whomet::model::ActorIndex, Error> {
    let resolved = graph.names().resolve(graph.data(), name, matching)?;
    let actor = graph.actor(resolved.actor);
    match &resolved.how {
        Match::Exact => {}
        Match::IdPrefix(key) | Match::Prefix(key) | Match::Fuzzy(key) => {
            eprintln!(
                "note: \"{name}\" taken as {} ({}), matching \"{key}\"",
                actor.id, actor.name
            );
        }
    }
    Ok(resolved.actor)
}
