//! Community detection by modularity with the Leiden algorithm (Traag, Waltman & van Eck,
//! "From Louvain to Leiden: guaranteeing well-connected communities", Sci. Rep. 9, 5233,
//! 2019), and modularity of a given partition.
//!
//! Modularity with resolution γ of a partition c over an undirected graph with weights A:
//! Q = 1/(2m) Σ_ij [A_ij − γ k_i k_j / (2m)] δ(c_i, c_j), where k_i = Σ_j A_ij and
//! 2m = Σ_i k_i. Unweighted means A_ij = 1 for every pair that met.

mod leiden;
mod weighted;

pub use weighted::WeightedGraph;

use rayon::prelude::*;

use crate::graph::Adjacency;

/// How edges are weighted for community detection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EdgeWeights {
    /// Every pair that met weighs 1.
    #[default]
    Unit,
    /// A pair weighs its number of meetings.
    Meetings,
}

/// Settings of a Leiden run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LeidenOptions {
    /// Resolution γ (1 is classic modularity; higher gives smaller communities).
    pub resolution: f64,
    /// Seed of the node visiting order.
    pub seed: u64,
    /// Most Leiden iterations; the run stops earlier when an iteration changes nothing.
    pub max_iterations: usize,
    /// Stop once an iteration raises Q by less than this share of what the iterations after
    /// the first have raised it in all (0: run until an iteration changes nothing). The first
    /// iteration moves nodes from singletons and does the bulk; the later ones move refined
    /// pieces between communities and gain ever less, at a third to a half of the first's cost
    /// each. Measured against their own progress, not against Q, the rule stops as late on a
    /// graph of high modularity as on one of low: on the M and L sets at the sixth and eighth
    /// iteration, within 0.4 % and 0.8 % of the best of igraph's Leiden runs to convergence.
    pub tolerance: f64,
    /// Edge weighting.
    pub weights: EdgeWeights,
}

impl Default for LeidenOptions {
    fn default() -> Self {
        LeidenOptions {
            resolution: 1.0,
            seed: 0,
            max_iterations: 50,
            tolerance: 0.03,
            weights: EdgeWeights::Unit,
        }
    }
}

/// A partition found by Leiden.
#[derive(Debug, Clone, PartialEq)]
pub struct Partition {
    /// Community of each node, numbered 0.. by the smallest node they hold.
    pub membership: Vec<u32>,
    /// Number of communities (isolated nodes are communities of their own).
    pub count: usize,
    /// Modularity of the partition at the requested resolution.
    pub modularity: f64,
    /// Leiden iterations run.
    pub iterations: usize,
}

/// Runs Leiden for modularity on `g` until an iteration leaves the partition unchanged, gains
/// less than `tolerance` (relative to the later iterations' progress), or `max_iterations`
/// have run. Moves are made one node at a time and the parallel sums keep a fixed order, so
/// the result depends only on the graph and seed, not on the thread count.
///
/// ```
/// use whomet::algo::community::{leiden, LeidenOptions};
/// use whomet::graph::Adjacency;
/// // Two triangles joined by one edge.
/// let g = Adjacency::from_pairs(6, &[(0, 1, 1), (1, 2, 1), (0, 2, 1), (3, 4, 1), (4, 5, 1), (3, 5, 1), (2, 3, 1)]);
/// let p = leiden(&g, &LeidenOptions::default());
/// assert_eq!(p.membership, vec![0, 0, 0, 1, 1, 1]);
/// assert!((p.modularity - 5.0 / 14.0).abs() < 1e-12);
/// ```
pub fn leiden(g: &Adjacency, options: &LeidenOptions) -> Partition {
    let graph = WeightedGraph::from_adjacency(g, options.weights);
    leiden_weighted(&graph, options)
}

/// [`leiden`] on a graph with real weights.
pub fn leiden_weighted(graph: &WeightedGraph, options: &LeidenOptions) -> Partition {
    let n = graph.node_count();
    let mut membership: Vec<u32> = (0..n as u32).collect();
    let mut rng = leiden::Rng::new(options.seed);
    let mut iterations = 0;
    let mut best = modularity_weighted(graph, &membership, options.resolution);
    // Q after the first iteration, the base the later ones' progress is measured from.
    let mut first = None;
    while iterations < options.max_iterations.max(1) {
        iterations += 1;
        let next = canonical(&leiden::iterate(
            graph,
            &membership,
            options.resolution,
            &mut rng,
        ));
        let q = modularity_weighted(graph, &next, options.resolution);
        let changed = next != membership;
        // An iteration can only keep or raise Q; a float-level drop means it has settled.
        if q + 1e-12 < best {
            break;
        }
        let gain = q - best;
        membership = next;
        best = best.max(q);
        let base = *first.get_or_insert(best);
        if !changed || (iterations > 1 && gain < options.tolerance * (best - base)) {
            break;
        }
    }
    let membership = canonical(&membership);
    let count = membership
        .iter()
        .map(|&c| c as usize + 1)
        .max()
        .unwrap_or(0);
    Partition {
        modularity: modularity_weighted(graph, &membership, options.resolution),
        membership,
        count,
        iterations,
    }
}

/// Modularity of `membership` (one community id per node) on `g` with resolution γ; 0 on a
/// graph without edges.
///
/// ```
/// use whomet::algo::community::{modularity, EdgeWeights};
/// use whomet::graph::Adjacency;
/// let g = Adjacency::from_pairs(4, &[(0, 1, 1), (2, 3, 1)]);
/// assert!((modularity(&g, &[0, 0, 1, 1], 1.0, EdgeWeights::Unit) - 0.5).abs() < 1e-12);
/// ```
pub fn modularity(g: &Adjacency, membership: &[u32], resolution: f64, weights: EdgeWeights) -> f64 {
    modularity_weighted(
        &WeightedGraph::from_adjacency(g, weights),
        membership,
        resolution,
    )
}

/// [`modularity`] on a graph with real weights (self-loops count twice in the degree, as in
/// igraph and networkx).
pub fn modularity_weighted(graph: &WeightedGraph, membership: &[u32], resolution: f64) -> f64 {
    let two_m = graph.total_weight();
    if two_m <= 0.0 {
        return 0.0;
    }
    let communities = membership
        .iter()
        .map(|&c| c as usize + 1)
        .max()
        .unwrap_or(0);
    // Each node's weight inside its community, in parallel; summed below in node order so the
    // value does not depend on the thread count.
    let inside: Vec<f64> = (0..graph.node_count())
        .into_par_iter()
        .map(|v| {
            let c = membership[v];
            let mut w_in = 2.0 * graph.self_weight(v);
            for (&u, &w) in graph.neighbors(v).iter().zip(graph.weights(v)) {
                if membership[u as usize] == c {
                    w_in += w;
                }
            }
            w_in
        })
        .collect();
    let mut internal = vec![0.0f64; communities];
    let mut total = vec![0.0f64; communities];
    for (v, w_in) in inside.into_iter().enumerate() {
        let c = membership[v] as usize;
        total[c] += graph.strength(v);
        internal[c] += w_in;
    }
    internal
        .iter()
        .zip(&total)
        .map(|(&inside, &k)| inside / two_m - resolution * (k / two_m) * (k / two_m))
        .sum()
}

/// Renumbers communities 0.. in order of their smallest node.
pub fn canonical(membership: &[u32]) -> Vec<u32> {
    let size = membership
        .iter()
        .map(|&c| c as usize + 1)
        .max()
        .unwrap_or(0);
    let mut map = vec![u32::MAX; size];
    let mut next = 0u32;
    membership
        .iter()
        .map(|&c| {
            let slot = &mut map[c as usize];
            if *slot == u32::MAX {
                *slot = next;
                next += 1;
            }
            *slot
        })
        .collect()
}

#[cfg(test)]
mod tests;
