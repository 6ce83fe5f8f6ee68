//! Writing the graph out: Graphviz DOT, rendered images, and interchange formats.
