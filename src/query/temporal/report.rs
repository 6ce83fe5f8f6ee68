//! Time-ordered answers as reported: the journey table of a chain ([`JourneyRow`]) and
//! everyone reached ([`reach`]).

use serde::Serialize;

use super::{
    chain_by, chain_timing, earliest_arrivals, Arrivals, Certainty, Criterion, Journey,
    TemporalOptions,
};
use crate::graph::MeetingGraph;
use crate::model::ActorIndex;
use crate::query::contacts::first_citation;
use crate::query::listing::bound;

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
    /// Earliest day the meeting may have been (`null` when open).
    pub earliest: Option<String>,
    /// Latest day the meeting may have been (`null` when open).
    pub latest: Option<String>,
    /// Day from which `to` has heard (`null` when open).
    pub arrival: Option<String>,
    /// Meeting place, if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// First citation.
    pub source: String,
    /// Held meetings of the pair in the window, as for a static hop.
    pub meetings: usize,
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
    /// Day the target is reached (`null` when open).
    pub arrival: Option<String>,
    /// Day of the first meeting, as the criterion places it (fastest and latest departure
    /// only; `null` when open).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub departure: Option<Option<String>>,
    /// Days from departure to arrival (fastest and latest departure only; `null` when open).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span_days: Option<Option<i64>>,
}

/// An open day of a meeting as a table shows it: the meeting's known bound in the data's
/// notation, `..2016-06-01` (on or before) for an open start, `2016-06-10..` (on or after)
/// for an open end.
fn open_day_text(earliest: Option<&str>, latest: Option<&str>) -> String {
    match (earliest, latest) {
        (None, Some(latest)) => format!("..{latest}"),
        (Some(earliest), _) => format!("{earliest}.."),
        (None, None) => "an open date".to_string(),
    }
}

impl TimedHopRow {
    /// The arrival as a table shows it: the day, or when open the meeting's known bound.
    pub fn arrival_text(&self) -> String {
        self.arrival
            .clone()
            .unwrap_or_else(|| open_day_text(self.earliest.as_deref(), self.latest.as_deref()))
    }
}

impl JourneyRow {
    /// The arrival as a table shows it (see [`TimedHopRow::arrival_text`]).
    pub fn arrival_text(&self) -> String {
        self.hops
            .last()
            .map_or_else(String::new, TimedHopRow::arrival_text)
    }

    /// The departure as a table shows it, when the criterion gives one: the day, or when
    /// open the first meeting's known bound.
    pub fn departure_text(&self) -> Option<String> {
        let departure = self.departure.as_ref()?;
        let first = self.hops.first()?;
        Some(
            departure.clone().unwrap_or_else(|| {
                open_day_text(first.earliest.as_deref(), first.latest.as_deref())
            }),
        )
    }

    /// The row for one chain found with `options`.
    pub fn new(graph: &MeetingGraph, journey: &Journey, options: &TemporalOptions) -> Self {
        let window = crate::graph::MeetingFilter {
            from: options.from,
            to: options.to,
            ..Default::default()
        };
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
                        meetings: graph.between(h.from, h.to, &window).len(),
                    }
                })
                .collect(),
            order: if journey.certain {
                "certain"
            } else {
                "possible"
            },
            arrival: journey.hops.last().and_then(|h| bound(h.arrival)),
            departure: None,
            span_days: None,
        }
    }

    /// The row for one chain found with `options` by `criterion`: the fastest chain and the
    /// latest departure also give their departure and span.
    pub fn with_timing(
        graph: &MeetingGraph,
        journey: &Journey,
        options: &TemporalOptions,
        criterion: Criterion,
    ) -> Self {
        let mut row = JourneyRow::new(graph, journey, options);
        if matches!(criterion, Criterion::Fastest | Criterion::LatestDeparture) {
            if let Some(timing) = chain_timing(graph, journey, options, criterion) {
                row.departure = Some(bound(timing.departure));
                row.span_days = Some(timing.span_days);
            }
        }
        row
    }
}

/// One actor reached (JSON: `{"actor","earliest","hops"}` plus extras).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ReachedRow {
    /// Actor id.
    pub actor: String,
    /// Name.
    pub name: String,
    /// Earliest day they could have heard (`null` when open).
    pub earliest: Option<String>,
    /// Hops on that chain.
    pub hops: u32,
    /// The meeting of the last hop.
    pub via: String,
    /// `earliest` as a table shows it: the day, or when open the last meeting's known bound
    /// (`..2016-06-01`, `2016-06-10..`).
    #[serde(skip)]
    pub earliest_text: String,
}

/// Everyone reached from an actor (JSON: `{"actor","from","reached":[…]}`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ReachReport {
    /// Source actor id.
    pub actor: String,
    /// Start day (`null` when unbounded).
    pub from: Option<String>,
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
        .map(|(a, day, hops)| {
            let last = arrivals.last_meeting(a).map(|m| graph.meeting(m));
            let earliest = bound(day);
            let earliest_text = match (&earliest, last) {
                (Some(day), _) => day.clone(),
                (None, Some(meeting)) => open_day_text(
                    bound(meeting.date.earliest()).as_deref(),
                    bound(meeting.date.latest()).as_deref(),
                ),
                (None, None) => String::new(),
            };
            ReachedRow {
                actor: graph.actor(a).id.clone(),
                name: graph.actor(a).name.clone(),
                earliest,
                hops,
                via: last.map(|m| m.id.clone()).unwrap_or_default(),
                earliest_text,
            }
        })
        .collect();
    let report = ReachReport {
        actor: graph.actor(source).id.clone(),
        from: options.from.and_then(bound),
        order: match options.certainty {
            Certainty::Possible => "possible",
            Certainty::Certain => "certain",
        },
        reached,
    };
    (report, arrivals)
}

/// A time-ordered path query as reported (JSON: `{"from","to","found","in_time_order",
/// "order","criterion","paths":[JourneyRow],"notes"}`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TimedReport {
    /// Start actor id.
    pub from: String,
    /// End actor id.
    pub to: String,
    /// Whether a chain was found.
    pub found: bool,
    /// Always true: tells this shape from the static path report.
    pub in_time_order: bool,
    /// `certain` or `possible`, as asked.
    pub order: &'static str,
    /// Which chain was picked: `earliest-arrival`, `fastest`, `latest-departure` or
    /// `fewest-hops`.
    pub criterion: &'static str,
    /// The chain, if found.
    pub paths: Vec<JourneyRow>,
    /// Why nothing was found, and what exists instead.
    pub notes: Vec<String>,
}

/// The earliest-arriving time-ordered chain from `from` to `to`, reported with its hops, or
/// the reasons there is none: whether a static path exists whose meetings cannot be taken in
/// time order, or what keeps even a static path from existing (`path` gives the static
/// search's filters for that explanation).
pub fn time_ordered_report(
    graph: &MeetingGraph,
    from: ActorIndex,
    to: ActorIndex,
    path: &crate::query::path::PathOptions,
    options: &TemporalOptions,
) -> TimedReport {
    let journey = super::time_ordered_path(graph, from, to, options);
    timed_report(
        graph,
        from,
        to,
        path,
        options,
        Criterion::EarliestArrival,
        journey,
    )
}

/// The time-ordered chain from `from` to `to` best by `criterion` ([`chain_by`]), reported
/// as [`time_ordered_report`] reports the earliest arrival; a usage error for `max_gap` with
/// any other criterion.
pub fn chain_report(
    graph: &MeetingGraph,
    from: ActorIndex,
    to: ActorIndex,
    path: &crate::query::path::PathOptions,
    options: &TemporalOptions,
    criterion: Criterion,
) -> Result<TimedReport, crate::Error> {
    let journey = chain_by(graph, from, to, options, criterion)?;
    Ok(timed_report(
        graph, from, to, path, options, criterion, journey,
    ))
}

/// With a bounded wait, the hops and arrival of the earliest chain the search finds without
/// the bound: a miss may only need longer waits.
fn longer_waits_chain(
    graph: &MeetingGraph,
    from: ActorIndex,
    to: ActorIndex,
    options: &TemporalOptions,
) -> Option<(usize, jiff::civil::Date)> {
    options.max_gap?;
    let unbounded = TemporalOptions {
        max_gap: None,
        ..options.clone()
    };
    let chain = super::time_ordered_path(graph, from, to, &unbounded)?;
    Some((chain.hops.len(), chain.hops.last()?.arrival))
}

/// The report of `journey` (or of why there is none).
fn timed_report(
    graph: &MeetingGraph,
    from: ActorIndex,
    to: ActorIndex,
    path: &crate::query::path::PathOptions,
    options: &TemporalOptions,
    criterion: Criterion,
    journey: Option<Journey>,
) -> TimedReport {
    let mut notes = Vec::new();
    if journey.is_none() {
        notes.push(format!(
            "no time-ordered chain of held meetings links {} to {} under these conditions",
            graph.actor(from).id,
            graph.actor(to).id
        ));
        match crate::query::path::shortest_path(graph, from, to, path) {
            Some(p) => notes.push(match longer_waits_chain(graph, from, to, options) {
                Some((hops, arrival)) => format!(
                    "with no bound on the waits, a time-ordered chain of {hops} hop(s) arrives {}",
                    bound(arrival).map_or("on a day not known".to_string(), |d| format!("on {d}"))
                ),
                None => format!(
                    "a static path of {} hop(s) exists, but its meetings cannot be taken in time order",
                    p.hops.len()
                ),
            }),
            None => notes.extend(
                crate::query::path::explain_miss(graph, from, to, path)
                    .into_iter()
                    .skip(1),
            ),
        }
    }
    TimedReport {
        from: graph.actor(from).id.clone(),
        to: graph.actor(to).id.clone(),
        found: journey.is_some(),
        in_time_order: true,
        order: options.certainty.as_str(),
        criterion: criterion.as_str(),
        paths: journey
            .iter()
            .map(|j| JourneyRow::with_timing(graph, j, options, criterion))
            .collect(),
        notes,
    }
}
