//! A drawing asked for in the user's terms (which path to highlight, which measure to rank
//! and size by), turned into [`DotOptions`] by running the path search and the centrality.

use super::{ActorScores, ClusterBy, DotOptions, EdgeLabels, Highlight};
use crate::algo::centrality::Measure;
use crate::export::render::Engine;
use crate::graph::{MeetingFilter, MeetingGraph};
use crate::model::{ActorIndex, ActorKind};
use crate::query::communities::{membership, CommunityQuery};
use crate::query::path::{shortest_path, PathOptions};
use crate::Error;

/// What to draw, before any search or measure has run.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DrawRequest {
    /// Which meetings count: date window, status and window certainty.
    pub filter: MeetingFilter,
    /// Kinds of actor to show; empty shows every kind.
    pub kinds: Vec<ActorKind>,
    /// Only actors within `depth` meetings of this one.
    pub around: Option<ActorIndex>,
    /// How far from `around` to go.
    pub depth: usize,
    /// Highlight the shortest chain of held meetings between these two, in the window.
    pub path_between: Option<(ActorIndex, ActorIndex)>,
    /// Show only the path's actors.
    pub path_only: bool,
    /// Keep only this many actors, the highest by `rank_by`.
    pub top: Option<usize>,
    /// The measure `top` ranks by.
    pub rank_by: Option<Measure>,
    /// The measure nodes are scaled by.
    pub size_by: Option<Measure>,
    /// Only actors with at least this many meetings drawn.
    pub min_meetings: usize,
    /// How to group people.
    pub cluster: ClusterBy,
    /// What edge labels say.
    pub edge_labels: EdgeLabels,
    /// Draw a legend.
    pub legend: bool,
    /// The layout engine; `None` picks one by size.
    pub engine: Option<Engine>,
    /// A title over the picture.
    pub title: Option<String>,
    /// Fill nodes by their Leiden community in the window (seed 0, resolution 1).
    pub color_by_community: bool,
}

impl DrawRequest {
    /// Runs the path search and the measures the request names and returns the options the
    /// DOT writer takes.
    ///
    /// # Errors
    /// [`Error::Usage`] when no chain links the two ends of `path_between` in the window; a
    /// centrality error when a measure cannot be computed.
    pub fn options(&self, graph: &MeetingGraph) -> Result<DotOptions, Error> {
        let path = match self.path_between {
            Some((from, to)) => {
                let options = PathOptions {
                    filter: MeetingFilter::held_between(self.filter.from, self.filter.to),
                    ..PathOptions::default()
                };
                let found = shortest_path(graph, from, to, &options).ok_or_else(|| {
                    Error::Usage(format!(
                        "no chain of held meetings links {} and {} in this window",
                        graph.actor(from).name,
                        graph.actor(to).name
                    ))
                })?;
                Some(Highlight::from(&found))
            }
            None => None,
        };
        let scores = |measure: Option<Measure>| {
            measure
                .map(|m| ActorScores::compute(graph, &self.filter, m))
                .transpose()
        };
        Ok(DotOptions {
            filter: self.filter,
            kinds: self.kinds.clone(),
            around: self.around,
            depth: self.depth,
            path,
            path_only: self.path_only,
            top: self.top,
            rank: scores(self.rank_by)?,
            size: scores(self.size_by)?,
            min_meetings: self.min_meetings,
            cluster: self.cluster,
            edge_labels: self.edge_labels,
            legend: self.legend,
            engine: self.engine,
            title: self.title.clone(),
            communities: self
                .color_by_community
                .then(|| {
                    membership(
                        graph,
                        &CommunityQuery {
                            from: self.filter.from,
                            to: self.filter.to,
                            window: self.filter.window,
                            ..CommunityQuery::default()
                        },
                    )
                })
                .transpose()?,
        })
    }
}
