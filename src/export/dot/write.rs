//! Writing the selection as DOT statements: nodes, edges with labels and tooltips, clusters
//! and the legend.

use std::collections::BTreeSet;

use dot_writer::{Attributes, DotWriter, Scope};

use super::escape::{escape_label, escape_tooltip, quoted};
use super::style::{cluster_id, community_fill, kind_style, Cluster, PATH_COLOUR};
use super::{ClusterBy, DotOptions, DotSelection, EdgeLabels, PathHop, SelectedEdge};
use crate::export::render::Engine;
use crate::export::xml::escape as xml_escape;
use crate::graph::MeetingGraph;
use crate::model::{ActorIndex, ActorKind, FuzzyDate, MeetingIndex, Qualifier, Status};
use crate::query::listing::CitationRow;

/// One actor's node: shape and colours by kind, a tooltip, size by score, path marks.
pub(super) fn write_node(
    scope: &mut Scope<'_, '_>,
    graph: &MeetingGraph,
    a: ActorIndex,
    selection: &DotSelection,
    options: &DotOptions,
) {
    let actor = graph.actor(a);
    let (mut fill, border, shape) = kind_style(actor.kind);
    let count = selection.meeting_counts[a.index()];
    let mut tooltip = format!("{} ({})", actor.name, actor.kind);
    let community = options
        .communities
        .as_ref()
        .and_then(|c| c.get(a.index()).copied().flatten());
    if let Some(id) = community {
        fill = community_fill(id);
        tooltip.push_str(&format!("\ncommunity {id}"));
    }
    if let Some(native) = &actor.native_name {
        tooltip.push_str(&format!("\n{native}"));
    }
    tooltip.push_str(&format!(
        "\n{count} meeting{}",
        if count == 1 { "" } else { "s" }
    ));
    let mut font_size = None;
    if let Some(size) = &options.size {
        let max = size.values.iter().copied().fold(0.0_f64, f64::max);
        let value = size.values[a.index()];
        let share = if max > 0.0 { value / max } else { 0.0 };
        font_size = Some(format!("{:.1}", 10.0 + 16.0 * share));
        tooltip.push_str(&format!("\n{}: {:.4}", size.measure, value));
    }
    let mut node = scope.node_named(quoted(&actor.id));
    node.set("label", &escape_label(&actor.name), true)
        .set("shape", shape, false)
        .set("fillcolor", fill, true)
        .set("color", border, true)
        .set("tooltip", &escape_tooltip(&tooltip), true);
    if let Some(size) = &font_size {
        node.set("fontsize", size, false);
    }
    let on_path = options
        .path
        .as_ref()
        .is_some_and(|p| p.hops.iter().any(|h| h.from == a || h.to == a));
    if options.around == Some(a) || on_path {
        node.set("penwidth", "3", false);
    }
    if on_path {
        node.set("color", PATH_COLOUR, true);
    }
}

/// One edge: its label (when `labelled`), width by meeting count, path colours, dashes when
/// not held.
pub(super) fn write_edge(
    scope: &mut Scope<'_, '_>,
    graph: &MeetingGraph,
    edge: &SelectedEdge,
    options: &DotOptions,
    engine: Engine,
    labelled: bool,
) {
    let count = edge.meetings.len();
    let label = match (options.edge_labels, edge.hop) {
        (_, Some(PathHop { number, meeting })) => match meeting {
            Some(m) => format!("{number}. {}", graph.meeting(m).date),
            None => format!("{number}. via affiliation"),
        },
        (EdgeLabels::None, None) => String::new(),
        (EdgeLabels::Count, None) => count.to_string(),
        (_, None) if !labelled => String::new(),
        (EdgeLabels::Dates, None) => dates_text(graph, &edge.meetings),
    };
    let quoted_a = quoted(&graph.actor(edge.a).id);
    let quoted_b = quoted(&graph.actor(edge.b).id);
    let mut attrs = scope.edge(&quoted_a, &quoted_b).attributes();
    if !label.is_empty() {
        // The layered layout makes room for labels; the others place external labels only
        // where they fit. A path hop's label is always shown.
        let key = if engine == Engine::Dot || edge.hop.is_some() {
            "label"
        } else {
            "xlabel"
        };
        attrs.set(key, &escape_label(&label), true);
    }
    let width = 1.0 + (count.saturating_sub(1) as f64).min(4.0);
    if edge.hop.is_some() {
        // A heavy weight keeps the path straight in the layered layout.
        attrs
            .set("weight", "10", false)
            .set("color", PATH_COLOUR, true)
            .set("fontcolor", PATH_COLOUR, true)
            .set("penwidth", &format!("{:.1}", width.max(4.0)), false)
            .set("fontsize", "11", false);
    } else {
        attrs.set("penwidth", &format!("{width:.1}"), false);
    }
    if !edge.held {
        attrs.set("style", "dashed", true);
    }
    attrs.set("tooltip", &escape_tooltip(&edge_tooltip(graph, edge)), true);
}

/// "2016-06-28" for one meeting, "3 meetings, 2015–2018" (or "…, 2016") for several.
fn dates_text(graph: &MeetingGraph, meetings: &[MeetingIndex]) -> String {
    match meetings {
        [] => String::new(),
        [one] => {
            let m = graph.meeting(*one);
            if m.status == Status::Held {
                short_date(&m.date)
            } else {
                format!("{} ({})", short_date(&m.date), m.status)
            }
        }
        many => {
            let years: BTreeSet<i16> = many
                .iter()
                .flat_map(|&m| {
                    let d = graph.meeting(m).date;
                    [d.earliest().year(), d.latest().year()]
                })
                .filter(|y| (1..9999).contains(y))
                .collect();
            let span = match (years.first(), years.last()) {
                (Some(a), Some(b)) if a == b => format!(", {a}"),
                (Some(a), Some(b)) => format!(", {a}–{b}"),
                _ => String::new(),
            };
            format!("{} meetings{span}", many.len())
        }
    }
}

/// Month names for short labels.
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A date as a short label: a day as written ("2016-06-28"), a month or a span of days within
/// one year by month ("Jun 2016", "Jun–Jul 2016"), a longer span by year ("2015–2018").
fn short_date(date: &FuzzyDate) -> String {
    let (first, last) = (date.earliest(), date.latest());
    let open = first == jiff::civil::Date::MIN || last == jiff::civil::Date::MAX;
    let text = date.to_string();
    if open || date.is_exact_day() || !text.contains("..") {
        return text;
    }
    let suffix = match date.qualifier() {
        Qualifier::Exact => "",
        Qualifier::Uncertain => "?",
        Qualifier::Approximate => "~",
        Qualifier::UncertainApproximate => "%",
    };
    let month = |d: jiff::civil::Date| MONTHS[(d.month() as usize).clamp(1, 12) - 1];
    let body = if first.year() != last.year() {
        format!("{}–{}", first.year(), last.year())
    } else if first.month() == last.month() {
        format!("{} {}", month(first), first.year())
    } else {
        format!("{}–{} {}", month(first), month(last), first.year())
    };
    format!("{body}{suffix}")
}

/// Most meetings an edge tooltip lists.
const TOOLTIP_MEETINGS: usize = 8;

/// An edge's tooltip: the pair, then each meeting with its sources.
fn edge_tooltip(graph: &MeetingGraph, edge: &SelectedEdge) -> String {
    let (a, b) = (graph.actor(edge.a), graph.actor(edge.b));
    let mut text = format!("{} – {}", a.name, b.name);
    if let Some(hop) = edge.hop {
        text.push_str(&format!(" (path hop {})", hop.number));
    }
    for &m in edge.meetings.iter().take(TOOLTIP_MEETINGS) {
        let meeting = graph.meeting(m);
        text.push_str(&format!("\n{} {}", meeting.date, meeting.kind));
        if meeting.status != Status::Held {
            text.push_str(&format!(" ({})", meeting.status));
        }
        if let Some(place) = &meeting.place {
            text.push_str(&format!(", {place}"));
        }
        text.push_str(&format!(" [{}]", meeting.id));
        for citation in &meeting.sources {
            let row = CitationRow::new(graph.data(), citation);
            text.push_str(&format!("\n  source: {}", row.short()));
            if let Some(evidence) = &row.evidence {
                text.push_str(&format!(": {evidence}"));
            }
        }
    }
    if edge.meetings.len() > TOOLTIP_MEETINGS {
        text.push_str(&format!(
            "\n… and {} more",
            edge.meetings.len() - TOOLTIP_MEETINGS
        ));
    }
    text
}

/// The legend's rows below the kinds: line styles, the path, who no box could take.
fn legend_rows(
    graph: &MeetingGraph,
    selection: &DotSelection,
    options: &DotOptions,
    unplaced: &[ActorIndex],
) -> Vec<String> {
    let mut rows = Vec::new();
    let line = |colour: &str, sample: &str, text: &str| {
        format!(
            "<TR><TD><FONT COLOR=\"{colour}\"><B>{sample}</B></FONT></TD>\
             <TD ALIGN=\"LEFT\">{text}</TD></TR>"
        )
    };
    rows.push(line("#7a7a7a", "———", "met; thicker: more meetings"));
    if selection.edges.iter().any(|e| !e.held) {
        rows.push(line("#7a7a7a", "- - -", "scheduled, cancelled or declined"));
    }
    if options.path.is_some() {
        rows.push(line(PATH_COLOUR, "———", "path hop: number and date"));
    }
    if !unplaced.is_empty() {
        let what = match options.cluster {
            ClusterBy::Party => "party",
            _ => "state",
        };
        // Three names a line keeps the legend narrow.
        let names: Vec<String> = unplaced
            .chunks(3)
            .map(|chunk| {
                chunk
                    .iter()
                    .map(|&a| xml_escape(&graph.actor(a).name).into_owned())
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .collect();
        rows.push(format!(
            "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><B>Not in any {what} box ({}):</B><BR ALIGN=\"LEFT\"/>{}<BR ALIGN=\"LEFT\"/></TD></TR>",
            unplaced.len(),
            names.join(",<BR ALIGN=\"LEFT\"/>")
        ));
    }
    rows
}

/// The legend: kinds drawn and line styles, as a cluster or, for engines without clusters,
/// one node.
pub(super) fn write_legend(
    root: &mut Scope<'_, '_>,
    graph: &MeetingGraph,
    selection: &DotSelection,
    options: &DotOptions,
    engine: Engine,
    unplaced: &[ActorIndex],
) {
    let kinds = drawn_kinds(graph, selection);
    let rows = legend_rows(graph, selection, options, unplaced);
    if engine.draws_clusters() {
        // Kinds as real nodes, to show their shapes; ids hold a space, which no actor id may.
        let mut legend = root.cluster();
        legend
            .set("id", "cluster_legend", true)
            .set("label", "Legend", true)
            .set("style", "rounded", true)
            .set("color", "#b0b0b0", true)
            .set("fontsize", "12", false);
        for kind in kinds {
            let (fill, border, shape) = kind_style(kind);
            legend
                .node_named(quoted(&format!("legend {kind}")))
                .set("label", kind.as_str(), true)
                .set("shape", shape, false)
                .set("fillcolor", fill, true)
                .set("color", border, true)
                .set("fontsize", "10", false);
        }
        legend_table(&mut legend, &rows);
    } else {
        legend_table(root, &legend_cells(kinds, rows));
    }
}

/// The kinds of actor drawn.
fn drawn_kinds(graph: &MeetingGraph, selection: &DotSelection) -> BTreeSet<ActorKind> {
    selection
        .actors
        .iter()
        .map(|&a| graph.actor(a).kind)
        .collect()
}

/// The legend as one table: kinds as coloured cells, then the other rows.
fn legend_cells(kinds: BTreeSet<ActorKind>, rows: Vec<String>) -> Vec<String> {
    let mut cells = vec!["<TR><TD COLSPAN=\"2\"><B>Legend</B></TD></TR>".to_string()];
    for kind in kinds {
        let (fill, border, _) = kind_style(kind);
        cells.push(format!(
            "<TR><TD BGCOLOR=\"{fill}\" COLOR=\"{border}\" BORDER=\"1\" COLSPAN=\"2\">{kind}</TD></TR>"
        ));
    }
    cells.extend(rows);
    cells
}

/// The legend alone, as a DOT graph of one node, to be drawn beside the picture rather than
/// wherever a layout engine would put it.
pub(super) fn legend_graph(
    graph: &MeetingGraph,
    selection: &DotSelection,
    options: &DotOptions,
    unplaced: &[ActorIndex],
) -> Vec<u8> {
    let kinds = drawn_kinds(graph, selection);
    let rows = legend_rows(graph, selection, options, unplaced);
    let mut bytes = Vec::new();
    {
        let mut writer = DotWriter::from(&mut bytes);
        let mut root = writer.graph();
        root.set("layout", "dot", false)
            .set("bgcolor", "white", false)
            .set("pad", "0.2", true);
        root.node_attributes().set("fontname", "Helvetica", true);
        legend_table(&mut root, &legend_cells(kinds, rows));
    }
    bytes
}

/// The legend's key as a plaintext node holding an HTML-like table: edges drawn inside a small
/// cluster would have their labels pushed onto the sample ends by the force layouts.
fn legend_table(scope: &mut Scope<'_, '_>, rows: &[String]) {
    scope
        .node_named(quoted("legend key"))
        .set("shape", "plaintext", false)
        .set("style", "", true)
        .set("fontsize", "10", false)
        .set(
            "label",
            &format!(
                "<<TABLE BORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"2\">{}</TABLE>>",
                rows.concat()
            ),
            false,
        );
}

/// One cluster with its members' nodes.
pub(super) fn write_cluster(
    root: &mut Scope<'_, '_>,
    graph: &MeetingGraph,
    cluster: &Cluster,
    selection: &DotSelection,
    options: &DotOptions,
) {
    let mut sub = root.cluster();
    sub.set("id", &cluster_id(graph, options.cluster, cluster.of), true)
        .set("label", &escape_label(&graph.actor(cluster.of).name), true)
        .set(
            "tooltip",
            &escape_tooltip(&graph.actor(cluster.of).name),
            true,
        )
        .set("style", "rounded,filled", true)
        .set("fillcolor", "#f6f6f6", true)
        .set("color", "#b0b0b0", true)
        .set("fontsize", "16", false);
    for &a in &cluster.members {
        write_node(&mut sub, graph, a, selection, options);
    }
}
