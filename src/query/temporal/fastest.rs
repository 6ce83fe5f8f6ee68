//! The fastest chain: the least span from the first meeting to the last.
//!
//! The one-pass algorithm of Wu et al. (PVLDB 2014) keeps, per actor, the Pareto front of
//! (start, arrival) pairs over edges sorted by time. Date ranges do not sort (a long range can
//! follow a later short one), so the same front is built by a label search instead: labels
//! `(arrival, hops)` are settled in order, each carrying its chain's latest possible start;
//! a label is kept only when no settled label of the actor starts as late or later in no more
//! hops. Labels that can no longer beat the best chain found are dropped, and so are labels
//! that arrive after the latest day their actor can still pass the word on to the target (a
//! search backwards in time from the target, [`super::latest`], gives that day per actor).

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::{Certainty, Search, TemporalOptions, TimedHop};
use crate::graph::{date_of_day, MeetingGraph};
use crate::model::{ActorIndex, MeetingIndex};

/// A partial chain: its arrival (`E`) and latest start (`D`) as day numbers, its hops, and
/// how it was reached.
#[derive(Clone, Copy)]
struct Label {
    arrival: i32,
    start: i32,
    hops: u32,
    actor: u32,
    previous: u32,
    meeting: MeetingIndex,
}

impl Label {
    /// The best a chain extending this label can do: (span, arrival, hops), since extending
    /// never starts later, arrives earlier or takes fewer hops.
    fn bound(&self) -> (i64, i32, u32) {
        let span = (i64::from(self.arrival) - i64::from(self.start)).max(0);
        (span, self.arrival, self.hops)
    }
}

/// Per actor, the latest start settled within each number of hops (a prefix maximum): a new
/// label is dominated when a settled one starts no earlier in no more hops (and, settled
/// first, arrived no later).
#[derive(Default, Clone)]
struct Front {
    latest_start_within: Vec<i32>,
}

impl Front {
    fn dominates(&self, hops: u32, start: i32) -> bool {
        let h = (hops as usize).min(self.latest_start_within.len().saturating_sub(1));
        self.latest_start_within
            .get(h)
            .is_some_and(|&best| best >= start)
    }

    fn settle(&mut self, hops: u32, start: i32) {
        let h = hops as usize;
        if self.latest_start_within.len() <= h {
            let last = self.latest_start_within.last().copied().unwrap_or(i32::MIN);
            self.latest_start_within.resize(h + 1, last);
        }
        for best in &mut self.latest_start_within[h..] {
            *best = (*best).max(start);
        }
    }
}

/// The hops of the fastest chain from `source` to `target` (least span, ties by earlier
/// arrival, then fewer hops), `None` when there is none.
///
/// Possible: a partial chain's start is `min(to, b_i)` over its ranges, its arrival
/// `max(from, a_i)`, its span `max(0, arrival − start)`. Certain: the start is the first
/// range's earliest day and the arrival the last range's latest day.
///
/// Complexity: one backward search, O(P log P), then O(F · P log(F · P)) for P
/// participations of held meetings and F labels kept per actor (the Pareto front; bounded by
/// its distinct start days).
pub(super) fn fastest_hops(
    graph: &MeetingGraph,
    source: ActorIndex,
    target: ActorIndex,
    options: &TemporalOptions,
) -> Option<Vec<TimedHop>> {
    let search = Search::new(graph, options, Some(target));
    let times = graph.meeting_times();
    let possible = options.certainty == Certainty::Possible;
    // The latest day each actor can hold the word and still reach the target: a label that
    // arrives later is dropped, and no chain through an actor starts later than its day.
    let holding = super::latest::latest_holding(graph, source, target, options);
    let start_cap = holding[source.index()]?;
    let mut labels = vec![Label {
        arrival: search.from_day,
        start: i32::MAX,
        hops: 0,
        actor: source.0,
        previous: u32::MAX,
        meeting: MeetingIndex(u32::MAX),
    }];
    let mut fronts = vec![Front::default(); graph.actor_count()];
    let mut queue = BinaryHeap::new();
    queue.push(Reverse((search.from_day, 0u32, 0u32)));
    // The latest departure's chain is a good first answer: it bounds the search from the
    // start. `u32::MAX` marks it as the best until a label beats it.
    let seed = super::latest::latest_departure_hops(graph, source, target, options);
    let mut best: Option<((i64, i32, u32), u32)> = seed
        .as_deref()
        .map(|hops| (value_of(graph, hops, options), u32::MAX));
    while let Some(Reverse((arrival, hops, li))) = queue.pop() {
        let label = labels[li as usize];
        if let Some((value, _)) = best {
            // Every later label arrives no earlier and starts no later than `start_cap`.
            let floor = (
                (i64::from(arrival) - i64::from(start_cap)).max(0),
                arrival,
                hops,
            );
            if floor >= value {
                break;
            }
            if label.bound() >= value {
                continue;
            }
        }
        let v = label.actor;
        if hops > 0 && fronts[v as usize].dominates(hops, label.start) {
            continue;
        }
        fronts[v as usize].settle(hops, label.start);
        if v == target.0 {
            if best.is_none_or(|(value, _)| label.bound() < value) {
                best = Some((label.bound(), li));
            }
            continue;
        }
        let held = times.held_of(ActorIndex(v));
        let first = if possible {
            held.partition_point(|e| e.latest < arrival)
        } else {
            0
        };
        for entry in &held[first..] {
            let m = entry.meeting;
            let Some(at) = search.traverse(arrival, m, true) else {
                continue;
            };
            let start = if possible {
                label.start.min(entry.latest).min(search.to_day)
            } else if v == source.0 {
                entry.earliest
            } else {
                label.start
            };
            let next = Label {
                arrival: at,
                start,
                hops: hops + 1,
                actor: 0,
                previous: li,
                meeting: m,
            };
            if best.is_some_and(|(value, _)| next.bound() >= value) {
                continue;
            }
            let participants = times.participants(m);
            let sides = times.sides(m);
            let v_side = participants.iter().position(|&u| u == v).map(|i| sides[i]);
            for (&u, &side) in participants.iter().zip(sides) {
                let Some(latest) = holding[u as usize] else {
                    continue;
                };
                // Possible: whatever follows starts no later than `latest`, so the label's
                // start counts only up to it (certain starts are fixed by the first hop).
                let start = if possible { start.min(latest) } else { start };
                let label = Label {
                    actor: u,
                    start,
                    ..next
                };
                if u == source.0
                    || at > latest
                    || Some(side) == v_side
                    || fronts[u as usize].dominates(next.hops, start)
                    || best.is_some_and(|(value, _)| label.bound() >= value)
                    || !search.may_pass(ActorIndex(u))
                {
                    continue;
                }
                labels.push(label);
                queue.push(Reverse((at, next.hops, labels.len() as u32 - 1)));
            }
        }
    }
    let (_, mut li) = best?;
    if li == u32::MAX {
        return seed;
    }
    let mut hops = Vec::new();
    while labels[li as usize].previous != u32::MAX {
        let label = labels[li as usize];
        let previous = labels[label.previous as usize];
        hops.push(TimedHop {
            from: ActorIndex(previous.actor),
            to: ActorIndex(label.actor),
            meeting: label.meeting,
            arrival: date_of_day(label.arrival),
        });
        li = label.previous;
    }
    hops.reverse();
    Some(hops)
}

/// A whole chain's (span, arrival, hops) as [`Label::bound`] counts it.
fn value_of(graph: &MeetingGraph, hops: &[TimedHop], options: &TemporalOptions) -> (i64, i32, u32) {
    let bounds = graph.day_bounds();
    let (from_day, to_day) = options.window_days();
    let ranges = hops.iter().map(|h| bounds[h.meeting.index()]);
    let (arrival, start) = match options.certainty {
        Certainty::Possible => ranges.fold((from_day, to_day), |(e, d), (early, late)| {
            (e.max(early), d.min(late))
        }),
        Certainty::Certain => {
            let first = hops
                .first()
                .map_or(from_day, |h| bounds[h.meeting.index()].0);
            let last = hops
                .last()
                .map_or(from_day, |h| bounds[h.meeting.index()].1);
            (last, first)
        }
    };
    let label = Label {
        arrival,
        start,
        hops: hops.len() as u32,
        actor: 0,
        previous: 0,
        meeting: MeetingIndex(0),
    };
    label.bound()
}
