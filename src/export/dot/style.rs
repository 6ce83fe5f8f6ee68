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
    selection: &DotSelection,
) {
    let edges = selection.edges.len();
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
        Engine::Fdp | Engine::Neato | Engine::Sfdp | Engine::Twopi => {
            if engine == Engine::Fdp {
                root.set("K", "0.5", true);
            }
            if engine == Engine::Twopi {
                // Rings far enough apart for names; no overlap removal, which would bend them.
                root.set("ranksep", "1.6", true)
                    .set("overlap", "false", false);
                if let Some(centre) = radial_centre(graph, options, selection) {
                    root.set("root", &escape(&graph.actor(centre).id), true);
                }
            } else {
                root.set("overlap", "prism", false);
            }
            // Edge labels as external labels, which the engine leaves out where they would
            // cover a node or another label: a crowded hub keeps its picture readable.
            root.set("forcelabels", "false", false)
                .set("splines", if curved { "true" } else { "false" }, false)
                .set("sep", "+12", true)
                .set("esep", "+6", true);
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

/// The centre of a radial picture: `--around`, else the drawn actor with the most meetings
/// (ties by id).
fn radial_centre(
    graph: &MeetingGraph,
    options: &DotOptions,
    selection: &DotSelection,
) -> Option<ActorIndex> {
    options.around.or_else(|| {
        selection.actors.iter().copied().max_by(|x, y| {
            let count = |a: &ActorIndex| selection.meeting_counts[a.index()];
            count(x)
                .cmp(&count(y))
                .then_with(|| graph.actor(*y).id.cmp(&graph.actor(*x).id))
        })
    })
}

/// A box of people grouped by the state or party `of`.
pub(super) struct Cluster {
    /// The affiliated actor the box stands for.
    pub(super) of: ActorIndex,
    /// Actors drawn inside.
    pub(super) members: Vec<ActorIndex>,
}

/// The boxes `options.cluster` asks for, and the drawn actors none of them could take.
#[derive(Default)]
pub(super) struct Placement {
    /// The boxes, in order of the affiliated actor's id.
    pub(super) clusters: Vec<Cluster>,
    /// Actors that belong in a box but whose affiliations lead to none, in id order.
    pub(super) unplaced: Vec<ActorIndex>,
}

/// The clusters `options.cluster` asks for, in order of the affiliated actor's id.
///
/// An actor is placed with the nearest body of the wanted kind along its affiliations in the
/// window: a vice chairman of a ruling party sits with the state the party is affiliated
/// with. Several at the same distance: the first by id, which keeps the drawing deterministic.
pub(super) fn clusters(
    graph: &MeetingGraph,
    selection: &DotSelection,
    options: &DotOptions,
) -> Placement {
    let kind = match options.cluster {
        ClusterBy::None => return Placement::default(),
        ClusterBy::State => ActorKind::State,
        ClusterBy::Party => ActorKind::Party,
    };
    let window = (options.filter.from, options.filter.to);
    let blocs = crate::graph::blocs::Blocs::new(graph, window.0, window.1);
    let home = |a: ActorIndex| blocs.of(a, kind);
    let placeable = |k: ActorKind| match options.cluster {
        ClusterBy::State => k != ActorKind::State,
        _ => matches!(k, ActorKind::Person | ActorKind::Organization),
    };
    let mut groups: BTreeMap<String, Cluster> = BTreeMap::new();
    let mut loose = Vec::new();
    for &a in &selection.actors {
        let actor = graph.actor(a);
        let of = if actor.kind == kind {
            Some(a)
        } else if placeable(actor.kind) {
            home(a)
        } else {
            None
        };
        match of {
            Some(of) => groups
                .entry(graph.actor(of).id.clone())
                .or_insert_with(|| Cluster {
                    of,
                    members: Vec::new(),
                })
                .members
                .push(a),
            None if placeable(actor.kind) => loose.push(a),
            None => {}
        }
    }
    let mut placement = Placement {
        unplaced: loose,
        ..Placement::default()
    };
    for cluster in groups.into_values() {
        // A group holding only the affiliated actor itself is no group.
        if cluster.members.iter().any(|&m| m != cluster.of) {
            placement.clusters.push(cluster);
        }
    }
    placement
}

/// The DOT id of a cluster.
pub(super) fn cluster_id(graph: &MeetingGraph, by: ClusterBy, of: ActorIndex) -> String {
    let prefix = match by {
        ClusterBy::Party => "cluster_party_",
        _ => "cluster_state_",
    };
    escape(&format!("{prefix}{}", graph.actor(of).id))
}
