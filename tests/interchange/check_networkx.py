"""Loads whomet's GraphML and GEXF exports with networkx and checks them against expectations.

Usage: python3 check_networkx.py GRAPHML GEXF EXPECTED_JSON

EXPECTED_JSON holds {"nodes": n, "edges": m, "node": {"id", "name", "kind", "aliases"},
"edge": {"source", "target", "meetings", "first", "last", "meeting_ids", "spells"}}.
Exits 3 when networkx is missing, so the caller can skip; 1 on a mismatch.
"""

import json
import sys

try:
    import networkx as nx
except ImportError:
    print("networkx is not installed", file=sys.stderr)
    sys.exit(3)


def check(label, got, want):
    if got != want:
        print(f"{label}: got {got!r}, want {want!r}", file=sys.stderr)
        sys.exit(1)


def main():
    graphml_path, gexf_path, expected_path = sys.argv[1:4]
    with open(expected_path, encoding="utf-8") as f:
        want = json.load(f)
    node, edge = want["node"], want["edge"]

    g = nx.read_graphml(graphml_path)
    check("graphml type", type(g).__name__, "Graph")
    check("graphml nodes", g.number_of_nodes(), want["nodes"])
    check("graphml edges", g.number_of_edges(), want["edges"])
    data = g.nodes[node["id"]]
    check("graphml node name", data.get("name"), node["name"])
    check("graphml node kind", data.get("kind"), node["kind"])
    check("graphml node label", data.get("label"), node["name"])
    check("graphml node held type", type(data.get("held")).__name__, "int")
    check("graphml node aliases", data.get("aliases"), node.get("aliases"))
    e = g.edges[edge["source"], edge["target"]]
    check("graphml meetings", e["meetings"], edge["meetings"])
    check("graphml meetings type", type(e["meetings"]).__name__, "int")
    check("graphml weight", e["weight"], float(edge["meetings"]))
    check("graphml first", e["first"], edge["first"])
    check("graphml last", e["last"], edge["last"])
    check("graphml meeting_ids", e["meeting_ids"], edge["meeting_ids"])
    total = sum(d["meetings"] for _, _, d in g.edges(data=True))
    check("graphml total meetings", total, want["pair_meetings"])

    h = nx.read_gexf(gexf_path)
    check("gexf type", type(h).__name__, "Graph")
    check("gexf mode", h.graph.get("mode"), "dynamic")
    check("gexf nodes", h.number_of_nodes(), want["nodes"])
    check("gexf edges", h.number_of_edges(), want["edges"])
    data = h.nodes[node["id"]]
    check("gexf node label", data.get("label"), node["name"])
    check("gexf node kind", data.get("kind"), node["kind"])
    e = h.edges[edge["source"], edge["target"]]
    check("gexf meetings", e["meetings"], edge["meetings"])
    check("gexf weight", e["weight"], float(edge["meetings"]))
    check("gexf meeting_ids", e["meeting_ids"], edge["meeting_ids"])
    check("gexf spells", [list(s) for s in e["spells"]], edge["spells"])
    print("ok")


main()
