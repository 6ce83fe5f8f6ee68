//! GEXF 1.2 for Gephi (and networkx's `read_gexf`): a dynamic graph whose edges carry one
//! spell per meeting, so that Gephi's timeline plays the network over time.

use std::io::{self, Write};

use jiff::civil::Date;

use crate::export::attributes::{attach_communities, facts, Facts};
use crate::export::selection::Selection;
use crate::export::xml::escape;

/// Writes the selection as GEXF 1.2 (`mode="dynamic"`, `timeformat="date"`).
///
/// Nodes are actors keyed by id, labelled with their names, with `kind`, `aliases`, `state`,
/// `party`, `held` and `not_held` attributes (as in [GraphML](crate::export::graphml)), and a
/// spell from the first possible day of their first selected meeting to the last possible day
/// of their last, so that Gephi's timeline shows an actor only while active (actors without
/// meetings get no spell and stay on screen). Each edge is a pair that met, weighted by its
/// number of meetings, with `meetings`, `first`, `last`, `meeting_ids`, `scheduled`,
/// `cancelled` and `declined` attributes and one spell per meeting from its earliest to its
/// latest possible day (inclusive). Meetings of one pair whose days overlap share a spell, because
/// Gephi rejects overlapping intervals on one element; an open end is left out.
///
/// ```
/// use whomet::export::{gexf, selection::{ExportFilter, Selection}};
/// use whomet::store::{load, DataLocation};
/// let graph = load(&DataLocation::Embedded)?;
/// let mut out = Vec::new();
/// gexf::write(&Selection::new(&graph, &ExportFilter::default()), &mut out)?;
/// let text = String::from_utf8(out)?;
/// assert!(text.contains(r#"<graph mode="dynamic" defaultedgetype="undirected" timeformat="date">"#));
/// assert!(text.contains("<spell "));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write(selection: &Selection<'_>, out: impl Write) -> io::Result<()> {
    write_with_communities(selection, None, out)
}

/// [`write()`], plus an integer node attribute `community` (the actor's Leiden community;
/// absent for actors who met no one) when `communities` is given, by actor index.
pub fn write_with_communities(
    selection: &Selection<'_>,
    communities: Option<&[Option<u32>]>,
    out: impl Write,
) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">"#
    )?;
    writeln!(
        out,
        "  <meta><creator>whomet {}</creator><description>Political actors and the meetings between them</description></meta>",
        env!("CARGO_PKG_VERSION")
    )?;
    writeln!(
        out,
        r#"  <graph mode="dynamic" defaultedgetype="undirected" timeformat="date">"#
    )?;
    write_attributes(&mut out, communities.is_some())?;
    let mut facts = facts(selection);
    if let Some(communities) = communities {
        attach_communities(&mut facts, selection, communities);
    }
    write_nodes(&mut out, selection, &facts)?;
    write_edges(&mut out, selection, &facts)?;
    writeln!(out, "  </graph>")?;
    writeln!(out, "</gexf>")?;
    out.flush()
}

/// The declarations of the node and edge attributes.
fn write_attributes(out: &mut impl Write, community: bool) -> io::Result<()> {
    writeln!(out, r#"    <attributes class="node" mode="static">"#)?;
    writeln!(
        out,
        r#"      <attribute id="kind" title="kind" type="string"/>"#
    )?;
    for (id, kind) in [
        ("aliases", "string"),
        ("state", "string"),
        ("party", "string"),
        ("held", "integer"),
        ("not_held", "integer"),
    ] {
        writeln!(
            out,
            r#"      <attribute id="{id}" title="{id}" type="{kind}"/>"#
        )?;
    }
    if community {
        writeln!(
            out,
            r#"      <attribute id="community" title="community" type="integer"/>"#
        )?;
    }
    writeln!(out, "    </attributes>")?;
    writeln!(out, r#"    <attributes class="edge" mode="static">"#)?;
    writeln!(
        out,
        r#"      <attribute id="meetings" title="meetings" type="integer"/>"#
    )?;
    writeln!(
        out,
        r#"      <attribute id="first" title="first" type="string"/>"#
    )?;
    writeln!(
        out,
        r#"      <attribute id="last" title="last" type="string"/>"#
    )?;
    writeln!(
        out,
        r#"      <attribute id="meeting_ids" title="meeting_ids" type="string"/>"#
    )?;
    for id in ["scheduled", "cancelled", "declined"] {
        writeln!(
            out,
            r#"      <attribute id="{id}" title="{id}" type="integer"/>"#
        )?;
    }
    writeln!(out, "    </attributes>")?;
    Ok(())
}

/// One node per actor.
fn write_nodes(out: &mut impl Write, selection: &Selection<'_>, facts: &Facts) -> io::Result<()> {
    let graph = selection.graph;
    writeln!(out, "    <nodes>")?;
    for (&a, node) in selection.actors.iter().zip(&facts.nodes) {
        let actor = graph.actor(a);
        write!(
            out,
            r#"      <node id="{}" label="{}"><attvalues><attvalue for="kind" value="{}"/>"#,
            escape(&actor.id),
            escape(&actor.name),
            actor.kind
        )?;
        if !actor.aliases.is_empty() {
            write!(
                out,
                r#"<attvalue for="aliases" value="{}"/>"#,
                escape(&actor.aliases.join("|"))
            )?;
        }
        for (key, value) in [("state", &node.state), ("party", &node.party)] {
            if let Some(value) = value {
                write!(out, r#"<attvalue for="{key}" value="{}"/>"#, escape(value))?;
            }
        }
        write!(
            out,
            r#"<attvalue for="held" value="{}"/><attvalue for="not_held" value="{}"/>"#,
            node.held, node.not_held
        )?;
        if let Some(c) = node.community {
            write!(out, r#"<attvalue for="community" value="{c}"/>"#)?;
        }
        out.write_all(b"</attvalues>")?;
        if node.first.is_some() || node.last.is_some() {
            out.write_all(b"<spells><spell")?;
            if let Some(start) = node.first.filter(|&d| d != Date::MIN) {
                write!(out, r#" start="{start}""#)?;
            }
            if let Some(end) = node.last.filter(|&d| d != Date::MAX) {
                write!(out, r#" end="{end}""#)?;
            }
            out.write_all(b"/></spells>")?;
        }
        writeln!(out, "</node>")?;
    }
    writeln!(out, "    </nodes>")?;
    Ok(())
}

/// One edge per pair, with a spell per (merged) meeting.
fn write_edges(out: &mut impl Write, selection: &Selection<'_>, facts: &Facts) -> io::Result<()> {
    let graph = selection.graph;
    writeln!(out, "    <edges>")?;
    for (n, pair) in selection.pairs().enumerate() {
        let Some((first, last, ids)) = pair.summary(graph) else {
            continue;
        };
        let count = pair.meetings.len();
        let other = facts.pair(pair.a, pair.b);
        write!(
            out,
            r#"      <edge id="{n}" source="{}" target="{}" weight="{count}"><attvalues><attvalue for="meetings" value="{count}"/><attvalue for="first" value="{first}"/><attvalue for="last" value="{last}"/><attvalue for="meeting_ids" value="{}"/><attvalue for="scheduled" value="{}"/><attvalue for="cancelled" value="{}"/><attvalue for="declined" value="{}"/></attvalues><spells>"#,
            escape(&graph.actor(pair.a).id),
            escape(&graph.actor(pair.b).id),
            escape(&ids),
            other.scheduled,
            other.cancelled,
            other.declined,
        )?;
        let days = pair.meetings.iter().map(|&m| {
            let date = graph.meeting(m).date;
            (date.earliest(), date.latest())
        });
        for (start, end) in merged(days) {
            out.write_all(b"<spell")?;
            if start != Date::MIN {
                write!(out, r#" start="{start}""#)?;
            }
            if end != Date::MAX {
                write!(out, r#" end="{end}""#)?;
            }
            out.write_all(b"/>")?;
        }
        writeln!(out, "</spells></edge>")?;
    }
    writeln!(out, "    </edges>")?;
    Ok(())
}

/// Unions overlapping inclusive day ranges, in order of their starts.
fn merged(days: impl Iterator<Item = (Date, Date)>) -> Vec<(Date, Date)> {
    let mut ranges: Vec<(Date, Date)> = days.collect();
    ranges.sort_unstable();
    let mut out: Vec<(Date, Date)> = Vec::with_capacity(ranges.len());
    for (start, end) in ranges {
        match out.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => out.push((start, end)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_days_share_a_spell() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        let days = [
            (d("2016-06-28"), d("2016-06-28")),
            (d("2016-01-01"), d("2016-12-31")),
            (d("2017-03-01"), d("2017-03-01")),
            (d("2017-03-02"), d("2017-03-02")),
        ];
        assert_eq!(
            merged(days.into_iter()),
            [
                (d("2016-01-01"), d("2016-12-31")),
                (d("2017-03-01"), d("2017-03-01")),
                (d("2017-03-02"), d("2017-03-02")),
            ]
        );
    }
}
