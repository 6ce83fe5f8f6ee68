//! The whole selection as one JSON document: `{"actors": [...], "meetings": [...]}`, in the
//! shapes `whomet actors --format json` and `whomet meetings --format json` print.

use std::collections::HashSet;
use std::io::{self, Write};

use serde::Serialize;

use crate::export::selection::Selection;
use crate::query::listing::{actors, ActorRow, MeetingRow};

/// The JSON export.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct JsonExport {
    /// Actors in id order.
    pub actors: Vec<ActorRow>,
    /// Meetings in date order, each listing only the participants that passed the filter.
    pub meetings: Vec<MeetingRow>,
}

/// Builds the JSON export of a selection.
pub fn export(selection: &Selection<'_>) -> JsonExport {
    let graph = selection.graph;
    let kept: HashSet<&str> = selection
        .actors
        .iter()
        .map(|&a| graph.actor(a).id.as_str())
        .collect();
    let meetings = selection
        .meetings
        .iter()
        .map(|m| {
            let mut row = MeetingRow::new(graph, m.index);
            if m.participants.len() < graph.meeting(m.index).participants.len() {
                let (participants, names) = row
                    .participants
                    .into_iter()
                    .zip(row.names)
                    .filter(|(id, _)| kept.contains(id.as_str()))
                    .unzip();
                row.participants = participants;
                row.names = names;
                for side in &mut row.sides {
                    side.members.retain(|id| kept.contains(id.as_str()));
                }
                row.sides.retain(|side| !side.members.is_empty());
            }
            row
        })
        .collect();
    JsonExport {
        actors: actors(graph, selection.filter.kind),
        meetings,
    }
}

/// Writes the JSON export, pretty-printed, with a final newline.
pub fn write(selection: &Selection<'_>, mut out: impl Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut out, &export(selection)).map_err(io::Error::other)?;
    writeln!(out)
}
