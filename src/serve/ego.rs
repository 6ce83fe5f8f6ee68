//! The network the page draws: the ego network the DOT export would select (the library's
//! [`select`]), with what the page colours and sizes nodes by, capped so that a hub of a
//! large data set stays drawable, and saying what the cap left out.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, VecDeque};

use serde::Serialize;

use crate::export::dot::{select, ActorScores, DotOptions, SelectedEdge};
use crate::graph::blocs::Blocs;
use crate::graph::MeetingGraph;
use crate::model::{ActorIndex, ActorKind, MeetingIndex};
use crate::Error;

/// Most actors a drawn network may hold, whatever the request asks.
pub const MAX_NODES: usize = 5000;

/// What to draw around one actor.
#[derive(Debug, Clone)]
pub struct EgoRequest {
    /// The centre.
    pub centre: ActorIndex,
    /// Meetings away from the centre to go (1 or more).
    pub depth: usize,
    /// The date window, status and window certainty of the meetings drawn.
    pub filter: crate::graph::MeetingFilter,
    /// Most actors drawn; the highest scoring are kept, and the centre always.
    pub limit: usize,
}

/// One drawn actor.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EgoNode {
    /// Actor id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Kind.
    pub kind: ActorKind,
    /// The state the actor serves in the window, directly or through its party or body
    /// (see [`Blocs::of`]), if any.
    pub state: Option<String>,
    /// The party, likewise.
    pub party: Option<String>,
    /// The centrality score nodes are sized by.
    pub score: f64,
    /// Meetings passing the filter.
    pub meetings: usize,
    /// Steps from the centre (0 for the centre).
    pub distance: usize,
    /// The actor's community in the window (as `whomet communities` numbers them), when the
    /// request asks for communities and the actor met someone; otherwise `null`.
    pub community: Option<u32>,
}

/// One drawn edge: a pair's meetings of one held/not-held status.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EgoEdge {
    /// The end whose id sorts first.
    pub a: String,
    /// The other end.
    pub b: String,
    /// False for scheduled, cancelled or declined meetings (drawn dashed).
    pub held: bool,
    /// Meeting ids in date order.
    pub meetings: Vec<String>,
    /// The first meeting's date.
    pub first: String,
    /// The last meeting's date.
    pub last: String,
}

/// What the cap left out.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, Default)]
pub struct Omitted {
    /// Actors of the ego network not drawn.
    pub actors: usize,
    /// Edges not drawn because an end was left out.
    pub edges: usize,
}

/// The network as drawn (JSON: `{"centre","depth","measure","nodes":[…],"edges":[…],
/// "omitted":{"actors","edges"},"notes":[…]}`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EgoNetwork {
    /// The centre's id.
    pub centre: String,
    /// The depth drawn.
    pub depth: usize,
    /// The measure in `score`.
    pub measure: String,
    /// Actors, centre first, then by distance and score.
    pub nodes: Vec<EgoNode>,
    /// Edges between drawn actors.
    pub edges: Vec<EgoEdge>,
    /// What the cap left out.
    pub omitted: Omitted,
    /// Plain-language remarks, e.g. what was left out and why.
    pub notes: Vec<String>,
}

/// Builds the ego network of `request.centre`.
///
/// # Errors
/// As [`select`] (scores not covering every actor).
pub fn ego_network(
    graph: &MeetingGraph,
    scores: &ActorScores,
    request: &EgoRequest,
) -> Result<EgoNetwork, Error> {
    if request.filter.is_all_held() {
        return Ok(capped_held_network(graph, scores, request));
    }
    let options = DotOptions {
        filter: request.filter,
        around: Some(request.centre),
        depth: request.depth,
        ..DotOptions::default()
    };
    let selection = select(graph, &options)?;
    let distance = distances(&selection.edges, request.centre, graph.actor_count());
    let score = |a: ActorIndex| scores.values.get(a.index()).copied().unwrap_or(0.0);
    let mut actors = selection.actors.clone();
    actors.sort_by(|&x, &y| {
        distance(x)
            .cmp(&distance(y))
            .then(score(y).total_cmp(&score(x)))
            .then_with(|| graph.actor(x).id.cmp(&graph.actor(y).id))
    });
    let limit = request.limit.clamp(1, MAX_NODES);
    let mut omitted = Omitted {
        actors: actors.len().saturating_sub(limit),
        edges: 0,
    };
    actors.truncate(limit);
    let mut kept = vec![false; graph.actor_count()];
    for a in &actors {
        kept[a.index()] = true;
    }
    let window = (request.filter.from, request.filter.to);
    // The same placement as the CLI's state boxes: through parties and bodies, not only direct.
    let blocs = Blocs::new(graph, window.0, window.1);
    let body_of = |a: ActorIndex, kind: ActorKind| -> Option<String> {
        blocs.of(a, kind).map(|b| graph.actor(b).id.clone())
    };
    let nodes = actors
        .iter()
        .map(|&a| EgoNode {
            id: graph.actor(a).id.clone(),
            name: graph.actor(a).name.clone(),
            kind: graph.actor(a).kind,
            state: body_of(a, ActorKind::State),
            party: body_of(a, ActorKind::Party),
            score: score(a),
            meetings: selection
                .meeting_counts
                .get(a.index())
                .copied()
                .unwrap_or(0),
            distance: distance(a),
            community: None,
        })
        .collect();
    let date = |m: Option<&MeetingIndex>| m.map(|&m| graph.meeting(m).date.to_string());
    let mut edges = Vec::new();
    for e in &selection.edges {
        if !(kept[e.a.index()] && kept[e.b.index()]) {
            omitted.edges += 1;
            continue;
        }
        edges.push(EgoEdge {
            a: graph.actor(e.a).id.clone(),
            b: graph.actor(e.b).id.clone(),
            held: e.held,
            meetings: e
                .meetings
                .iter()
                .map(|&m| graph.meeting(m).id.clone())
                .collect(),
            first: date(e.meetings.first()).unwrap_or_default(),
            last: date(e.meetings.last()).unwrap_or_default(),
        });
    }
    let notes = cap_note(omitted, limit, &scores.measure);
    Ok(EgoNetwork {
        centre: graph.actor(request.centre).id.clone(),
        depth: request.depth,
        measure: scores.measure.clone(),
        nodes,
        edges,
        omitted,
        notes,
    })
}

/// [`ego_network`] for every held meeting in any time (the page's usual request), with the cap
/// applied before any edge is gathered: a hub's depth-2 network spans much of a large graph,
/// and only the pairs among the drawn actors, and the number of the others, are needed.
fn capped_held_network(
    graph: &MeetingGraph,
    scores: &ActorScores,
    request: &EgoRequest,
) -> EgoNetwork {
    let n = graph.actor_count();
    let adjacency = graph.adjacency();
    let mut steps = vec![usize::MAX; n];
    steps[request.centre.index()] = 0;
    let mut ego = vec![request.centre];
    let mut frontier = vec![request.centre.0];
    for step in 1..=request.depth {
        let mut next = Vec::new();
        for &v in &frontier {
            for &w in adjacency.neighbors(v) {
                if steps[w as usize] == usize::MAX {
                    steps[w as usize] = step;
                    next.push(w);
                }
            }
        }
        ego.extend(next.iter().map(|&w| ActorIndex(w)));
        frontier = next;
    }
    let reached = ego.len();
    let score = |a: ActorIndex| scores.values.get(a.index()).copied().unwrap_or(0.0);
    let order = |x: &ActorIndex, y: &ActorIndex| {
        steps[x.index()]
            .cmp(&steps[y.index()])
            .then(score(*y).total_cmp(&score(*x)))
            .then_with(|| graph.actor(*x).id.cmp(&graph.actor(*y).id))
    };
    let limit = request.limit.clamp(1, MAX_NODES);
    // Only the drawn actors need their order: a hub's depth 2 reaches most of a large graph.
    if ego.len() > limit {
        ego.select_nth_unstable_by(limit - 1, order);
        ego.truncate(limit);
    }
    ego.sort_by(order);
    let mut kept = vec![false; n];
    for a in &ego {
        kept[a.index()] = true;
    }
    // Pairs among all the reached actors, each counted from its lower end, over the CSR:
    // those not drawn are only counted. In index order, so the CSR is read front to back (in
    // the order of the search it costs twice as much for a hub at depth 2).
    let reached_pairs: usize = steps
        .iter()
        .enumerate()
        .filter(|(_, &s)| s != usize::MAX)
        .map(|(v, _)| {
            let neighbours = adjacency.neighbors(v as u32);
            let above = neighbours.partition_point(|&w| w as usize <= v);
            neighbours[above..]
                .iter()
                .filter(|&&w| steps[w as usize] != usize::MAX)
                .count()
        })
        .sum();
    let date = |m: MeetingIndex| graph.meeting(m).date.to_string();
    let mut edges = Vec::new();
    for &a in &ego {
        for (b, meetings) in graph.upper_pairs(a) {
            if !kept[b.index()] {
                continue;
            }
            let (x, y) = if graph.actor(a).id <= graph.actor(b).id {
                (a, b)
            } else {
                (b, a)
            };
            edges.push(EgoEdge {
                a: graph.actor(x).id.clone(),
                b: graph.actor(y).id.clone(),
                held: true,
                meetings: meetings
                    .iter()
                    .map(|&m| graph.meeting(m).id.clone())
                    .collect(),
                first: meetings.first().map(|&m| date(m)).unwrap_or_default(),
                last: meetings.last().map(|&m| date(m)).unwrap_or_default(),
            });
        }
    }
    let omitted = Omitted {
        actors: reached - ego.len(),
        edges: reached_pairs - edges.len(),
    };
    edges.sort_by(|e, f| (&e.a, &e.b).cmp(&(&f.a, &f.b)));
    let blocs = Blocs::new(graph, None, None);
    let body_of = |a: ActorIndex, kind: ActorKind| -> Option<String> {
        blocs.of(a, kind).map(|b| graph.actor(b).id.clone())
    };
    let times = graph.meeting_times();
    let nodes = ego
        .iter()
        .map(|&a| EgoNode {
            id: graph.actor(a).id.clone(),
            name: graph.actor(a).name.clone(),
            kind: graph.actor(a).kind,
            state: body_of(a, ActorKind::State),
            party: body_of(a, ActorKind::Party),
            score: score(a),
            meetings: times.held_of(a).len(),
            distance: steps[a.index()],
            community: None,
        })
        .collect();
    EgoNetwork {
        centre: graph.actor(request.centre).id.clone(),
        depth: request.depth,
        measure: scores.measure.clone(),
        nodes,
        edges,
        omitted,
        notes: cap_note(omitted, limit, &scores.measure),
    }
}

/// What the cap left out, said.
fn cap_note(omitted: Omitted, limit: usize, measure: &str) -> Vec<String> {
    if omitted.actors == 0 {
        return Vec::new();
    }
    vec![format!(
        "{} of {} actors and {} edges left out: only the {limit} nearest, highest by {measure}, are drawn",
        omitted.actors,
        omitted.actors + limit,
        omitted.edges,
    )]
}

/// Breadth-first steps from the centre over the selected edges.
/// Actors not reached count as `unreached` steps away.
fn distances(
    edges: &[SelectedEdge],
    centre: ActorIndex,
    unreached: usize,
) -> impl Fn(ActorIndex) -> usize {
    let mut adjacency: HashMap<u32, Vec<u32>> = HashMap::new();
    for e in edges {
        adjacency.entry(e.a.0).or_default().push(e.b.0);
        adjacency.entry(e.b.0).or_default().push(e.a.0);
    }
    let mut steps: HashMap<u32, usize> = HashMap::new();
    steps.insert(centre.0, 0);
    let mut queue = VecDeque::from([centre.0]);
    while let Some(v) = queue.pop_front() {
        let d = steps[&v];
        for &w in adjacency.get(&v).map(Vec::as_slice).unwrap_or(&[]) {
            if let Entry::Vacant(slot) = steps.entry(w) {
                slot.insert(d + 1);
                queue.push_back(w);
            }
        }
    }
    move |a: ActorIndex| steps.get(&a.0).copied().unwrap_or(unreached)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo::centrality::Measure;
    use crate::graph::MeetingFilter;
    use crate::store::{load, DataLocation};

    /// The capped route for held meetings draws what the DOT selection route draws.
    #[test]
    fn the_capped_route_matches_the_selection() {
        let graph = load(&DataLocation::Embedded).expect("the bundled data loads");
        let filter = MeetingFilter::default();
        let scores = ActorScores::compute(&graph, &filter, Measure::Degree).expect("scores");
        for centre in (0..graph.actor_count() as u32).map(ActorIndex) {
            for (depth, limit) in [(1, 500), (2, 500), (2, 4), (3, 2)] {
                let request = EgoRequest {
                    centre,
                    depth,
                    filter,
                    limit,
                };
                let capped = capped_held_network(&graph, &scores, &request);
                // The same request through the selection: a window that lets every date in
                // is not `is_all_held`, so it takes the general route.
                let general = EgoRequest {
                    filter: MeetingFilter {
                        from: Some(jiff::civil::Date::MIN),
                        ..filter
                    },
                    ..request.clone()
                };
                let selected = ego_network(&graph, &scores, &general).expect("selects");
                assert_eq!(
                    capped.nodes, selected.nodes,
                    "{centre:?} depth {depth} limit {limit}"
                );
                assert_eq!(
                    capped.edges, selected.edges,
                    "{centre:?} depth {depth} limit {limit}"
                );
                assert_eq!(
                    capped.omitted, selected.omitted,
                    "{centre:?} depth {depth} limit {limit}"
                );
                assert_eq!(capped.notes, selected.notes);
            }
        }
    }
}
