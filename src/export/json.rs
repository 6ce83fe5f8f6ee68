//! The selection as a full JSON dump ([`Dump`]): every actor, source, affiliation and meeting
//! with its sides, roles, kind, status, notes and cited evidence, which `whomet import` reads
//! back unchanged.

use std::io::{self, Write};

use crate::export::selection::Selection;
use crate::model::ActorIndex;
use crate::store::dump::{raw_actor, raw_affiliation, raw_meeting, raw_source, Dump};

/// Builds the dump of a selection: its actors; its meetings, each keeping only the selected
/// participants (and sides left with a member); the affiliations between selected actors;
/// and the sources those meetings and affiliations cite.
///
/// ```
/// use whomet::export::{json, selection::{ExportFilter, Selection}};
/// use whomet::graph::MeetingFilter;
/// let graph = whomet::store::load(&whomet::store::DataLocation::Embedded)?;
/// let every_status = ExportFilter {
///     meetings: MeetingFilter { status: None, ..Default::default() },
///     ..Default::default()
/// };
/// let dump = json::dump(&Selection::new(&graph, &every_status));
/// assert_eq!(dump.meetings.len(), graph.data().meetings.len());
/// assert!(dump.meetings.iter().any(|m| m.status != whomet::model::Status::Held));
/// # Ok::<(), whomet::store::LoadError>(())
/// ```
pub fn dump(selection: &Selection<'_>) -> Dump {
    let data = selection.graph.data();
    let mut kept = vec![false; data.actors.len()];
    for &a in &selection.actors {
        kept[a.index()] = true;
    }
    let is_kept = |a: ActorIndex| kept[a.index()];
    let mut cited = vec![false; data.sources.len()];
    let mut cite = |sources: &[crate::model::Citation]| {
        for c in sources {
            cited[c.source.index()] = true;
        }
    };

    let mut dump = Dump::new();
    dump.actors = selection
        .actors
        .iter()
        .map(|&a| raw_actor(data.actor(a)))
        .collect();
    dump.meetings = selection
        .meetings
        .iter()
        .map(|selected| {
            let meeting = data.meeting(selected.index);
            cite(&meeting.sources);
            let mut raw = raw_meeting(data, meeting);
            if selected.participants.len() < meeting.participants.len() {
                let keep_id = |id: &str| selection.graph.actor_by_id(id).is_some_and(&is_kept);
                raw.participants.retain(|p| keep_id(&p.actor));
                for side in &mut raw.sides {
                    side.members.retain(|p| keep_id(&p.actor));
                }
                raw.sides.retain(|side| !side.members.is_empty());
            }
            raw
        })
        .collect();
    dump.affiliations = data
        .affiliations
        .iter()
        .filter(|a| is_kept(a.actor) && is_kept(a.of))
        .map(|a| {
            cite(&a.sources);
            raw_affiliation(data, a)
        })
        .collect();
    let mut sources: Vec<_> = data
        .sources
        .iter()
        .enumerate()
        .filter(|(i, _)| cited[*i])
        .map(|(_, s)| raw_source(s))
        .collect();
    sources.sort_by(|a, b| a.id.cmp(&b.id));
    dump.sources = sources;
    dump
}

/// Writes the dump, pretty-printed, with a final newline.
pub fn write(selection: &Selection<'_>, mut out: impl Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut out, &dump(selection)).map_err(io::Error::other)?;
    writeln!(out)
}
