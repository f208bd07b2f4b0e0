#!/usr/bin/env python3
"""Crash-safety loop: kill -9 `wiretm build --tm` (and `build -o`) at random moments.

    python3 scripts/killloop.py [--kills 100] [--pages 240] [--wiretm .build/release/wiretm] [--seed 1]

1. Generates PAGES distinct pages from the repository's seeds/ and Fixtures/pages/ (each page
   a copy with its digits permuted and its brand name replaced, so every page has its own
   content hash and its own sentences).
2. A clean run builds the reference store; its per-page counts (the `units` column and the
   sightings stored for the page) and its TMX export are the expected content.
3. Rounds: a fresh store; `wiretm build PAGES --tm STORE` is started again and again and killed
   with SIGKILL after a random delay until one run completes. After every kill the store must
   open with `wiretm tm stats`, pass `PRAGMA integrity_check`, and every page it holds must be
   complete (same counts as in the clean run). When a run completes, the store's TMX export
   must equal the clean run's byte for byte.
4. The same rounds with `wiretm tm import --tm STORE FILES…` over generated TMX files (one
   transaction per file, hundreds of units each): the language-independent path that writes
   many units per transaction.
5. `wiretm build PAGES -o OUT.tmx` is killed the same way: OUT.tmx must still be the previous
   file or the complete new one, never a part.
Exit status 0 when every check passed; prints a summary line per phase.
"""
import argparse
import os
import pathlib
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent


def generate_pages(folder, count, rng):
    bases = []
    for d in ("seeds", "Fixtures/pages"):
        for p in sorted((ROOT / d).glob("*.txt")):
            try:
                bases.append(p.read_text("utf-8"))
            except UnicodeDecodeError:
                pass  # templates in legacy encodings (Fixtures/pages/cp1252_encoded.txt) are left out
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        text = bases[index % len(bases)]
        digits = list("0123456789")
        rng.shuffle(digits)
        text = text.translate(str.maketrans("0123456789", "".join(digits)))
        brand = re.match(r"\s*([A-Z][A-Za-z]{2,})", text)
        if brand:
            name = "Qu" + "".join(chr(ord("a") + (index // 26 ** k) % 26) for k in range(3)) + "ix"
            text = re.sub(r"\b%s\b" % re.escape(brand.group(1)), name, text)
        (folder / f"page-{index:04d}.txt").write_text(text, "utf-8")


def page_counts(store):
    """{document: (units column, sightings)} for every page in the store."""
    with sqlite3.connect(store) as db:
        rows = db.execute(
            "SELECT p.document, p.units, (SELECT count(*) FROM occurrence o WHERE o.page_id = p.id) FROM page p"
        ).fetchall()
    return {document: (units, sightings) for document, units, sightings in rows}


def integrity(store):
    with sqlite3.connect(store) as db:
        return db.execute("PRAGMA integrity_check").fetchone()[0]


def export(wiretm, store, out):
    subprocess.run([wiretm, "tm", "export", "--tm", store, "--format", "tmx", "-o", out], check=True,
                   stderr=subprocess.DEVNULL)
    return pathlib.Path(out).read_bytes()


def build(wiretm, pages, store):
    return [wiretm, "build", str(pages), "--tm", store, "-q"]



def run_killed(command, delay):
    """Runs command; kills it with SIGKILL after delay seconds. Returns True if it was killed."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _, err = process.communicate(timeout=delay)
        if process.returncode != 0:
            raise SystemExit(f"run failed with {process.returncode}: {err.decode(errors='replace')}")
        return False
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.communicate()
        return True


def generate_tmx(folder, files, units):
    """TMX files of `units` units each (en, de, fr), every file with its own sentences."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for f in range(files):
        parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="gen" '
                 'creationtoolversion="1" segtype="sentence" o-tmf="gen" adminlang="en" srclang="en" '
                 'datatype="plaintext"/><body>\n']
        for u in range(units):
            parts.append(
                f'<tu><tuv xml:lang="en"><seg>File {f} sentence {u}: revenue rose {u % 97}% in quarter {f % 4 + 1}.</seg></tuv>'
                f'<tuv xml:lang="de"><seg>Datei {f} Satz {u}: Umsatz stieg um {u % 97} % im Quartal {f % 4 + 1}.</seg></tuv>'
                f'<tuv xml:lang="fr"><seg>Fichier {f} phrase {u} : le chiffre a augmenté de {u % 97} %.</seg></tuv></tu>\n')
        parts.append("</body></tmx>\n")
        path = folder / f"file-{f:04d}.tmx"
        path.write_text("".join(parts), "utf-8")
        paths.append(path)
    return paths


def kill_rounds(wiretm, rng, wanted, work, command, clean_time, expected, expected_tmx):
    """Kills `command` (STORE replaced by a fresh store per round) until `wanted` kills."""
    kills = rounds = failures = 0
    store = str(work / "store.sqlite")
    command = [a if a != "STORE" else store for a in command]
    while kills < wanted:
        rounds += 1
        for leftover in pathlib.Path(work).glob("store.sqlite*"):
            leftover.unlink()
        while True:
            delay = rng.uniform(0.02, clean_time * 1.05)
            if not run_killed(command, delay):
                break
            kills += 1
            if not os.path.exists(store):
                continue  # killed before the store was created
            opened = subprocess.run([wiretm, "tm", "stats", "--tm", store], capture_output=True)
            problems = []
            if opened.returncode != 0:
                problems.append(f"store does not open: {opened.stderr.decode(errors='replace').strip()}")
            check = integrity(store)
            if check != "ok":
                problems.append(f"integrity_check: {check}")
            for document, counts in page_counts(store).items():
                if expected.get(document) != counts:
                    problems.append(f"{document}: stored {counts}, clean run {expected.get(document)}")
            if problems:
                failures += 1
                print(f"kill {kills} after {delay:.2f} s: " + "; ".join(problems[:5]))
        if page_counts(store) != expected or export(wiretm, store, str(work / "store.tmx")) != expected_tmx:
            failures += 1
            print(f"round {rounds}: the completed store differs from the clean run")
    return kills, rounds, failures


def main():
    sys.stdout.reconfigure(line_buffering=True)
    parser = argparse.ArgumentParser()
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--pages", type=int, default=240)
    parser.add_argument("--wiretm", default=None)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--tmx-files", type=int, default=120)
    parser.add_argument("--tmx-units", type=int, default=300)
    parser.add_argument("--output-kills", type=int, default=30, help="kill points for build -o")
    args = parser.parse_args()
    wiretm = args.wiretm or next(
        (str(p) for p in (ROOT / ".build/release/wiretm", ROOT / ".build/debug/wiretm") if p.exists()), None)
    if not wiretm:
        raise SystemExit("killloop: build wiretm first (swift build -c release --product wiretm)")
    rng = random.Random(args.seed)
    work = pathlib.Path(tempfile.mkdtemp(prefix="wiretm-killloop-"))
    pages = work / "pages"
    generate_pages(pages, args.pages, rng)

    clean_store = str(work / "clean.sqlite")
    started = time.monotonic()
    subprocess.run(build(wiretm, pages, clean_store), check=True, stderr=subprocess.DEVNULL)
    clean_time = time.monotonic() - started
    expected = page_counts(clean_store)
    expected_tmx = export(wiretm, clean_store, str(work / "clean.tmx"))
    units = sum(u for u, _ in expected.values())
    print(f"clean run: {len(expected)} pages, {units} units in {clean_time:.2f} s")

    kills, rounds, failures = kill_rounds(wiretm, rng, args.kills, work, build(wiretm, pages, "STORE"),
                                          clean_time, expected, expected_tmx)
    print(f"build --tm: {kills} kill points in {rounds} rounds, {failures} failures")

    # tm import of many TMX files: one transaction per file, many units each.
    tmx_folder = work / "tmx"
    files = generate_tmx(tmx_folder, args.tmx_files, args.tmx_units)
    import_command = [wiretm, "tm", "import", "--tm", "STORE", *map(str, files)]
    clean_import = str(work / "clean-import.sqlite")
    started = time.monotonic()
    subprocess.run([a if a != "STORE" else clean_import for a in import_command], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    import_time = time.monotonic() - started
    expected_import = page_counts(clean_import)
    expected_import_tmx = export(wiretm, clean_import, str(work / "clean-import.tmx"))
    print(f"clean import: {len(expected_import)} files, {sum(u for u, _ in expected_import.values())} units "
          f"in {import_time:.2f} s")
    import_kills, import_rounds, import_failures = kill_rounds(
        wiretm, rng, args.kills, work, import_command, import_time, expected_import, expected_import_tmx)
    print(f"tm import: {import_kills} kill points in {import_rounds} rounds, {import_failures} failures")
    failures += import_failures

    # build -o: the output is the old file or the whole new one.
    out = work / "out.tmx"
    started = time.monotonic()
    subprocess.run([wiretm, "build", str(pages), "-o", str(out), "-q"], check=True)
    output_time = time.monotonic() - started
    new = out.read_bytes()
    old = b"previous file\n"
    output_failures = killed_outputs = 0
    for _ in range(args.output_kills):
        out.write_bytes(old)
        if run_killed([wiretm, "build", str(pages), "-o", str(out), "-q"], rng.uniform(0.02, output_time)):
            killed_outputs += 1
        content = out.read_bytes()
        if content not in (old, new):
            output_failures += 1
            print(f"build -o left a partial file ({len(content)} bytes)")
    temporaries = [p.name for p in work.iterdir() if p.name.startswith(".out.tmx.tmp")]
    print(f"build -o: {killed_outputs} kills, {output_failures} partial files; "
          f"{len(temporaries)} temporary files left beside the output by kills")
    shutil.rmtree(work)
    return 1 if failures or output_failures else 0


if __name__ == "__main__":
    sys.exit(main())
