#!/usr/bin/env python3
"""Runs one of the queries in this folder on a folder written by
`whomet export --as parquet -o DIR`, after views.sql, and prints its rows as JSON.

    python3 docs/duckdb/run.py DIR who_met actor=miguel-diaz-canel
    python3 docs/duckdb/run.py DIR shortest_chain source=a000000 target=a000500

NAME=VALUE pairs become DuckDB variables (getvariable('NAME')). A query named `-` is read
from standard input. With --time, the seconds that views.sql and the query took are printed
on stderr.
"""

import datetime
import json
import os
import sys
import time

import duckdb

HERE = os.path.dirname(os.path.abspath(__file__))


def plain(value):
    """A JSON-ready value: dates as ISO text, infinite dates as null."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def main(argv):
    timed = "--time" in argv
    args = [a for a in argv if a != "--time"]
    if len(args) < 2:
        sys.exit(__doc__)
    folder, name, assignments = args[0], args[1], args[2:]
    if name == "-":
        query = sys.stdin.read()
    else:
        with open(os.path.join(HERE, name + ".sql"), encoding="utf-8") as f:
            query = f.read()
    with open(os.path.join(HERE, "views.sql"), encoding="utf-8") as f:
        views = f.read()
    os.chdir(folder)
    connection = duckdb.connect()
    for assignment in assignments:
        key, _, value = assignment.partition("=")
        connection.execute(f"SET VARIABLE {key} = $value", {"value": value})
    started = time.perf_counter()
    connection.execute(views)
    loaded = time.perf_counter()
    cursor = connection.execute(query)
    columns = [d[0] for d in cursor.description]
    rows = [dict(zip(columns, map(plain, row))) for row in cursor.fetchall()]
    done = time.perf_counter()
    if timed:
        print(f"{name}: views {loaded - started:.3f} s, query {done - loaded:.3f} s",
              file=sys.stderr)
    json.dump(rows, sys.stdout, indent=1, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main(sys.argv[1:])
