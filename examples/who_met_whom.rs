//! Who met whom, from the library alone: everyone Kim Jong Un met in the bundled data, most
//! frequent first, then the shortest chain of meetings from Xi Jinping to him, hop by hop with
//! dates and sources.
//!
//! Run with `cargo run --example who_met_whom`.

use whomet::graph::MeetingFilter;
use whomet::query::contacts::{met, ContactOrder};
use whomet::query::path::{shortest_path, HopRow, PathOptions};
use whomet::store::{load, DataLocation};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let graph = load(&DataLocation::Embedded)?;
    let kim = graph
        .actor_by_id("kim-jong-un")
        .ok_or("the bundled data has no kim-jong-un")?;
    let xi = graph
        .actor_by_id("xi-jinping")
        .ok_or("the bundled data has no xi-jinping")?;

    let report = met(
        &graph,
        kim,
        &MeetingFilter::default(),
        ContactOrder::Frequent,
    );
    println!(
        "{} met {} actors in held meetings:",
        graph.actor(kim).name,
        report.met.len()
    );
    for contact in &report.met {
        let dates: Vec<&str> = contact.meetings.iter().map(|m| m.date.as_str()).collect();
        println!("  {:<40} {}", contact.name, dates.join(", "));
    }

    match shortest_path(&graph, xi, kim, &PathOptions::default()) {
        Some(path) => {
            println!(
                "\nFrom {} to {} in {} hops:",
                graph.actor(xi).name,
                graph.actor(kim).name,
                path.hops.len()
            );
            for (i, hop) in path.hops.iter().enumerate() {
                let row = HopRow::new(&graph, hop);
                println!(
                    "  {}. {} – {} on {} (source: {})",
                    i + 1,
                    graph.actor(hop.from).name,
                    graph.actor(hop.to).name,
                    row.date,
                    row.source
                );
            }
        }
        None => println!("\nNo chain of meetings links Xi Jinping and Kim Jong Un."),
    }
    Ok(())
}
