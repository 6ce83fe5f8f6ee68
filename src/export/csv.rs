//! The CSV interchange pair (`actors.csv`, `meetings.csv`), in the format
//! [`crate::store::csv`] reads: importing a pair and exporting it gives the same rows.

use std::io::{self, Write};

use crate::export::selection::Selection;
use crate::store::csv::{ACTOR_COLUMNS, MEETING_COLUMNS};

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

/// Writes `meetings.csv`: `id,date,participants,place,source`, participants and sources
/// joined by `|`, in date order (ties by id).
///
/// The interchange has no status or kind column: export held meetings (the default) for a
/// file that imports back as it was.
pub fn write_meetings(selection: &Selection<'_>, out: impl Write) -> io::Result<()> {
    let mut writer = writer(out);
    writer.write_record(MEETING_COLUMNS)?;
    let mut participants = String::new();
    for selected in &selection.meetings {
        let meeting = selection.graph.meeting(selected.index);
        participants.clear();
        for (i, &a) in selected.participants.iter().enumerate() {
            if i > 0 {
                participants.push('|');
            }
            participants.push_str(&selection.graph.actor(a).id);
        }
        writer.write_record([
            meeting.id.as_str(),
            meeting.date.to_string().as_str(),
            participants.as_str(),
            meeting.place.as_deref().unwrap_or_default(),
            selection.source_refs(selected.index).join("|").as_str(),
        ])?;
    }
    writer.flush()
}
