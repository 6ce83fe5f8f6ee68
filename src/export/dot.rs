//! The network as Graphviz DOT: which actors and meetings to draw ([`DotOptions`]) and how
//! (shapes and colours by kind, clusters by affiliation, labels, a legend, citation tooltips).
//!
//! Output is deterministic: nodes are written in actor-id order, edges in order of their
//! end points' ids, clusters in order of the affiliated actor's id.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use dot_writer::{Attributes, DotWriter, Scope};
use serde::Serialize;

use crate::algo::centrality::{self, Measure};
use crate::error::Error;
use crate::export::render::Engine;
use crate::graph::{MeetingFilter, MeetingGraph};
use crate::model::{ActorIndex, ActorKind, MeetingIndex, Status};
use crate::query::listing::CitationRow;

/// How people are grouped into boxes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ClusterBy {
    /// No grouping.
    #[default]
    None,
    /// By the state a person is affiliated with.
    State,
    /// By the party a person is affiliated with.
    Party,
}

/// What an edge's label says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EdgeLabels {
    /// No label.
    None,
    /// The date of a single meeting, or "3 meetings, 2015–2018".
    #[default]
    Dates,
    /// The number of meetings.
    Count,
}

/// A score per actor (indexed by [`ActorIndex`]), from a centrality measure.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Scores {
    /// The measure's name, shown in tooltips, e.g. `betweenness`.
    pub measure: String,
    /// One value per actor; higher is more central.
    pub values: Vec<f64>,
}

impl Scores {
    /// A centrality measure over the held meetings in `filter`'s date window.
    ///
    /// # Errors
    /// [`Error::Usage`] when a power iteration (eigenvector, PageRank, Katz) does not converge.
    pub fn compute(
        graph: &MeetingGraph,
        filter: &MeetingFilter,
        measure: Measure,
    ) -> Result<Self, Error> {
        let held = MeetingFilter::held_between(filter.from, filter.to);
        let projection = graph.projection(&held);
        let mut values = centrality::compute(
            &projection,
            &[measure],
            &centrality::MeasureOptions::default(),
        )?;
        Ok(Scores {
            measure: measure.as_str().to_string(),
            values: values.pop().unwrap_or_default(),
        })
    }
}

/// One hop of a path to highlight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HighlightHop {
    /// Where the hop starts.
    pub from: ActorIndex,
    /// Where it ends.
    pub to: ActorIndex,
    /// The meeting that links them, if the path names one.
    pub meeting: Option<MeetingIndex>,
}

/// A path to draw with thick coloured edges and numbered hops.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Highlight {
    /// The hops in order.
    pub hops: Vec<HighlightHop>,
}

impl From<&crate::query::path::Path> for Highlight {
    fn from(path: &crate::query::path::Path) -> Self {
        Highlight {
            hops: path
                .hops
                .iter()
                .map(|h| HighlightHop {
                    from: h.from,
                    to: h.to,
                    meeting: h.meeting(),
                })
                .collect(),
        }
    }
}

impl Highlight {
    /// The actors along the path, in order.
    pub fn actors(&self) -> Vec<ActorIndex> {
        let mut out: Vec<ActorIndex> = self.hops.first().map(|h| h.from).into_iter().collect();
        out.extend(self.hops.iter().map(|h| h.to));
        out
    }
}

/// What to draw and how.
#[derive(Debug, Clone, PartialEq)]
pub struct DotOptions {
    /// Which meetings count: date window and status.
    pub filter: MeetingFilter,
    /// Kinds of actor to show; empty shows every kind.
    pub kinds: Vec<ActorKind>,
    /// Only actors within `depth` meetings of this one (an ego network).
    pub around: Option<ActorIndex>,
    /// How far from `around` to go.
    pub depth: usize,
    /// A path to highlight; its actors are always shown.
    pub path: Option<Highlight>,
    /// Show only the path's actors.
    pub path_only: bool,
    /// Keep only this many actors, the highest scoring by `rank`.
    pub top: Option<usize>,
    /// The scores `top` ranks by.
    pub rank: Option<Scores>,
    /// Scale nodes (their font) by these scores.
    pub size: Option<Scores>,
    /// Only actors with at least this many meetings passing the filter (0 shows isolated ones).
    pub min_meetings: usize,
    /// How to group people.
    pub cluster: ClusterBy,
    /// What edge labels say.
    pub edge_labels: EdgeLabels,
    /// Draw a legend.
    pub legend: bool,
    /// The layout engine the DOT asks for; `None` picks one by size ([`Engine::choose`]).
    pub engine: Option<Engine>,
    /// A title over the picture.
    pub title: Option<String>,
}

impl Default for DotOptions {
    fn default() -> Self {
        DotOptions {
            filter: MeetingFilter::default(),
            kinds: Vec::new(),
            around: None,
            depth: 1,
            path: None,
            path_only: false,
            top: None,
            rank: None,
            size: None,
            min_meetings: 1,
            cluster: ClusterBy::None,
            edge_labels: EdgeLabels::Dates,
            legend: true,
            engine: None,
            title: None,
        }
    }
}

/// DOT text and what it holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dot {
    /// The DOT source.
    pub text: String,
    /// Number of actors drawn (the legend not counted).
    pub actors: usize,
    /// Number of edges drawn (the legend not counted).
    pub edges: usize,
    /// Number of clusters (the legend not counted).
    pub clusters: usize,
    /// The layout engine the DOT asks for.
    #[serde(serialize_with = "engine_name")]
    pub engine: Engine,
    /// Things the caller may want to tell the user, e.g. an option the engine ignores.
    pub notes: Vec<String>,
}

fn engine_name<S: serde::Serializer>(engine: &Engine, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(engine.as_str())
}

/// The actors and edges chosen for a picture.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Selection {
    /// Actors to draw, in id order.
    pub actors: Vec<ActorIndex>,
    /// Edges to draw, in order of their ends' ids.
    pub edges: Vec<SelectedEdge>,
    /// Meetings per actor that pass the filter (indexed by [`ActorIndex`]).
    pub meeting_counts: Vec<usize>,
}

/// One drawn edge: the meetings of a pair that share a held/not-held status.
#[derive(Debug, Clone, PartialEq)]
pub struct SelectedEdge {
    /// The end with the smaller id.
    pub a: ActorIndex,
    /// The other end.
    pub b: ActorIndex,
    /// The meetings behind the edge, in date order; empty for a path hop outside the filter.
    pub meetings: Vec<MeetingIndex>,
    /// True when the meetings took place; false for scheduled, cancelled or declined ones.
    pub held: bool,
    /// Where the edge stands on the highlighted path, if it does.
    pub hop: Option<PathHop>,
}

/// An edge's place on the highlighted path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PathHop {
    /// The hop number, from 1.
    pub number: usize,
    /// The meeting the path cites for the hop.
    pub meeting: Option<MeetingIndex>,
}

#[derive(Default)]
struct PairMeetingsAcc {
    held: Vec<MeetingIndex>,
    other: Vec<MeetingIndex>,
}

/// Chooses the actors and edges to draw.
///
/// Order of filters: meetings pass the date window and status; actors need `min_meetings` of
/// them and one of `kinds`; `around` keeps the ego network (breadth-first over the drawn
/// meetings, every kind); `top` keeps the highest scoring; the path's actors and the centre are
/// always kept.
///
/// # Errors
/// [`Error::Usage`] when `top` is given without `rank`, or scores do not cover every actor.
pub fn select(graph: &MeetingGraph, options: &DotOptions) -> Result<Selection, Error> {
    let n = graph.actor_count();
    for scores in [&options.rank, &options.size].into_iter().flatten() {
        if scores.values.len() != n {
            return Err(Error::Usage(format!(
                "{} scores cover {} actors, the data has {n}",
                scores.measure,
                scores.values.len()
            )));
        }
    }
    let mut counts = vec![0usize; n];
    let mut pairs: BTreeMap<(ActorIndex, ActorIndex), PairMeetingsAcc> = BTreeMap::new();
    for &m in graph.meetings_by_date() {
        let meeting = graph.meeting(m);
        if !options.filter.accepts(meeting) {
            continue;
        }
        for p in &meeting.participants {
            counts[p.actor.index()] += 1;
        }
        for (i, x) in meeting.participants.iter().enumerate() {
            for y in &meeting.participants[i + 1..] {
                let key = (x.actor.min(y.actor), x.actor.max(y.actor));
                let acc = pairs.entry(key).or_default();
                let list = if meeting.status == Status::Held {
                    &mut acc.held
                } else {
                    &mut acc.other
                };
                if list.last() != Some(&m) {
                    list.push(m);
                }
            }
        }
    }

    let path_actors: Vec<ActorIndex> = options
        .path
        .as_ref()
        .map(Highlight::actors)
        .unwrap_or_default();
    let mut keep: Vec<bool> = (0..n)
        .map(|i| {
            let actor = graph.actor(ActorIndex(i as u32));
            counts[i] >= options.min_meetings
                && (options.kinds.is_empty() || options.kinds.contains(&actor.kind))
        })
        .collect();

    if let Some(centre) = options.around {
        let mut neighbours: Vec<Vec<ActorIndex>> = vec![Vec::new(); n];
        for &(a, b) in pairs.keys() {
            neighbours[a.index()].push(b);
            neighbours[b.index()].push(a);
        }
        let mut distance = vec![usize::MAX; n];
        distance[centre.index()] = 0;
        let mut queue = VecDeque::from([centre]);
        while let Some(v) = queue.pop_front() {
            let d = distance[v.index()];
            if d == options.depth {
                continue;
            }
            for &w in &neighbours[v.index()] {
                if distance[w.index()] == usize::MAX {
                    distance[w.index()] = d + 1;
                    queue.push_back(w);
                }
            }
        }
        for (i, k) in keep.iter_mut().enumerate() {
            *k &= distance[i] != usize::MAX;
        }
        keep[centre.index()] = true;
    }

    if let Some(top) = options.top {
        let rank = options.rank.as_ref().ok_or_else(|| {
            Error::Usage("--top needs a measure to rank by (--by MEASURE)".into())
        })?;
        let mut kept: Vec<ActorIndex> = (0..n as u32)
            .map(ActorIndex)
            .filter(|a| keep[a.index()])
            .collect();
        kept.sort_by(|x, y| {
            rank.values[y.index()]
                .total_cmp(&rank.values[x.index()])
                .then_with(|| graph.actor(*x).id.cmp(&graph.actor(*y).id))
        });
        for a in kept.into_iter().skip(top) {
            keep[a.index()] = false;
        }
        if let Some(centre) = options.around {
            keep[centre.index()] = true;
        }
    }

    if options.path_only && options.path.is_some() {
        keep.iter_mut().for_each(|k| *k = false);
    }
    for a in &path_actors {
        keep[a.index()] = true;
    }

    let mut actors: Vec<ActorIndex> = (0..n as u32)
        .map(ActorIndex)
        .filter(|a| keep[a.index()])
        .collect();
    actors.sort_by(|x, y| graph.actor(*x).id.cmp(&graph.actor(*y).id));

    // Hop edges run in path order, so the layered `dot` layout draws the path left to right.
    let mut hops: BTreeMap<(ActorIndex, ActorIndex), (ActorIndex, ActorIndex, PathHop)> =
        BTreeMap::new();
    if let Some(path) = &options.path {
        for (i, hop) in path.hops.iter().enumerate() {
            let place = PathHop {
                number: i + 1,
                meeting: hop.meeting,
            };
            hops.insert(
                (hop.from.min(hop.to), hop.from.max(hop.to)),
                (hop.from, hop.to, place),
            );
        }
    }

    let mut edges = Vec::new();
    for (&(x, y), acc) in &pairs {
        if !keep[x.index()] || !keep[y.index()] {
            continue;
        }
        let (a, b) = ordered(graph, x, y);
        let hop = hops.remove(&(x, y));
        if let Some((from, to, place)) = hop {
            let mut meetings = acc.held.clone();
            if let Some(m) = place.meeting {
                if !meetings.contains(&m) {
                    meetings.push(m);
                    meetings.sort_by(|p, q| date_order(graph, *p, *q));
                }
            }
            edges.push(SelectedEdge {
                a: from,
                b: to,
                meetings,
                held: true,
                hop: Some(place),
            });
        } else if !acc.held.is_empty() {
            edges.push(SelectedEdge {
                a,
                b,
                meetings: acc.held.clone(),
                held: true,
                hop: None,
            });
        }
        if !acc.other.is_empty() {
            edges.push(SelectedEdge {
                a,
                b,
                meetings: acc.other.clone(),
                held: false,
                hop: None,
            });
        }
    }
    // Hops over pairs the filter hides still belong to the path.
    for (from, to, place) in hops.into_values() {
        edges.push(SelectedEdge {
            a: from,
            b: to,
            meetings: place.meeting.into_iter().collect(),
            held: true,
            hop: Some(place),
        });
    }
    edges.sort_by(|e, f| {
        let key = |e: &SelectedEdge| {
            let (a, b) = ordered(graph, e.a, e.b);
            (
                graph.actor(a).id.as_str(),
                graph.actor(b).id.as_str(),
                !e.held,
            )
        };
        key(e).cmp(&key(f))
    });
    Ok(Selection {
        actors,
        edges,
        meeting_counts: counts,
    })
}

fn ordered(graph: &MeetingGraph, x: ActorIndex, y: ActorIndex) -> (ActorIndex, ActorIndex) {
    if graph.actor(x).id <= graph.actor(y).id {
        (x, y)
    } else {
        (y, x)
    }
}

fn date_order(graph: &MeetingGraph, p: MeetingIndex, q: MeetingIndex) -> std::cmp::Ordering {
    let (mp, mq) = (graph.meeting(p), graph.meeting(q));
    mp.date.cmp(&mq.date).then_with(|| mp.id.cmp(&mq.id))
}

/// Escapes text for a quoted DOT string: `"` and `\` are backslashed, a line break becomes
/// `\n`, other control characters a space. Graphviz keeps `\\` as two characters when it
/// reads DOT and turns it into one backslash when it expands a label or an `id`, so a name
/// holding `\N` shows as written instead of as the node's id.
///
/// ```
/// use whomet::export::dot::escape;
/// assert_eq!(escape("say \"hi\"\\n\nnext"), r#"say \"hi\"\\n\nnext"#);
/// ```
pub fn escape(text: &str) -> String {
    escape_with(text, "\\\\")
}

fn escape_with(text: &str, backslash: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str(backslash),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("\\n"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for a label: as [`escape`], and an `&` that starts something Graphviz would
/// read as an HTML entity (`&amp;`, `&#38;`) becomes `&amp;`, so the entity's letters show.
///
/// ```
/// use whomet::export::dot::escape_label;
/// assert_eq!(escape_label("AT&T &amp; co"), "AT&T &amp;amp; co");
/// ```
pub fn escape_label(text: &str) -> String {
    protect_entities(&escape(text))
}

/// Escapes text for a tooltip. Graphviz expands a tooltip's backslashes twice (once for line
/// breaks, once for `\N`-style names), so each literal backslash is written as four.
///
/// ```
/// use whomet::export::dot::escape_tooltip;
/// assert_eq!(escape_tooltip("a\\N\nb"), r"a\\\\N\nb");
/// ```
pub fn escape_tooltip(text: &str) -> String {
    protect_entities(&escape_with(text, "\\\\\\\\"))
}

fn protect_entities(escaped: &str) -> String {
    let mut out = String::with_capacity(escaped.len());
    for (i, c) in escaped.char_indices() {
        if c == '&' && looks_like_entity(&escaped[i + 1..]) {
            out.push_str("&amp;");
        } else {
            out.push(c);
        }
    }
    out
}

fn looks_like_entity(rest: &str) -> bool {
    let body: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
        .collect();
    !body.is_empty() && rest[body.len()..].starts_with(';')
}

/// A quoted DOT identifier for any text.
fn quoted(text: &str) -> String {
    format!("\"{}\"", escape(text))
}

/// Fill, border colour and shape per kind: light fills so black labels stay legible.
fn kind_style(kind: ActorKind) -> (&'static str, &'static str, &'static str) {
    match kind {
        ActorKind::Person => ("#dbe9f6", "#3b6ea5", "ellipse"),
        ActorKind::Party => ("#fde0c5", "#c0602b", "box"),
        ActorKind::State => ("#d5efcf", "#3f8a3a", "doubleoctagon"),
        ActorKind::Organization => ("#e8dff2", "#7a5a9e", "note"),
    }
}

const PATH_COLOUR: &str = "#d62728";

/// Builds the DOT text for the selected network.
///
/// # Errors
/// As [`select`].
///
/// ```
/// use whomet::export::dot::{dot, DotOptions};
/// use whomet::store::{load, DataLocation};
/// let graph = load(&DataLocation::Embedded)?;
/// let out = dot(&graph, &DotOptions::default())?;
/// assert!(out.text.starts_with("graph {"));
/// assert!(out.text.contains("\"kim-jong-un\" ["));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn dot(graph: &MeetingGraph, options: &DotOptions) -> Result<Dot, Error> {
    let selection = select(graph, options)?;
    let has_path = options.path.is_some();
    let wants_clusters = options.cluster != ClusterBy::None;
    let engine = options
        .engine
        .unwrap_or_else(|| Engine::choose(selection.actors.len(), has_path, wants_clusters));
    let mut notes = Vec::new();
    let clusters = if engine.draws_clusters() {
        clusters(graph, &selection, options)
    } else {
        if wants_clusters {
            notes.push(format!(
                "{engine} does not draw clusters, so --cluster is ignored; use --engine dot or fdp"
            ));
        }
        Vec::new()
    };
    let mut bytes = Vec::new();
    {
        let mut writer = DotWriter::from(&mut bytes);
        let mut root = writer.graph();
        graph_attributes(&mut root, graph, engine, options, selection.edges.len());
        let clustered: BTreeSet<ActorIndex> = clusters
            .iter()
            .flat_map(|c| c.members.iter().copied())
            .collect();
        for cluster in &clusters {
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
                write_node(&mut sub, graph, a, &selection, options);
            }
        }
        for &a in &selection.actors {
            if !clustered.contains(&a) {
                write_node(&mut root, graph, a, &selection, options);
            }
        }
        for edge in &selection.edges {
            write_edge(&mut root, graph, edge, options);
        }
        if options.legend {
            write_legend(&mut root, graph, &selection, options, engine);
        }
    }
    let text = String::from_utf8(bytes)
        .map_err(|e| Error::Usage(format!("internal error: DOT is not UTF-8: {e}")))?;
    Ok(Dot {
        text,
        actors: selection.actors.len(),
        edges: selection.edges.len(),
        clusters: clusters.len(),
        engine,
        notes,
    })
}

/// Up to this many edges the force layouts route curved edges around nodes; the routing grows
/// quickly with the edge count (about 0.6 s at 235 edges, 95 s at 2,700), so above it edges are
/// straight.
pub const CURVED_EDGE_LIMIT: usize = 150;

fn graph_attributes(
    root: &mut Scope<'_, '_>,
    graph: &MeetingGraph,
    engine: Engine,
    options: &DotOptions,
    edges: usize,
) {
    root.set("layout", engine.as_str(), false)
        .set("fontname", "Helvetica", true)
        .set("bgcolor", "white", false)
        .set("pad", "0.3", true)
        .set("outputorder", "edgesfirst", false);
    let curved = edges <= CURVED_EDGE_LIMIT;
    match engine {
        Engine::Dot => {
            root.set("rankdir", "LR", false)
                .set("nodesep", "0.35", true)
                .set("ranksep", "0.9", true)
                .set(
                    "splines",
                    if edges <= 1_000 { "true" } else { "line" },
                    false,
                );
        }
        Engine::Fdp | Engine::Neato | Engine::Sfdp | Engine::Circo | Engine::Twopi => {
            if engine == Engine::Fdp {
                root.set("K", "0.5", true);
            }
            root.set("overlap", "prism", false)
                .set("splines", if curved { "true" } else { "false" }, false)
                .set("sep", "+12", true)
                .set("esep", "+6", true);
        }
    }
    if let Some(centre) = options.around {
        if engine == Engine::Twopi {
            root.set("root", &escape(&graph.actor(centre).id), true);
        }
    }
    if let Some(title) = &options.title {
        root.set("label", &escape_label(title), true)
            .set("labelloc", "t", false)
            .set("fontsize", "20", false);
    }
    root.node_attributes()
        .set("fontname", "Helvetica", true)
        .set("fontsize", "11", false)
        .set("style", "filled", true)
        .set("penwidth", "1.2", false);
    root.edge_attributes()
        .set("fontname", "Helvetica", true)
        .set("fontsize", "9", false)
        .set("color", "#7a7a7a", true)
        .set("fontcolor", "#444444", true);
}

struct Cluster {
    of: ActorIndex,
    members: Vec<ActorIndex>,
}

fn clusters(graph: &MeetingGraph, selection: &Selection, options: &DotOptions) -> Vec<Cluster> {
    let kind = match options.cluster {
        ClusterBy::None => return Vec::new(),
        ClusterBy::State => ActorKind::State,
        ClusterBy::Party => ActorKind::Party,
    };
    let mut groups: BTreeMap<String, Cluster> = BTreeMap::new();
    let window = (options.filter.from, options.filter.to);
    // Bodies an actor belongs to in the window, in id order (several: the first by id wins,
    // which keeps the drawing deterministic).
    let bodies = |a: ActorIndex| -> Vec<ActorIndex> {
        let mut out: Vec<ActorIndex> = graph
            .data()
            .affiliations
            .iter()
            .filter(|f| f.actor == a && f.overlaps(window.0, window.1))
            .map(|f| f.of)
            .collect();
        out.sort_by(|x, y| graph.actor(*x).id.cmp(&graph.actor(*y).id));
        out.dedup();
        out
    };
    let direct = |a: ActorIndex| bodies(a).into_iter().find(|&b| graph.actor(b).kind == kind);
    for &a in &selection.actors {
        let actor = graph.actor(a);
        let of = if actor.kind == kind {
            Some(a)
        } else if matches!(actor.kind, ActorKind::Person | ActorKind::Organization) {
            // Without a direct tie, one step through a body the actor belongs to: an
            // official of a state's committee sits with that state.
            direct(a).or_else(|| bodies(a).into_iter().find_map(direct))
        } else {
            None
        };
        if let Some(of) = of {
            groups
                .entry(graph.actor(of).id.clone())
                .or_insert_with(|| Cluster {
                    of,
                    members: Vec::new(),
                })
                .members
                .push(a);
        }
    }
    // A group holding only the affiliated actor itself is no group.
    groups
        .into_values()
        .filter(|c| c.members.iter().any(|&m| m != c.of))
        .collect()
}

fn cluster_id(graph: &MeetingGraph, by: ClusterBy, of: ActorIndex) -> String {
    let prefix = match by {
        ClusterBy::Party => "cluster_party_",
        _ => "cluster_state_",
    };
    escape(&format!("{prefix}{}", graph.actor(of).id))
}

fn write_node(
    scope: &mut Scope<'_, '_>,
    graph: &MeetingGraph,
    a: ActorIndex,
    selection: &Selection,
    options: &DotOptions,
) {
    let actor = graph.actor(a);
    let (fill, border, shape) = kind_style(actor.kind);
    let count = selection.meeting_counts[a.index()];
    let mut tooltip = format!("{} ({})", actor.name, actor.kind);
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

fn write_edge(
    scope: &mut Scope<'_, '_>,
    graph: &MeetingGraph,
    edge: &SelectedEdge,
    options: &DotOptions,
) {
    let count = edge.meetings.len();
    let label = match (options.edge_labels, edge.hop) {
        (_, Some(PathHop { number, meeting })) => match meeting {
            Some(m) => format!("{number}. {}", graph.meeting(m).date),
            None => format!("{number}. via affiliation"),
        },
        (EdgeLabels::None, None) => String::new(),
        (EdgeLabels::Count, None) => count.to_string(),
        (EdgeLabels::Dates, None) => dates_text(graph, &edge.meetings),
    };
    let quoted_a = quoted(&graph.actor(edge.a).id);
    let quoted_b = quoted(&graph.actor(edge.b).id);
    let mut attrs = scope.edge(&quoted_a, &quoted_b).attributes();
    if !label.is_empty() {
        attrs.set("label", &escape_label(&label), true);
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
                m.date.to_string()
            } else {
                format!("{} ({})", m.date, m.status)
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

const TOOLTIP_MEETINGS: usize = 8;

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

fn write_legend(
    root: &mut Scope<'_, '_>,
    graph: &MeetingGraph,
    selection: &Selection,
    options: &DotOptions,
    engine: Engine,
) {
    let kinds: BTreeSet<ActorKind> = selection
        .actors
        .iter()
        .map(|&a| graph.actor(a).kind)
        .collect();
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
        // Engines without clusters get one node: kinds as coloured cells, then line styles.
        let mut cells = vec!["<TR><TD COLSPAN=\"2\"><B>Legend</B></TD></TR>".to_string()];
        for kind in kinds {
            let (fill, border, _) = kind_style(kind);
            cells.push(format!(
                "<TR><TD BGCOLOR=\"{fill}\" COLOR=\"{border}\" BORDER=\"1\" COLSPAN=\"2\">{kind}</TD></TR>"
            ));
        }
        cells.extend(rows);
        legend_table(root, &cells);
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_keeps_names_as_written() {
        assert_eq!(escape("plain"), "plain");
        assert_eq!(escape("a\"b"), "a\\\"b");
        assert_eq!(escape("C:\\N"), "C:\\\\N");
        assert_eq!(escape("one\r\ntwo\nthree"), "one\\ntwo\\nthree");
        assert_eq!(escape("tab\there"), "tab here");
        assert_eq!(escape("김정은 <&>"), "김정은 <&>");
        assert_eq!(escape_tooltip("a\\b \"c\""), "a\\\\\\\\b \\\"c\\\"");
    }

    #[test]
    fn labels_protect_entities_only() {
        assert_eq!(escape_label("A & B"), "A & B");
        assert_eq!(escape_label("&amp;"), "&amp;amp;");
        assert_eq!(escape_label("&#38;x"), "&amp;#38;x");
        assert_eq!(escape_label("&;"), "&;");
    }

    #[test]
    fn highlight_lists_its_actors_in_order() {
        let h = Highlight {
            hops: vec![
                HighlightHop {
                    from: ActorIndex(3),
                    to: ActorIndex(1),
                    meeting: None,
                },
                HighlightHop {
                    from: ActorIndex(1),
                    to: ActorIndex(7),
                    meeting: None,
                },
            ],
        };
        assert_eq!(
            h.actors(),
            vec![ActorIndex(3), ActorIndex(1), ActorIndex(7)]
        );
    }
}
