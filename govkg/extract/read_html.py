"""Saved web pages: the article's body, title, publication date, source and URL.

The body and the metadata come from trafilatura (boilerplate removal, ``og:``/``meta``
tags, htmldate for the date). The body is then found again in the page source, so every
character of it keeps its place in the HTML file (an entity such as ``&ldquo;`` is one piece).
A page without an article (an index, a navigation page) is refused in one line.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import List, Optional, Tuple

from govkg.errors import InputError
from govkg.extract.origin import InputText, OffsetMap, Segment
from govkg.extract.read import Document, _detect, _iso_date, chinese_ratio, read_file_bytes

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)
_INVISIBLE = {"script", "style", "noscript", "template", "svg", "head"}


def decode_html(data: bytes, name: str) -> str:
    """The page as text: its declared charset, else UTF-8, else detected (GBK pages are common)."""
    m = _CHARSET.search(data[:4096])
    for enc in ([m.group(1).decode("ascii").lower()] if m else []) + ["utf-8"]:
        enc = {"gb2312": "gb18030", "gbk": "gb18030"}.get(enc, enc)
        try:
            return data.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
    return _detect(data, name)


def read_html(path: Path) -> Tuple[List[Document], List[InputError]]:
    """One saved web page -> one article document (``kind='article'``)."""
    data = read_file_bytes(path)  # a regular file under the size limit, else one InputError
    if not data.strip():
        raise InputError(f"{path}: empty file, nothing to read")
    html = decode_html(data, str(path)).lstrip("\ufeff")
    meta = _extract(html, path)
    text = (meta.get("text") or "").strip()
    if len(re.findall(r"[\u4e00-\u9fff]", text)) < 30 or chinese_ratio(text) < 0.2 or not re.search(r"[。！？，]", text):
        raise InputError(f"{path}: no Chinese news article found in this web page (an index or navigation "
                         "page?); save the article's own page")
    stream = _visible_chars(html)
    origin = _locate(text, stream)
    title = (meta.get("title") or "").strip() or None
    doc_meta = {"input": InputText("html"), "source": meta.get("sitename") or meta.get("hostname")}
    if title:
        doc_meta["title_origin"] = _locate(title, stream)
    return [Document(text=text, source=str(path), kind="article", title=title, date=_iso_date(meta.get("date")),
                     url=meta.get("url"), meta=doc_meta, origin=origin)], []


def _extract(html: str, path: Path) -> dict:
    try:
        import trafilatura
    except ImportError as e:  # pragma: no cover - a dependency of govkg
        raise InputError("trafilatura is missing: pip install trafilatura (needed for web pages)") from e
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=True,
                                          deduplicate=False, favor_recall=True)
    except Exception as e:  # lxml and trafilatura raise many kinds of errors on broken markup
        raise InputError(f"{path}: cannot read the web page ({type(e).__name__}: {e})") from e
    if doc is None:
        return {}
    return doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)


class _Visible(HTMLParser):
    """Visible characters of a page with their source ranges (entities decoded, scripts skipped)."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=False)
        self.html = html
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", html)]
        self.chars: List[Tuple[str, int, int]] = []
        self.hidden = 0

    def _pos(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def handle_starttag(self, tag, attrs):
        if tag in _INVISIBLE:
            self.hidden += 1

    def handle_endtag(self, tag):
        if tag in _INVISIBLE and self.hidden:
            self.hidden -= 1

    def handle_data(self, data):
        if self.hidden:
            return
        start = self._pos()
        if self.html.startswith(data, start):
            self.chars.extend((c, start + i, start + i + 1) for i, c in enumerate(data))

    def _ref(self, text: str, raw: str):
        if self.hidden:
            return
        start = self._pos()
        end = self.html.find(";", start, start + len(raw) + 2)
        end = end + 1 if end >= 0 else start + len(raw)
        for c in text:
            self.chars.append((c, start, end))

    def handle_entityref(self, name):
        from html import unescape
        self._ref(unescape(f"&{name};"), f"&{name};")

    def handle_charref(self, name):
        from html import unescape
        self._ref(unescape(f"&#{name};"), f"&#{name};")


def _visible_chars(html: str) -> List[Tuple[str, int, int]]:
    p = _Visible(html)
    try:
        p.feed(html)
        p.close()
    except Exception:  # a broken page: keep what was read
        pass
    return p.chars


def _locate(text: str, stream: List[Tuple[str, int, int]]) -> OffsetMap:
    """Map each character of ``text`` (trafilatura's output) to its place in the page source:
    line by line, each line found as a whole in the page's visible text (spaces aside)."""
    dense_idx = [i for i, (c, _, _) in enumerate(stream) if not c.isspace()]
    dense = "".join(stream[i][0] for i in dense_idx)
    segs: List[Segment] = []
    cursor, pos = 0, 0
    for line in text.split("\n"):
        key = "".join(c for c in line if not c.isspace())
        k = dense.find(key, cursor) if key else -1
        if k < 0 and key:
            k = dense.find(key)
        if k >= 0:
            j, prev = k, None
            for i, c in enumerate(line):
                if c.isspace():  # a gap: the page's own space after the last character, if it has one
                    if prev is not None and prev + 1 < len(stream) and stream[prev + 1][0].isspace():
                        segs.append(Segment(pos + i, pos + i + 1, "", stream[prev + 1][1], stream[prev + 1][2]))
                    continue
                prev = dense_idx[j]
                _, a, b = stream[prev]
                segs.append(Segment(pos + i, pos + i + 1, "", a, b))
                j += 1
            cursor = j
        pos += len(line) + 1
    return _merge(segs)


def _merge(segs: List[Segment]) -> OffsetMap:
    out: List[Segment] = []
    for s in segs:
        last = out[-1] if out else None
        if last and last.uniform and s.uniform and last.end == s.start and last.src_end == s.src:
            out[-1] = Segment(last.start, s.end, "", last.src, s.src_end)
        else:
            out.append(s)
    return OffsetMap(out)


def page_source_of(doc: Document) -> Optional[str]:
    """The source string the offsets of an HTML document index (the decoded page)."""
    try:
        return decode_html(Path(doc.source).read_bytes(), doc.source).lstrip("\ufeff")
    except OSError:
        return None
