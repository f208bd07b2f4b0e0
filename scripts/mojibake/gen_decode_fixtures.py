#!/usr/bin/env python3
"""Writes Tests/WireTMDecodeTests/Fixtures/: one file per (sentence, charset) and
decode-cases.json listing file, the encodings accepted as correct, and the expected text.
Sentences come from scripts/mojibake/sentences.tsv (written for this project).
Run from the repository root: python3 scripts/mojibake/gen_decode_fixtures.py
"""
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "Tests/WireTMDecodeTests/Fixtures"
OUT.mkdir(parents=True, exist_ok=True)
rows = [l.split("\t", 1) for l in (ROOT / "scripts/mojibake/sentences.tsv").read_text("utf-8").splitlines() if l]
by_lang = {}
for lang, s in rows:
    by_lang.setdefault(lang, []).append(s)

plan = [
    ("fr", "cp1252", ["windows-1252"]), ("de", "cp1252", ["windows-1252"]),
    ("es", "cp1252", ["windows-1252"]), ("en", "cp1252", ["windows-1252"]),
    ("ko", "euc-kr", ["EUC-KR"]), ("ja", "shift_jis", ["Shift_JIS"]),
    ("zh", "gbk", ["GBK", "GB18030"]), ("zh-Hant", "big5", ["Big5"]),
    ("ru", "cp1251", ["windows-1251"]), ("ru", "koi8_r", ["KOI8-R"]),
    ("el", "cp1253", ["windows-1253", "ISO-8859-7"]),
]
cases = []
n = 0
for lang, codec, names in plan:
    for s in by_lang[lang]:
        try:
            data = s.encode(codec)
        except UnicodeEncodeError:
            continue
        n += 1
        name = f"legacy-{n:02d}-{lang}-{codec}.txt"
        (OUT / name).write_bytes(data)
        cases.append({"file": name, "encodings": names, "text": s})
# A longer page per charset: all sentences of the language, five times.
for lang, codec, names in plan[4:9]:
    text = "\n".join(s for s in by_lang[lang] if s.encode(codec, "ignore").decode(codec) == s) * 5
    name = f"page-{lang}-{codec}.txt"
    (OUT / name).write_bytes(text.encode(codec))
    cases.append({"file": name, "encodings": names, "text": text})
wide = "Mixed text: café, “quotes”, 호황, 日本語, Ελληνικά, emoji 🚀."
for codec, bom, names in [("utf-16-le", b"\xff\xfe", ["UTF-16LE"]), ("utf-16-be", b"\xfe\xff", ["UTF-16BE"]),
                          ("utf-32-le", b"\xff\xfe\x00\x00", ["UTF-32LE"]), ("utf-32-be", b"\x00\x00\xfe\xff", ["UTF-32BE"])]:
    (OUT / f"wide-{codec}-bom.txt").write_bytes(bom + wide.encode(codec))
    cases.append({"file": f"wide-{codec}-bom.txt", "encodings": names, "text": wide, "bom": True})
    (OUT / f"wide-{codec}.txt").write_bytes(wide.encode(codec))
    cases.append({"file": f"wide-{codec}.txt", "encodings": names, "text": wide, "bom": False})
(OUT / "utf8-bom.txt").write_bytes(b"\xef\xbb\xbf" + wide.encode())
cases.append({"file": "utf8-bom.txt", "encodings": ["UTF-8"], "text": wide, "bom": True})
(OUT / "decode-cases.json").write_text(json.dumps(cases, ensure_ascii=False, indent=1), "utf-8")
print(len(cases), "decode cases")
