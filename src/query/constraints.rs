//! Which actors a chain may pass through, shared by the static path search
//! ([`crate::query::path`]) and the time-ordered one ([`crate::query::temporal`]).

use crate::graph::MeetingGraph;
use crate::model::{ActorIndex, ActorKind};

/// Constraints on the intermediate actors of a chain; the chain's ends are always allowed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActorConstraints {
    /// Actors a chain must not pass through.
    pub avoid: Vec<ActorIndex>,
    /// When set, intermediate actors must be of this kind (the static search also lets
    /// affiliation bodies through when it hops via affiliations).
    pub only_kind: Option<ActorKind>,
}

impl ActorConstraints {
    /// Constraints that only avoid `avoid`.
    pub fn avoiding(avoid: Vec<ActorIndex>) -> Self {
        ActorConstraints {
            avoid,
            only_kind: None,
        }
    }

    /// True when nothing is constrained.
    pub fn is_empty(&self) -> bool {
        self.avoid.is_empty() && self.only_kind.is_none()
    }

    /// Per actor of `graph`: true when it is avoided.
    pub(crate) fn blocked(&self, graph: &MeetingGraph) -> Vec<bool> {
        let mut blocked = vec![false; graph.actor_count()];
        for a in &self.avoid {
            blocked[a.index()] = true;
        }
        blocked
    }

    /// True when an actor of `kind` passes `only_kind`.
    #[inline]
    pub(crate) fn kind_allows(&self, kind: ActorKind) -> bool {
        self.only_kind.is_none_or(|k| k == kind)
    }
}
