#!/usr/bin/env python3
"""Generate a synthetic translation memory and lookup queries for `wiretm tm` benchmarks.

    generate.py --units 1000000 --tmx big.tmx --queries queries.txt [--seed 1]

Sentences are drawn from a Zipf-distributed vocabulary of made-up words plus numbers, tickers and
punctuation, like wire copy: a few very common words ("the", "said") and a long tail, 8-30
tokens each, all distinct. Every unit gets a Korean-like and a German-like pseudo-translation
and an x-document prop, in the TMX wiretm writes. Queries: 40% exact sentences from the memory,
40% the same with 1-3 tokens changed (fuzzy), 20% new sentences (mostly no match).
Nothing here is real text; the generator needs only the Python standard library.
"""
import argparse
import os
import random

COMMON = ("the of to and in a for on said that with as by at is from its was will has be an "
          "are this company percent year which million billion shares quarter market new "
          "it would also more than after its first over".split())


def make_vocabulary(rng, size):
    syllables = ["ka", "lo", "re", "mi", "to", "sa", "ne", "vi", "du", "po", "ra", "te", "gi",
                 "mo", "ze", "fa", "lu", "ri", "so", "na", "be", "ko", "da", "pe", "xi"]
    words = set(COMMON)
    vocabulary = list(COMMON)
    while len(vocabulary) < size:
        word = "".join(rng.choice(syllables) for _ in range(rng.randint(1, 4)))
        if rng.random() < 0.08:
            word = word.capitalize()
        if word not in words:
            words.add(word)
            vocabulary.append(word)
    return vocabulary


def zipf_weights(n):
    return [1.0 / (rank + 1) ** 1.05 for rank in range(n)]


def sentence(rng, vocabulary, cumulative):
    length = rng.randint(8, 30)
    tokens = rng.choices(vocabulary, cum_weights=cumulative, k=length)
    if rng.random() < 0.5:
        tokens.insert(rng.randrange(len(tokens)), "%d.%d%%" % (rng.randint(1, 99), rng.randint(0, 9)))
    if rng.random() < 0.3:
        tokens.insert(rng.randrange(len(tokens)), "(NASDAQ: %s)" % "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(4)))
    text = " ".join(tokens)
    return text[0].upper() + text[1:] + "."


def escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def korean_like(text):
    return " ".join("".join(chr(0xAC00 + (ord(c) * 37) % 11172) for c in word) for word in text.split()[::-1])


def german_like(text):
    return " ".join(word[::-1] for word in text.split())


def mutate(rng, text, vocabulary, cumulative):
    tokens = text[:-1].split()
    for _ in range(rng.randint(1, 3)):
        operation = rng.random()
        position = rng.randrange(len(tokens))
        if operation < 0.5:
            tokens[position] = rng.choices(vocabulary, cum_weights=cumulative, k=1)[0]
        elif operation < 0.75 and len(tokens) > 4:
            del tokens[position]
        else:
            tokens.insert(position, rng.choices(vocabulary, cum_weights=cumulative, k=1)[0])
    return " ".join(tokens) + "."


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=1_000_000)
    parser.add_argument("--tmx", required=True)
    parser.add_argument("--queries", required=True)
    parser.add_argument("--query-count", type=int, default=2000)
    parser.add_argument("--vocabulary", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sources", help="also write each query's source sentence (empty for new ones)")
    parser.add_argument("--no-tmx", action="store_true", help="draw the same corpus but write no TMX")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    vocabulary = make_vocabulary(rng, args.vocabulary)
    cumulative = []
    total = 0.0
    for weight in zipf_weights(len(vocabulary)):
        total += weight
        cumulative.append(total)
    seen = set()
    sample = []
    with open(os.devnull if args.no_tmx else args.tmx, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4">\n')
        out.write('  <header creationtool="wiretm-bench" creationtoolversion="1" segtype="sentence" o-tmf="wiretm" '
                  'adminlang="en" srclang="en" datatype="plaintext"/>\n  <body>\n')
        while len(seen) < args.units:
            text = sentence(rng, vocabulary, cumulative)
            if text in seen:
                continue
            seen.add(text)
            if len(sample) < args.query_count or rng.random() < args.query_count / len(seen):
                if len(sample) < args.query_count:
                    sample.append(text)
                else:
                    sample[rng.randrange(len(sample))] = text
            document = "page-%06d.txt" % (len(seen) // 12)
            out.write('    <tu srclang="en">\n')
            out.write('      <tuv xml:lang="en"><prop type="x-count">1</prop><prop type="x-document">%s</prop><seg>%s</seg></tuv>\n'
                      % (document, escape(text)))
            out.write('      <tuv xml:lang="de"><prop type="x-confidence">0.9</prop><prop type="x-count">1</prop>'
                      '<prop type="x-document">%s</prop><seg>%s</seg></tuv>\n' % (document, escape(german_like(text))))
            out.write('      <tuv xml:lang="ko"><prop type="x-confidence">0.85</prop><prop type="x-count">1</prop>'
                      '<prop type="x-document">%s</prop><seg>%s</seg></tuv>\n' % (document, escape(korean_like(text))))
            out.write('    </tu>\n')
        out.write('  </body>\n</tmx>\n')
    sources = open(args.sources, "w", encoding="utf-8") if args.sources else None
    with open(args.queries, "w", encoding="utf-8") as out:
        for index in range(args.query_count):
            kind = index % 5
            source = sample[index % len(sample)]
            if kind in (0, 1):
                query = source
            elif kind in (2, 3):
                query = mutate(rng, source, vocabulary, cumulative)
            else:
                query = sentence(rng, vocabulary, cumulative)
                source = ""
            out.write(query + "\n")
            if sources:
                sources.write(source + "\n")
    if sources:
        sources.close()


if __name__ == "__main__":
    main()
