//! Earliest arrival at every actor by rounds of at most h meetings, for whole-network reach:
//! passes over the meetings that read memory in order, spread over rayon's threads.

use rayon::prelude::*;

use super::arrivals::{Arrivals, Label, Senders};
use super::Search;
use crate::graph::{MeetingGraph, MeetingTimes};
use crate::model::{ActorIndex, MeetingIndex};

/// Earliest arrival at every actor by rounds: round h knows the earliest day each actor can
/// hear using at most h meetings, computed from round h − 1 in one pass over the meetings that
/// touch an actor changed in the last round. An actor's hops are the first round that reaches
/// its final day, so ties go to fewer hops exactly. The passes read memory in order and beat a
/// priority queue for whole-network reach (point queries scan the meetings once, `scan`).
pub(super) fn arrivals_by_rounds(
    graph: &MeetingGraph,
    search: &Search<'_>,
    source: ActorIndex,
) -> Arrivals {
    let times = graph.meeting_times();
    let n = graph.actor_count();
    let meeting_count = times.held.len();
    let mut labels = vec![Label::source(search.from_day, source)];
    // Day and label per actor as of the previous round; `next_*` collect this round's.
    let mut day = vec![i32::MAX; n];
    let mut label = vec![u32::MAX; n];
    day[source.index()] = search.from_day;
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
    // The day each actor's meetings were last marked from (`i32::MAX`: never).
    let mut marked_from = vec![i32::MAX; n];
    let mut round = 0u32;
    while !changed.is_empty() {
        round += 1;
        for &v in &changed {
            // Held meetings are sorted by last day: those that surely ended before `v` heard
            // cannot carry the word on, in either ordering. Those beginning after the window
            // can offer nothing, nor can those beginning no earlier than the day `v` was last
            // marked from: they then offered the same days (their own first day, or their
            // last when certain) in fewer hops.
            let held = times.held_of(ActorIndex(v));
            let t = day[v as usize];
            let cap = std::mem::replace(&mut marked_from[v as usize], t)
                .min(search.to_day.saturating_add(1));
            let first = held.partition_point(|e| e.latest < t);
            // Past this, every entry begins on or after `cap`: an entry ending on or after
            // `cap + width` begins on or after `cap`. When no day is that late (a meeting with
            // an open bound is as wide as the calendar), every entry is read.
            let end = times
                .held_reach(ActorIndex(v), cap)
                .map_or(held.len(), |bound| {
                    held.partition_point(|e| e.latest < bound)
                });
            for entry in &held[first..end.max(first)] {
                if entry.earliest >= cap {
                    continue;
                }
                let m = entry.meeting.index();
                marked[m / 64] |= 1 << (m % 64);
            }
        }
        let offers = round_offers(times, search, &day, &passes, source, &mut marked);
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
        from_day: search.from_day,
        to_day: search.to_day,
        labels,
        best: label,
        placed_back_within: None,
    }
}

/// An offer `(receiver, day, sender, meeting)` of an earlier arrival.
type Offer = (u32, i32, u32, MeetingIndex);

/// The offers of every meeting marked in `marked` (which it clears), evaluated against last
/// round's days. Both cores evaluate meetings; the offers come back in meeting order and are
/// applied in that order, so ties resolve as in one thread.
fn round_offers(
    times: &MeetingTimes,
    search: &Search<'_>,
    day: &[i32],
    passes: &[bool],
    source: ActorIndex,
    marked: &mut [u64],
) -> Vec<Vec<Offer>> {
    marked
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
                    offer(times, search, day, passes, source, m, &mut offers);
                }
            }
            offers
        })
        .collect()
}

/// Bitmap words per parallel task: 64 meetings each, so 512 words are 32,768 meetings.
const WORDS_PER_TASK: usize = 512;

/// Appends `(receiver, day, sender, meeting)` for every participant of `m` that would hear
/// earlier than it did by the last round.
fn offer(
    times: &MeetingTimes,
    search: &Search<'_>,
    day: &[i32],
    passes: &[bool],
    source: ActorIndex,
    m: MeetingIndex,
    offers: &mut Vec<Offer>,
) {
    let participants = times.participants(m);
    let sides = times.sides(m);
    let senders = Senders::of(
        participants
            .iter()
            .zip(sides)
            .filter(|&(&w, _)| day[w as usize] != i32::MAX && passes[w as usize])
            .map(|(&w, &side)| (day[w as usize], w, side)),
    );
    if senders.is_empty() {
        return;
    }
    for (&u, &side) in participants.iter().zip(sides) {
        if !passes[u as usize] {
            continue;
        }
        let Some((t, w)) = senders.across(side) else {
            continue;
        };
        if let Some(at) = search.traverse(t, m, w == source.0) {
            if at < day[u as usize] {
                offers.push((u, at, w, m));
            }
        }
    }
}
