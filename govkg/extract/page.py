"""A newspaper page: page furniture, the page's date and number, and jump lines.

Page furniture belongs to no article: the masthead (``长兴新闻`` over
``2023年5月12日 星期五``), edition lines (``第2版 要闻``), editor credits
(``责任编辑：吴敏``) and photo captions (``图为…``, ``记者 陆佳 摄``). It is taken out
before layout, and the page's date feeds the dates of its articles. The rules are data:
``data/furniture.tsv``.

A page of a text file ends at a form feed (``\\f``, as ``pdftotext`` writes pages). An
article cut by a jump line (``（下转第二版）``) is joined to its continuation
(``（上接第一版）``) on a later page of the same issue (:func:`join_continuations`).
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, List, Optional, Tuple

from govkg.extract.lexicon import DATA_DIR
from govkg.extract.origin import OffsetMap, Segment, crop, join
from govkg.extract.read import Document

_CN = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2}
_LABEL = r"[A-Za-z]?\s*[\d一二三四五六七八九十]{1,3}"
JUMP_OUT = re.compile(rf"[（(]\s*(?:下转|转至?|接下|续)\s*(?:第\s*)?({_LABEL})\s*版[^）)]{{0,8}}[）)]\s*$")
JUMP_IN = re.compile(rf"^\s*[（(]\s*(?:上接|接上|紧接|承接?|接)\s*(?:第\s*)?({_LABEL})\s*版[^）)]{{0,8}}[）)]\s*")
_YMD = re.compile(r"(\d{4})\s*[年\-./]\s*(\d{1,2})\s*[月\-./]\s*(\d{1,2})")
_DATED = ("date", "weekday", "lunar", "edition", "issue")   # what a masthead stands over
_SENTENCE_END = re.compile(r"[。！？!?…；;][”’」』）)]*$")


@dataclass
class Rules:
    tokens: List[Tuple[str, re.Pattern]]
    lines: List[Tuple[str, re.Pattern]]


@lru_cache(maxsize=1)
def rules() -> Rules:
    """The furniture rules of ``data/furniture.tsv``."""
    tokens, lines = [], []
    for raw in (DATA_DIR / "furniture.tsv").read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        kind, pattern = raw.split("\t", 1)
        if kind in ("credit-line", "caption", "web"):
            lines.append((kind, re.compile(pattern)))
        else:
            tokens.append((kind, re.compile(pattern)))
    return Rules(tokens, lines)


def page_label(text: str) -> Optional[str]:
    """``第二版`` / ``2版`` / ``第02版`` -> ``2``; ``A2`` -> ``A2``.

    >>> [page_label(s) for s in ("第二版", "02版", "A2", "第十二版", "x")]
    ['2', '2', 'A2', '12', None]
    """
    m = re.fullmatch(r"\s*(?:第\s*)?([A-Za-z]?)\s*([\d一二三四五六七八九十]{1,3})\s*(?:版次?)?\s*", text or "")
    if not m:
        return None
    return m.group(1).upper() + str(_cn_number(m.group(2)))


def _cn_number(s: str) -> int:
    if s.isdigit():
        return int(s)
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (_CN.get(tens, 1) if tens else 1) * 10 + (_CN.get(ones, 0) if ones else 0)
    return int("".join(str(_CN[c]) for c in s))


def token_kinds(line: str) -> Optional[List[str]]:
    """The furniture kind of each token of ``line``, or None when a token is not furniture."""
    kinds = []
    for tok in line.split():
        kind = next((k for k, pat in rules().tokens if pat.fullmatch(tok)), None)
        if kind is None:
            return None
        kinds.append(kind)
    return kinds


#: a line longer than this is never furniture (the longest credit or caption lines are well under it)
FURNITURE_MAX_CHARS = 300


def furniture_kind(line: str) -> Optional[str]:
    """``credit``, ``caption``, ``date``/``edition``/… (a masthead or edition line), or None.

    >>> [furniture_kind(s) for s in ("责任编辑：吴敏  版式：张帆", "2023年5月12日 星期五", "图为演练现场。",
    ...                              "长兴新闻", "全县防汛工作推进会召开", "记者 陆佳 摄")]
    ['credit-line', 'date', 'caption', None, None, 'caption']
    """
    s = line.strip()
    if not s or len(s) > FURNITURE_MAX_CHARS:  # furniture is short; and the rules stay linear in the page
        return None
    for kind, pat in rules().lines:
        if pat.search(s) and (kind != "caption" or "摄" not in s[-3:] or len(s) <= 40 or s.startswith("图")):
            return kind
    kinds = token_kinds(s)
    if kinds and any(k != "name" for k in kinds):
        return next(k for k in kinds if k != "name")
    return None


def _is_name_line(line: str) -> bool:
    kinds = token_kinds(line.strip())
    return bool(kinds) and all(k == "name" for k in kinds) and len(line.strip()) <= 12 and "“" not in line


def furniture_lines(lines: List[str]) -> Dict[int, str]:
    """Which lines of a page are furniture: credits and captions anywhere, date and edition
    lines anywhere, and a paper's name standing over them at the top of the page."""
    found: Dict[int, str] = {}
    for i, ln in enumerate(lines):
        kind = furniture_kind(ln)
        if kind:
            found[i] = kind
    # the masthead: name-only lines at the top that stand over a furniture line
    top = [i for i, ln in enumerate(lines) if ln.strip()]
    for pos, i in enumerate(top):
        if i in found:
            continue
        if not _is_name_line(lines[i]):
            break
        nxt = top[pos + 1] if pos + 1 < len(top) else None
        if nxt is not None and (nxt in found or _is_name_line(lines[nxt])) and \
                any(found.get(j) in _DATED for j in top[pos + 1:pos + 4]):
            found[i] = "masthead"
        else:
            break
    return found


def page_date(lines: List[str]) -> Optional[str]:
    """The first full date written on furniture lines (ISO)."""
    for ln in lines:
        m = _YMD.search(ln)
        if m:
            y, mo, d = map(int, m.groups())
            if 1 <= mo <= 12 and 1 <= d <= 31:
                return f"{y:04d}-{mo:02d}-{d:02d}"
        m = re.search(r"([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日", ln)
        if m:
            y = int("".join(str(_CN[c]) for c in m.group(1)))
            return f"{y:04d}-{_cn_number(m.group(2)):02d}-{_cn_number(m.group(3)):02d}"
    return None


def _edition(lines: List[str]) -> Optional[str]:
    for ln in lines:
        for tok in ln.split():
            m = re.fullmatch(r"(第?[A-Za-z]?\d{1,3}版|第[一二三四五六七八九十]{1,3}版)(?:[:：].*)?|([A-Za-z]\d{1,2})", tok)
            if m:
                return page_label(m.group(1) or m.group(2))
    return None


def page_documents(doc: Document) -> List[Document]:
    """The pages of ``doc`` (split at form feeds), each without its furniture, with the page's
    date (when the input gave none) and page number in ``meta['page']``."""
    out: List[Document] = []
    start = 0
    parts = doc.text.split("\f")
    date = doc.date
    for n, part in enumerate(parts, 1):
        page = _clean_page(doc, part, start, n if len(parts) > 1 else None, date)
        date = page.date or date
        start += len(part) + 1
        if page.text.strip():
            out.append(page)
    return out


def _clean_page(doc: Document, part: str, start: int, number: Optional[int], date: Optional[str]) -> Document:
    lines = part.split("\n")
    found = furniture_lines(lines)
    furniture = [lines[i].strip() for i in sorted(found)]
    kept, segs, pos, src = [], [], 0, start
    for i, ln in enumerate(lines):
        if i not in found:
            kept.append(ln)
            if ln:
                segs.append(Segment(pos, pos + len(ln), "", src, src + len(ln)))
            pos += len(ln) + 1
        else:
            kept.append("")
            pos += 1
        src += len(ln) + 1
    text = "\n".join(kept)
    origin = OffsetMap(segs).then(doc.origin)
    meta = dict(doc.meta)
    if "original_text" in meta:  # the same lines of the text as written (Traditional)
        orig = meta["original_text"][start:start + len(part)].split("\n")
        meta["original_text"] = "\n".join("" if i in found else ln for i, ln in enumerate(orig))
    label = meta.get("page") or _edition(furniture) or (str(number) if number else None) or (
        str(meta["pdf_page"]) if meta.get("pdf_page") else None)
    meta.update(page=label, furniture=furniture)
    if not meta.get("source"):
        meta["source"] = _outlet(lines, found)
    return dataclasses.replace(doc, text=text, date=doc.date or page_date(furniture) or date,
                               origin=origin, meta=meta)


def _outlet(lines: List[str], found: Dict[int, str]) -> Optional[str]:
    """The paper's name: the masthead, or a paper's name on an edition line (``长兴新闻 2023年…``)."""
    for i in sorted(found):
        if found[i] == "masthead":
            return lines[i].strip()
    for i in sorted(found):
        for tok in lines[i].split():
            if re.fullmatch(r"[\u4e00-\u9fff]{2,8}(?:日报|晚报|时报|周报|快报|新闻|报)", tok):
                return tok
    return None


# --------------------------------------------------------------------------- jump lines

def trim_jump_out(text: str) -> Tuple[int, Optional[str]]:
    """Where a trailing ``（下转第二版）`` starts in ``text`` and the page it points to."""
    m = JUMP_OUT.search(text)
    if not m:
        return len(text), None
    return m.start(), page_label(m.group(1))


def trim_jump_in(text: str) -> Tuple[int, Optional[str]]:
    """Where the text after a leading ``（上接第一版）`` starts and the page it points back to."""
    m = JUMP_IN.match(text)
    if not m:
        return 0, None
    return m.end(), page_label(m.group(1))


def join_continuations(articles: list) -> list:
    """Join each article cut by a jump line to its continuation on a later page of the same file:
    the continuation whose page is the one pointed to, that points back to the article's page,
    preferring the one whose headline shares most with the article's."""
    used: set = set()
    joined: Dict[int, object] = {}
    for i, a in enumerate(articles):
        if not a.jump_to:
            continue
        cands = [b for b in articles[i + 1:] if b.jump_from and id(b) not in used
                 and (b.page is None or b.page == a.jump_to) and (a.page is None or b.jump_from == a.page)]
        if cands:
            best = max(cands, key=lambda b: _overlap(a.title, b.title))
            used.add(id(best))
            joined[id(a)] = _join(a, best)
    return [joined.get(id(a), a) for a in articles if id(a) not in used]


def _overlap(x: Optional[str], y: Optional[str]) -> float:
    if not x or not y:
        return 0.0
    return len(set(x) & set(y)) / max(1, len(set(x) | set(y)))


def _join(a, b):
    """Article ``a`` followed by the body of its continuation ``b`` (its repeated headline dropped);
    a sentence cut at the jump runs on without a line break."""
    from govkg.schema import article_id
    body = b.text[b.body_start:]
    sep = "\n" if _SENTENCE_END.search(a.text) or a.body_start >= len(a.text) else ""
    text = a.text + sep + body
    shift = len(a.text) + len(sep)
    parts = [(0, a.origin or OffsetMap()), (shift, crop(b.origin or OffsetMap(), b.body_start, len(b.text)))]
    bylines = list(a.bylines) + [(line, off - b.body_start + shift) for line, off in b.bylines]
    return dataclasses.replace(a, id=article_id(a.title or "", text), text=text, origin=join(parts),
                               bylines=bylines, jump_to=None, date=a.date or b.date)
