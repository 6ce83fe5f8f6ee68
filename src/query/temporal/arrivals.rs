//! The answer of both arrival searches ([`Arrivals`]): each actor's earliest label, the chain
//! behind it, and whether that chain is certain.

use jiff::civil::Date;

use super::{Journey, TimedHop};
use crate::graph::{date_of_day, day_number, MeetingGraph};
use crate::model::{ActorIndex, MeetingIndex};

/// One way of reaching an actor: the day, the hops, and the label it came from.
#[derive(Debug, Clone, Copy)]
pub(super) struct Label {
    /// Day number of the arrival.
    pub(super) day: i32,
    /// Meetings on the chain.
    pub(super) hops: u32,
    /// The actor reached.
    pub(super) actor: u32,
    /// Index of the previous label, `u32::MAX` for the source.
    pub(super) previous: u32,
    /// The meeting of the last hop.
    pub(super) meeting: MeetingIndex,
}

impl Label {
    /// The label of the source on day `day`.
    pub(super) fn source(day: i32, source: ActorIndex) -> Self {
        Label {
            day,
            hops: 0,
            actor: source.0,
            previous: u32::MAX,
            meeting: MeetingIndex(u32::MAX),
        }
    }
}

/// Earliest arrival at every actor from one source.
#[derive(Debug, Clone)]
pub struct Arrivals {
    /// The actor the word starts from.
    pub(super) source: ActorIndex,
    /// The window's first day number.
    pub(super) from_day: i32,
    /// The window's last day number.
    pub(super) to_day: i32,
    /// Every label kept, the source's first.
    pub(super) labels: Vec<Label>,
    /// Per actor: its earliest label (ties by fewer hops), `u32::MAX` when unreached.
    pub(super) best: Vec<u32>,
    /// With a bounded wait on a possible chain, the longest wait: a label's day is then the
    /// earliest its actor can have heard, and a journey moves each hop but the last as late
    /// as the next one needs (see [`Arrivals::journey`]).
    pub(super) placed_back_within: Option<i32>,
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
        if let Some(gap) = self.placed_back_within {
            // Each label holds the earliest day its hop can take given the hops before it, and
            // the search kept only chains whose hops can be days apart by at most `gap`: so a
            // hop placed on max(its earliest, the next hop's day - gap) lies in its meeting's
            // range and before the next hop.
            let mut next: Option<i32> = None;
            for hop in hops.iter_mut().rev() {
                let earliest = day_number(hop.arrival);
                let day = next.map_or(earliest, |n| {
                    earliest.max(i32::try_from(i64::from(n) - i64::from(gap)).unwrap_or(earliest))
                });
                hop.arrival = date_of_day(day);
                next = Some(day);
            }
        }
        let mut actors = vec![self.source];
        actors.extend(hops.iter().map(|h| h.to));
        let certain = chain_is_certain(graph, &hops, self.from_day, self.to_day);
        Some(Journey {
            actors,
            hops,
            certain,
        })
    }
}

/// True when each hop's date range ends no later than the next begins, the first begins no
/// earlier than `from`, and every hop surely ends by `to` (day numbers).
pub fn chain_is_certain(graph: &MeetingGraph, hops: &[TimedHop], from: i32, to: i32) -> bool {
    let bounds = graph.day_bounds();
    let mut previous_end = from;
    for hop in hops {
        let (early, late) = bounds[hop.meeting.index()];
        if early < previous_end || late > to {
            return false;
        }
        previous_end = late;
    }
    true
}

/// The best sender of a meeting by some key (ties by actor index) and the best on another
/// side than it, so that each participant hears from someone across the table.
#[derive(Debug, Clone, Copy)]
pub(super) struct Senders<K> {
    /// (key, sender, side) of the best sender.
    first: Option<(K, u32, u32)>,
    /// The same for the best sender not on `first`'s side.
    second: Option<(K, u32, u32)>,
}

impl<K: Ord + Copy> Senders<K> {
    /// The senders among `(key, actor, side)` candidates (only those who may pass the word).
    #[inline]
    pub(super) fn of(candidates: impl Iterator<Item = (K, u32, u32)>) -> Self {
        let mut senders = Senders {
            first: None,
            second: None,
        };
        for (key, w, side) in candidates {
            match senders.first {
                Some((k, f, s)) if (key, w) >= (k, f) => {
                    let beats_second = senders.second.is_none_or(|(k2, s2, _)| (key, w) < (k2, s2));
                    if side != s && beats_second {
                        senders.second = Some((key, w, side));
                    }
                }
                old => {
                    if old.is_some_and(|(_, _, s)| s != side) {
                        senders.second = old;
                    }
                    senders.first = Some((key, w, side));
                }
            }
        }
        senders
    }

    /// True when nobody can pass the word on.
    #[inline]
    pub(super) fn is_empty(&self) -> bool {
        self.first.is_none()
    }

    /// (key, sender) of the best sender not on `side`.
    #[inline]
    pub(super) fn across(&self, side: u32) -> Option<(K, u32)> {
        let first = self.first?;
        let pick = if first.2 == side { self.second? } else { first };
        Some((pick.0, pick.1))
    }
}
