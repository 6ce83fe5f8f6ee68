//! Graph algorithms over the meeting graph: centrality, components, and bidirectional
//! shortest-path search.

pub mod bidirectional;
pub mod centrality;
pub mod community;
pub mod components;
