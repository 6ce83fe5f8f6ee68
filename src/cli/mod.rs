//! Command-line interface: one module per subcommand, each with its clap `Args` and a `run`.

mod actors;
mod affiliations;
mod args;
mod between;
mod centrality;
mod check;
mod communities;
mod context;
mod dot;
mod draw;
mod export;
mod import;
mod meetings;
mod met;
mod output;
mod path;
mod reach;
mod records;
mod render;
mod report;
mod serve;
mod shell;
mod show;
mod sources;
mod tables;
mod timeline;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use whomet::names::Matching;
use whomet::store::{self, DataLocation};
use whomet::{Error, MeetingGraph};

// The CLI's shared vocabulary, so each command imports it from one place.
pub use args::{parse_gap, parse_kind, CertaintyArg, DateArg, Sliding, StatusArg, Window};
pub use context::{io_error, note, resolve_actor, Context};
pub use draw::DrawArgs;
pub use output::{emit, Format, Table};
pub use tables::{
    cited_meeting_cells, date_cell, journey_table, kind_cell, meeting_notes, possible_note,
    possibly_inside, JOURNEY_COLUMNS,
};

/// Explore political actors and the meetings between them.
#[derive(Debug, Parser)]
#[command(name = "whomet", version, about, long_about = None)]
pub struct Cli {
    /// Data folder: *.ron files, or actors.csv and meetings.csv [default: ./graph, else the built-in data]
    #[arg(long, global = true, env = "WHOMET_DATA", value_name = "DIR")]
    data: Option<PathBuf>,
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
    /// One actor's profile: names, notes, roles, meetings by year, presences, visits, sources
    Show(show::Args),
    /// List the roles actors held in parties, states and organisations, with citations
    Affiliations(affiliations::Args),
    /// List the sources, with the meetings and roles that cite them
    Sources(sources::Args),
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
    /// Communities of actors by modularity (Leiden), in a window or over time
    Communities(communities::Args),
    /// Write the network as Graphviz DOT
    Dot(dot::Args),
    /// Render the network to SVG or PNG (no system Graphviz needed)
    Render(render::Args),
    /// Import a CSV pair (actors.csv, meetings.csv) or a JSON dump into a RON data folder
    Import(import::Args),
    /// Export the network as CSV, JSON, GraphML, GEXF, Cypher, neo4j-admin or Parquet files
    Export(export::Args),
    /// Serve the explorer: a web page to search, expand, slide through time and find chains
    Serve(serve::Args),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish)
    Completions(shell::CompletionArgs),
    /// Print the manual page (roff), e.g. `whomet man | man -l -`
    Man(shell::ManArgs),
}

/// Parses the command line, runs the command, renders any error once, and sets the exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    // SIGINT, SIGTERM and SIGHUP: remove the staging of any write under way, then exit as a
    // shell expects of an interrupted command. Without a handler nothing could be removed.
    let _ = ctrlc::set_handler(|| {
        store::atomic::remove_in_progress();
        std::process::exit(130);
    });
    let location = DataLocation::choose(cli.data.clone());
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut context = Context {
        format: format_of(&cli.command),
        out: &mut out,
        matching: if cli.fuzzy {
            Matching::Fuzzy
        } else {
            Matching::Strict
        },
    };
    let result = match &cli.command {
        Command::Completions(args) => shell::completions(args, &mut context),
        Command::Man(args) => shell::man(args, &mut context),
        _ if matches!(&location, DataLocation::Dir(dir) if !dir.exists()) => Err(Error::Usage(
            format!("the data folder {} does not exist", location.describe()),
        )),
        Command::Check(args) => check::run(&location, args, &mut context),
        Command::Import(args) => import::run(args, &mut context),
        command => load(&location, cli.visits).and_then(|graph| {
            let result = dispatch(&graph, command, &mut context);
            leave_to_exit(graph);
            result
        }),
    };
    let flushed = out.flush();
    match result.and(flushed.map_err(|e| Error::Io {
        path: PathBuf::from("<stdout>"),
        source: e,
    })) {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that stopped early (`| head`) is not a failure.
        Err(Error::Io { source, .. }) if report::is_broken_pipe(&source) => ExitCode::SUCCESS,
        Err(error) => {
            report::report(&error);
            ExitCode::from(error.exit_code())
        }
    }
}

/// The `--format` of the command, for those whose output it shapes.
fn format_of(command: &Command) -> Format {
    match command {
        Command::Check(a) => a.shape.format,
        Command::Actors(a) => a.shape.format,
        Command::Show(a) => a.shape.format,
        Command::Affiliations(a) => a.shape.format,
        Command::Sources(a) => a.shape.format,
        Command::Meetings(a) => a.shape.format,
        Command::Met(a) => a.shape.format,
        Command::Timeline(a) => a.shape.format,
        Command::Between(a) => a.shape.format,
        Command::Path(a) => a.shape.format,
        Command::Reach(a) => a.shape.format,
        Command::Centrality(a) => a.shape.format,
        Command::Communities(a) => a.shape.format,
        Command::Render(a) => a.shape.format,
        Command::Import(a) => a.shape.format,
        Command::Export(a) => a.shape.format,
        Command::Dot(_) | Command::Serve(_) | Command::Completions(_) | Command::Man(_) => {
            Format::Table
        }
    }
}

fn dispatch(
    graph: &MeetingGraph,
    command: &Command,
    context: &mut Context<'_>,
) -> Result<(), Error> {
    match command {
        Command::Check(_) => unreachable!("check loads the data itself"),
        Command::Actors(args) => actors::run(graph, args, context),
        Command::Show(args) => show::run(graph, args, context),
        Command::Affiliations(args) => affiliations::run(graph, args, context),
        Command::Sources(args) => sources::run(graph, args, context),
        Command::Meetings(args) => meetings::run(graph, args, context),
        Command::Met(args) => met::run(graph, args, context),
        Command::Timeline(args) => timeline::run(graph, args, context),
        Command::Between(args) => between::run(graph, args, context),
        Command::Path(args) => path::run(graph, args, context),
        Command::Reach(args) => reach::run(graph, args, context),
        Command::Centrality(args) => centrality::run(graph, args, context),
        Command::Communities(args) => communities::run(graph, args, context),
        Command::Dot(args) => dot::run(graph, args, context),
        Command::Render(args) => render::run(graph, args, context),
        Command::Export(args) => export::run(graph, args, context),
        Command::Serve(args) => serve::run(graph, args, context),
        Command::Import(_) => unreachable!("import reads its own files"),
        Command::Completions(_) | Command::Man(_) => unreachable!("these read no data"),
    }
}

/// Leaves the graph to the end of the process instead of freeing it: the system takes the
/// memory back with the process at once, while freeing a million meetings' records one by
/// one takes a tenth of a second or more. The graph holds nothing but memory (no file, no
/// buffer to flush), so nothing is lost by skipping its destructor.
pub(crate) fn leave_to_exit(graph: MeetingGraph) {
    std::mem::forget(graph);
}

fn load(location: &DataLocation, visits: bool) -> Result<MeetingGraph, Error> {
    Ok(store::load_counting(
        location,
        whomet::model::Counting { visits },
    )?)
}
