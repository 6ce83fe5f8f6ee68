//! Unweighted Brandes betweenness: one breadth-first search per source over the
//! shortest-path DAG, or 64 sources at once with one bit each (the default up to
//! [`BATCH_MAX_NODES`] nodes).

use super::UNSEEN;
use crate::graph::Adjacency;

/// Per-thread buffers of the unweighted Brandes search, kept at full length between
/// sources; only the nodes a search reached are reset.
pub(super) struct BfsScratch {
    hops: Vec<u32>,
    sigma: Vec<f64>,
    coeff: Vec<f64>,
    /// Breadth-first queue.
    queue: Vec<u32>,
    /// Successors in the shortest-path DAG, grouped by node in queue order.
    succ: Vec<u32>,
    /// End of each queue position's group in `succ`.
    succ_end: Vec<u32>,
}

impl BfsScratch {
    /// Buffers sized for `g`.
    pub(super) fn new(g: &Adjacency) -> Self {
        let n = g.node_count();
        BfsScratch {
            hops: vec![UNSEEN; n],
            sigma: vec![0.0; n],
            coeff: vec![0.0; n],
            queue: vec![0; n + 1],
            succ: vec![0; 2 * g.edge_count() + 1],
            succ_end: Vec::with_capacity(n),
        }
    }
}

/// Brandes for one source of an unweighted graph, adding each node's dependency to `acc`
/// (for graphs too large for [`accumulate_batch`]'s buffers).
///
/// The forward search records the shortest-path DAG's successors of each node in visit
/// order, so the backward pass reads only DAG edges, sequentially, and pulls
/// `(1 + δ(w)) / σ(w)` from successors instead of scattering into predecessors: each node's
/// δ(v) = σ(v) · Σ_succ (1 + δ(w)) / σ(w). Every neighbour is written past the ends of
/// `queue` and `succ`, whose lengths advance only when it belongs there, so the edge loop
/// has no data-dependent branch.
pub(super) fn accumulate_bfs(g: &Adjacency, s: u32, sc: &mut BfsScratch, acc: &mut [f64]) {
    sc.succ_end.clear();
    sc.hops[s as usize] = 0;
    sc.sigma[s as usize] = 1.0;
    sc.queue[0] = s;
    let (mut reached, mut succ_len, mut head) = (1usize, 0usize, 0usize);
    while head < reached {
        let v = sc.queue[head];
        head += 1;
        let next = sc.hops[v as usize] + 1;
        for &w in g.neighbors(v) {
            let wi = w as usize;
            let hw = sc.hops[wi];
            if hw == UNSEEN {
                // Rare (once per node per search), so well predicted.
                sc.hops[wi] = next;
                sc.queue[reached] = w;
                reached += 1;
                sc.succ[succ_len] = w;
                succ_len += 1;
            } else {
                // Whether a seen neighbour is a DAG successor is a coin toss for the branch
                // predictor, so the slot is always written and kept only if it is.
                sc.succ[succ_len] = w;
                succ_len += usize::from(hw == next);
            }
        }
        sc.succ_end.push(succ_len as u32);
    }
    // Path counts in a second, sequential pass over the DAG: every predecessor precedes
    // its successors in the queue.
    let mut start = 0;
    for i in 0..reached {
        let v = sc.queue[i] as usize;
        let end = sc.succ_end[i] as usize;
        let sigma_v = sc.sigma[v];
        for &w in &sc.succ[start..end] {
            sc.sigma[w as usize] += sigma_v;
        }
        start = end;
    }
    let mut end = succ_len;
    for i in (0..reached).rev() {
        let v = sc.queue[i] as usize;
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
        sc.hops[v] = UNSEEN;
        sc.sigma[v] = 0.0;
    }
}

/// Sources per bit-parallel Brandes batch: one bit each in a `u64`.
pub(super) const BATCH: usize = 64;

/// Largest graph for the bit-parallel Brandes: its per-thread buffers take 1 KB per node.
pub(super) const BATCH_MAX_NODES: usize = 1 << 17;

/// Per-thread buffers of the bit-parallel Brandes search.
pub(super) struct BatchScratch {
    /// Sources that have reached each node.
    seen: Vec<u64>,
    /// Sources reaching each node at the level being built.
    next: Vec<u64>,
    /// One level's `(node, sources)` scattered for lookup by node.
    dense: Vec<u64>,
    /// Each level: `(node, sources at that level)`, nodes ascending.
    levels: Vec<Vec<(u32, u64)>>,
    touched: Vec<u32>,
    /// σ per node and source, node-major (`v * BATCH + b`).
    sigma: Vec<f64>,
    /// Pulled sums, then (1 + δ) / σ, per node and source.
    coeff: Vec<f64>,
}

impl BatchScratch {
    /// Buffers for a graph of `n` nodes.
    pub(super) fn new(n: usize) -> Self {
        BatchScratch {
            seen: vec![0; n],
            next: vec![0; n],
            dense: vec![0; n],
            levels: Vec::new(),
            touched: Vec::new(),
            sigma: vec![0.0; n * BATCH],
            coeff: vec![0.0; n * BATCH],
        }
    }
}

/// Calls `f(b)` for each set bit `b` of `mask`, lowest first.
#[inline]
fn for_bits(mut mask: u64, mut f: impl FnMut(usize)) {
    while mask != 0 {
        f(mask.trailing_zeros() as usize);
        mask &= mask - 1;
    }
}

/// Brandes for up to 64 sources at once on an unweighted graph, adding dependencies to
/// `acc`.
///
/// A bit-parallel BFS (as for closeness) finds every node's level for each source; each
/// level is stored sparsely as `(node, sources)`. Edges between consecutive levels are
/// then scanned once per level for the whole batch, and only where a source sees the edge
/// in its shortest-path DAG (`sources(v at d) & sources(w at d + 1)`) does per-source work
/// happen: σ forwards, then (1 + δ) / σ pulled backwards. A single-source search scans
/// every edge for each source, though only about a fifth of them are DAG edges on meeting
/// graphs; here the scans are shared by the 64 sources.
pub(super) fn accumulate_batch(
    g: &Adjacency,
    batch: &[u32],
    sc: &mut BatchScratch,
    acc: &mut [f64],
) {
    let depth = batch_levels(g, batch, sc);
    batch_sigma(g, sc, depth);
    batch_dependencies(g, sc, depth, acc);
    batch_reset(sc, depth);
}

/// The levels of every source of `batch`, with σ = 1 at each source; returns the depth of the
/// deepest level.
fn batch_levels(g: &Adjacency, batch: &[u32], sc: &mut BatchScratch) -> usize {
    // Levels.
    for level in &mut sc.levels {
        level.clear();
    }
    if sc.levels.is_empty() {
        sc.levels.push(Vec::new());
    }
    for (b, &s) in batch.iter().enumerate() {
        sc.seen[s as usize] |= 1 << b;
        sc.levels[0].push((s, 1 << b));
        sc.sigma[s as usize * BATCH + b] = 1.0;
    }
    sc.levels[0].sort_unstable_by_key(|&(v, _)| v);
    let mut depth = 0;
    loop {
        for &(v, mask) in &sc.levels[depth] {
            for &w in g.neighbors(v) {
                let next = &mut sc.next[w as usize];
                if *next == 0 {
                    sc.touched.push(w);
                }
                *next |= mask;
            }
        }
        sc.touched.sort_unstable();
        if sc.levels.len() == depth + 1 {
            sc.levels.push(Vec::new());
        }
        let level = &mut sc.levels[depth + 1];
        for &w in &sc.touched {
            let wi = w as usize;
            let fresh = sc.next[wi] & !sc.seen[wi];
            sc.next[wi] = 0;
            if fresh != 0 {
                sc.seen[wi] |= fresh;
                level.push((w, fresh));
            }
        }
        sc.touched.clear();
        if level.is_empty() {
            break;
        }
        depth += 1;
    }
    depth
}

/// Path counts σ forwards, level by level.
fn batch_sigma(g: &Adjacency, sc: &mut BatchScratch, depth: usize) {
    // σ forwards, level by level.
    for d in 0..depth {
        for &(w, mask) in &sc.levels[d + 1] {
            sc.dense[w as usize] = mask;
        }
        for &(v, mask_v) in &sc.levels[d] {
            let row_v = v as usize * BATCH;
            for &w in g.neighbors(v) {
                let mask = mask_v & sc.dense[w as usize];
                if mask != 0 {
                    let row_w = w as usize * BATCH;
                    for_bits(mask, |b| sc.sigma[row_w + b] += sc.sigma[row_v + b]);
                }
            }
        }
        for &(w, _) in &sc.levels[d + 1] {
            sc.dense[w as usize] = 0;
        }
    }
}

/// (1 + δ) / σ pulled backwards, adding each node's dependency δ to `acc`.
fn batch_dependencies(g: &Adjacency, sc: &mut BatchScratch, depth: usize, acc: &mut [f64]) {
    // (1 + δ) / σ backwards: the deepest level has δ = 0.
    for &(v, mask) in &sc.levels[depth] {
        let row = v as usize * BATCH;
        for_bits(mask, |b| sc.coeff[row + b] = 1.0 / sc.sigma[row + b]);
    }
    for d in (0..depth).rev() {
        for &(w, mask) in &sc.levels[d + 1] {
            sc.dense[w as usize] = mask;
        }
        for &(v, mask_v) in &sc.levels[d] {
            let row_v = v as usize * BATCH;
            for &w in g.neighbors(v) {
                let mask = mask_v & sc.dense[w as usize];
                if mask != 0 {
                    let row_w = w as usize * BATCH;
                    for_bits(mask, |b| sc.coeff[row_v + b] += sc.coeff[row_w + b]);
                }
            }
            if d > 0 {
                for_bits(mask_v, |b| {
                    let sigma = sc.sigma[row_v + b];
                    let delta = sigma * sc.coeff[row_v + b];
                    sc.coeff[row_v + b] = (1.0 + delta) / sigma;
                    acc[v as usize] += delta;
                });
            }
        }
        for &(w, _) in &sc.levels[d + 1] {
            sc.dense[w as usize] = 0;
        }
    }
}

/// Clears what this batch touched.
fn batch_reset(sc: &mut BatchScratch, depth: usize) {
    // Reset what this batch touched.
    for level in &sc.levels[..=depth] {
        for &(v, _) in level {
            let row = v as usize * BATCH;
            sc.seen[v as usize] = 0;
            sc.sigma[row..row + BATCH].fill(0.0);
            sc.coeff[row..row + BATCH].fill(0.0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn batched_brandes_equals_one_search_per_source(
            n in 1usize..200,
            pairs in proptest::collection::vec((0u32..200, 0u32..200, 1u32..2), 0..600),
        ) {
            let pairs: Vec<_> = pairs.into_iter().filter(|&(a, b, _)| (a as usize) < n && (b as usize) < n).collect();
            let g = Adjacency::from_pairs(n, &pairs);
            let sources: Vec<u32> = (0..n as u32).filter(|&s| g.degree(s) > 0).collect();
            let mut batched = vec![0.0; n];
            let mut sc = BatchScratch::new(n);
            for batch in sources.chunks(BATCH) {
                accumulate_batch(&g, batch, &mut sc, &mut batched);
            }
            let mut single = vec![0.0; n];
            let mut sc = BfsScratch::new(&g);
            for &s in &sources {
                accumulate_bfs(&g, s, &mut sc, &mut single);
            }
            for (a, b) in batched.iter().zip(&single) {
                proptest::prop_assert!((a - b).abs() <= 1e-9 * b.abs().max(1.0), "{} vs {}", a, b);
            }
        }
    }
}
