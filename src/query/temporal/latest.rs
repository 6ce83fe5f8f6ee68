//! The latest departure: a search backwards in time from the target finds the latest day the
//! source can start, then the earliest-arrival search from that day picks the chain.
//!
//! Backwards in time a chain is an earliest-arrival chain of mirrored days (day d becomes
//! −d, a range `[a, b]` becomes `[−b, −a]`, the window `[from, to]` becomes `[−to, −from]`),
//! so the same rule as [`super::Search::traverse`] applies to the mirrored bounds.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::{Certainty, Search, TemporalOptions, TimedHop};
use crate::graph::{date_of_day, MeetingGraph};
use crate::model::{ActorIndex, MeetingIndex};

/// A day number seen backwards in time; open ends swap.
#[inline]
fn mirror(day: i32) -> i32 {
    match day {
        i32::MIN => i32::MAX,
        i32::MAX => i32::MIN,
        d => -d,
    }
}

/// The hops of the chain from `source` to `target` whose first meeting is latest (as
/// [`super::chain_timing`] places it), ties by earliest arrival, then fewer hops.
///
/// Complexity: two label searches, O(P log P) each for P participations of held meetings.
pub(super) fn latest_departure_hops(
    graph: &MeetingGraph,
    source: ActorIndex,
    target: ActorIndex,
    options: &TemporalOptions,
) -> Option<Vec<TimedHop>> {
    let start = latest_start(graph, source, target, options)?;
    // Every chain that can start on `start` starts no earlier than any other: among them,
    // the earliest arrival (ties by fewer hops) from that day is the answer.
    let from_start = TemporalOptions {
        from: Some(date_of_day(start)),
        ..options.clone()
    };
    super::time_ordered_path(graph, source, target, &from_start).map(|j| j.hops)
}

/// The latest day the first meeting of a chain from `source` to `target` can be (possible:
/// `min(to, b_1, …, b_k)`; certain: the first range's earliest day), or `None` when no chain
/// exists.
pub(super) fn latest_start(
    graph: &MeetingGraph,
    source: ActorIndex,
    target: ActorIndex,
    options: &TemporalOptions,
) -> Option<i32> {
    backwards(graph, source, target, options, true)[source.index()]
}

/// Per actor v, the latest day v can hold the word and still pass it on to `target` (as
/// [`latest_start`] with v as the source), `None` when it cannot; intermediates obey the
/// constraints, `source` is exempt.
pub(super) fn latest_holding(
    graph: &MeetingGraph,
    source: ActorIndex,
    target: ActorIndex,
    options: &TemporalOptions,
) -> Vec<Option<i32>> {
    backwards(graph, source, target, options, false)
}

/// The search from `target` over mirrored days, stopping at `source` when `stop` is set:
/// every actor settled once at its earliest mirrored day, since a later day can never open a
/// meeting an earlier one cannot.
fn backwards(
    graph: &MeetingGraph,
    source: ActorIndex,
    target: ActorIndex,
    options: &TemporalOptions,
    stop: bool,
) -> Vec<Option<i32>> {
    // The constraints exempt the ends: `target` is where the backward search starts, and
    // `source` (made the search's target) may always receive.
    let search = Search::new(graph, options, Some(source));
    let times = graph.meeting_times();
    let (from_day, to_day) = options.window_days();
    let (start, end) = (mirror(to_day), mirror(from_day));
    let traverse = |t: i32, m: MeetingIndex| -> Option<i32> {
        let (early, late) = times.bounds[m.index()];
        let (early, late) = (mirror(late), mirror(early));
        match options.certainty {
            Certainty::Possible => {
                let day = t.max(early).max(start);
                (day <= late && day <= end).then_some(day)
            }
            Certainty::Certain => (early >= t && early >= start && late <= end).then_some(late),
        }
    };
    let mut settled: Vec<Option<i32>> = vec![None; graph.actor_count()];
    let mut best = vec![i32::MAX; graph.actor_count()];
    let mut queue = BinaryHeap::new();
    best[target.index()] = start;
    queue.push(Reverse((start, target.0)));
    while let Some(Reverse((t, v))) = queue.pop() {
        if settled[v as usize].is_some() {
            continue;
        }
        settled[v as usize] = Some(mirror(t));
        if v == source.0 {
            if stop {
                break;
            }
            // The source passes nothing on toward the target within a simple chain.
            continue;
        }
        for entry in times.held_of(ActorIndex(v)) {
            let m = entry.meeting;
            let Some(at) = traverse(t, m) else {
                continue;
            };
            let participants = times.participants(m);
            let sides = times.sides(m);
            let v_side = participants.iter().position(|&u| u == v).map(|i| sides[i]);
            for (&u, &side) in participants.iter().zip(sides) {
                let ui = u as usize;
                if settled[ui].is_some()
                    || Some(side) == v_side
                    || at >= best[ui]
                    || u == target.0
                    || !search.may_pass(ActorIndex(u))
                {
                    continue;
                }
                best[ui] = at;
                queue.push(Reverse((at, u)));
            }
        }
    }
    settled
}
