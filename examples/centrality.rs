//! Who is central in the bundled network, from the library alone: the five actors with the
//! highest betweenness (the brokers on most shortest chains of meetings), with their degree.
//!
//! Run with `cargo run --example centrality`.

use whomet::algo::centrality::Measure;
use whomet::query::centrality::{rank, RankingQuery};
use whomet::store::{load, DataLocation};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let graph = load(&DataLocation::Embedded)?;
    let ranking = rank(
        &graph,
        &RankingQuery {
            measures: vec![Measure::Betweenness, Measure::Degree],
            top: Some(5),
            ..RankingQuery::default()
        },
    )?;
    println!(
        "{:<4} {:<40} {:>11} {:>7}",
        "rank", "actor", "betweenness", "degree"
    );
    for (i, row) in ranking.rows.iter().enumerate() {
        println!(
            "{:<4} {:<40} {:>11.4} {:>7.4}",
            i + 1,
            row.name,
            row.scores[0],
            row.scores[1]
        );
    }
    Ok(())
}
