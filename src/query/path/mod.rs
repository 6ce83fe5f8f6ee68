//! Shortest chains of meetings between two actors: one or all shortest (`shortest`), the k
//! shortest (Yen, `yen`), with actors avoided, intermediates restricted by kind, and
//! optional hops through a shared party, state or organisation; the search graph in
//! `search`, the reported rows in `report`.

mod report;
mod search;
mod shortest;
mod yen;

use crate::graph::MeetingFilter;
use crate::model::{ActorIndex, MeetingIndex};

pub use crate::query::constraints::ActorConstraints;
pub use report::{explain_miss, path_query, HopRow, PathReport, PathRow};
pub use search::SearchGraph;
pub use shortest::{all_shortest_paths, shortest_path};
pub use yen::k_shortest_paths;

/// Constraints on the chains a path query may use.
#[derive(Debug, Clone, Default)]
pub struct PathOptions {
    /// Window of meetings used; only held meetings count.
    pub filter: MeetingFilter,
    /// Actors avoided, and the kind intermediates must be (affiliation bodies excepted).
    pub actors: ActorConstraints,
    /// Lets a hop go from a member to its party, state or organisation and on to another member.
    pub via_affiliations: bool,
}

/// What a hop rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// A held meeting of both actors (the earliest in the window).
    Meeting(MeetingIndex),
    /// An affiliation (index into `Dataset::affiliations`) of one actor to the other.
    Affiliation(usize),
}

/// One step of a chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hop {
    /// Where the step starts.
    pub from: ActorIndex,
    /// Where it ends.
    pub to: ActorIndex,
    /// The meeting or affiliation it rests on.
    pub via: Via,
    /// Held meetings of the pair in the window (0 for an affiliation hop).
    pub meetings: usize,
}

impl Hop {
    /// The meeting this hop cites, if it is a meeting hop.
    pub fn meeting(&self) -> Option<MeetingIndex> {
        match self.via {
            Via::Meeting(m) => Some(m),
            Via::Affiliation(_) => None,
        }
    }
}

/// A chain of actors and the hops between them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Path {
    /// Actors from start to end.
    pub actors: Vec<ActorIndex>,
    /// One hop per consecutive pair of actors.
    pub hops: Vec<Hop>,
}

/// Which paths a query asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathMode {
    /// One shortest path.
    One,
    /// Every shortest path (up to a limit).
    All(usize),
    /// The k shortest simple paths.
    Shortest(usize),
}
