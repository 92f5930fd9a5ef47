"""Linear-time helpers over character spans, so that no rule compares every mention with every other.

Each helper gives exactly what the obvious quadratic expression beside it in the docstring
gives; the rules in :mod:`~govkg.extract.mentions` and :mod:`~govkg.extract.relations` use them
so that an article of a million characters costs about a hundred times one of ten thousand.
"""
from __future__ import annotations

import bisect
import re
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Tuple, TypeVar

T = TypeVar("T")
#: with more names than this, occurrences are found in one pass over the text instead of one per name
_FEW_NAMES = 48


class Occupied:
    """Character positions covered by spans ``[a, b)``.

    ``overlaps(s, e)`` is ``any(a < e and s < b for a, b in spans)`` and ``covers(p)`` is
    ``any(a <= p < b for a, b in spans)``, each in time proportional to ``e - s``, not to the
    number of spans.

    >>> occ = Occupied(10, [(2, 4)])
    >>> occ.overlaps(3, 6), occ.overlaps(4, 6), occ.covers(2), occ.covers(4)
    (True, False, True, False)
    """

    def __init__(self, length: int, spans: Iterable[Tuple[int, int]] = ()):
        self._marks = bytearray(max(length, 0) + 1)
        self._empty: List[int] = []          # empty spans (a == b) overlap what strictly contains a
        for a, b in spans:
            self.add(a, b)

    def add(self, a: int, b: int) -> None:
        if a >= b:
            if a == b:
                bisect.insort(self._empty, a)
            return
        a, b = max(a, 0), min(b, len(self._marks))
        self._marks[a:b] = b"\x01" * max(b - a, 0)

    def covers(self, pos: int) -> bool:
        return 0 <= pos < len(self._marks) and self._marks[pos] == 1

    def overlaps(self, s: int, e: int) -> bool:
        if s < e and self._marks.find(1, max(s, 0), max(min(e, len(self._marks)), 0)) >= 0:
            return True
        i = bisect.bisect_right(self._empty, s)
        return i < len(self._empty) and self._empty[i] < e


def outermost(items: Sequence[T], span: Callable[[T], Tuple[int, int]]) -> List[T]:
    """The items not inside a longer one, in their order: what
    ``[m for m in items if not any(o is not m and o.start <= m.start and m.end <= o.end and
    o.end - o.start > m.end - m.start for o in items)]`` gives, in O(n log n).

    >>> outermost([(0, 5), (1, 3), (1, 3), (6, 8)], lambda x: x)
    [(0, 5), (6, 8)]
    """
    order = sorted(range(len(items)), key=lambda i: (span(items[i])[0], -span(items[i])[1]))
    drop = set()
    max_end: Optional[int] = None       # over the spans before the current group of equal spans
    k = 0
    while k < len(order):
        s, e = span(items[order[k]])
        j = k
        while j < len(order) and span(items[order[j]]) == (s, e):
            j += 1
        if max_end is not None and max_end >= e:   # an earlier span starts at or before s and ends after e
            drop.update(order[k:j])
        max_end = e if max_end is None else max(max_end, e)
        k = j
    return [x for i, x in enumerate(items) if i not in drop]


def occurrences(text: str, names: Iterable[str]) -> Dict[str, List[int]]:
    """Starts of each name's occurrences, as ``re.finditer(re.escape(name), text)`` finds them
    (left to right, not overlapping one another), for all names in one pass over ``text``.

    >>> occurrences("张三说张三张三", ["张三", "三说"])
    {'张三': [0, 3, 5], '三说': [1]}
    """
    names = [n for n in dict.fromkeys(names) if n]
    if len(names) <= _FEW_NAMES:
        return {n: [m.start() for m in re.finditer(re.escape(n), text)] for n in names}
    by_len: Dict[int, set] = {}
    for n in names:
        by_len.setdefault(len(n), set()).add(n)
    sizes = sorted(by_len)
    firsts = re.compile("[%s]" % "".join(re.escape(c) for c in sorted({n[0] for n in names})))
    found: Dict[str, List[int]] = {n: [] for n in names}
    last_end: Dict[str, int] = {}
    for m in firsts.finditer(text):
        i = m.start()
        for size in sizes:
            cand = text[i:i + size]
            if cand in by_len[size] and i >= last_end.get(cand, 0):
                found[cand].append(i)
                last_end[cand] = i + size
    return found


def group_by_span(items: Iterable[T], spans: Sequence[Tuple[int, int]], start: Callable[[T], int]
                  ) -> Dict[int, List[T]]:
    """Items grouped by the index of the span that holds their start, each group in the items'
    order: ``[x for x in items if s <= start(x) < e]`` for span ``i`` is ``groups.get(i, [])``
    (``spans`` sorted and not overlapping)."""
    starts = [s for s, _ in spans]
    groups: Dict[int, List[T]] = {}
    for x in items:
        p = start(x)
        i = bisect.bisect_right(starts, p) - 1
        if i >= 0 and p < spans[i][1]:
            groups.setdefault(i, []).append(x)
    return groups


def span_at(spans: Sequence[Tuple[int, int]], pos: int, default: Tuple[int, int]) -> Tuple[int, int]:
    """The first span holding ``pos`` (``spans`` sorted, not overlapping), else ``default``."""
    i = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    if i >= 0 and spans[i][0] <= pos < spans[i][1]:
        return spans[i]
    return default


class Overlaps:
    """``overlaps(s, e)`` is ``any(a < e and s < b for a, b in spans)`` for a fixed set of spans,
    in O(log n): the spans sorted by start, with the largest end among each prefix.

    >>> ix = Overlaps([(2, 4), (6, 6)])
    >>> ix.overlaps(3, 5), ix.overlaps(4, 6), ix.overlaps(5, 7), ix.overlaps(0, 2)
    (True, False, True, False)
    """

    def __init__(self, spans: Iterable[Tuple[int, int]]):
        pairs = sorted(spans)
        self._starts = [a for a, _ in pairs]
        self._max_end: List[int] = []
        for _, b in pairs:
            self._max_end.append(b if not self._max_end else max(b, self._max_end[-1]))

    def overlaps(self, s: int, e: int) -> bool:
        i = bisect.bisect_left(self._starts, e)   # the spans with a < e are the first i
        return i > 0 and self._max_end[i - 1] > s


class SpanBuckets:
    """Indices of spans ``[a, b)`` in a list that changes (spans replaced or added), by blocks of
    positions: ``overlapping(s, e)`` is ``[i for i, (a, b) in enumerate(spans) if a < e and s < b]``
    (spans with ``a <= b``, queries with ``s <= e``) in time proportional to the spans near ``[s, e)``,
    not to all of them.

    >>> sb = SpanBuckets([(0, 5), (70, 80)])
    >>> sb.overlapping(4, 72)
    [0, 1]
    >>> sb.set(0, (100, 130)); sb.overlapping(4, 72)
    [1]
    """

    BLOCK = 64

    def __init__(self, spans: Iterable[Tuple[int, int]] = ()):
        self.spans: List[Tuple[int, int]] = []
        self._blocks: Dict[int, set] = {}
        for a, b in spans:
            self.add((a, b))

    def _register(self, i: int, a: int, b: int) -> None:
        for k in range(a // self.BLOCK, max(a, b - 1) // self.BLOCK + 1):
            self._blocks.setdefault(k, set()).add(i)

    def add(self, span: Tuple[int, int]) -> int:
        self.spans.append(span)
        self._register(len(self.spans) - 1, *span)
        return len(self.spans) - 1

    def set(self, i: int, span: Tuple[int, int]) -> None:
        self.spans[i] = span       # the old blocks may keep i: overlapping() checks every candidate
        self._register(i, *span)

    def overlapping(self, s: int, e: int) -> List[int]:
        near: set = set()
        for k in range(s // self.BLOCK, max(s, e - 1) // self.BLOCK + 1):
            near |= self._blocks.get(k, set())
        return sorted(i for i in near if self.spans[i][0] < e and s < self.spans[i][1])
