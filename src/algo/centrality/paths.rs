//! Shortest-path measures: betweenness (Brandes), closeness and harmonic centrality, each
//! source searched independently and the sources spread over rayon's threads.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use rayon::prelude::*;

use crate::graph::Adjacency;

/// Distance marker of a node the current search has not reached.
const UNSEEN: u32 = u32::MAX;

/// Fixed number of source groups for betweenness. Each group owns one accumulator and the
/// groups are summed in order, so the floating-point result does not depend on how many
/// threads ran or how rayon scheduled them.
const SOURCE_GROUPS: usize = 16;

/// Per-thread buffers of one single-source search, reset after each source by walking only
/// the nodes that search reached.
struct Scratch {
    hops: Vec<u32>,
    length: Vec<f64>,
    done: Vec<bool>,
    sigma: Vec<f64>,
    delta: Vec<f64>,
    order: Vec<u32>,
    heap: BinaryHeap<Entry>,
}

impl Scratch {
    fn new(n: usize) -> Self {
        Scratch {
            hops: vec![UNSEEN; n],
            length: vec![f64::INFINITY; n],
            done: vec![false; n],
            sigma: vec![0.0; n],
            delta: vec![0.0; n],
            order: Vec::with_capacity(n),
            heap: BinaryHeap::new(),
        }
    }

    fn reset(&mut self) {
        for &v in &self.order {
            let v = v as usize;
            self.hops[v] = UNSEEN;
            self.length[v] = f64::INFINITY;
            self.done[v] = false;
            self.sigma[v] = 0.0;
            self.delta[v] = 0.0;
        }
        self.order.clear();
        self.heap.clear();
    }
}

/// A Dijkstra queue entry, smallest distance first, ties by insertion number (as networkx
/// breaks them) so the search order is reproducible.
#[derive(Debug, Clone, Copy)]
struct Entry {
    dist: f64,
    seq: u64,
    node: u32,
}

impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Entry {}

impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Entry {
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .dist
            .total_cmp(&self.dist)
            .then_with(|| other.seq.cmp(&self.seq))
    }
}

/// Length of an edge when weights are distances: more meetings, shorter distance.
fn edge_length(weight: u32) -> f64 {
    1.0 / f64::from(weight)
}

/// Breadth-first search from `s`, filling `order` (non-decreasing distance), `hops` and `sigma`.
fn bfs_paths(g: &Adjacency, s: u32, sc: &mut Scratch) {
    sc.hops[s as usize] = 0;
    sc.sigma[s as usize] = 1.0;
    sc.order.push(s);
    let mut head = 0;
    while head < sc.order.len() {
        let v = sc.order[head];
        head += 1;
        let next = sc.hops[v as usize] + 1;
        let sigma_v = sc.sigma[v as usize];
        for &w in g.neighbors(v) {
            let w = w as usize;
            if sc.hops[w] == UNSEEN {
                sc.hops[w] = next;
                sc.order.push(w as u32);
            }
            if sc.hops[w] == next {
                sc.sigma[w] += sigma_v;
            }
        }
    }
}

/// Dijkstra from `s` with edge length 1/weight, filling `order` (non-decreasing distance),
/// `length` and `sigma`. Distances are summed along each path in the same order as networkx,
/// so exact ties between paths are recognised the same way.
fn dijkstra_paths(g: &Adjacency, s: u32, sc: &mut Scratch) {
    let mut seq = 0u64;
    sc.length[s as usize] = 0.0;
    sc.sigma[s as usize] = 1.0;
    sc.heap.push(Entry {
        dist: 0.0,
        seq,
        node: s,
    });
    while let Some(Entry { dist, node: v, .. }) = sc.heap.pop() {
        if sc.done[v as usize] {
            continue;
        }
        sc.done[v as usize] = true;
        sc.order.push(v);
        let sigma_v = sc.sigma[v as usize];
        for (&w, &weight) in g.neighbors(v).iter().zip(g.weights(v)) {
            let wi = w as usize;
            if sc.done[wi] {
                continue;
            }
            let candidate = dist + edge_length(weight);
            if candidate < sc.length[wi] {
                sc.length[wi] = candidate;
                sc.sigma[wi] = sigma_v;
                seq += 1;
                sc.heap.push(Entry {
                    dist: candidate,
                    seq,
                    node: w,
                });
            } else if candidate == sc.length[wi] {
                sc.sigma[wi] += sigma_v;
            }
        }
    }
    // The heap runs dry, so every node whose buffers were touched was settled and is in
    // `order`, which is all the reset walks.
}

/// Adds the dependencies of every node on source `s` to `acc` (Brandes' backward pass).
fn accumulate(g: &Adjacency, s: u32, weighted: bool, sc: &mut Scratch, acc: &mut [f64]) {
    if weighted {
        dijkstra_paths(g, s, sc);
    } else {
        bfs_paths(g, s, sc);
    }
    for i in (0..sc.order.len()).rev() {
        let w = sc.order[i];
        let wi = w as usize;
        let coeff = (1.0 + sc.delta[wi]) / sc.sigma[wi];
        if weighted {
            let lw = sc.length[wi];
            for (&v, &weight) in g.neighbors(w).iter().zip(g.weights(w)) {
                let vi = v as usize;
                if sc.length[vi] + edge_length(weight) == lw {
                    sc.delta[vi] += sc.sigma[vi] * coeff;
                }
            }
        } else {
            let hw = sc.hops[wi];
            for &v in g.neighbors(w) {
                let vi = v as usize;
                if sc.hops[vi].wrapping_add(1) == hw {
                    sc.delta[vi] += sc.sigma[vi] * coeff;
                }
            }
        }
        if w != s {
            acc[wi] += sc.delta[wi];
        }
    }
    sc.reset();
}

/// Raw Brandes dependencies summed over `sources` (each ordered pair counted once per
/// direction), in parallel when `parallel` is set. The result is the same either way.
pub(crate) fn dependencies(
    g: &Adjacency,
    sources: &[u32],
    weighted: bool,
    parallel: bool,
) -> Vec<f64> {
    let n = g.node_count();
    let groups = SOURCE_GROUPS.min(sources.len()).max(1);
    let run_group = |group: usize| {
        let mut sc = Scratch::new(n);
        let mut acc = vec![0.0; n];
        // Interleaved groups: low ids are often hubs, so contiguous blocks would be uneven.
        for &s in sources.iter().skip(group).step_by(groups) {
            if g.degree(s) > 0 {
                accumulate(g, s, weighted, &mut sc, &mut acc);
            }
        }
        acc
    };
    let partial: Vec<Vec<f64>> = if parallel {
        (0..groups).into_par_iter().map(run_group).collect()
    } else {
        (0..groups).map(run_group).collect()
    };
    let mut total = vec![0.0; n];
    for acc in partial {
        for (t, a) in total.iter_mut().zip(acc) {
            *t += a;
        }
    }
    total
}

/// Exact normalized betweenness: networkx's scale 1/((n−1)(n−2)) over ordered pairs.
pub(crate) fn betweenness(g: &Adjacency, weighted: bool, parallel: bool) -> Vec<f64> {
    let n = g.node_count();
    let sources: Vec<u32> = (0..n as u32).collect();
    let mut b = dependencies(g, &sources, weighted, parallel);
    if n > 2 {
        let scale = 1.0 / ((n - 1) as f64 * (n - 2) as f64);
        for x in &mut b {
            *x *= scale;
        }
    }
    b
}

/// Betweenness estimated from the given distinct sources, rescaled as networkx 3.6 does
/// for `k` sampled sources without endpoints: a sampled node by 1/((k−1)(n−2)), any other
/// by 1/(k(n−2)).
pub(crate) fn betweenness_from_sources(
    g: &Adjacency,
    sources: &[u32],
    weighted: bool,
    parallel: bool,
) -> Vec<f64> {
    let n = g.node_count();
    let k = sources.len();
    let mut b = dependencies(g, sources, weighted, parallel);
    if n > 2 && k > 1 {
        let mut sampled = vec![false; n];
        for &s in sources {
            sampled[s as usize] = true;
        }
        let m = (n - 2) as f64;
        let scale_source = 1.0 / ((k - 1) as f64 * m);
        let scale_other = 1.0 / (k as f64 * m);
        for (x, &is_source) in b.iter_mut().zip(&sampled) {
            *x *= if is_source { scale_source } else { scale_other };
        }
    }
    b
}

/// Closeness (Wasserman–Faust) and harmonic centrality of every node, one search per node.
pub(crate) fn closeness_harmonic(g: &Adjacency, weighted: bool) -> (Vec<f64>, Vec<f64>) {
    let n = g.node_count();
    let pairs: Vec<(f64, f64)> = (0..n as u32)
        .into_par_iter()
        .map_init(
            || Scratch::new(n),
            |sc, s| {
                if g.degree(s) == 0 {
                    return (0.0, 0.0);
                }
                let (total, harmonic) = if weighted {
                    dijkstra_paths(g, s, sc);
                    sc.order.iter().fold((0.0, 0.0), |(t, h), &v| {
                        let d = sc.length[v as usize];
                        (t + d, if d > 0.0 { h + 1.0 / d } else { h })
                    })
                } else {
                    bfs_distances(g, s, sc);
                    sc.order.iter().fold((0.0, 0.0), |(t, h), &v| {
                        let d = sc.hops[v as usize];
                        if d == 0 {
                            (t, h)
                        } else {
                            (t + f64::from(d), h + 1.0 / f64::from(d))
                        }
                    })
                };
                let reached = (sc.order.len() - 1) as f64;
                sc.reset();
                let closeness = if total > 0.0 && n > 1 {
                    (reached / total) * (reached / (n - 1) as f64)
                } else {
                    0.0
                };
                (closeness, harmonic)
            },
        )
        .collect();
    pairs.into_iter().unzip()
}

/// Breadth-first distances from `s` only (no path counts), for closeness.
fn bfs_distances(g: &Adjacency, s: u32, sc: &mut Scratch) {
    sc.hops[s as usize] = 0;
    sc.order.push(s);
    let mut head = 0;
    while head < sc.order.len() {
        let v = sc.order[head];
        head += 1;
        let next = sc.hops[v as usize] + 1;
        for &w in g.neighbors(v) {
            if sc.hops[w as usize] == UNSEEN {
                sc.hops[w as usize] = next;
                sc.order.push(w);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(n: u32) -> Adjacency {
        let pairs: Vec<(u32, u32, u32)> = (1..n).map(|i| (i - 1, i, 1)).collect();
        Adjacency::from_pairs(n as usize, &pairs)
    }

    #[test]
    fn path_betweenness_matches_closed_form() {
        // On a path of 5, node i lies on i(4−i) unordered pairs; normalized by C(4,2) = 6.
        let b = betweenness(&path(5), false, true);
        let expected = [0.0, 3.0 / 6.0, 4.0 / 6.0, 3.0 / 6.0, 0.0];
        for (got, want) in b.iter().zip(expected) {
            assert!((got - want).abs() < 1e-12, "{b:?}");
        }
    }

    #[test]
    fn unit_weights_give_the_unweighted_values() {
        let g = path(6);
        let (bu, bw) = (betweenness(&g, false, false), betweenness(&g, true, false));
        assert_eq!(bu, bw);
        assert_eq!(closeness_harmonic(&g, false), closeness_harmonic(&g, true));
    }

    #[test]
    fn closeness_uses_wasserman_faust_for_a_split_graph() {
        // Two separate edges and an isolated node: each endpoint reaches 1 of 4 others at
        // distance 1, so closeness = (1/1) × (1/4).
        let g = Adjacency::from_pairs(5, &[(0, 1, 1), (2, 3, 1)]);
        let (c, h) = closeness_harmonic(&g, false);
        assert_eq!(c, vec![0.25, 0.25, 0.25, 0.25, 0.0]);
        assert_eq!(h, vec![1.0, 1.0, 1.0, 1.0, 0.0]);
    }
}
