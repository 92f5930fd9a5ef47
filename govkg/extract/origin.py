"""Where each character of a text came from in the input the user gave.

On the way from an input file to an article's text, govkg only *deletes* characters (layout
gaps, line breaks inside a sentence, page furniture, jump lines, markup) and *inserts* line
breaks between blocks. So every character of an article keeps the position it had in the
input, and an :class:`OffsetMap` records these positions compactly, as segments: a run of
consecutive characters that were consecutive in the source too, or one character that
stands for several source characters (an HTML entity such as ``&ldquo;``).

A source position has a *field*: ``""`` for the input's own text, ``"title"`` for the
title of a JSON Lines record, ``"p3"`` for the text layer of page 3 of a PDF.

>>> m = OffsetMap.from_positions([0, 1, 4, 5, -1, 9])
>>> m.pieces(0, 4)
[('', 0, 2), ('', 4, 6)]
>>> m.pieces(0, 6)
[('', 0, 2), ('', 4, 6), ('', 9, 10)]
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field as _field
from typing import Dict, Iterable, Iterator, List, Optional, Sequence, Tuple

Piece = Tuple[str, int, int]          # (field, start, end) in the source
_SKIP = " \t\u3000\u00a0\r\n*"          # what layout may delete between two kept characters


@dataclass(frozen=True)
class Segment:
    """Characters ``start..end`` of a text come from ``src..src_end`` of ``field``; equal lengths
    map one to one, otherwise the segment is one character standing for the whole source range."""

    start: int
    end: int
    field: str
    src: int
    src_end: int

    @property
    def uniform(self) -> bool:
        return self.end - self.start == self.src_end - self.src


class OffsetMap:
    """Text positions -> source positions, as sorted, non-overlapping :class:`Segment` s."""

    def __init__(self, segments: Iterable[Segment] = ()):
        self.segments: List[Segment] = sorted(segments, key=lambda s: s.start)
        self._starts = [s.start for s in self.segments]

    def __repr__(self) -> str:
        return f"OffsetMap({len(self.segments)} segments)"

    @classmethod
    def identity(cls, length: int, field: str = "") -> "OffsetMap":
        return cls([Segment(0, length, field, 0, length)] if length else [])

    @classmethod
    def from_positions(cls, positions: Sequence[int], field: str = "") -> "OffsetMap":
        """One source position per character, ``-1`` for a character the source does not have."""
        b = _Builder()
        for i, p in enumerate(positions):
            if p >= 0:
                b.add(i, field, p, p + 1)
        return b.build()

    def segments_in(self, start: int, end: int) -> Iterator[Segment]:
        i = max(0, bisect.bisect_right(self._starts, start) - 1)
        while i < len(self.segments) and self.segments[i].start < end:
            s = self.segments[i]
            if s.end > start:
                yield s
            i += 1

    def pieces(self, start: int, end: int) -> List[Piece]:
        """The source ranges of text ``start..end``, adjacent ones merged, in text order."""
        out: List[Piece] = []
        for s in self.segments_in(start, end):
            if s.uniform:
                a, b = s.src + max(0, start - s.start), s.src + min(end, s.end) - s.start
            else:
                a, b = s.src, s.src_end
            if out and out[-1][0] == s.field and out[-1][2] == a:
                out[-1] = (s.field, out[-1][1], b)
            else:
                out.append((s.field, a, b))
        return out

    def then(self, outer: Optional["OffsetMap"]) -> "OffsetMap":
        """Compose: ``self`` maps A -> B and ``outer`` maps B -> C; the result maps A -> C.
        ``outer=None`` is the identity."""
        if outer is None:
            return self
        b = _Builder()
        for s in self.segments:
            if not s.uniform:
                ps = [p for p in outer.pieces(s.src, s.src_end)]
                if ps:
                    b.add(s.start, ps[0][0], ps[0][1], ps[-1][2], atomic=True)
                continue
            for o in outer.segments_in(s.src, s.src_end):
                lo, hi = max(s.src, o.start), min(s.src_end, o.end)
                if o.uniform:
                    b.add_run(s.start + lo - s.src, hi - lo, o.field, o.src + lo - o.start)
                else:
                    b.add(s.start + lo - s.src, o.field, o.src, o.src_end, atomic=True)
        return b.build()


class _Builder:
    """Collects (text position -> source range) and merges runs into segments."""

    def __init__(self):
        self.segs: List[Segment] = []

    def add(self, pos: int, field: str, src: int, src_end: int, atomic: bool = False) -> None:
        last = self.segs[-1] if self.segs else None
        if not atomic and src_end - src == 1 and last is not None and last.uniform and last.end == pos \
                and last.field == field and last.src_end == src:
            self.segs[-1] = Segment(last.start, pos + 1, field, last.src, src_end)
        else:
            self.segs.append(Segment(pos, pos + 1, field, src, src_end))

    def add_run(self, pos: int, length: int, field: str, src: int) -> None:
        last = self.segs[-1] if self.segs else None
        if last is not None and last.uniform and last.end == pos and last.field == field and last.src_end == src:
            self.segs[-1] = Segment(last.start, pos + length, field, last.src, src + length)
        elif length > 0:
            self.segs.append(Segment(pos, pos + length, field, src, src + length))

    def build(self) -> OffsetMap:
        return OffsetMap(self.segs)


class AlignmentError(ValueError):
    """A text is not its source with characters deleted (a bug in a transformation)."""


def align(part: str, source: str, at: int, field: str = "") -> Tuple[OffsetMap, int]:
    """Map ``part``, which is ``source[at:]`` with layout characters deleted (spaces, line breaks,
    ``*``), back to ``source``; returns the map and the source position after the last character.

    >>> m, end = align("勤劳街3号院", "x勤劳街 3号\\n院。", 1)
    >>> m.pieces(0, 6), end
    ([('', 1, 4), ('', 5, 7), ('', 8, 9)], 9)
    """
    b = _Builder()
    j, n = at, len(source)
    i = 0
    while i < len(part):
        c = part[i]
        while j < n and source[j] != c:
            if c.isspace() and source[j].isspace():
                break  # a gap the text writes with another space character
            if source[j] not in _SKIP:
                raise AlignmentError(f"cannot align {part[max(0, i - 10):i + 10]!r} at {j}: {source[j]!r}")
            j += 1
        if j >= n:
            raise AlignmentError(f"ran out of source aligning {part[max(0, i - 10):i + 10]!r}")
        # copy the longest common run at once
        k = 1
        while i + k < len(part) and j + k < n and part[i + k] == source[j + k]:
            k += 1
        b.add_run(i, k, field, j)
        i, j = i + k, j + k
    return b.build(), j


def shift(m: OffsetMap, delta: int) -> OffsetMap:
    """The same map for a text that starts ``delta`` characters later."""
    return OffsetMap(Segment(s.start + delta, s.end + delta, s.field, s.src, s.src_end) for s in m.segments)


def crop(m: OffsetMap, start: int, end: int) -> OffsetMap:
    """The map of ``text[start:end]`` (positions re-based to 0)."""
    out = []
    for s in m.segments_in(start, end):
        a, b = max(s.start, start), min(s.end, end)
        if s.uniform:
            out.append(Segment(a - start, b - start, s.field, s.src + a - s.start, s.src + b - s.start))
        else:
            out.append(Segment(a - start, b - start, s.field, s.src, s.src_end))
    return OffsetMap(out)


def join(parts: Sequence[Tuple[int, OffsetMap]]) -> OffsetMap:
    """One map from maps of pieces placed at the given offsets of a new text."""
    segs: List[Segment] = []
    for off, m in parts:
        segs.extend(shift(m, off).segments)
    return OffsetMap(segs)


Box = Tuple[float, float, float, float]


@dataclass
class InputText:
    """What source positions index. ``kind``: ``text`` (a text file's characters, read with
    universal newlines), ``jsonl`` (a record's ``text``, or its ``title`` for field ``title``),
    ``html`` (the HTML file's characters; an entity is one piece) or ``pdf`` (the text layer of a
    page, field ``p<N>``, with the box of each character in ``boxes``)."""

    kind: str
    boxes: Dict[str, List[Optional[Box]]] = _field(default_factory=dict)


def input_fields(origin: Optional[OffsetMap], inp: Optional[InputText], start: int, end: int) -> dict:
    """Provenance in the user's input of the text ``start..end`` of an article.

    Text, JSON Lines and HTML: ``input_start``/``input_end`` (the range in the input) and
    ``input_spans``, the pieces whose concatenation is the text (for HTML, once entities are
    decoded); JSON Lines also ``input_field``. PDF: ``page`` (where the text starts) and
    ``boxes``, one ``[page, x0, top, x1, bottom]`` (points, origin top left) for each piece of a line.
    """
    if origin is None or inp is None:
        return {}
    pieces = origin.pieces(start, end)
    if not pieces:
        return {}
    if inp.kind == "pdf":
        boxes = [(int(f[1:]), _union(inp.boxes.get(f, [])[a:b])) for f, a, b in pieces]
        return {"page": int(pieces[0][0][1:]), "boxes": [[p, *box] for p, box in boxes if box]}
    out = {"input_start": pieces[0][1], "input_end": pieces[-1][2],
           "input_spans": [[a, b] for f, a, b in pieces if f == pieces[0][0]]}
    if inp.kind == "jsonl":
        out["input_field"] = pieces[0][0] or "text"
    return out


def _union(boxes: Sequence[Optional[Box]]) -> Optional[Box]:
    bs = [b for b in boxes if b]
    if not bs:
        return None
    return (round(min(b[0] for b in bs), 2), round(min(b[1] for b in bs), 2),
            round(max(b[2] for b in bs), 2), round(max(b[3] for b in bs), 2))
