#!/usr/bin/env python3
"""igraph's load of a CSV pair, for `WHOMET_BENCH_IGRAPH=1 cargo bench --bench load -- csv`.

Usage: load_igraph.py DIR RUNS. DIR holds actors.csv and meetings.csv in the interchange format
of ../shared/bench. Each run parses both files with Python's csv module, makes every pair of a
meeting's participants adjacent, and builds the simple undirected igraph graph over all actors
(isolated ones kept), the graph the peers' table of ../shared/bench/README.md times. Prints one
JSON line with the min and median wall seconds over RUNS runs and the graph's size.
"""
import csv
import json
import statistics
import sys
import time

import igraph as ig


def load(folder):
    with open(f"{folder}/actors.csv", newline="", encoding="utf-8") as f:
        rows = csv.reader(f)
        next(rows)
        index = {row[0]: i for i, row in enumerate(rows)}
    edges = []
    with open(f"{folder}/meetings.csv", newline="", encoding="utf-8") as f:
        rows = csv.reader(f)
        next(rows)
        for row in rows:
            members = [index[a] for a in row[2].split("|")]
            for i, a in enumerate(members):
                for b in members[i + 1:]:
                    if a != b:
                        edges.append((a, b) if a < b else (b, a))
    g = ig.Graph(n=len(index), edges=edges)
    g.simplify()
    return g


def main():
    folder, runs = sys.argv[1], int(sys.argv[2])
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        g = load(folder)
        times.append(time.perf_counter() - start)
        size = (g.vcount(), g.ecount())
        del g
    print(json.dumps({"operation": "igraph CSV to graph", "runs": runs, "min": min(times),
                      "median": statistics.median(times), "nodes": size[0], "edges": size[1]}),
          flush=True)


if __name__ == "__main__":
    main()
