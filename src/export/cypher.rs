//! Cypher for Neo4j: the path for users who outgrow one machine.
//!
//! The model is `(:Actor {id, name, kind, aliases})-[:ATTENDED {role, side, side_name}]->(:Meeting {id, date,
//! earliest, latest, status, kind, place, sources})`. Rows are batched as `UNWIND` lists of
//! maps, and every statement merges on ids, so running the file twice changes nothing.

use std::fmt::Write as _;
use std::io::{self, Write};

use crate::export::selection::Selection;
use crate::query::listing::bound;

/// Rows per `UNWIND` statement: large enough to load fast, small enough for one transaction.
pub const BATCH: usize = 500;

/// Quotes text as a Cypher string literal.
///
/// ```
/// use whomet::export::cypher::quote;
/// assert_eq!(quote("O'Neill \"Tip\"\n\\"), r#""O'Neill \"Tip\"\n\\""#);
/// ```
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let quoted: Vec<String> = items.into_iter().map(quote).collect();
    format!("[{}]", quoted.join(", "))
}

fn optional(text: Option<&str>) -> String {
    text.map_or_else(|| "null".to_string(), quote)
}

/// Writes the selection as a Cypher script for `cypher-shell -f FILE`.
///
/// ```
/// use whomet::export::{cypher, selection::{ExportFilter, Selection}};
/// use whomet::store::{load, DataLocation};
/// let graph = load(&DataLocation::Embedded)?;
/// let mut out = Vec::new();
/// cypher::write(&Selection::new(&graph, &ExportFilter::default()), &mut out)?;
/// let text = String::from_utf8(out)?;
/// assert!(text.contains("MERGE (a:Actor {id: row.id})"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write(selection: &Selection<'_>, out: impl Write) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    writeln!(
        out,
        "// Written by whomet {}: (:Actor)-[:ATTENDED {{role, side}}]->(:Meeting); two actors met when on different sides of a meeting whose record is \"meeting\" and status \"held\".",
        env!("CARGO_PKG_VERSION")
    )?;
    writeln!(
        out,
        "// Load with `cypher-shell -f FILE`; statements merge on ids, so a second run changes nothing."
    )?;
    writeln!(
        out,
        "CREATE CONSTRAINT whomet_actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE;"
    )?;
    writeln!(
        out,
        "CREATE CONSTRAINT whomet_meeting_id IF NOT EXISTS FOR (m:Meeting) REQUIRE m.id IS UNIQUE;"
    )?;
    write_actors(&mut out, selection)?;
    write_meetings(&mut out, selection)?;
    out.flush()
}

/// Actors merged on their ids, in batches.
fn write_actors(out: &mut impl Write, selection: &Selection<'_>) -> io::Result<()> {
    let graph = selection.graph;
    for batch in selection.actors.chunks(BATCH) {
        writeln!(out, "UNWIND [")?;
        for (i, &a) in batch.iter().enumerate() {
            let actor = graph.actor(a);
            writeln!(
                out,
                "  {{id: {}, name: {}, kind: {}, aliases: {}}}{}",
                quote(&actor.id),
                quote(&actor.name),
                quote(actor.kind.as_str()),
                list(actor.aliases.iter().map(String::as_str)),
                if i + 1 < batch.len() { "," } else { "" }
            )?;
        }
        writeln!(out, "] AS row")?;
        writeln!(out, "MERGE (a:Actor {{id: row.id}})")?;
        writeln!(
            out,
            "SET a.name = row.name, a.kind = row.kind, a.aliases = row.aliases;"
        )?;
    }
    Ok(())
}

/// Meetings merged on their ids, in batches, with an ATTENDED relation per participant.
fn write_meetings(out: &mut impl Write, selection: &Selection<'_>) -> io::Result<()> {
    let graph = selection.graph;
    for batch in selection.meetings.chunks(BATCH) {
        writeln!(out, "UNWIND [")?;
        for (i, selected) in batch.iter().enumerate() {
            let meeting = graph.meeting(selected.index);
            let participants: Vec<String> = selected
                .participants
                .iter()
                .zip(&selected.sides)
                .map(|(&a, &side)| {
                    let role = meeting
                        .participants
                        .iter()
                        .find(|p| p.actor == a)
                        .and_then(|p| p.role.as_deref());
                    format!(
                        "{{actor: {}, role: {}, side: {side}, side_name: {}}}",
                        quote(&graph.actor(a).id),
                        optional(role),
                        optional(meeting.side_name(side))
                    )
                })
                .collect();
            let earliest = bound(meeting.date.earliest());
            let latest = bound(meeting.date.latest());
            writeln!(
                out,
                "  {{id: {}, date: {}, earliest: {}, latest: {}, status: {}, kind: {}, record: {}, place: {}, sources: {}, participants: [{}]}}{}",
                quote(&meeting.id),
                quote(&meeting.date.to_string()),
                optional(earliest.as_deref()),
                optional(latest.as_deref()),
                quote(meeting.status.as_str()),
                quote(meeting.kind.as_str()),
                quote(crate::query::listing::record_kind(meeting)),
                optional(meeting.place.as_deref()),
                list(selection.source_refs(selected.index)),
                participants.join(", "),
                if i + 1 < batch.len() { "," } else { "" }
            )?;
        }
        writeln!(out, "] AS row")?;
        writeln!(out, "MERGE (m:Meeting {{id: row.id}})")?;
        writeln!(
            out,
            "SET m.date = row.date, m.earliest = date(row.earliest), m.latest = date(row.latest), m.status = row.status, m.kind = row.kind, m.record = row.record, m.place = row.place, m.sources = row.sources"
        )?;
        writeln!(out, "WITH m, row")?;
        writeln!(out, "UNWIND row.participants AS p")?;
        writeln!(out, "MATCH (a:Actor {{id: p.actor}})")?;
        writeln!(out, "MERGE (a)-[r:ATTENDED]->(m)")?;
        writeln!(
            out,
            "SET r.role = p.role, r.side = p.side, r.side_name = p.side_name;"
        )?;
    }
    Ok(())
}
