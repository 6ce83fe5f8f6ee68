//! Time-ordered chains and temporal centrality on the synthetic data sets: every criterion of
//! `path --in-time-order` for random pairs on L, temporal closeness and betweenness on M
//! (betweenness from a sample of sources, the exact cost extrapolated), and the sampled
//! betweenness's error against the exact values on S.
//!
//! Run: `nice cargo bench --bench temporal` (generates /tmp/whomet-<P>/<P> with
//! ../shared/bench/gen.py if missing). WHOMET_BENCH_PAIRS sets the pairs per criterion
//! (default 20), WHOMET_BENCH_SOURCES the sampled sources on M (default 50).

// The same allocator as the `whomet` binary, so the timings are the command's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod common;

use std::time::{Duration, Instant};

use whomet::algo::centrality::sample_sources;
use whomet::model::ActorIndex;
use whomet::query::temporal::{
    chain_by, temporal_betweenness, temporal_betweenness_from_sources, temporal_closeness,
    Certainty, Criterion, TemporalOptions,
};
use whomet::store::{load, DataLocation};
use whomet::MeetingGraph;

/// A small deterministic generator, so every run asks the same pairs.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

fn env_count(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn loaded(preset: &str) -> MeetingGraph {
    let dir = common::generated_csv(preset);
    let started = Instant::now();
    let graph = load(&DataLocation::Dir(dir.clone())).expect("bench data loads");
    let _ = graph.meeting_times();
    let _ = graph.dated_meetings();
    println!(
        "{preset}: {} actors, {} meetings from {} in {:.2} s",
        graph.actor_count(),
        graph.data().meetings.len(),
        dir.display(),
        started.elapsed().as_secs_f64()
    );
    graph
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Every criterion, possible and certain, for the same random pairs: per-query median, 90th
/// percentile and maximum.
fn chains_on(graph: &MeetingGraph, pairs: usize) {
    let n = graph.actor_count() as u64;
    let mut rng = SplitMix(11);
    let pairs: Vec<(ActorIndex, ActorIndex)> = (0..pairs)
        .map(|_| {
            (
                ActorIndex((rng.next() % n) as u32),
                ActorIndex((rng.next() % n) as u32),
            )
        })
        .collect();
    for certainty in [Certainty::Possible, Certainty::Certain] {
        let options = TemporalOptions {
            certainty,
            ..TemporalOptions::default()
        };
        for criterion in [
            Criterion::EarliestArrival,
            Criterion::Fastest,
            Criterion::LatestDeparture,
            Criterion::FewestHops,
        ] {
            let mut times = Vec::with_capacity(pairs.len());
            let mut found = 0;
            let cpu = common::cpu_seconds();
            for &(a, b) in &pairs {
                let t = Instant::now();
                let journey = chain_by(graph, a, b, &options, criterion).expect("no max gap");
                times.push(t.elapsed());
                found += usize::from(journey.is_some());
            }
            let cpu = common::cpu_seconds() - cpu;
            times.sort();
            let total: Duration = times.iter().sum();
            println!(
                "  {:<8} {:<17} median {:>8.2} ms  p90 {:>8.2} ms  max {:>8.2} ms  mean {:>8.2} ms  cpu {:>6.1} s  ({found}/{} found)",
                certainty.as_str(),
                criterion.as_str(),
                ms(times[times.len() / 2]),
                ms(times[times.len() * 9 / 10]),
                ms(*times.last().expect("pairs")),
                ms(total) / times.len() as f64,
                cpu,
                times.len()
            );
        }
    }
}

/// Temporal closeness exactly and betweenness from `sources` sampled sources on M, with the
/// exact betweenness extrapolated from the time per source.
fn centrality_on(graph: &MeetingGraph, sources: usize) {
    let options = TemporalOptions::default();
    let t = Instant::now();
    let cpu = common::cpu_seconds();
    let closeness = temporal_closeness(graph, &options);
    println!(
        "  temporal closeness, exact:            {:>8.2} s  (cpu {:.1} s, max {:.3})",
        t.elapsed().as_secs_f64(),
        common::cpu_seconds() - cpu,
        closeness.iter().copied().fold(0.0, f64::max)
    );
    let n = graph.actor_count();
    let sample = sample_sources(n, sources, 1);
    let t = Instant::now();
    let cpu = common::cpu_seconds();
    let _ = temporal_betweenness_from_sources(graph, &sample, &options);
    let wall = t.elapsed().as_secs_f64();
    let cpu = common::cpu_seconds() - cpu;
    println!(
        "  temporal betweenness, {sources} sources:  {wall:>8.2} s  (cpu {cpu:.1} s); all {n} sources would take about {:.0} s wall",
        wall * n as f64 / sources as f64
    );
}

/// The sampled betweenness against the exact one on S: the largest error over actors for a
/// few sample sizes and seeds, beside the Hoeffding bound at δ = 0.05.
fn sampling_error_on(graph: &MeetingGraph) {
    let options = TemporalOptions::default();
    let t = Instant::now();
    let exact = temporal_betweenness(graph, &options);
    println!(
        "  exact temporal betweenness:           {:>8.2} s",
        t.elapsed().as_secs_f64()
    );
    let n = graph.actor_count();
    for k in [50, 100, 200, 400] {
        let mut worst: f64 = 0.0;
        let mut mean = 0.0;
        let seeds = 5;
        for seed in 0..seeds {
            let sample = sample_sources(n, k, seed);
            let estimate = temporal_betweenness_from_sources(graph, &sample, &options);
            let error = exact
                .iter()
                .zip(&estimate)
                .map(|(x, y)| (x - y).abs())
                .fold(0.0, f64::max);
            worst = worst.max(error);
            mean += error / seeds as f64;
        }
        let bound = ((2.0f64 / 0.05).ln() / (2.0 * k as f64)).sqrt() * n as f64 / (n - 1) as f64;
        println!(
            "  k = {k:>3}: largest error over actors, mean of {seeds} seeds {mean:.5}, worst {worst:.5}; bound at 95 % {bound:.4}; largest exact score {:.5}",
            exact.iter().copied().fold(0.0, f64::max)
        );
    }
}

fn main() {
    let pairs = env_count("WHOMET_BENCH_PAIRS", 20);
    let sources = env_count("WHOMET_BENCH_SOURCES", 50);
    let large = loaded("L");
    println!("time-ordered chains on L, {pairs} random pairs per criterion:");
    chains_on(&large, pairs);
    drop(large);
    let medium = loaded("M");
    println!("temporal centrality on M:");
    centrality_on(&medium, sources);
    drop(medium);
    let small = loaded("S");
    println!("sampled temporal betweenness against exact on S:");
    sampling_error_on(&small);
}
