#!/usr/bin/env python3
"""Time and memory against input size: runs each case at size n and 4n and prints the ratios.

    python3 scripts/linearity.py [--wiretm .build/release/wiretm] [--scale 1.0]

Linear work gives a time ratio near 4 (start-up makes it lower on small inputs); a ratio near
16 means quadratic behaviour. Peak memory (max RSS) should grow at most linearly too. At scale
1.0 the largest inputs are a 100 MB single line and 1 M short lines.
"""
import argparse
import pathlib
import resource
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
SENTENCE = "Revenue rose 6% to €1.4 billion, the company’s CEO said in Zürich. "
MOJIBAKE_LINE = "Line: Ã©tÃ© â€” naÃ¯ve cafÃ©, â€œquotedâ€\x9d.\n"


def single_line(size):
    return (SENTENCE * (size // len(SENTENCE.encode()) + 1)).encode()[:size].decode("utf-8", "ignore").encode()


def short_lines(size):
    return (MOJIBAKE_LINE * (size // len(MOJIBAKE_LINE.encode()))).encode()


def repeated_mojibake(size):
    return ("Ã" * (size // 2)).encode()


def every_byte(size):
    return bytes(range(1, 256)) * (size // 255)


CASES = [
    # (name, generator, command, size at scale 1 for n; 4n is measured too)
    ("fix: single line", single_line, ["fix"], 25_000_000),
    ("fix --lines: short lines", short_lines, ["fix", "--lines"], 12_500_000),
    ("fix: repeated Ã", repeated_mojibake, ["fix"], 2_500_000),
    ("fix: every byte value", every_byte, ["fix"], 2_500_000),
    ("clean: single line", single_line, ["clean", "-"], 25_000_000),
    ("clean: short lines", short_lines, ["clean", "-"], 12_500_000),
]


def measure(wiretm, command, data_path, repeats):
    times, peaks = [], []
    for _ in range(repeats):
        started = time.monotonic()
        with open(data_path, "rb") as stdin:
            result = subprocess.run(
                ["/usr/bin/time", "-f", "%M", wiretm, *command], stdin=stdin, stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE)
        times.append(time.monotonic() - started)
        last = result.stderr.decode(errors="replace").strip().splitlines()[-1]
        if result.returncode != 0:
            return None, f"exit {result.returncode}: {last}"
        peaks.append(int(last) / 1024)
    return statistics.median(times), max(peaks)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--wiretm", default=str(ROOT / ".build/release/wiretm"))
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    work = pathlib.Path(tempfile.mkdtemp(prefix="wiretm-linearity-"))
    print(f"{'case':28} {'n (MB)':>7} {'t(n) s':>8} {'t(4n) s':>8} {'ratio':>6} {'RSS n MB':>9} {'RSS 4n MB':>10}")
    for name, generate, command, size in CASES:
        n = int(size * args.scale)
        results = []
        for factor in (1, 4):
            path = work / "input"
            path.write_bytes(generate(n * factor))
            results.append(measure(args.wiretm, command, path, args.repeats))
        (t1, m1), (t4, m4) = results
        if t1 is None or t4 is None:
            print(f"{name:28} failed: {m1 if t1 is None else m4}")
            continue
        print(f"{name:28} {n / 1e6:7.1f} {t1:8.2f} {t4:8.2f} {t4 / t1:6.2f} {m1:9.0f} {m4:10.0f}")
        sys.stdout.flush()
    for path in work.iterdir():
        path.unlink()
    work.rmdir()


if __name__ == "__main__":
    main()
