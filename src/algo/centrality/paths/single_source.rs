//! One search per source: Dijkstra with edge length 1/weight (weighted Brandes and
//! closeness) and plain breadth-first distances, over shared per-thread [`Scratch`] buffers.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use super::UNSEEN;
use crate::graph::Adjacency;

/// Per-thread buffers of one single-source search, reset after each source by walking only
/// the nodes that search reached.
pub(super) struct Scratch {
    /// Hops from the source (`UNSEEN` when not reached).
    pub(super) hops: Vec<u32>,
    /// Weighted distance from the source.
    pub(super) length: Vec<f64>,
    /// Whether Dijkstra settled the node.
    pub(super) done: Vec<bool>,
    /// Shortest-path counts σ.
    pub(super) sigma: Vec<f64>,
    /// Dependencies δ.
    pub(super) delta: Vec<f64>,
    /// Nodes in the order they were settled.
    pub(super) order: Vec<u32>,
    heap: BinaryHeap<Entry>,
}

impl Scratch {
    /// Buffers for a graph of `n` nodes.
    pub(super) fn new(n: usize) -> Self {
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

    /// Clears what the last search touched.
    pub(super) fn reset(&mut self) {
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

/// Dijkstra from `s` with edge length 1/weight, filling `order` (non-decreasing distance),
/// `length` and `sigma`. Distances are summed along each path in the same order as networkx,
/// so exact ties between paths are recognised the same way.
pub(super) fn dijkstra_paths(g: &Adjacency, s: u32, sc: &mut Scratch) {
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

/// Brandes for one source with edge length 1/weight, adding each node's dependency to `acc`.
pub(super) fn accumulate_dijkstra(g: &Adjacency, s: u32, sc: &mut Scratch, acc: &mut [f64]) {
    dijkstra_paths(g, s, sc);
    for i in (0..sc.order.len()).rev() {
        let w = sc.order[i];
        let wi = w as usize;
        let coeff = (1.0 + sc.delta[wi]) / sc.sigma[wi];
        let lw = sc.length[wi];
        for (&v, &weight) in g.neighbors(w).iter().zip(g.weights(w)) {
            let vi = v as usize;
            if sc.length[vi] + edge_length(weight) == lw {
                sc.delta[vi] += sc.sigma[vi] * coeff;
            }
        }
        if w != s {
            acc[wi] += sc.delta[wi];
        }
    }
    sc.reset();
}

/// Breadth-first distances from `s` only (no path counts), for closeness.
pub(super) fn bfs_distances(g: &Adjacency, s: u32, sc: &mut Scratch) {
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
