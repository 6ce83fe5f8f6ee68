//! The graph a static path search walks ([`SearchGraph`]): the met projection in the window,
//! affiliation links, avoided actors; its breadth-first distances and the single shortest
//! chain, ties broken towards smaller ids.

use std::borrow::Cow;
use std::collections::HashSet;

use super::{Hop, Path, PathOptions, Via};
use crate::algo::bidirectional::PathFinder;
use crate::graph::{Adjacency, MeetingGraph};
use crate::model::{ActorIndex, ActorKind};

/// The graph a path search walks: the met projection in the window, plus affiliation links,
/// minus avoided actors.
pub struct SearchGraph<'a> {
    /// The meeting graph.
    pub(super) graph: &'a MeetingGraph,
    /// The met projection in the window.
    pub(super) adjacency: Cow<'a, Adjacency>,
    affiliation_links: Vec<Vec<(u32, usize)>>,
    blocked: Vec<bool>,
    /// The options, status forced to held.
    pub(super) options: PathOptions,
}

impl<'a> SearchGraph<'a> {
    /// Prepares the search graph for `options`.
    pub fn new(graph: &'a MeetingGraph, options: &PathOptions) -> Self {
        let mut options = options.clone();
        options.filter.status = Some(crate::model::Status::Held);
        let adjacency = graph.projection(&options.filter);
        let mut affiliation_links = Vec::new();
        if options.via_affiliations {
            affiliation_links = vec![Vec::new(); graph.actor_count()];
            for (i, affiliation) in graph.data().affiliations.iter().enumerate() {
                if affiliation.overlaps(options.filter.from, options.filter.to) {
                    affiliation_links[affiliation.actor.index()].push((affiliation.of.0, i));
                    affiliation_links[affiliation.of.index()].push((affiliation.actor.0, i));
                }
            }
            for links in &mut affiliation_links {
                links.sort_unstable();
                links.dedup_by_key(|(other, _)| *other);
            }
        }
        let blocked = options.actors.blocked(graph);
        SearchGraph {
            graph,
            adjacency,
            affiliation_links,
            blocked,
            options,
        }
    }

    /// Actors in the graph.
    pub(super) fn node_count(&self) -> usize {
        self.graph.actor_count()
    }

    /// True when `v` may appear inside a chain from `from` to `to`.
    pub(super) fn may_pass(&self, v: u32, from: u32, to: u32) -> bool {
        if v == from || v == to {
            return true;
        }
        if self.blocked[v as usize] {
            return false;
        }
        let actor_kind = self.graph.actor(ActorIndex(v)).kind;
        self.options.actors.kind_allows(actor_kind)
            || (self.options.via_affiliations
                && actor_kind != ActorKind::Person
                && !self.affiliation_links[v as usize].is_empty())
    }

    /// Calls `visit` on each neighbour of `v`; stops early when it returns false.
    pub(super) fn neighbors(&self, v: u32, mut visit: impl FnMut(u32) -> bool) -> bool {
        for &w in self.adjacency.neighbors(v) {
            if !visit(w) {
                return false;
            }
        }
        if let Some(links) = self.affiliation_links.get(v as usize) {
            for &(w, _) in links {
                if !visit(w) {
                    return false;
                }
            }
        }
        true
    }

    /// Breadth-first distances from `source` over actors allowed in a `from`–`to` chain.
    pub(super) fn distances(&self, source: u32, from: u32, to: u32, removed: &Removed) -> Vec<u32> {
        let mut dist = vec![u32::MAX; self.node_count()];
        if removed.nodes.contains(&source) {
            return dist;
        }
        dist[source as usize] = 0;
        let mut queue = std::collections::VecDeque::from([source]);
        while let Some(v) = queue.pop_front() {
            // Only endpoints stop here: an endpoint is never an intermediate.
            if v != source && (v == from || v == to) {
                continue;
            }
            let next = dist[v as usize] + 1;
            self.neighbors(v, |w| {
                if dist[w as usize] == u32::MAX
                    && self.may_pass(w, from, to)
                    && !removed.blocks(v, w)
                {
                    dist[w as usize] = next;
                    queue.push_back(w);
                }
                true
            });
        }
        dist
    }

    /// The hop between two adjacent actors of a chain.
    pub(super) fn hop(&self, a: u32, b: u32) -> Hop {
        let (from, to) = (ActorIndex(a), ActorIndex(b));
        let meetings = self.graph.between(from, to, &self.options.filter);
        if let Some(&first) = meetings.first() {
            return Hop {
                from,
                to,
                via: Via::Meeting(first),
                meetings: meetings.len(),
            };
        }
        let link = self.affiliation_links[a as usize]
            .iter()
            .find(|(w, _)| *w == b)
            .map(|(_, i)| *i)
            .expect("a hop rests on a meeting or an affiliation");
        Hop {
            from,
            to,
            via: Via::Affiliation(link),
            meetings: 0,
        }
    }

    /// The chain through `nodes`.
    pub(super) fn to_path(&self, nodes: &[u32]) -> Path {
        Path {
            actors: nodes.iter().map(|&v| ActorIndex(v)).collect(),
            hops: nodes.windows(2).map(|w| self.hop(w[0], w[1])).collect(),
        }
    }

    /// The id of actor `v`.
    pub(super) fn id_of(&self, v: u32) -> &str {
        &self.graph.actor(ActorIndex(v)).id
    }
}

/// Nodes and edges a Yen spur search may not use.
#[derive(Default)]
pub(super) struct Removed {
    /// Nodes the search may not enter.
    pub(super) nodes: HashSet<u32>,
    /// Edges (smaller end first) it may not use.
    pub(super) edges: HashSet<(u32, u32)>,
}

impl Removed {
    /// True when the step `v` → `w` is removed.
    pub(super) fn blocks(&self, v: u32, w: u32) -> bool {
        self.nodes.contains(&w) || self.edges.contains(&(v.min(w), v.max(w)))
    }
}

/// True when the options constrain nothing, so the plain bidirectional search applies.
fn plain(options: &PathOptions) -> bool {
    options.actors.is_empty() && !options.via_affiliations
}

/// A shortest path in the search graph, ties broken towards smaller actor ids at each step.
pub(super) fn shortest_in(
    search: &SearchGraph<'_>,
    from: u32,
    to: u32,
    removed: &Removed,
) -> Option<Vec<u32>> {
    if plain(&search.options) && removed.nodes.is_empty() && removed.edges.is_empty() {
        return PathFinder::new(&search.adjacency).shortest(from, to);
    }
    let dist_to = search.distances(to, from, to, removed);
    if dist_to[from as usize] == u32::MAX {
        return None;
    }
    let mut path = vec![from];
    let mut v = from;
    while v != to {
        let want = dist_to[v as usize] - 1;
        let mut best: Option<u32> = None;
        search.neighbors(v, |w| {
            if dist_to[w as usize] == want
                && !removed.blocks(v, w)
                && best.is_none_or(|b| search.id_of(w) < search.id_of(b))
            {
                best = Some(w);
            }
            true
        });
        v = best.expect("distances lead to the target");
        path.push(v);
    }
    Some(path)
}
