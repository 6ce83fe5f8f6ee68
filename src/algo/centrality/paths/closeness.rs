//! Closeness and harmonic centrality: one search per node (weighted, by Dijkstra), or the
//! multi-source bit-parallel breadth-first search for 256 sources at once (unweighted).

use rayon::prelude::*;

use super::single_source::{bfs_distances, dijkstra_paths, Scratch};
use crate::graph::Adjacency;

/// Closeness and harmonic centrality with one search per node, in parallel.
pub(super) fn closeness_harmonic_per_source(g: &Adjacency, weighted: bool) -> (Vec<f64>, Vec<f64>) {
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
pub(super) fn closeness_harmonic_bitwise(g: &Adjacency) -> (Vec<f64>, Vec<f64>) {
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
        expand_frontier(g, sc);
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
        .map(|bit| (closeness_of(total[bit], reached[bit], n), harmonic[bit]))
        .collect()
}

/// Ors the frontier's source bits into each neighbour's `next`, listing the neighbours in
/// `touched` in ascending order (which keeps the harmonic sums in a fixed order), and empties
/// the frontier.
#[inline]
fn expand_frontier(g: &Adjacency, sc: &mut BitScratch) {
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
    sc.touched.sort_unstable();
}

/// Wasserman–Faust closeness from the distance `total` to the `reached` actors of `n`.
fn closeness_of(total: u64, reached: u64, n: usize) -> f64 {
    if total > 0 && n > 1 {
        let r = reached as f64;
        (r / total as f64) * (r / (n - 1) as f64)
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
