//! Time-respecting chains: who could have heard from whom through meetings taken in date
//! order, with partial dates handled as ranges.
//!
//! A meeting dated by a range `[earliest, latest]` may sit anywhere in it. A chain is
//! *possible* when days can be picked in each hop's range that never go backwards, and
//! *certain* when every hop's range ends no later than the next one's begins.
//!
//! Earliest arrival is computed by hop rounds (`rounds`) for whole-network reach, by one
//! scan of the meetings in date order (`scan`) for point queries, and by a label search
//! (`labels`) when waits are bounded; their common
//! answer is in `arrivals`, and the reported journey and reach tables in `report`. The other
//! criteria of a point query (fastest, latest departure, fewest hops; [`Criterion`]) are in
//! `criteria`, `fastest`, `latest` and `hops`, and the temporal closeness and betweenness of
//! every actor in `centrality`.

mod arrivals;
mod centrality;
mod criteria;
mod fastest;
mod hops;
mod labels;
mod latest;
mod report;
mod rounds;
mod scan;

use jiff::civil::Date;

use crate::graph::{day_number, MeetingGraph};
use crate::model::{ActorIndex, MeetingIndex};

pub use crate::query::constraints::ActorConstraints;
pub use arrivals::{chain_is_certain, Arrivals};
pub use centrality::{temporal_betweenness, temporal_betweenness_from_sources, temporal_closeness};
pub use criteria::{chain_by, chain_timing, ChainTiming, Criterion};
pub use labels::earliest_arrivals;
pub use report::{
    chain_report, reach, time_ordered_report, JourneyRow, ReachReport, ReachedRow, TimedHopRow,
    TimedReport,
};

/// Whether a chain must be ordered whatever the true dates ([`Certainty::Certain`]: every
/// hop's range ends no later than the next hop's begins), or only could be.
pub use crate::model::Certainty;

/// Constraints on time-ordered chains.
#[derive(Debug, Clone, Default)]
pub struct TemporalOptions {
    /// The word starts on this day (the first meeting may be no earlier).
    pub from: Option<Date>,
    /// Meetings after this day are not used.
    pub to: Option<Date>,
    /// The longest wait, in days, between arriving at an actor and the next meeting.
    pub max_gap: Option<i32>,
    /// Possible or certain ordering.
    pub certainty: Certainty,
    /// Actors avoided, and the kind intermediates must be.
    pub actors: ActorConstraints,
}

impl TemporalOptions {
    /// The window as day numbers, `i32::MIN` and `i32::MAX` for open ends.
    pub(super) fn window_days(&self) -> (i32, i32) {
        (
            self.from.map_or(i32::MIN, day_number),
            self.to.map_or(i32::MAX, day_number),
        )
    }
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

/// What both searches consult: the meetings' day bounds, the options as day numbers, and who
/// may pass the word on.
struct Search<'a> {
    graph: &'a MeetingGraph,
    bounds: &'a [(i32, i32)],
    options: &'a TemporalOptions,
    /// `options.from` as a day number (`i32::MIN` when open).
    from_day: i32,
    /// `options.to` as a day number (`i32::MAX` when open).
    to_day: i32,
    blocked: Vec<bool>,
    target: Option<ActorIndex>,
}

impl<'a> Search<'a> {
    /// The search for `options`; `target`, when given, is exempt from the constraints.
    fn new(
        graph: &'a MeetingGraph,
        options: &'a TemporalOptions,
        target: Option<ActorIndex>,
    ) -> Self {
        Search {
            graph,
            bounds: graph.day_bounds(),
            options,
            from_day: options.window_days().0,
            to_day: options.window_days().1,
            blocked: options.actors.blocked(graph),
            target,
        }
    }

    /// The day the other participants hear, if meeting `m` can follow an arrival on day `t`.
    ///
    /// Possible: the meeting is placed on the first day of its range no earlier than the
    /// arrival and the start. Certain: its whole range must lie after the arrival, and the
    /// word has surely passed only on its last day. The gap is counted between those days.
    fn traverse(&self, t: i32, m: MeetingIndex, from_source: bool) -> Option<i32> {
        let (early, late) = self.bounds[m.index()];
        let (ok, arrival) = match self.options.certainty {
            Certainty::Possible => {
                let day = t.max(early).max(self.from_day);
                (day <= late && day <= self.to_day, day)
            }
            Certainty::Certain => (
                early >= t && early >= self.from_day && late <= self.to_day,
                late,
            ),
        };
        let waited = i64::from(arrival) - i64::from(t);
        let in_gap = from_source
            || self
                .options
                .max_gap
                .is_none_or(|gap| waited <= i64::from(gap));
        (ok && in_gap).then_some(arrival)
    }

    /// The days on which the other participants of meeting `m` may hear, for a possible chain
    /// whose sender heard on some day of `heard` and may wait at most `max_gap` days (any
    /// time, from the source): the meeting's range, no earlier than the sender heard and no
    /// later than the wait allows, inside the window. Every day of the result can be reached
    /// by some choice of the chain's days, so spans carried hop to hop lose no chain and
    /// invent none.
    fn traverse_span(
        &self,
        heard: (i32, i32),
        m: MeetingIndex,
        from_source: bool,
    ) -> Option<(i32, i32)> {
        let (early, late) = self.bounds[m.index()];
        let first = heard.0.max(early).max(self.from_day);
        let waited_until = match self.options.max_gap {
            Some(gap) if !from_source => i64::from(heard.1) + i64::from(gap),
            _ => i64::MAX,
        };
        let last = i64::from(late.min(self.to_day)).min(waited_until);
        (i64::from(first) <= last).then_some((first, last as i32))
    }

    /// True when `v` may receive and pass on the word: the target always may.
    #[inline]
    fn may_pass(&self, v: ActorIndex) -> bool {
        if self.target == Some(v) {
            return true;
        }
        !self.blocked[v.index()] && self.options.actors.kind_allows(self.graph.actor(v).kind)
    }
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
