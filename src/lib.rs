//! whomet: a graph of political actors and the dated meetings between them.
//!
//! Data flows `graph/*.ron` (or a CSV pair) → [`store`] (parse, check, resolve ids) →
//! [`model::Dataset`] → [`graph::MeetingGraph`] (petgraph plus indexes) → [`query`],
//! [`algo`] and [`export`]. The `whomet` binary only parses flags and prints.

pub mod algo;
pub mod error;
pub mod export;
pub mod graph;
pub mod model;
pub mod names;
pub mod printable;
pub mod query;
#[cfg(feature = "serve")]
pub mod serve;
pub mod store;

pub use error::{Error, Result};
pub use graph::MeetingGraph;
