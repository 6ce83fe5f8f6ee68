//! Which time-ordered chain a point query picks ([`Criterion`]), and the days, departure,
//! arrival and span of a chain as that criterion places them ([`chain_timing`]).
//!
//! A *possible* chain of ranges `[a_i, b_i]` inside the window `[from, to]` can start no later
//! than `D = min(to, b_1, …, b_k)` (every later hop must still fit after the first) and end no
//! earlier than `E = max(from, a_1, …, a_k)`; no choice of days takes fewer than
//! `max(0, E − D)` days. A *certain* chain starts on its first range's earliest day and has
//! surely ended on its last range's latest day.

use jiff::civil::Date;

use super::{chain_is_certain, Certainty, Journey, TemporalOptions, TimedHop};
use crate::graph::{date_of_day, MeetingGraph, OPEN_END_DAY, OPEN_START_DAY};
use crate::model::ActorIndex;
use crate::Error;

/// Which of the time-ordered chains between two actors to report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Criterion {
    /// The earliest arrival, ties by fewer hops.
    #[default]
    EarliestArrival,
    /// The shortest span from the first meeting to the last, ties by earlier arrival, then
    /// fewer hops.
    Fastest,
    /// The latest first meeting that still arrives by the end of the window, ties by earlier
    /// arrival, then fewer hops.
    LatestDeparture,
    /// The fewest meetings, ties by earlier arrival.
    FewestHops,
}

impl Criterion {
    /// The name used in output (`earliest-arrival`, `fastest`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Criterion::EarliestArrival => "earliest-arrival",
            Criterion::Fastest => "fastest",
            Criterion::LatestDeparture => "latest-departure",
            Criterion::FewestHops => "fewest-hops",
        }
    }
}

/// When a chain starts and ends, as its criterion places its days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChainTiming {
    /// The day of the first meeting.
    pub departure: Date,
    /// The day the target has heard.
    pub arrival: Date,
    /// Days from departure to arrival (`None` when either is open).
    pub span_days: Option<i64>,
}

/// The time-ordered chain from `from` to `to` that is best by `criterion`, with each hop's
/// day placed as [`chain_timing`] describes; `None` when no chain exists.
///
/// Only the earliest arrival supports `max_gap` (a usage error otherwise): a bounded wait
/// breaks the dominance between labels that the other searches rely on.
///
/// ```
/// use whomet::query::temporal::{chain_by, Criterion, TemporalOptions};
/// use whomet::store::{load, DataLocation};
/// let graph = load(&DataLocation::Embedded)?;
/// let xi = graph.actor_by_id("xi-jinping").unwrap();
/// let kim = graph.actor_by_id("kim-jong-un").unwrap();
/// let options = TemporalOptions::default();
/// let fastest = chain_by(&graph, xi, kim, &options, Criterion::Fastest)?.expect("a chain");
/// assert_eq!(fastest.actors.first(), Some(&xi));
/// # Ok::<(), whomet::Error>(())
/// ```
pub fn chain_by(
    graph: &MeetingGraph,
    from: ActorIndex,
    to: ActorIndex,
    options: &TemporalOptions,
    criterion: Criterion,
) -> Result<Option<Journey>, Error> {
    if options.max_gap.is_some() && criterion != Criterion::EarliestArrival {
        return Err(Error::Usage(format!(
            "--max-gap works only with the earliest arrival, not with --{}",
            criterion.as_str()
        )));
    }
    if from == to {
        return Ok(super::time_ordered_path(graph, from, to, options));
    }
    let hops = match criterion {
        Criterion::EarliestArrival => {
            return Ok(super::time_ordered_path(graph, from, to, options))
        }
        Criterion::Fastest => super::fastest::fastest_hops(graph, from, to, options),
        Criterion::LatestDeparture => {
            super::latest::latest_departure_hops(graph, from, to, options)
        }
        Criterion::FewestHops => super::hops::fewest_hops(graph, from, to, options),
    };
    Ok(hops.map(|hops| journey_of(graph, from, hops, options, criterion)))
}

/// The journey of `hops` from `source`, its days placed for `criterion`.
fn journey_of(
    graph: &MeetingGraph,
    source: ActorIndex,
    mut hops: Vec<TimedHop>,
    options: &TemporalOptions,
    criterion: Criterion,
) -> Journey {
    let days = placed_days(graph, &hops, options, criterion);
    for (hop, day) in hops.iter_mut().zip(days) {
        hop.arrival = date_of_day(day);
    }
    let (from_day, to_day) = options.window_days();
    let certain = chain_is_certain(graph, &hops, from_day, to_day);
    let mut actors = vec![source];
    actors.extend(hops.iter().map(|h| h.to));
    Journey {
        actors,
        hops,
        certain,
    }
}

/// Each hop's day as a day number. Certain: the day the word has surely passed (its range's
/// end). Possible: as early as the ranges allow from the window's start (earliest arrival,
/// fewest hops); from the latest start `D` on (latest departure); from `min(D, E)` on
/// (fastest, so that the chain takes its least span and still arrives at `E`).
fn placed_days(
    graph: &MeetingGraph,
    hops: &[TimedHop],
    options: &TemporalOptions,
    criterion: Criterion,
) -> Vec<i32> {
    let (from_day, to_day) = options.window_days();
    let bounds = graph.day_bounds();
    let ranges: Vec<(i32, i32)> = hops.iter().map(|h| bounds[h.meeting.index()]).collect();
    if options.certainty == Certainty::Certain {
        return ranges.iter().map(|&(_, late)| late).collect();
    }
    let latest_start = ranges.iter().fold(to_day, |d, &(_, late)| d.min(late));
    let earliest_end = ranges.iter().fold(from_day, |e, &(early, _)| e.max(early));
    let start = match criterion {
        Criterion::EarliestArrival | Criterion::FewestHops => from_day,
        Criterion::LatestDeparture => latest_start,
        Criterion::Fastest => latest_start.min(earliest_end),
    };
    let mut day = start.max(from_day);
    ranges
        .iter()
        .map(|&(early, _)| {
            day = day.max(early);
            day
        })
        .collect()
}

/// Departure, arrival and span of `journey` as found with `options` and `criterion`.
///
/// Certain: from the first range's earliest day to the last range's latest day. Possible: the
/// days [`chain_by`] placed, so the fastest chain's span is its least possible
/// `max(0, E − D)` (see the module docs) and the latest departure starts on `D`.
pub fn chain_timing(
    graph: &MeetingGraph,
    journey: &Journey,
    options: &TemporalOptions,
    criterion: Criterion,
) -> Option<ChainTiming> {
    let first = journey.hops.first()?;
    let last = journey.hops.last()?;
    let departure = match options.certainty {
        Certainty::Certain => graph.day_bounds()[first.meeting.index()].0,
        Certainty::Possible => placed_days(graph, &journey.hops, options, criterion)[0],
    };
    let arrival = crate::graph::day_number(last.arrival);
    let open = |d: i32| !(OPEN_START_DAY < d && d < OPEN_END_DAY);
    Some(ChainTiming {
        departure: date_of_day(departure),
        arrival: last.arrival,
        // Two days placed on one open bound are one placement: the chain takes no time.
        span_days: (departure == arrival || !open(departure) && !open(arrival))
            .then(|| i64::from(arrival) - i64::from(departure)),
    })
}
