//! Weighted Brandes betweenness (edge length 1/count) with a monotone bucket queue.
//!
//! networkx decides that two paths tie by exact `==` on distances summed in floating point
//! along each path (`dist + 1/count`, no tolerance), so this kernel keeps those sums and that
//! comparison and changes only how the next node to settle is found. Because rounding is
//! monotone, each node's distance is the least such sum over all paths whatever the settle
//! order, and so are its ties; only the order of equal-distance settles is free.
//!
//! The queue: every edge is at least 1/`max_count` long, so buckets of width
//! 1/(2 · `max_count`) never receive a node from a node of the same bucket. Everything in a
//! bucket is therefore final when the bucket is reached and can be settled in any order, and
//! a bucket's index only grows along a shortest path, so settle order is a valid order for
//! the path counts and its reverse for the dependencies. Pending entries span at most one
//! unit of length, so a small ring of buckets holds them, with a bitmap to skip empty ones.

use crate::graph::Adjacency;

/// Largest meeting count for which the bucket queue is used: its ring has about
/// 2 · `max_count` buckets, and past this size empty buckets would cost more than a heap.
pub(super) const BUCKET_MAX_COUNT: u32 = 4096;

/// Edge lengths 1/count laid out beside the adjacency's neighbour lists, with the bucket
/// geometry they imply; built once and shared by every thread.
pub(super) struct Lengths {
    /// Start of each node's neighbours, as in the adjacency.
    offsets: Vec<usize>,
    /// 1/count per directed edge, in neighbour order.
    length: Vec<f64>,
    /// Buckets per unit of length.
    scale: f64,
    /// Ring size, a power of two above the widest span of pending entries.
    ring: usize,
}

impl Lengths {
    /// The lengths of `g`, or `None` when a pair's meeting count exceeds
    /// [`BUCKET_MAX_COUNT`] (the caller then searches with a heap).
    pub(super) fn new(g: &Adjacency) -> Option<Self> {
        let n = g.node_count() as u32;
        let max_count = (0..n)
            .flat_map(|v| g.weights(v).iter().copied())
            .max()
            .unwrap_or(1);
        if max_count > BUCKET_MAX_COUNT {
            return None;
        }
        let mut offsets = Vec::with_capacity(n as usize + 1);
        let mut length = Vec::with_capacity(2 * g.edge_count());
        offsets.push(0);
        for v in 0..n {
            length.extend(g.weights(v).iter().map(|&c| 1.0 / f64::from(c)));
            offsets.push(length.len());
        }
        let scale = 2.0 * f64::from(max_count);
        // Pending keys lie in [current, current + 1] (the longest edge is 1/1), so the ring
        // needs scale + 2 buckets; a power of two turns the wrap into a mask.
        let ring = (2 * max_count as usize + 2).next_power_of_two();
        Some(Lengths {
            offsets,
            length,
            scale,
            ring,
        })
    }

    /// Lengths of `v`'s edges, aligned with [`Adjacency::neighbors`].
    fn of(&self, v: u32) -> &[f64] {
        let v = v as usize;
        &self.length[self.offsets[v]..self.offsets[v + 1]]
    }

    /// The ring slot of distance `d`.
    fn slot(&self, d: f64) -> usize {
        (d * self.scale) as usize & (self.ring - 1)
    }
}

/// Marks the end of a bucket's list of queue entries.
const NO_ENTRY: u32 = u32::MAX;

/// Per-thread buffers of the bucket-queue search, kept at full length between sources; only
/// the nodes a search settled are reset.
///
/// The hot loop writes into these by index into buffers grown once per settled node, never
/// calling `Vec::push`: a possible reallocation inside the edge loop made the compiler keep
/// its values on the stack.
pub(super) struct BucketScratch {
    /// Tentative, then final, distance from the source (∞ when not reached).
    distance: Vec<f64>,
    settled: Vec<bool>,
    /// Shortest-path counts σ.
    sigma: Vec<f64>,
    /// (1 + δ) / σ of each settled node, for its predecessors to pull.
    coeff: Vec<f64>,
    /// Nodes in settle order.
    order: Vec<u32>,
    /// Candidate successors of each settled node (a neighbour reached no worse than before
    /// through it), grouped in settle order; after the σ pass only true successors remain.
    succ: Vec<u32>,
    /// The distance each candidate was offered, aligned with `succ`.
    offered: Vec<f64>,
    /// End of each settle position's group in `succ`.
    succ_end: Vec<u32>,
    /// Queue entries: a node and the next entry of the same bucket.
    entry_node: Vec<u32>,
    entry_next: Vec<u32>,
    /// First entry of each bucket of the ring.
    head: Vec<u32>,
    /// Bitmap of the non-empty buckets.
    occupied: Vec<u64>,
}

impl BucketScratch {
    /// Buffers for a graph of `n` nodes with the ring of `lengths`.
    pub(super) fn new(n: usize, lengths: &Lengths) -> Self {
        BucketScratch {
            distance: vec![f64::INFINITY; n],
            settled: vec![false; n],
            sigma: vec![0.0; n],
            coeff: vec![0.0; n],
            order: Vec::with_capacity(n),
            succ: Vec::new(),
            offered: Vec::new(),
            succ_end: Vec::with_capacity(n),
            entry_node: Vec::new(),
            entry_next: Vec::new(),
            head: vec![NO_ENTRY; lengths.ring],
            occupied: vec![0; lengths.ring.div_ceil(64)],
        }
    }

    /// The first non-empty slot at or after `from`, cyclically; one must exist.
    fn next_occupied(&self, from: usize) -> usize {
        let words = self.occupied.len();
        let (mut word, bit) = (from / 64, from % 64);
        let mut bits = self.occupied[word] & (u64::MAX << bit);
        while bits == 0 {
            word = (word + 1) % words;
            bits = self.occupied[word];
        }
        word * 64 + bits.trailing_zeros() as usize
    }
}

/// Brandes for one source with edge length 1/count, adding each node's dependency to `acc`.
pub(super) fn accumulate_buckets(
    g: &Adjacency,
    lengths: &Lengths,
    s: u32,
    sc: &mut BucketScratch,
    acc: &mut [f64],
) {
    settle_all(g, lengths, s, sc);
    count_paths(sc, s);
    pull_dependencies(sc, s, acc);
    for &v in &sc.order {
        let v = v as usize;
        sc.distance[v] = f64::INFINITY;
        sc.settled[v] = false;
        sc.sigma[v] = 0.0;
    }
    sc.order.clear();
    sc.succ_end.clear();
}

/// Where the search stands: entries written so far (the next free one), entries not yet
/// popped, candidates written so far.
struct Cursor {
    written: usize,
    pending: usize,
    candidates: usize,
}

/// Settles every node reachable from `s`, bucket by bucket, recording candidate successors.
fn settle_all(g: &Adjacency, lengths: &Lengths, s: u32, sc: &mut BucketScratch) {
    sc.distance[s as usize] = 0.0;
    if sc.entry_node.is_empty() {
        sc.entry_node.push(0);
        sc.entry_next.push(0);
    }
    sc.entry_node[0] = s;
    sc.entry_next[0] = NO_ENTRY;
    sc.head[0] = 0;
    sc.occupied[0] |= 1;
    let mut at = Cursor {
        written: 1,
        pending: 1,
        candidates: 0,
    };
    let mut slot = 0;
    while at.pending > 0 {
        slot = sc.next_occupied(slot);
        let mut entry = std::mem::replace(&mut sc.head[slot], NO_ENTRY);
        sc.occupied[slot / 64] &= !(1 << (slot % 64));
        while entry != NO_ENTRY {
            let v = sc.entry_node[entry as usize];
            entry = sc.entry_next[entry as usize];
            at.pending -= 1;
            // A node improved within its bucket sits there twice.
            if !std::mem::replace(&mut sc.settled[v as usize], true) {
                relax(g, lengths, v, sc, &mut at);
            }
        }
    }
}

/// Settles `v`: offers its neighbours their distance through it, queues those it brings
/// closer and records as candidates those reached no worse than before.
#[inline]
fn relax(g: &Adjacency, lengths: &Lengths, v: u32, sc: &mut BucketScratch, at: &mut Cursor) {
    sc.order.push(v);
    let neighbors = g.neighbors(v);
    // Room for every neighbour, so the loop below writes by index.
    let (mut cand, mut written) = (at.candidates, at.written);
    if sc.succ.len() < cand + neighbors.len() {
        sc.succ.resize(cand + neighbors.len(), 0);
        sc.offered.resize(cand + neighbors.len(), 0.0);
    }
    if sc.entry_node.len() < written + neighbors.len() {
        sc.entry_node.resize(written + neighbors.len(), 0);
        sc.entry_next.resize(written + neighbors.len(), 0);
    }
    let BucketScratch {
        distance,
        succ,
        offered,
        entry_node,
        entry_next,
        head,
        occupied,
        ..
    } = sc;
    // Plain slices: through the `Vec`s the loop reloaded each one's pointer after every store.
    let (distance, succ, offered) = (&mut distance[..], &mut succ[..], &mut offered[..]);
    let (entry_node, entry_next) = (&mut entry_node[..], &mut entry_next[..]);
    let (head, occupied) = (&mut head[..], &mut occupied[..]);
    let dv = distance[v as usize];
    for (&w, &l) in neighbors.iter().zip(lengths.of(v)) {
        let offer = dv + l;
        let known = distance[w as usize];
        // Settled neighbours are never closer than `dv`, so need no test of their own; the
        // branch is rarely taken (about one edge in thirty on meeting graphs).
        if offer <= known {
            if offer < known {
                distance[w as usize] = offer;
                let slot = lengths.slot(offer);
                entry_node[written] = w;
                entry_next[written] = head[slot];
                head[slot] = written as u32;
                occupied[slot / 64] |= 1 << (slot % 64);
                written += 1;
            }
            succ[cand] = w;
            offered[cand] = offer;
            cand += 1;
        }
    }
    at.pending += written - at.written;
    at.written = written;
    at.candidates = cand;
    sc.succ_end.push(cand as u32);
}

/// σ forwards in settle order, keeping only the candidates whose offer is the final
/// distance (networkx's exact tie), compacted in place.
fn count_paths(sc: &mut BucketScratch, s: u32) {
    sc.sigma[s as usize] = 1.0;
    let (mut start, mut kept) = (0usize, 0usize);
    for i in 0..sc.order.len() {
        let sigma_v = sc.sigma[sc.order[i] as usize];
        let end = sc.succ_end[i] as usize;
        for j in start..end {
            let w = sc.succ[j];
            let on_path = sc.offered[j] == sc.distance[w as usize];
            if on_path {
                sc.sigma[w as usize] += sigma_v;
            }
            // Always written, kept only when on a shortest path: no branch to mispredict.
            sc.succ[kept] = w;
            kept += usize::from(on_path);
        }
        start = end;
        sc.succ_end[i] = kept as u32;
    }
}

/// δ backwards in reverse settle order, each node pulling (1 + δ) / σ from its successors.
fn pull_dependencies(sc: &mut BucketScratch, s: u32, acc: &mut [f64]) {
    let mut end = sc.succ_end.last().map_or(0, |&e| e as usize);
    for i in (0..sc.order.len()).rev() {
        let v = sc.order[i] as usize;
        let start = if i == 0 {
            0
        } else {
            sc.succ_end[i - 1] as usize
        };
        let pulled = sc.succ[start..end]
            .iter()
            .fold(0.0, |t, &w| t + sc.coeff[w as usize]);
        end = start;
        let sigma_v = sc.sigma[v];
        let delta = sigma_v * pulled;
        sc.coeff[v] = (1.0 + delta) / sigma_v;
        if v != s as usize {
            acc[v] += delta;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::single_source::{accumulate_dijkstra, Scratch};
    use super::*;

    proptest::proptest! {
        #[test]
        fn bucket_queue_equals_the_heap_search(
            n in 1usize..120,
            pairs in proptest::collection::vec((0u32..120, 0u32..120, 1u32..7), 0..400),
        ) {
            let pairs: Vec<_> = pairs.into_iter().filter(|&(a, b, _)| (a as usize) < n && (b as usize) < n).collect();
            let g = Adjacency::from_pairs(n, &pairs);
            let lengths = Lengths::new(&g).expect("small counts");
            let (mut bucketed, mut heaped) = (vec![0.0; n], vec![0.0; n]);
            let mut sc = BucketScratch::new(n, &lengths);
            let mut heap = Scratch::new(n);
            for s in (0..n as u32).filter(|&s| g.degree(s) > 0) {
                accumulate_buckets(&g, &lengths, s, &mut sc, &mut bucketed);
                accumulate_dijkstra(&g, s, &mut heap, &mut heaped);
            }
            for (a, b) in bucketed.iter().zip(&heaped) {
                proptest::prop_assert!((a - b).abs() <= 1e-9 * b.abs().max(1.0), "{} vs {}", a, b);
            }
        }
    }

    #[test]
    fn ties_follow_the_float_sums_in_each_direction_as_networkx() {
        // The cycle 0–1–2–3–4–0 with counts 1, 6, 6, 3, 1. Exactly, 0→3 is 4/3 both ways
        // round; in floats 1 + 1/6 + 1/6 = 1.3333333333333335 from 0 but 1/6 + 1/6 + 1 =
        // 1.3333333333333333 = 1/3 + 1 from 3, so only the pair's 3→0 direction ties.
        // Expected: networkx 3.6 `betweenness_centrality(G, weight="length")`.
        let g = Adjacency::from_pairs(5, &[(0, 1, 1), (1, 2, 6), (2, 3, 6), (3, 4, 3), (4, 0, 1)]);
        let got = super::super::betweenness(&g, true, false);
        let networkx = [0.0, 0.20833333333333331, 0.375, 0.3333333333333333, 0.125];
        for (a, b) in got.iter().zip(networkx) {
            assert!((a - b).abs() < 1e-12, "{got:?}");
        }
    }
}
