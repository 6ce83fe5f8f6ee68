//! Building the graph's indexes from checked records: the date and id orders of the meetings,
//! the pair edges with their meetings, and each actor's records.

use petgraph::graph::{NodeIndex, UnGraph};
use rayon::prelude::*;

use super::{day_number, Adjacency, PairMeetings};
use crate::model::{ActorIndex, Counting, Dataset, MeetingIndex};

/// The first 16 bytes of an id, zero-padded, as two numbers that order like the id (ids
/// hold no NUL bytes), so that sorts compare numbers and read the strings only on ties.
fn id_prefix(id: &str) -> (u64, u64) {
    let mut bytes = [0u8; 16];
    let n = id.len().min(16);
    bytes[..n].copy_from_slice(&id.as_bytes()[..n]);
    let (high, low) = bytes.split_at(8);
    (
        u64::from_be_bytes(high.try_into().unwrap_or_default()),
        u64::from_be_bytes(low.try_into().unwrap_or_default()),
    )
}

/// Meetings in date order, ties by id: [`FuzzyDate`](crate::model::FuzzyDate)'s order, which
/// compares bounds it recomputes and then notations it formats, made fast for a million
/// meetings by sorting precomputed day numbers and id prefixes. The order is the same.
pub(super) fn sorted_by_date(data: &Dataset) -> Vec<MeetingIndex> {
    // First day, last day, the date, the id's prefix, the meeting.
    type DateKey = (i32, i32, crate::model::FuzzyDate, (u64, u64), u32);
    let mut keys: Vec<DateKey> = data
        .meetings
        .par_iter()
        .enumerate()
        .map(|(i, m)| {
            (
                day_number(m.date.earliest()),
                day_number(m.date.latest()),
                m.date,
                id_prefix(&m.id),
                i as u32,
            )
        })
        .collect();
    keys.par_sort_unstable_by(|a, b| {
        (a.0, a.1)
            .cmp(&(b.0, b.1))
            .then_with(|| {
                if a.2 == b.2 {
                    std::cmp::Ordering::Equal
                } else {
                    a.2.cmp(&b.2)
                }
            })
            .then_with(|| a.3.cmp(&b.3))
            .then_with(|| {
                data.meetings[a.4 as usize]
                    .id
                    .cmp(&data.meetings[b.4 as usize].id)
            })
    });
    keys.into_iter().map(|k| MeetingIndex(k.4)).collect()
}

/// Meetings in id order, for lookups by binary search: a hash map of a million cloned ids
/// would add about 70 MB to the peak of loading a large data set.
pub(super) fn sorted_by_id(data: &Dataset) -> Vec<MeetingIndex> {
    let mut keys: Vec<((u64, u64), u32)> = data
        .meetings
        .par_iter()
        .enumerate()
        .map(|(i, m)| (id_prefix(&m.id), i as u32))
        .collect();
    keys.par_sort_unstable_by(|a, b| {
        a.0.cmp(&b.0).then_with(|| {
            data.meetings[a.1 as usize]
                .id
                .cmp(&data.meetings[b.1 as usize].id)
        })
    });
    keys.into_iter().map(|k| MeetingIndex(k.1)).collect()
}

/// Pair incidences of counted meetings, keyed so that one sort groups them by pair and orders
/// each group by date; and each actor's number of records (any status), offset by one.
pub(super) fn pair_incidences(
    data: &Dataset,
    counting: Counting,
    rank: &[u32],
) -> (Vec<(u64, u32)>, Vec<u32>) {
    let incidence_count: usize = data
        .meetings
        .iter()
        .filter(|m| counting.counts(m))
        .map(|m| m.participants.len() * m.participants.len().saturating_sub(1) / 2)
        .sum();
    let mut incidences: Vec<(u64, u32)> = Vec::with_capacity(incidence_count);
    let mut per_actor = vec![0u32; data.actors.len() + 1];
    for (mi, meeting) in data.meetings.iter().enumerate() {
        for p in &meeting.participants {
            per_actor[p.actor.index() + 1] += 1;
        }
        if !counting.counts(meeting) {
            continue;
        }
        let r = rank[mi];
        for (a, b) in meeting.cross_pairs() {
            let (lo, hi) = if a < b { (a.0, b.0) } else { (b.0, a.0) };
            incidences.push((((lo as u64) << 32) | hi as u64, r));
        }
    }
    incidences.par_sort_unstable();
    (incidences, per_actor)
}

/// The petgraph structure, the flat pair-meeting list and the CSR adjacency, from sorted
/// incidences.
pub(super) fn build_pairs(
    actor_count: usize,
    incidences: Vec<(u64, u32)>,
    by_date: &[MeetingIndex],
) -> (
    UnGraph<ActorIndex, PairMeetings, u32>,
    Vec<MeetingIndex>,
    Adjacency,
) {
    let pair_count = incidences.chunk_by(|a, b| a.0 == b.0).count();
    let mut graph = UnGraph::with_capacity(actor_count, pair_count);
    for i in 0..actor_count {
        graph.add_node(ActorIndex(i as u32));
    }
    let mut pair_meetings = Vec::with_capacity(incidences.len());
    let mut pairs: Vec<(u32, u32, u32)> = Vec::with_capacity(pair_count);
    for group in incidences.chunk_by(|a, b| a.0 == b.0) {
        let start = pair_meetings.len() as u32;
        pair_meetings.extend(group.iter().map(|&(_, r)| by_date[r as usize]));
        let len = group.len() as u32;
        let (a, b) = ((group[0].0 >> 32) as u32, group[0].0 as u32);
        graph.add_edge(
            NodeIndex::new(a as usize),
            NodeIndex::new(b as usize),
            PairMeetings { start, len },
        );
        pairs.push((a, b, len));
    }
    drop(incidences);
    let adjacency = Adjacency::from_sorted_unique_pairs(actor_count, &pairs);
    (graph, pair_meetings, adjacency)
}

/// Every record of each actor, any status, in date order, as offsets and a flat list: ranks
/// scattered into each actor's run while reading the records in storage order (visiting them
/// in date order instead would chase a pointer per record), then each run sorted.
pub(super) fn actor_meetings(
    data: &Dataset,
    mut per_actor: Vec<u32>,
    rank: &[u32],
    by_date: &[MeetingIndex],
) -> (Vec<u32>, Vec<MeetingIndex>) {
    let actor_count = data.actors.len();
    for v in 0..actor_count {
        per_actor[v + 1] += per_actor[v];
    }
    let mut fill = per_actor.clone();
    let mut ranks = vec![0u32; per_actor[actor_count] as usize];
    for (mi, meeting) in data.meetings.iter().enumerate() {
        for p in &meeting.participants {
            let slot = &mut fill[p.actor.index()];
            ranks[*slot as usize] = rank[mi];
            *slot += 1;
        }
    }
    let mut runs: Vec<&mut [u32]> = Vec::with_capacity(actor_count);
    let mut rest = ranks.as_mut_slice();
    for v in 0..actor_count {
        let len = (per_actor[v + 1] - per_actor[v]) as usize;
        let (run, tail) = std::mem::take(&mut rest).split_at_mut(len);
        runs.push(run);
        rest = tail;
    }
    runs.into_par_iter().for_each(|run| run.sort_unstable());
    let actor_meetings = ranks.into_iter().map(|r| by_date[r as usize]).collect();
    (per_actor, actor_meetings)
}
