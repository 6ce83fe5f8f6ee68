//! `whomet export`: the network as CSV, JSON, GraphML, GEXF, Cypher, neo4j-admin files or
//! Parquet.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use serde::Serialize;
use whomet::export::carried::{not_carried, Carrier};
use whomet::export::selection::{ExportFilter, Selection};
use whomet::export::{csv, cypher, gexf, graphml, json, neo4j_admin, parquet};
use whomet::graph::MeetingFilter;
use whomet::model::ActorKind;
use whomet::store::atomic::{AtomicError, Staged};
use whomet::{Error, MeetingGraph};

use super::parse_kind;
use super::StatusArg;
use super::{emit, io_error, Context, DateArg, Table};

/// The formats `whomet export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// The CSV interchange pair: -o DIR gets DIR/actors.csv and DIR/meetings.csv
    Csv,
    /// The full dump: every actor, source, affiliation and meeting, which `whomet import` reads
    Json,
    /// GraphML with typed attributes (networkx, Gephi, Cytoscape, yEd)
    Graphml,
    /// GEXF 1.2 with one spell per meeting, for Gephi's timeline
    Gexf,
    /// Cypher MERGE statements for Neo4j, batched
    Cypher,
    /// CSV files for `neo4j-admin database import full` (-o DIR), Neo4j's bulk importer
    #[value(name = "neo4j-admin")]
    Neo4jAdmin,
    /// One Parquet file per table (-o DIR), for DuckDB, Spark or pandas
    Parquet,
}

/// Arguments of `whomet export`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  whomet export --as graphml -o network.graphml\n  whomet export --as json -o dump.json\n  whomet export --as csv -o pair/ --from 2016 --until 2018"
)]
pub struct Args {
    #[command(flatten)]
    pub shape: super::args::FormatArg,
    /// Format to write (`--to` is the old name of this flag, still accepted)
    #[arg(long = "as", alias = "to", value_enum, value_name = "FORMAT")]
    to: ExportFormat,
    /// Write here, atomically, instead of stdout (for csv: a folder, created if missing, that
    /// gets actors.csv and meetings.csv; likewise a folder for neo4j-admin and parquet)
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Replace existing files
    #[arg(long)]
    force: bool,
    /// Only meetings that may fall on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    from: Option<DateArg>,
    /// Only meetings that may fall on or before this date (the queries' --to)
    #[arg(long, value_name = "DATE")]
    until: Option<DateArg>,
    /// With `certain`, only meetings whose date range lies wholly in the window [default:
    /// possible]
    #[arg(long, value_enum, value_name = "CERTAINTY")]
    within: Option<super::CertaintyArg>,
    /// Which statuses to export [default: all; only held meetings ever make two actors met]
    #[arg(long, value_enum)]
    status: Option<StatusArg>,
    /// Only actors of this kind, and meetings of two or more of them
    #[arg(long, value_parser = parse_kind)]
    kind: Option<ActorKind>,
    /// Add each actor's Leiden community in the window as a `community` node attribute
    /// (graphml and gexf; as `whomet communities` with its defaults)
    #[arg(long)]
    communities: bool,
}

/// What was exported, printed after writing to files.
#[derive(Debug, Serialize)]
struct Exported {
    files: Vec<String>,
    actors: usize,
    meetings: usize,
    pairs: usize,
}

/// Selects by the filters and writes the chosen format.
pub fn run(graph: &MeetingGraph, args: &Args, context: &mut Context<'_>) -> Result<(), Error> {
    let filter = ExportFilter {
        meetings: MeetingFilter {
            from: args.from.map(DateArg::first),
            to: args.until.map(DateArg::last),
            status: args.status.unwrap_or(StatusArg::All).status(),
            window: args
                .within
                .map_or(whomet::model::Certainty::Possible, |w| match w {
                    super::CertaintyArg::Possible => whomet::model::Certainty::Possible,
                    super::CertaintyArg::Certain => whomet::model::Certainty::Certain,
                }),
        },
        kind: args.kind,
    };
    let targets: Vec<PathBuf> = match (&args.output, args.to) {
        (None, ExportFormat::Csv) => {
            return Err(Error::Usage(
                "--as csv writes two files; give a folder with -o DIR".into(),
            ))
        }
        (None, ExportFormat::Neo4jAdmin) => {
            return Err(Error::Usage(
                "--as neo4j-admin writes seven files; give a folder with -o DIR".into(),
            ))
        }
        (None, ExportFormat::Parquet) => {
            return Err(Error::Usage(
                "--as parquet writes six files; give a folder with -o DIR".into(),
            ))
        }
        (Some(dir), ExportFormat::Neo4jAdmin) => {
            neo4j_admin::FILES.iter().map(|f| dir.join(f)).collect()
        }
        (Some(dir), ExportFormat::Parquet) => parquet::FILES.iter().map(|f| dir.join(f)).collect(),
        (None, _) => Vec::new(),
        (Some(dir), ExportFormat::Csv) => {
            vec![dir.join("actors.csv"), dir.join("meetings.csv")]
        }
        (Some(file), _) => vec![file.clone()],
    };
    // Refuse before the work when a target is taken.
    if !args.force {
        if let Some(taken) = targets.iter().find(|p| p.exists()) {
            return Err(exists(taken));
        }
    }
    if args.communities && !matches!(args.to, ExportFormat::Graphml | ExportFormat::Gexf) {
        return Err(Error::Usage(
            "--communities adds a node attribute to --as graphml or --as gexf only".into(),
        ));
    }
    let communities = args
        .communities
        .then(|| {
            whomet::query::communities::membership(
                graph,
                &whomet::query::communities::CommunityQuery {
                    from: filter.meetings.from,
                    to: filter.meetings.to,
                    window: filter.meetings.window,
                    ..Default::default()
                },
            )
        })
        .transpose()?;
    let communities = communities.as_deref();
    let selection = Selection::new(graph, &filter);
    if matches!(args.to, ExportFormat::Graphml | ExportFormat::Gexf) {
        let unlinked = whomet::export::attributes::facts(&selection).pairs_without_edge(&selection);
        if unlinked > 0 {
            super::note(format_args!(
                "{unlinked} pair{} only scheduled, cancelled or declined meetings and no edge; they are counted on the nodes (not_held), and --as json lists them",
                if unlinked == 1 { " has" } else { "s have" }
            ));
        }
    }
    let carrier = match args.to {
        ExportFormat::Csv => Some(("the CSV pair", Carrier::Csv)),
        ExportFormat::Cypher => Some(("Cypher", Carrier::Cypher)),
        ExportFormat::Graphml => Some(("GraphML", Carrier::Network)),
        ExportFormat::Gexf => Some(("GEXF", Carrier::Network)),
        ExportFormat::Json | ExportFormat::Neo4jAdmin | ExportFormat::Parquet => None,
    };
    if let Some((name, carrier)) = carrier {
        let lost = not_carried(&selection, carrier);
        if !lost.is_empty() {
            super::note(format_args!(
                "{name} has no place for {}; use --as json or neo4j-admin to keep everything",
                lost.join(", ")
            ));
        }
    }
    if targets.is_empty() {
        return write_format(&selection, args.to, communities, &mut *context.out).map_err(io_error);
    }
    match args.to {
        ExportFormat::Csv => {
            let dir = args.output.as_deref().unwrap_or(Path::new("."));
            std::fs::create_dir_all(dir).map_err(|source| Error::Io {
                path: dir.to_path_buf(),
                source,
            })?;
            // Both files are complete before either is put in place.
            let actors = staged(&targets[0], |out| csv::write_actors(&selection, out))?;
            let meetings = staged(&targets[1], |out| csv::write_meetings(&selection, out))?;
            place(actors, &targets[0], args.force)?;
            place(meetings, &targets[1], args.force)?;
        }
        ExportFormat::Neo4jAdmin => {
            let dir = args.output.as_deref().unwrap_or(Path::new("."));
            std::fs::create_dir_all(dir).map_err(|source| Error::Io {
                path: dir.to_path_buf(),
                source,
            })?;
            // Every file is complete before any is put in place.
            let files = neo4j_admin::FILES
                .iter()
                .zip(&targets)
                .map(|(name, path)| staged(path, |out| neo4j_admin::write(&selection, name, out)))
                .collect::<Result<Vec<_>, Error>>()?;
            for (file, path) in files.into_iter().zip(&targets) {
                place(file, path, args.force)?;
            }
            super::note(format_args!(
                "import with: {}",
                neo4j_admin::import_command(&dir.display().to_string())
            ));
        }
        ExportFormat::Parquet => {
            let dir = args.output.as_deref().unwrap_or(Path::new("."));
            std::fs::create_dir_all(dir).map_err(|source| Error::Io {
                path: dir.to_path_buf(),
                source,
            })?;
            // Every file is complete before any is put in place.
            let files = parquet::FILES
                .iter()
                .zip(&targets)
                .map(|(name, path)| staged(path, |out| parquet::write(&selection, name, out)))
                .collect::<Result<Vec<_>, Error>>()?;
            for (file, path) in files.into_iter().zip(&targets) {
                place(file, path, args.force)?;
            }
        }
        format => {
            let file = staged(&targets[0], |out| {
                write_format(&selection, format, communities, out)
            })?;
            place(file, &targets[0], args.force)?;
        }
    }
    let summary = Exported {
        files: targets.iter().map(|p| p.display().to_string()).collect(),
        actors: selection.actors.len(),
        meetings: selection.meetings.len(),
        pairs: selection.pair_count(),
    };
    // The counts are of the whole export, so a folder of files is one row, not one per file.
    let written = match targets.as_slice() {
        [one] => one.display().to_string(),
        many => {
            let folder = many[0].parent().map(|p| p.display().to_string());
            format!("{} files in {}", many.len(), folder.unwrap_or_default())
        }
    };
    let mut table = Table::new(&["written", "actors", "meetings", "pairs"]);
    table.push(vec![
        written,
        summary.actors.to_string(),
        summary.meetings.to_string(),
        summary.pairs.to_string(),
    ]);
    emit(context.out, context.format, &table, &summary).map_err(io_error)
}

fn write_format(
    selection: &Selection<'_>,
    format: ExportFormat,
    communities: Option<&[Option<u32>]>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        ExportFormat::Csv => {
            csv::write_actors(selection, &mut *out)?;
            csv::write_meetings(selection, out)
        }
        ExportFormat::Json => json::write(selection, out),
        ExportFormat::Graphml => graphml::write_with_communities(selection, communities, out),
        ExportFormat::Gexf => gexf::write_with_communities(selection, communities, out),
        ExportFormat::Cypher => cypher::write(selection, out),
        ExportFormat::Neo4jAdmin => Err(std::io::Error::other("neo4j-admin writes a folder")),
        ExportFormat::Parquet => Err(std::io::Error::other("parquet writes a folder")),
    }
}

fn exists(path: &Path) -> Error {
    AtomicError::Exists(path.to_path_buf()).into()
}

/// Writes a temporary file beside `path` with `write`.
fn staged(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<Staged, Error> {
    Ok(Staged::new(path, write)?)
}

/// Moves a staged file to `path`, refusing to replace one unless `force`.
fn place(file: Staged, path: &Path, force: bool) -> Result<(), Error> {
    debug_assert_eq!(file.path(), path);
    Ok(file.place(force)?)
}
