//! Any text as an actor name against the curated data: one actor or a listed error, in both
//! strict and loose matching, never a panic; a strict answer is an exact or id-prefix match.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use whomet::names::{Match, Matching};
use whomet::store::{load, DataLocation};
use whomet::MeetingGraph;

fn graph() -> &'static MeetingGraph {
    static GRAPH: OnceLock<MeetingGraph> = OnceLock::new();
    GRAPH.get_or_init(|| load(&DataLocation::Embedded).expect("the curated data loads"))
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let graph = graph();
    if let Ok(found) = graph.names().resolve(graph.data(), text, Matching::Strict) {
        assert!(matches!(found.how, Match::Exact | Match::IdPrefix(_)), "{text:?}");
    }
    let _ = graph.names().resolve(graph.data(), text, Matching::Fuzzy);
});
