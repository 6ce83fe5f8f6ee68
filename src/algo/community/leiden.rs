//! One Leiden iteration (Traag, Waltman & van Eck 2019, Algorithm A.2): fast local moving
//! with a queue, refinement inside each community, aggregation of the refined partition with
//! the unrefined one as its starting point, repeated until every community is one node.
//!
//! Refinement merges a singleton into the well-connected refined community of largest
//! non-negative gain (the paper's θ → 0 limit) rather than drawing one at random: it keeps
//! the γ-connectivity guarantee and needs no exponentials; the seeded node orders still
//! vary the result between seeds.

use std::borrow::Cow;
use std::collections::VecDeque;

use rayon::prelude::*;

use super::WeightedGraph;

/// SplitMix64, enough for reproducible node orders.
pub(super) struct Rng(u64);

impl Rng {
    /// A generator started from `seed`.
    pub(super) fn new(seed: u64) -> Self {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// `0..n` in a random order (Fisher–Yates).
    fn permutation(&mut self, n: usize) -> Vec<u32> {
        let mut order: Vec<u32> = (0..n as u32).collect();
        for i in (1..n).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        order
    }
}

/// Slack on gains so that float noise never makes a move look better than staying.
const EPS: f64 = 1e-10;

/// One Leiden iteration from `initial` (community ids below the node count); returns the
/// new community of each node of `graph`.
pub(super) fn iterate(
    graph: &WeightedGraph,
    initial: &[u32],
    gamma: f64,
    rng: &mut Rng,
) -> Vec<u32> {
    let mut level: Cow<'_, WeightedGraph> = Cow::Borrowed(graph);
    let mut partition = initial.to_vec();
    let mut node_of: Vec<u32> = (0..graph.node_count() as u32).collect();
    loop {
        move_nodes_fast(&level, &mut partition, gamma, rng);
        let communities = compact(&mut partition);
        if communities == level.node_count() {
            break;
        }
        let mut refined = refine(&level, &partition, communities, gamma, rng);
        let refined_count = compact(&mut refined);
        if refined_count == level.node_count() {
            // Nothing merged: aggregating would give the same graph again.
            break;
        }
        let aggregate = aggregate(&level, &refined, refined_count);
        let mut next = vec![0u32; refined_count];
        for (v, &r) in refined.iter().enumerate() {
            next[r as usize] = partition[v];
        }
        for x in node_of.iter_mut() {
            *x = refined[*x as usize];
        }
        partition = next;
        level = Cow::Owned(aggregate);
    }
    node_of.iter().map(|&x| partition[x as usize]).collect()
}

/// Renumbers ids 0.. by first appearance; returns how many there are.
fn compact(ids: &mut [u32]) -> usize {
    let size = ids.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
    let mut map = vec![u32::MAX; size];
    let mut next = 0u32;
    for c in ids.iter_mut() {
        let slot = &mut map[*c as usize];
        if *slot == u32::MAX {
            *slot = next;
            next += 1;
        }
        *c = *slot;
    }
    next as usize
}

/// The groups one node's neighbours fall in, with room for every neighbour so that listing a
/// group is a store and an add, not a branch: whether a neighbour opens a new group is as
/// likely as not, and a mispredicted branch per edge cost more than the whole sum.
struct Touched {
    list: Vec<u32>,
    len: usize,
}

impl Touched {
    /// Room for the neighbours of any node of `graph`.
    fn for_graph(graph: &WeightedGraph) -> Self {
        Touched {
            list: vec![0; graph.max_degree() + 1],
            len: 0,
        }
    }

    /// The groups listed since the last clear.
    fn groups(&self) -> &[u32] {
        &self.list[..self.len]
    }

    /// Zeroes the sums of the listed groups in `acc` and empties the list.
    fn clear(&mut self, acc: &mut [f64]) {
        for &c in &self.list[..self.len] {
            acc[c as usize] = 0.0;
        }
        self.len = 0;
    }

    /// Adds `w` to group `c`'s sum, listing `c` if its sum was zero.
    fn add(&mut self, acc: &mut [f64], c: u32, w: f64) {
        let slot = &mut acc[c as usize];
        self.list[self.len] = c;
        self.len += usize::from(*slot == 0.0);
        *slot += w;
    }
}

/// Sums the weights from `v` to each neighbouring group (as `group(u)`) into `acc`, listing
/// the groups met in `touched`. `acc` is zero outside the list before and after
/// (`Touched::clear`): weights are positive, so a zero sum marks a group not met yet, and no
/// second array is needed.
fn gather(
    graph: &WeightedGraph,
    v: usize,
    group: impl Fn(u32) -> u32,
    acc: &mut [f64],
    touched: &mut Touched,
) {
    if graph.is_unit() {
        for &u in graph.neighbors(v) {
            touched.add(acc, group(u), 1.0);
        }
    } else {
        for (&u, &w) in graph.neighbors(v).iter().zip(graph.weights(v)) {
            touched.add(acc, group(u), w);
        }
    }
}

/// Moves nodes to the neighbouring community of best modularity gain until no move helps,
/// revisiting only the neighbours of moved nodes (the paper's queue).
fn move_nodes_fast(graph: &WeightedGraph, partition: &mut [u32], gamma: f64, rng: &mut Rng) {
    let n = graph.node_count();
    let two_m = graph.total_weight();
    if two_m <= 0.0 {
        return;
    }
    let mut total = vec![0.0f64; n];
    let mut size = vec![0u32; n];
    for v in 0..n {
        total[partition[v] as usize] += graph.strength(v);
        size[partition[v] as usize] += 1;
    }
    let mut free: Vec<u32> = (0..n as u32)
        .rev()
        .filter(|&c| size[c as usize] == 0)
        .collect();
    let mut queue: VecDeque<u32> = rng.permutation(n).into();
    let mut queued = vec![true; n];
    let mut acc = vec![0.0f64; n];
    let mut touched = Touched::for_graph(graph);
    while let Some(v) = queue.pop_front() {
        let v = v as usize;
        queued[v] = false;
        let from = partition[v];
        let k = graph.strength(v);
        gather(graph, v, |u| partition[u as usize], &mut acc, &mut touched);
        total[from as usize] -= k;
        size[from as usize] -= 1;
        // γ k / 2m once per visit: a multiply, not a divide, per community looked at.
        let pull = gamma * k / two_m;
        let score = |c: u32, acc: &[f64]| acc[c as usize] - pull * total[c as usize];
        let mut best = from;
        let mut best_score = score(from, &acc);
        for &c in touched.groups() {
            let s = score(c, &acc);
            if s > best_score + EPS {
                best = c;
                best_score = s;
            }
        }
        if size[from as usize] > 0 && 0.0 > best_score + EPS {
            if let Some(&empty) = free.last() {
                best = empty;
            }
        }
        touched.clear(&mut acc);
        if best != from {
            if free.last() == Some(&best) {
                free.pop();
            }
            if size[from as usize] == 0 {
                free.push(from);
            }
        }
        total[best as usize] += k;
        size[best as usize] += 1;
        partition[v] = best;
        if best != from {
            for &u in graph.neighbors(v) {
                if !queued[u as usize] && partition[u as usize] != best {
                    queued[u as usize] = true;
                    queue.push_back(u);
                }
            }
        }
    }
}

/// Splits each community into well-connected refined communities: singletons merge, in a
/// random order, into the γ-connected refined community of their own community with the
/// largest non-negative gain. Returns a refined id per node (not compact).
///
/// Not parallel: on the synthetic sets one community holds a sixth of the nodes and most of
/// the edges, so refining communities side by side saves nothing.
fn refine(
    graph: &WeightedGraph,
    partition: &[u32],
    communities: usize,
    gamma: f64,
    rng: &mut Rng,
) -> Vec<u32> {
    let n = graph.node_count();
    let two_m = graph.total_weight();
    let mut refined: Vec<u32> = (0..n as u32).collect();
    if two_m <= 0.0 {
        return refined;
    }
    let per_weight = gamma / two_m;
    let mut community_total = vec![0.0f64; communities];
    for v in 0..n {
        community_total[partition[v] as usize] += graph.strength(v);
    }
    let mut total: Vec<f64> = (0..n).map(|v| graph.strength(v)).collect();
    let mut size = vec![1u32; n];
    // Weight from each refined community to the rest of its community.
    let mut external: Vec<f64> = (0..n)
        .into_par_iter()
        .map(|v| {
            graph
                .neighbors(v)
                .iter()
                .zip(graph.weights(v))
                .filter(|(&u, _)| partition[u as usize] == partition[v])
                .map(|(_, &w)| w)
                .sum()
        })
        .collect();
    // Neighbours in other communities are summed into one slot past the nodes' and ignored:
    // cheaper than a branch per edge on which side they are.
    let outside = n as u32;
    let mut acc = vec![0.0f64; n + 1];
    let mut touched = Touched::for_graph(graph);
    for v in rng.permutation(n) {
        let v = v as usize;
        if refined[v] as usize != v || size[v] != 1 {
            continue;
        }
        let c = partition[v];
        let k = graph.strength(v);
        let whole = community_total[c as usize];
        let pull = per_weight * k;
        if external[v] < per_weight * k * (whole - k) {
            continue;
        }
        gather(
            graph,
            v,
            |u| {
                if partition[u as usize] == c {
                    refined[u as usize]
                } else {
                    outside
                }
            },
            &mut acc,
            &mut touched,
        );
        let mut best: Option<(u32, f64)> = None;
        for &r in touched.groups() {
            if r == outside {
                continue;
            }
            let t = total[r as usize];
            if external[r as usize] < per_weight * t * (whole - t) {
                continue;
            }
            let gain = acc[r as usize] - pull * t;
            if gain >= 0.0 && best.is_none_or(|(_, g)| gain > g + EPS) {
                best = Some((r, gain));
            }
        }
        if let Some((r, _)) = best {
            let r = r as usize;
            refined[v] = r as u32;
            size[r] += 1;
            size[v] = 0;
            total[r] += k;
            external[r] += external[v] - 2.0 * acc[r];
        }
        touched.clear(&mut acc);
    }
    refined
}

/// The graph of refined communities: one node each, edge weights summed, inner weight kept
/// as the node's loop. Rows are built in parallel blocks, each row summed in member order,
/// so the result does not depend on the thread count.
fn aggregate(graph: &WeightedGraph, refined: &[u32], count: usize) -> WeightedGraph {
    let mut starts = vec![0usize; count + 1];
    for &r in refined {
        starts[r as usize + 1] += 1;
    }
    for r in 0..count {
        starts[r + 1] += starts[r];
    }
    let mut fill = starts.clone();
    let mut members = vec![0u32; refined.len()];
    for (v, &r) in refined.iter().enumerate() {
        members[fill[r as usize]] = v as u32;
        fill[r as usize] += 1;
    }
    // Blocks of rows small enough to balance two to a few dozen threads.
    let block = count.div_ceil(rayon::current_num_threads() * 16).max(256);
    let blocks: Vec<AggregateBlock> = (0..count.div_ceil(block))
        .into_par_iter()
        .map_init(
            || {
                let acc = vec![0.0f64; count];
                let touched = Touched {
                    list: vec![0; count + 1],
                    len: 0,
                };
                (acc, touched)
            },
            |(acc, touched), b| {
                let rows = b * block..((b + 1) * block).min(count);
                let mut out = AggregateBlock::default();
                for r in rows {
                    let mut loops = 0.0;
                    for &v in &members[starts[r]..starts[r + 1]] {
                        loops += graph.self_weight(v as usize);
                        gather(graph, v as usize, |u| refined[u as usize], acc, touched);
                    }
                    // Edges inside the row were summed into its own slot, each from both ends.
                    let inner = acc[r];
                    for &s in touched.groups() {
                        if s as usize != r {
                            out.targets.push(s);
                            out.weights.push(acc[s as usize]);
                        }
                    }
                    touched.clear(acc);
                    out.row_ends.push(out.targets.len());
                    out.self_weights.push(loops + inner / 2.0);
                }
                out
            },
        )
        .collect();
    let edges = blocks.iter().map(|b| b.targets.len()).sum();
    let mut offsets = Vec::with_capacity(count + 1);
    offsets.push(0);
    let mut targets = Vec::with_capacity(edges);
    let mut weights = Vec::with_capacity(edges);
    let mut self_weights = Vec::with_capacity(count);
    for b in blocks {
        let base = targets.len();
        offsets.extend(b.row_ends.iter().map(|&end| base + end));
        targets.extend_from_slice(&b.targets);
        weights.extend_from_slice(&b.weights);
        self_weights.extend_from_slice(&b.self_weights);
    }
    WeightedGraph::from_parts(offsets, targets, weights, self_weights)
}

/// The rows of one block of the aggregate graph, ends relative to the block's start.
#[derive(Default)]
struct AggregateBlock {
    row_ends: Vec<usize>,
    targets: Vec<u32>,
    weights: Vec<f64>,
    self_weights: Vec<f64>,
}
