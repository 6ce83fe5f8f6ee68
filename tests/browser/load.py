#!/usr/bin/env python3
"""A bounded load test of a running `whomet serve` (BENCHMARKS.md, "Explorer"): N connections
(threads, one keep-alive connection each) send R requests in all, a fixed mix of profile,
ego-network and path requests for actors drawn with a fixed seed; prints errors and p50/p99.

    python3 tests/browser/load.py http://127.0.0.1:8080/ --actors a000000..a099999
"""

import argparse
import http.client
import random
import threading
import time
from urllib.parse import urlparse


def ids(spec):
    """`a000000..a099999` (a numbered range, as the generator names actors) or `x,y,z`."""
    if ".." not in spec:
        return spec.split(",")
    first, last = spec.split("..")
    width = len(first) - 1
    return [f"{first[0]}{i:0{width}d}" for i in range(int(first[1:]), int(last[1:]) + 1)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--actors", default="a000000..a099999")
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--requests", type=int, default=10000)
    args = parser.parse_args()
    host = urlparse(args.url)
    pool = ids(args.actors)
    rng = random.Random(12)
    paths = []
    for i in range(args.requests):
        a, b = rng.choice(pool), rng.choice(pool)
        paths.append([f"/api/actor/{a}", f"/api/ego/{a}", f"/api/path?a={a}&b={b}"][i % 3])
    latencies = {"actor": [], "ego": [], "path": []}
    errors = []
    lock = threading.Lock()
    cursor = iter(range(len(paths)))

    def worker():
        conn = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
        while True:
            with lock:
                i = next(cursor, None)
            if i is None:
                break
            start = time.perf_counter()
            try:
                conn.request("GET", paths[i])
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except Exception as error:  # noqa: BLE001 - counted, then a fresh connection
                ok = False
                conn.close()
                conn = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
                errors.append(repr(error))
            elapsed = (time.perf_counter() - start) * 1000
            kind = paths[i].split("/")[2].split("?")[0]
            with lock:
                latencies[kind].append(elapsed)
                if not ok and len(errors) < 1000:
                    errors.append(paths[i])

    began = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(args.connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - began
    every = sorted(x for v in latencies.values() for x in v)

    def pct(values, p):
        values = sorted(values)
        return values[min(len(values) - 1, int(len(values) * p))] if values else float("nan")

    print(f"{len(every)} requests, {args.connections} connections, {wall:.1f} s, {len(every) / wall:.0f} req/s, errors: {len(errors)}")
    for kind, values in [("all", every)] + list(latencies.items()):
        print(f"{kind:6} p50 {pct(values, 0.5):7.1f} ms  p99 {pct(values, 0.99):7.1f} ms  max {max(values) if values else 0:7.1f} ms")
    for e in errors[:5]:
        print("error:", e)


if __name__ == "__main__":
    main()
