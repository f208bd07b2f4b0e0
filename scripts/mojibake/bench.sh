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
# A larger clean file (the clean corpus five times, as cases that must come back unchanged):
# speed on clean multilingual text with start-up amortised.
LARGE=$(mktemp)
python3 - "$FIX/clean-multilingual.txt" "$LARGE" <<'PY'
import json, sys
lines = [l.rstrip("\n") for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for _ in range(5):
        for line in lines:
            out.write(json.dumps({"broken": line, "fixed": line, "kind": "clean"}, ensure_ascii=False) + "\n")
PY
python3 "$HARNESS/run.py" --cases "$LARGE" --cmd "$CMD" --anchor ftfy --repeat 10
rm -f "$LARGE"
# Memory while streaming: 128 MiB and 1 GiB of fixture lines piped through `fix --lines`
# (peak RSS should be the same for both).
python3 scripts/mojibake/stream_memory.py --gigabytes 1
