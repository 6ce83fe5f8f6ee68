//! The selection and style flags `dot` and `render` share, mapped to the library's options.

use clap::ValueEnum;
use whomet::algo::centrality::Measure;
use whomet::export::dot::{ClusterBy, DotOptions, DrawRequest, EdgeLabels};
use whomet::export::render::Engine;
use whomet::model::ActorKind;
use whomet::names::Matching;
use whomet::{Error, MeetingGraph};

use super::args::{parse_kind, StatusArg, Window};
use super::context::resolve_actor;

/// How to group people (`--cluster`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ClusterArg {
    /// By the state they serve
    State,
    /// By their party
    Party,
    /// No grouping
    #[default]
    None,
}

/// What edge labels say (`--edge-labels`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum EdgeLabelArg {
    /// No labels
    None,
    /// The date, or "3 meetings, 2015–2018"
    #[default]
    Dates,
    /// The number of meetings
    Count,
}

/// What node fills show (`--color-by`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ColorByArg {
    /// The actor's kind
    #[default]
    Kind,
    /// The actor's Leiden community in the window (as `whomet communities` gives)
    Community,
}

/// Graphviz layout engines (`--engine`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EngineArg {
    /// Layered; best for a path
    Dot,
    /// Spring model
    Neato,
    /// Force-directed, keeps clusters
    Fdp,
    /// Multiscale force-directed, for large networks
    Sfdp,
    /// Radial: rings around --around, or around the actor with the most meetings
    Twopi,
}

impl EngineArg {
    /// The library's engine.
    pub fn engine(self) -> Engine {
        match self {
            EngineArg::Dot => Engine::Dot,
            EngineArg::Neato => Engine::Neato,
            EngineArg::Fdp => Engine::Fdp,
            EngineArg::Sfdp => Engine::Sfdp,
            EngineArg::Twopi => Engine::Twopi,
        }
    }
}

/// Parses a centrality measure name.
fn parse_measure(text: &str) -> Result<Measure, String> {
    Measure::parse(text).ok_or_else(|| {
        let names: Vec<&str> = Measure::ALL.iter().map(|m| m.as_str()).collect();
        format!("expected one of {}, not \"{text}\"", names.join(", "))
    })
}

/// Which actors and meetings to draw, and how: shared by `dot` and `render`.
#[derive(Debug, Clone, clap::Args)]
pub struct DrawArgs {
    #[command(flatten)]
    window: Window,
    /// Which meeting statuses to draw (non-held ones dashed)
    #[arg(long, value_enum, default_value_t = StatusArg::Held)]
    status: StatusArg,
    /// Only actors of these kinds (comma-separated: person,party,state,organization)
    #[arg(long, value_parser = parse_kind, value_delimiter = ',')]
    kind: Vec<ActorKind>,
    /// Only actors within --depth meetings of this one (id, name or alias)
    #[arg(long, value_name = "ACTOR")]
    around: Option<String>,
    /// How many meetings away from --around to go
    #[arg(long, default_value_t = 1, value_name = "N")]
    depth: usize,
    /// Highlight the shortest chain of meetings between two actors, hop by hop
    #[arg(long, num_args = 2, value_names = ["FROM", "TO"])]
    path: Option<Vec<String>>,
    /// With --path, draw only the actors on the path
    #[arg(long, requires = "path")]
    path_only: bool,
    /// Only the N most central actors (by --by)
    #[arg(long, value_name = "N", requires = "by")]
    top: Option<usize>,
    /// The centrality measure --top ranks by: degree, strength, betweenness, closeness,
    /// harmonic, eigenvector, pagerank or katz
    #[arg(long, value_parser = parse_measure, value_name = "MEASURE")]
    by: Option<Measure>,
    /// Scale nodes by a centrality measure (as for --by)
    #[arg(long, value_parser = parse_measure, value_name = "MEASURE")]
    size_by: Option<Measure>,
    /// Only actors with at least N meetings drawn (0 shows actors with none)
    #[arg(long, default_value_t = 1, value_name = "N")]
    min_meetings: usize,
    /// Group people in boxes by their state or party
    #[arg(long, value_enum, default_value_t = ClusterArg::None)]
    cluster: ClusterArg,
    /// What edge labels say
    #[arg(long, value_enum, default_value_t = EdgeLabelArg::Dates)]
    edge_labels: EdgeLabelArg,
    /// What node fills show; shapes always show the kind
    #[arg(long, value_enum, default_value_t = ColorByArg::Kind)]
    color_by: ColorByArg,
    /// Leave out the legend
    #[arg(long)]
    no_legend: bool,
    /// A title over the picture
    #[arg(long)]
    title: Option<String>,
    /// Layout engine [default: dot for --path or --cluster, neato up to 300 actors, sfdp above]
    #[arg(long, value_enum)]
    engine: Option<EngineArg>,
}

impl DrawArgs {
    /// Resolves names and maps the flags to the library's request, which then runs the path
    /// search and the measures.
    pub fn options(&self, graph: &MeetingGraph, matching: Matching) -> Result<DotOptions, Error> {
        let resolve = |name: &str| resolve_actor(graph, matching, name);
        let path_between = match self.path.as_deref() {
            Some([from, to]) => Some((resolve(from)?, resolve(to)?)),
            _ => None,
        };
        let request = DrawRequest {
            filter: self
                .window
                .filter(self.status.status(), whomet::model::Certainty::Possible),
            kinds: self.kind.clone(),
            around: self.around.as_deref().map(resolve).transpose()?,
            depth: self.depth,
            path_between,
            path_only: self.path_only,
            top: self.top,
            rank_by: self.by,
            size_by: self.size_by,
            min_meetings: self.min_meetings,
            cluster: match self.cluster {
                ClusterArg::State => ClusterBy::State,
                ClusterArg::Party => ClusterBy::Party,
                ClusterArg::None => ClusterBy::None,
            },
            edge_labels: match self.edge_labels {
                EdgeLabelArg::None => EdgeLabels::None,
                EdgeLabelArg::Dates => EdgeLabels::Dates,
                EdgeLabelArg::Count => EdgeLabels::Count,
            },
            legend: !self.no_legend,
            engine: self.engine.map(EngineArg::engine),
            title: self.title.clone(),
            color_by_community: self.color_by == ColorByArg::Community,
        };
        request.options(graph)
    }
}
