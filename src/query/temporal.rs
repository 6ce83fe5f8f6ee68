//! Time-respecting chains: who could have heard from whom through meetings taken in date
//! order, with partial dates handled as ranges.
//!
//! A meeting dated by a range `[earliest, latest]` may sit anywhere in it. A chain is
//! *possible* when days can be picked in each hop's range that never go backwards, and
//! *certain* when every hop's range ends no later than the next one's begins.

use std::collections::HashSet;

use rayon::prelude::*;

use jiff::civil::Date;
use serde::Serialize;

use crate::graph::{date_of_day, day_number, MeetingGraph};
use crate::model::{ActorIndex, ActorKind, MeetingIndex};
use crate::query::contacts::first_citation;
use crate::query::listing::bound;

/// Whether a chain must be ordered whatever the true dates, or only could be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Certainty {
    /// Some choice of days within the hops' ranges keeps them in order.
    #[default]
    Possible,
    /// Every hop's range ends no later than the next hop's begins.
    Certain,
}

/// Constraints on time-ordered chains.
#[derive(Debug, Clone, Default)]
pub struct TemporalOptions {
    /// The word starts on this day (the first meeting may be no earlier).
    pub start: Option<Date>,
    /// Meetings after this day are not used.
    pub end: Option<Date>,
    /// The longest wait, in days, between arriving at an actor and the next meeting.
    pub max_gap: Option<i32>,
    /// Possible or certain ordering.
    pub certainty: Certainty,
    /// Actors a chain must not pass through.
    pub avoid: Vec<ActorIndex>,
    /// When set, intermediate actors must be of this kind.
    pub only_kind: Option<ActorKind>,
}

/// A hop of a time-ordered chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimedHop {
    /// Who passed the word.
    pub from: ActorIndex,
    /// Who received it.
    pub to: ActorIndex,
    /// The meeting.
    pub meeting: MeetingIndex,
    /// The day from which `to` has (possibly or certainly) heard.
    pub arrival: Date,
}

/// A time-ordered chain from the source to one actor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Journey {
    /// Actors from source to target.
    pub actors: Vec<ActorIndex>,
    /// Hops in order.
    pub hops: Vec<TimedHop>,
    /// True when the hops' ranges are ordered whatever the true dates.
    pub certain: bool,
}

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
    fn push(&mut self, day: i32, hops: u32, label: u32) {
        let bucket = self.days.entry(day).or_default();
        let h = hops as usize;
        if bucket.by_hops.len() <= h {
            bucket.by_hops.resize_with(h + 1, Vec::new);
        }
        bucket.by_hops[h].push(label);
        bucket.cursor = bucket.cursor.min(h);
    }

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

/// One way of reaching an actor: the day, the hops, and the label it came from.
#[derive(Debug, Clone, Copy)]
struct Label {
    day: i32,
    hops: u32,
    actor: u32,
    /// Index of the previous label, `u32::MAX` for the source.
    previous: u32,
    meeting: MeetingIndex,
}

/// Earliest arrival at every actor from one source.
#[derive(Debug, Clone)]
pub struct Arrivals {
    source: ActorIndex,
    start: i32,
    end: i32,
    labels: Vec<Label>,
    /// Per actor: its earliest label (ties by fewer hops), `u32::MAX` when unreached.
    best: Vec<u32>,
}

struct Search<'a> {
    graph: &'a MeetingGraph,
    bounds: &'a [(i32, i32)],
    options: &'a TemporalOptions,
    start: i32,
    end: i32,
    blocked: Vec<bool>,
    target: Option<ActorIndex>,
}

impl Search<'_> {
    /// The day the other participants hear, if meeting `m` can follow an arrival on day `t`.
    ///
    /// Possible: the meeting is placed on the first day of its range no earlier than the
    /// arrival and the start. Certain: its whole range must lie after the arrival, and the
    /// word has surely passed only on its last day. The gap is counted between those days.
    fn traverse(&self, t: i32, m: MeetingIndex, from_source: bool) -> Option<i32> {
        let (early, late) = self.bounds[m.index()];
        let (ok, arrival) = match self.options.certainty {
            Certainty::Possible => {
                let day = t.max(early).max(self.start);
                (day <= late && day <= self.end, day)
            }
            Certainty::Certain => (early >= t && early >= self.start && late <= self.end, late),
        };
        let waited = i64::from(arrival) - i64::from(t);
        let in_gap = from_source
            || self
                .options
                .max_gap
                .is_none_or(|gap| waited <= i64::from(gap));
        (ok && in_gap).then_some(arrival)
    }

    fn may_pass(&self, v: ActorIndex) -> bool {
        if self.target == Some(v) {
            return true;
        }
        !self.blocked[v.index()]
            && self
                .options
                .only_kind
                .is_none_or(|k| self.graph.actor(v).kind == k)
    }
}

/// Earliest arrival (ties by fewer hops) from `source` at every actor through held meetings
/// in time order; `target`, when given, is exempt from `only_kind` and ends the search.
///
/// Labels `(day, hops)` are settled in lexicographic order. A later, slower label of an actor
/// is kept only when it has fewer hops (it may still lead to a tie downstream in fewer hops);
/// with `max_gap`, where arriving later can open meetings, every (actor, day) is kept.
///
/// Complexity: O(P·H log P) for P participations of held meetings and H distinct hop counts
/// per actor (small in practice); with `max_gap`, O(P·D log P) over D distinct days.
pub fn earliest_arrivals(
    graph: &MeetingGraph,
    source: ActorIndex,
    target: Option<ActorIndex>,
    options: &TemporalOptions,
) -> Arrivals {
    let n = graph.actor_count();
    let mut blocked = vec![false; n];
    for a in &options.avoid {
        blocked[a.index()] = true;
    }
    let search = Search {
        graph,
        bounds: graph.day_bounds(),
        options,
        start: options.start.map_or(i32::MIN, day_number),
        end: options.end.map_or(i32::MAX, day_number),
        blocked,
        target,
    };
    let gap_mode = options.max_gap.is_some();
    if target.is_none() && !gap_mode {
        return arrivals_by_rounds(graph, &search, source);
    }
    let mut labels = vec![Label {
        day: search.start,
        hops: 0,
        actor: source.0,
        previous: u32::MAX,
        meeting: MeetingIndex(u32::MAX),
    }];
    let times = graph.meeting_times();
    let mut best = vec![u32::MAX; n];
    let mut fewest_settled = vec![u32::MAX; n];
    // The earliest and the fewest-hop labels pushed so far per actor: a new label that one of
    // them dominates (no later, no more hops) can never matter, so it is not pushed.
    let mut earliest_pushed = vec![(i32::MAX, u32::MAX); n];
    let mut fewest_pushed = vec![(i32::MAX, u32::MAX); n];
    let mut expanded_hops = vec![u32::MAX; graph.data().meetings.len()];
    let mut settled_states: HashSet<(u32, i32)> = HashSet::new();
    let mut queue = LabelQueue::default();
    queue.push(search.start, 0, 0);
    let dominated = |(t, h): (i32, u32), (t0, h0): (i32, u32)| t0 <= t && h0 <= h;
    while let Some((t, hops, li)) = queue.pop() {
        let v = labels[li as usize].actor;
        if gap_mode {
            if !settled_states.insert((v, t)) {
                continue;
            }
        } else if hops >= fewest_settled[v as usize] {
            continue;
        }
        fewest_settled[v as usize] = fewest_settled[v as usize].min(hops);
        if best[v as usize] == u32::MAX {
            best[v as usize] = li;
            if target.is_some_and(|x| x.0 == v) {
                break;
            }
        }
        let held = times.held_of(ActorIndex(v));
        // A possible chain cannot use a meeting that surely ended before the arrival.
        let first = match options.certainty {
            Certainty::Possible => held.partition_point(|e| e.latest < t),
            Certainty::Certain => 0,
        };
        for entry in &held[first..] {
            let m = entry.meeting;
            if !gap_mode && hops >= expanded_hops[m.index()] {
                continue;
            }
            let Some(at) = search.traverse(t, m, v == source.0) else {
                continue;
            };
            // Later expansions arrive no earlier, so only fewer hops can improve on this one.
            if !gap_mode {
                expanded_hops[m.index()] = hops;
            }
            let candidate = (at, hops + 1);
            for &u in times.participants(m) {
                let ui = u as usize;
                if u == v
                    || (!gap_mode
                        && (hops + 1 >= fewest_settled[ui]
                            || dominated(candidate, earliest_pushed[ui])
                            || dominated(candidate, fewest_pushed[ui])))
                    || !search.may_pass(ActorIndex(u))
                {
                    continue;
                }
                if candidate < earliest_pushed[ui] {
                    earliest_pushed[ui] = candidate;
                }
                if (candidate.1, candidate.0) < (fewest_pushed[ui].1, fewest_pushed[ui].0) {
                    fewest_pushed[ui] = candidate;
                }
                labels.push(Label {
                    day: at,
                    hops: hops + 1,
                    actor: u,
                    previous: li,
                    meeting: m,
                });
                queue.push(at, hops + 1, labels.len() as u32 - 1);
            }
        }
    }
    Arrivals {
        source,
        start: search.start,
        end: search.end,
        labels,
        best,
    }
}

/// Earliest arrival at every actor by rounds: round h knows the earliest day each actor can
/// hear using at most h meetings, computed from round h − 1 in one pass over the meetings that
/// touch an actor changed in the last round. An actor's hops are the first round that reaches
/// its final day, so ties go to fewer hops exactly. Used for whole-network reach, where the
/// passes read memory in order and beat a priority queue; point queries use the label search.
fn arrivals_by_rounds(graph: &MeetingGraph, search: &Search<'_>, source: ActorIndex) -> Arrivals {
    let times = graph.meeting_times();
    let n = graph.actor_count();
    let meeting_count = times.held.len();
    let mut labels = vec![Label {
        day: search.start,
        hops: 0,
        actor: source.0,
        previous: u32::MAX,
        meeting: MeetingIndex(u32::MAX),
    }];
    // Day and label per actor as of the previous round; `next_*` collect this round's.
    let mut day = vec![i32::MAX; n];
    let mut label = vec![u32::MAX; n];
    day[source.index()] = search.start;
    label[source.index()] = 0;
    let mut next_day = day.clone();
    let mut next_label = label.clone();
    let mut changed: Vec<u32> = vec![source.0];
    // Who may pass the word on (and receive it): the source, and actors not excluded.
    let passes: Vec<bool> = (0..n as u32)
        .map(|u| u == source.0 || search.may_pass(ActorIndex(u)))
        .collect();
    // Meetings to look at this round, as a bitmap: walking it visits them in index order, so
    // their participants and bounds are read front to back (and ties resolve by index).
    let mut marked = vec![0u64; meeting_count.div_ceil(64)];
    let mut round = 0u32;
    while !changed.is_empty() {
        round += 1;
        for &v in &changed {
            for entry in times.held_of(ActorIndex(v)) {
                let m = entry.meeting.index();
                marked[m / 64] |= 1 << (m % 64);
            }
        }
        // Both cores evaluate meetings against last round's days; the offers come back in
        // meeting order and are applied in that order, so ties resolve as in one thread.
        let offers: Vec<Vec<(u32, i32, u32, MeetingIndex)>> = marked
            .par_chunks_mut(WORDS_PER_TASK)
            .enumerate()
            .map(|(chunk_index, chunk)| {
                let mut offers = Vec::new();
                for (i, slot) in chunk.iter_mut().enumerate() {
                    let word_index = chunk_index * WORDS_PER_TASK + i;
                    let mut word = std::mem::take(slot);
                    while word != 0 {
                        let bit = word.trailing_zeros() as usize;
                        word &= word - 1;
                        let m = MeetingIndex((word_index * 64 + bit) as u32);
                        offer(times, search, &day, &passes, source, m, &mut offers);
                    }
                }
                offers
            })
            .collect();
        let mut now_changed = Vec::new();
        for (u, at, w, m) in offers.into_iter().flatten() {
            if at < next_day[u as usize] {
                if next_day[u as usize] == day[u as usize] {
                    now_changed.push(u);
                }
                next_day[u as usize] = at;
                labels.push(Label {
                    day: at,
                    hops: round,
                    actor: u,
                    previous: label[w as usize],
                    meeting: m,
                });
                next_label[u as usize] = labels.len() as u32 - 1;
            }
        }
        for &u in &now_changed {
            day[u as usize] = next_day[u as usize];
            label[u as usize] = next_label[u as usize];
        }
        changed = now_changed;
    }
    Arrivals {
        source,
        start: search.start,
        end: search.end,
        labels,
        best: label,
    }
}

/// Bitmap words per parallel task: 64 meetings each, so 512 words are 32,768 meetings.
const WORDS_PER_TASK: usize = 512;

/// Appends `(receiver, day, sender, meeting)` for every participant of `m` that would hear
/// earlier than it did by the last round.
fn offer(
    times: &crate::graph::MeetingTimes,
    search: &Search<'_>,
    day: &[i32],
    passes: &[bool],
    source: ActorIndex,
    m: MeetingIndex,
    offers: &mut Vec<(u32, i32, u32, MeetingIndex)>,
) {
    let participants = times.participants(m);
    // The two earliest senders, so that each participant hears from someone else.
    let (mut first, mut second) = ((i32::MAX, u32::MAX), (i32::MAX, u32::MAX));
    for &w in participants {
        let t = day[w as usize];
        if t == i32::MAX || !passes[w as usize] {
            continue;
        }
        if (t, w) < first {
            second = first;
            first = (t, w);
        } else if (t, w) < second {
            second = (t, w);
        }
    }
    if first.0 == i32::MAX {
        return;
    }
    for &u in participants {
        let (t, w) = if u == first.1 { second } else { first };
        if t == i32::MAX || !passes[u as usize] {
            continue;
        }
        if let Some(at) = search.traverse(t, m, w == source.0) {
            if at < day[u as usize] {
                offers.push((u, at, w, m));
            }
        }
    }
}

impl Arrivals {
    /// The earliest day `actor` can have heard, and in how many hops.
    pub fn arrival(&self, actor: ActorIndex) -> Option<(Date, u32)> {
        let label = self.labels.get(self.best[actor.index()] as usize)?;
        Some((date_of_day(label.day), label.hops))
    }

    /// The meeting of the last hop on `actor`'s earliest chain.
    pub fn last_meeting(&self, actor: ActorIndex) -> Option<MeetingIndex> {
        let label = self.labels.get(self.best[actor.index()] as usize)?;
        (label.previous != u32::MAX).then_some(label.meeting)
    }

    /// Every reached actor except the source, by earliest arrival, then hops, then id.
    pub fn reached(&self, graph: &MeetingGraph) -> Vec<(ActorIndex, Date, u32)> {
        let mut out: Vec<(ActorIndex, Date, u32)> = (0..self.best.len())
            .filter(|&v| v != self.source.index())
            .filter_map(|v| {
                self.arrival(ActorIndex(v as u32))
                    .map(|(d, h)| (ActorIndex(v as u32), d, h))
            })
            .collect();
        out.sort_by(|a, b| {
            a.1.cmp(&b.1)
                .then(a.2.cmp(&b.2))
                .then_with(|| graph.actor(a.0).id.cmp(&graph.actor(b.0).id))
        });
        out
    }

    /// The chain by which `target` is reached earliest, if it is.
    pub fn journey(&self, graph: &MeetingGraph, target: ActorIndex) -> Option<Journey> {
        let mut hops = Vec::new();
        let mut li = self.best[target.index()];
        let mut label = *self.labels.get(li as usize)?;
        while label.previous != u32::MAX {
            let previous = self.labels[label.previous as usize];
            hops.push(TimedHop {
                from: ActorIndex(previous.actor),
                to: ActorIndex(label.actor),
                meeting: label.meeting,
                arrival: date_of_day(label.day),
            });
            li = label.previous;
            label = previous;
        }
        debug_assert_eq!(self.labels[li as usize].actor, self.source.0);
        hops.reverse();
        let mut actors = vec![self.source];
        actors.extend(hops.iter().map(|h| h.to));
        let certain = chain_is_certain(graph, &hops, self.start, self.end);
        Some(Journey {
            actors,
            hops,
            certain,
        })
    }
}

/// True when each hop's date range ends no later than the next begins, the first begins no
/// earlier than `start`, and every hop surely ends by `end` (day numbers).
pub fn chain_is_certain(graph: &MeetingGraph, hops: &[TimedHop], start: i32, end: i32) -> bool {
    let bounds = graph.day_bounds();
    let mut previous_end = start;
    for hop in hops {
        let (early, late) = bounds[hop.meeting.index()];
        if early < previous_end || late > end {
            return false;
        }
        previous_end = late;
    }
    true
}

/// The time-ordered chain from `from` to `to` arriving earliest (ties by fewer hops).
pub fn time_ordered_path(
    graph: &MeetingGraph,
    from: ActorIndex,
    to: ActorIndex,
    options: &TemporalOptions,
) -> Option<Journey> {
    earliest_arrivals(graph, from, Some(to), options).journey(graph, to)
}

/// A time-ordered hop as reported: the static hop keys plus its date bounds.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TimedHopRow {
    /// Start actor id.
    pub from: String,
    /// End actor id.
    pub to: String,
    /// Meeting id.
    pub meeting: String,
    /// Meeting date in the data's notation.
    pub date: String,
    /// Always `meeting`.
    pub via: &'static str,
    /// Earliest day the meeting may have been.
    pub earliest: String,
    /// Latest day the meeting may have been.
    pub latest: String,
    /// Day from which `to` has heard.
    pub arrival: String,
    /// Meeting place, if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// First citation.
    pub source: String,
}

/// A time-ordered chain as reported.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct JourneyRow {
    /// Actor ids from start to end.
    pub actors: Vec<String>,
    /// Hops in order.
    pub hops: Vec<TimedHopRow>,
    /// `certain` or `possible`.
    pub order: &'static str,
    /// Day the target is reached.
    pub arrival: String,
}

impl JourneyRow {
    /// The row for one chain.
    pub fn new(graph: &MeetingGraph, journey: &Journey) -> Self {
        JourneyRow {
            actors: journey
                .actors
                .iter()
                .map(|&a| graph.actor(a).id.clone())
                .collect(),
            hops: journey
                .hops
                .iter()
                .map(|h| {
                    let meeting = graph.meeting(h.meeting);
                    TimedHopRow {
                        from: graph.actor(h.from).id.clone(),
                        to: graph.actor(h.to).id.clone(),
                        meeting: meeting.id.clone(),
                        date: meeting.date.to_string(),
                        via: "meeting",
                        earliest: bound(meeting.date.earliest()),
                        latest: bound(meeting.date.latest()),
                        arrival: bound(h.arrival),
                        place: meeting.place.clone(),
                        source: first_citation(graph, h.meeting),
                    }
                })
                .collect(),
            order: if journey.certain {
                "certain"
            } else {
                "possible"
            },
            arrival: journey
                .hops
                .last()
                .map(|h| bound(h.arrival))
                .unwrap_or_default(),
        }
    }
}

/// One actor reached (JSON: `{"actor","earliest","hops"}` plus extras).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ReachedRow {
    /// Actor id.
    pub actor: String,
    /// Name.
    pub name: String,
    /// Earliest day they could have heard.
    pub earliest: String,
    /// Hops on that chain.
    pub hops: u32,
    /// The meeting of the last hop.
    pub via: String,
}

/// Everyone reached from an actor (JSON: `{"actor","from","reached":[…]}`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ReachReport {
    /// Source actor id.
    pub actor: String,
    /// Start day (empty when unbounded).
    pub from: String,
    /// `possible` or `certain`.
    pub order: &'static str,
    /// Reached actors by earliest arrival, hops, id.
    pub reached: Vec<ReachedRow>,
}

/// Everyone who could have heard from `source` through meetings in time order.
pub fn reach(
    graph: &MeetingGraph,
    source: ActorIndex,
    options: &TemporalOptions,
) -> (ReachReport, Arrivals) {
    let arrivals = earliest_arrivals(graph, source, None, options);
    let reached = arrivals
        .reached(graph)
        .into_iter()
        .map(|(a, day, hops)| ReachedRow {
            actor: graph.actor(a).id.clone(),
            name: graph.actor(a).name.clone(),
            earliest: bound(day),
            hops,
            via: arrivals
                .last_meeting(a)
                .map(|m| graph.meeting(m).id.clone())
                .unwrap_or_default(),
        })
        .collect();
    let report = ReachReport {
        actor: graph.actor(source).id.clone(),
        from: options.start.map(bound).unwrap_or_default(),
        order: match options.certainty {
            Certainty::Possible => "possible",
            Certainty::Certain => "certain",
        },
        reached,
    };
    (report, arrivals)
}
