//! `whomet centrality`: rank actors (or states and parties) by centrality, in a date window
//! or over sliding windows, optionally charted as SVG.

use std::path::{Path, PathBuf};

use clap::ValueEnum;
use whomet::algo::centrality::{CentralityError, Measure, MeasureOptions};
use whomet::export::chart;
use whomet::model::ActorKind;
use whomet::query::centrality::{over_time, rank, Bloc, Ranking, RankingQuery, TimeSeries};
use whomet::{Error, MeetingGraph};

use super::parse_kind;
use super::{emit, io_error, Context, Format, Sliding, Table, Window};

/// Definitions match networkx's for an undirected graph.
const AFTER_HELP: &str = "\
Measures (networkx definitions, undirected graph of held meetings; n = actors in the graph):
  degree       distinct partners / (n-1)
  strength     total meetings with all partners (a k-party meeting adds k-1)
  betweenness  share of shortest paths between other pairs through the actor, normalized by 2/((n-1)(n-2)); exact (Brandes) unless --samples
  closeness    (r / sum of distances) * (r / (n-1)) over the r actors reachable (Wasserman-Faust)
  harmonic     sum of 1/distance to every other actor
  eigenvector  principal eigenvector of A, by power iteration on A+I (100 steps, tolerance n*1e-6), unit length
  pagerank     damping 0.85, isolated actors spread uniformly, stops when the L1 change < n*1e-6 (100 steps)
  katz         sum over walks of alpha^length (alpha 0.1, beta 1, 1000 steps, tolerance n*1e-6), unit length

Measures over time-ordered chains (each next meeting no earlier than the previous, as for
path --in-time-order; possible unless --certain; h(s,t) = fewest meetings on such a chain):
  temporal-closeness    sum of 1/h(v,u) over the actors u a chain from v reaches (harmonic, unnormalized)
  temporal-betweenness  share of the shortest time-ordered chains from s to t through v, summed over
                        ordered pairs s != v != t, normalized by 1/((n-1)(n-2)); exact unless --samples
                        (then from K sources times n/K; within sqrt(ln(2/d)/(2K)) of exact with
                        probability 1-d per actor)
They use the window as chains do (a possible chain may place a hop's day anywhere in the window,
a certain one needs its ranges inside it), so --within does not apply; nor do --weighted and
--subgraph-kind.

--weighted (weight = number of held meetings of the pair): strength always sums it and degree
ignores it; eigenvector, pagerank and katz use it as the edge weight; betweenness, closeness and
harmonic use 1/weight as the edge length, so frequent partners are closer.

--by state|party sums the scores of a bloc's members: the state or party itself and every actor
with an affiliation to it that overlaps the window. An actor in several blocs counts in each.
Actors in no bloc are left out. --kind filters the members before summing.

Without --measure: degree, strength, betweenness, closeness, harmonic, eigenvector and pagerank
side by side, sorted by degree; a power iteration that does not converge (as networkx would
fail too) leaves out its column with a note. Rows are sorted by score (equal to 12 significant digits counts
as a tie), ties by actor id.\n\nExamples:\n  whomet centrality --top 10\n  whomet centrality --measure betweenness --from 2016 --to 2016 --format json";

/// A measure as named on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MeasureArg {
    /// Distinct partners / (n-1)
    Degree,
    /// Total meetings with all partners
    Strength,
    /// Normalized share of shortest paths through the actor
    Betweenness,
    /// Wasserman-Faust closeness
    Closeness,
    /// Sum of 1/distance
    Harmonic,
    /// Eigenvector centrality (unit length)
    Eigenvector,
    /// PageRank, damping 0.85
    Pagerank,
    /// Katz centrality (unit length)
    Katz,
    /// Sum of 1/(fewest meetings) over the actors a time-ordered chain reaches
    TemporalCloseness,
    /// Share of shortest time-ordered chains through the actor, normalized
    TemporalBetweenness,
}

impl MeasureArg {
    fn measure(self) -> Measure {
        match self {
            MeasureArg::Degree => Measure::Degree,
            MeasureArg::Strength => Measure::Strength,
            MeasureArg::Betweenness => Measure::Betweenness,
            MeasureArg::Closeness => Measure::Closeness,
            MeasureArg::Harmonic => Measure::Harmonic,
            MeasureArg::Eigenvector => Measure::Eigenvector,
            MeasureArg::Pagerank => Measure::PageRank,
            MeasureArg::Katz => Measure::Katz,
            MeasureArg::TemporalCloseness => Measure::TemporalCloseness,
            MeasureArg::TemporalBetweenness => Measure::TemporalBetweenness,
        }
    }
}

/// A bloc to sum over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BlocArg {
    /// Sum per state
    State,
    /// Sum per party
    Party,
}

/// Arguments of `whomet centrality`.
#[derive(Debug, clap::Args)]
#[command(after_long_help = AFTER_HELP)]
#[command(
    after_help = "Examples:\n  whomet centrality --top 10\n  whomet centrality --measure betweenness --from 2016 --to 2016 --format json"
)]
pub struct Args {
    #[command(flatten)]
    pub shape: super::args::FormatArg,
    /// The measure to rank by [default: several side by side; degree with --over-time]
    #[arg(long, value_enum)]
    measure: Option<MeasureArg>,
    /// Show the first N rows (series with --over-time); 0 shows all
    #[arg(long, value_name = "N", default_value_t = 20)]
    top: usize,
    /// Rank only actors of this kind; the graph still holds everyone
    #[arg(long, value_parser = parse_kind, value_name = "KIND")]
    kind: Option<ActorKind>,
    /// Compute on the graph of actors of this kind only (meetings among them)
    #[arg(long, value_parser = parse_kind, value_name = "KIND")]
    subgraph_kind: Option<ActorKind>,
    #[command(flatten)]
    window: Window,
    /// Weight pairs by their number of meetings (see --help for each measure)
    #[arg(long)]
    weighted: bool,
    /// Estimate betweenness (or temporal-betweenness) from K sampled sources (rescaled as
    /// networkx's `k`)
    #[arg(long, value_name = "K")]
    samples: Option<usize>,
    /// Seed of the --samples draw
    #[arg(long, value_name = "SEED", default_value_t = 0, requires = "samples")]
    seed: u64,
    /// With temporal-closeness or temporal-betweenness: only chains whose hops are ordered
    /// whatever the true dates
    #[arg(long)]
    certain: bool,
    /// Katz attenuation factor; must be below 1/(largest eigenvalue)
    #[arg(long, value_name = "ALPHA", default_value_t = 0.1)]
    katz_alpha: f64,
    /// Sum scores per state or party through affiliations (an actor in several counts in each)
    #[arg(long, value_enum, value_name = "BLOC")]
    by: Option<BlocArg>,
    #[command(flatten)]
    sliding: Sliding,
    /// Also chart the top series (at most 8 lines) into this file: FILE.svg or FILE.png (with
    /// --over-time)
    #[arg(short, long, value_name = "FILE", requires = "over_time")]
    output: Option<PathBuf>,
    /// Overwrite the --output file if it exists
    #[arg(long, requires = "output")]
    force: bool,
}

/// Ranks actors, or charts a measure over time.
pub fn run(graph: &MeetingGraph, args: &Args, context: &mut Context<'_>) -> Result<(), Error> {
    if !(args.katz_alpha.is_finite() && args.katz_alpha > 0.0) {
        return Err(Error::Usage(format!(
            "--katz-alpha must be a positive number, got {}",
            args.katz_alpha
        )));
    }
    let measures = match (args.measure, args.sliding.over_time) {
        (Some(m), _) => vec![m.measure()],
        (None, true) => vec![Measure::Degree],
        (None, false) => Measure::OVERVIEW.to_vec(),
    };
    let temporal = measures.iter().any(|m| m.is_temporal());
    if args.certain && !temporal {
        return Err(Error::Usage(
            "--certain applies to temporal-closeness and temporal-betweenness only".into(),
        ));
    }
    if temporal && args.window.within.is_some() {
        return Err(Error::Usage(
            "--within does not apply to temporal measures: their window follows the chains (possible, or certain with --certain)".into(),
        ));
    }
    let query = RankingQuery {
        measures,
        from: args.window.first_day(),
        to: args.window.last_day(),
        window: args.window.certainty(whomet::model::Certainty::Certain),
        chains: if args.certain {
            whomet::model::Certainty::Certain
        } else {
            whomet::model::Certainty::Possible
        },
        kind: args.kind,
        subgraph_kind: args.subgraph_kind,
        by: args.by.map(|b| match b {
            BlocArg::State => Bloc::State,
            BlocArg::Party => Bloc::Party,
        }),
        top: (args.top > 0).then_some(args.top),
        options: MeasureOptions {
            weighting: args.weighted.into(),
            samples: args.samples,
            seed: args.seed,
            katz_alpha: args.katz_alpha,
        },
    };
    if args.sliding.over_time {
        let series = over_time(graph, &query, args.sliding.width, args.sliding.step)
            .map_err(with_flag_hint)?;
        if let Some(sampled) = &series.sampled {
            super::note(format_args!(
                "betweenness estimated in each window from {} sampled sources (seed {})",
                sampled.sources, sampled.seed
            ));
        }
        if let Some(path) = &args.output {
            let svg = chart::line_chart(&series);
            let bytes = match whomet::export::render::ImageFormat::from_path(path) {
                Some(whomet::export::render::ImageFormat::Png) => {
                    whomet::export::render::svg_to_png(&svg)?
                }
                _ => svg.into_bytes(),
            };
            write_atomic(path, &bytes, args.force)?;
        }
        let table = series_table(&series, context.format);
        return emit(context.out, context.format, &table, &series).map_err(io_error);
    }
    let ranking = rank(graph, &query).map_err(with_flag_hint)?;
    if let Some(sampled) = &ranking.sampled {
        super::note(format_args!(
            "betweenness estimated from {} of {} sources (seed {}), not exact",
            sampled.sources, sampled.nodes, sampled.seed
        ));
    }
    for omitted in &ranking.omitted {
        super::note(format_args!(
            "{} left out: {}",
            omitted.measure, omitted.reason
        ));
    }
    let table = ranking_table(&ranking, context.format);
    emit(context.out, context.format, &table, &ranking).map_err(io_error)
}

/// Names the flag that fixes a Katz divergence.
fn with_flag_hint(error: CentralityError) -> Error {
    let inner = match &error {
        CentralityError::InWindow { source, .. } => source.as_ref(),
        other => other,
    };
    match inner {
        CentralityError::NoConvergence { measure, .. } if *measure == "katz" => {
            Error::Usage(format!("{error}; set it with --katz-alpha"))
        }
        _ => error.into(),
    }
}

/// A score for reading: 6 significant digits, whole numbers as such.
fn readable(x: f64) -> String {
    if x == x.trunc() && x.abs() < 1e15 {
        return format!("{x:.0}");
    }
    let magnitude = x.abs().log10().floor() as i32;
    if magnitude < -4 {
        return format!("{x:.5e}");
    }
    let decimals = (5 - magnitude).clamp(0, 17) as usize;
    let text = format!("{x:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

/// A score for CSV: the shortest text that reads back to the same number.
fn exact(x: f64) -> String {
    format!("{x}")
}

fn score_text(format: Format) -> fn(f64) -> String {
    if format == Format::Csv {
        exact
    } else {
        readable
    }
}

fn ranking_table(ranking: &Ranking, format: Format) -> Table {
    let text = score_text(format);
    let mut headers = vec!["rank", "actor", "name"];
    if ranking.by.is_some() {
        headers.push("members");
    }
    headers.extend(ranking.measures.iter().map(|m| m.as_str()));
    let mut table = Table::new(&headers);
    for (i, row) in ranking.rows.iter().enumerate() {
        let mut cells = vec![(i + 1).to_string(), row.actor.clone(), row.name.clone()];
        if let Some(members) = row.members {
            cells.push(members.to_string());
        }
        cells.extend(row.scores.iter().map(|&s| text(s)));
        table.push(cells);
    }
    table
}

/// CSV gets one row per window and actor (tidy data); the table one row per actor and one
/// column per window.
fn series_table(series: &TimeSeries, format: Format) -> Table {
    let text = score_text(format);
    if format == Format::Csv {
        let mut table = Table::new(&["window_from", "window_to", "actor", "name", "score"]);
        for (w, window) in series.windows.iter().enumerate() {
            for s in &series.series {
                table.push(vec![
                    window.from.clone().unwrap_or_default(),
                    window.to.clone().unwrap_or_default(),
                    s.actor.clone(),
                    s.name.clone(),
                    text(s.scores[w]),
                ]);
            }
        }
        return table;
    }
    let yearly = series.width.ends_with('y') && series.step.ends_with('y');
    let mut headers: Vec<&'static str> = vec!["actor", "name"];
    for window in &series.windows {
        let from = window.from.as_deref().unwrap_or("");
        let label = if yearly {
            from.get(..4).unwrap_or(from)
        } else {
            from
        };
        // The shared Table takes static headers; one short-lived command leaks a few bytes.
        headers.push(Box::leak(label.to_string().into_boxed_str()));
    }
    let mut table = Table::new(&headers);
    for s in &series.series {
        let mut cells = vec![s.actor.clone(), s.name.clone()];
        cells.extend(s.scores.iter().map(|&x| text(x)));
        table.push(cells);
    }
    table
}

/// Writes `bytes` to `path` through a temporary file in the same folder, so readers never
/// see half a file; refuses to replace an existing file unless `force`.
fn write_atomic(path: &Path, bytes: &[u8], force: bool) -> Result<(), Error> {
    Ok(whomet::store::atomic::write_atomic(path, bytes, force)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_read_well() {
        assert_eq!(readable(3.0), "3");
        assert_eq!(readable(0.521978021978022), "0.521978");
        assert_eq!(readable(0.000123456789), "0.000123457");
        assert_eq!(readable(0.0000123456789), "1.23457e-5");
        assert_eq!(exact(0.1), "0.1");
    }
}
