#!/usr/bin/env python3
"""Train wiretm's Latin-script language model from wordfreq's word lists.

Usage:
    pip install wordfreq==3.1.1
    python3 scripts/langid/train.py [-o Sources/WireTMLanguage/Resources/langid.model]

The model is a naive-Bayes table of two kinds of features, both read from wordfreq's
frequency lists (so the derived model carries wordfreq's data licence, CC-BY-SA 4.0):
  * character 4..5-grams of each word padded with spaces (" wire "), counted with the
    word's frequency raised to ALPHA, add-BETA smoothed per n-gram order;
  * whole words with their wordfreq frequency (words common enough in some language).
For every feature the table stores, per language, the quantised log-probability gap to
the best language for that feature (0 = most likely language), as a 4-bit index into 16
levels, so the Swift side only adds small integers. The hashing (FNV-1a 64 over code points, then splitmix64)
must match `ModelFormat.swift`.

Binary format (little endian):
  magic "WTLID003" | u32 languageCount | u32 slotCount | f32 quantaPerNat | 16 x u8 levels
  | languageCount x 4 bytes ASCII codes, NUL padded
  | slotCount x (u16 fingerprint, ceil(languageCount / 2) bytes) -- fingerprint 0 = empty slot
Each language's gap is a 4-bit index into the levels (language 2k in the low nibble of
byte k, language 2k + 1 in the high nibble).
A feature's home slot is (low 32 bits of the mixed hash x slotCount) >> 32, its fingerprint
the top 16 bits (0 read as 1); collisions probe linearly.
"""
import argparse
import math
import os
import pickle
import struct
import sys
import unicodedata

import wordfreq

LANGS = ["en", "it", "es", "fr", "de", "pt", "ca", "ro", "nl", "sv", "da", "pl", "nb"]
ALPHA = 1.0           # word frequency exponent for n-gram counts
BETA = 0.5            # add-beta smoothing of n-gram counts (in units of the smallest weight)
MIN_ORDER = 4         # shorter n-grams add nothing (or lose) once 4..5-grams and words are in
MAX_ORDER = 5
WORD_WEIGHT = 6.0     # weight of a word feature relative to one n-gram
NGRAM_WORDS = 120000   # the most frequent words per language that give n-grams
NGRAM_BUDGET = 200000  # n-grams kept, the most used (largest share of their order) first
WORD_BUDGET = 30000    # whole words kept per language, the most frequent first
LOAD_FACTOR = 0.85
MAGIC = b"WTLID003"
# The 16 gaps (in quanta) a 4-bit cell can hold: fine near 0, coarse for large gaps.
LEVELS = [0, 3, 6, 10, 15, 21, 28, 36, 46, 58, 72, 90, 112, 140, 180, 255]
QUANTA_PER_NAT = 8.0
FNV_BASIS = 0xCBF29CE484222325
FNV_PRIME = 0x100000001B3
WORD_TAG = 0x01
M64 = (1 << 64) - 1


def fnv(codepoints):
    h = FNV_BASIS
    for c in codepoints:
        h = ((h ^ c) * FNV_PRIME) & M64
    return h


def splitmix(x):
    x = (x + 0x9E3779B97F4A7C15) & M64
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & M64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & M64
    return x ^ (x >> 31)


def is_word(w):
    return all(unicodedata.category(ch).startswith("L") for ch in w)


def fold(w):
    # Same folding as the Swift side: lowercase, NFC; wordfreq lists are already folded.
    return unicodedata.normalize("NFC", w.lower())


def load_lists():
    lists = {}
    for lang in LANGS:
        d = wordfreq.get_frequency_dict(lang, wordlist="best")
        out = {}
        for w, f in d.items():
            w = fold(w)
            if w and is_word(w):
                out[w] = out.get(w, 0.0) + f
        lists[lang] = out
        print(f"{lang}: {len(out)} words", file=sys.stderr, flush=True)
    return lists


def ngram_tables(lists):
    # counts[order][gram] = {lang: weight}
    counts = [dict() for _ in range(MAX_ORDER + 1)]
    totals = {lang: [0.0] * (MAX_ORDER + 1) for lang in LANGS}
    for lang, words in lists.items():
        top = sorted(words.items(), key=lambda item: -item[1])[:NGRAM_WORDS]
        for w, f in top:
            weight = f ** ALPHA
            padded = " " + w + " "
            for n in range(1, MAX_ORDER + 1):
                for i in range(len(padded) - n + 1):
                    g = padded[i:i + n]
                    if g == " ":
                        continue
                    cell = counts[n].setdefault(g, {})
                    cell[lang] = cell.get(lang, 0.0) + weight
                    totals[lang][n] += weight
    return counts, totals


def build_features(lists, counts, totals, langs, ngram_budget, word_budget, word_weight):
    """The features to store: the n-grams and words most used in some language, each with
    its log-probability per language and its weight."""
    smallest = {lang: min(lists[lang].values()) for lang in langs}
    ranked = []
    for n in range(MIN_ORDER, MAX_ORDER + 1):
        vocab = len(counts[n])
        for g, cell in counts[n].items():
            share = max((cell[l] / totals[l][n] for l in cell if l in smallest), default=0.0)
            if share > 0:
                ranked.append((share, n, g, vocab))
    ranked.sort(key=lambda item: (-item[0], item[2]))
    features = []  # (hash, log-probability per language, weight)
    per_order = [0] * (MAX_ORDER + 1)
    for share, n, g, vocab in ranked[:ngram_budget]:
        cell = counts[n][g]
        logps = []
        for lang in langs:
            beta = BETA * smallest[lang] ** ALPHA
            logps.append(math.log((cell.get(lang, 0.0) + beta) / (totals[lang][n] + beta * vocab)))
        features.append((fnv(ord(c) for c in g), logps, 1.0))
        per_order[n] += 1
    print(f"n-grams kept per order {MIN_ORDER}..{MAX_ORDER}: {per_order[MIN_ORDER:]}", file=sys.stderr)
    floors = {lang: smallest[lang] * 0.5 for lang in langs}
    # The most frequent words of each language, the same number from each.
    words = set()
    for lang in langs:
        ranked_words = sorted(lists[lang].items(), key=lambda item: (-item[1], item[0]))
        words.update(w for w, f in ranked_words[:word_budget])
    words = sorted(words)
    for w in words:
        logps = [math.log(lists[lang].get(w, floors[lang])) for lang in langs]
        features.append((fnv([WORD_TAG] + [ord(c) for c in w]), logps, word_weight))
    print(f"words kept: {len(words)}", file=sys.stderr)
    return features


def nearest_level(value):
    """Index of the level closest to value (quanta)."""
    return min(range(len(LEVELS)), key=lambda i: (abs(LEVELS[i] - value), i))


def write_model(features, langs, path):
    count = len(features)
    slots = int(count / LOAD_FACTOR) + 1
    L = len(langs)
    stride = 2 + (L + 1) // 2
    table = bytearray(slots * stride)
    lookup = [nearest_level(v) for v in range(256)]
    dropped = 0
    for h, logps, weight in features:
        mixed = splitmix(h)
        fp = (mixed >> 48) or 1
        slot = ((mixed & 0xFFFFFFFF) * slots) >> 32
        while True:
            off = slot * stride
            existing = struct.unpack_from("<H", table, off)[0]
            if existing == 0 or existing == fp:
                break
            slot = (slot + 1) % slots
        if existing == fp:
            dropped += 1  # two features in one probe chain with one fingerprint: keep the first
            continue
        top = max(logps)
        q = [lookup[min(255, int(round((top - lp) * weight * QUANTA_PER_NAT)))] for lp in logps]
        q += [0] * (L % 2)
        struct.pack_into("<H", table, off, fp)
        table[off + 2:off + stride] = bytes(q[i] | q[i + 1] << 4 for i in range(0, len(q), 2))
    header = MAGIC + struct.pack("<IIf", L, slots, QUANTA_PER_NAT) + bytes(LEVELS)
    header += b"".join(lang.encode("ascii").ljust(4, b"\0") for lang in langs)
    with open(path, "wb") as fh:
        fh.write(header + bytes(table))
    print(f"{path}: {count - dropped} features ({dropped} dropped) in {slots} slots, "
          f"{len(header) + len(table)} bytes", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-o", "--output", default="Sources/WireTMLanguage/Resources/langid.model")
    ap.add_argument("--langs", default=",".join(LANGS), help="languages of the model, in column order")
    ap.add_argument("--ngrams", type=int, default=NGRAM_BUDGET, help="how many n-grams to keep")
    ap.add_argument("--words", type=int, default=WORD_BUDGET, help="how many whole words to keep per language")
    ap.add_argument("--word-weight", type=float, default=WORD_WEIGHT, help="weight of a word feature against one n-gram")
    ap.add_argument("--cache", help="pickle of the folded word lists, to speed up re-runs")
    a = ap.parse_args()
    if a.cache and os.path.exists(a.cache):
        with open(a.cache, "rb") as fh:
            lists = pickle.load(fh)
    else:
        lists = load_lists()
        if a.cache:
            with open(a.cache, "wb") as fh:
                pickle.dump(lists, fh)
    counts_cache = a.cache + f".counts{NGRAM_WORDS}" if a.cache else None
    if counts_cache and os.path.exists(counts_cache):
        with open(counts_cache, "rb") as fh:
            counts, totals = pickle.load(fh)
    else:
        counts, totals = ngram_tables(lists)
        if counts_cache:
            with open(counts_cache, "wb") as fh:
                pickle.dump((counts, totals), fh)
    langs = a.langs.split(",")
    features = build_features(lists, counts, totals, langs, a.ngrams, a.words, a.word_weight)
    write_model(features, langs, a.output)


if __name__ == "__main__":
    main()
