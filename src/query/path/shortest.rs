//! The shortest chain between two actors, and every shortest chain.

use super::search::{shortest_in, Removed, SearchGraph};
use super::{Path, PathOptions};
use crate::graph::MeetingGraph;
use crate::model::ActorIndex;

/// One shortest chain of meetings from `from` to `to`, if any.
///
/// ```
/// use whomet::query::path::{shortest_path, PathOptions};
/// use whomet::store::{load, DataLocation};
/// let graph = load(&DataLocation::Embedded)?;
/// let xi = graph.actor_by_id("xi-jinping").unwrap();
/// let kim = graph.actor_by_id("kim-jong-un").unwrap();
/// let path = shortest_path(&graph, xi, kim, &PathOptions::default()).unwrap();
/// assert_eq!(path.hops.len(), 2); // via the Cuban envoy Salvador Valdes Mesa
/// # Ok::<(), whomet::store::LoadError>(())
/// ```
pub fn shortest_path(
    graph: &MeetingGraph,
    from: ActorIndex,
    to: ActorIndex,
    options: &PathOptions,
) -> Option<Path> {
    let search = SearchGraph::new(graph, options);
    shortest_in(&search, from.0, to.0, &Removed::default()).map(|nodes| search.to_path(&nodes))
}

/// Every shortest chain from `from` to `to`, in order of actor ids along the chain, at most
/// `limit` of them.
pub fn all_shortest_paths(
    graph: &MeetingGraph,
    from: ActorIndex,
    to: ActorIndex,
    options: &PathOptions,
    limit: usize,
) -> Vec<Path> {
    let search = SearchGraph::new(graph, options);
    let removed = Removed::default();
    let dist_to = search.distances(to.0, from.0, to.0, &removed);
    if dist_to[from.index()] == u32::MAX {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut stack = vec![from.0];
    enumerate_shortest(&search, &dist_to, to.0, &mut stack, &mut out, limit);
    out.into_iter()
        .map(|nodes| search.to_path(&nodes))
        .collect()
}

/// Depth-first listing of the chains from the top of `stack` down the distances to `to`.
fn enumerate_shortest(
    search: &SearchGraph<'_>,
    dist_to: &[u32],
    to: u32,
    stack: &mut Vec<u32>,
    out: &mut Vec<Vec<u32>>,
    limit: usize,
) {
    if out.len() >= limit {
        return;
    }
    let v = *stack.last().expect("non-empty");
    if v == to {
        out.push(stack.clone());
        return;
    }
    let want = dist_to[v as usize] - 1;
    let mut next: Vec<u32> = Vec::new();
    search.neighbors(v, |w| {
        if dist_to[w as usize] == want {
            next.push(w);
        }
        true
    });
    next.sort_by(|a, b| search.id_of(*a).cmp(search.id_of(*b)));
    next.dedup();
    for w in next {
        stack.push(w);
        enumerate_shortest(search, dist_to, to, stack, out, limit);
        stack.pop();
    }
}
