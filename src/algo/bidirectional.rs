//! Point-to-point shortest paths on a CSR [`Adjacency`] by bidirectional breadth-first search,
//! with buffers reused across queries ([`PathFinder`]).

use crate::graph::Adjacency;

/// Reusable buffers for fast point-to-point searches on an [`Adjacency`].
pub struct PathFinder<'a> {
    adjacency: &'a Adjacency,
    stamp: Vec<u32>,
    side: Vec<u8>,
    parent: Vec<u32>,
    generation: u32,
    front: [Vec<u32>; 2],
    next: Vec<u32>,
}

impl<'a> PathFinder<'a> {
    /// Prepares buffers sized for `adjacency`.
    pub fn new(adjacency: &'a Adjacency) -> Self {
        let n = adjacency.node_count();
        PathFinder {
            adjacency,
            stamp: vec![0; n],
            side: vec![0; n],
            parent: vec![0; n],
            generation: 0,
            front: [Vec::new(), Vec::new()],
            next: Vec::new(),
        }
    }

    /// One shortest path from `from` to `to` as node ids, by bidirectional breadth-first
    /// search that always grows the smaller frontier.
    ///
    /// Complexity: O(V + E) in the worst case; far less on small-world graphs.
    ///
    /// ```
    /// use whomet::graph::Adjacency;
    /// use whomet::algo::bidirectional::PathFinder;
    /// let g = Adjacency::from_pairs(4, &[(0, 1, 1), (1, 2, 1), (2, 3, 1)]);
    /// assert_eq!(PathFinder::new(&g).shortest(0, 3), Some(vec![0, 1, 2, 3]));
    /// ```
    pub fn shortest(&mut self, from: u32, to: u32) -> Option<Vec<u32>> {
        if from == to {
            return Some(vec![from]);
        }
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            self.stamp.fill(0);
            self.generation = 1;
        }
        let generation = self.generation;
        for (side, start) in [(0u8, from), (1u8, to)] {
            self.stamp[start as usize] = generation;
            self.side[start as usize] = side;
            self.parent[start as usize] = start;
            self.front[side as usize].clear();
            self.front[side as usize].push(start);
        }
        while !self.front[0].is_empty() && !self.front[1].is_empty() {
            let side = if self.front[0].len() <= self.front[1].len() {
                0
            } else {
                1
            };
            let frontier = std::mem::take(&mut self.front[side]);
            self.next.clear();
            for &v in &frontier {
                for &w in self.adjacency.neighbors(v) {
                    let wi = w as usize;
                    if self.stamp[wi] != generation {
                        self.stamp[wi] = generation;
                        self.side[wi] = side as u8;
                        self.parent[wi] = v;
                        self.next.push(w);
                    } else if self.side[wi] != side as u8 {
                        let (a, b) = if side == 0 { (v, w) } else { (w, v) };
                        self.front[side] = frontier;
                        return Some(self.join(a, b));
                    }
                }
            }
            self.front[side] = frontier;
            std::mem::swap(&mut self.front[side], &mut self.next);
        }
        None
    }

    /// Joins the half from `from` ending at `a` with the half from `to` ending at `b`.
    fn join(&self, a: u32, b: u32) -> Vec<u32> {
        let mut left = vec![a];
        while self.parent[*left.last().expect("non-empty") as usize]
            != *left.last().expect("non-empty")
        {
            left.push(self.parent[*left.last().expect("non-empty") as usize]);
        }
        left.reverse();
        let mut v = b;
        left.push(v);
        while self.parent[v as usize] != v {
            v = self.parent[v as usize];
            left.push(v);
        }
        left
    }
}
