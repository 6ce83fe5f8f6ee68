//! Writing the graph out: Graphviz DOT, rendered images, and interchange formats.

pub mod dot;
pub mod render;
