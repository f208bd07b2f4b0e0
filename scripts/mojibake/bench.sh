#!/bin/sh
# Reproduces the repair figures: accuracy on ftfy's cases and on the synthetic families,
# zero changes on the clean corpus, and speed against ftfy (pip install ftfy).
# Usage: scripts/mojibake/bench.sh [path/to/benchmarks/mojibake]   (run from the repository root)
set -e
HARNESS=${1:-../shared/benchmarks/mojibake}
swift build -c release --product wiretm
CMD='.build/release/wiretm fix --lines'
FIX=Tests/WireTMRepairTests/Fixtures
python3 "$HARNESS/run.py" --cases "$HARNESS/cases.jsonl" --cmd "$CMD" --anchor ftfy --repeat 20
python3 "$HARNESS/run.py" --cases "$FIX/synthetic-cases.jsonl" --cmd "$CMD" --anchor ftfy --repeat 5
python3 "$HARNESS/run.py" --cases "$FIX/synthetic-cases.jsonl" --clean "$FIX/clean-multilingual.txt" \
  --cmd "$CMD" --anchor ftfy --anchor ftfy-keep --repeat 20
