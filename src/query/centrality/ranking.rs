//! Rankings of actors or blocs by one or more measures in a date window: rows, their order,
//! bloc sums, and the JSON shape.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

use super::{actor_scores, Bloc, Omitted, RankingQuery, SampleNote, Scored, WindowBounds};
use crate::algo::centrality::{CentralityError, Measure, Weighting};
use crate::graph::MeetingGraph;
use crate::model::ActorIndex;

/// One ranked actor or bloc.
#[derive(Debug, Clone, PartialEq)]
pub struct RankRow {
    /// Actor id (the bloc's id when summing per bloc).
    pub actor: String,
    /// Display name.
    pub name: String,
    /// Scores, aligned with [`Ranking::measures`].
    pub scores: Vec<f64>,
    /// Members summed, when ranking blocs.
    pub members: Option<usize>,
}

/// A ranking by one or more measures, sorted by the first (descending), ties by id.
///
/// JSON with one measure: `{"measure", "window": {"from", "to"}, "weighted", "scores":
/// [{"actor", "name", "score"}]}`; with several, `"measures": [...]` and one key per measure
/// in each row instead of `"score"`. Sampling adds `"sampled": {"sources", "nodes", "seed"}`;
/// blocs add `"by"` and a `"members"` count per row; measures side by side that failed to
/// converge are listed in `"omitted": [{"measure", "reason"}]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranking {
    /// The measures, in column order.
    pub measures: Vec<Measure>,
    /// The date window.
    pub window: WindowBounds,
    /// Whether meeting counts weighted the measures.
    pub weighting: Weighting,
    /// Set when betweenness was estimated.
    pub sampled: Option<SampleNote>,
    /// Set when rows are blocs.
    pub by: Option<Bloc>,
    /// Measures asked for side by side that failed (power iterations that did not settle).
    pub omitted: Vec<Omitted>,
    /// Rows, best first.
    pub rows: Vec<RankRow>,
}

impl Serialize for Ranking {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        if let [single] = self.measures.as_slice() {
            map.serialize_entry("measure", single.as_str())?;
        } else {
            let names: Vec<&str> = self.measures.iter().map(|m| m.as_str()).collect();
            map.serialize_entry("measures", &names)?;
        }
        map.serialize_entry("window", &self.window)?;
        map.serialize_entry("weighted", &self.weighting.is_weighted())?;
        if let Some(sampled) = &self.sampled {
            map.serialize_entry("sampled", sampled)?;
        }
        if let Some(by) = self.by {
            map.serialize_entry("by", by.kind().as_str())?;
        }
        if !self.omitted.is_empty() {
            map.serialize_entry("omitted", &self.omitted)?;
        }
        map.serialize_entry(
            "scores",
            &Rows {
                measures: &self.measures,
                rows: &self.rows,
            },
        )?;
        map.end()
    }
}

/// Serializes rows with one key per measure.
struct Rows<'a> {
    measures: &'a [Measure],
    rows: &'a [RankRow],
}

impl Serialize for Rows<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.rows.len()))?;
        for row in self.rows {
            seq.serialize_element(&Row {
                measures: self.measures,
                row,
            })?;
        }
        seq.end()
    }
}

/// Serializes one row with one key per measure.
struct Row<'a> {
    measures: &'a [Measure],
    row: &'a RankRow,
}

impl Serialize for Row<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("actor", &self.row.actor)?;
        map.serialize_entry("name", &self.row.name)?;
        if self.measures.len() == 1 {
            map.serialize_entry("score", &self.row.scores[0])?;
        } else {
            for (m, s) in self.measures.iter().zip(&self.row.scores) {
                map.serialize_entry(m.as_str(), s)?;
            }
        }
        if let Some(members) = self.row.members {
            map.serialize_entry("members", &members)?;
        }
        map.end()
    }
}

/// The score rounded to 12 significant digits, so that values equal up to floating-point
/// noise (summed in a different order) sort as ties and fall back to the id.
pub(super) fn sort_key(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let exponent = x.abs().log10().floor() as i32;
    let scale = 10f64.powi(11 - exponent);
    (x * scale).round() / scale
}

/// Sorts rows by the first score descending, ties by id.
fn sort_rows(rows: &mut [RankRow]) {
    rows.sort_by(|a, b| {
        sort_key(b.scores[0])
            .total_cmp(&sort_key(a.scores[0]))
            .then_with(|| a.actor.cmp(&b.actor))
    });
}

/// Rows for actors passing the kind filter, or bloc sums, unsorted.
pub(super) fn rows_for(
    graph: &MeetingGraph,
    query: &RankingQuery,
    width: usize,
    scored: Vec<Scored>,
    from: Option<Date>,
    to: Option<Date>,
) -> Vec<RankRow> {
    let scored: Vec<Scored> = scored
        .into_iter()
        .filter(|(a, _)| query.kind.is_none_or(|k| graph.actor(*a).kind == k))
        .collect();
    match query.by {
        None => actor_rows(graph, scored),
        Some(bloc) => bloc_rows(graph, bloc, width, &scored, from, to),
    }
}

/// One row per scored actor.
fn actor_rows(graph: &MeetingGraph, scored: Vec<Scored>) -> Vec<RankRow> {
    scored
        .into_iter()
        .map(|(a, scores)| {
            let actor = graph.actor(a);
            RankRow {
                actor: actor.id.clone(),
                name: actor.name.clone(),
                scores,
                members: None,
            }
        })
        .collect()
}

/// Members of each bloc, as positions in `scored`: the bloc itself, and everyone affiliated
/// with it in the window; every bloc of the kind has an entry, if empty.
fn bloc_members(
    graph: &MeetingGraph,
    bloc: Bloc,
    scored: &[Scored],
    from: Option<Date>,
    to: Option<Date>,
) -> BTreeMap<ActorIndex, Vec<usize>> {
    let mut position = vec![usize::MAX; graph.actor_count()];
    for (i, (a, _)) in scored.iter().enumerate() {
        position[a.index()] = i;
    }
    let mut members: BTreeMap<ActorIndex, Vec<usize>> = BTreeMap::new();
    for a in graph.actors_of_kind(Some(bloc.kind())) {
        members.entry(a).or_default();
        if position[a.index()] != usize::MAX {
            members.entry(a).or_default().push(position[a.index()]);
        }
    }
    for affiliation in &graph.data().affiliations {
        if graph.actor(affiliation.of).kind != bloc.kind() || !affiliation.overlaps(from, to) {
            continue;
        }
        let p = position[affiliation.actor.index()];
        if p != usize::MAX {
            members.entry(affiliation.of).or_default().push(p);
        }
    }
    members
}

/// One row per bloc: its members' scores summed.
fn bloc_rows(
    graph: &MeetingGraph,
    bloc: Bloc,
    width: usize,
    scored: &[Scored],
    from: Option<Date>,
    to: Option<Date>,
) -> Vec<RankRow> {
    bloc_members(graph, bloc, scored, from, to)
        .into_iter()
        .map(|(bloc_actor, mut list)| {
            list.sort_unstable();
            list.dedup();
            let mut scores = vec![0.0; width];
            for &p in &list {
                for (total, s) in scores.iter_mut().zip(&scored[p].1) {
                    *total += s;
                }
            }
            let actor = graph.actor(bloc_actor);
            RankRow {
                actor: actor.id.clone(),
                name: actor.name.clone(),
                scores,
                members: Some(list.len()),
            }
        })
        .collect()
}

/// Ranks actors (or blocs) of the graph of held meetings in the query's window.
///
/// Complexity: that of the slowest measure asked for.
///
/// ```
/// use whomet::algo::centrality::Measure;
/// use whomet::query::centrality::{rank, RankingQuery};
/// use whomet::store::{load, DataLocation};
/// let graph = load(&DataLocation::Embedded)?;
/// let query = RankingQuery { measures: vec![Measure::Degree], top: Some(3), ..RankingQuery::default() };
/// let ranking = rank(&graph, &query)?;
/// assert_eq!(ranking.rows.len(), 3);
/// assert!(ranking.rows[0].scores[0] >= ranking.rows[1].scores[0]);
/// # Ok::<(), whomet::Error>(())
/// ```
pub fn rank(graph: &MeetingGraph, query: &RankingQuery) -> Result<Ranking, CentralityError> {
    let scores = actor_scores(graph, query, query.from, query.to)?;
    let mut rows = rows_for(
        graph,
        query,
        scores.measures.len(),
        scores.rows,
        query.from,
        query.to,
    );
    if !scores.measures.is_empty() {
        sort_rows(&mut rows);
    }
    if let Some(top) = query.top {
        rows.truncate(top);
    }
    Ok(Ranking {
        measures: scores.measures,
        window: WindowBounds::new(query.from, query.to),
        weighting: query.options.weighting,
        sampled: scores.sampled,
        by: query.by,
        omitted: scores.omitted,
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_equal_scores_sort_by_id() {
        let row = |id: &str, s: f64| RankRow {
            actor: id.into(),
            name: id.into(),
            scores: vec![s],
            members: None,
        };
        let mut rows = vec![row("b", 0.1 + 0.2), row("a", 0.3), row("c", 0.5)];
        sort_rows(&mut rows);
        let ids: Vec<&str> = rows.iter().map(|r| r.actor.as_str()).collect();
        assert_eq!(ids, ["c", "a", "b"]);
    }
}
