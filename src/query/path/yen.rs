//! The k shortest simple chains between two actors, by Yen's algorithm.

use std::collections::BTreeSet;

use super::search::{shortest_in, Removed, SearchGraph};
use super::{Path, PathOptions};
use crate::graph::MeetingGraph;
use crate::model::ActorIndex;

/// The `k` shortest simple chains from `from` to `to` (Yen's algorithm), shortest first, ties
/// by the actor ids along the chain.
pub fn k_shortest_paths(
    graph: &MeetingGraph,
    from: ActorIndex,
    to: ActorIndex,
    options: &PathOptions,
    k: usize,
) -> Vec<Path> {
    let search = SearchGraph::new(graph, options);
    let key = |p: &Vec<u32>| {
        (
            p.len(),
            p.iter()
                .map(|&v| search.id_of(v).to_string())
                .collect::<Vec<_>>(),
        )
    };
    let mut found: Vec<Vec<u32>> = Vec::new();
    let Some(first) = shortest_in(&search, from.0, to.0, &Removed::default()) else {
        return Vec::new();
    };
    found.push(first);
    let mut candidates: BTreeSet<(usize, Vec<String>, Vec<u32>)> = BTreeSet::new();
    while found.len() < k {
        let last = found.last().expect("non-empty").clone();
        for i in 0..last.len() - 1 {
            let spur = last[i];
            let root = &last[..=i];
            let mut removed = Removed::default();
            for p in &found {
                if p.len() > i && &p[..=i] == root {
                    removed
                        .edges
                        .insert((p[i].min(p[i + 1]), p[i].max(p[i + 1])));
                }
            }
            removed.nodes.extend(root[..i].iter().copied());
            if let Some(spur_path) = shortest_in(&search, spur, to.0, &removed) {
                let mut total = root[..i].to_vec();
                total.extend(spur_path);
                if !found.contains(&total) {
                    let (len, ids) = key(&total);
                    candidates.insert((len, ids, total));
                }
            }
        }
        match candidates.pop_first() {
            Some((_, _, best)) => found.push(best),
            None => break,
        }
    }
    found
        .into_iter()
        .map(|nodes| search.to_path(&nodes))
        .collect()
}
