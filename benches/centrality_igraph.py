#!/usr/bin/env python3
"""igraph's betweenness on an edge list written by `cargo bench --bench centrality`.

Usage: centrality_igraph.py EDGES RUNS [unweighted] [weighted]. EDGES: first line the node
count, then one `a b count` line per pair (0-based). For each variant asked for, prints one
JSON line with the min and median wall seconds over RUNS runs (the algorithm alone, not the
reading). Weighted uses length 1/count, as whomet does.
"""
import json
import statistics
import sys
import time

import igraph as ig


def timed(runs, f):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        f()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main():
    path, runs = sys.argv[1], int(sys.argv[2])
    variants = sys.argv[3:] or ["unweighted", "weighted"]
    with open(path) as f:
        n = int(f.readline())
        rows = [tuple(map(int, line.split())) for line in f]
    g = ig.Graph(n=n, edges=[(a, b) for a, b, _ in rows])
    lengths = [1.0 / c for _, _, c in rows]
    for variant in variants:
        weights = lengths if variant == "weighted" else None
        low, mid = timed(runs, lambda: g.betweenness(directed=False, weights=weights))
        print(json.dumps({"measure": f"igraph {variant} betweenness", "runs": runs,
                          "min": low, "median": mid}), flush=True)


if __name__ == "__main__":
    main()
