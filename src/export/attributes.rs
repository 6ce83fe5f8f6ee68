//! The facts GraphML and GEXF attach to nodes and edges beyond the pairs that met: each
//! actor's state and party bloc, its meeting counts and active span, and each pair's
//! meetings that did not take place, so that a network tool can colour, filter and play them.

use std::collections::HashMap;

use jiff::civil::Date;

use crate::export::selection::Selection;
use crate::graph::blocs::Blocs;
use crate::model::{ActorIndex, ActorKind, Status};

/// What the exports say about one actor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NodeFacts {
    /// The id of the state it serves (see [`Blocs::of`]).
    pub state: Option<String>,
    /// The id of its party.
    pub party: Option<String>,
    /// Selected held meetings it took part in.
    pub held: usize,
    /// Selected meetings it was in that did not take place (scheduled, cancelled, declined).
    pub not_held: usize,
    /// The earliest possible day of its first selected meeting.
    pub first: Option<Date>,
    /// The latest possible day of its last selected meeting.
    pub last: Option<Date>,
    /// Its Leiden community, when the export asks for communities.
    pub community: Option<u32>,
}

/// Counts of one pair's selected meetings that did not take place, by status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NotHeld {
    /// Announced, not reported as held.
    pub scheduled: usize,
    /// Called off.
    pub cancelled: usize,
    /// Refused or snubbed.
    pub declined: usize,
}

/// Node and pair facts of a selection.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// Per selected actor, aligned with [`Selection::actors`].
    pub nodes: Vec<NodeFacts>,
    /// Per pair (smaller index first) with meetings across sides that did not take place.
    pub not_held: HashMap<(ActorIndex, ActorIndex), NotHeld>,
}

impl Facts {
    /// The non-held counts of the pair `a`, `b`.
    pub fn pair(&self, a: ActorIndex, b: ActorIndex) -> NotHeld {
        let key = if a.index() < b.index() {
            (a, b)
        } else {
            (b, a)
        };
        self.not_held.get(&key).copied().unwrap_or_default()
    }

    /// Pairs whose only selected meetings did not take place: no edge stands for them.
    pub fn pairs_without_edge(&self, selection: &Selection<'_>) -> usize {
        let met: std::collections::HashSet<(ActorIndex, ActorIndex)> = selection
            .pairs()
            .map(|p| {
                if p.a.index() < p.b.index() {
                    (p.a, p.b)
                } else {
                    (p.b, p.a)
                }
            })
            .collect();
        self.not_held.keys().filter(|k| !met.contains(k)).count()
    }
}

/// Sets each node's community from `communities` (by actor index, as
/// [`crate::query::communities::membership`] gives).
pub fn attach_communities(
    facts: &mut Facts,
    selection: &Selection<'_>,
    communities: &[Option<u32>],
) {
    for (&a, node) in selection.actors.iter().zip(facts.nodes.iter_mut()) {
        node.community = communities.get(a.index()).copied().flatten();
    }
}

/// The facts of `selection`, with blocs taken over the selection's window.
pub fn facts(selection: &Selection<'_>) -> Facts {
    let graph = selection.graph;
    let window = (selection.filter.meetings.from, selection.filter.meetings.to);
    let mut position = vec![usize::MAX; graph.actor_count()];
    for (i, &a) in selection.actors.iter().enumerate() {
        position[a.index()] = i;
    }
    let blocs = Blocs::new(graph, window.0, window.1);
    let bloc =
        |a: ActorIndex, kind: ActorKind| blocs.of(a, kind).map(|b| graph.actor(b).id.clone());
    let mut nodes: Vec<NodeFacts> = selection
        .actors
        .iter()
        .map(|&a| NodeFacts {
            state: bloc(a, ActorKind::State),
            party: bloc(a, ActorKind::Party),
            ..NodeFacts::default()
        })
        .collect();
    let mut not_held: HashMap<(ActorIndex, ActorIndex), NotHeld> = HashMap::new();
    for selected in &selection.meetings {
        let meeting = graph.meeting(selected.index);
        for &a in &selected.participants {
            let node = &mut nodes[position[a.index()]];
            if meeting.status == Status::Held {
                node.held += 1;
            } else {
                node.not_held += 1;
            }
            let (start, end) = (meeting.date.earliest(), meeting.date.latest());
            node.first = Some(node.first.map_or(start, |f| f.min(start)));
            node.last = Some(node.last.map_or(end, |l| l.max(end)));
        }
        if meeting.status == Status::Held || meeting.is_presence() {
            continue;
        }
        let kept = |a: ActorIndex| selected.participants.contains(&a);
        for (a, b) in meeting.cross_pairs().filter(|&(a, b)| kept(a) && kept(b)) {
            let key = if a.index() < b.index() {
                (a, b)
            } else {
                (b, a)
            };
            let counts = not_held.entry(key).or_default();
            match meeting.status {
                Status::Scheduled => counts.scheduled += 1,
                Status::Cancelled => counts.cancelled += 1,
                Status::Declined => counts.declined += 1,
                Status::Held => {}
            }
        }
    }
    Facts { nodes, not_held }
}
