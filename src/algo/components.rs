//! Connected components of the "met at least once" projection: who is linked to whom through
//! any chain of meetings.

use crate::graph::{Adjacency, MeetingGraph};
use crate::model::ActorIndex;

/// The connected components of an [`Adjacency`], largest first.
///
/// Component `0` is the largest; ties are broken by the smallest node in each component, and
/// each component lists its nodes in ascending order. Isolated nodes are components of one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Components {
    /// Nodes grouped by component, each group ascending.
    members: Vec<u32>,
    /// Component `c` is `members[offsets[c]..offsets[c + 1]]`.
    offsets: Vec<usize>,
    /// The component of each node.
    component: Vec<u32>,
}

impl Components {
    /// Number of components.
    pub fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    /// True when the graph has no nodes.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The nodes of component `c`, ascending.
    pub fn members(&self, c: usize) -> &[u32] {
        &self.members[self.offsets[c]..self.offsets[c + 1]]
    }

    /// The size of component `c`.
    pub fn size(&self, c: usize) -> usize {
        self.offsets[c + 1] - self.offsets[c]
    }

    /// The component holding node `v`.
    pub fn of(&self, v: u32) -> usize {
        self.component[v as usize] as usize
    }

    /// Every component's nodes, largest component first.
    pub fn iter(&self) -> impl Iterator<Item = &[u32]> + '_ {
        (0..self.len()).map(move |c| self.members(c))
    }
}

/// Finds the connected components of `graph` by breadth-first search.
///
/// # Returns
/// The components, largest first, ties by smallest node.
///
/// # Complexity
/// O(V + E) time, O(V) extra space.
///
/// # Example
/// ```
/// use whomet::algo::components::connected_components;
/// use whomet::graph::Adjacency;
/// let g = Adjacency::from_pairs(6, &[(0, 1, 1), (4, 5, 1), (5, 3, 1)]);
/// let c = connected_components(&g);
/// assert_eq!(c.len(), 3);
/// assert_eq!(c.members(0), &[3, 4, 5]);
/// assert_eq!(c.members(1), &[0, 1]);
/// assert_eq!(c.members(2), &[2]);
/// assert_eq!(c.of(4), 0);
/// ```
pub fn connected_components(graph: &Adjacency) -> Components {
    const UNSEEN: u32 = u32::MAX;
    let n = graph.node_count();
    let mut label = vec![UNSEEN; n];
    // The queue doubles as the visiting order: each component is one contiguous run of it.
    let mut order: Vec<u32> = Vec::with_capacity(n);
    // (first position in `order`, size, smallest node) per component in discovery order.
    let mut found: Vec<(usize, usize, u32)> = Vec::new();
    for start in 0..n as u32 {
        if label[start as usize] != UNSEEN {
            continue;
        }
        let c = found.len() as u32;
        let first = order.len();
        label[start as usize] = c;
        order.push(start);
        let mut head = first;
        while head < order.len() {
            let v = order[head];
            head += 1;
            for &w in graph.neighbors(v) {
                if label[w as usize] == UNSEEN {
                    label[w as usize] = c;
                    order.push(w);
                }
            }
        }
        // Starts ascend, so a component's first node is its smallest.
        found.push((first, order.len() - first, start));
    }
    let mut ranked: Vec<u32> = (0..found.len() as u32).collect();
    ranked.sort_unstable_by_key(|&c| {
        let (_, size, smallest) = found[c as usize];
        (std::cmp::Reverse(size), smallest)
    });
    let mut rank_of = vec![0u32; found.len()];
    let mut members = Vec::with_capacity(n);
    let mut offsets = Vec::with_capacity(found.len() + 1);
    offsets.push(0);
    for (rank, &c) in ranked.iter().enumerate() {
        rank_of[c as usize] = rank as u32;
        let (first, size, _) = found[c as usize];
        let start = members.len();
        members.extend_from_slice(&order[first..first + size]);
        members[start..].sort_unstable();
        offsets.push(members.len());
    }
    for l in &mut label {
        *l = rank_of[*l as usize];
    }
    Components {
        members,
        offsets,
        component: label,
    }
}

/// The components of everyone who held a meeting with anyone, as actor indices, largest
/// first; ties by smallest actor id, members sorted by id.
///
/// ```
/// use whomet::algo::components::actor_components;
/// use whomet::store::{load, DataLocation};
/// let graph = load(&DataLocation::Embedded)?;
/// let components = actor_components(&graph);
/// let total: usize = components.iter().map(Vec::len).sum();
/// assert_eq!(total, graph.actor_count());
/// # Ok::<(), whomet::store::LoadError>(())
/// ```
pub fn actor_components(graph: &MeetingGraph) -> Vec<Vec<ActorIndex>> {
    let components = connected_components(graph.adjacency());
    let id = |a: &ActorIndex| graph.actor(*a).id.as_str();
    let mut out: Vec<Vec<ActorIndex>> = components
        .iter()
        .map(|members| {
            let mut actors: Vec<ActorIndex> = members.iter().map(|&v| ActorIndex(v)).collect();
            actors.sort_by(|a, b| id(a).cmp(id(b)));
            actors
        })
        .collect();
    out.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| id(&a[0]).cmp(id(&b[0]))));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_and_orders_components() {
        let g = Adjacency::from_pairs(7, &[(6, 5, 1), (2, 3, 1), (3, 4, 1), (0, 1, 1)]);
        let c = connected_components(&g);
        let groups: Vec<&[u32]> = c.iter().collect();
        assert_eq!(groups, [&[2, 3, 4][..], &[0, 1], &[5, 6]]);
        assert_eq!(c.size(1), 2);
        assert_eq!(c.of(6), 2);
        assert!(connected_components(&Adjacency::from_pairs(0, &[])).is_empty());
    }
}
