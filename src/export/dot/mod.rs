//! The network as Graphviz DOT: which actors and meetings to draw ([`DotOptions`]) and how
//! (shapes and colours by kind, clusters by affiliation, labels, a legend, citation tooltips).
//!
//! Output is deterministic: nodes are written in actor-id order, edges in order of their
//! end points' ids, clusters in order of the affiliated actor's id.

mod escape;
mod request;
mod select;
mod style;
mod write;

use std::collections::BTreeSet;

use dot_writer::DotWriter;
use serde::Serialize;

use crate::algo::centrality::{self, Measure};
use crate::error::Error;
use crate::export::render::Engine;
use crate::graph::{MeetingFilter, MeetingGraph};
use crate::model::{ActorIndex, ActorKind, MeetingIndex};

pub use escape::{escape, escape_label, escape_tooltip};
pub use request::DrawRequest;
pub use select::{select, DotSelection, PathHop, SelectedEdge};
pub use style::CURVED_EDGE_LIMIT;
use style::{clusters, graph_attributes, Placement};
use write::{legend_graph, write_cluster, write_edge, write_legend, write_node};

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
pub struct ActorScores {
    /// The measure's name, shown in tooltips, e.g. `betweenness`.
    pub measure: String,
    /// One value per actor; higher is more central.
    pub values: Vec<f64>,
}

impl ActorScores {
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
        Ok(ActorScores {
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
    pub rank: Option<ActorScores>,
    /// Scale nodes (their font) by these scores.
    pub size: Option<ActorScores>,
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
    /// Fill nodes by community (by actor index, as [`crate::query::communities::membership`]
    /// gives) instead of by kind; shapes still show the kind.
    pub communities: Option<Vec<Option<u32>>>,
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
            communities: None,
        }
    }
}

/// DOT text and what it holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dot {
    /// The DOT source, legend included.
    pub text: String,
    /// The DOT source without the legend, for a picture that draws the legend beside it.
    #[serde(skip)]
    pub drawing: String,
    /// The legend as a DOT graph of its own, when one is asked for.
    #[serde(skip)]
    pub legend: Option<String>,
    /// Number of actors drawn (the legend not counted).
    pub actors: usize,
    /// Number of edges drawn (the legend not counted).
    pub edges: usize,
    /// Number of clusters (the legend not counted).
    pub clusters: usize,
    /// Actors `--cluster` could not place in any box, in id order.
    pub unplaced: Vec<String>,
    /// The layout engine the DOT asks for.
    #[serde(serialize_with = "engine_name")]
    pub engine: Engine,
    /// Things the caller may want to tell the user, e.g. an option the engine ignores.
    pub notes: Vec<String>,
}

/// Serializes the engine by its name.
fn engine_name<S: serde::Serializer>(engine: &Engine, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(engine.as_str())
}

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
    if let (Some(scorers), Some(rank)) = (selection.top_scorers, &options.rank) {
        notes.push(format!(
            "only {scorers} actor{} scored above zero by {}, so the picture holds {} instead of \
             the {} asked for",
            if scorers == 1 { "" } else { "s" },
            rank.measure,
            if scorers == 1 { "that one" } else { "those" },
            options.top.unwrap_or(scorers)
        ));
    }
    let placement = if engine.draws_clusters() {
        clusters(graph, &selection, options)
    } else {
        if wants_clusters {
            notes.push(format!(
                "{engine} does not draw clusters, so --cluster is ignored; use --engine dot or fdp"
            ));
        }
        Placement::default()
    };
    let parts = Parts {
        graph,
        selection: &selection,
        options,
        engine,
        placement: &placement,
    };
    let text = parts.write(options.legend)?;
    let drawing = if options.legend {
        parts.write(false)?
    } else {
        text.clone()
    };
    let legend = if options.legend {
        Some(utf8(legend_graph(
            graph,
            &selection,
            options,
            &placement.unplaced,
        ))?)
    } else {
        None
    };
    Ok(Dot {
        text,
        drawing,
        legend,
        actors: selection.actors.len(),
        edges: selection.edges.len(),
        clusters: placement.clusters.len(),
        unplaced: placement
            .unplaced
            .iter()
            .map(|&a| graph.actor(a).id.clone())
            .collect(),
        engine,
        notes,
    })
}

/// What one DOT text is written from.
struct Parts<'a> {
    graph: &'a MeetingGraph,
    selection: &'a DotSelection,
    options: &'a DotOptions,
    engine: Engine,
    placement: &'a Placement,
}

impl Parts<'_> {
    /// The DOT text, with or without the legend.
    fn write(&self, with_legend: bool) -> Result<String, Error> {
        let (graph, selection, options) = (self.graph, self.selection, self.options);
        let mut bytes = Vec::new();
        {
            let mut writer = DotWriter::from(&mut bytes);
            let mut root = writer.graph();
            graph_attributes(&mut root, graph, self.engine, options, selection);
            let clustered: BTreeSet<ActorIndex> = self
                .placement
                .clusters
                .iter()
                .flat_map(|c| c.members.iter().copied())
                .collect();
            for cluster in &self.placement.clusters {
                write_cluster(&mut root, graph, cluster, selection, options);
            }
            for &a in &selection.actors {
                if !clustered.contains(&a) {
                    write_node(&mut root, graph, a, selection, options);
                }
            }
            let labelled = labelled_edges(&selection.edges);
            for (edge, label) in selection.edges.iter().zip(labelled) {
                write_edge(&mut root, graph, edge, options, self.engine, label);
            }
            if with_legend {
                write_legend(
                    &mut root,
                    graph,
                    selection,
                    options,
                    self.engine,
                    &self.placement.unplaced,
                );
            }
        }
        utf8(bytes)
    }
}

/// Which edges carry a label: one per pair, the held edge's when the pair has one, so the
/// held and the not-held edge of a pair never both say their dates.
fn labelled_edges(edges: &[SelectedEdge]) -> Vec<bool> {
    let held: BTreeSet<(ActorIndex, ActorIndex)> = edges
        .iter()
        .filter(|e| e.held)
        .map(|e| (e.a.min(e.b), e.a.max(e.b)))
        .collect();
    edges
        .iter()
        .map(|e| e.held || !held.contains(&(e.a.min(e.b), e.a.max(e.b))))
        .collect()
}

/// DOT bytes as text.
fn utf8(bytes: Vec<u8>) -> Result<String, Error> {
    String::from_utf8(bytes).map_err(|e| Error::Internal(format!("DOT is not UTF-8: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

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
