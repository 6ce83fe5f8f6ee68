//! Scores of one measure over sliding date windows ([`over_time`]): the windows, one series
//! per actor or bloc, and the top series by peak score.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::{Serialize, Serializer};

use super::ranking::{rows_for, sort_key};
use super::{actor_scores, RankingQuery, SampleNote, WindowBounds};
use crate::algo::centrality::{CentralityError, Weighting};
use crate::graph::MeetingGraph;
use crate::model::Period;
pub use crate::query::windows::MAX_WINDOWS;
use crate::query::windows::{covered_span, sliding};

/// One actor's (or bloc's) score in each window.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Series {
    /// Actor id (the bloc's id when summing per bloc).
    pub actor: String,
    /// Display name.
    pub name: String,
    /// One score per window, aligned with [`TimeSeries::windows`].
    pub scores: Vec<f64>,
}

/// Scores of one measure over sliding windows, for the top actors by peak score.
///
/// JSON: `{"measure", "window": {"from", "to"}, "width", "step", "weighted", "windows":
/// [{"from", "to"}], "series": [{"actor", "name", "scores": [...]}]}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimeSeries {
    /// The measure.
    pub measure: String,
    /// The overall span the windows cover.
    pub window: WindowBounds,
    /// Width of each window, e.g. `1y`.
    pub width: String,
    /// Step between window starts.
    pub step: String,
    /// Whether meeting counts weighted the measure (JSON: `"weighted": bool`).
    #[serde(rename = "weighted", serialize_with = "weighted_flag")]
    pub weighting: Weighting,
    /// Set when betweenness was estimated (from the same number of sources per window).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sampled: Option<SampleNote>,
    /// Set when rows are blocs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<&'static str>,
    /// The windows, in time order.
    pub windows: Vec<WindowBounds>,
    /// Series, highest peak first, ties by id.
    pub series: Vec<Series>,
}

/// Serializes a [`Weighting`] as the `weighted` flag.
fn weighted_flag<S: Serializer>(weighting: &Weighting, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_bool(weighting.is_weighted())
}

/// One series per actor (or bloc) with a row in any window, by id, and the sampling note.
fn series_by_actor(
    graph: &MeetingGraph,
    single: &RankingQuery,
    windows: &[(Date, Date)],
) -> Result<(Vec<Series>, Option<SampleNote>), CentralityError> {
    let mut table: BTreeMap<String, Series> = BTreeMap::new();
    let mut sampled = None;
    for (w, &(from, to)) in windows.iter().enumerate() {
        let scores = actor_scores(graph, single, Some(from), Some(to)).map_err(|e| {
            CentralityError::InWindow {
                from,
                to,
                source: Box::new(e),
            }
        })?;
        sampled = sampled.or(scores.sampled);
        for row in rows_for(graph, single, 1, scores.rows, Some(from), Some(to)) {
            let series = table.entry(row.actor.clone()).or_insert_with(|| Series {
                actor: row.actor,
                name: row.name,
                scores: vec![0.0; windows.len()],
            });
            series.scores[w] = row.scores[0];
        }
    }
    Ok((table.into_values().collect(), sampled))
}

/// The first measure of `query` over windows of `width` starting every `step`, from the
/// query's `from` (default: the first held meeting) while the start is not after its `to`
/// (default: the last held meeting). Keeps the query's `top` series by peak score.
///
/// ```
/// use whomet::algo::centrality::Measure;
/// use whomet::query::centrality::{over_time, RankingQuery};
/// use whomet::store::{load, DataLocation};
/// let graph = load(&DataLocation::Embedded)?;
/// let query = RankingQuery { measures: vec![Measure::Degree], top: Some(2), ..RankingQuery::default() };
/// let series = over_time(&graph, &query, "1y".parse()?, "1y".parse()?)?;
/// assert_eq!(series.series.len(), 2);
/// assert_eq!(series.series[0].scores.len(), series.windows.len());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn over_time(
    graph: &MeetingGraph,
    query: &RankingQuery,
    width: Period,
    step: Period,
) -> Result<TimeSeries, CentralityError> {
    let measure = *query.measures.first().ok_or(CentralityError::NoMeasure)?;
    let single = RankingQuery {
        measures: vec![measure],
        ..query.clone()
    };
    let (start, end) = covered_span(graph, query.from, query.to, step);
    let windows = match (start, end) {
        (Some(start), Some(end)) => {
            sliding(start, end, width, step).map_err(|count| CentralityError::TooManyWindows {
                count,
                width,
                step,
                limit: MAX_WINDOWS,
            })?
        }
        _ => Vec::new(),
    };
    let (mut series, sampled) = series_by_actor(graph, &single, &windows)?;
    let peak = |s: &Series| s.scores.iter().copied().fold(0.0, f64::max);
    series.sort_by(|a, b| {
        sort_key(peak(b))
            .total_cmp(&sort_key(peak(a)))
            .then_with(|| a.actor.cmp(&b.actor))
    });
    if let Some(top) = query.top {
        series.truncate(top);
    }
    Ok(TimeSeries {
        measure: measure.as_str().to_string(),
        window: WindowBounds::new(start, end),
        width: width.to_string(),
        step: step.to_string(),
        weighting: query.options.weighting,
        sampled,
        by: query.by.map(|b| b.kind().as_str()),
        windows: windows
            .iter()
            .map(|&(f, t)| WindowBounds::new(Some(f), Some(t)))
            .collect(),
        series,
    })
}
