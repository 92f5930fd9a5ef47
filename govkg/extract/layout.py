"""Undo newspaper/OCR layout: join lines broken inside a sentence or word,
keep headlines, datelines, bylines and real paragraph ends.

``二\\n\\n七区`` becomes ``二七区`` and ``勤劳街 3号院`` becomes ``勤劳街3号院``; a line
that ends a sentence ends its paragraph; a short line with no sentence punctuation
just before a dateline (``本报讯``) or at the top of a page is a headline.

A web page copied as text (one paragraph a line, wrapped wider than :data:`WIDE_PAGE`) is
not an OCR'd column: there a short line that ends no sentence (navigation, a headline, a
source line) stands alone instead of being glued to the next, and a source line
(``来源：… 作者：… 日期：…``, :func:`is_meta_line`) is a byline block that opens the article
under the headline right above it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, List

from govkg.extract.bylines import default_bylines
from govkg.extract.lexicon import data_lines
from govkg.extract.page import JUMP_IN, JUMP_OUT

_FINAL = re.compile(r"[。！？!?…；;][”’」』）)]*$")
_SENTENCE_PUNCT = re.compile(r"[。！？!?；;]")
_GAP = re.compile(r"(?<![A-Za-z0-9])[ \t\u3000\u00a0]+|[ \t\u3000\u00a0]+(?![A-Za-z0-9])")
#: an article's first words that are not a dateline: its day (``5月9日，``), ``近日``, ``日前``
_LEAD_CLAUSE = re.compile(r"^(?:\d{1,2}月\d{1,2}日|近日|日前|连日来|今年以来|今天|昨天|今日|昨日)(?:上午|下午|晚)?[，,]")
_LEAD = re.compile(r"^(?:[\u4e00-\u9fff]{0,6}\d{1,2}月\d{1,2}日|近日|日前|连日来|今年以来|[\u4e00-\u9fff]{0,6}(?:今天|昨天|今日|昨日))")


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
    """A line that opens an article: a dateline (``本报讯``), or a continuation (``（上接第一版）``)."""
    return bool(_dateline().match(line.strip()) or JUMP_IN.match(line))


#: a web page's source line under its headline: ``来源：X | 作者：王敏 朱波 | 日期：2025-12-29``
_META_KEY = re.compile(r"(?:来源|作者|发布时间|发布日期|更新时间|发布者|责任编辑|编辑|日期|时间)[:：]")


def is_meta_line(line: str) -> bool:
    """A web page's source line (two keys or more, or one opening with 作者：); like a byline it
    opens the article under the headline, or closes it.

    >>> is_meta_line("来源：双鸭山市政协 | 作者：谢恩禄 高龙 | 日期：2025-12-29"), is_meta_line("作者：王敏")
    (True, True)
    >>> is_meta_line("会议时间：下午三点")
    False
    """
    line = line.strip()
    return len(line) <= 160 and (line.startswith(("作者:", "作者：")) or len(_META_KEY.findall(line)) >= 2)


def _meta_lines(lines: List[str], kinds: List[str]) -> set:
    """Mark source lines (:func:`is_meta_line`) in ``kinds`` as bylines, a block of their own: with
    text after them they open the article (under its headline), after the text they close it.
    Returns their numbers."""
    found = set()
    for i, ln in enumerate(lines):
        if kinds[i] == "text" and is_meta_line(ln):
            kinds[i] = "byline"
            found.add(i)
    return found


def _ends_para(line: str) -> bool:
    """A line after which a new paragraph starts: a sentence end, a byline, a jump (``（下转第二版）``)."""
    return bool(_FINAL.search(line) or ends_with_byline(line) or JUMP_OUT.search(line))


def _one_gap(line: str) -> str:
    """A run of spaces becomes its first character, so every character stays one of the input's."""
    return re.sub(r"([ \t\u3000])[ \t\u3000]+", r"\1", line)


def ends_with_byline(line: str) -> bool:
    """True for a line that ends a paragraph with its byline (``…安全度汛。 记者 陆佳``)."""
    return default_bylines().tail(line) is not None


def _headline_candidate(line: str) -> bool:
    return 2 <= len(line) <= 50 and not _SENTENCE_PUNCT.search(line) and "，" not in line[:-1] \
        and not is_byline(line) and not JUMP_OUT.search(line)


def wrap_width(lines: List[str]) -> int:
    """The width the page's text is wrapped at: the 90th percentile of its line lengths.

    >>> wrap_width(["一二三四五", "一二三", "一二三四五", ""])
    5
    """
    lengths = sorted(len(ln) for ln in lines if ln)
    return lengths[(len(lengths) - 1) * 9 // 10] if lengths else 0


#: a page whose paragraphs are one line each (a web page) is wrapped at least this wide …
WIDE_PAGE = 60
#: … and there a line under this fraction of the width that ends no sentence is a line of its
#: own (a headline, a navigation or source line), not the first part of a sentence
SHORT_LINE = 1 / 3


_DATE_CUT = re.compile(r"(?:\d|[年月])$")


def _stands_alone(line: str, width: int, following: str) -> bool:
    """A short line on a wide page, unless a date goes on in the next line (``2月`` / ``6日 …``)."""
    return width >= WIDE_PAGE and len(line) < width * SHORT_LINE \
        and not (_DATE_CUT.search(line) and following[:1].isdigit())


def blocks(text: str, headlines: Iterable[int] = ()) -> List[Block]:
    """Split raw page text into headline / dateline / para / byline blocks, with lines joined.
    ``headlines``: numbers of lines known to be headlines (a PDF's large type)."""
    lines = [ln.replace("**", "").strip() for ln in text.split("\n")]  # markdown bold in web copies
    n = len(lines)
    kinds = ["blank" if not ln else "byline" if is_byline(ln) else "dateline" if is_dateline(ln) else "text"
             for ln in lines]
    meta = _meta_lines(lines, kinds)
    meta_heads: set = set()
    # headlines: text lines without sentence punctuation right before a dateline, going back to
    # the previous sentence end / byline / page top; and a page's first line standing alone.
    for i in headlines:
        if 0 <= i < n and kinds[i] == "text":
            kinds[i] = "headline"
    for i in range(n):
        lead = False
        if kinds[i] == "byline":  # a byline that opens an article: body text follows it
            nxt = next((kinds[k] for k in range(i + 1, n) if kinds[k] != "blank"), None)
            if nxt not in ("text", "dateline"):
                continue
        elif kinds[i] == "text" and _LEAD.match(lines[i]):
            lead = True  # 5月9日，… after a headline, once the last article ended with its byline
        elif kinds[i] != "dateline":
            continue
        j = i - 1
        group = []
        while j >= 0 and kinds[j] in ("text", "blank"):
            if kinds[j] == "text":
                if not _headline_candidate(lines[j]) or len(group) > 4:
                    break  # more than 4 lines are no headline group: no need to read further back
                group.append(j)
            j -= 1
        prev_ok = j < 0 or kinds[j] in ("byline", "headline") or _ends_para(lines[j] or "")
        if lead:  # after a byline; at the page top a title (and subtitle); after a sentence end one line
            prev_ok = (j >= 0 and (kinds[j] == "byline" or ends_with_byline(lines[j]))) or (
                j < 0 and len(group) <= 2) or (
                prev_ok and len(group) == 1 and len(lines[group[0]]) >= 6 and _LEAD_CLAUSE.match(lines[i]))
        if i in meta:  # a source line: the headline is the line right above it
            group, prev_ok = group[:1], True
            meta_heads.update(group)
        if group and prev_ok and len(group) <= 4:
            for g in group:
                kinds[g] = "headline"
    first = next((i for i in range(n) if kinds[i] != "blank"), None)
    after_first = next((i for i in range((first or 0) + 1, n) if kinds[i] != "blank"), None)
    if first is not None and kinds[first] == "text" and _headline_candidate(lines[first]) \
            and first + 1 < n and kinds[first + 1] == "blank" and after_first not in meta_heads:
        kinds[first] = "headline"

    out: List[Block] = []
    buf: List[str] = []
    buf_kind = "para"
    width = wrap_width(lines)

    def flush():
        nonlocal buf, buf_kind
        if buf:
            raw = "".join(buf)
            m = default_bylines().tail(raw)
            if m and m[0] > 0:
                out.append(Block(buf_kind, squeeze(raw[: m[0]])))
                out.append(Block("byline", _one_gap(raw[m[1]:].strip())))
            else:
                out.append(Block(buf_kind, squeeze(raw)))
        buf, buf_kind = [], "para"

    for i, line in enumerate(lines):
        k = kinds[i]
        if k == "blank":
            continue
        if k in ("headline", "byline"):
            flush()
            out.append(Block(k, _one_gap(line)))
            continue
        if k == "dateline" or not buf or _ends_para(buf[-1]) or _stands_alone(buf[-1], width, line):
            flush()
            buf_kind = "dateline" if k == "dateline" else "para"
        buf.append(line)
    flush()
    return out
