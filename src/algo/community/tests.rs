//! Leiden against brute recomputation on small random graphs.

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;

use super::*;

fn arbitrary_graph() -> impl Strategy<Value = Adjacency> {
    (1usize..24).prop_flat_map(|n| {
        prop::collection::vec((0..n as u32, 0..n as u32, 1u32..5), 0..60)
            .prop_map(move |pairs| Adjacency::from_pairs(n, &pairs))
    })
}

/// Q straight from the definition, over every ordered pair.
fn brute_modularity(g: &Adjacency, membership: &[u32], gamma: f64, weights: EdgeWeights) -> f64 {
    let n = g.node_count();
    let mut a = vec![vec![0.0f64; n]; n];
    for (x, y, w) in g.edges() {
        let w = match weights {
            EdgeWeights::Unit => 1.0,
            EdgeWeights::Meetings => f64::from(w),
        };
        a[x as usize][y as usize] = w;
        a[y as usize][x as usize] = w;
    }
    let k: Vec<f64> = a.iter().map(|row| row.iter().sum()).collect();
    let two_m: f64 = k.iter().sum();
    if two_m == 0.0 {
        return 0.0;
    }
    let mut q = 0.0;
    for i in 0..n {
        for j in 0..n {
            if membership[i] == membership[j] {
                q += a[i][j] - gamma * k[i] * k[j] / two_m;
            }
        }
    }
    q / two_m
}

fn connected(g: &Adjacency, members: &BTreeSet<u32>) -> bool {
    let Some(&start) = members.iter().next() else {
        return true;
    };
    let mut seen = BTreeSet::from([start]);
    let mut stack = vec![start];
    while let Some(v) = stack.pop() {
        for &u in g.neighbors(v) {
            if members.contains(&u) && seen.insert(u) {
                stack.push(u);
            }
        }
    }
    seen.len() == members.len()
}

proptest! {
    #[test]
    fn leiden_keeps_its_promises(
        g in arbitrary_graph(),
        seed: u64,
        weighted: bool,
        gamma in prop::sample::select(vec![0.5, 1.0, 2.0]),
    ) {
        let weights = if weighted { EdgeWeights::Meetings } else { EdgeWeights::Unit };
        let options = LeidenOptions { resolution: gamma, seed, weights, ..LeidenOptions::default() };
        let p = leiden(&g, &options);
        prop_assert_eq!(p.membership.len(), g.node_count());
        let brute = brute_modularity(&g, &p.membership, gamma, weights);
        prop_assert!((p.modularity - brute).abs() < 1e-9, "{} vs {}", p.modularity, brute);
        prop_assert_eq!(&leiden(&g, &options), &p);
        let mut groups: BTreeMap<u32, BTreeSet<u32>> = BTreeMap::new();
        for (v, &c) in p.membership.iter().enumerate() {
            groups.entry(c).or_default().insert(v as u32);
        }
        prop_assert_eq!(groups.len(), p.count);
        for members in groups.values() {
            prop_assert!(connected(&g, members), "community {:?} is not connected", members);
        }
        // Never worse than every node alone.
        let alone: Vec<u32> = (0..g.node_count() as u32).collect();
        prop_assert!(p.modularity + 1e-12 >= brute_modularity(&g, &alone, gamma, weights));
    }

    #[test]
    fn running_on_never_loses_what_the_default_stop_found(g in arbitrary_graph(), seed: u64) {
        // Both runs draw the same node orders up to the default's stop, so the longer one
        // passes through the shorter one's partition and an iteration never lowers Q.
        let stopped = leiden(&g, &LeidenOptions { seed, ..LeidenOptions::default() });
        let converged = leiden(&g, &LeidenOptions { seed, tolerance: 0.0, ..LeidenOptions::default() });
        prop_assert!(converged.iterations >= stopped.iterations);
        prop_assert!(converged.modularity + 1e-12 >= stopped.modularity);
    }

    #[test]
    fn modularity_matches_the_definition(g in arbitrary_graph(), labels in prop::collection::vec(0u32..4, 24)) {
        let membership = &labels[..g.node_count()];
        for weights in [EdgeWeights::Unit, EdgeWeights::Meetings] {
            let fast = modularity(&g, membership, 1.3, weights);
            let brute = brute_modularity(&g, membership, 1.3, weights);
            prop_assert!((fast - brute).abs() < 1e-12);
        }
    }
}

#[test]
fn empty_and_edgeless_graphs() {
    let p = leiden(&Adjacency::from_pairs(0, &[]), &LeidenOptions::default());
    assert_eq!((p.count, p.modularity), (0, 0.0));
    let p = leiden(&Adjacency::from_pairs(3, &[]), &LeidenOptions::default());
    assert_eq!(p.membership, vec![0, 1, 2]);
}
