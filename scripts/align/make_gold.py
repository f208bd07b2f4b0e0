#!/usr/bin/env python3
"""Builds wiretm's development gold sets from scripts/align/bank.tsv (parallel sentences
written for wiretm, no third-party text).

Outputs (deterministic, seeded):
  Tests/WireTMAlignmentTests/Fixtures/gold/   en<->xx document pairs with merges, splits,
      omissions and additions, a gold bead file each, and pairs.tsv in the format of
      benchmarks/align/run.py (id src_lang tgt_lang src tgt gold).
  Tests/WireTMSentencesTests/Fixtures/seg-gold.tsv   "xx<TAB>sentence<TAB>..." paragraphs of
      2-4 consecutive sentences, for benchmarks/align/segment_run.py --gold.

Usage: python3 scripts/align/make_gold.py
"""
import os
import random

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LANGS = ["en", "it", "es", "ko", "fr", "de"]
ADDITIONS = {
    "it": ["Per ulteriori informazioni, visitare il sito web della società.",
           "Il presente comunicato è una traduzione dell’originale in lingua inglese."],
    "es": ["Para más información, visite el sitio web de la empresa.",
           "Este comunicado es una traducción del original en inglés."],
    "ko": ["자세한 내용은 회사 웹사이트에서 확인할 수 있다.",
           "이 보도자료는 영문 원문을 번역한 것이다."],
    "fr": ["Pour plus d’informations, consultez le site web de la société.",
           "Ce communiqué est une traduction de l’original en anglais."],
    "de": ["Weitere Informationen finden Sie auf der Website des Unternehmens.",
           "Diese Mitteilung ist eine Übersetzung des englischen Originals."],
}


def french_spacing(text):
    """French typography: no-break spaces inside guillemets and before : ; ? !"""
    text = text.replace("« ", "«\u00a0").replace(" »", "\u00a0»")
    for mark in ":;?!":
        text = text.replace(" " + mark, "\u202f" + mark)
    return text


def load_bank():
    docs = {}
    with open(os.path.join(ROOT, "scripts", "align", "bank.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            row = dict(zip(LANGS, cols[1:]))
            row["fr"] = french_spacing(row["fr"])
            docs.setdefault(cols[0], []).append(row)
    return docs


def merge(a, b):
    """Two sentences joined into one, as a translator who merges them would."""
    if a.endswith("."):
        a = a[:-1]
    return a + "; " + b


def perturb(rows, lang, rng):
    """Source and target sentence lists and the gold beads after a few edits."""
    beads = [([i], [i]) for i in range(len(rows))]
    src = [r["en"] for r in rows]
    tgt = [r[lang] for r in rows]
    # Each bead is (source sentence texts, target sentence texts) until numbering at the end.
    units = [([s], [t]) for s, t in zip(src, tgt)]
    ops = rng.sample(["merge_tgt", "merge_src", "omit", "add", "merge_tgt2", "none"], 3)
    for op in ops:
        if op in ("merge_tgt", "merge_tgt2", "merge_src"):
            k = rng.randrange(len(units) - 1)
            a, b = units[k], units[k + 1]
            if not a[0] or not b[0] or not a[1] or not b[1]:
                continue
            if op == "merge_src":
                if a[0][-1].endswith("?") or len(a[0]) > 1 or len(b[0]) > 1:
                    continue
                units[k:k + 2] = [([merge(a[0][0], b[0][0])], a[1] + b[1])]
            else:
                if a[1][-1].endswith("?") or len(a[1]) > 1 or len(b[1]) > 1:
                    continue
                units[k:k + 2] = [(a[0] + b[0], [merge(a[1][0], b[1][0])])]
        elif op == "omit":
            k = rng.randrange(len(units))
            if len(units[k][1]) == 1 and len(units[k][0]) == 1:
                units[k] = (units[k][0], [])
        elif op == "add":
            k = rng.randrange(1, len(units) + 1)
            units.insert(k, ([], [rng.choice(ADDITIONS[lang])]))
    src, tgt, gold = [], [], []
    for s, t in units:
        si = list(range(len(src), len(src) + len(s)))
        ti = list(range(len(tgt), len(tgt) + len(t)))
        src += s
        tgt += t
        gold.append((si, ti))
    return src, tgt, gold


def bead_line(si, ti):
    return "[" + ", ".join(map(str, si)) + "]:[" + ", ".join(map(str, ti)) + "]"


def write_alignment_gold(docs):
    out = os.path.join(ROOT, "Tests", "WireTMAlignmentTests", "Fixtures", "gold")
    os.makedirs(out, exist_ok=True)
    rng = random.Random(20251122)
    pairs = ["# wiretm development gold: en<->xx press-release documents (scripts/align/make_gold.py)"]
    for doc, rows in sorted(docs.items()):
        for lang in LANGS[1:]:
            for variant in range(2):
                src, tgt, gold = perturb(rows, lang, rng)
                name = f"d{doc}v{variant}-{lang}"
                for suffix, lines in ((".en", src), ("." + lang, tgt)):
                    with open(os.path.join(out, name + suffix), "w", encoding="utf-8") as f:
                        f.write("\n".join(lines) + "\n")
                with open(os.path.join(out, name + ".gold"), "w", encoding="utf-8") as f:
                    f.write("\n".join(bead_line(s, t) for s, t in gold) + "\n")
                pairs.append("\t".join([name, "en", lang, name + ".en", name + "." + lang, name + ".gold"]))
    with open(os.path.join(out, "pairs.tsv"), "w", encoding="utf-8") as f:
        f.write("\n".join(pairs) + "\n")


def write_segmentation_gold(docs):
    out = os.path.join(ROOT, "Tests", "WireTMSentencesTests", "Fixtures")
    os.makedirs(out, exist_ok=True)
    lines = ["# wiretm development gold (scripts/align/make_gold.py): xx<TAB>sentence<TAB>..."]
    for lang in LANGS:
        for doc, rows in sorted(docs.items()):
            sentences = [r[lang] for r in rows]
            for size in (2, 3, 4):
                for start in range(0, len(sentences) - size + 1, 2 if size > 2 else 1):
                    lines.append("\t".join([lang] + sentences[start:start + size]))
    with open(os.path.join(out, "seg-gold.tsv"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    bank = load_bank()
    write_alignment_gold(bank)
    write_segmentation_gold(bank)
