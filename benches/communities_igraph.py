#!/usr/bin/env python3
"""igraph's community detection on an edge list written by `cargo bench --bench communities`.

Usage: communities_igraph.py EDGES [--leiden]. EDGES: first line the node count, then one
`a b` pair per line (0-based). Prints one JSON line per algorithm with its wall time (the
algorithm alone, not the reading) and the modularity of its partition.
"""
import json
import sys
import time

import igraph as ig


def main():
    path = sys.argv[1]
    with open(path) as f:
        n = int(f.readline())
        edges = [tuple(map(int, line.split())) for line in f]
    g = ig.Graph(n=n, edges=edges)
    start = time.perf_counter()
    parts = g.community_multilevel()
    took = time.perf_counter() - start
    print(json.dumps({"algorithm": "igraph multilevel", "seconds": took,
                      "modularity": g.modularity(parts), "communities": len(parts)}), flush=True)
    if "--leiden" in sys.argv[2:]:
        start = time.perf_counter()
        parts = g.community_leiden(objective_function="modularity", n_iterations=-1)
        took = time.perf_counter() - start
        print(json.dumps({"algorithm": "igraph leiden (to convergence)", "seconds": took,
                          "modularity": g.modularity(parts), "communities": len(parts)}), flush=True)


if __name__ == "__main__":
    main()
