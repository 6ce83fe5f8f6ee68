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

/// Per-thread buffers of the unweighted Brandes search, kept at full length between
/// sources; only the nodes a search reached are reset.
struct BfsScratch {
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
    fn new(g: &Adjacency) -> Self {
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
fn accumulate_bfs(g: &Adjacency, s: u32, sc: &mut BfsScratch, acc: &mut [f64]) {
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

/// Sources per bit-parallel Brandes batch: one bit each in a `u64`.
const BATCH: usize = 64;

/// Largest graph for the bit-parallel Brandes: its per-thread buffers take 1 KB per node.
const BATCH_MAX_NODES: usize = 1 << 17;

/// Per-thread buffers of the bit-parallel Brandes search.
struct BatchScratch {
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
    fn new(n: usize) -> Self {
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
fn accumulate_batch(g: &Adjacency, batch: &[u32], sc: &mut BatchScratch, acc: &mut [f64]) {
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

/// Brandes for one source with edge length 1/weight, adding each node's dependency to `acc`.
fn accumulate_dijkstra(g: &Adjacency, s: u32, sc: &mut Scratch, acc: &mut [f64]) {
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
        let mut acc = vec![0.0; n];
        // Interleaved groups: low ids are often hubs, so contiguous blocks would be uneven.
        let mine = sources
            .iter()
            .copied()
            .skip(group)
            .step_by(groups)
            .filter(|&s| g.degree(s) > 0);
        if weighted {
            let mut sc = Scratch::new(n);
            for s in mine {
                accumulate_dijkstra(g, s, &mut sc, &mut acc);
            }
        } else if n <= BATCH_MAX_NODES {
            let mut sc = BatchScratch::new(n);
            let mine: Vec<u32> = mine.collect();
            for batch in mine.chunks(BATCH) {
                accumulate_batch(g, batch, &mut sc, &mut acc);
            }
        } else {
            let mut sc = BfsScratch::new(g);
            for s in mine {
                accumulate_bfs(g, s, &mut sc, &mut acc);
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
///
/// Unweighted graphs use the bit-parallel search; weighted ones one Dijkstra per node.
pub(crate) fn closeness_harmonic(g: &Adjacency, weighted: bool) -> (Vec<f64>, Vec<f64>) {
    if weighted {
        closeness_harmonic_per_source(g, true)
    } else {
        closeness_harmonic_bitwise(g)
    }
}

/// Closeness and harmonic centrality with one search per node, in parallel.
fn closeness_harmonic_per_source(g: &Adjacency, weighted: bool) -> (Vec<f64>, Vec<f64>) {
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

/// 64-bit words per node in a bit-parallel search: 256 sources share each edge scan.
const LANES: usize = 4;

/// One bit per source of a batch.
type Bits = [u64; LANES];

/// Buffers of one bit-parallel search batch.
struct BitScratch {
    seen: Vec<Bits>,
    frontier: Vec<Bits>,
    next: Vec<Bits>,
    active: Vec<u32>,
    touched: Vec<u32>,
}

/// Unweighted closeness and harmonic centrality by multi-source BFS (Then et al., "The More
/// the Merrier", VLDB 2014): one search runs for 256 sources at once, each node carrying a
/// bit per source, so each edge is scanned once per level for the whole batch instead of
/// once per source. Per-source sums are identical to one BFS per source.
fn closeness_harmonic_bitwise(g: &Adjacency) -> (Vec<f64>, Vec<f64>) {
    let n = g.node_count();
    let batch = 64 * LANES;
    let batches: Vec<Vec<(f64, f64)>> = (0..n.div_ceil(batch))
        .into_par_iter()
        .map_init(
            || BitScratch {
                seen: vec![[0; LANES]; n],
                frontier: vec![[0; LANES]; n],
                next: vec![[0; LANES]; n],
                active: Vec::new(),
                touched: Vec::new(),
            },
            |sc, b| bitwise_batch(g, b * batch, ((b + 1) * batch).min(n), sc),
        )
        .collect();
    batches.into_iter().flatten().unzip()
}

/// Closeness and harmonic centrality of sources `first..last` (at most 256).
fn bitwise_batch(g: &Adjacency, first: usize, last: usize, sc: &mut BitScratch) -> Vec<(f64, f64)> {
    let n = g.node_count();
    let k = last - first;
    let mut total = vec![0u64; k];
    let mut reached = vec![0u64; k];
    let mut harmonic = vec![0.0f64; k];
    for s in first..last {
        let bit = s - first;
        sc.seen[s][bit / 64] |= 1 << (bit % 64);
        sc.frontier[s][bit / 64] |= 1 << (bit % 64);
        sc.active.push(s as u32);
    }
    let mut level = 0u64;
    while !sc.active.is_empty() {
        level += 1;
        let inverse = 1.0 / level as f64;
        for &v in &sc.active {
            let bits = sc.frontier[v as usize];
            for &w in g.neighbors(v) {
                let next = &mut sc.next[w as usize];
                if *next == [0; LANES] {
                    sc.touched.push(w);
                }
                for (word, bit) in next.iter_mut().zip(bits) {
                    *word |= bit;
                }
            }
        }
        for &v in &sc.active {
            sc.frontier[v as usize] = [0; LANES];
        }
        sc.active.clear();
        // Ascending node order keeps the harmonic sums in a fixed order.
        sc.touched.sort_unstable();
        for &w in &sc.touched {
            let wi = w as usize;
            let mut fresh = [0u64; LANES];
            let mut any = false;
            for ((f, seen), next) in fresh.iter_mut().zip(&mut sc.seen[wi]).zip(sc.next[wi]) {
                *f = next & !*seen;
                *seen |= *f;
                any |= *f != 0;
            }
            sc.next[wi] = [0; LANES];
            if !any {
                continue;
            }
            sc.frontier[wi] = fresh;
            sc.active.push(w);
            for (lane, mut word) in fresh.into_iter().enumerate() {
                while word != 0 {
                    let bit = lane * 64 + word.trailing_zeros() as usize;
                    word &= word - 1;
                    total[bit] += level;
                    reached[bit] += 1;
                    harmonic[bit] += inverse;
                }
            }
        }
        sc.touched.clear();
    }
    // O(n) per batch of 256 sources: small next to the edge scans.
    for word in sc.seen.iter_mut() {
        *word = [0; LANES];
    }
    (0..k)
        .map(|bit| {
            let closeness = if total[bit] > 0 && n > 1 {
                let r = reached[bit] as f64;
                (r / total[bit] as f64) * (r / (n - 1) as f64)
            } else {
                0.0
            };
            (closeness, harmonic[bit])
        })
        .collect()
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

    proptest::proptest! {
        #[test]
        fn bit_parallel_search_equals_one_search_per_node(
            n in 1usize..300,
            pairs in proptest::collection::vec((0u32..300, 0u32..300, 1u32..2), 0..900),
        ) {
            let pairs: Vec<_> = pairs.into_iter().filter(|&(a, b, _)| (a as usize) < n && (b as usize) < n).collect();
            let g = Adjacency::from_pairs(n, &pairs);
            let (c1, h1) = closeness_harmonic_bitwise(&g);
            let (c2, h2) = closeness_harmonic_per_source(&g, false);
            proptest::prop_assert_eq!(c1, c2);
            for (a, b) in h1.iter().zip(&h2) {
                proptest::prop_assert!((a - b).abs() < 1e-12);
            }
        }
    }

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
