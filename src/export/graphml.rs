//! GraphML with typed attributes, as networkx's `read_graphml`, Gephi, Cytoscape and yEd read
//! it: one node per actor (label, kind, aliases, state and party bloc, meeting counts) and
//! one undirected edge per pair that met (meeting count, first and last date, meeting ids,
//! and the pair's meetings that did not take place, by status).

use std::io::{self, Write};

use crate::export::attributes::{attach_communities, facts};
use crate::export::selection::Selection;
use crate::export::xml::escape;

/// The attribute keys: (id, for, name, type).
const KEYS: [(&str, &str, &str, &str); 18] = [
    ("label", "node", "label", "string"),
    ("name", "node", "name", "string"),
    ("kind", "node", "kind", "string"),
    ("aliases", "node", "aliases", "string"),
    ("state", "node", "state", "string"),
    ("party", "node", "party", "string"),
    ("held", "node", "held", "int"),
    ("not_held", "node", "not_held", "int"),
    ("first_day", "node", "first_day", "string"),
    ("last_day", "node", "last_day", "string"),
    ("scheduled", "edge", "scheduled", "int"),
    ("cancelled", "edge", "cancelled", "int"),
    ("declined", "edge", "declined", "int"),
    ("meetings", "edge", "meetings", "int"),
    ("weight", "edge", "weight", "double"),
    ("first", "edge", "first", "string"),
    ("last", "edge", "last", "string"),
    ("meeting_ids", "edge", "meeting_ids", "string"),
];

/// Writes the selection as GraphML.
///
/// Nodes are keyed by actor id, in id order, with `label` (the name, which Gephi and
/// Cytoscape show), `name`, `kind`, `aliases` (joined by `|`), `state` and `party` (the ids of
/// the bloc the actor serves, directly or through its party or organisation, when the data
/// ties it to one), `held` and `not_held` (its selected meetings that did and did not take
/// place) and `first_day`/`last_day` (the span of those meetings). Each edge carries
/// `meetings` (int) and `weight` (double, the same count, for tools that weight by it),
/// `first` and `last` (the dates of its first and last meetings as written) and
/// `meeting_ids` (joined by `|`, in date order), and `scheduled`, `cancelled` and `declined`
/// (the pair's meetings across sides that did not take place, which are never edges).
///
/// ```
/// use whomet::export::{graphml, selection::{ExportFilter, Selection}};
/// use whomet::store::{load, DataLocation};
/// let graph = load(&DataLocation::Embedded)?;
/// let mut out = Vec::new();
/// graphml::write(&Selection::new(&graph, &ExportFilter::default()), &mut out)?;
/// let text = String::from_utf8(out)?;
/// assert!(text.contains(r#"<node id="kim-jong-un">"#));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write(selection: &Selection<'_>, out: impl Write) -> io::Result<()> {
    write_with_communities(selection, None, out)
}

/// [`write()`], plus an int node attribute `community` (the actor's Leiden community; absent
/// for actors who met no one) when `communities` is given, by actor index.
pub fn write_with_communities(
    selection: &Selection<'_>,
    communities: Option<&[Option<u32>]>,
    out: impl Write,
) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    let graph = selection.graph;
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    for (id, target, name, kind) in KEYS {
        writeln!(
            out,
            r#"  <key id="{id}" for="{target}" attr.name="{name}" attr.type="{kind}"/>"#
        )?;
    }
    if communities.is_some() {
        writeln!(
            out,
            r#"  <key id="community" for="node" attr.name="community" attr.type="int"/>"#
        )?;
    }
    writeln!(out, r#"  <graph id="whomet" edgedefault="undirected">"#)?;
    let mut facts = facts(selection);
    if let Some(communities) = communities {
        attach_communities(&mut facts, selection, communities);
    }
    for (&a, node) in selection.actors.iter().zip(&facts.nodes) {
        let actor = graph.actor(a);
        write!(out, r#"    <node id="{}">"#, escape(&actor.id))?;
        write!(out, r#"<data key="label">{}</data>"#, escape(&actor.name))?;
        write!(out, r#"<data key="name">{}</data>"#, escape(&actor.name))?;
        write!(out, r#"<data key="kind">{}</data>"#, actor.kind)?;
        if !actor.aliases.is_empty() {
            write!(
                out,
                r#"<data key="aliases">{}</data>"#,
                escape(&actor.aliases.join("|"))
            )?;
        }
        for (key, value) in [("state", &node.state), ("party", &node.party)] {
            if let Some(value) = value {
                write!(out, r#"<data key="{key}">{}</data>"#, escape(value))?;
            }
        }
        write!(
            out,
            r#"<data key="held">{}</data><data key="not_held">{}</data>"#,
            node.held, node.not_held
        )?;
        for (key, day) in [("first_day", node.first), ("last_day", node.last)] {
            if let Some(day) = day.and_then(crate::query::listing::bound) {
                write!(out, r#"<data key="{key}">{day}</data>"#)?;
            }
        }
        if let Some(c) = node.community {
            write!(out, r#"<data key="community">{c}</data>"#)?;
        }
        writeln!(out, "</node>")?;
    }
    for pair in selection.pairs() {
        let Some((first, last, ids)) = pair.summary(graph) else {
            continue;
        };
        let count = pair.meetings.len();
        let other = facts.pair(pair.a, pair.b);
        writeln!(
            out,
            r#"    <edge source="{}" target="{}"><data key="meetings">{count}</data><data key="weight">{count}.0</data><data key="first">{first}</data><data key="last">{last}</data><data key="meeting_ids">{}</data><data key="scheduled">{}</data><data key="cancelled">{}</data><data key="declined">{}</data></edge>"#,
            escape(&graph.actor(pair.a).id),
            escape(&graph.actor(pair.b).id),
            escape(&ids),
            other.scheduled,
            other.cancelled,
            other.declined,
        )?;
    }
    writeln!(out, "  </graph>")?;
    writeln!(out, "</graphml>")?;
    out.flush()
}
