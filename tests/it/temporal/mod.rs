//! Time-ordered chains by every criterion and the temporal centralities, against brute force
//! over every simple chain of small random graphs; `cli` runs them on the bundled data and on
//! hand-made chains.

use proptest::prelude::*;
use whomet::graph::{day_number, OPEN_END_DAY, OPEN_START_DAY};
use whomet::model::{ActorIndex, ActorKind, FuzzyDate};
use whomet::query::temporal::{
    chain_by, chain_timing, earliest_arrivals, temporal_betweenness,
    temporal_betweenness_from_sources, temporal_closeness, ActorConstraints, Certainty, Criterion,
    Journey, TemporalOptions,
};
use whomet::MeetingGraph;

use crate::support::{self, json, whomet};

/// A random meeting: (participant, side) pairs, date notation, held or not.
type RawMeeting = support::SidedMeeting;

fn dates() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (1u8..=28).prop_map(|d| format!("2016-06-{d:02}")),
        2 => (1u8..=20, 0u8..=8).prop_map(|(d, len)| format!("2016-06-{d:02}..2016-06-{:02}", d + len)),
        1 => Just("2016-06".to_string()),
        1 => (1u8..=28).prop_map(|d| format!("..2016-06-{d:02}")),
        1 => (1u8..=28).prop_map(|d| format!("2016-06-{d:02}..")),
    ]
}

fn meetings(n: usize, most: usize) -> impl Strategy<Value = Vec<RawMeeting>> {
    prop::collection::vec(
        (
            prop::collection::btree_set(0..n, 2..=3),
            any::<bool>(),
            dates(),
            prop::bool::weighted(0.9),
        ),
        0..most,
    )
    .prop_map(|ms| {
        ms.into_iter()
            .map(|(ps, shared, d, held)| {
                // Sometimes the first two sit on one side: they do not meet each other.
                let ps = ps
                    .into_iter()
                    .enumerate()
                    .map(|(i, p)| (p, if shared && i == 1 { 0 } else { i as u32 }))
                    .collect();
                (ps, d, held)
            })
            .collect()
    })
}

fn window() -> impl Strategy<Value = (Option<u8>, Option<u8>)> {
    (
        prop::option::weighted(0.3, 1u8..=15),
        prop::option::weighted(0.3, 10u8..=30),
    )
}

fn build(n: usize, raw: &[RawMeeting]) -> MeetingGraph {
    support::sided_graph(n, raw)
}

fn june(day: u8) -> jiff::civil::Date {
    jiff::civil::date(2016, 6, day as i8)
}

fn options(certain: bool, window: (Option<u8>, Option<u8>)) -> TemporalOptions {
    TemporalOptions {
        from: window.0.map(june),
        to: window.1.map(june),
        certainty: if certain {
            Certainty::Certain
        } else {
            Certainty::Possible
        },
        ..TemporalOptions::default()
    }
}

/// A chain as the reference sees it: actors and the meeting of each hop.
#[derive(Debug, Clone)]
struct Chain {
    actors: Vec<usize>,
    meetings: Vec<usize>,
}

/// The reference's reading of one chain: (E, D, hops), or `None` when it is not time-ordered
/// in the window. Possible: E = max(from, a_i), D = min(to, b_i), feasible when a greedy
/// choice of days fits every range. Certain: E = the last range's end, D = the first range's
/// start, each range after the previous one ends, all inside the window.
fn reading(
    bounds: &[(i32, i32)],
    chain: &Chain,
    options: &TemporalOptions,
) -> Option<(i64, i64, u32)> {
    let from = options.from.map_or(i32::MIN, day_number);
    let to = options.to.map_or(i32::MAX, day_number);
    let ranges: Vec<(i32, i32)> = chain.meetings.iter().map(|&m| bounds[m]).collect();
    match options.certainty {
        Certainty::Possible => {
            let mut day = from;
            for &(a, b) in &ranges {
                day = day.max(a);
                if day > b.min(to) {
                    return None;
                }
            }
            let d = ranges.iter().fold(to, |d, &(_, b)| d.min(b));
            Some((i64::from(day), i64::from(d), ranges.len() as u32))
        }
        Certainty::Certain => {
            let mut end = from;
            for &(a, b) in &ranges {
                if a < end || b > to {
                    return None;
                }
                end = b;
            }
            Some((i64::from(end), i64::from(ranges[0].0), ranges.len() as u32))
        }
    }
}

/// What each criterion minimizes, from a chain's (E, D, hops).
fn objective(
    criterion: Criterion,
    certainty: Certainty,
    (e, d, h): (i64, i64, u32),
) -> (i64, i64, u32) {
    match criterion {
        Criterion::EarliestArrival => (e, i64::from(h), 0),
        Criterion::FewestHops => (i64::from(h), e, 0),
        Criterion::Fastest => ((e - d).max(0), e, h),
        Criterion::LatestDeparture => match certainty {
            Certainty::Possible => (-d, e.max(d), h),
            Certainty::Certain => (-d, e, h),
        },
    }
}

/// Every simple chain from `source` through held meetings across sides whose intermediates
/// pass `allowed`, with its end.
fn simple_chains(
    raw: &[RawMeeting],
    n: usize,
    source: usize,
    allowed: &dyn Fn(usize) -> bool,
) -> Vec<Chain> {
    fn walk(
        raw: &[RawMeeting],
        allowed: &dyn Fn(usize) -> bool,
        chain: &mut Chain,
        out: &mut Vec<Chain>,
    ) {
        let v = *chain.actors.last().unwrap();
        if chain.actors.len() > 1 {
            out.push(chain.clone());
            if !allowed(v) {
                return;
            }
        }
        for (m, (ps, _, held)) in raw.iter().enumerate() {
            let Some(&(_, v_side)) = ps.iter().find(|(p, _)| *p == v) else {
                continue;
            };
            if !held {
                continue;
            }
            for &(u, side) in ps {
                if side == v_side || chain.actors.contains(&u) {
                    continue;
                }
                chain.actors.push(u);
                chain.meetings.push(m);
                walk(raw, allowed, chain, out);
                chain.actors.pop();
                chain.meetings.pop();
            }
        }
    }
    let _ = n;
    let mut out = Vec::new();
    let mut chain = Chain {
        actors: vec![source],
        meetings: vec![],
    };
    walk(raw, allowed, &mut chain, &mut out);
    out
}

/// The reference's reading of a journey found by the library, after checking that it is a
/// chain of held meetings across sides from `from` to `to`.
fn journey_reading(
    graph: &MeetingGraph,
    raw: &[RawMeeting],
    bounds: &[(i32, i32)],
    journey: &Journey,
    from: usize,
    to: usize,
    options: &TemporalOptions,
) -> Result<(i64, i64, u32), TestCaseError> {
    let actors: Vec<usize> = journey.actors.iter().map(|a| a.index()).collect();
    prop_assert_eq!(actors.first(), Some(&from));
    prop_assert_eq!(actors.last(), Some(&to));
    let mut seen = actors.clone();
    seen.sort_unstable();
    seen.dedup();
    prop_assert_eq!(seen.len(), actors.len(), "not simple: {:?}", actors);
    for (i, hop) in journey.hops.iter().enumerate() {
        let (ps, _, held) = &raw[hop.meeting.index()];
        let side = |a: ActorIndex| ps.iter().find(|(p, _)| *p == a.index()).map(|x| x.1);
        prop_assert!(*held);
        prop_assert_eq!(hop.from, journey.actors[i]);
        prop_assert_eq!(hop.to, journey.actors[i + 1]);
        prop_assert!(
            side(hop.from).is_some() && side(hop.to).is_some() && side(hop.from) != side(hop.to)
        );
        let m = graph.meeting(hop.meeting);
        prop_assert!(m.date.earliest() <= hop.arrival && hop.arrival <= m.date.latest());
    }
    let chain = Chain {
        actors,
        meetings: journey.hops.iter().map(|h| h.meeting.index()).collect(),
    };
    let read = reading(bounds, &chain, options);
    prop_assert!(read.is_some(), "the journey is not time-ordered");
    Ok(read.unwrap())
}

fn bounds_of(raw: &[RawMeeting]) -> Vec<(i32, i32)> {
    raw.iter()
        .map(|(_, d, _)| {
            let d: FuzzyDate = d.parse().unwrap();
            (day_number(d.earliest()), day_number(d.latest()))
        })
        .collect()
}

const CRITERIA: [Criterion; 4] = [
    Criterion::EarliestArrival,
    Criterion::Fastest,
    Criterion::LatestDeparture,
    Criterion::FewestHops,
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn every_criterion_matches_brute_force(
        raw in meetings(6, 12),
        source in 0usize..6,
        certain in any::<bool>(),
        window in window(),
        avoid in prop::option::weighted(0.3, 0usize..6),
        only_person in prop::bool::weighted(0.2),
    ) {
        let n = 6;
        let graph = build(n, &raw);
        let bounds = bounds_of(&raw);
        let mut options = options(certain, window);
        options.actors = ActorConstraints {
            avoid: avoid.filter(|&a| a != source).map(|a| ActorIndex(a as u32)).into_iter().collect(),
            only_kind: only_person.then_some(ActorKind::Person),
        };
        let blocked = options.actors.avoid.clone();
        let allowed = |v: usize| {
            !blocked.contains(&ActorIndex(v as u32)) && (!only_person || v % 3 != 2)
        };
        let chains = simple_chains(&raw, n, source, &allowed);
        for target in (0..n).filter(|&t| t != source && !blocked.contains(&ActorIndex(t as u32))) {
            for criterion in CRITERIA {
                let want = chains
                    .iter()
                    .filter(|c| *c.actors.last().unwrap() == target)
                    .filter_map(|c| reading(&bounds, c, &options))
                    .map(|r| objective(criterion, options.certainty, r))
                    .min();
                let got = chain_by(&graph, ActorIndex(source as u32), ActorIndex(target as u32), &options, criterion)
                    .expect("no max gap");
                let got_reading = match &got {
                    Some(j) => Some(journey_reading(&graph, &raw, &bounds, j, source, target, &options)?),
                    None => None,
                };
                let got_value = got_reading.map(|r| objective(criterion, options.certainty, r));
                prop_assert_eq!(got_value, want, "{} to {} by {:?}", source, target, criterion);
                if let (Some(journey), Some(value)) = (&got, got_value) {
                    let timing = chain_timing(&graph, journey, &options, criterion).expect("hops");
                    match criterion {
                        // The reported span is the least the chain can take, and the latest
                        // departure is the reported start.
                        // A certain chain from or to an open bound takes an unbounded time;
                        // a possible one can always be placed within a known span.
                        Criterion::Fastest => {
                            let (e, d, _) = got_reading.unwrap();
                            let open = |day: i64| day <= i64::from(OPEN_START_DAY) || day >= i64::from(OPEN_END_DAY);
                            let bounded = !certain || !open(e) && !open(d);
                            prop_assert_eq!(timing.span_days, bounded.then_some(value.0));
                        }
                        Criterion::LatestDeparture => prop_assert_eq!(i64::from(day_number(timing.departure)), -value.0),
                        _ => {}
                    }
                    let (_, _, hops) = journey_reading(&graph, &raw, &bounds, journey, source, target, &options)?;
                    prop_assert_eq!(hops as usize, journey.hops.len());
                }
            }
        }
    }

    #[test]
    fn the_point_scan_agrees_with_the_whole_network_rounds_on_larger_graphs(
        raw in meetings(30, 90),
        source in 0usize..30,
        certain in any::<bool>(),
        window in window(),
    ) {
        // Too many chains for brute force: the point query's one scan in date order must give
        // every target the day and hops of the hop rounds, an independent algorithm.
        let graph = build(30, &raw);
        let options = options(certain, window);
        let whole = earliest_arrivals(&graph, ActorIndex(source as u32), None, &options);
        for target in (0..30).filter(|&t| t != source) {
            let target = ActorIndex(target as u32);
            let point = earliest_arrivals(&graph, ActorIndex(source as u32), Some(target), &options);
            prop_assert_eq!(point.arrival(target), whole.arrival(target), "{} to {:?}", source, target);
            if let Some(journey) = point.journey(&graph, target) {
                prop_assert_eq!(journey_reading(&graph, &raw, &bounds_of(&raw), &journey, source, target.index(), &options)?.2 as usize, journey.hops.len());
            }
        }
    }

    #[test]
    fn temporal_centrality_matches_brute_force(
        raw in meetings(6, 10),
        certain in any::<bool>(),
        window in window(),
    ) {
        let n = 6;
        let graph = build(n, &raw);
        let bounds = bounds_of(&raw);
        let options = options(certain, window);
        let mut closeness = vec![0.0; n];
        let mut betweenness = vec![0.0; n];
        for (s, close) in closeness.iter_mut().enumerate() {
            let chains: Vec<Chain> = simple_chains(&raw, n, s, &|_| true)
                .into_iter()
                .filter(|c| reading(&bounds, c, &options).is_some())
                .collect();
            for t in (0..n).filter(|&t| t != s) {
                let to_t: Vec<&Chain> = chains.iter().filter(|c| *c.actors.last().unwrap() == t).collect();
                let Some(fewest) = to_t.iter().map(|c| c.meetings.len()).min() else { continue };
                *close += 1.0 / fewest as f64;
                let shortest: Vec<&&Chain> = to_t.iter().filter(|c| c.meetings.len() == fewest).collect();
                for (v, b) in betweenness.iter_mut().enumerate() {
                    let through = shortest.iter().filter(|c| c.actors[1..c.actors.len() - 1].contains(&v)).count();
                    *b += through as f64 / shortest.len() as f64;
                }
            }
        }
        let scale = 1.0 / ((n - 1) * (n - 2)) as f64;
        let got_b = temporal_betweenness(&graph, &options);
        let got_c = temporal_closeness(&graph, &options);
        for v in 0..n {
            prop_assert!((got_b[v] - betweenness[v] * scale).abs() < 1e-9, "betweenness of {}: {} vs {}", v, got_b[v], betweenness[v] * scale);
            prop_assert!((got_c[v] - closeness[v]).abs() < 1e-9, "closeness of {}: {} vs {}", v, got_c[v], closeness[v]);
        }
        let every: Vec<u32> = (0..n as u32).collect();
        prop_assert_eq!(temporal_betweenness_from_sources(&graph, &every, &options), got_b);
    }

    #[test]
    fn a_bounded_wait_finds_what_a_search_of_every_state_finds(
        raw in meetings(6, 12),
        source in 0usize..6,
        certain in any::<bool>(),
        window in window(),
        gap in 0i32..6,
    ) {
        let n = 6;
        let graph = build(n, &raw);
        let bounds = bounds_of(&raw);
        let mut options = options(certain, window);
        options.max_gap = Some(gap);
        let want = every_state_arrivals(&raw, &bounds, n, source, &options, gap);
        let whole = earliest_arrivals(&graph, ActorIndex(source as u32), None, &options);
        for target in (0..n).filter(|&t| t != source) {
            let t = ActorIndex(target as u32);
            let point = earliest_arrivals(&graph, ActorIndex(source as u32), Some(t), &options);
            let got = point.arrival(t).map(|(d, h)| (day_number(d), h));
            prop_assert_eq!(got, want[target], "{} to {} within {} days", source, target, gap);
            prop_assert_eq!(whole.arrival(t), point.arrival(t));
            if let Some(journey) = point.journey(&graph, t) {
                placed_within_the_gap(&graph, &raw, &journey, &options, gap)?;
                prop_assert_eq!(Some(journey.hops.len() as u32), want[target].map(|w| w.1));
                prop_assert_eq!(Some(day_number(journey.hops.last().unwrap().arrival)), want[target].map(|w| w.0));
            }
        }
    }

    #[test]
    fn the_date_ordered_layout_says_who_shares_a_first_day_and_when_begun_meetings_run(
        raw in meetings(8, 30),
        open in prop::collection::vec(any::<bool>(), 30),
    ) {
        // What the point scan reads instead of working it out, against the meetings' own days;
        // some single days become open bounds ("on or before"), whose first day is the open one.
        let n = 8;
        let mut raw = raw;
        for (meeting, open) in raw.iter_mut().zip(open) {
            if open && meeting.1.len() == 10 {
                meeting.1 = format!("..{}", meeting.1);
            }
        }
        let graph = build(n, &raw);
        let times = graph.meeting_times();
        let dated = graph.dated_meetings();
        let held: Vec<usize> = (0..raw.len()).filter(|&m| times.held[m]).collect();
        for (i, meeting) in dated.all().iter().enumerate() {
            for (&(actor, _), &shares) in dated.members(i).iter().zip(dated.shares_first_day(i)) {
                let others = held.iter().filter(|&&m| {
                    m != meeting.meeting.index()
                        && times.bounds[m].0 == meeting.earliest
                        && raw[m].0.iter().any(|&(p, _)| p as u32 == actor)
                });
                prop_assert_eq!(shares, others.count() > 0, "actor {} in meeting {}", actor, i);
            }
        }
        for actor in 0..n {
            let spans = dated.running_spans(ActorIndex(actor as u32));
            prop_assert!(spans.windows(2).all(|w| w[0].1 + 1 < w[1].0), "{:?} are not disjoint", spans);
            let (first, last) = (day_number(june(1)) - 40, day_number(june(30)) + 40);
            for day in first..=last {
                let runs = held.iter().any(|&m| {
                    let (earliest, latest) = times.bounds[m];
                    earliest < day && day <= latest && raw[m].0.iter().any(|&(p, _)| p == actor)
                });
                let in_span = spans.iter().any(|&(from, to)| from <= day && day <= to);
                prop_assert_eq!(runs, in_span, "actor {} on day {}", actor, day);
            }
        }
    }
}

/// The earliest arrival (day, hops) at every actor from `source` with waits of at most `gap`
/// days, by a breadth-first search of every state a walk can be in: an actor and the day it
/// heard. A possible chain may place each hop on any day of its meeting's range no earlier
/// than the sender heard and within the wait, and every such day is a state of its own; a
/// certain one places it on the meeting's last day, as the library defines a bounded wait. No
/// state is pruned, so it shares nothing with the label search it checks.
fn every_state_arrivals(
    raw: &[RawMeeting],
    bounds: &[(i32, i32)],
    n: usize,
    source: usize,
    options: &TemporalOptions,
    gap: i32,
) -> Vec<Option<(i32, u32)>> {
    use std::collections::HashSet;
    let from = options.from.map_or(i32::MIN, day_number);
    let to = options.to.map_or(i32::MAX, day_number);
    // The days a possible hop may take: every day near June 2016, where all the generated
    // dates fall, and near either open end. An earliest chain's days are bounds of its ranges
    // or the window, each less some multiple of the wait, so no other day is ever needed.
    let june = day_number(june(1));
    let near = 400;
    let segments = [
        (OPEN_START_DAY, OPEN_START_DAY + near),
        (june - near, june + 30 + near),
        (OPEN_END_DAY - near, OPEN_END_DAY),
    ];
    let days_in = |first: i64, last: i64| {
        segments.into_iter().flat_map(move |(a, b)| {
            let (lo, hi) = (first.max(i64::from(a)), last.min(i64::from(b)));
            (lo..=hi).map(|d| d as i32)
        })
    };
    let mut seen: HashSet<(usize, i32)> = HashSet::from([(source, from)]);
    let mut best: Vec<Option<(i32, u32)>> = vec![None; n];
    let mut frontier = vec![(source, from)];
    let mut hops = 0;
    while !frontier.is_empty() {
        hops += 1;
        let mut next = Vec::new();
        for &(v, t) in &frontier {
            // The word may wait any time at the source, which never needs to hear it anew.
            let exempt = v == source;
            for (m, (ps, _, held)) in raw.iter().enumerate() {
                let Some(&(_, v_side)) = ps.iter().find(|(p, _)| *p == v) else {
                    continue;
                };
                if !held {
                    continue;
                }
                let (a, b) = bounds[m];
                let wait_ends = if exempt {
                    i64::MAX
                } else {
                    i64::from(t) + i64::from(gap)
                };
                let days: Vec<i32> = match options.certainty {
                    Certainty::Possible => {
                        let first = i64::from(t.max(a).max(from));
                        let last = i64::from(b.min(to)).min(wait_ends);
                        days_in(first, last).collect()
                    }
                    Certainty::Certain => {
                        (a >= t && a >= from && b <= to && i64::from(b) <= wait_ends)
                            .then_some(b)
                            .into_iter()
                            .collect()
                    }
                };
                for day in days {
                    for &(u, side) in ps {
                        if side == v_side || u == source {
                            continue;
                        }
                        if seen.insert((u, day)) {
                            next.push((u, day));
                            if best[u].is_none_or(|(d, _)| day < d) {
                                best[u] = Some((day, hops));
                            }
                        }
                    }
                }
            }
        }
        frontier = next;
    }
    best
}

/// Checks that a journey found with a bounded wait places its hops on days inside their
/// meetings and the window, in order, each within `gap` days of the one before (certain: of
/// the day the one before surely passed the word).
fn placed_within_the_gap(
    graph: &MeetingGraph,
    raw: &[RawMeeting],
    journey: &Journey,
    options: &TemporalOptions,
    gap: i32,
) -> Result<(), TestCaseError> {
    let (from, to) = (
        options.from.map_or(i32::MIN, day_number),
        options.to.map_or(i32::MAX, day_number),
    );
    let mut previous: Option<i32> = None;
    for hop in &journey.hops {
        let (ps, _, held) = &raw[hop.meeting.index()];
        let side = |a: ActorIndex| ps.iter().find(|(p, _)| *p == a.index()).map(|x| x.1);
        prop_assert!(*held);
        prop_assert!(
            side(hop.from).is_some() && side(hop.to).is_some() && side(hop.from) != side(hop.to)
        );
        let m = graph.meeting(hop.meeting);
        let day = day_number(hop.arrival);
        prop_assert!(
            m.date.earliest() <= hop.arrival && hop.arrival <= m.date.latest(),
            "{:?} outside {}",
            hop.arrival,
            m.date
        );
        match options.certainty {
            Certainty::Possible => prop_assert!(from <= day && day <= to),
            Certainty::Certain => prop_assert!(day_number(m.date.earliest()) >= from && day <= to),
        }
        if let Some(previous) = previous {
            prop_assert!(previous <= day, "hops out of order");
            prop_assert!(
                i64::from(day) - i64::from(previous) <= i64::from(gap),
                "waited {} days",
                day - previous
            );
        }
        previous = Some(day);
    }
    Ok(())
}

#[test]
fn a_meeting_open_at_its_end_carries_the_word_in_both_searches() {
    // 27 meets 2, who meets 7, on 2016-06-11; 7 met 0 on some day from 2016-06-01 on. The
    // whole-network rounds used to skip the open meeting: its range, as wide as the calendar,
    // overflowed the bound that says which meetings can still begin in time.
    let raw: Vec<RawMeeting> = vec![
        (vec![(0, 0), (7, 1)], "2016-06-01..".into(), true),
        (vec![(2, 0), (27, 1)], "2016-06-11".into(), true),
        (vec![(2, 0), (7, 1)], "2016-06-11".into(), true),
    ];
    let graph = build(30, &raw);
    let options = options(false, (None, None));
    let (source, target) = (ActorIndex(27), ActorIndex(0));
    let expected = Some((june(11), 3));
    let point = earliest_arrivals(&graph, source, Some(target), &options);
    let whole = earliest_arrivals(&graph, source, None, &options);
    assert_eq!(point.arrival(target), expected);
    assert_eq!(whole.arrival(target), expected);
}

mod cli;

#[test]
fn meetings_open_at_their_start_carry_the_word_in_both_searches() {
    // 8 meets 27, who meets 2, each on some day up to 2016-06-01. The point scan used to stop
    // looking at 27's meetings: the widest of them, as wide as the calendar, was cut to what
    // a day number holds, and added to the open first day it fell short of June.
    let raw: Vec<RawMeeting> = vec![
        (vec![(2, 0), (11, 1), (27, 2)], "..2016-06-01".into(), true),
        (vec![(0, 0), (8, 1), (10, 2)], "..2016-06-01".into(), true),
        (vec![(8, 0), (27, 1)], "..2016-06-01".into(), true),
    ];
    let graph = build(30, &raw);
    let possible = options(false, (None, None));
    let (source, target) = (ActorIndex(8), ActorIndex(2));
    // The earliest day is open: "on or before 2016-06-01".
    let expected = Some((jiff::civil::Date::MIN, 2));
    let point = earliest_arrivals(&graph, source, Some(target), &possible);
    let whole = earliest_arrivals(&graph, source, None, &possible);
    assert_eq!(point.arrival(target), expected);
    assert_eq!(whole.arrival(target), expected);
    // Under certain ordering a chain ending in an open-ended meeting surely arrives, on a day
    // no source bounds: it is reached, with an open arrival.
    let raw: Vec<RawMeeting> = vec![
        (vec![(0, 0), (1, 1)], "2016-06-05".into(), true),
        (vec![(1, 0), (2, 1)], "2016-06-10..".into(), true),
    ];
    let graph = build(3, &raw);
    let certain = options(true, (None, None));
    let expected = Some((jiff::civil::Date::MAX, 2));
    let point = earliest_arrivals(&graph, ActorIndex(0), Some(ActorIndex(2)), &certain);
    let whole = earliest_arrivals(&graph, ActorIndex(0), None, &certain);
    assert_eq!(point.arrival(ActorIndex(2)), expected);
    assert_eq!(whole.arrival(ActorIndex(2)), expected);
    assert_eq!(temporal_closeness(&graph, &certain)[0], 1.0 + 0.5);
}
