//! How the picture looks: shapes and colours by actor kind, the path colour, graph-wide
//! layout attributes, and clusters of people by state or party.

use std::collections::BTreeMap;

use dot_writer::{Attributes, Scope};

use super::escape::{escape, escape_label};
use super::{ClusterBy, DotOptions, DotSelection};
use crate::export::render::Engine;
use crate::graph::MeetingGraph;
use crate::model::{ActorIndex, ActorKind};

/// Fill, border colour and shape per kind: light fills so black labels stay legible.
pub(super) fn kind_style(kind: ActorKind) -> (&'static str, &'static str, &'static str) {
    match kind {
        ActorKind::Person => ("#dbe9f6", "#3b6ea5", "ellipse"),
        ActorKind::Party => ("#fde0c5", "#c0602b", "box"),
        ActorKind::State => ("#d5efcf", "#3f8a3a", "doubleoctagon"),
        ActorKind::Organization => ("#e8dff2", "#7a5a9e", "note"),
    }
}

/// Light fills for communities 1, 2, …, repeating after twelve (ColorBrewer Set3).
const COMMUNITY_FILLS: [&str; 12] = [
    "#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462", "#b3de69", "#fccde5",
    "#d9d9d9", "#bc80bd", "#ccebc5", "#ffed6f",
];

/// The fill of community `id` (1-based).
pub(super) fn community_fill(id: u32) -> &'static str {
    COMMUNITY_FILLS[(id.saturating_sub(1) as usize) % COMMUNITY_FILLS.len()]
}

/// The colour of the highlighted path.
pub(super) const PATH_COLOUR: &str = "#d62728";

/// Up to this many edges the force layouts route curved edges around nodes; the routing grows
/// quickly with the edge count (about 0.6 s at 235 edges, 95 s at 2,700), so above it edges are
/// straight.
pub const CURVED_EDGE_LIMIT: usize = 150;

/// Graph-wide attributes: the layout engine and its spacing, the title, node and edge
/// defaults.
pub(super) fn graph_attributes(
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

/// A box of people grouped by the state or party `of`.
pub(super) struct Cluster {
    /// The affiliated actor the box stands for.
    pub(super) of: ActorIndex,
    /// Actors drawn inside.
    pub(super) members: Vec<ActorIndex>,
}

/// The clusters `options.cluster` asks for, in order of the affiliated actor's id.
pub(super) fn clusters(
    graph: &MeetingGraph,
    selection: &DotSelection,
    options: &DotOptions,
) -> Vec<Cluster> {
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

/// The DOT id of a cluster.
pub(super) fn cluster_id(graph: &MeetingGraph, by: ClusterBy, of: ActorIndex) -> String {
    let prefix = match by {
        ClusterBy::Party => "cluster_party_",
        _ => "cluster_state_",
    };
    escape(&format!("{prefix}{}", graph.actor(of).id))
}
