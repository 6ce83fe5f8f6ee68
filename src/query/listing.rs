//! Listings of actors and meetings, and the data-set summary behind `whomet check`.

use serde::Serialize;

use crate::graph::{MeetingFilter, MeetingGraph};
use crate::model::{
    ActorIndex, ActorKind, Certainty, Citation, Dataset, Meeting, MeetingIndex, Status,
};

/// One actor as listed (JSON: `{"id","name","kind","aliases":[…]}` plus extras).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ActorRow {
    /// Actor id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Kind.
    pub kind: ActorKind,
    /// Other names.
    pub aliases: Vec<String>,
    /// Name in its own script.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub native_name: Option<String>,
    /// Number of held meetings.
    pub meetings: usize,
}

/// Every actor, optionally of one kind, sorted by id.
pub fn actors(graph: &MeetingGraph, kind: Option<ActorKind>) -> Vec<ActorRow> {
    graph
        .actors_of_kind(kind)
        .into_iter()
        .map(|a| {
            let actor = graph.actor(a);
            ActorRow {
                id: actor.id.clone(),
                name: actor.name.clone(),
                kind: actor.kind,
                aliases: actor.aliases.clone(),
                native_name: actor.native_name.clone(),
                meetings: graph
                    .meetings_of(a)
                    .iter()
                    .filter(|&&m| graph.meeting(m).status == Status::Held)
                    .count(),
            }
        })
        .collect()
}

/// A citation as shown: the source and the evidence.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CitationRow {
    /// Source id.
    pub id: String,
    /// Outlet.
    pub publication: String,
    /// Headline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Publication date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// Address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// What the source says, in the editors' words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

impl CitationRow {
    /// The row for one citation.
    pub fn new(data: &Dataset, citation: &Citation) -> Self {
        let source = data.source(citation.source);
        CitationRow {
            id: source.id.clone(),
            publication: source.publication.clone(),
            title: source.title.clone(),
            published: source.published.map(|d| d.to_string()),
            url: source.url.clone(),
            evidence: citation.evidence.clone(),
        }
    }

    /// A one-line citation: publication, date and title.
    pub fn short(&self) -> String {
        let mut text = self.publication.clone();
        if let Some(p) = &self.published {
            text.push_str(&format!(", {p}"));
        }
        if let Some(url) = &self.url {
            text.push_str(&format!(" <{url}>"));
        }
        text
    }
}

/// One meeting as listed (JSON: `{"id","date","earliest","latest","status","kind","record",
/// "place","participants":[ids],"names":[…],"sides":[{"name","members":[ids]}],"sources":[…],
/// "notes"}`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MeetingRow {
    /// Meeting id.
    pub id: String,
    /// Date in the data's notation.
    pub date: String,
    /// Earliest possible day; `null` when the date has no start.
    pub earliest: Option<String>,
    /// Latest possible day; `null` when the date has no end.
    pub latest: Option<String>,
    /// Status.
    pub status: Status,
    /// Kind.
    pub kind: String,
    /// What the record says happened between its participants: `meeting` (sides met),
    /// `presence` (one side: present together, nobody met) or `state_visit`.
    pub record: &'static str,
    /// Place, if known.
    pub place: Option<String>,
    /// Participant ids, as listed.
    pub participants: Vec<String>,
    /// Participant names, aligned with `participants`.
    pub names: Vec<String>,
    /// The sides, each with its members' ids; one side per participant when the record gives
    /// no sides. Two participants met only when on different sides.
    pub sides: Vec<SideRow>,
    /// Citations.
    pub sources: Vec<CitationRow>,
    /// The editors' notes, including flagged source errors and conflicts.
    pub notes: Option<String>,
    /// With a date window: `certain` when the whole date range lies inside it, `possible`
    /// when it only overlaps; `null` without a window.
    pub inside: Option<Certainty>,
}

/// One side of a listed meeting.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SideRow {
    /// The editors' name for the side, if given.
    pub name: Option<String>,
    /// Member ids, as listed.
    pub members: Vec<String>,
}

/// The sides of a meeting: as given, or one per participant.
pub fn side_rows(graph: &MeetingGraph, meeting: &Meeting) -> Vec<SideRow> {
    let count = if meeting.sides.is_empty() {
        meeting.participants.len()
    } else {
        meeting.sides.len()
    };
    (0..count as u32)
        .map(|side| SideRow {
            name: meeting.side_name(side).map(str::to_string),
            members: meeting
                .participants
                .iter()
                .filter(|p| p.side == side)
                .map(|p| graph.actor(p.actor).id.clone())
                .collect(),
        })
        .collect()
}

/// The record type of a meeting, as [`MeetingRow::record`] names it.
pub fn record_kind(meeting: &Meeting) -> &'static str {
    if meeting.is_presence() {
        "presence"
    } else if meeting.kind == crate::model::MeetingKind::StateVisit {
        "state_visit"
    } else {
        "meeting"
    }
}

impl MeetingRow {
    /// The row for one meeting.
    pub fn new(graph: &MeetingGraph, index: MeetingIndex) -> Self {
        let meeting: &Meeting = graph.meeting(index);
        MeetingRow {
            id: meeting.id.clone(),
            date: meeting.date.to_string(),
            earliest: bound(meeting.date.earliest()),
            latest: bound(meeting.date.latest()),
            status: meeting.status,
            kind: meeting.kind.to_string(),
            record: record_kind(meeting),
            place: meeting.place.clone(),
            participants: meeting
                .actors()
                .map(|a| graph.actor(a).id.clone())
                .collect(),
            names: meeting
                .actors()
                .map(|a| graph.actor(a).name.clone())
                .collect(),
            sides: side_rows(graph, meeting),
            sources: meeting
                .sources
                .iter()
                .map(|c| CitationRow::new(graph.data(), c))
                .collect(),
            notes: meeting.notes.clone(),
            inside: None,
        }
    }

    /// The row, marked certainly or possibly inside `filter`'s window when it has one.
    pub fn in_window(graph: &MeetingGraph, index: MeetingIndex, filter: &MeetingFilter) -> Self {
        let mut row = MeetingRow::new(graph, index);
        if filter.has_window() {
            row.inside = filter.inside(graph.meeting(index));
        }
        row
    }
}

/// A day bound as text; open bounds show as an empty string.
pub fn bound(date: jiff::civil::Date) -> Option<String> {
    (date != jiff::civil::Date::MIN && date != jiff::civil::Date::MAX).then(|| date.to_string())
}

/// Meetings passing `filter`, optionally of one actor, in date order (ties by id).
pub fn meetings(
    graph: &MeetingGraph,
    actor: Option<ActorIndex>,
    filter: &MeetingFilter,
) -> Vec<MeetingRow> {
    let all = match actor {
        Some(a) => graph.meetings_of(a),
        None => graph.meetings_by_date(),
    };
    all.iter()
        .copied()
        .filter(|&m| filter.accepts(graph.meeting(m)))
        .map(|m| MeetingRow::in_window(graph, m, filter))
        .collect()
}

/// Counts of a loaded data set.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Summary {
    /// Actors by kind, in kind order.
    pub actors: Vec<(ActorKind, usize)>,
    /// Meetings by status, in status order.
    pub meetings: Vec<(Status, usize)>,
    /// Number of sources.
    pub sources: usize,
    /// Number of affiliations.
    pub affiliations: usize,
    /// Records by what they say happened: `meeting`, `presence`, `state_visit`.
    pub records: Vec<(&'static str, usize)>,
    /// Distinct pairs of actors that met (across the sides of a held meeting).
    pub pairs: usize,
}

/// Counts actors by kind, meetings by status, sources, affiliations and pairs.
pub fn summary(graph: &MeetingGraph) -> Summary {
    let data = graph.data();
    Summary {
        actors: ActorKind::ALL
            .iter()
            .map(|&k| (k, data.actors.iter().filter(|a| a.kind == k).count()))
            .collect(),
        meetings: Status::ALL
            .iter()
            .map(|&s| (s, data.meetings.iter().filter(|m| m.status == s).count()))
            .collect(),
        sources: data.sources.len(),
        affiliations: data.affiliations.len(),
        records: ["meeting", "presence", "state_visit"]
            .into_iter()
            .map(|r| {
                let n = data.meetings.iter().filter(|m| record_kind(m) == r).count();
                (r, n)
            })
            .collect(),
        pairs: graph.adjacency().edge_count(),
    }
}
