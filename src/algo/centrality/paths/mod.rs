//! Shortest-path measures: betweenness (Brandes), closeness and harmonic centrality, each
//! source searched independently and the sources spread over rayon's threads. Unweighted
//! Brandes lives in [`brandes`], weighted Brandes in [`weighted`], one-source searches
//! (Dijkstra, BFS) in [`single_source`], closeness and harmonic in [`closeness`].

mod brandes;
mod closeness;
mod single_source;
mod weighted;

use rayon::prelude::*;

use crate::graph::Adjacency;
use brandes::{accumulate_batch, accumulate_bfs, BatchScratch, BfsScratch, BATCH, BATCH_MAX_NODES};
use closeness::{closeness_harmonic_bitwise, closeness_harmonic_per_source};
use single_source::{accumulate_dijkstra, Scratch};
use weighted::{accumulate_buckets, BucketScratch, Lengths};

/// Distance marker of a node the current search has not reached.
const UNSEEN: u32 = u32::MAX;

/// Fixed number of source groups for betweenness. Each group owns one accumulator and the
/// groups are summed in order, so the floating-point result does not depend on how many
/// threads ran or how rayon scheduled them.
const SOURCE_GROUPS: usize = 16;

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
    let lengths = if weighted { Lengths::new(g) } else { None };
    let run_group = |group: usize| {
        let mut acc = vec![0.0; n];
        // Interleaved groups: low ids are often hubs, so contiguous blocks would be uneven.
        let mine = sources
            .iter()
            .copied()
            .skip(group)
            .step_by(groups)
            .filter(|&s| g.degree(s) > 0);
        if let Some(lengths) = &lengths {
            let mut sc = BucketScratch::new(n, lengths);
            for s in mine {
                accumulate_buckets(g, lengths, s, &mut sc, &mut acc);
            }
        } else if weighted {
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
