#!/usr/bin/env python3
"""igraph's community detection on an edge list written by `cargo bench --bench communities`.

Usage: communities_igraph.py EDGES [--runs N] [--leiden]. EDGES: first line the node count,
then one `a b` pair per line (0-based). igraph shuffles the node order on every call, so both
its time and its modularity move between runs: each algorithm runs N times (default 1) and
prints one JSON line with the min and median wall time (the algorithm alone, not the reading)
and the median and best modularity.
"""
import json
import statistics
import sys
import time

import igraph as ig


def timed(g, runs, detect):
    seconds, modularities, sizes = [], [], []
    for _ in range(runs):
        start = time.perf_counter()
        parts = detect()
        seconds.append(time.perf_counter() - start)
        modularities.append(g.modularity(parts))
        sizes.append(len(parts))
    return {"runs": runs, "seconds_min": min(seconds), "seconds_median": statistics.median(seconds),
            "modularity_median": statistics.median(modularities),
            "modularity_best": max(modularities), "communities_median": statistics.median(sizes)}


def main():
    args = sys.argv[1:]
    path = args[0]
    runs = int(args[args.index("--runs") + 1]) if "--runs" in args else 1
    with open(path) as f:
        n = int(f.readline())
        edges = [tuple(map(int, line.split())) for line in f]
    g = ig.Graph(n=n, edges=edges)
    line = {"algorithm": "igraph multilevel"}
    line.update(timed(g, runs, g.community_multilevel))
    print(json.dumps(line), flush=True)
    if "--leiden" in args:
        line = {"algorithm": "igraph leiden (to convergence)"}
        line.update(timed(g, runs, lambda: g.community_leiden(
            objective_function="modularity", n_iterations=-1)))
        print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
