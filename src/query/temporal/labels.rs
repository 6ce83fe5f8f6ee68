//! The entry point of earliest-arrival search, and the label search for waits bounded by
//! `max_gap`: labels `(day, hops)` settled in order from a monotone bucket queue, each
//! carrying the last day its actor may have heard.

use super::arrivals::{Arrivals, Label};
use super::rounds::arrivals_by_rounds;
use super::scan::arrivals_by_scan;
use super::{Certainty, Search, TemporalOptions};
use crate::graph::MeetingGraph;
use crate::model::{ActorIndex, MeetingIndex};

/// A monotone bucket queue of labels by (day, hops): days are popped in order, and within a
/// day, hops in order. A binary heap of a million labels spends most of its time in cache
/// misses; labels pushed during the search are never earlier than the one being settled.
#[derive(Default)]
struct LabelQueue {
    days: std::collections::BTreeMap<i32, DayBucket>,
}

/// The labels of one day, bucketed by hops, with the next hop count to look at.
#[derive(Default)]
struct DayBucket {
    by_hops: Vec<Vec<u32>>,
    cursor: usize,
}

impl LabelQueue {
    /// Adds `label` at (`day`, `hops`).
    fn push(&mut self, day: i32, hops: u32, label: u32) {
        let bucket = self.days.entry(day).or_default();
        let h = hops as usize;
        if bucket.by_hops.len() <= h {
            bucket.by_hops.resize_with(h + 1, Vec::new);
        }
        bucket.by_hops[h].push(label);
        bucket.cursor = bucket.cursor.min(h);
    }

    /// The earliest (day, hops, label), fewest hops first within a day.
    fn pop(&mut self) -> Option<(i32, u32, u32)> {
        loop {
            let mut entry = self.days.first_entry()?;
            let day = *entry.key();
            let bucket = entry.get_mut();
            while bucket.cursor < bucket.by_hops.len() {
                let h = bucket.cursor;
                if let Some(label) = bucket.by_hops[h].pop() {
                    return Some((day, h as u32, label));
                }
                bucket.cursor += 1;
            }
            entry.remove();
        }
    }
}

/// Earliest arrival (ties by fewer hops) from `source` at every actor through held meetings
/// in time order; `target`, when given, is exempt from `only_kind`, and only its answer is
/// exact (the search stops once nothing can beat it).
///
/// Without `max_gap` this is the rounds of `rounds.rs`. With it, labels `(day, hops)` are
/// settled in lexicographic order, and an actor keeps every label whose span of days (from
/// the earliest to the latest it may have heard) no settled label with as few hops covers:
/// hearing later can open meetings, and a possible chain may place a partly dated meeting
/// late in its range so that the next hop is within the wait.
///
/// Complexity: O(P·H log P) for P participations of held meetings and H distinct hop counts
/// per actor (small in practice); with `max_gap`, O(P·D log P) over D distinct days.
pub fn earliest_arrivals(
    graph: &MeetingGraph,
    source: ActorIndex,
    target: Option<ActorIndex>,
    options: &TemporalOptions,
) -> Arrivals {
    let search = Search::new(graph, options, target);
    if options.max_gap.is_none() {
        return match target {
            Some(target) => arrivals_by_scan(graph, &search, source, target),
            None => arrivals_by_rounds(graph, &search, source),
        };
    }
    label_search(graph, &search, source, target)
}

/// The label search's bookkeeping: labels, the queue, and per actor what was settled and
/// pushed.
struct LabelState {
    labels: Vec<Label>,
    /// Parallel to `labels`, with `max_gap`: the latest day the label's actor can have heard
    /// for the chain behind it (a label's day is the earliest). A possible chain may place a
    /// partly dated meeting late in its range so that the next hop is within the wait, so
    /// the search carries the whole span of days a chain allows, not only its first day.
    latest: Vec<i32>,
    queue: LabelQueue,
    best: Vec<u32>,
    fewest_settled: Vec<u32>,
    /// The earliest and the fewest-hop labels pushed so far per actor: a new label that one
    /// of them dominates (no later, no more hops) can never matter, so it is not pushed.
    earliest_pushed: Vec<(i32, u32)>,
    fewest_pushed: Vec<(i32, u32)>,
    /// With `max_gap`: per actor, the (hops, latest day) of the labels settled, as a front of
    /// hops rising with latest days rising. Labels are settled by earliest day, so one whose
    /// span another settled label covers, with no fewer hops, can lead nowhere new.
    gap_mode: bool,
    settled_spans: Vec<Vec<(u32, i32)>>,
}

/// True when `front` (see [`LabelState::settled_spans`]) holds a label of at most `hops`
/// hops that heard until `latest` or later.
fn covered(front: &[(u32, i32)], hops: u32, latest: i32) -> bool {
    let within = front.partition_point(|&(h, _)| h <= hops);
    within > 0 && front[within - 1].1 >= latest
}

/// Adds (`hops`, `latest`) to `front`, which does not cover it, dropping what it covers.
fn add_to_front(front: &mut Vec<(u32, i32)>, hops: u32, latest: i32) {
    front.retain(|&(h, l)| h < hops || l > latest);
    let at = front.partition_point(|&(h, _)| h < hops);
    front.insert(at, (hops, latest));
}

impl LabelState {
    /// The label of one actor `v` to settle, or false when it cannot matter any more.
    #[inline]
    fn settle(&mut self, v: u32, hops: u32, latest: i32) -> bool {
        if self.gap_mode {
            let front = &mut self.settled_spans[v as usize];
            if covered(front, hops, latest) {
                return false;
            }
            add_to_front(front, hops, latest);
        } else if hops >= self.fewest_settled[v as usize] {
            return false;
        }
        self.fewest_settled[v as usize] = self.fewest_settled[v as usize].min(hops);
        true
    }

    /// Pushes a label for each participant `u` of `m` on another side than `v` (and on side
    /// `only_side`, when given) that may hear from day `at.0` (to day `at.1`, with `max_gap`)
    /// in `hops` and is not dominated.
    #[inline]
    #[allow(clippy::too_many_arguments)]
    fn push_participants(
        &mut self,
        search: &Search<'_>,
        participants: &[u32],
        sides: &[u32],
        v: u32,
        li: u32,
        m: MeetingIndex,
        (at, latest): (i32, i32),
        hops: u32,
        only_side: Option<u32>,
    ) {
        let dominated = |(t, h): (i32, u32), (t0, h0): (i32, u32)| t0 <= t && h0 <= h;
        let candidate = (at, hops);
        let v_side = participants.iter().position(|&u| u == v).map(|i| sides[i]);
        for (&u, &side) in participants.iter().zip(sides) {
            let ui = u as usize;
            if u == v
                || Some(side) == v_side
                || only_side.is_some_and(|only| only != side)
                || (!self.gap_mode
                    && (hops >= self.fewest_settled[ui]
                        || dominated(candidate, self.earliest_pushed[ui])
                        || dominated(candidate, self.fewest_pushed[ui])))
                // A settled label began no later than this one.
                || (self.gap_mode && covered(&self.settled_spans[ui], hops, latest))
                || !search.may_pass(ActorIndex(u))
            {
                continue;
            }
            if candidate < self.earliest_pushed[ui] {
                self.earliest_pushed[ui] = candidate;
            }
            if (candidate.1, candidate.0) < (self.fewest_pushed[ui].1, self.fewest_pushed[ui].0) {
                self.fewest_pushed[ui] = candidate;
            }
            self.labels.push(Label {
                day: at,
                hops,
                actor: u,
                previous: li,
                meeting: m,
            });
            if self.gap_mode {
                self.latest.push(latest);
            }
            self.queue.push(at, hops, self.labels.len() as u32 - 1);
        }
    }
}

/// What a meeting's earlier expansions already offered. A later expansion arrives no
/// earlier, so it can only improve on one with more hops; within that, a sender on the side
/// of the first expansion reaches the same participants, and one on another side reaches
/// only that side's members anew.
#[derive(Clone, Copy)]
struct Expanded {
    /// Fewest hops of an expansion, and its sender's side.
    hops: u32,
    side: u32,
    /// Fewest hops by which every participant has been offered (senders on two sides).
    everyone: u32,
}

impl Default for Expanded {
    fn default() -> Self {
        Expanded {
            hops: u32::MAX,
            side: u32::MAX,
            everyone: u32::MAX,
        }
    }
}

/// Whom an expansion still has to offer the word.
enum Rest {
    Nothing,
    Everyone,
    /// Only the members of this side.
    Side(u32),
}

impl Expanded {
    fn rest(&self, hops: u32, side: u32) -> Rest {
        if hops >= self.everyone || (hops >= self.hops && side == self.side) {
            Rest::Nothing
        } else if hops >= self.hops {
            Rest::Side(self.side)
        } else {
            Rest::Everyone
        }
    }

    fn record(&mut self, hops: u32, side: u32, partial: bool) {
        if partial {
            self.everyone = self.everyone.min(hops);
        } else {
            self.hops = hops;
            self.side = side;
        }
    }
}

/// The side of `v` among a meeting's `participants` (`u32::MAX` when absent).
fn side_of(participants: &[u32], sides: &[u32], v: u32) -> u32 {
    participants
        .iter()
        .position(|&u| u == v)
        .map_or(u32::MAX, |i| sides[i])
}

/// The label search itself (see [`earliest_arrivals`]).
fn label_search(
    graph: &MeetingGraph,
    search: &Search<'_>,
    source: ActorIndex,
    target: Option<ActorIndex>,
) -> Arrivals {
    let n = graph.actor_count();
    let gap_mode = search.options.max_gap.is_some();
    let times = graph.meeting_times();
    // Possible chains with a bounded wait carry spans of days; certain ones hear on one day.
    let spans = gap_mode && search.options.certainty == Certainty::Possible;
    // No span needs to run past the last day any meeting (or the window) begins: a chain's
    // days later than that can all be moved back to it, keeping every range, the order and
    // every wait. Without the cap, an open-ended meeting would let a span grow by the wait
    // on every round trip between two of its participants, to the end of the calendar.
    let latest_needed = if spans {
        times
            .bounds
            .iter()
            .map(|&(early, _)| early)
            .max()
            .unwrap_or(i32::MIN)
            .max(search.from_day)
    } else {
        i32::MAX
    };
    let mut state = LabelState {
        labels: vec![Label::source(search.from_day, source)],
        latest: if gap_mode {
            vec![search.from_day]
        } else {
            Vec::new()
        },
        queue: LabelQueue::default(),
        best: vec![u32::MAX; n],
        fewest_settled: vec![u32::MAX; n],
        earliest_pushed: vec![(i32::MAX, u32::MAX); n],
        fewest_pushed: vec![(i32::MAX, u32::MAX); n],
        gap_mode,
        settled_spans: if gap_mode {
            vec![Vec::new(); n]
        } else {
            Vec::new()
        },
    };
    let mut expanded = vec![Expanded::default(); graph.data().meetings.len()];
    state.queue.push(search.from_day, 0, 0);
    while let Some((t, hops, li)) = state.queue.pop() {
        let v = state.labels[li as usize].actor;
        let heard_until = if gap_mode {
            state.latest[li as usize]
        } else {
            t
        };
        if !state.settle(v, hops, heard_until) {
            continue;
        }
        if state.best[v as usize] == u32::MAX {
            state.best[v as usize] = li;
            if target.is_some_and(|x| x.0 == v) {
                break;
            }
        }
        let held = times.held_of(ActorIndex(v));
        // A possible chain cannot use a meeting that surely ended before the arrival.
        let first = match search.options.certainty {
            Certainty::Possible => held.partition_point(|e| e.latest < t),
            Certainty::Certain => 0,
        };
        // Nor, after the wait, one that can only be placed later: a certain hop arrives on
        // its meeting's last day, and a meeting ending after the last day of the wait plus
        // the actor's widest range begins after that day. The list is sorted by last day, so
        // a long history is read only as far as the wait reaches, not to its end.
        let end = match search.options.max_gap {
            Some(gap) if v != source.0 => {
                let last =
                    i32::try_from(i64::from(heard_until) + i64::from(gap)).unwrap_or(i32::MAX);
                let bound = match search.options.certainty {
                    Certainty::Possible => times.held_reach(ActorIndex(v), last),
                    Certainty::Certain => Some(last),
                };
                bound.map_or(held.len(), |bound| {
                    held.partition_point(|e| e.latest <= bound)
                })
            }
            _ => held.len(),
        };
        for entry in &held[first..end.max(first)] {
            let m = entry.meeting;
            let side = side_of(times.participants(m), times.sides(m), v);
            let only_side = if gap_mode {
                None
            } else {
                match expanded[m.index()].rest(hops, side) {
                    Rest::Nothing => continue,
                    Rest::Everyone => None,
                    Rest::Side(first) => Some(first),
                }
            };
            let at = if spans {
                search
                    .traverse_span((t, heard_until), m, v == source.0)
                    .map(|(first, last)| (first, last.min(latest_needed)))
            } else {
                search.traverse(t, m, v == source.0).map(|day| (day, day))
            };
            let Some(at) = at else {
                continue;
            };
            if !gap_mode {
                expanded[m.index()].record(hops, side, only_side.is_some());
            }
            state.push_participants(
                search,
                times.participants(m),
                times.sides(m),
                v,
                li,
                m,
                at,
                hops + 1,
                only_side,
            );
        }
    }
    Arrivals {
        source,
        from_day: search.from_day,
        to_day: search.to_day,
        labels: state.labels,
        best: state.best,
        placed_back_within: if spans { search.options.max_gap } else { None },
    }
}
