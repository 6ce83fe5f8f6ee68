//! The CSV interchange pair (`actors.csv`, `meetings.csv`), in the format
//! [`crate::store::csv`] reads: importing a pair and exporting it gives the same rows.

use std::io::{self, Write};

use crate::export::selection::Selection;
use crate::store::csv::{ACTOR_COLUMNS, MEETING_COLUMNS, OPTIONAL_MEETING_COLUMNS};

fn writer<W: Write>(out: W) -> csv::Writer<W> {
    // RFC 4180: CRLF line ends, fields quoted only when they must be.
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out)
}

/// Writes `actors.csv`: `id,name,kind,aliases`, aliases joined by `|`, in id order.
///
/// ```
/// use whomet::export::{csv::write_actors, selection::{ExportFilter, Selection}};
/// use whomet::store::{load, DataLocation};
/// let graph = load(&DataLocation::Embedded)?;
/// let mut out = Vec::new();
/// write_actors(&Selection::new(&graph, &ExportFilter::default()), &mut out)?;
/// assert!(out.starts_with(b"id,name,kind,aliases\r\n"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_actors(selection: &Selection<'_>, out: impl Write) -> io::Result<()> {
    let mut writer = writer(out);
    writer.write_record(ACTOR_COLUMNS)?;
    for &a in &selection.actors {
        let actor = selection.graph.actor(a);
        writer.write_record([
            actor.id.as_str(),
            actor.name.as_str(),
            actor.kind.as_str(),
            actor.aliases.join("|").as_str(),
        ])?;
    }
    writer.flush()
}

/// Writes `meetings.csv`: `id,date,participants,place,source` and the optional
/// `status,kind,roles,notes`, in date order (ties by id). Participants and sources are joined
/// by `|` (sides, when the record gives them, by `;`); roles follow the participants' order,
/// one per participant, joined by `|`.
pub fn write_meetings(selection: &Selection<'_>, out: impl Write) -> io::Result<()> {
    let mut writer = writer(out);
    writer.write_record(MEETING_COLUMNS.iter().chain(&OPTIONAL_MEETING_COLUMNS))?;
    let mut participants = String::new();
    let mut roles = Vec::new();
    for selected in &selection.meetings {
        let meeting = selection.graph.meeting(selected.index);
        participants.clear();
        roles.clear();
        write_participants(
            selection.graph,
            meeting,
            selected,
            &mut participants,
            &mut roles,
        );
        let roles = if roles.iter().all(Option::is_none) {
            String::new()
        } else {
            roles
                .iter()
                .map(|r| r.unwrap_or_default().replace('|', "/"))
                .collect::<Vec<_>>()
                .join("|")
        };
        writer.write_record([
            meeting.id.as_str(),
            meeting.date.to_string().as_str(),
            participants.as_str(),
            meeting.place.as_deref().unwrap_or_default(),
            selection.source_refs(selected.index).join("|").as_str(),
            meeting.status.as_str(),
            meeting.kind.as_str(),
            roles.as_str(),
            meeting.notes.as_deref().unwrap_or_default(),
        ])?;
    }
    writer.flush()
}

/// The participants field (and each written participant's role, in the same order): `a|b|c`
/// when each is a side of its own, else the kept members of each side joined by `|` and the
/// sides by `;`, with a trailing `;` when one side is left, so that a presence, or a meeting
/// the kind filter cut to one side, never reads back as a meeting.
fn write_participants<'g>(
    graph: &'g crate::MeetingGraph,
    meeting: &'g crate::model::Meeting,
    selected: &crate::export::selection::SelectedMeeting,
    out: &mut String,
    roles: &mut Vec<Option<&'g str>>,
) {
    let role_of = |a: crate::model::ActorIndex| {
        meeting
            .participants
            .iter()
            .find(|p| p.actor == a)
            .and_then(|p| p.role.as_deref())
    };
    let kept = selected.participants.iter().zip(&selected.sides);
    if meeting.sides.is_empty() {
        for (i, (&a, _)) in kept.enumerate() {
            if i > 0 {
                out.push('|');
            }
            out.push_str(&graph.actor(a).id);
            roles.push(role_of(a));
        }
        return;
    }
    let mut groups = 0;
    for side in 0..meeting.sides.len() as u32 {
        let members: Vec<crate::model::ActorIndex> = kept
            .clone()
            .filter(|(_, &s)| s == side)
            .map(|(&a, _)| a)
            .collect();
        if members.is_empty() {
            continue;
        }
        if groups > 0 {
            out.push(';');
        }
        for (i, &a) in members.iter().enumerate() {
            if i > 0 {
                out.push('|');
            }
            out.push_str(&graph.actor(a).id);
            roles.push(role_of(a));
        }
        groups += 1;
    }
    if groups == 1 {
        out.push(';');
    }
}
