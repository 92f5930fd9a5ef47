"""Undo newspaper/OCR layout: join lines broken inside a sentence or word,
keep headlines, datelines, bylines and real paragraph ends.

``二\\n\\n七区`` becomes ``二七区`` and ``勤劳街 3号院`` becomes ``勤劳街3号院``; a line
that ends a sentence ends its paragraph; a short line with no sentence punctuation
just before a dateline (``本报讯``) or at the top of a page is a headline.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import List

from govkg.extract.bylines import default_bylines
from govkg.extract.lexicon import data_lines

_FINAL = re.compile(r"[。！？!?…；;][”’」』）)]*$")
_SENTENCE_PUNCT = re.compile(r"[。！？!?；;]")
_GAP = re.compile(r"(?<![A-Za-z0-9])[ \t\u3000\u00a0]+|[ \t\u3000\u00a0]+(?![A-Za-z0-9])")


@dataclass
class Block:
    """A paragraph-level piece of a page: ``headline``, ``dateline`` (a paragraph that opens
    an article), ``para`` or ``byline``."""

    kind: str
    text: str


@lru_cache(maxsize=1)
def _dateline():
    return re.compile("^(?:%s)" % "|".join(data_lines("datelines.txt")))


def byline_role() -> str:
    """Regex of a byline's role word: the lexicon's (记者, 通讯员…), also with a short prefix
    (全媒体记者, 海曙记者站)."""
    words = sorted(data_lines("bylines.txt"), key=len, reverse=True)
    return r"(?:[\u4e00-\u9fff]{0,4}?(?:记者站|记者|通讯员)|%s)" % "|".join(map(re.escape, words))


def squeeze(text: str) -> str:
    """Remove layout gaps inside a line, but keep a space between two Latin words or numbers.

    >>> squeeze("勤劳街 3号院")
    '勤劳街3号院'
    >>> squeeze("COVID 19 疫情")
    'COVID 19疫情'
    """
    return _GAP.sub("", text)


def is_byline(line: str) -> bool:
    """True for a line that is only a byline (``记者 张改华``, ``通讯员 左学彬 周祎``)."""
    return default_bylines().full(line)


def is_dateline(line: str) -> bool:
    return bool(_dateline().match(line.strip()))


def _headline_candidate(line: str) -> bool:
    return 2 <= len(line) <= 50 and not _SENTENCE_PUNCT.search(line) and "，" not in line[:-1] \
        and not is_byline(line)


def blocks(text: str) -> List[Block]:
    """Split raw page text into headline / dateline / para / byline blocks, with lines joined."""
    lines = [ln.replace("**", "").strip() for ln in text.split("\n")]  # markdown bold in web copies
    n = len(lines)
    kinds = ["blank" if not ln else "byline" if is_byline(ln) else "dateline" if is_dateline(ln) else "text"
             for ln in lines]
    # headlines: text lines without sentence punctuation right before a dateline, going back to
    # the previous sentence end / byline / page top; and a page's first line standing alone.
    for i in range(n):
        if kinds[i] == "byline":  # a byline that opens an article: body text follows it
            nxt = next((kinds[k] for k in range(i + 1, n) if kinds[k] != "blank"), None)
            if nxt not in ("text", "dateline"):
                continue
        elif kinds[i] != "dateline":
            continue
        j = i - 1
        group = []
        while j >= 0 and kinds[j] in ("text", "blank"):
            if kinds[j] == "text":
                if not _headline_candidate(lines[j]):
                    break
                group.append(j)
            j -= 1
        prev_ok = j < 0 or kinds[j] in ("byline", "headline") or _FINAL.search(lines[j] or "")
        if group and prev_ok and len(group) <= 4:
            for g in group:
                kinds[g] = "headline"
    first = next((i for i in range(n) if kinds[i] != "blank"), None)
    if first is not None and kinds[first] == "text" and _headline_candidate(lines[first]) \
            and first + 1 < n and kinds[first + 1] == "blank":
        kinds[first] = "headline"

    out: List[Block] = []
    buf: List[str] = []
    buf_kind = "para"

    def flush():
        nonlocal buf, buf_kind
        if buf:
            raw = "".join(buf)
            m = default_bylines().tail(raw)
            if m and m[0] > 0:
                out.append(Block(buf_kind, squeeze(raw[: m[0]])))
                out.append(Block("byline", re.sub(r"[ \t\u3000]+", " ", raw[m[1]:].strip())))
            else:
                out.append(Block(buf_kind, squeeze(raw)))
        buf, buf_kind = [], "para"

    for i, line in enumerate(lines):
        k = kinds[i]
        if k == "blank":
            continue
        if k in ("headline", "byline"):
            flush()
            out.append(Block(k, re.sub(r"[ \t\u3000]+", " ", line)))
            continue
        if k == "dateline" or not buf or _FINAL.search(buf[-1]):
            flush()
            buf_kind = "dateline" if k == "dateline" else "para"
        buf.append(line)
    flush()
    return out
