#!/usr/bin/env python3
"""Streams a large input through `wiretm fix --lines` and reports throughput and peak memory.

    python3 scripts/mojibake/stream_memory.py [--gigabytes 1] [--wiretm .build/release/wiretm]

The input is never written to disk: the lines of the repair fixtures (damage cases and the clean
multilingual corpus, in the runner's escaped one-line form) are repeated and piped into the
process until the requested size is reached. The output is read and counted, not kept. Peak
memory is the child's maximum resident set size; `fix --lines` reads 1 MiB chunks and keeps only
the current chunk's lines and their repairs (shared out to one thread per core), so it should
stay flat whatever the input size. Prints one line per size
(an eighth of the target, then the target) so that flat memory shows as two equal figures.
"""
import argparse
import json
import pathlib
import resource
import subprocess
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "Tests/WireTMRepairTests/Fixtures"


def escape(text):
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")


def block():
    lines = []
    for record in (FIXTURES / "synthetic-cases.jsonl").read_text(encoding="utf-8").split("\n"):
        if not record.strip():
            continue
        lines.append(escape(json.loads(record)["broken"]))
    for line in (FIXTURES / "clean-multilingual.txt").read_text(encoding="utf-8").split("\n"):
        if line.strip():
            lines.append(escape(line))
    return ("\n".join(lines) + "\n").encode("utf-8")


def run(wiretm, size):
    data = block()
    repeats = max(1, size // len(data))
    process = subprocess.Popen([wiretm, "fix", "--lines"], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE)
    counted = {"bytes": 0, "lines": 0}

    def drain():
        while True:
            chunk = process.stdout.read(1 << 20)
            if not chunk:
                return
            counted["bytes"] += len(chunk)
            counted["lines"] += chunk.count(b"\n")

    reader = threading.Thread(target=drain)
    reader.start()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    for _ in range(repeats):
        process.stdin.write(data)
    process.stdin.close()
    reader.join()
    status = process.wait()
    seconds = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    lines_in = repeats * data.count(b"\n")
    assert status == 0, f"exit status {status}"
    assert counted["lines"] == lines_in, f"{counted['lines']} lines out for {lines_in} in"
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    # ru_maxrss of RUSAGE_CHILDREN is the largest child so far, in KiB on Linux.
    return repeats * len(data), seconds, cpu, after.ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gigabytes", type=float, default=1.0)
    parser.add_argument("--wiretm", default=str(ROOT / ".build/release/wiretm"))
    args = parser.parse_args()
    target = int(args.gigabytes * (1 << 30))
    for size in (target // 8, target):
        total, seconds, cpu, rss = run(args.wiretm, size)
        print(f"{total / (1 << 20):9.0f} MiB in {seconds:7.1f} s wall, {cpu:7.1f} s cpu "
              f"({total / seconds / (1 << 20):6.1f} MiB/s), peak RSS {rss:6.1f} MiB")


if __name__ == "__main__":
    main()
