//! The weighted graph Leiden works on: CSR with real weights, a self-loop weight per node
//! (aggregated communities carry their inner weight there) and cached strengths.

use super::EdgeWeights;
use crate::graph::Adjacency;

/// Undirected graph in CSR form with real edge weights and one self-loop weight per node.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WeightedGraph {
    offsets: Vec<usize>,
    targets: Vec<u32>,
    weights: Vec<f64>,
    self_weights: Vec<f64>,
    strengths: Vec<f64>,
    total: f64,
    /// Every edge weighs 1 and no node has a loop: the hot loops may skip `weights`.
    unit: bool,
}

impl WeightedGraph {
    /// The meeting graph with unit or meeting-count weights.
    pub fn from_adjacency(g: &Adjacency, weights: EdgeWeights) -> Self {
        let n = g.node_count();
        let mut offsets = Vec::with_capacity(n + 1);
        offsets.push(0);
        let mut targets = Vec::with_capacity(g.edge_count() * 2);
        let mut edge_weights = Vec::with_capacity(g.edge_count() * 2);
        for v in 0..n as u32 {
            targets.extend_from_slice(g.neighbors(v));
            match weights {
                EdgeWeights::Unit => edge_weights.extend(g.neighbors(v).iter().map(|_| 1.0)),
                EdgeWeights::Meetings => {
                    edge_weights.extend(g.weights(v).iter().map(|&w| f64::from(w)))
                }
            }
            offsets.push(targets.len());
        }
        let mut graph = Self::from_parts(offsets, targets, edge_weights, vec![0.0; n]);
        graph.unit = weights == EdgeWeights::Unit;
        graph
    }

    /// Builds from CSR parts; `self_weights[v]` is the weight of the loop at `v` (counted
    /// twice in its strength).
    pub(super) fn from_parts(
        offsets: Vec<usize>,
        targets: Vec<u32>,
        weights: Vec<f64>,
        self_weights: Vec<f64>,
    ) -> Self {
        let strengths: Vec<f64> = (0..self_weights.len())
            .map(|v| {
                weights[offsets[v]..offsets[v + 1]].iter().sum::<f64>() + 2.0 * self_weights[v]
            })
            .collect();
        let total = strengths.iter().sum();
        WeightedGraph {
            offsets,
            targets,
            weights,
            self_weights,
            strengths,
            total,
            unit: false,
        }
    }

    /// Whether every edge weighs 1 and there are no loops.
    pub fn is_unit(&self) -> bool {
        self.unit
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.self_weights.len()
    }

    /// Neighbours of `v` (never `v` itself).
    pub fn neighbors(&self, v: usize) -> &[u32] {
        &self.targets[self.offsets[v]..self.offsets[v + 1]]
    }

    /// The most neighbours any node has (0 without nodes).
    pub fn max_degree(&self) -> usize {
        self.offsets
            .windows(2)
            .map(|w| w[1] - w[0])
            .max()
            .unwrap_or(0)
    }

    /// Weights towards each neighbour of `v`.
    pub fn weights(&self, v: usize) -> &[f64] {
        &self.weights[self.offsets[v]..self.offsets[v + 1]]
    }

    /// Weight of the loop at `v`.
    pub fn self_weight(&self, v: usize) -> f64 {
        self.self_weights[v]
    }

    /// k_v: the sum of `v`'s edge weights, its loop twice.
    pub fn strength(&self, v: usize) -> f64 {
        self.strengths[v]
    }

    /// 2m: the sum of all strengths.
    pub fn total_weight(&self) -> f64 {
        self.total
    }
}
