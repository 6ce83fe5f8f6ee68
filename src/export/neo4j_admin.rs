//! CSV files for Neo4j's bulk importer (`neo4j-admin database import full`), which loads a
//! graph far faster than Cypher statements: node files with `:ID` and `:LABEL` columns,
//! relationship files with `:START_ID`, `:END_ID` and `:TYPE`.
//!
//! The graph is `(:Actor)-[:ATTENDED {role, side, side_name}]->(:Meeting)`,
//! `(:Meeting)-[:CITES {evidence}]->(:Source)`, `(:Actor)-[:AFFILIATED {role, from, to}]->
//! (:Actor)` and, for convenience, `(:Actor)-[:MET {meetings, first, last}]->(:Actor)` once
//! per pair that met in a held meeting across sides. Ids live in three id spaces, so an actor
//! and a meeting may share an id.

use std::io::{self, Write};

use crate::export::selection::Selection;
use crate::query::listing::bound;

/// The files, in the order the import command names them.
pub const FILES: [&str; 7] = [
    "actors.csv",
    "meetings.csv",
    "sources.csv",
    "attended.csv",
    "cites.csv",
    "affiliated.csv",
    "met.csv",
];

/// The character between array items (aliases, meeting ids): `|`, which the CSV interchange
/// already reserves, given to the importer as `--array-delimiter="|"`.
pub const ARRAY_DELIMITER: char = '|';

/// The command line that imports the files from `dir` into the database `neo4j`.
pub fn import_command(dir: &str) -> String {
    let mut command =
        String::from("neo4j-admin database import full neo4j --overwrite-destination");
    for (i, file) in FILES.iter().enumerate() {
        let kind = if i < 3 { "nodes" } else { "relationships" };
        command.push_str(&format!(" --{kind}={dir}/{file}"));
    }
    command.push_str(&format!(" --array-delimiter=\"{ARRAY_DELIMITER}\""));
    command
}

fn writer<W: Write>(out: W) -> csv::Writer<W> {
    csv::WriterBuilder::new().from_writer(out)
}

/// Writes one of [`FILES`] for the selection.
///
/// ```
/// use whomet::export::{neo4j_admin, selection::{ExportFilter, Selection}};
/// let graph = whomet::store::load(&whomet::store::DataLocation::Embedded)?;
/// let selection = Selection::new(&graph, &ExportFilter::default());
/// let mut out = Vec::new();
/// neo4j_admin::write(&selection, "met.csv", &mut out)?;
/// assert!(out.starts_with(b":START_ID(Actor),:END_ID(Actor),:TYPE,meetings:int"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write(selection: &Selection<'_>, file: &str, out: impl Write) -> io::Result<()> {
    let mut w = writer(out);
    let graph = selection.graph;
    let data = graph.data();
    let join = |items: &mut dyn Iterator<Item = &str>| {
        items
            .map(|i| i.replace(ARRAY_DELIMITER, "/"))
            .collect::<Vec<_>>()
            .join(&ARRAY_DELIMITER.to_string())
    };
    match file {
        "actors.csv" => {
            w.write_record([
                "id:ID(Actor)",
                ":LABEL",
                "name",
                "kind",
                "aliases:string[]",
                "native_name",
                "notes",
            ])?;
            for &a in &selection.actors {
                let actor = graph.actor(a);
                w.write_record([
                    actor.id.as_str(),
                    "Actor",
                    &actor.name,
                    actor.kind.as_str(),
                    &join(&mut actor.aliases.iter().map(String::as_str)),
                    actor.native_name.as_deref().unwrap_or_default(),
                    actor.notes.as_deref().unwrap_or_default(),
                ])?;
            }
        }
        "meetings.csv" => {
            w.write_record([
                "id:ID(Meeting)",
                ":LABEL",
                "date",
                "earliest:date",
                "latest:date",
                "status",
                "kind",
                "record",
                "place",
                "date_note",
                "notes",
            ])?;
            for selected in &selection.meetings {
                let m = graph.meeting(selected.index);
                w.write_record([
                    m.id.as_str(),
                    "Meeting",
                    &m.date.to_string(),
                    &bound(m.date.earliest()).unwrap_or_default(),
                    &bound(m.date.latest()).unwrap_or_default(),
                    m.status.as_str(),
                    m.kind.as_str(),
                    crate::query::listing::record_kind(m),
                    m.place.as_deref().unwrap_or_default(),
                    m.date_note.as_deref().unwrap_or_default(),
                    m.notes.as_deref().unwrap_or_default(),
                ])?;
            }
        }
        "sources.csv" => {
            w.write_record([
                "id:ID(Source)",
                ":LABEL",
                "publication",
                "title",
                "published",
                "url",
                "notes",
            ])?;
            let mut cited: Vec<_> = selection
                .meetings
                .iter()
                .flat_map(|m| &graph.meeting(m.index).sources)
                .chain(affiliations(selection).flat_map(|a| &a.sources))
                .map(|c| c.source)
                .collect();
            cited.sort_by_key(|s| s.index());
            cited.dedup();
            for s in cited {
                let source = data.source(s);
                w.write_record([
                    source.id.as_str(),
                    "Source",
                    &source.publication,
                    source.title.as_deref().unwrap_or_default(),
                    &source.published.map(|d| d.to_string()).unwrap_or_default(),
                    source.url.as_deref().unwrap_or_default(),
                    source.notes.as_deref().unwrap_or_default(),
                ])?;
            }
        }
        "attended.csv" => {
            w.write_record([
                ":START_ID(Actor)",
                ":END_ID(Meeting)",
                ":TYPE",
                "role",
                "side:int",
                "side_name",
            ])?;
            for selected in &selection.meetings {
                let m = graph.meeting(selected.index);
                for (&a, &side) in selected.participants.iter().zip(&selected.sides) {
                    let role = m
                        .participants
                        .iter()
                        .find(|p| p.actor == a)
                        .and_then(|p| p.role.as_deref());
                    w.write_record([
                        graph.actor(a).id.as_str(),
                        &m.id,
                        "ATTENDED",
                        role.unwrap_or_default(),
                        &side.to_string(),
                        m.side_name(side).unwrap_or_default(),
                    ])?;
                }
            }
        }
        "cites.csv" => {
            w.write_record([":START_ID(Meeting)", ":END_ID(Source)", ":TYPE", "evidence"])?;
            for selected in &selection.meetings {
                let m = graph.meeting(selected.index);
                for c in &m.sources {
                    w.write_record([
                        m.id.as_str(),
                        &data.source(c.source).id,
                        "CITES",
                        c.evidence.as_deref().unwrap_or_default(),
                    ])?;
                }
            }
        }
        "affiliated.csv" => {
            w.write_record([
                ":START_ID(Actor)",
                ":END_ID(Actor)",
                ":TYPE",
                "role",
                "from",
                "to",
                "sources:string[]",
            ])?;
            for a in affiliations(selection) {
                w.write_record([
                    graph.actor(a.actor).id.as_str(),
                    &graph.actor(a.of).id,
                    "AFFILIATED",
                    &a.role,
                    &a.from.map(|d| d.to_string()).unwrap_or_default(),
                    &a.to.map(|d| d.to_string()).unwrap_or_default(),
                    &join(&mut a.sources.iter().map(|c| data.source(c.source).id.as_str())),
                ])?;
            }
        }
        "met.csv" => {
            w.write_record([
                ":START_ID(Actor)",
                ":END_ID(Actor)",
                ":TYPE",
                "meetings:int",
                "first",
                "last",
                "meeting_ids:string[]",
            ])?;
            for pair in selection.pairs() {
                let Some((first, last, _)) = pair.summary(graph) else {
                    continue;
                };
                w.write_record([
                    graph.actor(pair.a).id.as_str(),
                    &graph.actor(pair.b).id,
                    "MET",
                    &pair.meetings.len().to_string(),
                    &first.to_string(),
                    &last.to_string(),
                    &join(&mut pair.meetings.iter().map(|&m| graph.meeting(m).id.as_str())),
                ])?;
            }
        }
        other => {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("no such neo4j-admin file: {other}"),
            ))
        }
    }
    w.flush()
}

/// The affiliations between selected actors, in data order.
fn affiliations<'s>(
    selection: &'s Selection<'_>,
) -> impl Iterator<Item = &'s crate::model::Affiliation> + 's {
    let mut kept = vec![false; selection.graph.actor_count()];
    for &a in &selection.actors {
        kept[a.index()] = true;
    }
    selection
        .graph
        .data()
        .affiliations
        .iter()
        .filter(move |a| kept[a.actor.index()] && kept[a.of.index()])
}
