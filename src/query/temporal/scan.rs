//! Earliest arrival at one target by a single scan of the meetings in date order, for point
//! queries: it stops on the day the target is reached, so it reads each meeting before that
//! day about once instead of once per hop round.
//!
//! In the style of the Connection Scan Algorithm (Dibbelt, Pajor, Strasser & Wagner, 2013),
//! extended to partly known dates and to the tie rule of the hop rounds: among chains
//! arriving earliest, fewest hops. Days are visited in order; each actor keeps the fewest
//! hops by which it can have heard *by the current day*, which is what a meeting on that day
//! needs from its senders, so a chain that reaches an actor late in few hops is not lost to
//! one that reaches it early in many.
//!
//! Possible ordering: a meeting `[earliest, latest]` is first looked at on its first day in
//! the window, and again on any later day of its range on which one of its participants
//! improves; every offer made on day `d` is for day `d`. Certain ordering: a meeting is
//! looked at on its first day only (its senders must have heard by then) and its receivers
//! hear on its last day, so those offers wait in a queue until the scan reaches that day.
//!
//! Within a day, a meeting is offered again until nobody in it improves, and an actor who
//! improved is looked at again through its other meetings usable that day: from its whole
//! list when it was in several meetings beginning that day or improved otherwise, else only
//! through its ranged meetings begun earlier and still running, a short list of its own,
//! read only on the days a cached span says one runs.
//!
//! What makes a million meetings cheap: the scan reads, for every participant, only its hops
//! (an array of its own, small enough to stay in cache), and a meeting whose participants'
//! hops differ by at most one (or none of whom has heard) can improve nobody, so it costs
//! that one read. Meetings before the source's first are not read at all.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::arrivals::{Arrivals, Label, Senders};
use super::Search;
use crate::graph::MeetingGraph;
use crate::model::{ActorIndex, Certainty, MeetingIndex};

/// A deferred arrival under certain ordering: (day, hops, receiver, sender's label, meeting).
type Pending = Reverse<(i32, u32, u32, u32, u32)>;

/// Per-actor state of the scan and the labels written so far.
struct State {
    labels: Vec<Label>,
    /// Per actor, the fewest hops by which it can have heard by the current day (`u32::MAX`:
    /// not): the one thing read for every participant of every meeting scanned, so it has an
    /// array of its own, small enough to stay in cache.
    hops: Vec<u32>,
    /// Per actor, whether it may pass the word on (the source, the target, or allowed by the
    /// filters). Only such actors receive, so whoever has heard may send.
    passes: Vec<bool>,
    /// What the scan reads of an actor when it improves.
    actors: Vec<ActorState>,
    /// Actors improved on the current day, whose meetings of that day are looked at again.
    improved: Vec<u32>,
    /// Whether offers are being made from the meetings that begin today.
    in_block: bool,
    pending: BinaryHeap<Pending>,
    target: u32,
    /// The scan ends after this day: the earliest day the target hears or is queued to hear,
    /// else the last day it could.
    stop: i32,
}

/// The per-actor state read when an actor improves, in one place so that it costs one cache
/// line, not one per array.
#[derive(Debug, Clone, Copy)]
struct ActorState {
    /// The label holding the actor's [`State::hops`].
    label: u32,
    /// The actor's label of its first day (the earliest arrival, fewest hops that day).
    first: u32,
    /// The day of `first`.
    first_day: i32,
    /// The span of [`DatedMeetings::running_spans`](crate::graph::DatedMeetings::running_spans)
    /// not over before the last day looked at: its position, first and last day
    /// (`i32::MAX` past the end).
    span_at: u32,
    span_first: i32,
    span_last: i32,
    /// The last day on which the actor was in a meeting beginning that day, as far as the
    /// scan noted it (only on the window's first day, and when the actor improves).
    block_day: i32,
    /// Whether it was in more than one meeting beginning on `block_day`.
    block_multiple: bool,
    /// Whether its last improvement came from a meeting beginning that day.
    via_block: bool,
}

impl State {
    /// Records that `u` hears on `day` in `hops` hops through meeting `m` from the sender
    /// whose label is `previous`, if that improves on what `u` had by `day`. `block`, when
    /// the offer comes from a meeting beginning today after the window's first day, says
    /// whether `u` has another meeting beginning today.
    fn offer(&mut self, day: i32, hops: u32, u: u32, previous: u32, m: u32, block: Option<bool>) {
        let ui = u as usize;
        if hops >= self.hops[ui] {
            return;
        }
        self.labels.push(Label {
            day,
            hops,
            actor: u,
            previous,
            meeting: MeetingIndex(m),
        });
        let at = self.labels.len() as u32 - 1;
        self.hops[ui] = hops;
        let actor = &mut self.actors[ui];
        actor.label = at;
        actor.via_block = self.in_block;
        if let Some(multiple) = block {
            actor.block_day = day;
            actor.block_multiple = multiple;
        }
        if actor.first == u32::MAX || actor.first_day == day {
            actor.first = at;
            actor.first_day = day;
        }
        self.improved.push(u);
        if u == self.target {
            self.stop = self.stop.min(day);
        }
    }

    /// Queues `u` to hear on `day` (later than today), as [`State::offer`] then would.
    fn defer(&mut self, day: i32, hops: u32, u: u32, previous: u32, m: u32) {
        if hops < self.hops[u as usize] {
            self.pending.push(Reverse((day, hops, u, previous, m)));
            if u == self.target {
                self.stop = self.stop.min(day);
            }
        }
    }
}

/// The earliest arrival at `target` from `source` (ties by fewer hops), with the same answer
/// for the target as [`super::rounds::arrivals_by_rounds`]; other actors hold the arrivals
/// found before the scan stopped.
pub(super) fn arrivals_by_scan(
    graph: &MeetingGraph,
    search: &Search<'_>,
    source: ActorIndex,
    target: ActorIndex,
) -> Arrivals {
    let times = graph.meeting_times();
    let n = graph.actor_count();
    let certain = search.options.certainty == Certainty::Certain;
    let dated_meetings = graph.dated_meetings();
    let mut state = State {
        labels: vec![Label::source(search.from_day, source)],
        hops: vec![u32::MAX; n],
        passes: (0..n as u32)
            .map(|u| u == source.0 || search.may_pass(ActorIndex(u)))
            .collect(),
        actors: (0..n as u32)
            .map(|u| {
                let (span_first, span_last) = dated_meetings
                    .running_spans(ActorIndex(u))
                    .first()
                    .copied()
                    .unwrap_or((i32::MAX, i32::MAX));
                ActorState {
                    label: u32::MAX,
                    first: u32::MAX,
                    first_day: i32::MIN,
                    span_at: 0,
                    span_first,
                    span_last,
                    block_day: i32::MIN,
                    block_multiple: false,
                    via_block: false,
                }
            })
            .collect(),
        improved: Vec::new(),
        in_block: false,
        pending: BinaryHeap::new(),
        target: target.0,
        stop: i32::MAX,
    };
    state.hops[source.index()] = 0;
    state.actors[source.index()].label = 0;
    state.actors[source.index()].first = 0;
    state.actors[source.index()].first_day = search.from_day;
    let components = graph.components();
    // The target hears through one of its own meetings, so never after the last of them,
    // and never from another component.
    if components.of(source.0) == components.of(target.0) {
        state.stop = times.held_of(target).last().map_or(i32::MIN, |e| e.latest);
    } else {
        state.stop = i32::MIN;
    }
    let order = dated_meetings.all();
    // The first day a meeting can be used on: its first day, or the window's when later.
    let start = |i: usize| order[i].earliest.max(search.from_day);
    // Before the source's first meeting nobody else can hear; the meetings beginning earlier
    // (and after the window's first day, on which all earlier ones begin) are skipped.
    let source_first = times
        .held_of(source)
        .iter()
        .map(|e| e.earliest)
        .min()
        .unwrap_or(i32::MAX);
    let mut next = if source_first > search.from_day {
        order.partition_point(|d| d.earliest < source_first)
    } else {
        0
    };
    // Per actor, where its held meetings not over before the current day begin.
    let mut cursor = vec![0u32; n];
    // The last day of the meeting at each cursor (`i32::MIN` until first looked up, as it may
    // be behind; `i32::MAX` past the end).
    let mut next_end = vec![i32::MIN; n];
    // Per actor, where its ranged meetings not over before today begin.
    let mut ranged_cursor = vec![0u32; n];
    loop {
        let scanned = if next < order.len() {
            start(next)
        } else {
            i32::MAX
        };
        let queued = state.pending.peek().map_or(i32::MAX, |p| p.0 .0);
        let day = scanned.min(queued);
        if day == i32::MAX || day > search.to_day || day > state.stop {
            break;
        }
        while let Some(&Reverse((d, hops, u, previous, m))) = state.pending.peek() {
            if d != day {
                break;
            }
            state.pending.pop();
            state.offer(d, hops, u, previous, m, None);
        }
        state.in_block = true;
        // On the window's first day begin all the meetings begun before it, so who is in
        // several is marked as they pass; on later days the layout says it.
        let window_start = day == search.from_day;
        while next < order.len() && start(next) == day {
            let dated = &order[next];
            let members = dated_meetings.members(next);
            if window_start {
                for &(u, _) in members {
                    let actor = &mut state.actors[u as usize];
                    actor.block_multiple = actor.block_day == day;
                    actor.block_day = day;
                }
            }
            let shares = dated_meetings.shares_first_day(next);
            let members = members
                .iter()
                .zip(shares)
                .map(|(&(u, side), &shares)| (u, side, (!window_start).then_some(shares)));
            let meeting = (dated.earliest, dated.latest, dated.meeting);
            look_at(search, certain, meeting, members, day, &mut state);
            next += 1;
        }
        state.in_block = false;
        // Whoever improved today may pass the word on through today's meetings.
        while let Some(v) = state.improved.pop() {
            let vi = v as usize;
            // Improved in its one meeting beginning today, which `look_at` already took to a
            // fixpoint: only its ranged meetings begun earlier and still running can hear more
            // from it today (none under certain ordering, which uses a meeting on its first day
            // only). They are in a short list of their own; the long list of all its meetings,
            // a cache miss or several per improvement on a large graph, is not read.
            let actor = &mut state.actors[vi];
            if actor.via_block && actor.block_day == day && !actor.block_multiple {
                if certain || day < actor.span_first {
                    continue;
                }
                if day > actor.span_last {
                    // Spans only move on, as days do; most actors have none today.
                    let spans = dated_meetings.running_spans(ActorIndex(v));
                    let mut at = actor.span_at as usize + 1;
                    while spans.get(at).is_some_and(|s| s.1 < day) {
                        at += 1;
                    }
                    (actor.span_first, actor.span_last) =
                        spans.get(at).copied().unwrap_or((i32::MAX, i32::MAX));
                    actor.span_at = at as u32;
                    if day < actor.span_first {
                        continue;
                    }
                }
                let ranged = times.ranged_of(ActorIndex(v));
                let mut at = ranged_cursor[vi] as usize;
                while ranged.get(at).is_some_and(|e| e.latest < day) {
                    at += 1;
                }
                ranged_cursor[vi] = at as u32;
                let last = times.held_reach(ActorIndex(v), day).unwrap_or(i32::MAX);
                for entry in ranged[at..].iter().take_while(|e| e.latest <= last) {
                    if entry.earliest < day {
                        let meeting = (entry.earliest, entry.latest, entry.meeting);
                        let members = unmarked_members(times, entry.meeting);
                        look_at(search, certain, meeting, members, day, &mut state);
                    }
                }
                continue;
            }
            let last = times.held_reach(ActorIndex(v), day).unwrap_or(i32::MAX);
            // Most actors have no meeting today: the cached end of their next one says so
            // without reading their list.
            if next_end[vi] > last {
                continue;
            }
            let held = times.held_of(ActorIndex(v));
            // Days only grow, so each actor's first meeting not over by today only moves on:
            // found by galloping from where it was, near in memory, not by bisecting the list.
            let from = gallop(held, cursor[vi] as usize, day);
            cursor[vi] = from as u32;
            next_end[vi] = held.get(from).map_or(i32::MAX, |e| e.latest);
            for entry in held[from..].iter().take_while(|e| e.latest <= last) {
                let usable = if certain {
                    entry.earliest == day
                } else {
                    entry.earliest <= day
                };
                if usable {
                    let meeting = (entry.earliest, entry.latest, entry.meeting);
                    let members = unmarked_members(times, entry.meeting);
                    look_at(search, certain, meeting, members, day, &mut state);
                }
            }
        }
    }
    Arrivals {
        source,
        from_day: search.from_day,
        to_day: search.to_day,
        labels: state.labels,
        best: state.actors.iter().map(|a| a.first).collect(),
        placed_back_within: None,
    }
}

/// The participants of meeting `m` as [`look_at`] takes them, with no word on other meetings
/// of the day (it is looked at outside the meetings beginning today).
fn unmarked_members(
    times: &crate::graph::MeetingTimes,
    m: MeetingIndex,
) -> impl Iterator<Item = (u32, u32, Option<bool>)> + Clone + '_ {
    let sides = times.sides(m).iter().copied();
    times
        .participants(m)
        .iter()
        .copied()
        .zip(sides)
        .map(|(u, side)| (u, side, None))
}

/// The first index at or after `at` of an entry of `held` (sorted by latest day) ending on or
/// after `day`, given that none before `at` does.
fn gallop(held: &[crate::graph::HeldEntry], at: usize, day: i32) -> usize {
    let (mut low, mut step) = (at, 1);
    while low + step <= held.len() && held[low + step - 1].latest < day {
        low += step;
        step *= 2;
    }
    let high = (low + step).min(held.len());
    low + held[low..high].partition_point(|e| e.latest < day)
}

/// Offers the participants (`members`: actor, side, and for a meeting beginning today after
/// the window's first day whether the actor has another such) of a held meeting (its first
/// and last day and index), on `day`, the word from the sender on another side with the
/// fewest hops so far (ties by index).
fn look_at(
    search: &Search<'_>,
    certain: bool,
    (earliest, latest, meeting): (i32, i32, MeetingIndex),
    members: impl Iterator<Item = (u32, u32, Option<bool>)> + Clone,
    day: i32,
    state: &mut State,
) {
    let arrival = if certain {
        if earliest < search.from_day || latest > search.to_day {
            return;
        }
        latest
    } else {
        if day > latest {
            return;
        }
        day
    };
    // Someone who hears here may pass it on at once to those across the table from them, so
    // the meeting is offered again until nobody improves.
    loop {
        // Nobody improves unless someone has heard and someone else is two or more hops
        // further: most meetings, once the word is about, end here on one read of the hops.
        let (low, high) = members
            .clone()
            .fold((u32::MAX, 0), |(low, high), (u, _, _)| {
                let hops = state.hops[u as usize];
                (low.min(hops), high.max(hops))
            });
        if low == u32::MAX || high <= low + 1 {
            return;
        }
        let before = state.labels.len();
        // Someone has heard (`low` above), so there is a sender.
        let senders = Senders::of(members.clone().filter_map(|(w, side, _)| {
            let hops = state.hops[w as usize];
            (hops != u32::MAX).then_some((hops, w, side))
        }));
        let m = meeting.0;
        for (u, side, block) in members.clone() {
            let Some((hops, w)) = senders.across(side) else {
                continue;
            };
            if !state.passes[u as usize] || hops + 1 >= state.hops[u as usize] {
                continue;
            }
            let previous = state.actors[w as usize].label;
            if arrival == day {
                state.offer(day, hops + 1, u, previous, m, block);
            } else {
                state.defer(arrival, hops + 1, u, previous, m);
            }
        }
        if arrival != day || state.labels.len() == before {
            return;
        }
    }
}
