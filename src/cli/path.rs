//! `whomet path`: the shortest chain of meetings between two actors, static or in time order.

use serde::Serialize;
use whomet::graph::MeetingFilter;
use whomet::model::ActorKind;
use whomet::query::path::{path_query, ActorConstraints, PathMode, PathOptions, PathReport};
use whomet::query::temporal::{chain_report, Certainty, Criterion, TemporalOptions, TimedReport};
use whomet::{Error, MeetingGraph};

use super::output::{write_csv, Format};
use super::parse_kind;
use super::{emit, io_error, resolve_actor, Context, Table, Window};
use super::{journey_table, parse_gap, JOURNEY_COLUMNS};

/// Arguments of `whomet path`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  whomet path \"Xi Jinping\" \"Kim Jong Un\"\n  whomet path xi-jinping kim-jong-un --in-time-order --from 2016-06\n  whomet path xi-jinping kim-jong-un --in-time-order --fastest\n  whomet path xi-jinping kim-jong-un --all --limit 5 --format json"
)]
pub struct Args {
    #[command(flatten)]
    pub shape: super::args::FormatArg,
    /// Start actor (id, name or alias)
    from_actor: String,
    /// End actor (id, name or alias)
    to_actor: String,
    #[command(flatten)]
    window: Window,
    /// Every shortest path (up to --limit)
    #[arg(long, conflicts_with_all = ["k", "in_time_order"])]
    all: bool,
    /// The N shortest simple paths (Yen's algorithm)
    #[arg(long, value_name = "N", conflicts_with = "in_time_order")]
    k: Option<usize>,
    /// Most paths listed with --all (1 or more)
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u64).range(1..))]
    limit: u64,
    /// Never pass through this actor (repeatable)
    #[arg(long, value_name = "ACTOR")]
    avoid: Vec<String>,
    /// Intermediate actors must be of this kind
    #[arg(long, value_parser = parse_kind, value_name = "KIND")]
    only_kind: Option<ActorKind>,
    /// Let a hop pass through a shared party, state or organisation (marked as such)
    #[arg(long, conflicts_with = "in_time_order")]
    via_affiliations: bool,
    /// Each next meeting no earlier than the previous; earliest arrival, ties by fewer hops
    /// (or --fastest, --latest-departure, --fewest-hops)
    #[arg(long)]
    in_time_order: bool,
    /// With --in-time-order: longest wait between hops, e.g. 30d, 4w, 6m (30 days), 1y (365 days)
    #[arg(long, value_parser = parse_gap, requires = "in_time_order", value_name = "SPAN")]
    max_gap: Option<i32>,
    /// With --in-time-order: only chains whose hops are ordered whatever the true dates
    #[arg(long, requires = "in_time_order")]
    certain: bool,
    /// With --in-time-order: the chain with the shortest span from its first meeting to its
    /// last (ties by earlier arrival, then fewer hops); not with --max-gap
    #[arg(long, requires = "in_time_order", conflicts_with_all = ["latest_departure", "fewest_hops", "max_gap"])]
    fastest: bool,
    /// With --in-time-order: the latest first meeting that still reaches the end actor by --to
    /// (or the end of the data), ties by earlier arrival, then fewer hops; not with --max-gap
    #[arg(long, requires = "in_time_order", conflicts_with_all = ["fewest_hops", "max_gap"])]
    latest_departure: bool,
    /// With --in-time-order: the fewest meetings (ties by earlier arrival); not with --max-gap
    #[arg(long, requires = "in_time_order", conflicts_with = "max_gap")]
    fewest_hops: bool,
}

impl Args {
    /// The time-ordered chain asked for.
    fn criterion(&self) -> Criterion {
        if self.fastest {
            Criterion::Fastest
        } else if self.latest_departure {
            Criterion::LatestDeparture
        } else if self.fewest_hops {
            Criterion::FewestHops
        } else {
            Criterion::EarliestArrival
        }
    }
}

/// Finds and prints the path(s).
pub fn run(graph: &MeetingGraph, args: &Args, context: &mut Context<'_>) -> Result<(), Error> {
    let from = resolve_actor(graph, context.matching, &args.from_actor)?;
    let to = resolve_actor(graph, context.matching, &args.to_actor)?;
    let avoid = args
        .avoid
        .iter()
        .map(|name| resolve_actor(graph, context.matching, name))
        .collect::<Result<Vec<_>, _>>()?;
    if avoid.contains(&from) || avoid.contains(&to) {
        return Err(Error::Usage("--avoid names an end of the path".into()));
    }
    let options = PathOptions {
        filter: MeetingFilter::held_between(args.window.first_day(), args.window.last_day()),
        actors: ActorConstraints {
            avoid,
            only_kind: args.only_kind,
        },
        via_affiliations: args.via_affiliations,
    };
    if args.in_time_order {
        let temporal = TemporalOptions {
            from: args.window.first_day(),
            to: args.window.last_day(),
            max_gap: args.max_gap,
            certainty: if args.certain {
                Certainty::Certain
            } else {
                Certainty::Possible
            },
            actors: options.actors.clone(),
        };
        let report = chain_report(graph, from, to, &options, &temporal, args.criterion())?;
        return print_timed(graph, &report, context);
    }
    let mode = match (args.all, args.k) {
        (true, _) => PathMode::All(usize::try_from(args.limit).unwrap_or(usize::MAX)),
        (_, Some(k)) => PathMode::Shortest(k),
        _ => PathMode::One,
    };
    let report = path_query(graph, from, to, &options, mode);
    print_static(graph, &report, context)
}

fn name(graph: &MeetingGraph, id: &str) -> String {
    graph
        .actor_by_id(id)
        .map(|a| graph.actor(a).name.clone())
        .unwrap_or_else(|| id.to_string())
}

fn print_static(
    graph: &MeetingGraph,
    report: &PathReport,
    context: &mut Context<'_>,
) -> Result<(), Error> {
    let mut all = Table::new(&[
        "path", "hop", "from", "to", "via", "meeting", "date", "place", "source",
    ]);
    for (p, path) in report.paths.iter().enumerate() {
        for (h, hop) in path.hops.iter().enumerate() {
            let via = match &hop.role {
                Some(role) => format!("affiliation ({role})"),
                None if hop.meetings > 1 => format!("meeting (1 of {})", hop.meetings),
                None => "meeting".to_string(),
            };
            all.push(vec![
                (p + 1).to_string(),
                (h + 1).to_string(),
                hop.from.clone(),
                hop.to.clone(),
                via,
                hop.meeting.clone().unwrap_or_default(),
                hop.date.clone(),
                hop.place.clone().unwrap_or_default(),
                hop.source.clone(),
            ]);
        }
    }
    let sections = report
        .paths
        .iter()
        .enumerate()
        .map(|(p, path)| {
            let names: Vec<String> = path.actors.iter().map(|id| name(graph, id)).collect();
            let heading = format!(
                "path {} ({} hops): {}",
                p + 1,
                path.hops.len(),
                names.join(" → ")
            );
            let mut table = Table::new(&[
                "hop", "from", "to", "via", "meeting", "date", "place", "source",
            ]);
            for row in all.rows.iter().filter(|r| r[0] == (p + 1).to_string()) {
                table.push(row[1..].to_vec());
            }
            (heading, table)
        })
        .collect();
    print_paths(context, &all, report, sections, &report.notes)
}

/// Prints paths: JSON as is, CSV as one flat table (notes on stderr), or for reading a heading
/// and a table per path followed by the notes.
fn print_paths(
    context: &mut Context<'_>,
    all: &Table,
    json: &impl Serialize,
    sections: Vec<(String, Table)>,
    notes: &[String],
) -> Result<(), Error> {
    match context.format {
        Format::Json => emit(context.out, Format::Json, all, json).map_err(io_error),
        Format::Csv => {
            for note in notes {
                super::note(format_args!("{note}"));
            }
            write_csv(context.out, all).map_err(io_error)
        }
        Format::Table => {
            let out = &mut *context.out;
            for (heading, table) in &sections {
                super::output::prose(out, heading).map_err(io_error)?;
                super::output::write_table(out, table).map_err(io_error)?;
            }
            for note in notes {
                super::output::prose(out, note).map_err(io_error)?;
            }
            Ok(())
        }
    }
}

fn print_timed(
    graph: &MeetingGraph,
    report: &TimedReport,
    context: &mut Context<'_>,
) -> Result<(), Error> {
    let mut all = Table::new(JOURNEY_COLUMNS);
    for path in &report.paths {
        all.rows.extend(journey_table(path).rows);
    }
    let sections = report
        .paths
        .iter()
        .map(|path| {
            let names: Vec<String> = path.actors.iter().map(|id| name(graph, id)).collect();
            let timing = match (path.departure_text(), path.span_days) {
                (Some(departure), Some(span)) => format!(
                    ", {}: leaves {} and takes {}",
                    report.criterion,
                    departure,
                    span.map_or("an open span".to_string(), |d| format!("{d} day(s)"))
                ),
                _ if report.criterion == "fewest-hops" => ", fewest hops".to_string(),
                _ => String::new(),
            };
            let heading = format!(
                "time-ordered path ({} hops, {}, reaches {} from {}{timing}): {}",
                path.hops.len(),
                path.order,
                report.to,
                path.arrival_text(),
                names.join(" → ")
            );
            (heading, all.clone())
        })
        .collect();
    print_paths(context, &all, report, sections, &report.notes)
}
