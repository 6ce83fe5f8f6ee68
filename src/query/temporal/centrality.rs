//! Temporal closeness and betweenness over shortest time-respecting chains (fewest meetings
//! among the chains that respect time order; the "shortest" notion of Buß et al., KDD 2020).
//!
//! - Temporal closeness of v: Σ 1/h(v, u) over the actors u ≠ v that a chain from v reaches,
//!   h being its fewest meetings (harmonic, unnormalized, as the static `harmonic`).
//! - Temporal betweenness of v: Σ σ_st(v)/σ_st over ordered pairs s ≠ v ≠ t with a chain,
//!   σ_st counting the shortest time-respecting chains from s to t (distinct sequences of
//!   actors and meetings) and σ_st(v) those through v, times 1/((n − 1)(n − 2)).
//!
//! Chains are possible or certain, in the window, as for `path --in-time-order`. Prefixes of
//! shortest chains need not be shortest, so counting runs over states (actor, arrival day)
//! in layers by hops: a state's future depends only on its day, and a shortest chain never
//! repeats an actor (cutting the loop would shorten it), so counting walks counts chains.

use hashbrown::HashMap;
use rayon::prelude::*;

use super::{Search, TemporalOptions};
use crate::graph::MeetingGraph;
use crate::model::ActorIndex;

/// Sources per group: groups are summed in order so results do not depend on thread count.
const GROUP: usize = 16;

/// Fewest meetings from `source` to every actor (`u32::MAX` when unreached), by rounds.
fn hop_distances(search: &Search<'_>, source: ActorIndex) -> Vec<u32> {
    let times = search.graph.meeting_times();
    let n = search.graph.actor_count();
    let mut hops = vec![u32::MAX; n];
    let mut day = vec![i32::MAX; n];
    hops[source.index()] = 0;
    day[source.index()] = search.from_day;
    let mut changed = vec![source.0];
    let mut next: Vec<(u32, i32)> = Vec::new();
    let mut round = 0;
    while !changed.is_empty() {
        round += 1;
        for &v in &changed {
            let t = day[v as usize];
            for entry in times.held_of(ActorIndex(v)) {
                let Some(at) = search.traverse(t, entry.meeting, true) else {
                    continue;
                };
                for_each_receiver(times, entry.meeting, v, |u| {
                    if at < day[u as usize] {
                        next.push((u, at));
                    }
                });
            }
        }
        changed.clear();
        for &(u, at) in &next {
            if at < day[u as usize] {
                if hops[u as usize] == u32::MAX {
                    hops[u as usize] = round;
                }
                day[u as usize] = at;
                changed.push(u);
            }
        }
        changed.sort_unstable();
        changed.dedup();
        next.clear();
    }
    hops
}

/// Calls `f` for each participant of meeting `m` on another side than `v`.
#[inline]
fn for_each_receiver(
    times: &crate::graph::MeetingTimes,
    m: crate::model::MeetingIndex,
    v: u32,
    mut f: impl FnMut(u32),
) {
    let participants = times.participants(m);
    let sides = times.sides(m);
    let v_side = participants.iter().position(|&u| u == v).map(|i| sides[i]);
    for (&u, &side) in participants.iter().zip(sides) {
        if Some(side) != v_side {
            f(u);
        }
    }
}

/// Temporal closeness of every actor (see the module docs); of `options` only the window
/// and the certainty are used.
///
/// Complexity: O(n · H · P) for H rounds and P participations of held meetings.
///
/// ```
/// use whomet::query::temporal::{temporal_closeness, TemporalOptions};
/// use whomet::store::{load, DataLocation};
/// let graph = load(&DataLocation::Embedded)?;
/// let scores = temporal_closeness(&graph, &TemporalOptions::default());
/// assert_eq!(scores.len(), graph.actor_count());
/// # Ok::<(), whomet::Error>(())
/// ```
pub fn temporal_closeness(graph: &MeetingGraph, options: &TemporalOptions) -> Vec<f64> {
    let search = Search::new(graph, options, None);
    (0..graph.actor_count() as u32)
        .into_par_iter()
        .map(|s| {
            hop_distances(&search, ActorIndex(s))
                .iter()
                .filter(|&&h| h != 0 && h != u32::MAX)
                .fold(0.0, |total, &h| total + 1.0 / f64::from(h))
        })
        .collect()
}

/// Exact temporal betweenness of every actor (see the module docs); of `options` only the
/// window and the certainty are used.
///
/// Complexity: per source, O(Σ_states deg) over the layered states (actor, day), at most
/// H · P states for H layers and P participations; in practice far slower than static
/// betweenness, so large graphs use [`temporal_betweenness_from_sources`].
///
/// ```
/// use whomet::query::temporal::{temporal_betweenness, TemporalOptions};
/// use whomet::store::{load, DataLocation};
/// let graph = load(&DataLocation::Embedded)?;
/// let scores = temporal_betweenness(&graph, &TemporalOptions::default());
/// assert!(scores.iter().all(|&b| (0.0..=1.0).contains(&b)));
/// # Ok::<(), whomet::Error>(())
/// ```
pub fn temporal_betweenness(graph: &MeetingGraph, options: &TemporalOptions) -> Vec<f64> {
    let sources: Vec<u32> = (0..graph.actor_count() as u32).collect();
    temporal_betweenness_from_sources(graph, &sources, options)
}

/// Temporal betweenness estimated from the distinct `sources` (e.g.
/// [`crate::algo::centrality::sample_sources`]): their dependencies summed, times n / k,
/// normalized as the exact measure; exact when every actor is a source.
///
/// Each source adds at most n − 2 to an actor's unnormalized sum, so by Hoeffding's bound
/// (which holds for sampling without replacement) the normalized estimate is within
/// ε = √(ln(2/δ) / (2k)) · n/(n − 1) of the exact value with probability 1 − δ, per actor.
pub fn temporal_betweenness_from_sources(
    graph: &MeetingGraph,
    sources: &[u32],
    options: &TemporalOptions,
) -> Vec<f64> {
    let n = graph.actor_count();
    if n < 3 || sources.is_empty() {
        return vec![0.0; n];
    }
    let search = Search::new(graph, options, None);
    let groups: Vec<Vec<f64>> = sources
        .par_chunks(GROUP)
        .map(|group| {
            let mut sum = vec![0.0; n];
            for &s in group {
                add_dependencies(&search, ActorIndex(s), &mut sum);
            }
            sum
        })
        .collect();
    let mut total = vec![0.0; n];
    for group in groups {
        for (t, g) in total.iter_mut().zip(group) {
            *t += g;
        }
    }
    let scale = (n as f64 / sources.len() as f64) / ((n - 1) as f64 * (n - 2) as f64);
    total.iter().map(|&x| x * scale).collect()
}

/// A layer's state: an actor holding the word from a day, and the walks reaching it.
struct State {
    actor: u32,
    day: i32,
    walks: f64,
}

/// Adds to `sum[v]` the dependency of `source` on every v: Σ_t σ_st(v)/σ_st.
fn add_dependencies(search: &Search<'_>, source: ActorIndex, sum: &mut [f64]) {
    let times = search.graph.meeting_times();
    let hops = hop_distances(search, source);
    let deepest = hops
        .iter()
        .filter(|&&h| h != u32::MAX)
        .max()
        .copied()
        .unwrap_or(0) as usize;
    // layers[i]: states reached in exactly i meetings; edges[i]: (state in i, state in i + 1)
    // once per (meeting, receiver), so parallel chains are counted apart.
    let mut layers: Vec<Vec<State>> = vec![vec![State {
        actor: source.0,
        day: search.from_day,
        walks: 1.0,
    }]];
    let mut edges: Vec<Vec<(u32, u32)>> = Vec::new();
    for depth in 0..deepest {
        let mut next: Vec<State> = Vec::new();
        let mut index: HashMap<(u32, i32), u32> = HashMap::new();
        let mut links = Vec::new();
        for (xi, x) in layers[depth].iter().enumerate() {
            for entry in times.held_of(ActorIndex(x.actor)) {
                let Some(at) = search.traverse(x.day, entry.meeting, true) else {
                    continue;
                };
                for_each_receiver(times, entry.meeting, x.actor, |u| {
                    // A shortest chain never comes back to its source.
                    if u == source.0 {
                        return;
                    }
                    let yi = *index.entry((u, at)).or_insert_with(|| {
                        next.push(State {
                            actor: u,
                            day: at,
                            walks: 0.0,
                        });
                        next.len() as u32 - 1
                    });
                    next[yi as usize].walks += x.walks;
                    links.push((xi as u32, yi));
                });
            }
        }
        layers.push(next);
        edges.push(links);
    }
    // σ_st: walks into t's states on the layer of its fewest hops.
    let n = hops.len();
    let mut shortest = vec![0.0; n];
    for (depth, layer) in layers.iter().enumerate() {
        for x in layer {
            if hops[x.actor as usize] as usize == depth {
                shortest[x.actor as usize] += x.walks;
            }
        }
    }
    // δ(x) = [x ends a shortest chain]/σ_s,actor(x) + Σ δ over x's successors, from the last
    // layer back; an actor gains walks(x) · (δ(x) − its own ending) for each of its states.
    let mut after: Vec<f64> = Vec::new();
    for depth in (1..layers.len()).rev() {
        let layer = &layers[depth];
        let mut onward = vec![0.0; layer.len()];
        if let Some(links) = edges.get(depth) {
            for &(xi, yi) in links {
                onward[xi as usize] += after[yi as usize];
            }
        }
        let mut delta = vec![0.0; layer.len()];
        for (i, x) in layer.iter().enumerate() {
            let v = x.actor as usize;
            sum[v] += x.walks * onward[i];
            let ends = if hops[v] as usize == depth {
                1.0 / shortest[v]
            } else {
                0.0
            };
            delta[i] = ends + onward[i];
        }
        after = delta;
    }
}
