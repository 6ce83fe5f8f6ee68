//! Writing the graph out: Graphviz DOT, rendered images, interchange formats, and the SVG chart
//! of a centrality series.

pub mod attributes;
pub mod carried;
pub mod chart;
pub mod csv;
pub mod cypher;
pub mod dot;
pub mod gexf;
pub mod graphml;
pub mod json;
pub mod neo4j_admin;
#[cfg(feature = "parquet")]
pub mod parquet;
pub mod render;
pub mod selection;
pub mod xml;
