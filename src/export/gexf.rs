//! GEXF 1.2 for Gephi (and networkx's `read_gexf`): a dynamic graph whose edges carry one
//! spell per meeting, so that Gephi's timeline plays the network over time.

use std::io::{self, Write};

use jiff::civil::Date;

use crate::export::selection::Selection;
use crate::export::xml::escape;

/// Writes the selection as GEXF 1.2 (`mode="dynamic"`, `timeformat="date"`).
///
/// Nodes are actors keyed by id, labelled with their names, with `kind` and `aliases`
/// attributes; they carry no spell, so every actor stays on screen. Each edge is a pair that
/// met, weighted by its number of meetings, with `meetings`, `first`, `last` and
/// `meeting_ids` attributes and one spell per meeting from its earliest to its latest
/// possible day (inclusive). Meetings of one pair whose days overlap share a spell, because
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
    write_attributes(&mut out)?;
    write_nodes(&mut out, selection)?;
    write_edges(&mut out, selection)?;
    writeln!(out, "  </graph>")?;
    writeln!(out, "</gexf>")?;
    out.flush()
}

/// The declarations of the node and edge attributes.
fn write_attributes(out: &mut impl Write) -> io::Result<()> {
    writeln!(out, r#"    <attributes class="node" mode="static">"#)?;
    writeln!(
        out,
        r#"      <attribute id="kind" title="kind" type="string"/>"#
    )?;
    writeln!(
        out,
        r#"      <attribute id="aliases" title="aliases" type="string"/>"#
    )?;
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
    writeln!(out, "    </attributes>")?;
    Ok(())
}

/// One node per actor.
fn write_nodes(out: &mut impl Write, selection: &Selection<'_>) -> io::Result<()> {
    let graph = selection.graph;
    writeln!(out, "    <nodes>")?;
    for &a in &selection.actors {
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
        writeln!(out, "</attvalues></node>")?;
    }
    writeln!(out, "    </nodes>")?;
    Ok(())
}

/// One edge per pair, with a spell per (merged) meeting.
fn write_edges(out: &mut impl Write, selection: &Selection<'_>) -> io::Result<()> {
    let graph = selection.graph;
    writeln!(out, "    <edges>")?;
    for (n, pair) in selection.pairs().enumerate() {
        let Some((first, last, ids)) = pair.summary(graph) else {
            continue;
        };
        let count = pair.meetings.len();
        write!(
            out,
            r#"      <edge id="{n}" source="{}" target="{}" weight="{count}"><attvalues><attvalue for="meetings" value="{count}"/><attvalue for="first" value="{first}"/><attvalue for="last" value="{last}"/><attvalue for="meeting_ids" value="{}"/></attvalues><spells>"#,
            escape(&graph.actor(pair.a).id),
            escape(&graph.actor(pair.b).id),
            escape(&ids),
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
