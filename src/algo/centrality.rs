//! Centrality of actors in the meeting graph, with networkx's definitions for an undirected
//! graph: per-measure functions on an [`Adjacency`], rankings of a [`MeetingGraph`] window
//! ([`rank`]), sums per state or party, and time series over sliding windows ([`over_time`]).
//!
//! Measures with `weighted` set use the meeting count of a pair as follows: strength always
//! sums it; degree never uses it; eigenvector, PageRank and Katz use it as the edge weight;
//! betweenness, closeness and harmonic use 1/count as the edge length (more meetings, closer).

pub mod chart;
mod paths;
mod spectral;

use std::fmt;
use std::str::FromStr;

use jiff::civil::Date;
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

use crate::graph::{Adjacency, MeetingFilter, MeetingGraph};
use crate::model::{ActorIndex, ActorKind};

/// A centrality measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Measure {
    /// Distinct partners / (n − 1).
    Degree,
    /// Total meetings with all partners (a k-party meeting adds k − 1).
    Strength,
    /// Share of shortest paths between other pairs through the actor, normalized.
    Betweenness,
    /// Inverse mean distance to reachable actors, times the reachable share (Wasserman–Faust).
    Closeness,
    /// Sum of 1/distance to every other actor.
    Harmonic,
    /// Principal eigenvector of the adjacency matrix, unit Euclidean norm.
    Eigenvector,
    /// Random-walk visit rate with damping 0.85.
    PageRank,
    /// Walks of every length, each step damped by alpha (default 0.1), unit Euclidean norm.
    Katz,
}

impl Measure {
    /// Every measure, in display order.
    pub const ALL: [Measure; 8] = [
        Measure::Degree,
        Measure::Strength,
        Measure::Betweenness,
        Measure::Closeness,
        Measure::Harmonic,
        Measure::Eigenvector,
        Measure::PageRank,
        Measure::Katz,
    ];

    /// The measures shown side by side when none is chosen (Katz diverges on many real
    /// graphs at its default alpha, so it is left to an explicit request).
    pub const OVERVIEW: [Measure; 7] = [
        Measure::Degree,
        Measure::Strength,
        Measure::Betweenness,
        Measure::Closeness,
        Measure::Harmonic,
        Measure::Eigenvector,
        Measure::PageRank,
    ];

    /// The lower-case name used on the command line and in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Measure::Degree => "degree",
            Measure::Strength => "strength",
            Measure::Betweenness => "betweenness",
            Measure::Closeness => "closeness",
            Measure::Harmonic => "harmonic",
            Measure::Eigenvector => "eigenvector",
            Measure::PageRank => "pagerank",
            Measure::Katz => "katz",
        }
    }

    /// Parses the lower-case name.
    pub fn parse(text: &str) -> Option<Self> {
        Measure::ALL.into_iter().find(|m| m.as_str() == text)
    }
}

impl fmt::Display for Measure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a centrality computation could not be carried out.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CentralityError {
    /// A power iteration did not settle within its iteration budget.
    #[error("{measure} centrality did not converge in {iterations} iterations{}", if hint.is_empty() { String::new() } else { format!(": {hint}") })]
    NoConvergence {
        /// The measure.
        measure: &'static str,
        /// Iterations tried.
        iterations: usize,
        /// What to change, if anything helps.
        hint: String,
    },
    /// Sampled betweenness needs at least two sources to scale.
    #[error("sampled betweenness needs at least 2 sources, got {0}")]
    TooFewSamples(usize),
    /// Sliding windows that would take too long to compute.
    #[error("{count} windows of {width} every {step} are too many (at most {limit}); use a longer step or a narrower --from/--to")]
    TooManyWindows {
        /// Windows asked for.
        count: usize,
        /// Window width.
        width: Period,
        /// Step between window starts.
        step: Period,
        /// The most allowed.
        limit: usize,
    },
    /// A measure list was empty.
    #[error("no centrality measure chosen")]
    NoMeasure,
    /// A computation failed in one of several windows.
    #[error("{source} (window {from} to {to})")]
    InWindow {
        /// First day of the window.
        from: Date,
        /// Last day of the window.
        to: Date,
        /// What went wrong there.
        source: Box<CentralityError>,
    },
}

impl From<CentralityError> for crate::Error {
    fn from(error: CentralityError) -> Self {
        crate::Error::Usage(error.to_string())
    }
}

/// How to compute the measures.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// Use meeting counts as weights (see the module docs for how each measure uses them).
    pub weighted: bool,
    /// Estimate betweenness from this many sampled sources instead of all.
    pub samples: Option<usize>,
    /// Seed of the source sample.
    pub seed: u64,
    /// Katz attenuation factor.
    pub katz_alpha: f64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            weighted: false,
            samples: None,
            seed: 0,
            katz_alpha: 0.1,
        }
    }
}

/// PageRank damping factor (networkx default).
pub const PAGERANK_ALPHA: f64 = 0.85;
/// Convergence tolerance per node of the power iterations (networkx default).
pub const TOLERANCE: f64 = 1e-6;

/// Degree centrality: distinct partners / (n − 1); 1 for a graph of one node.
///
/// Complexity: O(n).
///
/// ```
/// use whomet::algo::centrality::degree;
/// use whomet::graph::Adjacency;
/// let g = Adjacency::from_pairs(3, &[(0, 1, 4), (1, 2, 1)]);
/// assert_eq!(degree(&g), vec![0.5, 1.0, 0.5]);
/// ```
pub fn degree(g: &Adjacency) -> Vec<f64> {
    let n = g.node_count();
    if n <= 1 {
        return vec![1.0; n];
    }
    let scale = 1.0 / (n - 1) as f64;
    (0..n as u32).map(|v| g.degree(v) as f64 * scale).collect()
}

/// Strength: the sum of meeting counts over all partners.
///
/// ```
/// use whomet::algo::centrality::strength;
/// use whomet::graph::Adjacency;
/// let g = Adjacency::from_pairs(3, &[(0, 1, 4), (1, 2, 1)]);
/// assert_eq!(strength(&g), vec![4.0, 5.0, 1.0]);
/// ```
pub fn strength(g: &Adjacency) -> Vec<f64> {
    (0..g.node_count() as u32)
        // A fold from +0: an empty `sum` of floats is −0, which would print as "-0".
        .map(|v| g.weights(v).iter().fold(0.0, |t, &w| t + f64::from(w)))
        .collect()
}

/// Exact betweenness (Brandes), normalized as networkx does for an undirected graph
/// (2/((n − 1)(n − 2)) per unordered pair); with `weighted`, edge length is 1/count.
///
/// Complexity: O(nm) time (O(nm + n² log n) weighted), O(n) memory per thread; sources are
/// spread over rayon's threads and the result does not depend on their number.
///
/// ```
/// use whomet::algo::centrality::betweenness;
/// use whomet::graph::Adjacency;
/// let star = Adjacency::from_pairs(4, &[(0, 1, 1), (0, 2, 1), (0, 3, 1)]);
/// assert_eq!(betweenness(&star, false), vec![1.0, 0.0, 0.0, 0.0]);
/// ```
pub fn betweenness(g: &Adjacency, weighted: bool) -> Vec<f64> {
    paths::betweenness(g, weighted, true)
}

/// Betweenness estimated from the given distinct `sources`, rescaled as networkx 3.6's
/// `betweenness_centrality(k=…)` rescales its sample.
pub fn betweenness_from_sources(g: &Adjacency, sources: &[u32], weighted: bool) -> Vec<f64> {
    paths::betweenness_from_sources(g, sources, weighted, true)
}

/// `k` distinct nodes of `0..n` drawn with `seed`, ascending; every node when `k >= n`.
///
/// ```
/// use whomet::algo::centrality::sample_sources;
/// let s = sample_sources(10, 3, 7);
/// assert_eq!(s.len(), 3);
/// assert_eq!(s, sample_sources(10, 3, 7));
/// ```
pub fn sample_sources(n: usize, k: usize, seed: u64) -> Vec<u32> {
    let mut nodes: Vec<u32> = (0..n as u32).collect();
    if k >= n {
        return nodes;
    }
    let mut state = seed;
    for i in 0..k {
        let j = i + (splitmix64(&mut state) % (n - i) as u64) as usize;
        nodes.swap(i, j);
    }
    nodes.truncate(k);
    nodes.sort_unstable();
    nodes
}

/// SplitMix64: a tiny, well-mixed generator, enough to pick sources reproducibly.
fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Closeness with the Wasserman–Faust correction (networkx `wf_improved=True`):
/// (r/Σd) · (r/(n − 1)) for the r actors reachable from each one; 0 when none is.
///
/// Complexity: O(nm) (one search per node, in parallel).
///
/// ```
/// use whomet::algo::centrality::closeness;
/// use whomet::graph::Adjacency;
/// let g = Adjacency::from_pairs(3, &[(0, 1, 1), (1, 2, 1)]);
/// assert_eq!(closeness(&g, false), vec![2.0 / 3.0, 1.0, 2.0 / 3.0]);
/// ```
pub fn closeness(g: &Adjacency, weighted: bool) -> Vec<f64> {
    paths::closeness_harmonic(g, weighted).0
}

/// Harmonic centrality: Σ 1/d(v, u) over the other actors (unnormalized, as networkx).
///
/// ```
/// use whomet::algo::centrality::harmonic;
/// use whomet::graph::Adjacency;
/// let g = Adjacency::from_pairs(3, &[(0, 1, 1), (1, 2, 1)]);
/// assert_eq!(harmonic(&g, false), vec![1.5, 2.0, 1.5]);
/// ```
pub fn harmonic(g: &Adjacency, weighted: bool) -> Vec<f64> {
    paths::closeness_harmonic(g, weighted).1
}

/// Eigenvector centrality as networkx computes it: power iteration on A + I from the
/// uniform vector, at most 100 steps, stopping when the L1 change is below n × 10⁻⁶.
///
/// ```
/// use whomet::algo::centrality::eigenvector;
/// use whomet::graph::Adjacency;
/// let g = Adjacency::from_pairs(3, &[(0, 1, 1), (1, 2, 1)]);
/// let x = eigenvector(&g, false)?;
/// assert!(x[1] > x[0] && (x[0] - x[2]).abs() < 1e-12);
/// # Ok::<(), whomet::algo::centrality::CentralityError>(())
/// ```
pub fn eigenvector(g: &Adjacency, weighted: bool) -> Result<Vec<f64>, CentralityError> {
    spectral::eigenvector(g, weighted, 100, TOLERANCE)
}

/// PageRank as networkx computes it: α = 0.85, uniform teleport, isolated nodes spread
/// uniformly, at most 100 steps, stopping when the L1 change is below n × 10⁻⁶.
///
/// ```
/// use whomet::algo::centrality::pagerank;
/// use whomet::graph::Adjacency;
/// let g = Adjacency::from_pairs(3, &[(0, 1, 1), (1, 2, 1)]);
/// let p = pagerank(&g, false)?;
/// assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-9);
/// # Ok::<(), whomet::algo::centrality::CentralityError>(())
/// ```
pub fn pagerank(g: &Adjacency, weighted: bool) -> Result<Vec<f64>, CentralityError> {
    spectral::pagerank(g, weighted, PAGERANK_ALPHA, 100, TOLERANCE)
}

/// Katz centrality as networkx computes it (β = 1, normalized), at most 1,000 steps; fails
/// with a hint when `alpha` is too large for the graph.
///
/// ```
/// use whomet::algo::centrality::katz;
/// use whomet::graph::Adjacency;
/// let g = Adjacency::from_pairs(3, &[(0, 1, 1), (1, 2, 1)]);
/// let x = katz(&g, false, 0.1)?;
/// assert!(x[1] > x[0]);
/// # Ok::<(), whomet::algo::centrality::CentralityError>(())
/// ```
pub fn katz(g: &Adjacency, weighted: bool, alpha: f64) -> Result<Vec<f64>, CentralityError> {
    spectral::katz(g, weighted, alpha, 1000, TOLERANCE)
}

/// Scores of each measure on `g`, aligned with `measures`; closeness and harmonic share
/// one set of searches.
pub fn compute(
    g: &Adjacency,
    measures: &[Measure],
    options: &Options,
) -> Result<Vec<Vec<f64>>, CentralityError> {
    compute_each(g, measures, options).into_iter().collect()
}

/// Like [`compute`], but each measure succeeds or fails on its own.
pub fn compute_each(
    g: &Adjacency,
    measures: &[Measure],
    options: &Options,
) -> Vec<Result<Vec<f64>, CentralityError>> {
    let needs_distances = measures
        .iter()
        .any(|m| matches!(m, Measure::Closeness | Measure::Harmonic));
    let distances = needs_distances.then(|| paths::closeness_harmonic(g, options.weighted));
    let w = options.weighted;
    measures
        .iter()
        .map(|&m| {
            Ok(match m {
                Measure::Degree => degree(g),
                Measure::Strength => strength(g),
                Measure::Betweenness => match options.samples {
                    Some(k) if k < g.node_count() => {
                        if k < 2 {
                            return Err(CentralityError::TooFewSamples(k));
                        }
                        let sources = sample_sources(g.node_count(), k, options.seed);
                        betweenness_from_sources(g, &sources, w)
                    }
                    _ => betweenness(g, w),
                },
                Measure::Closeness => distances.as_ref().map(|d| d.0.clone()).unwrap_or_default(),
                Measure::Harmonic => distances.as_ref().map(|d| d.1.clone()).unwrap_or_default(),
                Measure::Eigenvector => eigenvector(g, w)?,
                Measure::PageRank => pagerank(g, w)?,
                Measure::Katz => katz(g, w, options.katz_alpha)?,
            })
        })
        .collect()
}

/// The graph induced by `keep` (ascending, distinct), its nodes renumbered `0..keep.len()`.
///
/// ```
/// use whomet::algo::centrality::induced;
/// use whomet::graph::Adjacency;
/// let g = Adjacency::from_pairs(4, &[(0, 1, 1), (1, 2, 2), (2, 3, 1)]);
/// let sub = induced(&g, &[1, 2, 3]);
/// assert_eq!(sub.edges().collect::<Vec<_>>(), vec![(0, 1, 2), (1, 2, 1)]);
/// ```
pub fn induced(g: &Adjacency, keep: &[u32]) -> Adjacency {
    let mut new_index = vec![u32::MAX; g.node_count()];
    for (i, &v) in keep.iter().enumerate() {
        new_index[v as usize] = i as u32;
    }
    let pairs: Vec<(u32, u32, u32)> = g
        .edges()
        .filter_map(|(a, b, w)| {
            let (na, nb) = (new_index[a as usize], new_index[b as usize]);
            (na != u32::MAX && nb != u32::MAX).then_some((na, nb, w))
        })
        .collect();
    Adjacency::from_pairs(keep.len(), &pairs)
}

/// Blocs scores can be summed over, through affiliations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bloc {
    /// States.
    State,
    /// Parties.
    Party,
}

impl Bloc {
    /// The actor kind of the bloc.
    pub fn kind(self) -> ActorKind {
        match self {
            Bloc::State => ActorKind::State,
            Bloc::Party => ActorKind::Party,
        }
    }
}

/// What to rank and how.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    /// Measures, the first one sorting the ranking.
    pub measures: Vec<Measure>,
    /// Held meetings on or after this day only.
    pub from: Option<Date>,
    /// Held meetings on or before this day only.
    pub to: Option<Date>,
    /// Rank only actors of this kind (the graph is unchanged).
    pub kind: Option<ActorKind>,
    /// Compute on the graph induced by actors of this kind.
    pub subgraph_kind: Option<ActorKind>,
    /// Sum scores per state or party instead of ranking actors.
    pub by: Option<Bloc>,
    /// Keep the first this many rows (all when `None`).
    pub top: Option<usize>,
    /// How to compute.
    pub options: Options,
}

impl Default for Query {
    fn default() -> Self {
        Query {
            measures: Measure::OVERVIEW.to_vec(),
            from: None,
            to: None,
            kind: None,
            subgraph_kind: None,
            by: None,
            top: None,
            options: Options::default(),
        }
    }
}

/// A date window as shown in output; open ends are `null`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WindowBounds {
    /// First day, `YYYY-MM-DD`.
    pub from: Option<String>,
    /// Last day, `YYYY-MM-DD`.
    pub to: Option<String>,
}

impl WindowBounds {
    fn new(from: Option<Date>, to: Option<Date>) -> Self {
        WindowBounds {
            from: from.map(|d| d.to_string()),
            to: to.map(|d| d.to_string()),
        }
    }
}

/// How betweenness was estimated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SampleNote {
    /// Sources searched.
    pub sources: usize,
    /// Nodes in the graph.
    pub nodes: usize,
    /// Seed of the draw.
    pub seed: u64,
}

/// One ranked actor or bloc.
#[derive(Debug, Clone, PartialEq)]
pub struct RankRow {
    /// Actor id (the bloc's id when summing per bloc).
    pub actor: String,
    /// Display name.
    pub name: String,
    /// Scores, aligned with [`Ranking::measures`].
    pub scores: Vec<f64>,
    /// Members summed, when ranking blocs.
    pub members: Option<usize>,
}

/// A ranking by one or more measures, sorted by the first (descending), ties by id.
///
/// JSON with one measure: `{"measure", "window": {"from", "to"}, "weighted", "scores":
/// [{"actor", "name", "score"}]}`; with several, `"measures": [...]` and one key per measure
/// in each row instead of `"score"`. Sampling adds `"sampled": {"sources", "nodes", "seed"}`;
/// blocs add `"by"` and a `"members"` count per row; measures side by side that failed to
/// converge are listed in `"omitted": [{"measure", "reason"}]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranking {
    /// The measures, in column order.
    pub measures: Vec<Measure>,
    /// The date window.
    pub window: WindowBounds,
    /// Whether weights were used.
    pub weighted: bool,
    /// Set when betweenness was estimated.
    pub sampled: Option<SampleNote>,
    /// Set when rows are blocs.
    pub by: Option<Bloc>,
    /// Measures asked for side by side that failed (power iterations that did not settle).
    pub omitted: Vec<Omitted>,
    /// Rows, best first.
    pub rows: Vec<RankRow>,
}

impl Serialize for Ranking {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        if let [single] = self.measures.as_slice() {
            map.serialize_entry("measure", single.as_str())?;
        } else {
            let names: Vec<&str> = self.measures.iter().map(|m| m.as_str()).collect();
            map.serialize_entry("measures", &names)?;
        }
        map.serialize_entry("window", &self.window)?;
        map.serialize_entry("weighted", &self.weighted)?;
        if let Some(sampled) = &self.sampled {
            map.serialize_entry("sampled", sampled)?;
        }
        if let Some(by) = self.by {
            map.serialize_entry("by", by.kind().as_str())?;
        }
        if !self.omitted.is_empty() {
            map.serialize_entry("omitted", &self.omitted)?;
        }
        map.serialize_entry(
            "scores",
            &Rows {
                measures: &self.measures,
                rows: &self.rows,
            },
        )?;
        map.end()
    }
}

/// Serializes rows with one key per measure.
struct Rows<'a> {
    measures: &'a [Measure],
    rows: &'a [RankRow],
}

impl Serialize for Rows<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.rows.len()))?;
        for row in self.rows {
            seq.serialize_element(&Row {
                measures: self.measures,
                row,
            })?;
        }
        seq.end()
    }
}

struct Row<'a> {
    measures: &'a [Measure],
    row: &'a RankRow,
}

impl Serialize for Row<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("actor", &self.row.actor)?;
        map.serialize_entry("name", &self.row.name)?;
        if self.measures.len() == 1 {
            map.serialize_entry("score", &self.row.scores[0])?;
        } else {
            for (m, s) in self.measures.iter().zip(&self.row.scores) {
                map.serialize_entry(m.as_str(), s)?;
            }
        }
        if let Some(members) = self.row.members {
            map.serialize_entry("members", &members)?;
        }
        map.end()
    }
}

/// The score rounded to 12 significant digits, so that values equal up to floating-point
/// noise (summed in a different order) sort as ties and fall back to the id.
fn sort_key(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let exponent = x.abs().log10().floor() as i32;
    let scale = 10f64.powi(11 - exponent);
    (x * scale).round() / scale
}

/// Sorts rows by the first score descending, ties by id.
fn sort_rows(rows: &mut [RankRow]) {
    rows.sort_by(|a, b| {
        sort_key(b.scores[0])
            .total_cmp(&sort_key(a.scores[0]))
            .then_with(|| a.actor.cmp(&b.actor))
    });
}

/// An actor with its scores, aligned with the measures computed.
type Scored = (ActorIndex, Vec<f64>);

/// What [`actor_scores`] found.
struct Scores {
    /// Measures computed, in query order.
    measures: Vec<Measure>,
    /// Every actor of the graph with its scores.
    rows: Vec<Scored>,
    sampled: Option<SampleNote>,
    omitted: Vec<Omitted>,
}

/// A measure left out of a side-by-side ranking, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Omitted {
    /// The measure.
    pub measure: String,
    /// The error it gave.
    pub reason: String,
}

/// Scores of every measure for every actor of the windowed (and kind-restricted) graph:
/// `(actor, scores aligned with measures)`, actors outside the subgraph left out.
fn actor_scores(
    graph: &MeetingGraph,
    query: &Query,
    from: Option<Date>,
    to: Option<Date>,
) -> Result<Scores, CentralityError> {
    if query.measures.is_empty() {
        return Err(CentralityError::NoMeasure);
    }
    let full = graph.projection(&MeetingFilter::held_between(from, to));
    let (g, actors): (std::borrow::Cow<'_, Adjacency>, Vec<ActorIndex>) = match query.subgraph_kind
    {
        None => (
            full,
            (0..graph.actor_count() as u32).map(ActorIndex).collect(),
        ),
        Some(kind) => {
            let keep: Vec<u32> = (0..graph.actor_count() as u32)
                .filter(|&a| graph.actor(ActorIndex(a)).kind == kind)
                .collect();
            let sub = induced(&full, &keep);
            (
                std::borrow::Cow::Owned(sub),
                keep.into_iter().map(ActorIndex).collect(),
            )
        }
    };
    // Side by side, a power iteration that does not settle leaves out its column only.
    let lenient = query.measures.len() > 1;
    let mut measures = Vec::new();
    let mut scores = Vec::new();
    let mut omitted = Vec::new();
    for (&m, result) in query
        .measures
        .iter()
        .zip(compute_each(&g, &query.measures, &query.options))
    {
        match result {
            Ok(s) => {
                measures.push(m);
                scores.push(s);
            }
            Err(error @ CentralityError::NoConvergence { .. }) if lenient => {
                omitted.push(Omitted {
                    measure: m.as_str().to_string(),
                    reason: error.to_string(),
                });
            }
            Err(error) => return Err(error),
        }
    }
    let n = g.node_count();
    let sampled = match query.options.samples {
        Some(k) if k < n && query.measures.contains(&Measure::Betweenness) => Some(SampleNote {
            sources: k,
            nodes: n,
            seed: query.options.seed,
        }),
        _ => None,
    };
    let rows = actors
        .into_iter()
        .enumerate()
        .map(|(i, a)| (a, scores.iter().map(|s| s[i]).collect()))
        .collect();
    Ok(Scores {
        measures,
        rows,
        sampled,
        omitted,
    })
}

/// Rows for actors passing the kind filter, or bloc sums, unsorted.
fn rows_for(
    graph: &MeetingGraph,
    query: &Query,
    width: usize,
    scored: Vec<Scored>,
    from: Option<Date>,
    to: Option<Date>,
) -> Vec<RankRow> {
    let scored: Vec<Scored> = scored
        .into_iter()
        .filter(|(a, _)| query.kind.is_none_or(|k| graph.actor(*a).kind == k))
        .collect();
    let Some(bloc) = query.by else {
        return scored
            .into_iter()
            .map(|(a, scores)| {
                let actor = graph.actor(a);
                RankRow {
                    actor: actor.id.clone(),
                    name: actor.name.clone(),
                    scores,
                    members: None,
                }
            })
            .collect();
    };
    // Members of each bloc: the bloc itself, and everyone affiliated with it in the window.
    let mut position = vec![usize::MAX; graph.actor_count()];
    for (i, (a, _)) in scored.iter().enumerate() {
        position[a.index()] = i;
    }
    let mut members: std::collections::BTreeMap<ActorIndex, Vec<usize>> = Default::default();
    for a in graph.actors_of_kind(Some(bloc.kind())) {
        members.entry(a).or_default();
        if position[a.index()] != usize::MAX {
            members.entry(a).or_default().push(position[a.index()]);
        }
    }
    for affiliation in &graph.data().affiliations {
        if graph.actor(affiliation.of).kind != bloc.kind() || !affiliation.overlaps(from, to) {
            continue;
        }
        let p = position[affiliation.actor.index()];
        if p != usize::MAX {
            members.entry(affiliation.of).or_default().push(p);
        }
    }
    members
        .into_iter()
        .map(|(bloc_actor, mut list)| {
            list.sort_unstable();
            list.dedup();
            let mut scores = vec![0.0; width];
            for &p in &list {
                for (total, s) in scores.iter_mut().zip(&scored[p].1) {
                    *total += s;
                }
            }
            let actor = graph.actor(bloc_actor);
            RankRow {
                actor: actor.id.clone(),
                name: actor.name.clone(),
                scores,
                members: Some(list.len()),
            }
        })
        .collect()
}

/// Ranks actors (or blocs) of the graph of held meetings in the query's window.
///
/// Complexity: that of the slowest measure asked for.
///
/// ```
/// use whomet::algo::centrality::{rank, Measure, Query};
/// use whomet::store::{load, DataLocation};
/// let graph = load(&DataLocation::Embedded)?;
/// let query = Query { measures: vec![Measure::Degree], top: Some(3), ..Query::default() };
/// let ranking = rank(&graph, &query)?;
/// assert_eq!(ranking.rows.len(), 3);
/// assert!(ranking.rows[0].scores[0] >= ranking.rows[1].scores[0]);
/// # Ok::<(), whomet::Error>(())
/// ```
pub fn rank(graph: &MeetingGraph, query: &Query) -> Result<Ranking, CentralityError> {
    let scores = actor_scores(graph, query, query.from, query.to)?;
    let mut rows = rows_for(
        graph,
        query,
        scores.measures.len(),
        scores.rows,
        query.from,
        query.to,
    );
    if !scores.measures.is_empty() {
        sort_rows(&mut rows);
    }
    if let Some(top) = query.top {
        rows.truncate(top);
    }
    Ok(Ranking {
        measures: scores.measures,
        window: WindowBounds::new(query.from, query.to),
        weighted: query.options.weighted,
        sampled: scores.sampled,
        by: query.by,
        omitted: scores.omitted,
        rows,
    })
}

/// A length of time for sliding windows: `1y`, `6m`, `2w`, `30d`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// How many units.
    pub count: u32,
    /// The unit.
    pub unit: PeriodUnit,
}

/// Unit of a [`Period`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodUnit {
    /// Calendar years.
    Year,
    /// Calendar months.
    Month,
    /// Weeks of 7 days.
    Week,
    /// Days.
    Day,
}

impl Period {
    /// The calendar span of `times` periods.
    fn span(self, times: i64) -> Option<jiff::Span> {
        let n = i64::from(self.count).checked_mul(times)?;
        let span = jiff::Span::new();
        match self.unit {
            PeriodUnit::Year => span.try_years(n).ok(),
            PeriodUnit::Month => span.try_months(n).ok(),
            PeriodUnit::Week => span.try_weeks(n).ok(),
            PeriodUnit::Day => span.try_days(n).ok(),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = match self.unit {
            PeriodUnit::Year => 'y',
            PeriodUnit::Month => 'm',
            PeriodUnit::Week => 'w',
            PeriodUnit::Day => 'd',
        };
        write!(f, "{}{unit}", self.count)
    }
}

impl FromStr for Period {
    type Err = String;

    /// Parses `<count><unit>` with unit `y`, `m`, `w` or `d` and a positive count.
    fn from_str(text: &str) -> Result<Self, String> {
        let bad =
            || format!("expected a count and a unit y, m, w or d (e.g. 1y, 6m), got {text:?}");
        let unit = match text.chars().last() {
            Some('y') => PeriodUnit::Year,
            Some('m') => PeriodUnit::Month,
            Some('w') => PeriodUnit::Week,
            Some('d') => PeriodUnit::Day,
            _ => return Err(bad()),
        };
        let digits = &text[..text.len() - 1];
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let count: u32 = digits.parse().map_err(|_| bad())?;
        if count == 0 {
            return Err(format!("the period must be positive, got {text:?}"));
        }
        Ok(Period { count, unit })
    }
}

/// Most sliding windows one request may ask for.
pub const MAX_WINDOWS: usize = 2000;

/// One actor's (or bloc's) score in each window.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Series {
    /// Actor id (the bloc's id when summing per bloc).
    pub actor: String,
    /// Display name.
    pub name: String,
    /// One score per window, aligned with [`TimeSeries::windows`].
    pub scores: Vec<f64>,
}

/// Scores of one measure over sliding windows, for the top actors by peak score.
///
/// JSON: `{"measure", "window": {"from", "to"}, "width", "step", "weighted", "windows":
/// [{"from", "to"}], "series": [{"actor", "name", "scores": [...]}]}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimeSeries {
    /// The measure.
    pub measure: String,
    /// The overall span the windows cover.
    pub window: WindowBounds,
    /// Width of each window, e.g. `1y`.
    pub width: String,
    /// Step between window starts.
    pub step: String,
    /// Whether weights were used.
    pub weighted: bool,
    /// Set when betweenness was estimated (from the same number of sources per window).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sampled: Option<SampleNote>,
    /// Set when rows are blocs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<&'static str>,
    /// The windows, in time order.
    pub windows: Vec<WindowBounds>,
    /// Series, highest peak first, ties by id.
    pub series: Vec<Series>,
}

/// First and last day of the held meetings, ignoring open date bounds.
fn data_span(graph: &MeetingGraph) -> Option<(Date, Date)> {
    let held = graph
        .data()
        .meetings
        .iter()
        .filter(|m| m.status == crate::model::Status::Held);
    let first = held
        .clone()
        .map(|m| m.date.earliest())
        .filter(|&d| d != Date::MIN)
        .min()?;
    let last = held
        .map(|m| m.date.latest())
        .filter(|&d| d != Date::MAX)
        .max()?;
    Some((first, last))
}

/// The first measure of `query` over windows of `width` starting every `step`, from the
/// query's `from` (default: the first held meeting) while the start is not after its `to`
/// (default: the last held meeting). Keeps the query's `top` series by peak score.
///
/// ```
/// use whomet::algo::centrality::{over_time, Measure, Query};
/// use whomet::store::{load, DataLocation};
/// let graph = load(&DataLocation::Embedded)?;
/// let query = Query { measures: vec![Measure::Degree], top: Some(2), ..Query::default() };
/// let series = over_time(&graph, &query, "1y".parse()?, "1y".parse()?)?;
/// assert_eq!(series.series.len(), 2);
/// assert_eq!(series.series[0].scores.len(), series.windows.len());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn over_time(
    graph: &MeetingGraph,
    query: &Query,
    width: Period,
    step: Period,
) -> Result<TimeSeries, CentralityError> {
    let measure = *query.measures.first().ok_or(CentralityError::NoMeasure)?;
    let single = Query {
        measures: vec![measure],
        ..query.clone()
    };
    let span = data_span(graph);
    // Without --from, windows start on a calendar boundary of their unit (1 January for
    // years, the 1st for months) so that a window labelled 2016 is the year 2016.
    let aligned = span.map(|(first, _)| match step.unit {
        PeriodUnit::Year => first.first_of_year(),
        PeriodUnit::Month => first.first_of_month(),
        PeriodUnit::Week | PeriodUnit::Day => first,
    });
    let start = query.from.or(aligned);
    let end = query.to.or(span.map(|s| s.1));
    let mut windows: Vec<(Date, Date)> = Vec::new();
    if let (Some(start), Some(end)) = (start, end) {
        for i in 0.. {
            let Some(from) = step.span(i).and_then(|s| start.checked_add(s).ok()) else {
                break;
            };
            if from > end {
                break;
            }
            let to = width
                .span(1)
                .and_then(|s| from.checked_add(s).ok())
                .and_then(|d| d.yesterday().ok())
                .unwrap_or(Date::MAX);
            windows.push((from, to));
            if windows.len() > MAX_WINDOWS {
                return Err(CentralityError::TooManyWindows {
                    count: windows.len(),
                    width,
                    step,
                    limit: MAX_WINDOWS,
                });
            }
        }
    }
    let mut table: std::collections::BTreeMap<String, Series> = Default::default();
    let mut sampled = None;
    for (w, &(from, to)) in windows.iter().enumerate() {
        let scores = actor_scores(graph, &single, Some(from), Some(to)).map_err(|e| {
            CentralityError::InWindow {
                from,
                to,
                source: Box::new(e),
            }
        })?;
        sampled = sampled.or(scores.sampled);
        for row in rows_for(graph, &single, 1, scores.rows, Some(from), Some(to)) {
            let series = table.entry(row.actor.clone()).or_insert_with(|| Series {
                actor: row.actor,
                name: row.name,
                scores: vec![0.0; windows.len()],
            });
            series.scores[w] = row.scores[0];
        }
    }
    let mut series: Vec<Series> = table.into_values().collect();
    let peak = |s: &Series| s.scores.iter().copied().fold(0.0, f64::max);
    series.sort_by(|a, b| {
        sort_key(peak(b))
            .total_cmp(&sort_key(peak(a)))
            .then_with(|| a.actor.cmp(&b.actor))
    });
    if let Some(top) = query.top {
        series.truncate(top);
    }
    Ok(TimeSeries {
        measure: measure.as_str().to_string(),
        window: WindowBounds::new(start, end),
        width: width.to_string(),
        step: step.to_string(),
        weighted: query.options.weighted,
        sampled,
        by: query.by.map(|b| b.kind().as_str()),
        windows: windows
            .iter()
            .map(|&(f, t)| WindowBounds::new(Some(f), Some(t)))
            .collect(),
        series,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn arbitrary_graph() -> impl Strategy<Value = Adjacency> {
        (2usize..24).prop_flat_map(|n| {
            proptest::collection::vec((0..n as u32, 0..n as u32, 1u32..5), 0..60)
                .prop_map(move |pairs| Adjacency::from_pairs(n, &pairs))
        })
    }

    proptest! {
        #[test]
        fn parallel_betweenness_equals_sequential(g in arbitrary_graph(), weighted: bool) {
            let parallel = paths::betweenness(&g, weighted, true);
            let sequential = paths::betweenness(&g, weighted, false);
            prop_assert_eq!(parallel, sequential);
        }

        #[test]
        fn scores_follow_a_relabelling(g in arbitrary_graph(), seed: u64, weighted: bool) {
            // Reversing and rotating node ids must carry every score along with its node.
            let n = g.node_count() as u32;
            let shift = (seed % u64::from(n)) as u32;
            let relabel = |v: u32| (n - 1 - v + shift) % n;
            let pairs: Vec<(u32, u32, u32)> =
                g.edges().map(|(a, b, w)| (relabel(a), relabel(b), w)).collect();
            let h = Adjacency::from_pairs(n as usize, &pairs);
            let options = Options { weighted, katz_alpha: 0.01, ..Options::default() };
            for m in Measure::ALL {
                // Slow power iterations fail on both labellings alike, as in networkx.
                let (Ok(a), Ok(b)) = (compute(&g, &[m], &options), compute(&h, &[m], &options)) else {
                    continue;
                };
                let tol = if matches!(m, Measure::Eigenvector | Measure::PageRank | Measure::Katz) { 1e-6 } else { 1e-9 };
                for v in 0..n {
                    let (x, y) = (a[0][v as usize], b[0][relabel(v) as usize]);
                    prop_assert!((x - y).abs() < tol, "{} of node {}: {} vs {}", m, v, x, y);
                }
            }
        }
    }

    /// A graph of persons `p0…` with one held meeting per pair, on 2016-01-01 + i days.
    fn meeting_graph(n: usize, pairs: &[(u32, u32)]) -> MeetingGraph {
        use crate::model::{Actor, Dataset, FuzzyDate, Meeting, MeetingKind, Participant, Status};
        let actors = (0..n)
            .map(|i| Actor {
                id: format!("p{i}"),
                name: format!("P{i}"),
                kind: ActorKind::Person,
                aliases: Vec::new(),
                native_name: None,
                notes: None,
            })
            .collect();
        let start = jiff::civil::date(2016, 1, 1);
        let meetings = pairs
            .iter()
            .enumerate()
            .map(|(i, &(a, b))| Meeting {
                id: format!("m{i}"),
                date: FuzzyDate::day(
                    start
                        .checked_add(jiff::Span::new().days(i as i64))
                        .expect("in range"),
                ),
                date_note: None,
                place: None,
                kind: MeetingKind::Talks,
                status: Status::Held,
                participants: [a, b]
                    .iter()
                    .enumerate()
                    .map(|(side, &x)| Participant {
                        actor: ActorIndex(x),
                        role: None,
                        side: side as u32,
                    })
                    .collect(),
                sides: Vec::new(),
                sources: Vec::new(),
                notes: None,
            })
            .collect();
        MeetingGraph::new(Dataset {
            actors,
            meetings,
            ..Dataset::default()
        })
    }

    #[test]
    fn side_by_side_leaves_out_a_measure_that_does_not_converge() {
        // A triangle and a three-leaf star: A + I has eigenvalues 3 and 1 + √3, too close
        // for 100 power steps (networkx fails the same way).
        let graph = meeting_graph(7, &[(0, 1), (1, 2), (0, 2), (3, 4), (3, 5), (3, 6)]);
        let ranking = rank(&graph, &Query::default()).expect("other measures work");
        assert!(!ranking.measures.contains(&Measure::Eigenvector));
        assert_eq!(ranking.measures.len(), Measure::OVERVIEW.len() - 1);
        assert_eq!(ranking.omitted.len(), 1);
        assert_eq!(ranking.omitted[0].measure, "eigenvector");
        assert_eq!(ranking.rows[0].actor, "p3");
        let json = serde_json::to_value(&ranking).expect("serializes");
        assert_eq!(json["omitted"][0]["measure"], "eigenvector");

        let alone = Query {
            measures: vec![Measure::Eigenvector],
            ..Query::default()
        };
        assert!(matches!(
            rank(&graph, &alone),
            Err(CentralityError::NoConvergence { .. })
        ));
        let error = over_time(
            &graph,
            &alone,
            "1y".parse().expect("ok"),
            "1y".parse().expect("ok"),
        )
        .expect_err("fails in 2016");
        assert_eq!(
            error.to_string(),
            "eigenvector centrality did not converge in 100 iterations (window 2016-01-01 to 2016-12-31)"
        );
    }

    #[test]
    fn sampling_every_source_is_exact() {
        let g = Adjacency::from_pairs(5, &[(0, 1, 1), (1, 2, 1), (2, 3, 1), (1, 3, 1)]);
        let all = sample_sources(5, 5, 3);
        assert_eq!(all, vec![0, 1, 2, 3, 4]);
        let options = Options {
            samples: Some(5),
            ..Options::default()
        };
        let exact = compute(&g, &[Measure::Betweenness], &Options::default()).expect("ok");
        assert_eq!(
            compute(&g, &[Measure::Betweenness], &options).expect("ok"),
            exact
        );
        let too_few = Options {
            samples: Some(1),
            ..Options::default()
        };
        assert_eq!(
            compute(&g, &[Measure::Betweenness], &too_few),
            Err(CentralityError::TooFewSamples(1))
        );
    }

    #[test]
    fn periods_parse_and_print() {
        let p: Period = "18m".parse().expect("valid");
        assert_eq!(
            p,
            Period {
                count: 18,
                unit: PeriodUnit::Month
            }
        );
        assert_eq!(p.to_string(), "18m");
        assert!("0y".parse::<Period>().is_err());
        assert!("y".parse::<Period>().is_err());
        assert!("1x".parse::<Period>().is_err());
    }

    #[test]
    fn near_equal_scores_sort_by_id() {
        let row = |id: &str, s: f64| RankRow {
            actor: id.into(),
            name: id.into(),
            scores: vec![s],
            members: None,
        };
        let mut rows = vec![row("b", 0.1 + 0.2), row("a", 0.3), row("c", 0.5)];
        sort_rows(&mut rows);
        let ids: Vec<&str> = rows.iter().map(|r| r.actor.as_str()).collect();
        assert_eq!(ids, ["c", "a", "b"]);
    }
}
