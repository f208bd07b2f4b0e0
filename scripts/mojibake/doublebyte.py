"""UTF-8 read through a double-byte code page (CP949, CP932, GBK) with errors="replace":
a model of CPython's decoders and the reference reconstruction the fixtures expect.

The model (checked against the real codecs by `self_test`): a byte below 0x80 is itself; a
byte the code page maps on its own (CP932's half-width katakana, 0x80, 0xA0, 0xFD-0xFF) is
that character; otherwise the byte and the next one form a pair if the page maps the pair;
otherwise the decoder writes one U+FFFD and consumes ONE byte (the next byte is looked at
again, so an ASCII letter after a bad lead survives, and a byte after a good lead is
swallowed into the pair's character).

Reconstruction: every character of the damaged text stands for known bytes (its pair or
single byte), every U+FFFD for one unknown byte X with two facts about it: X >= 0x80 and
the decoder refused it (X is no single-byte character and (X, next byte) is no pair). A
completion assigns the unknown bytes so that the whole byte string is well-formed UTF-8.
A character of the result is *proven* when every completion gives it; otherwise it is
written as U+FFFD, one per character (see `reconstruct`).

Data: the mappings of CPython's cp949, cp932 and gbk codecs (the vendors' published
mapping tables as shipped with CPython).
"""
import codecs

CODECS = {"cp949": "cp949", "cp932": "cp932", "gbk": "gbk"}


class Page:
    def __init__(self, codec: str):
        self.codec = codec
        self.single = {}
        for b in range(0x80, 0x100):
            try:
                s = bytes([b]).decode(codec)
            except UnicodeDecodeError:
                continue
            if len(s) == 1:
                self.single[b] = s
        self.pair = {}
        for lead in range(0x80, 0x100):
            if lead in self.single:
                continue
            for trail in range(0x40, 0x100):
                try:
                    s = bytes([lead, trail]).decode(codec)
                except UnicodeDecodeError:
                    continue
                if len(s) == 1:
                    self.pair[(lead, trail)] = s
        # Character -> every byte string that decodes to it (CP932 has duplicates).
        self.preimages = {}
        for b, s in self.single.items():
            self.preimages.setdefault(s, []).append(bytes([b]))
        for (lead, trail), s in sorted(self.pair.items()):
            self.preimages.setdefault(s, []).append(bytes([lead, trail]))

    def decode(self, data: bytes) -> str:
        """The model of CPython's decoder with errors="replace"."""
        out = []
        i = 0
        while i < len(data):
            b = data[i]
            if b < 0x80:
                out.append(chr(b))
                i += 1
            elif b in self.single:
                out.append(self.single[b])
                i += 1
            elif i + 1 < len(data) and (b, data[i + 1]) in self.pair:
                out.append(self.pair[(b, data[i + 1])])
                i += 2
            else:
                out.append("\ufffd")
                i += 1
        return "".join(out)

    def refused(self, x: int, nxt):
        """Whether the decoder writes U+FFFD for byte x followed by nxt (None: end)."""
        if x < 0x80 or x in self.single:
            return False
        return nxt is None or (x, nxt) not in self.pair


_PAGES = {}


def page(name: str) -> Page:
    if name not in _PAGES:
        _PAGES[name] = Page(CODECS[name])
    return _PAGES[name]


def self_test(name: str, samples):
    """The model decodes like CPython's codec on `samples` (byte strings)."""
    p = page(name)
    for data in samples:
        assert p.decode(data) == data.decode(p.codec, errors="replace"), (name, data)


# UTF-8 structure: after a lead, the allowed range of the first continuation byte.
def _lead_info(b):
    if 0xC2 <= b <= 0xDF:
        return 1, 0x80, 0xBF
    if b == 0xE0:
        return 2, 0xA0, 0xBF
    if b == 0xED:
        return 2, 0x80, 0x9F
    if 0xE1 <= b <= 0xEF:
        return 2, 0x80, 0xBF
    if b == 0xF0:
        return 3, 0x90, 0xBF
    if 0xF1 <= b <= 0xF3:
        return 3, 0x80, 0xBF
    if b == 0xF4:
        return 3, 0x80, 0x8F
    return None


def _feed(state, b):
    """UTF-8 automaton: state (need, lo, hi) after byte b, or None if b cannot come next."""
    need, lo, hi = state
    if need > 0:
        return (need - 1, 0x80, 0xBF) if lo <= b <= hi else None
    if b < 0x80:
        return (0, 0, 0)
    info = _lead_info(b)
    return info


def choices_of(unit):
    """The byte strings a unit may stand for: a hole (None) any refusable byte >= 0x80."""
    return [bytes([x]) for x in range(0x80, 0x100)] if unit is None else unit


def completion(units, p: Page):
    """The reference reconstruction of `units` (per character: a list of byte-string
    alternatives, or None for a lost byte). A forward/backward pass over the UTF-8 automaton
    (state: need, range of the next continuation byte, the value of the previous lost
    byte, which the decoder refused before this unit's first byte) keeps the choices that
    some well-formed completion uses. Among the completions with the fewest characters
    (lexicographically smallest choices) each character is kept when its bytes come only
    from units with a single possible choice, and written as U+FFFD otherwise. (A lost
    byte read as the lead of a four-byte character counts as four characters.)
    Returns None when no completion exists."""
    n = len(units)

    def step(state, unit, choice):
        need, lo, hi, pending = state
        b0 = choice[0]
        if unit is None and (b0 in p.single):
            return None
        if pending >= 0 and (pending, b0) in p.pair:
            return None
        utf = (need, lo, hi)
        for b in choice:
            utf = _feed(utf, b)
            if utf is None:
                return None
        return (utf[0], utf[1], utf[2], b0 if unit is None else -1)

    forward = [dict() for _ in range(n + 1)]  # state -> (chars so far, previous state, choice)
    forward[0][(0, 0, 0, -1)] = (0, None, None)
    for k in range(n):
        for state, (count, _, _) in sorted(forward[k].items()):
            for choice in choices_of(units[k]):
                nxt = step(state, units[k], choice)
                if nxt is None:
                    continue
                # Characters started, and a lost byte taken as a four-byte lead (a
                # supplementary character) counts as three more: runs of lost bytes are
                # far more often two- and three-byte letters.
                added = _starts(state, choice)
                if units[k] is None and state[0] == 0 and choice[0] >= 0xF0:
                    added += 3
                old = forward[k + 1].get(nxt)
                if old is None or count + added < old[0]:
                    forward[k + 1][nxt] = (count + added, state, choice)
    finals = [s for s in forward[n] if s[0] == 0]
    if not finals:
        return None
    # Backward: states before unit k from which a final state is reachable.
    alive = set(finals)
    feasible = [set() for _ in range(n)]
    for k in range(n - 1, -1, -1):
        before = set()
        for state in forward[k]:
            for choice in choices_of(units[k]):
                nxt = step(state, units[k], choice)
                if nxt is not None and nxt in alive:
                    before.add(state)
                    feasible[k].add(choice)
        alive = before
    # The fewest-character completion (ties: the first found in byte order).
    best = min(finals, key=lambda s: forward[n][s][0])
    picked = [None] * n
    state = best
    for k in range(n, 0, -1):
        _, prev, choice = forward[k][state]
        picked[k - 1] = choice
        state = prev
    data = b"".join(picked)
    certain = []
    for k in range(n):
        certain.extend([len(feasible[k]) == 1] * len(picked[k]))
    out = []
    i = 0
    while i < len(data):
        length = 1 if data[i] < 0x80 else _lead_info(data[i])[0] + 1
        chunk = data[i:i + length]
        if all(certain[i:i + length]):
            out.append(chunk.decode("utf-8"))
        else:
            out.append("\ufffd")
        i += length
    return "".join(out)


def _starts(state, choice):
    """How many characters the bytes of `choice` start, from automaton state `state`."""
    need = state[0]
    count = 0
    for b in choice:
        if need == 0:
            count += 1
            need = 0 if b < 0x80 else _lead_info(b)[0]
        else:
            need -= 1
    return count


def units_of(broken: str, p: Page):
    """Per character of `broken`: the byte strings it may stand for (None for a U+FFFD: one
    lost byte), or None when some character is not one the code page produces."""
    out = []
    for ch in broken:
        if ch == "\ufffd":
            out.append(None)
        elif ord(ch) < 0x80:
            out.append([bytes([ord(ch)])])
        elif ch in p.preimages:
            out.append(p.preimages[ch])
        else:
            return None
    return out


def reconstruct(broken: str, name: str):
    """The text behind `broken` (the WHOLE text read through the page), or None."""
    p = page(name)
    units = units_of(broken, p)
    return None if units is None else completion(units, p)
