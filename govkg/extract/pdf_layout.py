"""The geometry of an e-paper page: lines of type -> reading order, headlines, captions.

A newspaper page is cut recursively into rectangles (an XY cut): first into columns, at
vertical gutters that run through the whole rectangle, else into rows, at horizontal gaps
wider than the space between two lines of body text. Cutting columns first keeps an
article that sits beside another together, and a headline running over several columns
blocks the cut below it, so the headline comes before its columns. The leaves are read
top to bottom, columns left to right.

A line set in type at least 1.25 times the body size is a headline; a line of body size
or smaller right under or over a picture is its caption.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from statistics import median
from typing import List, Optional, Sequence, Tuple

Box = Tuple[float, float, float, float]   # x0, top, x1, bottom (points, origin top left)
HEADLINE_RATIO = 1.25


@dataclass
class Line:
    """One line of type: its characters and their boxes, its type size."""

    text: str
    boxes: List[Box]
    size: float
    bbox: Box
    kind: str = "body"          # body, headline, caption
    parts: List["Line"] = field(default_factory=list)

    @property
    def x0(self) -> float:
        return self.bbox[0]

    @property
    def top(self) -> float:
        return self.bbox[1]

    @property
    def x1(self) -> float:
        return self.bbox[2]

    @property
    def bottom(self) -> float:
        return self.bbox[3]


def body_size(lines: Sequence[Line]) -> float:
    """The type size most characters are set in."""
    sizes = Counter()
    for ln in lines:
        sizes[round(ln.size * 2) / 2] += len(ln.text.strip())
    return sizes.most_common(1)[0][0] if sizes else 10.0


def classify(lines: List[Line], images: Sequence[Box]) -> float:
    """Mark headlines (large type) and captions (small type beside a picture); return the body size."""
    body = body_size(lines)
    for ln in lines:
        if ln.size >= HEADLINE_RATIO * body and len(ln.text.strip()) >= 2:
            ln.kind = "headline"
        elif ln.size <= body * 1.05 and any(_caption_of(ln, im, body) for im in images):
            ln.kind = "caption"
    return body


def _caption_of(ln: Line, im: Box, body: float) -> bool:
    overlap = min(ln.x1, im[2]) - max(ln.x0, im[0])
    if overlap < 0.5 * min(ln.x1 - ln.x0, im[2] - im[0]):
        return False
    return 0 <= ln.top - im[3] <= 1.6 * body or 0 <= im[1] - ln.bottom <= 1.6 * body


def line_gap(lines: Sequence[Line], body: float) -> float:
    """The usual space between two lines of body text in one column."""
    gaps = []
    ordered = sorted((ln for ln in lines if ln.kind == "body"), key=lambda ln: (ln.x0, ln.top))
    for a, b in zip(ordered, ordered[1:]):
        if abs(a.x0 - b.x0) < body * 3 and 0 <= b.top - a.bottom < body * 2:
            gaps.append(b.top - a.bottom)
    return median(gaps) if gaps else 0.3 * body


def reading_order(lines: List[Line], body: float) -> List[List[Line]]:
    """The page's lines as leaves of an XY cut, in reading order."""
    gap_x = 0.8 * body
    gap_y = max(0.5 * body, 1.6 * line_gap(lines, body) + 0.1 * body)
    return _cut(lines, gap_x, gap_y)


def _cut(items: List[Line], gap_x: float, gap_y: float) -> List[List[Line]]:
    if len(items) <= 1:
        return [items] if items else []
    cols = _split(items, 0, gap_x)
    if len(cols) > 1:
        return [leaf for g in cols for leaf in _cut(g, gap_x, gap_y)]
    rows = _split(items, 1, gap_y)
    if len(rows) > 1:
        bands = _bands(rows, gap_x) or rows
        if len(bands) == 1:
            return [_rows(items)]
        return [leaf for g in bands for leaf in _cut(g, gap_x, gap_y)]
    return [_rows(items)]


def _bands(rows: List[List[Line]], gap_x: float) -> Optional[List[List[Line]]]:
    """Two articles side by side whose headlines stand at the same height: the row of headlines
    and the rows under it that keep the gutter between them form one band, cut into columns
    next, not a row of headlines over a row of bodies. None when nothing joins."""
    bands: List[List[Line]] = []
    gutters: List[Tuple[float, float]] = []
    for row in rows:
        g = _gutters(row, gap_x)
        common = [(max(a, c), min(b, d)) for a, b in gutters for c, d in g if min(b, d) - max(a, c) >= gap_x]
        if bands and common:
            bands[-1].extend(row)
            gutters = common
        else:
            bands.append(list(row))
            heads = [ln for ln in row if ln.kind == "headline"]
            gutters = g if len(heads) >= 2 and len(heads) == len(row) else []
    return bands if len(bands) < len(rows) else None


def _gutters(row: List[Line], gap_x: float) -> List[Tuple[float, float]]:
    """Empty vertical bands between the lines of a row, as wide as a gutter at least."""
    out, reach = [], None
    for ln in sorted(row, key=lambda ln: ln.x0):
        if reach is not None and ln.x0 - reach >= gap_x:
            out.append((reach, ln.x0))
        reach = ln.x1 if reach is None else max(reach, ln.x1)
    return out


def _split(items: List[Line], axis: int, min_gap: float) -> List[List[Line]]:
    """Groups of items separated by empty bands at least ``min_gap`` wide along ``axis``."""
    lo = (lambda it: it.x0) if axis == 0 else (lambda it: it.top)
    hi = (lambda it: it.x1) if axis == 0 else (lambda it: it.bottom)
    groups: List[List[Line]] = []
    reach = None
    for it in sorted(items, key=lo):
        if reach is None or lo(it) - reach >= min_gap:
            groups.append([])
            reach = hi(it)
        groups[-1].append(it)
        reach = max(reach, hi(it))
    return groups


def _rows(items: List[Line]) -> List[Line]:
    """Lines of one leaf top to bottom; pieces of one row left to right."""
    rows: List[List[Line]] = []
    for it in sorted(items, key=lambda ln: (ln.top, ln.x0)):
        if rows and _same_row(rows[-1][-1], it):
            rows[-1].append(it)
        else:
            rows.append([it])
    return [ln for row in rows for ln in sorted(row, key=lambda ln: ln.x0)]


def _same_row(a: Line, b: Line) -> bool:
    overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    return overlap > 0.5 * min(a.bottom - a.top, b.bottom - b.top)


def merge_headlines(leaf: List[Line]) -> List[Line]:
    """A headline wrapped over two lines (same type size, one under the other) is one line."""
    out: List[Line] = []
    for ln in leaf:
        prev = out[-1] if out else None
        if prev is not None and prev.kind == ln.kind == "headline" and abs(prev.size - ln.size) <= 0.05 * ln.size \
                and 0 <= ln.top - prev.bottom <= 0.6 * ln.size and not _same_row(prev, ln):
            out[-1] = Line(prev.text + ln.text, prev.boxes + ln.boxes, prev.size,
                           (min(prev.x0, ln.x0), prev.top, max(prev.x1, ln.x1), ln.bottom), "headline")
        else:
            out.append(ln)
    return out


def page_text(leaves: List[List[Line]]) -> Tuple[str, List[Optional[Box]], List[int], List[str]]:
    """The page as text (a line a line, a blank line between leaves), the box of each character,
    the numbers of the headline lines, and the captions left out."""
    lines: List[str] = []
    boxes: List[Optional[Box]] = []
    heads: List[int] = []
    captions: List[str] = []
    for leaf in leaves:
        if lines:
            lines.append("")
            boxes.append(None)
        for ln in merge_headlines(leaf):
            if ln.kind == "caption":
                captions.append(ln.text)
                continue
            if ln.kind == "headline":
                heads.append(len(lines))
            lines.append(ln.text)
            boxes.extend(ln.boxes)
            boxes.append(None)
    return "\n".join(lines), boxes[:-1], heads, captions
