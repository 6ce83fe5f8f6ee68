//! Building the graph's indexes from checked records: the date and id orders of the meetings,
//! the pair edges with their meetings, and each actor's records.

use petgraph::graph::{NodeIndex, UnGraph};
use rayon::prelude::*;

use super::{day_bounds, Adjacency, PairMeetings};
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

/// A date's first and last day numbers in one number that orders as the pair does: each
/// day, its sign bit flipped, in 32 bits, the first above the last.
fn packed_day_bounds(date: &crate::model::FuzzyDate) -> u64 {
    let (earliest, latest) = day_bounds(date);
    let day = |d: i32| u64::from(d as u32 ^ 0x8000_0000);
    (day(earliest) << 32) | day(latest)
}

/// Meetings in date order, ties by id: [`FuzzyDate`](crate::model::FuzzyDate)'s order, which
/// compares bounds it recomputes and then notations it formats, made fast for a million
/// meetings by sorting precomputed day numbers and id prefixes. The order is the same.
/// `in_id_order` says the meetings are stored in id order ([`crate::model::in_id_order`]),
/// so that their positions break ties as their ids would.
pub(super) fn sorted_by_date(data: &Dataset, in_id_order: bool) -> Vec<MeetingIndex> {
    if in_id_order {
        return sorted_by_date_in_id_order(data);
    }
    // Packed day bounds, the date's form, the id's first eight bytes, the meeting.
    let mut keys: Vec<DateKey> = data
        .meetings
        .par_iter()
        .enumerate()
        .map(|(i, m)| {
            (
                packed_day_bounds(&m.date),
                m.date.form(),
                id_prefix(&m.id).0,
                i as u32,
            )
        })
        .collect();
    keys.par_sort_unstable();
    // Within equal bounds the date's own order comes before the id's. Equal bounds and forms
    // mean equal dates, so a run whose forms are all one needs only its ids sharing their first
    // eight bytes compared whole, and only a run whose forms differ (say `2016` and `2016~`)
    // is sorted again in full, reading its dates.
    let meeting = |k: &DateKey| &data.meetings[k.3 as usize];
    let by_id = |a: &DateKey, b: &DateKey| {
        let (a, b) = (meeting(a), meeting(b));
        id_prefix(&a.id)
            .cmp(&id_prefix(&b.id))
            .then_with(|| a.id.cmp(&b.id))
    };
    keys.par_chunk_by_mut(|a, b| a.0 == b.0)
        .filter(|run| run.len() > 1)
        .for_each(|run| {
            if run[0].1 == run[run.len() - 1].1 {
                run.chunk_by_mut(|a, b| a.2 == b.2)
                    .filter(|ids| ids.len() > 1)
                    .for_each(|ids| ids.sort_unstable_by(by_id));
            } else {
                run.sort_unstable_by(|a, b| {
                    meeting(a)
                        .date
                        .cmp(&meeting(b).date)
                        .then_with(|| by_id(a, b))
                });
            }
        });
    keys.into_iter().map(|k| MeetingIndex(k.3)).collect()
}

/// A meeting's key in the general date order: packed day bounds, date form, id prefix,
/// position.
type DateKey = (u64, u8, u64, u32);

/// [`sorted_by_date`] of meetings stored in id order: one number per meeting, its packed day
/// bounds, the form of its date ([`FuzzyDate::form`](crate::model::FuzzyDate)) and its
/// position, sorts them (no id is read, and the numbers take two thirds of the bytes of the
/// general keys). Equal bounds and forms mean equal dates, so only a run of equal bounds whose
/// forms differ (`2016` and `2016~`) is sorted again, by date, then position.
fn sorted_by_date_in_id_order(data: &Dataset) -> Vec<MeetingIndex> {
    let mut keys: Vec<u128> = data
        .meetings
        .par_iter()
        .enumerate()
        .map(|(i, m)| {
            (u128::from(packed_day_bounds(&m.date)) << 64)
                | (u128::from(m.date.form()) << 32)
                | i as u128
        })
        .collect();
    keys.par_sort_unstable();
    let meeting = |k: u128| &data.meetings[k as u32 as usize];
    let form = |k: u128| (k >> 32) as u8;
    keys.par_chunk_by_mut(|a, b| a >> 64 == b >> 64)
        .filter(|run| form(run[0]) != form(run[run.len() - 1]))
        .for_each(|run| {
            run.sort_unstable_by(|&a, &b| {
                meeting(a)
                    .date
                    .cmp(&meeting(b).date)
                    .then((a as u32).cmp(&(b as u32)))
            });
        });
    keys.into_par_iter()
        .map(|k| MeetingIndex(k as u32))
        .collect()
}

/// Meetings in id order, for lookups by binary search: a hash map of a million cloned ids
/// would add about 70 MB to the peak of loading a large data set. An order the records
/// already have (`in_id_order`) is kept without a sort.
pub(super) fn sorted_by_id(data: &Dataset, in_id_order: bool) -> Vec<MeetingIndex> {
    if in_id_order {
        return (0..data.meetings.len() as u32).map(MeetingIndex).collect();
    }
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

/// How a pair incidence packs into one number: the lower actor, the higher actor and the
/// meeting's rank in date order, from the most significant bits down, so that the numbers
/// sort by pair, then date. The fewest bits the data set needs are used, so that a large one
/// packs into a u64 (sorted in half the time of a wider key) and any fits a u128.
#[derive(Debug, Clone, Copy)]
pub(super) struct Packing {
    actor_bits: u32,
    rank_bits: u32,
}

impl Packing {
    /// The packing for this many actors and meetings.
    pub(super) fn new(actor_count: usize, meeting_count: usize) -> Self {
        let bits = |n: usize| usize::BITS - n.saturating_sub(1).leading_zeros();
        Packing {
            actor_bits: bits(actor_count),
            rank_bits: bits(meeting_count),
        }
    }

    /// Whether an incidence fits a u64.
    pub(super) fn fits_u64(self) -> bool {
        2 * self.actor_bits + self.rank_bits <= 64
    }
}

/// A packed pair incidence (see [`Packing`]).
pub(super) trait Incidence: Copy + Ord + Default + Send + Sync {
    /// The incidence of the pair `lo < hi` at the meeting of rank `rank`.
    fn pack(packing: Packing, lo: u32, hi: u32, rank: u32) -> Self;
    /// The pair, as `lo << 32 | hi`.
    fn pair(self, packing: Packing) -> u64;
    /// The meeting's rank in date order.
    fn rank(self, packing: Packing) -> u32;
}

macro_rules! packed_incidence {
    ($t:ty) => {
        impl Incidence for $t {
            fn pack(p: Packing, lo: u32, hi: u32, rank: u32) -> Self {
                ((lo as $t) << (p.actor_bits + p.rank_bits))
                    | ((hi as $t) << p.rank_bits)
                    | rank as $t
            }
            fn pair(self, p: Packing) -> u64 {
                let both = self >> p.rank_bits;
                let hi = both & ((1 << p.actor_bits) - 1);
                (((both >> p.actor_bits) as u64) << 32) | hi as u64
            }
            fn rank(self, p: Packing) -> u32 {
                (self & ((1 << p.rank_bits) - 1)) as u32
            }
        }
    };
}
packed_incidence!(u64);
packed_incidence!(u128);

/// Pair incidences of counted meetings, packed so that one sort groups them by pair and
/// orders each group by date; and each actor's number of records (any status), offset by one.
///
/// Both cores share the work: each takes a run of meetings, counts its participants and
/// writes its incidences into its own part of the list.
pub(super) fn pair_incidences<K: Incidence>(
    data: &Dataset,
    counting: Counting,
    rank: &[u32],
    packing: Packing,
) -> (Vec<K>, Vec<u32>) {
    let parts = rayon::current_num_threads().max(1) * 4;
    let run = data.meetings.len().div_ceil(parts).max(1);
    let pairs_in = |m: &crate::model::Meeting| {
        if counting.counts(m) {
            m.participants.len() * m.participants.len().saturating_sub(1) / 2
        } else {
            0
        }
    };
    let room: Vec<usize> = data
        .meetings
        .par_chunks(run)
        .map(|ms| ms.iter().map(pairs_in).sum())
        .collect();
    let mut incidences = vec![K::default(); room.iter().sum()];
    let mut slices = Vec::with_capacity(room.len());
    let mut rest = incidences.as_mut_slice();
    for &len in &room {
        let (part, tail) = std::mem::take(&mut rest).split_at_mut(len);
        slices.push(part);
        rest = tail;
    }
    let actor_count = data.actors.len();
    let done: Vec<(usize, Vec<u32>)> = data
        .meetings
        .par_chunks(run)
        .zip(slices)
        .enumerate()
        .map(|(part, (meetings, slots))| {
            let mut per_actor = vec![0u32; actor_count + 1];
            let mut at = 0;
            for (k, meeting) in meetings.iter().enumerate() {
                for p in &meeting.participants {
                    per_actor[p.actor.index() + 1] += 1;
                }
                if !counting.counts(meeting) {
                    continue;
                }
                let r = rank[part * run + k];
                for (a, b) in meeting.cross_pairs() {
                    let (lo, hi) = if a < b { (a.0, b.0) } else { (b.0, a.0) };
                    slots[at] = K::pack(packing, lo, hi, r);
                    at += 1;
                }
            }
            (at, per_actor)
        })
        .collect();
    let mut per_actor = vec![0u32; actor_count + 1];
    for (_, counts) in &done {
        per_actor.iter_mut().zip(counts).for_each(|(x, y)| *x += y);
    }
    // Pairs on one side are not incidences, so a part may have room left: close the gaps.
    if done.iter().zip(&room).any(|((used, _), &len)| *used < len) {
        let mut kept = Vec::with_capacity(done.iter().map(|d| d.0).sum());
        let mut offset = 0;
        for ((used, _), &len) in done.iter().zip(&room) {
            kept.extend_from_slice(&incidences[offset..offset + used]);
            offset += len;
        }
        incidences = kept;
    }
    incidences.par_sort_unstable();
    (incidences, per_actor)
}

/// The pair lists and the CSR (see [`build_pairs`]) beside each actor's records (see
/// [`actor_meetings`]), from the meetings' ranks in date order, with incidences packed as `K`.
pub(super) type PairsAndActors = (
    (Vec<u32>, Vec<MeetingIndex>, Adjacency),
    (Vec<u32>, Vec<MeetingIndex>),
);

/// Builds [`PairsAndActors`]: the incidences are found and sorted, then the pair lists and the
/// actors' records are built side by side.
pub(super) fn pairs_and_actors<K: Incidence>(
    data: &Dataset,
    counting: Counting,
    rank: &[u32],
    packing: Packing,
    by_date: &[MeetingIndex],
) -> PairsAndActors {
    let (incidences, per_actor) = pair_incidences::<K>(data, counting, rank, packing);
    let actor_count = data.actors.len();
    rayon::join(
        move || build_pairs(actor_count, incidences, packing, by_date),
        || actor_meetings(data, per_actor, rank, by_date),
    )
}

/// The flat pair-meeting list and, per pair in pair order, where its meetings begin in it (one
/// more entry at the end); and the CSR adjacency, from sorted incidences.
pub(super) fn build_pairs<K: Incidence>(
    actor_count: usize,
    incidences: Vec<K>,
    packing: Packing,
    by_date: &[MeetingIndex],
) -> (Vec<u32>, Vec<MeetingIndex>, Adjacency) {
    let run = incidences
        .len()
        .div_ceil(rayon::current_num_threads().max(1) * 4)
        .max(1);
    // Each core lists where the pairs of its run of incidences begin, into a list of its own.
    let starts: Vec<Vec<u32>> = incidences
        .par_chunks(run)
        .enumerate()
        .map(|(r, chunk)| {
            let mut starts = Vec::with_capacity(chunk.len());
            let mut last = match r {
                0 => None,
                _ => Some(incidences[r * run - 1].pair(packing)),
            };
            for (i, incidence) in chunk.iter().enumerate() {
                let pair = Some(incidence.pair(packing));
                if pair != last {
                    starts.push((r * run + i) as u32);
                    last = pair;
                }
            }
            starts
        })
        .collect();
    let mut pair_starts = Vec::with_capacity(starts.iter().map(Vec::len).sum::<usize>() + 1);
    for part in starts {
        pair_starts.extend_from_slice(&part);
    }
    pair_starts.push(incidences.len() as u32);
    let (pair_meetings, adjacency) = rayon::join(
        || {
            incidences
                .par_iter()
                .map(|i| by_date[i.rank(packing) as usize])
                .collect::<Vec<_>>()
        },
        || {
            let pair = |p: usize| {
                let key = incidences[pair_starts[p] as usize].pair(packing);
                let meetings = pair_starts[p + 1] - pair_starts[p];
                ((key >> 32) as u32, key as u32, meetings)
            };
            Adjacency::from_sorted_unique_pairs(actor_count, pair_starts.len() - 1, pair)
        },
    );
    (pair_starts, pair_meetings, adjacency)
}

/// The petgraph structure of a graph's pairs: node *i* is actor *i*, edge *e* the *e*-th pair
/// in pair order, weighted by its range of the pair-meeting list.
pub(super) fn petgraph_of(
    adjacency: &Adjacency,
    pair_starts: &[u32],
) -> UnGraph<ActorIndex, PairMeetings, u32> {
    let actor_count = adjacency.node_count();
    let mut graph = UnGraph::with_capacity(actor_count, pair_starts.len().saturating_sub(1));
    for i in 0..actor_count {
        graph.add_node(ActorIndex(i as u32));
    }
    let mut edge = 0;
    for a in 0..actor_count as u32 {
        for &b in adjacency.neighbors(a).iter().filter(|&&b| b > a) {
            let (start, end) = (pair_starts[edge], pair_starts[edge + 1]);
            graph.add_edge(
                NodeIndex::new(a as usize),
                NodeIndex::new(b as usize),
                PairMeetings {
                    start,
                    len: end - start,
                },
            );
            edge += 1;
        }
    }
    graph
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::day_number;
    use crate::model::{FuzzyDate, Meeting};

    /// Meetings whose dates share bounds in different notations and whose ids share their
    /// first eight bytes, in a scrambled order.
    fn scrambled() -> Dataset {
        let dates = [
            "2016",
            "2016?",
            "2016~",
            "2016-01..2016-12",
            "2016-06",
            "2016-06-10",
            "2016-06-10~",
            "..2016-06-10",
            "2016-06-10..",
            "2015..2017",
            "1950-01-01",
            "2016-06-10..2016-06-30",
        ];
        let ids = [
            "meeting-0000-a",
            "meeting-0000-b",
            "meeting-0001",
            "m1",
            "m10",
            "m2",
        ];
        let mut data = Dataset::default();
        let mut seed = 7u64;
        for i in 0..600 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let mut meeting = Meeting::unfilled();
            meeting.id = format!("{}-{:03}", ids[(seed >> 33) as usize % ids.len()], 599 - i);
            meeting.date = dates[(seed >> 45) as usize % dates.len()]
                .parse::<FuzzyDate>()
                .expect("a valid date");
            data.meetings.push(meeting);
        }
        data
    }

    #[test]
    fn incidences_pack_into_either_width_alike() {
        for packing in [
            Packing::new(100_000, 1_000_000),
            Packing::new(1, 1),
            Packing::new(7, 3),
        ] {
            let n = 1u32 << packing.actor_bits.min(17);
            let cases = [(0, n - 1, 0), (1, n - 1, 2), (n / 2, n - 1, 1)];
            for (lo, hi, rank) in cases {
                let rank = rank & ((1 << packing.rank_bits) - 1);
                let (narrow, wide) = (
                    u64::pack(packing, lo, hi, rank),
                    u128::pack(packing, lo, hi, rank),
                );
                assert_eq!(narrow.pair(packing), ((lo as u64) << 32) | hi as u64);
                assert_eq!(wide.pair(packing), narrow.pair(packing));
                assert_eq!((narrow.rank(packing), wide.rank(packing)), (rank, rank));
            }
        }
        assert!(Packing::new(100_000, 1_000_000).fits_u64());
        assert!(!Packing::new(1 << 30, 1 << 20).fits_u64());
    }

    #[test]
    fn both_widths_build_the_same_pairs() {
        let data = crate::store::load_dataset(&crate::store::DataLocation::Embedded)
            .expect("the bundled data loads");
        let by_date = sorted_by_date(&data, crate::model::in_id_order(&data.meetings));
        let mut rank = vec![0u32; data.meetings.len()];
        for (r, m) in by_date.iter().enumerate() {
            rank[m.index()] = r as u32;
        }
        let packing = Packing::new(data.actors.len(), data.meetings.len());
        let counting = Counting::default();
        let narrow = pairs_and_actors::<u64>(&data, counting, &rank, packing, &by_date);
        let wide = pairs_and_actors::<u128>(&data, counting, &rank, packing, &by_date);
        assert!(!narrow.0 .1.is_empty());
        assert_eq!(narrow, wide);
    }

    #[test]
    fn date_and_id_orders_are_those_of_a_plain_sort() {
        let data = scrambled();
        let mut expected: Vec<u32> = (0..data.meetings.len() as u32).collect();
        let meeting = |i: &u32| &data.meetings[*i as usize];
        expected.sort_by(|a, b| {
            let (a, b) = (meeting(a), meeting(b));
            (day_number(a.date.earliest()), day_number(a.date.latest()))
                .cmp(&(day_number(b.date.earliest()), day_number(b.date.latest())))
                .then_with(|| a.date.cmp(&b.date))
                .then_with(|| a.id.cmp(&b.id))
        });
        assert!(!crate::model::in_id_order(&data.meetings));
        let got: Vec<u32> = sorted_by_date(&data, false).iter().map(|m| m.0).collect();
        assert_eq!(got, expected);

        expected.sort_by(|a, b| meeting(a).id.cmp(&meeting(b).id));
        let got: Vec<u32> = sorted_by_id(&data, false).iter().map(|m| m.0).collect();
        assert_eq!(got, expected);
        // Already in id order: the id order kept as it is, the date order by positions.
        let mut sorted = data.clone();
        sorted.meetings.sort_by(|a, b| a.id.cmp(&b.id));
        assert!(crate::model::in_id_order(&sorted.meetings));
        let got: Vec<u32> = sorted_by_id(&sorted, true).iter().map(|m| m.0).collect();
        assert_eq!(got, (0..sorted.meetings.len() as u32).collect::<Vec<_>>());
        assert_eq!(
            sorted_by_date(&sorted, true),
            sorted_by_date(&sorted, false)
        );
    }
}
