#!/usr/bin/env python3
"""Writes Sources/WireTMRepair/DoubleByteTables.swift: the tables of CPython's cp949, cp932
and gbk codecs, which `UTF8ReadAsDoubleByte` re-encodes damaged text through.

Per code page:
  singles     the character of each byte 0x80-0xFF the page maps on its own (0xFFFF: none);
  pairs       the character of each pair (lead 0x80-0xFF, trail 0x40-0xFF) at index
              (lead - 0x80) * 192 + (trail - 0x40), 0xFFFF for a pair the page does not map;
  reverse     for each BMP character the code it comes from (a single byte, or
              lead << 8 | trail; 0: none; the first code in byte order when there are several),
              the three pages' side by side (one table, entry value * 3 + page);
  duplicates  (CP932 only) character, code, character, code ... for every code of the
              characters that have more than one (NEC and IBM duplicates).
pairs and reverse are fixed-width string literals: entry v is the character U+10000 + v, four
UTF-8 bytes, read in place through StaticString.utf8Start. Nothing is decoded or built at
start-up, and a literal compiles in a moment where an array literal of 65,536 numbers takes
the type checker minutes.

Data: the mappings of CPython's codecs (the vendors' published mapping tables as shipped
with CPython). Run from the repository root: python3 scripts/mojibake/gen_doublebyte_tables.py
"""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts/mojibake"))
import doublebyte  # noqa: E402


def fixed_width(values, per_row):
    rows = []
    for i in range(0, len(values), per_row):
        rows.append("".join(chr(0x10000 + v) for v in values[i:i + per_row]))
    out = ['"""']
    for i, row in enumerate(rows):
        out.append("    " + row + ("\\" if i + 1 < len(rows) else ""))
    out.append('    """')
    return out


def _feed(need, rng, byte):
    """The UTF-8 automaton of DoubleByteCompletion.feed: (need, range) after `byte`, or None."""
    if need > 0:
        low, high = [(0x80, 0xBF), (0xA0, 0xBF), (0x80, 0x9F), (0x90, 0xBF), (0x80, 0x8F)][rng]
        return (need - 1, 0) if low <= byte <= high else None
    if byte <= 0x7F:
        return (0, 0)
    if 0xC2 <= byte <= 0xDF:
        return (1, 0)
    if byte == 0xE0:
        return (2, 1)
    if byte == 0xED:
        return (2, 2)
    if 0xE1 <= byte <= 0xEF:
        return (2, 0)
    if byte == 0xF0:
        return (3, 3)
    if 0xF1 <= byte <= 0xF3:
        return (3, 0)
    if byte == 0xF4:
        return (3, 4)
    return None


def _span(low, high):
    return sum(1 << b for b in range(low, high + 1))


# DoubleByteCompletion.leadClass (bits of 0xC0-0xFF) and continuationClass (bits of 0x80-0xBF).
LEAD_CLASSES = [_span(0x02, 0x1F), _span(0x20, 0x20), _span(0x21, 0x2C) | _span(0x2E, 0x2F),
                _span(0x2D, 0x2D), _span(0x30, 0x30), _span(0x31, 0x33), _span(0x34, 0x34)]
STATE_STRIDE = 32  # DoubleByteCompletion.stateStride
CONTINUATION_CLASSES = [_span(0x00, 0x3F), _span(0x20, 0x3F), _span(0x00, 0x1F), _span(0x10, 0x3F),
                        _span(0x00, 0x0F)]


def derived_tables(name, singles, pairs):
    """What DoubleBytePage.derive computes from the tables above (the tests compare): rows of
    lead bytes with the same second bytes, the second bytes each row pairs with, the lost
    bytes refused before each byte, and the choices of a carried lost byte per state."""
    none = 0xFFFF
    not_single = [0, 0]
    for b in range(0x80, 0x100):
        if singles[b - 0x80] == none:
            not_single[0 if b < 0xC0 else 1] |= 1 << ((b - 0x80) % 64)
    pair_bits = []  # per lead: 192-bit int of second bytes 0x40-0xFF
    pairing = [[0, 0] for _ in range(192)]  # per second byte: leads that pair with it
    for lead in range(0x80, 0x100):
        bits = 0
        for trail in range(0x40, 0x100):
            if pairs[(lead - 0x80) * 192 + trail - 0x40] != none:
                bits |= 1 << (trail - 0x40)
                pairing[trail - 0x40][0 if lead < 0xC0 else 1] |= 1 << ((lead - 0x80) % 64)
        pair_bits.append(bits)
    refusals = [tuple(not_single)] * 0x41
    for trail in range(192):
        refusals.append((not_single[0] & ~pairing[trail][0], not_single[1] & ~pairing[trail][1]))
    leads = [0]
    index = []
    for lead in range(0x80, 0x100):
        row = next((r for r in range(1, len(leads)) if pair_bits[leads[r] - 0x80] == pair_bits[lead - 0x80]), None)
        if row is None:
            leads.append(lead)
            row = len(leads) - 1
        index.append(row)
    mask64 = (1 << 64) - 1
    pairs_after = [0, 0, 0, 0]
    for lead in leads[1:]:
        bits = pair_bits[lead - 0x80]
        pairs_after += [0, bits & mask64, (bits >> 64) & mask64, (bits >> 128) & mask64]
    count = len(leads)
    # States are numbered as the search numbers them: row * 32 + automaton state (need * 5 +
    # range, below 20; the numbers 20-31 of each row have empty lists).
    choices, starts, seen = [], [], {}
    for state in range(STATE_STRIDE * count):
        starts.append(len(choices))
        previous_row, automaton = state // STATE_STRIDE, state % STATE_STRIDE
        need, rng = automaton // 5, automaton % 5
        if automaton >= 20:
            continue
        if not (need == 3 or (need == 2 and rng <= 2) or rng == 0):
            continue
        for group in range(7 if need == 0 else 1):
            bits = LEAD_CLASSES[group] & not_single[1] if need == 0 else CONTINUATION_CLASSES[rng] & not_single[0]
            base = 0xC0 if need == 0 else 0x80
            for bit in range(64):
                if not bits >> bit & 1:
                    continue
                byte = base + bit
                if pairs_after[previous_row * 4 + (byte >> 6)] >> (byte & 63) & 1:
                    continue
                row = index[byte - 0x80]
                key = group * count + row
                if key in seen and seen[key][0] == state:
                    choices[seen[key][1]] |= 0x100
                    continue
                next_need, next_range = _feed(need, rng, byte)
                added = (4 if byte >= 0xF0 else 1) if need == 0 else 0
                target = row * STATE_STRIDE + next_need * 5 + next_range
                seen[key] = (state, len(choices))
                choices.append(byte | added << 9 | target << 16)
    starts.append(len(choices))
    lead_choices = [lead_choices_of(r[1]) for r in refusals]

    def array(label, swift_type, values, fmt, per_line):
        out = [f"  static let {name}{label}: [{swift_type}] = ["]
        for i in range(0, len(values), per_line):
            out.append("    " + ", ".join(fmt % v for v in values[i:i + per_line]) + ",")
        out.append("  ]")
        return out

    out = [f"  /// {name}: tables derived from the pairs (`DoubleBytePage.derive` computes the same;",
           "  /// the tests compare): row of each byte 0x80-0xFF, first byte of each row, the",
           "  /// second bytes each row pairs with (four words per row), the refused lost bytes",
           "  /// before each byte (two words per entry), the carried choices and their starts",
           "  /// (states numbered row * 32 + automaton state, as the search numbers them), and the",
           "  /// lead bytes a lost byte may be under each refusal mask",
           "  /// (`DoubleByteCompletion.leadChoices`). In the search's form: nothing is put",
           "  /// together at start-up."]
    out += array("RowIndex", "UInt8", index, "%d", 32)
    out += array("RowLeads", "UInt8", leads, "0x%02X", 16)
    out += array("PairsAfter", "UInt64", pairs_after, "0x%016X", 4)
    out += array("Refusals", "UInt64", [w for r in refusals for w in r], "0x%016X", 4)
    out += array("CarriedChoices", "UInt32", choices, "0x%08X", 8)
    out += array("CarriedStarts", "Int", starts, "%d", 16)
    out += array("LeadChoices", "UInt64", lead_choices, "0x%016X", 4)
    return out


def lead_choices_of(mask):
    """DoubleByteCompletion.leadChoices: per lead class with a byte in `mask` (bits of
    0xC0-0xFF), its lowest byte, one byte each from bit 0, and from bit 56 a bit per choice
    whose class has several bytes in the mask."""
    packed, count = 0, 0
    for cls in LEAD_CLASSES:
        rest = cls & mask
        if not rest:
            continue
        lowest = (rest & -rest).bit_length() - 1
        packed |= (0xC0 + lowest) << (8 * count)
        if bin(rest).count("1") > 1:
            packed |= 1 << (56 + count)
        count += 1
    return packed


def transitions_table():
    """DoubleByteCompletion's transitions: the automaton state (need * 5 + range) after
    each byte from each of the 20 states, 0xFF when UTF-8 cannot continue."""
    table = []
    for automaton in range(20):
        need, rng = automaton // 5, automaton % 5
        for byte in range(256):
            after = _feed(need, rng, byte)
            table.append(0xFF if after is None else after[0] * 5 + after[1])
    return table


def accepting_table(transitions):
    """Per byte, the automaton states (a bit each) that take it."""
    return [sum(1 << a for a in range(20) if transitions[a * 256 + byte] != 0xFF)
            for byte in range(256)]


lines = ["// Generated by scripts/mojibake/gen_doublebyte_tables.py from CPython's cp949, cp932 and",
         "// gbk codecs. Do not edit. Entries of the string tables are U+10000 + value.", "",
         "/// Tables of the double-byte code pages that UTF-8 is misread through.",
         "enum DoubleByteTables {"]
reverses = []
for name in ("cp949", "cp932", "gbk"):
    page = doublebyte.page(name)
    singles = [ord(page.single[b]) if b in page.single else 0xFFFF for b in range(0x80, 0x100)]
    pairs = []
    for lead in range(0x80, 0x100):
        for trail in range(0x40, 0x100):
            ch = page.pair.get((lead, trail))
            pairs.append(ord(ch) if ch is not None and ord(ch) < 0x10000 else 0xFFFF)
    reverse = [0] * 0x10000
    duplicates = []
    for ch, codes in sorted(page.preimages.items()):
        if ord(ch) >= 0x10000:
            continue
        values = [c[0] if len(c) == 1 else c[0] << 8 | c[1] for c in codes]
        reverse[ord(ch)] = values[0]
        if len(values) > 1:
            for v in values:
                duplicates += [ord(ch), v]
    reverses.append(reverse)
    lines.append(f"  /// {name}: characters of the single bytes 0x80-0xFF (0xFFFF: none).")
    lines.append(f"  static let {name}Singles: [UInt16] = [")
    for i in range(0, 128, 8):
        lines.append("    " + ", ".join("0x%04X" % v for v in singles[i:i + 8]) + ",")
    lines.append("  ]")
    lines.append(f"  /// {name}: characters of the pairs, 192 per lead byte 0x80-0xFF (0xFFFF: none).")
    block = fixed_width(pairs, 192)
    lines.append(f"  static let {name}Pairs: StaticString = " + block[0])
    lines.extend(block[1:])
    lines.append(f"  /// {name}: character, code pairs of the characters with several codes.")
    lines.append(f"  static let {name}Duplicates: [UInt32] = [")
    for i in range(0, len(duplicates), 8):
        lines.append("    " + ", ".join("0x%04X" % v for v in duplicates[i:i + 8]) + ",")
    lines.append("  ]")
    lines.extend(derived_tables(name, singles, pairs))
    if name == "cp932":
        bits = [0] * 1024
        for i in range(0, len(duplicates), 2):
            bits[duplicates[i] >> 6] |= 1 << (duplicates[i] & 63)
        lines.append("  /// cp932: a bit per BMP character with several codes (an entry of cp932Duplicates),")
        lines.append("  /// bit `value % 64` of word `value / 64`.")
        lines.append("  static let cp932DuplicateBits: [UInt64] = [")
        for i in range(0, 1024, 4):
            lines.append("    " + ", ".join("0x%016X" % v for v in bits[i:i + 4]) + ",")
        lines.append("  ]")
# The code of each BMP character through the three pages side by side (12 bytes a character):
# the repair looks a character up through each page in turn (first in a scan over the line,
# whether each page has a code), and one cache line then serves the three, where a table per
# page took three.
lines.append("  /// The code of each BMP character (0: none) through cp949, cp932 and gbk in turn: entry")
lines.append("  /// `value * 3 + page` (0: cp949, 1: cp932, 2: gbk). One table rather than one per page,")
lines.append("  /// so that a character looked up through each page in turn reads one cache line.")
block = fixed_width([reverses[page][v] for v in range(0x10000) for page in range(3)], 192)
lines.append("  static let reverse: StaticString = " + block[0])
lines.extend(block[1:])
transitions = transitions_table()
lines.append("  /// `DoubleByteCompletion`'s UTF-8 automaton: the state (need * 5 + range) after each")
lines.append("  /// byte from each of its 20 states, at `state * 256 + byte` (0xFF: UTF-8 cannot")
lines.append("  /// continue).")
lines.append("  static let transitions: [UInt8] = [")
for i in range(0, len(transitions), 32):
    lines.append("    " + ", ".join("%d" % v for v in transitions[i:i + 32]) + ",")
lines.append("  ]")
lines.append("  /// Per byte, the automaton states (a bit each) that `transitions` takes it from.")
lines.append("  static let accepting: [UInt32] = [")
accepting = accepting_table(transitions)
for i in range(0, 256, 8):
    lines.append("    " + ", ".join("0x%05X" % v for v in accepting[i:i + 8]) + ",")
lines.append("  ]")
lines.append("}")
target = ROOT / "Sources/WireTMRepair/DoubleByteTables.swift"
# The extension after the generated enum (`damageCJKBits`, written from the ranges the tests
# keep) is carried over as it stands.
kept = ""
if target.exists():
    old = target.read_text(encoding="utf-8")
    marker = "\nextension DoubleByteTables {"
    if marker in old:
        kept = old[old.index(marker):]
target.write_text("\n".join(lines) + "\n" + kept, encoding="utf-8")
