//! Which state or party an actor belongs with: the nearest body of that kind along its
//! affiliations (a vice chairman of a ruling party sits with the party's state). Drawings box
//! actors by it and exports label them, so both give the same answer.

use std::collections::BTreeMap;

use jiff::civil::Date;

use super::MeetingGraph;
use crate::model::{ActorIndex, ActorKind};

/// How many affiliation steps a placement may take: person, committee, party, state.
pub const MAX_STEPS: usize = 3;

/// The affiliations that run in a window, ready to follow.
#[derive(Debug, Clone)]
pub struct Blocs<'g> {
    graph: &'g MeetingGraph,
    bodies: BTreeMap<ActorIndex, Vec<ActorIndex>>,
}

impl<'g> Blocs<'g> {
    /// The affiliations of `graph` that may have run in `from..=to`.
    pub fn new(graph: &'g MeetingGraph, from: Option<Date>, to: Option<Date>) -> Self {
        let mut bodies: BTreeMap<ActorIndex, Vec<ActorIndex>> = BTreeMap::new();
        for f in &graph.data().affiliations {
            if f.overlaps(from, to) {
                bodies.entry(f.actor).or_default().push(f.of);
            }
        }
        Blocs { graph, bodies }
    }

    /// The actor of `kind` that `actor` belongs with: itself when of that kind, else the
    /// nearest body of that kind within [`MAX_STEPS`] affiliations, the first by id at the
    /// same distance. A state is nobody's member, so ties never run through one. `None` when
    /// the data ties it to none.
    ///
    /// ```
    /// use whomet::graph::blocs::Blocs;
    /// use whomet::model::ActorKind;
    /// let graph = whomet::store::load(&whomet::store::DataLocation::Embedded)?;
    /// let choe = graph.actor_by_id("choe-ryong-hae").unwrap();
    /// let dprk = graph.actor_by_id("dprk").unwrap();
    /// assert_eq!(Blocs::new(&graph, None, None).of(choe, ActorKind::State), Some(dprk));
    /// # Ok::<(), whomet::store::LoadError>(())
    /// ```
    pub fn of(&self, actor: ActorIndex, kind: ActorKind) -> Option<ActorIndex> {
        let graph = self.graph;
        if graph.actor(actor).kind == kind {
            return Some(actor);
        }
        let mut frontier = vec![actor];
        let mut seen = vec![actor];
        for _ in 0..MAX_STEPS {
            let mut next: Vec<ActorIndex> = frontier
                .iter()
                .flat_map(|x| self.bodies.get(x).into_iter().flatten().copied())
                .filter(|b| !seen.contains(b))
                .collect();
            next.sort_by(|x, y| graph.actor(*x).id.cmp(&graph.actor(*y).id));
            next.dedup();
            if let Some(&found) = next.iter().find(|&&b| graph.actor(b).kind == kind) {
                return Some(found);
            }
            next.retain(|&b| graph.actor(b).kind != ActorKind::State);
            seen.extend(next.iter().copied());
            frontier = next;
        }
        None
    }
}
