//! Graph algorithms over the meeting graph: centrality and components.

pub mod centrality;
pub mod components;
