#!/usr/bin/env python3
"""Generates the repairer's development fixtures from clean sentences.

Writes, under Tests/WireTMRepairTests/Fixtures/:
  clean-multilingual.txt   clean lines that must come back byte-identical
  synthetic-cases.jsonl    {"id", "kind", "broken", "fixed", "lossy"} per damage family,
                           the schema ../shared/benchmarks/mojibake/run.py reads

Inputs: scripts/mojibake/sentences.tsv (lang<TAB>sentence, written for this project) and
the seed pages in seeds/ (the project's own test pages). Deterministic (fixed seed).
Run from the repository root: python3 scripts/mojibake/generate.py
"""
import argparse
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_ARGS = argparse.ArgumentParser(description="Writes the repairer's synthetic fixtures.")
_ARGS.add_argument("--seed", type=int, default=0,
                   help="draw a different set of the same families (0: the committed fixtures); "
                        "other seeds give held-out sets to check that a change generalises")
_ARGS.add_argument("--out", type=Path, default=ROOT / "Tests/WireTMRepairTests/Fixtures",
                   help="directory to write synthetic-cases.jsonl and clean-multilingual.txt to")
_ARGS.add_argument("--sentences", type=Path, default=ROOT / "scripts/mojibake/sentences.tsv",
                   help="lang<TAB>sentence lines to damage (other sentences: a held-out set)")
ARGS = _ARGS.parse_args()
OUT = ARGS.out
OUT.mkdir(parents=True, exist_ok=True)
RNG = random.Random(20251122 + 1000 * ARGS.seed)

SENTENCES = [tuple(line.split("\t", 1)) for line in
             ARGS.sentences.read_text(encoding="utf-8").splitlines()
             if line.strip()]

CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}


def sloppy(data: bytes, codec: str) -> str:
    """Decode like a sloppy decoder: bytes the code page leaves undefined become the
    Latin-1 character of the same value (what browsers and many scrapers produce)."""
    out = []
    for b in data:
        try:
            out.append(bytes([b]).decode(codec))
        except UnicodeDecodeError:
            out.append(chr(b))
    return "".join(out)


def strict(data: bytes, codec: str):
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def enc(text, codec):
    try:
        return text.encode(codec)
    except UnicodeEncodeError:
        return None


def has_non_ascii(text):
    return any(ord(c) > 127 for c in text)


cases = []


def add(kind, broken, fixed, lossy=False):
    if broken is None or broken == fixed:
        return
    if "\n" in broken or "\r" in broken:
        return
    cases.append({"id": f"{kind}/{sum(1 for c in cases if c['kind'] == kind) + 1:03d}",
                  "kind": kind, "broken": broken, "fixed": fixed, "lossy": lossy})


latin_like = [(lang, s) for lang, s in SENTENCES if has_non_ascii(s) and
              lang not in {"zh", "zh-Hant", "ja", "ko", "th", "hi", "bn", "ta", "ka", "hy",
                           "he", "ar", "fa"}]
every = [(lang, s) for lang, s in SENTENCES if has_non_ascii(s)]

# UTF-8 read through single-byte code pages.
for lang, s in every:
    add("utf8-as-windows-1252", sloppy(s.encode(), "cp1252"), s)
    add("utf8-as-latin-1", s.encode().decode("latin-1"), s)
for codec, kind in [("mac_roman", "utf8-as-macroman"), ("cp437", "utf8-as-cp437"),
                    ("cp1250", "utf8-as-windows-1250"), ("iso8859_2", "utf8-as-iso-8859-2"),
                    ("cp1251", "utf8-as-windows-1251"), ("cp1253", "utf8-as-windows-1253"),
                    ("cp1257", "utf8-as-windows-1257")]:
    for lang, s in RNG.sample(every, min(30, len(every))):
        add(kind, strict(s.encode(), codec), s)

# Double and triple encoding.
for lang, s in latin_like:
    once = sloppy(s.encode(), "cp1252")
    twice = sloppy(once.encode(), "cp1252")
    add("double-windows-1252", twice, s)
for lang, s in RNG.sample(latin_like, 15):
    thrice = s
    for _ in range(3):
        thrice = sloppy(thrice.encode(), "cp1252")
    add("triple-windows-1252", thrice, s)

# NBSP damage: the 0xA0 byte of a sequence turned into a plain space.
for lang, s in every:
    broken = sloppy(s.encode(), "cp1252")
    if "\u00a0" in broken:
        add("nbsp-collapsed", broken.replace("\u00a0", " "), s)
for lang, s in latin_like:
    nb = s.replace(" ", "\u00a0", 1)
    add("nbsp-as-A-circumflex", sloppy(nb.encode(), "cp1252"), nb)

# Partial mojibake: one clause broken, the rest correct (often with accents of its own).
for lang, s in every:
    words = s.split(" ")
    if len(words) < 6:
        continue
    start = RNG.randrange(0, len(words) - 3)
    span = " ".join(words[start:start + 3])
    if not has_non_ascii(span):
        continue
    broken = " ".join(words[:start] + [sloppy(span.encode(), "cp1252")] + words[start + 3:])
    add("partial-windows-1252", broken, s)

# HTML entities, also spelling mojibake.
import html.entities
NAMES = {cp: name for name, cp in html.entities.name2codepoint.items()}
for lang, s in latin_like:
    out = []
    for ch in s:
        if ord(ch) > 127:
            out.append(f"&{NAMES[ord(ch)]};" if ord(ch) in NAMES and RNG.random() < 0.7 else f"&#{ord(ch)};")
        else:
            out.append(ch)
    add("html-entities", "".join(out), s)
for lang, s in RNG.sample(latin_like, 20):
    moji = sloppy(s.encode(), "cp1252")
    out = "".join(f"&{NAMES[ord(ch)]};" if ord(ch) in NAMES and ord(ch) > 127 else ch for ch in moji)
    add("html-over-mojibake", out, s)

# CESU-8: supplementary characters written as surrogate pairs, then read as windows-1252.
EMOJI = ["😀", "🚀", "📈", "🎉", "💡", "🌍"]
for lang, s in RNG.sample(every, 25):
    e = RNG.choice(EMOJI)
    text = f"{s} {e}"
    data = b""
    for ch in text:
        if ord(ch) > 0xFFFF:
            high = 0xD800 + ((ord(ch) - 0x10000) >> 10)
            low = 0xDC00 + ((ord(ch) - 0x10000) & 0x3FF)
            data += (chr(high) + chr(low)).encode("utf-8", "surrogatepass")
        else:
            data += ch.encode()
    add("cesu8-as-windows-1252", sloppy(data, "cp1252"), text)

# Legacy CJK bytes read as Latin-1 / windows-1252.
for lang, s in SENTENCES:
    if lang == "ko":
        data = enc(s, "euc-kr")
        if data is None:
            continue
        add("euc-kr-as-latin-1", data.decode("latin-1"), s)
        add("euc-kr-as-windows-1252", sloppy(data, "cp1252"), s)
    if lang == "ja":
        data = enc(s, "shift_jis")
        if data is None:
            continue
        add("shift-jis-as-windows-1252", sloppy(data, "cp1252"), s)
    if lang in ("zh",):
        data = enc(s, "gbk")
        if data is None:
            continue
        add("gbk-as-windows-1252", sloppy(data, "cp1252"), s)

# Cyrillic and other single-byte mix-ups.
for lang, s in SENTENCES:
    if lang == "ru":
        if enc(s, "cp1251") and enc(s, "koi8_r"):
            add("windows-1251-as-koi8-r", s.encode("cp1251").decode("koi8_r"), s)
            add("koi8-r-as-windows-1251", strict(s.encode("koi8_r"), "cp1251"), s)
    if lang in ("ru", "uk", "bg", "sr"):
        if enc(s, "cp1251"):
            add("windows-1251-as-windows-1252", sloppy(s.encode("cp1251"), "cp1252"), s)
    if lang == "el":
        if enc(s, "cp1253"):
            add("windows-1253-as-windows-1252", sloppy(s.encode("cp1253"), "cp1252"), s)
    if lang == "he" and enc(s, "cp1255"):
        add("windows-1255-as-windows-1252", sloppy(s.encode("cp1255"), "cp1252"), s)
    if lang in ("ar", "fa") and enc(s, "cp1256"):
        add("windows-1256-as-windows-1252", sloppy(s.encode("cp1256"), "cp1252"), s)
    if lang in ("pl", "cs", "sk", "hu", "hr", "sl"):
        try:
            add("windows-1250-as-windows-1252", sloppy(s.encode("cp1250"), "cp1252"), s)
        except UnicodeEncodeError:
            pass

# Lossy: "sloppy" windows-1252 dropped the bytes it leaves undefined (U+FFFD in their
# place); the characters they belonged to are lost, one U+FFFD per lost character.
for lang, s in every:
    data = s.encode()
    broken = data.decode("cp1252", errors="replace")
    if "\ufffd" not in broken:
        continue
    fixed = "".join("\ufffd" if any(b in CP1252_UNDEFINED for b in ch.encode()) else ch for ch in s)
    add("lossy-sloppy-windows-1252", broken, fixed, lossy=True)

# Lossy: a closing ” whose last byte (0x9D) a sloppy windows-1252 decoder dropped, so
# "â€" is followed directly by the next character (a space, punctuation, the end of the
# line). Which character E2 80 began is not proven (a space after it may be a collapsed
# NBSP, E2 80 A0 †), so the expected repair keeps one U+FFFD; "restored" is the text with
# --restore-quotes, which closes the open “. Only sentences whose other characters lose
# no byte; quoted at the start, in the middle or at the end (one variant per sentence),
# whole line or just the quote.
def drop_undefined(data: bytes) -> str:
    return "".join(bytes([b]).decode("cp1252") for b in data if b not in CP1252_UNDEFINED)


def quoted_variants(s):
    words = s.split(" ")
    if len(words) < 4:
        return []
    k = RNG.randrange(2, min(5, len(words) - 1) + 1)
    i = RNG.randrange(0, len(words) - k + 1)
    middle = " ".join(words[:i] + ["“" + " ".join(words[i:i + k]) + "”"] + words[i + k:])
    return [f"“{' '.join(words[:k])},” {' '.join(words[k:])}", middle, f"“{s}”",
            f"The company said: “{s}”"]


for lang, s in latin_like + [(l, t) for l, t in SENTENCES if l == "en"]:
    if any(b in CP1252_UNDEFINED for b in s.encode()) or "“" in s or "”" in s:
        continue
    variants = quoted_variants(s)
    for text in RNG.sample(variants, min(1, len(variants))):
        lost = text.replace("”", "\ufffd")
        whole = drop_undefined(text.encode())
        partial = text.replace("”", "â€")
        for kind, broken in [("lossy-dropped-quote", whole), ("partial-dropped-quote", partial)]:
            if broken is None or broken == text:
                continue
            cases.append({"id": f"{kind}/{sum(1 for c in cases if c['kind'] == kind) + 1:03d}",
                          "kind": kind, "broken": broken, "fixed": lost, "lossy": True,
                          "restored": text})

# Lossy: UTF-8 read as a double-byte code page (CP949, CP932, GBK) by a decoder that writes
# U+FFFD for what it cannot map (CPython's errors="replace": one U+FFFD per refused byte; a
# byte after a good lead is swallowed into the pair's character). The expected text is the
# reference reconstruction of doublebyte.py: characters that every well-formed completion
# agrees on are restored, the others are one U+FFFD each. Whole lines, and one span of
# three words broken in an otherwise correct line (text pasted from another page). Its own
# random stream, so the families above stay byte-identical.
import sys
sys.path.insert(0, str(ROOT / "scripts/mojibake"))
import doublebyte  # noqa: E402

DBCS_RNG = random.Random(20251123 + 1000 * ARGS.seed)
for name in ("cp949", "cp932", "gbk"):
    dbcs = doublebyte.page(name)
    for lang, s in every:
        broken = dbcs.decode(s.encode())
        fixed = doublebyte.reconstruct(broken, name)
        if fixed is not None:
            add(f"utf8-as-{name}", broken, fixed, lossy="\ufffd" in fixed)
    for lang, s in every:
        words = s.split(" ")
        if len(words) < 6:
            continue
        start = DBCS_RNG.randrange(0, len(words) - 3)
        span = " ".join(words[start:start + 3])
        if not has_non_ascii(span):
            continue
        broken_span = dbcs.decode(span.encode())
        fixed_span = doublebyte.reconstruct(broken_span, name)
        if fixed_span is None:
            continue
        join = lambda middle: " ".join(words[:start] + [middle] + words[start + 3:])
        add(f"partial-utf8-as-{name}", join(broken_span), join(fixed_span),
            lossy="\ufffd" in fixed_span)

with open(OUT / "synthetic-cases.jsonl", "w", encoding="utf-8") as f:
    for case in cases:
        f.write(json.dumps(case, ensure_ascii=False) + "\n")

# Clean corpus.
clean = []
for lang, s in SENTENCES:
    clean.append(s)
    if lang not in {"zh", "zh-Hant", "ja", "ko", "th", "hi", "bn", "ta", "he", "ar", "fa"}:
        clean.append(s.upper())
        clean.append(s.lower())
    clean.append(f"“{s}”")
    clean.append(f"NEW YORK, Nov. 20, 2025 (GLOBE NEWSWIRE) -- {s}")
    clean.append(f"{s} (NASDAQ: WTM)™ © 2025 — 25 °C, 5 µm")
for page in sorted((ROOT / "seeds").glob("*.txt")):
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.strip():
            clean.append(line)
clean += [
    "CAFÉ’S", "L’école", "SPÓŁKA", "호황", "NÃO É ASSIM", "SÃO PAULO — ÓRGÃOS PÚBLICOS",
    "ÉTÉ 2025 À PARIS", "Ã is a letter in Portuguese, as in NÃO.", "Ωmega 3 · 5 × 4 = 20 ± 1",
    "Ça coûte 10 € — déjà payé.", "ﬁnancial ﬂows ﬀ", "１２３ＡＢＣ　全角", "«Привет», — сказал он.",
    "Ölpreis fällt um 3 %", "ÅRETS BÄSTA FÖRSÄLJNING", "ŁÓDŹ, ŻYWIEC, GDAŃSK",
    "Ελληνικά και English μαζί", "İSTANBUL’DA ŞUBAT", "Tiếng Việt có dấu",
    "µ-law and A-law, 2³ = 8, ½ cup", "© ® ™ ° ± ² ³ ¼ ½ ¾", "Tel. +49 (0)89 123-456 · Fax",
]
# Lines that stress the detectors: capitals, letter lists, symbols, mixed scripts.
clean += [line for line in (ROOT / "scripts/mojibake/tricky-clean.txt").read_text("utf-8").splitlines() if line]
with open(OUT / "clean-multilingual.txt", "w", encoding="utf-8") as f:
    for line in clean:
        f.write(line.replace("\n", " ") + "\n")
print(len(cases), "cases;", len(clean), "clean lines")
