#!/usr/bin/env bash
# Build benchmark: pages/s and peak memory of `wiretm build` over generated pages.
#
#   swift build -c release --product wiretm
#   bash Benchmarks/build/run.sh 10000
#
# Writes under /tmp/wiretm-build-bench. Peak RSS comes from GNU time (apt-get install time).
set -euo pipefail
cd "$(dirname "$0")/../.."
pages=${1:-10000}
work=/tmp/wiretm-build-bench
rm -rf "$work" && mkdir -p "$work"
python3 Benchmarks/build/generate.py --pages "$pages" --out "$work/pages"
bin=.build/release/wiretm
measure() { /usr/bin/time -f "%e s wall, %U s user, %M KB peak RSS" "$@"; }
echo "== build -o (TMX, in-memory merge), $pages pages"
measure $bin build "$work/pages" -o "$work/out.tmx" -q
echo "== build --tm (SQLite store), $pages pages"
measure $bin build "$work/pages" --tm "$work/store.sqlite" -q
echo "== build --tm again (every page already stored)"
measure $bin build "$work/pages" --tm "$work/store.sqlite" -q
$bin tm stats --tm "$work/store.sqlite"
