//! Centrality measures of actors on an [`Adjacency`], with networkx's definitions for an
//! undirected graph; rankings and time series of a whole meeting graph live in
//! [`crate::query::centrality`].
//!
//! With [`Weighting::MeetingCount`] the meeting count of a pair is used as follows: strength
//! always sums it; degree never uses it; eigenvector, PageRank and Katz use it as the edge
//! weight; betweenness, closeness and harmonic use 1/count as the edge length (more meetings,
//! closer).

mod paths;
mod spectral;

use std::fmt;

use jiff::civil::Date;

use crate::graph::Adjacency;
use crate::model::Period;

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
    /// Σ 1/(fewest meetings) over the actors a time-ordered chain reaches
    /// ([`crate::query::temporal::temporal_closeness`]).
    TemporalCloseness,
    /// Share of shortest time-ordered chains between other ordered pairs through the actor
    /// ([`crate::query::temporal::temporal_betweenness`]).
    TemporalBetweenness,
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

    /// The measures over time-ordered chains: they need the meetings' dates, not only the
    /// graph of who met whom, so [`compute`] refuses them.
    pub const TEMPORAL: [Measure; 2] = [Measure::TemporalCloseness, Measure::TemporalBetweenness];

    /// True for the measures over time-ordered chains.
    pub fn is_temporal(self) -> bool {
        Measure::TEMPORAL.contains(&self)
    }

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
            Measure::TemporalCloseness => "temporal-closeness",
            Measure::TemporalBetweenness => "temporal-betweenness",
        }
    }

    /// Parses the lower-case name of a measure of [`Measure::ALL`].
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
    /// A measure over time-ordered chains asked of a graph without dates.
    #[error(
        "{0} is computed over time-ordered chains of meetings, not on a graph of who met whom"
    )]
    NeedsMeetings(&'static str),
    /// An option the measures over time-ordered chains do not support.
    #[error("{measure} does not support {option}")]
    Unsupported {
        /// The measure.
        measure: &'static str,
        /// The option, as the user gives it.
        option: &'static str,
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

impl CentralityError {
    /// 1 when the data defeats the computation (no convergence), 2 when the request does.
    pub fn exit_code(&self) -> u8 {
        match self {
            CentralityError::NoConvergence { .. } => 1,
            CentralityError::InWindow { source, .. } => source.exit_code(),
            _ => 2,
        }
    }
}

/// Whether the meeting counts of pairs weight the measures (see the module docs for how each
/// measure uses them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Weighting {
    /// Every pair that met counts once.
    #[default]
    Unweighted,
    /// A pair counts by its number of held meetings.
    MeetingCount,
}

impl Weighting {
    /// True for [`Weighting::MeetingCount`].
    pub fn is_weighted(self) -> bool {
        self == Weighting::MeetingCount
    }
}

impl From<bool> for Weighting {
    /// `true` (the `--weighted` flag) is [`Weighting::MeetingCount`].
    fn from(weighted: bool) -> Self {
        if weighted {
            Weighting::MeetingCount
        } else {
            Weighting::Unweighted
        }
    }
}

/// How to compute the measures.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MeasureOptions {
    /// Whether meeting counts weight the measures.
    pub weighting: Weighting,
    /// Estimate betweenness from this many sampled sources instead of all.
    pub samples: Option<usize>,
    /// Seed of the source sample.
    pub seed: u64,
    /// Katz attenuation factor.
    pub katz_alpha: f64,
}

impl Default for MeasureOptions {
    fn default() -> Self {
        MeasureOptions {
            weighting: Weighting::Unweighted,
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
/// use whomet::algo::centrality::{betweenness, Weighting};
/// use whomet::graph::Adjacency;
/// let star = Adjacency::from_pairs(4, &[(0, 1, 1), (0, 2, 1), (0, 3, 1)]);
/// assert_eq!(betweenness(&star, Weighting::Unweighted), vec![1.0, 0.0, 0.0, 0.0]);
/// ```
pub fn betweenness(g: &Adjacency, weighting: Weighting) -> Vec<f64> {
    paths::betweenness(g, weighting.is_weighted(), true)
}

/// Betweenness estimated from the given distinct `sources`, rescaled as networkx 3.6's
/// `betweenness_centrality(k=…)` rescales its sample.
pub fn betweenness_from_sources(g: &Adjacency, sources: &[u32], weighting: Weighting) -> Vec<f64> {
    paths::betweenness_from_sources(g, sources, weighting.is_weighted(), true)
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
/// use whomet::algo::centrality::{closeness, Weighting};
/// use whomet::graph::Adjacency;
/// let g = Adjacency::from_pairs(3, &[(0, 1, 1), (1, 2, 1)]);
/// assert_eq!(closeness(&g, Weighting::Unweighted), vec![2.0 / 3.0, 1.0, 2.0 / 3.0]);
/// ```
pub fn closeness(g: &Adjacency, weighting: Weighting) -> Vec<f64> {
    paths::closeness_harmonic(g, weighting.is_weighted()).0
}

/// Harmonic centrality: Σ 1/d(v, u) over the other actors (unnormalized, as networkx).
///
/// ```
/// use whomet::algo::centrality::{harmonic, Weighting};
/// use whomet::graph::Adjacency;
/// let g = Adjacency::from_pairs(3, &[(0, 1, 1), (1, 2, 1)]);
/// assert_eq!(harmonic(&g, Weighting::Unweighted), vec![1.5, 2.0, 1.5]);
/// ```
pub fn harmonic(g: &Adjacency, weighting: Weighting) -> Vec<f64> {
    paths::closeness_harmonic(g, weighting.is_weighted()).1
}

/// Eigenvector centrality as networkx computes it: power iteration on A + I from the
/// uniform vector, at most 100 steps, stopping when the L1 change is below n × 10⁻⁶.
///
/// ```
/// use whomet::algo::centrality::{eigenvector, Weighting};
/// use whomet::graph::Adjacency;
/// let g = Adjacency::from_pairs(3, &[(0, 1, 1), (1, 2, 1)]);
/// let x = eigenvector(&g, Weighting::Unweighted)?;
/// assert!(x[1] > x[0] && (x[0] - x[2]).abs() < 1e-12);
/// # Ok::<(), whomet::algo::centrality::CentralityError>(())
/// ```
pub fn eigenvector(g: &Adjacency, weighting: Weighting) -> Result<Vec<f64>, CentralityError> {
    spectral::eigenvector(g, weighting.is_weighted(), 100, TOLERANCE)
}

/// PageRank as networkx computes it: α = 0.85, uniform teleport, isolated nodes spread
/// uniformly, at most 100 steps, stopping when the L1 change is below n × 10⁻⁶.
///
/// ```
/// use whomet::algo::centrality::{pagerank, Weighting};
/// use whomet::graph::Adjacency;
/// let g = Adjacency::from_pairs(3, &[(0, 1, 1), (1, 2, 1)]);
/// let p = pagerank(&g, Weighting::Unweighted)?;
/// assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-9);
/// # Ok::<(), whomet::algo::centrality::CentralityError>(())
/// ```
pub fn pagerank(g: &Adjacency, weighting: Weighting) -> Result<Vec<f64>, CentralityError> {
    spectral::pagerank(g, weighting.is_weighted(), PAGERANK_ALPHA, 100, TOLERANCE)
}

/// Katz centrality as networkx computes it (β = 1, normalized), at most 1,000 steps; fails
/// with a hint when `alpha` is too large for the graph.
///
/// ```
/// use whomet::algo::centrality::{katz, Weighting};
/// use whomet::graph::Adjacency;
/// let g = Adjacency::from_pairs(3, &[(0, 1, 1), (1, 2, 1)]);
/// let x = katz(&g, Weighting::Unweighted, 0.1)?;
/// assert!(x[1] > x[0]);
/// # Ok::<(), whomet::algo::centrality::CentralityError>(())
/// ```
pub fn katz(g: &Adjacency, weighting: Weighting, alpha: f64) -> Result<Vec<f64>, CentralityError> {
    spectral::katz(g, weighting.is_weighted(), alpha, 1000, TOLERANCE)
}

/// Scores of each measure on `g`, aligned with `measures`; closeness and harmonic share
/// one set of searches.
pub fn compute(
    g: &Adjacency,
    measures: &[Measure],
    options: &MeasureOptions,
) -> Result<Vec<Vec<f64>>, CentralityError> {
    compute_each(g, measures, options).into_iter().collect()
}

/// Like [`compute`], but each measure succeeds or fails on its own.
pub fn compute_each(
    g: &Adjacency,
    measures: &[Measure],
    options: &MeasureOptions,
) -> Vec<Result<Vec<f64>, CentralityError>> {
    let needs_distances = measures
        .iter()
        .any(|m| matches!(m, Measure::Closeness | Measure::Harmonic));
    let w = options.weighting;
    let distances = needs_distances.then(|| paths::closeness_harmonic(g, w.is_weighted()));
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
                Measure::TemporalCloseness | Measure::TemporalBetweenness => {
                    return Err(CentralityError::NeedsMeetings(m.as_str()))
                }
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
            let options = MeasureOptions { weighting: weighted.into(), katz_alpha: 0.01, ..MeasureOptions::default() };
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

    #[test]
    fn sampling_every_source_is_exact() {
        let g = Adjacency::from_pairs(5, &[(0, 1, 1), (1, 2, 1), (2, 3, 1), (1, 3, 1)]);
        let all = sample_sources(5, 5, 3);
        assert_eq!(all, vec![0, 1, 2, 3, 4]);
        let options = MeasureOptions {
            samples: Some(5),
            ..MeasureOptions::default()
        };
        let exact = compute(&g, &[Measure::Betweenness], &MeasureOptions::default()).expect("ok");
        assert_eq!(
            compute(&g, &[Measure::Betweenness], &options).expect("ok"),
            exact
        );
        let too_few = MeasureOptions {
            samples: Some(1),
            ..MeasureOptions::default()
        };
        assert_eq!(
            compute(&g, &[Measure::Betweenness], &too_few),
            Err(CentralityError::TooFewSamples(1))
        );
    }
}
