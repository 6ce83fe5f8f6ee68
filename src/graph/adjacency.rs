//! A compressed adjacency list (CSR) of the "met at least once" projection, for algorithms
//! that walk neighbours millions of times.

use std::sync::atomic::{AtomicU32, Ordering::Relaxed};

use rayon::prelude::*;

/// Undirected simple graph in compressed sparse row form: node `v`'s neighbours are
/// `targets[offsets[v]..offsets[v + 1]]`, sorted ascending, each with the number of meetings
/// behind that pair in `weights`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Adjacency {
    offsets: Vec<usize>,
    targets: Vec<u32>,
    weights: Vec<u32>,
}

impl Adjacency {
    /// Builds the graph over nodes `0..node_count` from undirected pairs `(a, b, weight)`.
    ///
    /// Pairs may come in any order and repeat (weights add up); self-loops are dropped.
    ///
    /// ```
    /// use whomet::graph::Adjacency;
    /// let g = Adjacency::from_pairs(3, &[(0, 1, 1), (1, 2, 2), (2, 1, 1)]);
    /// assert_eq!(g.neighbors(1), &[0, 2]);
    /// assert_eq!(g.weights(1), &[1, 3]);
    /// assert_eq!(g.edge_count(), 2);
    /// ```
    pub fn from_pairs(node_count: usize, pairs: &[(u32, u32, u32)]) -> Self {
        let mut directed: Vec<(u32, u32, u32)> = Vec::with_capacity(pairs.len() * 2);
        for &(a, b, w) in pairs {
            if a != b {
                directed.push((a, b, w));
                directed.push((b, a, w));
            }
        }
        directed.sort_unstable_by_key(|&(a, b, _)| (a, b));
        let mut offsets = vec![0usize; node_count + 1];
        let mut targets = Vec::with_capacity(directed.len());
        let mut weights: Vec<u32> = Vec::with_capacity(directed.len());
        let mut last: Option<(u32, u32)> = None;
        for (a, b, w) in directed {
            if last == Some((a, b)) {
                *weights.last_mut().expect("a previous entry") += w;
                continue;
            }
            last = Some((a, b));
            offsets[a as usize + 1] += 1;
            targets.push(b);
            weights.push(w);
        }
        for v in 0..node_count {
            offsets[v + 1] += offsets[v];
        }
        Adjacency {
            offsets,
            targets,
            weights,
        }
    }

    /// Builds the graph from `count` pairs already sorted by `(a, b)` with `a < b` and no
    /// repeats, `pair(p)` being the `p`-th, skipping the sort (the loader's fast path).
    ///
    /// Every core takes a run of pairs, counts each node's lower and upper neighbours in it,
    /// and then writes its pairs into both rows at places that the counts of the runs before
    /// it make its own: a node's lower neighbours come first, each run's in ascending order.
    pub(crate) fn from_sorted_unique_pairs(
        node_count: usize,
        count: usize,
        pair: impl Fn(usize) -> (u32, u32, u32) + Sync,
    ) -> Self {
        if 2 * count > u32::MAX as usize {
            // Too many rows' entries for the runs' 32-bit places: the general builder.
            let pairs: Vec<(u32, u32, u32)> = (0..count).map(&pair).collect();
            return Self::from_pairs(node_count, &pairs);
        }
        let run = count
            .div_ceil(rayon::current_num_threads().max(1) * 2)
            .max(1);
        let runs = count.div_ceil(run);
        let pairs_of = |r: usize| r * run..((r + 1) * run).min(count);
        // Per run, per node, how many of its neighbours the run holds below it and above it.
        let counts: Vec<(Vec<u32>, Vec<u32>)> = (0..runs)
            .into_par_iter()
            .map(|r| {
                let mut lower = vec![0u32; node_count];
                let mut upper = vec![0u32; node_count];
                for p in pairs_of(r) {
                    let (a, b, _) = pair(p);
                    upper[a as usize] += 1;
                    lower[b as usize] += 1;
                }
                (lower, upper)
            })
            .collect();
        let mut offsets = vec![0usize; node_count + 1];
        // Where each run writes its next lower and upper neighbour of each node.
        let mut cursors: Vec<(Vec<u32>, Vec<u32>)> = (0..runs)
            .map(|_| (vec![0u32; node_count], vec![0u32; node_count]))
            .collect();
        for v in 0..node_count {
            let mut at = offsets[v] as u32;
            for (r, (lower, _)) in counts.iter().enumerate() {
                cursors[r].0[v] = at;
                at += lower[v];
            }
            for (r, (_, upper)) in counts.iter().enumerate() {
                cursors[r].1[v] = at;
                at += upper[v];
            }
            offsets[v + 1] = at as usize;
        }
        drop(counts);
        let total = offsets[node_count];
        // Each slot is written once, by the run that owns it; relaxed atomic stores are plain
        // stores, and they let the runs share the rows without unsafe code.
        let targets: Vec<AtomicU32> = (0..total).map(|_| AtomicU32::new(0)).collect();
        let weights: Vec<AtomicU32> = (0..total).map(|_| AtomicU32::new(0)).collect();
        cursors
            .into_par_iter()
            .enumerate()
            .for_each(|(r, (mut lower, mut upper))| {
                for p in pairs_of(r) {
                    let (a, b, w) = pair(p);
                    let below = &mut lower[b as usize];
                    targets[*below as usize].store(a, Relaxed);
                    weights[*below as usize].store(w, Relaxed);
                    *below += 1;
                    let above = &mut upper[a as usize];
                    targets[*above as usize].store(b, Relaxed);
                    weights[*above as usize].store(w, Relaxed);
                    *above += 1;
                }
            });
        Adjacency {
            offsets,
            targets: targets.into_iter().map(AtomicU32::into_inner).collect(),
            weights: weights.into_iter().map(AtomicU32::into_inner).collect(),
        }
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// Number of undirected edges (distinct pairs).
    pub fn edge_count(&self) -> usize {
        self.targets.len() / 2
    }

    /// Neighbours of `v`, ascending.
    pub fn neighbors(&self, v: u32) -> &[u32] {
        let v = v as usize;
        &self.targets[self.offsets[v]..self.offsets[v + 1]]
    }

    /// Meeting counts towards each neighbour of `v`, aligned with [`Adjacency::neighbors`].
    pub fn weights(&self, v: u32) -> &[u32] {
        let v = v as usize;
        &self.weights[self.offsets[v]..self.offsets[v + 1]]
    }

    /// Number of distinct actors `v` met.
    pub fn degree(&self, v: u32) -> usize {
        let v = v as usize;
        self.offsets[v + 1] - self.offsets[v]
    }

    /// Every undirected edge once, as `(a, b, weight)` with `a < b`, sorted.
    pub fn edges(&self) -> impl Iterator<Item = (u32, u32, u32)> + '_ {
        (0..self.node_count() as u32).flat_map(move |a| {
            self.neighbors(a)
                .iter()
                .zip(self.weights(a))
                .filter(move |(&b, _)| a < b)
                .map(move |(&b, &w)| (a, b, w))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_fast_path_matches_general_builder() {
        let pairs = [(0, 2, 1), (0, 3, 2), (1, 2, 1), (2, 3, 5), (3, 4, 1)];
        let general = Adjacency::from_pairs(6, &pairs);
        let fast = Adjacency::from_sorted_unique_pairs(6, pairs.len(), |p| pairs[p]);
        assert_eq!(general, fast);
        assert_eq!(fast.neighbors(3), &[0, 2, 4]);
        assert_eq!(fast.degree(5), 0);
        assert_eq!(fast.edges().collect::<Vec<_>>(), pairs);
    }

    proptest::proptest! {
        /// The loader's builder, whose runs of pairs each fill their own places, gives the
        /// graph of the general builder for any sorted set of pairs.
        #[test]
        fn sorted_fast_path_matches_general_builder_on_any_pairs(
            nodes in 1usize..40,
            raw in proptest::collection::btree_map((0u32..40, 0u32..40), 1u32..5, 0..200),
        ) {
            let pairs: Vec<(u32, u32, u32)> = raw
                .into_iter()
                .filter(|&((a, b), _)| a < b && (b as usize) < nodes)
                .map(|((a, b), w)| (a, b, w))
                .collect();
            let fast = Adjacency::from_sorted_unique_pairs(nodes, pairs.len(), |p| pairs[p]);
            proptest::prop_assert_eq!(&fast, &Adjacency::from_pairs(nodes, &pairs));
            proptest::prop_assert_eq!(fast.edges().collect::<Vec<_>>(), pairs);
        }
    }
}
