//! Path queries against brute force on small random graphs.

use std::collections::{BTreeSet, HashMap, VecDeque};

use proptest::prelude::*;
use whomet::graph::{day_number, MeetingFilter};
use whomet::model::{ActorIndex, FuzzyDate, Status};
use whomet::query::path::{
    all_shortest_paths, k_shortest_paths, shortest_path, ActorConstraints, PathOptions, Via,
};
use whomet::query::temporal::{earliest_arrivals, Certainty, TemporalOptions};
use whomet::MeetingGraph;

use crate::support;

/// A random meeting: participants (indices), date notation, held or not.
type RawMeeting = (Vec<usize>, String, bool);

fn dates() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (1u8..=28).prop_map(|d| format!("2016-06-{d:02}")),
        1 => (1u8..=20, 0u8..=8).prop_map(|(d, len)| format!("2016-06-{d:02}..2016-06-{:02}", d + len)),
        1 => Just("2016-06".to_string()),
        1 => (1u8..=28).prop_map(|d| format!("..2016-06-{d:02}")),
        1 => (1u8..=28).prop_map(|d| format!("2016-06-{d:02}..")),
    ]
}

fn meetings(n: usize) -> impl Strategy<Value = Vec<RawMeeting>> {
    prop::collection::vec(
        (
            prop::collection::btree_set(0..n, 2..=3),
            dates(),
            prop::bool::weighted(0.85),
        ),
        0..14,
    )
    .prop_map(|ms| {
        ms.into_iter()
            .map(|(ps, d, held)| (ps.into_iter().collect(), d, held))
            .collect()
    })
}

fn build(n: usize, raw: &[RawMeeting]) -> MeetingGraph {
    // Each participant is a side of its own.
    let sided: Vec<support::SidedMeeting> = raw
        .iter()
        .map(|(ps, date, held)| {
            let ps = ps.iter().enumerate().map(|(side, &p)| (p, side as u32));
            (ps.collect(), date.clone(), *held)
        })
        .collect();
    support::sided_graph(n, &sided)
}

/// Neighbour sets of the held-meeting projection, by brute force over the meetings.
fn neighbours(n: usize, raw: &[RawMeeting]) -> Vec<BTreeSet<usize>> {
    let mut adj = vec![BTreeSet::new(); n];
    for (ps, _, held) in raw {
        if *held {
            for &a in ps {
                for &b in ps {
                    if a != b {
                        adj[a].insert(b);
                    }
                }
            }
        }
    }
    adj
}

fn bfs_distance(adj: &[BTreeSet<usize>], from: usize, to: usize) -> Option<usize> {
    let mut dist = vec![usize::MAX; adj.len()];
    dist[from] = 0;
    let mut queue = VecDeque::from([from]);
    while let Some(v) = queue.pop_front() {
        for &w in &adj[v] {
            if dist[w] == usize::MAX {
                dist[w] = dist[v] + 1;
                queue.push_back(w);
            }
        }
    }
    (dist[to] != usize::MAX).then_some(dist[to])
}

fn all_simple_paths(adj: &[BTreeSet<usize>], from: usize, to: usize) -> Vec<Vec<usize>> {
    fn walk(adj: &[BTreeSet<usize>], to: usize, stack: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
        let v = *stack.last().unwrap();
        if v == to {
            out.push(stack.clone());
            return;
        }
        for &w in &adj[v] {
            if !stack.contains(&w) {
                stack.push(w);
                walk(adj, to, stack, out);
                stack.pop();
            }
        }
    }
    let mut out = Vec::new();
    walk(adj, to, &mut vec![from], &mut out);
    out
}

fn indices(path: &whomet::query::path::Path) -> Vec<usize> {
    path.actors.iter().map(|a| a.index()).collect()
}

fn assert_real_chain(graph: &MeetingGraph, path: &whomet::query::path::Path) {
    assert_eq!(path.hops.len() + 1, path.actors.len());
    for (hop, pair) in path.hops.iter().zip(path.actors.windows(2)) {
        assert_eq!((hop.from, hop.to), (pair[0], pair[1]));
        let Via::Meeting(m) = hop.via else {
            panic!("no affiliations here")
        };
        let meeting = graph.meeting(m);
        assert_eq!(meeting.status, Status::Held);
        assert!(
            meeting.has(hop.from) && meeting.has(hop.to),
            "hop {hop:?} rests on a meeting of both"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn pair_edges_and_the_petgraph_view_hold_every_held_meeting_of_each_pair(raw in meetings(7)) {
        let n = 7;
        let graph = build(n, &raw);
        let mut expected: HashMap<(u32, u32), BTreeSet<String>> = HashMap::new();
        for (i, (ps, _, held)) in raw.iter().enumerate() {
            if !*held {
                continue;
            }
            for (k, &a) in ps.iter().enumerate() {
                for &b in &ps[k + 1..] {
                    let key = (a.min(b) as u32, a.max(b) as u32);
                    expected.entry(key).or_default().insert(format!("m{i:02}"));
                }
            }
        }
        let ids = |ms: &[whomet::model::MeetingIndex]| -> BTreeSet<String> {
            ms.iter().map(|&m| graph.meeting(m).id.clone()).collect()
        };
        let view = graph.petgraph();
        prop_assert_eq!(view.node_count(), n);
        prop_assert_eq!(view.edge_count(), expected.len());
        for edge in view.edge_indices() {
            let (a, b) = view.edge_endpoints(edge).unwrap();
            let (a, b) = (ActorIndex(a.index() as u32), ActorIndex(b.index() as u32));
            prop_assert!(a < b);
            prop_assert_eq!(graph.edge_between(a, b), Some(edge));
            prop_assert_eq!(graph.edge_between(b, a), Some(edge));
            prop_assert_eq!(ids(graph.pair_meetings(view[edge])), expected[&(a.0, b.0)].clone());
        }
        for a in 0..n as u32 {
            for b in 0..n as u32 {
                let want = expected.get(&(a.min(b), a.max(b))).cloned().unwrap_or_default();
                prop_assert_eq!(ids(graph.held_between(ActorIndex(a), ActorIndex(b))), want);
            }
            for (b, meetings) in graph.upper_pairs(ActorIndex(a)) {
                prop_assert!(b.0 > a);
                prop_assert_eq!(ids(meetings), expected[&(a, b.0)].clone());
            }
        }
    }

    #[test]
    fn shortest_paths_match_brute_force(raw in meetings(7), from in 0usize..7, to in 0usize..7) {
        let n = 7;
        let graph = build(n, &raw);
        let adj = neighbours(n, &raw);
        let options = PathOptions::default();
        let (a, b) = (ActorIndex(from as u32), ActorIndex(to as u32));
        let expected = bfs_distance(&adj, from, to);
        let one = shortest_path(&graph, a, b, &options);
        prop_assert_eq!(one.as_ref().map(|p| p.hops.len()), expected);
        if let Some(p) = &one {
            assert_real_chain(&graph, p);
        }

        // --all returns exactly the set of shortest simple paths.
        let simple = all_simple_paths(&adj, from, to);
        let shortest: BTreeSet<Vec<usize>> = simple.iter().filter(|p| Some(p.len() - 1) == expected).cloned().collect();
        let all = all_shortest_paths(&graph, a, b, &options, 10_000);
        for p in &all {
            assert_real_chain(&graph, p);
        }
        let got: BTreeSet<Vec<usize>> = all.iter().map(indices).collect();
        prop_assert_eq!(got.len(), all.len(), "no duplicates");
        prop_assert_eq!(got, shortest);

        // Yen: the k shortest simple paths have the k smallest lengths among all simple paths.
        let k = 4;
        let yen = k_shortest_paths(&graph, a, b, &options, k);
        let mut lengths: Vec<usize> = simple.iter().map(|p| p.len() - 1).collect();
        lengths.sort();
        lengths.truncate(k);
        prop_assert_eq!(yen.iter().map(|p| p.hops.len()).collect::<Vec<_>>(), lengths);
        let distinct: BTreeSet<Vec<usize>> = yen.iter().map(indices).collect();
        prop_assert_eq!(distinct.len(), yen.len());
        for p in &yen {
            assert_real_chain(&graph, p);
            let unique: BTreeSet<usize> = indices(p).into_iter().collect();
            prop_assert_eq!(unique.len(), p.actors.len(), "simple path");
        }
    }

    #[test]
    fn avoided_actors_are_never_used(raw in meetings(7), from in 0usize..7, to in 0usize..7, avoid in 0usize..7) {
        prop_assume!(avoid != from && avoid != to);
        let n = 7;
        let graph = build(n, &raw);
        let mut adj = neighbours(n, &raw);
        for set in adj.iter_mut() {
            set.remove(&avoid);
        }
        adj[avoid].clear();
        let options = PathOptions { actors: ActorConstraints::avoiding(vec![ActorIndex(avoid as u32)]), ..PathOptions::default() };
        let found = shortest_path(&graph, ActorIndex(from as u32), ActorIndex(to as u32), &options);
        prop_assert_eq!(found.as_ref().map(|p| p.hops.len()), bfs_distance(&adj, from, to));
        if let Some(p) = found {
            prop_assert!(!indices(&p).contains(&avoid));
        }
    }

    #[test]
    fn earliest_arrival_is_truly_earliest(raw in meetings(6), source in 0usize..6, certain in any::<bool>()) {
        let n = 6;
        let graph = build(n, &raw);
        let certainty = if certain { Certainty::Certain } else { Certainty::Possible };
        let options = TemporalOptions { certainty, ..TemporalOptions::default() };
        let arrivals = earliest_arrivals(&graph, ActorIndex(source as u32), None, &options);

        // Independent reference (hop-bounded Bellman-Ford): round h holds the earliest day
        // each actor can hear using at most h meetings; an actor's hops are the first round
        // that reaches its overall earliest day.
        let bounds: Vec<(i32, i32)> = raw.iter().map(|(_, d, _)| {
            let d: FuzzyDate = d.parse().unwrap();
            (day_number(d.earliest()), day_number(d.latest()))
        }).collect();
        let mut round: Vec<Option<i32>> = vec![None; n];
        round[source] = Some(i32::MIN);
        let mut label: HashMap<usize, (i32, u32)> = HashMap::from([(source, (i32::MIN, 0))]);
        for h in 1..=n as u32 {
            let mut next = round.clone();
            for (i, (ps, _, held)) in raw.iter().enumerate() {
                if !held { continue; }
                let (e, l) = bounds[i];
                for &v in ps {
                    let Some(t) = round[v] else { continue };
                    let at = match certainty {
                        Certainty::Possible if t <= l => t.max(e),
                        Certainty::Certain if e >= t => l,
                        _ => continue,
                    };
                    for &u in ps {
                        if u != v && next[u].is_none_or(|old| at < old) {
                            next[u] = Some(at);
                        }
                    }
                }
            }
            round = next;
            for (u, day) in round.iter().enumerate() {
                if let Some(day) = *day {
                    if label.get(&u).is_none_or(|&(old, _)| day < old) {
                        label.insert(u, (day, h));
                    }
                }
            }
        }
        for v in 0..n {
            let got = arrivals.arrival(ActorIndex(v as u32)).map(|(d, h)| (day_number(d), h));
            // The point query (label search with early exit) agrees with the whole-network
            // rounds on day and hops.
            if v != source {
                let point = whomet::query::temporal::time_ordered_path(&graph, ActorIndex(source as u32), ActorIndex(v as u32), &options);
                prop_assert_eq!(point.map(|j| (day_number(j.hops.last().unwrap().arrival), j.hops.len() as u32)), got);
            }
            let want = if v == source { Some((day_number(jiff::civil::Date::MIN), 0)) } else { label.get(&v).copied() };
            prop_assert_eq!(got, want, "actor {}", v);
            if v != source {
                if let Some(journey) = arrivals.journey(&graph, ActorIndex(v as u32)) {
                    // Each hop rests on a held meeting of both, and arrivals never go backwards.
                    let mut previous = i32::MIN;
                    for hop in &journey.hops {
                        let m = graph.meeting(hop.meeting);
                        prop_assert!(m.status == Status::Held && m.has(hop.from) && m.has(hop.to));
                        let day = day_number(hop.arrival);
                        prop_assert!(day >= previous);
                        prop_assert!(m.date.earliest() <= hop.arrival && hop.arrival <= m.date.latest());
                        previous = day;
                    }
                    if certain {
                        prop_assert!(journey.certain);
                    }
                }
            }
        }
    }
}

#[test]
fn window_filter_restricts_paths() {
    let raw: Vec<RawMeeting> = vec![
        (vec![0, 1], "2016-06-01".into(), true),
        (vec![1, 2], "2016-06-20".into(), true),
    ];
    let graph = build(3, &raw);
    let early = PathOptions {
        filter: MeetingFilter::held_between(
            None,
            Some("2016-06-10".parse::<FuzzyDate>().unwrap().latest()),
        ),
        ..PathOptions::default()
    };
    assert!(shortest_path(&graph, ActorIndex(0), ActorIndex(2), &early).is_none());
    let notes = whomet::query::path::explain_miss(&graph, ActorIndex(0), ActorIndex(2), &early);
    assert_eq!(
        notes[1],
        "a path of 2 hop(s) exists outside the --from/--to window"
    );
}
