#!/usr/bin/env python3
"""Builds the fuzz seed corpora in Fuzz/corpus/<target>/ from the repository's own fixtures.

Run from anywhere: python3 Fuzz/seed_corpus.py. The seeds are small inputs libFuzzer starts
from; it keeps the new inputs it finds in .build-fuzz/corpus/<target>/ (not committed).
"""
import hashlib
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "Fuzz" / "corpus"


def put(target, data):
    folder = OUT / target
    folder.mkdir(parents=True, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()[:16]
    (folder / name).write_bytes(data)


def encodings(text):
    """The text as UTF-8 and as the byte forms scrapers produce."""
    yield text.encode("utf-8")
    yield b"\xef\xbb\xbf" + text.encode("utf-8")
    yield text.encode("utf-16")
    for codec in ("cp1252", "latin-1", "cp1251", "koi8-r", "euc-kr", "shift_jis", "gb18030"):
        try:
            yield text.encode(codec)
        except UnicodeEncodeError:
            pass


def pages():
    for folder in (ROOT / "seeds", ROOT / "Fixtures" / "pages"):
        for path in sorted(folder.glob("*.txt")):
            yield path.read_bytes()


def main():
    # Decode + repair: damaged lines of the repair fixtures, in several encodings, and pages.
    cases = (ROOT / "Tests/WireTMRepairTests/Fixtures/synthetic-cases.jsonl").read_text("utf-8").split("\n")
    cases = [line for line in cases if line.strip()]
    for line in cases[::6]:
        case = json.loads(line)
        for data in encodings(case["broken"]):
            put("DecodeRepair", data)
    for page in pages():
        put("DecodeRepair", page[:4096])
    put("DecodeRepair", bytes(range(256)))
    put("DecodeRepair", "Ã".encode("utf-8") * 64)

    # The whole pipeline: pages as they are and in legacy encodings.
    for page in pages():
        put("Pipeline", page)
        text = page.decode("utf-8", "replace")
        put("Pipeline", text.encode("utf-16"))
        put("Pipeline", text.encode("cp1252", "replace"))

    # TMX import: every TMX fixture (valid, malformed, hostile).
    for path in sorted((ROOT / "Tests/WireTMMemoryTests/Fixtures").glob("*.tmx")):
        put("TMXImport", path.read_bytes())


if __name__ == "__main__":
    main()
