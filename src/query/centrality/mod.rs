//! Centrality of a whole meeting graph as the CLI reports it: rankings of actors or blocs in
//! a date window ([`rank`]) and time series over sliding windows ([`over_time`]), built on
//! the measures of [`crate::algo::centrality`].

mod ranking;
mod series;

use std::borrow::Cow;

use jiff::civil::Date;
use serde::Serialize;

use crate::algo::centrality::{
    compute_each, induced, sample_sources, CentralityError, Measure, MeasureOptions,
};
use crate::graph::{Adjacency, MeetingFilter, MeetingGraph};
use crate::model::Certainty;
use crate::model::{ActorIndex, ActorKind};

pub use ranking::{rank, RankRow, Ranking};
pub use series::{over_time, Series, TimeSeries, MAX_WINDOWS};

/// Blocs scores can be summed over, through affiliations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bloc {
    /// States.
    State,
    /// Parties.
    Party,
}

impl Bloc {
    /// The actor kind of the bloc.
    pub fn kind(self) -> ActorKind {
        match self {
            Bloc::State => ActorKind::State,
            Bloc::Party => ActorKind::Party,
        }
    }
}

/// What to rank and how: the measures, the date window, which actors, and how to compute.
#[derive(Debug, Clone, PartialEq)]
pub struct RankingQuery {
    /// Measures, the first one sorting the ranking.
    pub measures: Vec<Measure>,
    /// Held meetings on or after this day only.
    pub from: Option<Date>,
    /// Held meetings on or before this day only.
    pub to: Option<Date>,
    /// Whether a meeting must lie wholly in the window (the default: a meeting dated
    /// `2011-12..2016-07-05` does not count toward 2014) or may only overlap it.
    pub window: Certainty,
    /// Whether the time-ordered chains of the temporal measures must be certain or may be
    /// possible (their window follows the same choice, as for `path --in-time-order`).
    pub chains: Certainty,
    /// Rank only actors of this kind (the graph is unchanged).
    pub kind: Option<ActorKind>,
    /// Compute on the graph induced by actors of this kind.
    pub subgraph_kind: Option<ActorKind>,
    /// Sum scores per state or party instead of ranking actors.
    pub by: Option<Bloc>,
    /// Keep the first this many rows (all when `None`).
    pub top: Option<usize>,
    /// How to compute.
    pub options: MeasureOptions,
}

impl Default for RankingQuery {
    fn default() -> Self {
        RankingQuery {
            measures: Measure::OVERVIEW.to_vec(),
            from: None,
            to: None,
            window: Certainty::Certain,
            chains: Certainty::Possible,
            kind: None,
            subgraph_kind: None,
            by: None,
            top: None,
            options: MeasureOptions::default(),
        }
    }
}

/// A date window as shown in output; open ends are `null`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WindowBounds {
    /// First day, `YYYY-MM-DD`.
    pub from: Option<String>,
    /// Last day, `YYYY-MM-DD`.
    pub to: Option<String>,
}

impl WindowBounds {
    /// Bounds as `YYYY-MM-DD` text.
    pub(super) fn new(from: Option<Date>, to: Option<Date>) -> Self {
        WindowBounds {
            from: from.map(|d| d.to_string()),
            to: to.map(|d| d.to_string()),
        }
    }
}

/// How betweenness was estimated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SampleNote {
    /// Sources searched.
    pub sources: usize,
    /// Nodes in the graph.
    pub nodes: usize,
    /// Seed of the draw.
    pub seed: u64,
}

/// An actor with its scores, aligned with the measures computed.
pub(super) type Scored = (ActorIndex, Vec<f64>);

/// What [`actor_scores`] found.
pub(super) struct MeasuredScores {
    /// Measures computed, in query order.
    pub(super) measures: Vec<Measure>,
    /// Every actor of the graph with its scores.
    pub(super) rows: Vec<Scored>,
    /// Set when betweenness was estimated.
    pub(super) sampled: Option<SampleNote>,
    /// Measures left out side by side.
    pub(super) omitted: Vec<Omitted>,
}

/// A measure left out of a side-by-side ranking, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Omitted {
    /// The measure.
    pub measure: String,
    /// The error it gave.
    pub reason: String,
}

/// The graph the measures run on: held meetings in `from..=to`, induced on
/// `query.subgraph_kind` when set, with the actor behind each of its nodes.
fn scoring_graph<'g>(
    graph: &'g MeetingGraph,
    query: &RankingQuery,
    from: Option<Date>,
    to: Option<Date>,
) -> (Cow<'g, Adjacency>, Vec<ActorIndex>) {
    let full = graph.projection(&MeetingFilter {
        window: query.window,
        ..MeetingFilter::held_between(from, to)
    });
    match query.subgraph_kind {
        None => (
            full,
            (0..graph.actor_count() as u32).map(ActorIndex).collect(),
        ),
        Some(kind) => {
            let keep: Vec<u32> = (0..graph.actor_count() as u32)
                .filter(|&a| graph.actor(ActorIndex(a)).kind == kind)
                .collect();
            let sub = induced(&full, &keep);
            (Cow::Owned(sub), keep.into_iter().map(ActorIndex).collect())
        }
    }
}

/// Scores of every measure for every actor of the windowed (and kind-restricted) graph:
/// `(actor, scores aligned with measures)`, actors outside the subgraph left out.
pub(super) fn actor_scores(
    graph: &MeetingGraph,
    query: &RankingQuery,
    from: Option<Date>,
    to: Option<Date>,
) -> Result<MeasuredScores, CentralityError> {
    if query.measures.is_empty() {
        return Err(CentralityError::NoMeasure);
    }
    let temporal = query.measures.iter().find(|m| m.is_temporal());
    if let Some(&measure) = temporal {
        refuse_for_temporal(measure.as_str(), query)?;
    }
    let (g, actors) = scoring_graph(graph, query, from, to);
    // Side by side, a power iteration that does not settle leaves out its column only.
    let lenient = query.measures.len() > 1;
    let mut measures = Vec::new();
    let mut scores = Vec::new();
    let mut omitted = Vec::new();
    let results = compute_each(&g, &query.measures, &query.options)
        .into_iter()
        .zip(&query.measures)
        .map(|(result, &m)| match m.is_temporal() {
            true => temporal_scores(graph, m, query, from, to),
            false => result,
        });
    for (&m, result) in query.measures.iter().zip(results) {
        match result {
            Ok(s) => {
                measures.push(m);
                scores.push(s);
            }
            Err(error @ CentralityError::NoConvergence { .. }) if lenient => {
                omitted.push(Omitted {
                    measure: m.as_str().to_string(),
                    reason: error.to_string(),
                });
            }
            Err(error) => return Err(error),
        }
    }
    let n = g.node_count();
    let sampled = match query.options.samples {
        Some(k)
            if k < n
                && (query.measures.contains(&Measure::Betweenness)
                    || query.measures.contains(&Measure::TemporalBetweenness)) =>
        {
            Some(SampleNote {
                sources: k,
                nodes: n,
                seed: query.options.seed,
            })
        }
        _ => None,
    };
    let rows = actors
        .into_iter()
        .enumerate()
        .map(|(i, a)| (a, scores.iter().map(|s| s[i]).collect()))
        .collect();
    Ok(MeasuredScores {
        measures,
        rows,
        sampled,
        omitted,
    })
}

/// The options the temporal measures cannot honour: they run on every actor's dated meetings,
/// not on a projected graph, and chains have no weights.
fn refuse_for_temporal(measure: &'static str, query: &RankingQuery) -> Result<(), CentralityError> {
    let option = if query.subgraph_kind.is_some() {
        "--subgraph-kind"
    } else if query.options.weighting.is_weighted() {
        "--weighted"
    } else {
        return Ok(());
    };
    Err(CentralityError::Unsupported { measure, option })
}

/// A temporal measure of every actor over the chains of `from..=to`; betweenness from a
/// sample of sources when the options ask for one.
fn temporal_scores(
    graph: &MeetingGraph,
    measure: Measure,
    query: &RankingQuery,
    from: Option<Date>,
    to: Option<Date>,
) -> Result<Vec<f64>, CentralityError> {
    let options = crate::query::temporal::TemporalOptions {
        from,
        to,
        certainty: query.chains,
        ..Default::default()
    };
    let n = graph.actor_count();
    Ok(match measure {
        Measure::TemporalCloseness => crate::query::temporal::temporal_closeness(graph, &options),
        _ => match query.options.samples {
            Some(k) if k < n => {
                if k < 2 {
                    return Err(CentralityError::TooFewSamples(k));
                }
                let sources = sample_sources(n, k, query.options.seed);
                crate::query::temporal::temporal_betweenness_from_sources(graph, &sources, &options)
            }
            _ => crate::query::temporal::temporal_betweenness(graph, &options),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Period;

    /// A graph of persons `p0…` with one held meeting per pair, on 2016-01-01 + i days.
    fn meeting_graph(n: usize, pairs: &[(u32, u32)]) -> MeetingGraph {
        use crate::model::{Actor, Dataset, FuzzyDate, Meeting, MeetingKind, Participant, Status};
        let actors = (0..n)
            .map(|i| Actor {
                id: format!("p{i}"),
                name: format!("P{i}"),
                kind: ActorKind::Person,
                aliases: Vec::new(),
                native_name: None,
                notes: None,
            })
            .collect();
        let start = jiff::civil::date(2016, 1, 1);
        let meetings = pairs
            .iter()
            .enumerate()
            .map(|(i, &(a, b))| Meeting {
                id: format!("m{i}"),
                date: FuzzyDate::day(
                    start
                        .checked_add(jiff::Span::new().days(i as i64))
                        .expect("in range"),
                ),
                date_note: None,
                place: None,
                kind: MeetingKind::Talks,
                status: Status::Held,
                participants: [a, b]
                    .iter()
                    .enumerate()
                    .map(|(side, &x)| Participant {
                        actor: ActorIndex(x),
                        role: None,
                        side: side as u32,
                    })
                    .collect(),
                sides: Vec::new(),
                sources: Vec::new(),
                notes: None,
            })
            .collect();
        MeetingGraph::new(Dataset {
            actors,
            meetings,
            ..Dataset::default()
        })
    }

    #[test]
    fn side_by_side_leaves_out_a_measure_that_does_not_converge() {
        // A triangle and a three-leaf star: A + I has eigenvalues 3 and 1 + √3, too close
        // for 100 power steps (networkx fails the same way).
        let graph = meeting_graph(7, &[(0, 1), (1, 2), (0, 2), (3, 4), (3, 5), (3, 6)]);
        let ranking = rank(&graph, &RankingQuery::default()).expect("other measures work");
        assert!(!ranking.measures.contains(&Measure::Eigenvector));
        assert_eq!(ranking.measures.len(), Measure::OVERVIEW.len() - 1);
        assert_eq!(ranking.omitted.len(), 1);
        assert_eq!(ranking.omitted[0].measure, "eigenvector");
        assert_eq!(ranking.rows[0].actor, "p3");
        let json = serde_json::to_value(&ranking).expect("serializes");
        assert_eq!(json["omitted"][0]["measure"], "eigenvector");

        let alone = RankingQuery {
            measures: vec![Measure::Eigenvector],
            ..RankingQuery::default()
        };
        assert!(matches!(
            rank(&graph, &alone),
            Err(CentralityError::NoConvergence { .. })
        ));
        let error = over_time(
            &graph,
            &alone,
            "1y".parse::<Period>().expect("ok"),
            "1y".parse::<Period>().expect("ok"),
        )
        .expect_err("fails in 2016");
        assert_eq!(
            error.to_string(),
            "eigenvector centrality did not converge in 100 iterations (window 2016-01-01 to 2016-12-31)"
        );
    }
}
