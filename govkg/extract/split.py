"""Page -> articles.

A newspaper page holds several articles. One starts at a headline group or a
dateline (``本报讯``, ``新华社…电``) and ends with its byline (``记者 张改华``,
``通讯员 左学彬 周祎``). Each article keeps its headline and subheading and gets a
stable id, a content hash (:func:`govkg.schema.article_id`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import List, Optional

from govkg.extract.layout import Block, blocks, is_dateline, squeeze
from govkg.extract.read import Document, clean_text
from govkg.schema import article_id

_DATELINE_HEAD = re.compile(r"^\s*[◆■●]?\s*(?:[\u4e00-\u9fff]{2,12}?\d{1,2}月\d{1,2}日[讯电]|本[报网台]讯|[\u4e00-\u9fff]{1,8}网讯|本报[^\n，。]{0,12}?[讯电]|新华社[^\n，。]{0,14}?电|\*{0,2}央视网消息\*{0,2}"
                            r"(?:（[^）]{0,10}）)?)[:：\s]*(?:[（(][^）)]{0,40}[）)])?[:：\s]*")


@dataclass
class Article:
    """One article: its text (headline lines, body paragraphs, byline lines, joined by newlines)."""

    id: str
    title: Optional[str]
    subtitle: Optional[str]
    text: str
    date: Optional[str] = None
    source: str = ""
    url: Optional[str] = None
    file: str = ""
    body_start: int = 0                       # offset of the first body paragraph in ``text``
    bylines: List[tuple] = field(default_factory=list)   # (line text, offset in text)

    @cached_property
    def name(self) -> str:
        """The article as an entity: its title, or the first 20 characters of its body, or its id
        (never blank; computed once, as each byline asks for it)."""
        if self.title and self.title.strip():
            return re.sub(r"\s*[\n\t\v\f]\s*", " ", self.title.strip())  # a title of several lines is one name
        body = _DATELINE_HEAD.sub("", re.sub(r"^\s*[◆■●]\s*", "", self.text[self.body_start:]), count=1)
        return re.sub(r"\s+", "", body)[:20] or re.sub(r"\s+", "", self.text)[:20] or self.id

    def to_dict(self) -> dict:
        return {"id": self.id, "title": self.title, "subtitle": self.subtitle, "name": self.name,
                "date": self.date, "source": self.source, "url": self.url, "file": self.file,
                "text": self.text}


def _assemble(parts: List[Block], doc: Document, title: Optional[str] = None) -> Article:
    heads = [b.text for b in parts if b.kind == "headline"]
    if title:
        heads = [squeeze(title) if len(title) > 0 else title] + heads
    lines, bylines, offset = [], [], 0
    body_start = None
    for b in parts:
        if b.kind == "headline":
            continue
        if body_start is None:
            body_start = sum(len(h) + 1 for h in heads)
        if b.kind == "byline":
            bylines.append((b.text, body_start + offset))
        lines.append(b.text)
        offset += len(b.text) + 1
    text = "\n".join(heads + lines)
    ttl = heads[0] if heads else None
    sub = " ".join(heads[1:]) or None
    return Article(id=article_id(ttl or "", text), title=ttl, subtitle=sub, text=text, date=doc.date,
                   source=doc.source, url=doc.url, file=doc.source.split("#")[0],
                   body_start=body_start if body_start is not None else len(text), bylines=bylines)


def split_document(doc: Document) -> List[Article]:
    """Split a page into its articles; a JSON Lines record is one article already.

    Control characters and lone surrogates are cleaned first (:func:`~govkg.extract.read.clean_text`):
    the articles' text is what triples' offsets refer to."""
    bs = blocks(clean_text(doc.text))
    if doc.kind == "article":
        return [_assemble(bs, doc, title=clean_text(doc.title) if doc.title else doc.title)] if bs else []
    groups: List[List[Block]] = []
    cur: Optional[List[Block]] = None
    closed = False
    for b in bs:
        has_body = cur is not None and any(x.kind in ("para", "dateline") for x in cur)
        if b.kind == "headline":
            if cur is None or has_body or closed:
                cur, closed = [], False
                groups.append(cur)
        elif b.kind == "dateline":
            if cur is None or has_body or closed:
                cur, closed = [], False
                groups.append(cur)
        elif b.kind == "byline":
            if cur is None:
                cur = []
                groups.append(cur)
            closed = has_body  # a byline under the headline opens the article, one after the body ends it
        else:
            if cur is None or closed:
                cur, closed = [], False
                groups.append(cur)
        cur.append(b)
    return [_assemble(g, doc) for g in groups if any(x.kind != "byline" for x in g)]


__all__ = ["Article", "split_document", "is_dateline"]
