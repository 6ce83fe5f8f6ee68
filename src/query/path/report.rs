//! Path answers as reported: hop and path rows, and the query that explains a miss.

use serde::Serialize;

use super::{
    all_shortest_paths, k_shortest_paths, shortest_path, Hop, Path, PathMode, PathOptions, Via,
};
use crate::graph::MeetingGraph;
use crate::model::ActorIndex;
use crate::query::constraints::ActorConstraints;
use crate::query::contacts::first_citation;

/// A hop as reported (JSON: `{"from","to","meeting","date","via"}` plus extras).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct HopRow {
    /// Start actor id.
    pub from: String,
    /// End actor id.
    pub to: String,
    /// Meeting id (null for an affiliation hop).
    pub meeting: Option<String>,
    /// Meeting date in the data's notation (for an affiliation hop, its span).
    pub date: String,
    /// `meeting` or `affiliation`.
    pub via: &'static str,
    /// Meeting place, if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// First citation: publication and date.
    pub source: String,
    /// Held meetings of the pair in the window.
    pub meetings: usize,
    /// For an affiliation hop: the role that links the two.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

impl HopRow {
    /// The row for one hop.
    pub fn new(graph: &MeetingGraph, hop: &Hop) -> Self {
        let (from, to) = (
            graph.actor(hop.from).id.clone(),
            graph.actor(hop.to).id.clone(),
        );
        match hop.via {
            Via::Meeting(m) => {
                let meeting = graph.meeting(m);
                HopRow {
                    from,
                    to,
                    meeting: Some(meeting.id.clone()),
                    date: meeting.date.to_string(),
                    via: "meeting",
                    place: meeting.place.clone(),
                    source: first_citation(graph, m),
                    meetings: hop.meetings,
                    role: None,
                }
            }
            Via::Affiliation(i) => {
                let affiliation = &graph.data().affiliations[i];
                let span = format!(
                    "{}..{}",
                    affiliation.from.map(|d| d.to_string()).unwrap_or_default(),
                    affiliation.to.map(|d| d.to_string()).unwrap_or_default()
                );
                HopRow {
                    from,
                    to,
                    meeting: None,
                    date: if span == ".." { String::new() } else { span },
                    via: "affiliation",
                    place: None,
                    source: affiliation
                        .sources
                        .first()
                        .map(|c| crate::query::listing::CitationRow::new(graph.data(), c).short())
                        .unwrap_or_default(),
                    meetings: 0,
                    role: Some(affiliation.role.clone()),
                }
            }
        }
    }
}

/// A path as reported (JSON: `{"actors":[ids],"hops":[…]}`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PathRow {
    /// Actor ids from start to end.
    pub actors: Vec<String>,
    /// Hops.
    pub hops: Vec<HopRow>,
}

impl PathRow {
    /// The row for one path.
    pub fn new(graph: &MeetingGraph, path: &Path) -> Self {
        PathRow {
            actors: path
                .actors
                .iter()
                .map(|&a| graph.actor(a).id.clone())
                .collect(),
            hops: path.hops.iter().map(|h| HopRow::new(graph, h)).collect(),
        }
    }
}

/// The answer to a path query (JSON: `{"from","to","found","paths":[…]}` plus `notes`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PathReport {
    /// Start actor id.
    pub from: String,
    /// End actor id.
    pub to: String,
    /// Whether any path was found.
    pub found: bool,
    /// The paths, shortest first.
    pub paths: Vec<PathRow>,
    /// Plain-language remarks: truncation, and where a path exists when none was found.
    pub notes: Vec<String>,
}

/// Answers a static path query, explaining a miss: whether a path exists outside the window,
/// through affiliations, or without the avoided actors.
pub fn path_query(
    graph: &MeetingGraph,
    from: ActorIndex,
    to: ActorIndex,
    options: &PathOptions,
    mode: PathMode,
) -> PathReport {
    let paths = match mode {
        PathMode::One => shortest_path(graph, from, to, options)
            .into_iter()
            .collect(),
        PathMode::All(limit) => all_shortest_paths(graph, from, to, options, limit),
        PathMode::Shortest(k) => k_shortest_paths(graph, from, to, options, k),
    };
    let mut notes = Vec::new();
    if let PathMode::All(limit) = mode {
        if paths.len() == limit {
            notes.push(format!(
                "listing stopped at {limit} shortest paths; there may be more"
            ));
        }
    }
    if paths.is_empty() {
        notes.extend(explain_miss(graph, from, to, options));
    }
    PathReport {
        from: graph.actor(from).id.clone(),
        to: graph.actor(to).id.clone(),
        found: !paths.is_empty(),
        paths: paths.iter().map(|p| PathRow::new(graph, p)).collect(),
        notes,
    }
}

/// Says where a path would exist when the constrained search found none.
pub fn explain_miss(
    graph: &MeetingGraph,
    from: ActorIndex,
    to: ActorIndex,
    options: &PathOptions,
) -> Vec<String> {
    let mut notes = vec![format!(
        "no chain of held meetings links {} and {} under these conditions",
        graph.actor(from).id,
        graph.actor(to).id
    )];
    let length = |o: &PathOptions| shortest_path(graph, from, to, o).map(|p| p.hops.len());
    if options.filter.from.is_some() || options.filter.to.is_some() {
        let mut wider = options.clone();
        wider.filter.from = None;
        wider.filter.to = None;
        if let Some(n) = length(&wider) {
            notes.push(format!(
                "a path of {n} hop(s) exists outside the --from/--to window"
            ));
        }
    }
    if !options.via_affiliations {
        let mut through = options.clone();
        through.via_affiliations = true;
        if let Some(n) = length(&through) {
            notes.push(format!(
                "a path of {n} hop(s) exists through shared affiliations (--via-affiliations)"
            ));
        }
    }
    if !options.actors.is_empty() {
        let mut free = options.clone();
        free.actors = ActorConstraints::default();
        if let Some(n) = length(&free) {
            notes.push(format!(
                "a path of {n} hop(s) exists without --avoid/--only-kind"
            ));
        }
    }
    notes
}
