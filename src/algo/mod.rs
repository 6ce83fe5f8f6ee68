//! Graph algorithms over the meeting graph: centrality and components.
