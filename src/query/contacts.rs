//! Who an actor met (`met`), an actor's meetings in order (`timeline`), and the meetings of a
//! pair (`between`).

use std::collections::HashMap;

use serde::Serialize;

use crate::graph::{MeetingFilter, MeetingGraph};
use crate::model::{ActorIndex, Certainty, MeetingIndex, Status};
use crate::query::listing::{CitationRow, MeetingRow};

/// How `met` orders counterparts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ContactOrder {
    /// Most meetings first, then most recent, then id.
    #[default]
    Frequent,
    /// Most recent meeting first (by latest possible day), then most meetings, then id.
    Recent,
    /// By counterpart id.
    Id,
}

/// One meeting as cited in a contact list.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MeetingRef {
    /// Meeting id.
    pub id: String,
    /// Date in the data's notation.
    pub date: String,
    /// Status; anything but `held` did not count as meeting.
    pub status: Status,
    /// With a date window: `certain` or `possible` (the date range only overlaps it).
    pub inside: Option<Certainty>,
}

/// One counterpart of an actor.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Contact {
    /// Counterpart id.
    pub actor: String,
    /// Counterpart name.
    pub name: String,
    /// Their meetings together, in date order.
    pub meetings: Vec<MeetingRef>,
    /// Number of held meetings among them.
    #[serde(skip)]
    pub held: usize,
}

/// Everyone an actor met (JSON: `{"actor": id, "met": [{"actor","name","meetings":[{"id","date","status"}]}]}`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MetReport {
    /// The actor asked about.
    pub actor: String,
    /// Counterparts in the requested order.
    pub met: Vec<Contact>,
    /// The order used.
    pub order: &'static str,
}

/// Lists everyone `actor` met across the sides of a record passing `filter`, in `order`:
/// not those on the actor's own side, nor anyone at a presence, nor a visited state unless
/// the graph counts visits.
///
/// Complexity: O(M·p) for the actor's M meetings of up to p participants.
pub fn met(
    graph: &MeetingGraph,
    actor: ActorIndex,
    filter: &MeetingFilter,
    order: ContactOrder,
) -> MetReport {
    let mut by_actor: HashMap<ActorIndex, Vec<MeetingIndex>> = HashMap::new();
    for &m in graph.meetings_of(actor) {
        let meeting = graph.meeting(m);
        if !graph.passes(filter, meeting) {
            continue;
        }
        for other in meeting.counterparts(actor) {
            by_actor.entry(other).or_default().push(m);
        }
    }
    let mut contacts: Vec<(Contact, jiff::civil::Date)> = by_actor
        .into_iter()
        .map(|(other, meetings)| {
            let last = meetings
                .iter()
                .map(|&m| graph.meeting(m).date.latest())
                .max()
                .unwrap_or(jiff::civil::Date::MIN);
            let contact = Contact {
                actor: graph.actor(other).id.clone(),
                name: graph.actor(other).name.clone(),
                held: meetings
                    .iter()
                    .filter(|&&m| graph.counting().counts(graph.meeting(m)))
                    .count(),
                meetings: meetings
                    .iter()
                    .map(|&m| {
                        let meeting = graph.meeting(m);
                        MeetingRef {
                            id: meeting.id.clone(),
                            date: meeting.date.to_string(),
                            status: meeting.status,
                            inside: filter
                                .has_window()
                                .then(|| filter.inside(meeting))
                                .flatten(),
                        }
                    })
                    .collect(),
            };
            (contact, last)
        })
        .collect();
    contacts.sort_by(|(a, a_last), (b, b_last)| {
        let by_id = a.actor.cmp(&b.actor);
        match order {
            ContactOrder::Frequent => b
                .held
                .cmp(&a.held)
                .then(b.meetings.len().cmp(&a.meetings.len()))
                .then(b_last.cmp(a_last))
                .then(by_id),
            ContactOrder::Recent => b_last.cmp(a_last).then(b.held.cmp(&a.held)).then(by_id),
            ContactOrder::Id => by_id,
        }
    });
    MetReport {
        actor: graph.actor(actor).id.clone(),
        met: contacts.into_iter().map(|(c, _)| c).collect(),
        order: match order {
            ContactOrder::Frequent => "frequent",
            ContactOrder::Recent => "recent",
            ContactOrder::Id => "id",
        },
    }
}

/// One entry of an actor's timeline: the meeting and who else was there.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TimelineEntry {
    /// The meeting, with date, place, kind and sources.
    #[serde(flatten)]
    pub meeting: MeetingRow,
    /// The ids of the participants on other sides (none for a presence).
    pub counterparts: Vec<String>,
    /// The actor's role, if recorded.
    pub role: Option<String>,
    /// How the date was derived, if recorded.
    pub date_note: Option<String>,
}

/// An actor's meetings passing `filter`, in date order (ties by id).
pub fn timeline(
    graph: &MeetingGraph,
    actor: ActorIndex,
    filter: &MeetingFilter,
) -> Vec<TimelineEntry> {
    graph
        .meetings_of(actor)
        .iter()
        .copied()
        .filter(|&m| filter.accepts(graph.meeting(m)))
        .map(|m| {
            let meeting = graph.meeting(m);
            TimelineEntry {
                meeting: MeetingRow::in_window(graph, m, filter),
                counterparts: meeting
                    .counterparts(actor)
                    .map(|a| graph.actor(a).id.clone())
                    .collect(),
                role: meeting
                    .participants
                    .iter()
                    .find(|p| p.actor == actor)
                    .and_then(|p| p.role.clone()),
                date_note: meeting.date_note.clone(),
            }
        })
        .collect()
}

/// Every meeting of `a` and `b` together passing `filter`, in date order.
pub fn between(
    graph: &MeetingGraph,
    a: ActorIndex,
    b: ActorIndex,
    filter: &MeetingFilter,
) -> Vec<MeetingRow> {
    graph
        .between(a, b, filter)
        .into_iter()
        .map(|m| MeetingRow::in_window(graph, m, filter))
        .collect()
}

/// The first citation of a meeting in one line, for tables.
pub fn first_citation(graph: &MeetingGraph, meeting: MeetingIndex) -> String {
    graph
        .meeting(meeting)
        .sources
        .first()
        .map(|c| CitationRow::new(graph.data(), c).short())
        .unwrap_or_default()
}
