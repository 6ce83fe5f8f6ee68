//! A compressed adjacency list (CSR) of the "met at least once" projection, for algorithms
//! that walk neighbours millions of times.

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

    /// Builds the graph from pairs already sorted by `(a, b)` with `a < b` and no repeats,
    /// skipping the sort (the loader's fast path).
    pub(crate) fn from_sorted_unique_pairs(node_count: usize, pairs: &[(u32, u32, u32)]) -> Self {
        let mut degree = vec![0usize; node_count + 1];
        for &(a, b, _) in pairs {
            degree[a as usize + 1] += 1;
            degree[b as usize + 1] += 1;
        }
        for v in 0..node_count {
            degree[v + 1] += degree[v];
        }
        let offsets = degree.clone();
        let mut fill = degree;
        let mut targets = vec![0u32; pairs.len() * 2];
        let mut weights = vec![0u32; pairs.len() * 2];
        // Pairs sorted by (a, b) with a < b: for node v, neighbours below v arrive (as b) in
        // ascending a, and all come before neighbours above v only if we place them first;
        // so place lower neighbours in a first pass and higher ones in a second.
        for &(a, b, w) in pairs {
            let slot = fill[b as usize];
            targets[slot] = a;
            weights[slot] = w;
            fill[b as usize] += 1;
        }
        for &(a, b, w) in pairs {
            let slot = fill[a as usize];
            targets[slot] = b;
            weights[slot] = w;
            fill[a as usize] += 1;
        }
        Adjacency {
            offsets,
            targets,
            weights,
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
        let fast = Adjacency::from_sorted_unique_pairs(6, &pairs);
        assert_eq!(general, fast);
        assert_eq!(fast.neighbors(3), &[0, 2, 4]);
        assert_eq!(fast.degree(5), 0);
        assert_eq!(fast.edges().collect::<Vec<_>>(), pairs);
    }
}
