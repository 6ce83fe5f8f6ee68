//! Parquet files for column stores and cluster engines (DuckDB, Spark, pandas, Polars): one
//! file per table, typed columns, nothing left out.
//!
//! Dates keep their notation (`date`, `from_date`, …) beside the bounds `*_earliest` and
//! `*_latest` as Parquet `DATE`s, null where the notation leaves that end open. Tables refer
//! to each other by id: an actor's `id`, a meeting's `id`, a source's `id`, and an
//! affiliation's `affiliation` number (its position in the data set, so it stays the same
//! whatever the export's filters).

mod table;

use std::io::{self, Write};

use jiff::civil::Date;

use crate::export::selection::Selection;
use crate::model::{Citation, FuzzyDate};
use table::{optional, required, Cell, Field, Kind, Table};

pub use table::epoch_days;

/// The files, in the order they are written.
pub const FILES: [&str; 6] = [
    "actors.parquet",
    "meetings.parquet",
    "participants.parquet",
    "affiliations.parquet",
    "sources.parquet",
    "citations.parquet",
];

const ACTORS: [Field; 7] = [
    required("id", Kind::Text),
    required("name", Kind::Text),
    required("kind", Kind::Text),
    required("aliases", Kind::TextList),
    optional("native_name", Kind::Text),
    optional("notes", Kind::Text),
    required("meetings", Kind::Int),
];

const MEETINGS: [Field; 11] = [
    required("id", Kind::Text),
    required("date", Kind::Text),
    optional("earliest", Kind::Day),
    optional("latest", Kind::Day),
    required("status", Kind::Text),
    required("kind", Kind::Text),
    required("record", Kind::Text),
    optional("place", Kind::Text),
    optional("date_note", Kind::Text),
    optional("notes", Kind::Text),
    required("participants", Kind::Int),
];

const PARTICIPANTS: [Field; 5] = [
    required("meeting_id", Kind::Text),
    required("actor_id", Kind::Text),
    required("side", Kind::Int),
    optional("side_name", Kind::Text),
    optional("role", Kind::Text),
];

const AFFILIATIONS: [Field; 10] = [
    required("affiliation", Kind::Int),
    required("actor_id", Kind::Text),
    required("of_id", Kind::Text),
    required("role", Kind::Text),
    optional("from_date", Kind::Text),
    optional("from_earliest", Kind::Day),
    optional("from_latest", Kind::Day),
    optional("to_date", Kind::Text),
    optional("to_earliest", Kind::Day),
    optional("to_latest", Kind::Day),
];

const SOURCES: [Field; 8] = [
    required("id", Kind::Text),
    required("publication", Kind::Text),
    optional("title", Kind::Text),
    optional("published", Kind::Text),
    optional("published_earliest", Kind::Day),
    optional("published_latest", Kind::Day),
    optional("url", Kind::Text),
    optional("notes", Kind::Text),
];

const CITATIONS: [Field; 5] = [
    required("record", Kind::Text),
    optional("meeting_id", Kind::Text),
    optional("affiliation", Kind::Int),
    required("source_id", Kind::Text),
    optional("evidence", Kind::Text),
];

/// The column names and types of one of [`FILES`], for documentation and readers:
/// `(name, type, nullable)` with the type as DuckDB shows it.
///
/// ```
/// use whomet::export::parquet;
/// let columns = parquet::columns("meetings.parquet").unwrap();
/// assert!(columns.contains(&("earliest", "DATE", true)));
/// ```
pub fn columns(file: &str) -> Option<Vec<(&'static str, &'static str, bool)>> {
    let fields = fields(file)?;
    Some(
        fields
            .iter()
            .map(|f| {
                let kind = match f.kind {
                    Kind::Text => "VARCHAR",
                    Kind::Day => "DATE",
                    Kind::Int => "INTEGER",
                    Kind::TextList => "VARCHAR[]",
                };
                (f.name, kind, f.optional)
            })
            .collect(),
    )
}

fn fields(file: &str) -> Option<&'static [Field]> {
    Some(match file {
        "actors.parquet" => &ACTORS,
        "meetings.parquet" => &MEETINGS,
        "participants.parquet" => &PARTICIPANTS,
        "affiliations.parquet" => &AFFILIATIONS,
        "sources.parquet" => &SOURCES,
        "citations.parquet" => &CITATIONS,
        _ => return None,
    })
}

/// The earliest and latest day of `date`, each `None` where the notation leaves it open.
fn bounds(date: Option<FuzzyDate>) -> [Cell<'static>; 2] {
    let open = |d: Date| (d != Date::MIN && d != Date::MAX).then_some(d);
    [
        Cell::Day(date.and_then(|d| open(d.earliest()))),
        Cell::Day(date.and_then(|d| open(d.latest()))),
    ]
}

fn text(value: &Option<String>) -> Cell<'_> {
    Cell::Text(value.as_deref())
}

fn count(n: usize) -> io::Result<Cell<'static>> {
    i32::try_from(n)
        .map(|n| Cell::Int(Some(n)))
        .map_err(|_| io::Error::other(format!("{n} does not fit a Parquet INT32")))
}

/// Writes one of [`FILES`] for the selection: the selected actors and meetings (each meeting
/// with the participants the selection keeps), the affiliations between selected actors, the
/// sources those meetings and affiliations cite, and the citations themselves.
///
/// ```
/// use whomet::export::{parquet, selection::{ExportFilter, Selection}};
/// let graph = whomet::store::load(&whomet::store::DataLocation::Embedded)?;
/// let selection = Selection::new(&graph, &ExportFilter::default());
/// let mut out = Vec::new();
/// parquet::write(&selection, "meetings.parquet", &mut out)?;
/// assert!(out.starts_with(b"PAR1") && out.ends_with(b"PAR1"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write(selection: &Selection<'_>, file: &str, mut out: impl Write) -> io::Result<()> {
    let fields = fields(file).ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("no such parquet file: {file}"),
        )
    })?;
    let name = file.trim_end_matches(".parquet");
    let mut table = Table::new(name, fields, &mut out)?;
    let graph = selection.graph;
    let data = graph.data();
    match file {
        "actors.parquet" => {
            let mut meetings = vec![0usize; graph.actor_count()];
            for m in &selection.meetings {
                for a in &m.participants {
                    meetings[a.index()] += 1;
                }
            }
            for &a in &selection.actors {
                let actor = graph.actor(a);
                table.push(&[
                    Cell::Text(Some(&actor.id)),
                    Cell::Text(Some(&actor.name)),
                    Cell::Text(Some(actor.kind.as_str())),
                    Cell::List(&actor.aliases),
                    text(&actor.native_name),
                    text(&actor.notes),
                    count(meetings[a.index()])?,
                ])?;
            }
        }
        "meetings.parquet" => {
            for selected in &selection.meetings {
                let m = graph.meeting(selected.index);
                let notation = m.date.to_string();
                let [earliest, latest] = bounds(Some(m.date));
                table.push(&[
                    Cell::Text(Some(&m.id)),
                    Cell::Text(Some(&notation)),
                    earliest,
                    latest,
                    Cell::Text(Some(m.status.as_str())),
                    Cell::Text(Some(m.kind.as_str())),
                    Cell::Text(Some(crate::query::listing::record_kind(m))),
                    text(&m.place),
                    text(&m.date_note),
                    text(&m.notes),
                    count(selected.participants.len())?,
                ])?;
            }
        }
        "participants.parquet" => {
            for selected in &selection.meetings {
                let m = graph.meeting(selected.index);
                for (&a, &side) in selected.participants.iter().zip(&selected.sides) {
                    let role = m
                        .participants
                        .iter()
                        .find(|p| p.actor == a)
                        .and_then(|p| p.role.as_deref());
                    table.push(&[
                        Cell::Text(Some(&m.id)),
                        Cell::Text(Some(&graph.actor(a).id)),
                        count(side as usize)?,
                        Cell::Text(m.side_name(side)),
                        Cell::Text(role),
                    ])?;
                }
            }
        }
        "affiliations.parquet" => {
            for (number, a) in affiliations(selection) {
                let (from, to) = (a.from.map(|d| d.to_string()), a.to.map(|d| d.to_string()));
                let [from_earliest, from_latest] = bounds(a.from);
                let [to_earliest, to_latest] = bounds(a.to);
                table.push(&[
                    count(number)?,
                    Cell::Text(Some(&graph.actor(a.actor).id)),
                    Cell::Text(Some(&graph.actor(a.of).id)),
                    Cell::Text(Some(&a.role)),
                    text(&from),
                    from_earliest,
                    from_latest,
                    text(&to),
                    to_earliest,
                    to_latest,
                ])?;
            }
        }
        "sources.parquet" => {
            // In data order, as neo4j-admin writes them: sorting a million URLs by id cost
            // more than writing them.
            let mut cited: Vec<_> = citations(selection).map(|(_, c)| c.source).collect();
            cited.sort_unstable();
            cited.dedup();
            for s in cited {
                let source = data.source(s);
                let published = source.published.map(|d| d.to_string());
                let [earliest, latest] = bounds(source.published);
                table.push(&[
                    Cell::Text(Some(&source.id)),
                    Cell::Text(Some(&source.publication)),
                    text(&source.title),
                    text(&published),
                    earliest,
                    latest,
                    text(&source.url),
                    text(&source.notes),
                ])?;
            }
        }
        "citations.parquet" => {
            for (record, citation) in citations(selection) {
                let (kind, meeting, affiliation) = match record {
                    Record::Meeting(id) => ("meeting", Some(id), Cell::Int(None)),
                    Record::Affiliation(n) => ("affiliation", None, count(n)?),
                };
                table.push(&[
                    Cell::Text(Some(kind)),
                    Cell::Text(meeting),
                    affiliation,
                    Cell::Text(Some(&data.source(citation.source).id)),
                    text(&citation.evidence),
                ])?;
            }
        }
        _ => unreachable!("fields() knows every file"),
    }
    table.finish()
}

/// What a citation belongs to.
#[derive(Debug, Clone, Copy)]
enum Record<'a> {
    /// A meeting, by id.
    Meeting(&'a str),
    /// An affiliation, by its number.
    Affiliation(usize),
}

/// Every citation of the selected meetings (in date order), then of the exported
/// affiliations (in data order).
fn citations<'s>(
    selection: &'s Selection<'_>,
) -> impl Iterator<Item = (Record<'s>, &'s Citation)> + 's {
    let graph = selection.graph;
    let meetings = selection.meetings.iter().flat_map(move |selected| {
        let m = graph.meeting(selected.index);
        m.sources.iter().map(move |c| (Record::Meeting(&m.id), c))
    });
    let affiliations = affiliations(selection)
        .flat_map(|(n, a)| a.sources.iter().map(move |c| (Record::Affiliation(n), c)));
    meetings.chain(affiliations)
}

/// The affiliations between selected actors with their positions in the data set, in data
/// order.
fn affiliations<'s>(
    selection: &'s Selection<'_>,
) -> impl Iterator<Item = (usize, &'s crate::model::Affiliation)> + 's {
    let mut kept = vec![false; selection.graph.actor_count()];
    for &a in &selection.actors {
        kept[a.index()] = true;
    }
    selection
        .graph
        .data()
        .affiliations
        .iter()
        .enumerate()
        .filter(move |(_, a)| kept[a.actor.index()] && kept[a.of.index()])
}
