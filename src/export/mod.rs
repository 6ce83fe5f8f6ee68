//! Writing the graph out: Graphviz DOT, rendered images, and interchange formats.

pub mod csv;
pub mod cypher;
pub mod dot;
pub mod gexf;
pub mod graphml;
pub mod json;
pub mod render;
pub mod selection;
