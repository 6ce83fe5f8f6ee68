#!/usr/bin/env bash
# Runs every query in this folder on a Parquet export and prints how long each took:
#   whomet --data DATA export --as parquet -o DIR
#   docs/duckdb/run.sh DIR ACTOR TARGET
# ACTOR is the start of who_met, reach and shortest_chain, TARGET the end of the chain.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ $# -ne 3 ]; then
  echo "usage: $0 DIR ACTOR TARGET" >&2
  exit 2
fi
dir=$1 actor=$2 target=$3
run() { python3 "$here/run.py" "$dir" "$@" --time >/dev/null; }
run who_met actor="$actor"
run shortest_chain source="$actor" target="$target"
run reach actor="$actor"
run components
run pagerank
