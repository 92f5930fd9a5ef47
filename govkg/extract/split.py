"""Page -> articles.

A newspaper page holds several articles. One starts at a headline group or a
dateline (``本报讯``, ``新华社…电``) and ends with its byline (``记者 张改华``,
``通讯员 左学彬 周祎``). Each article keeps its headline and subheading and gets a
stable id, a content hash (:func:`govkg.schema.article_id`).
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import List, Optional, Tuple

from govkg.extract.layout import Block, blocks, is_dateline, squeeze
from govkg.extract.origin import AlignmentError, InputText, OffsetMap, align, crop, input_fields, join
from govkg.extract.page import page_documents, trim_jump_in, trim_jump_out
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
    origin: Optional[OffsetMap] = None        # each character of ``text`` -> its place in the input
    input: Optional[InputText] = None         # what those places index (text file, record, HTML, PDF page)
    page: Optional[str] = None                # the page number the page gives (``2``, ``A2``)
    outlet: Optional[str] = None              # the paper or site: a masthead, a page's site name, a record's source
    jump_to: Optional[str] = None             # continued on that page (``（下转第二版）``)
    jump_from: Optional[str] = None           # continued from that page (``（上接第一版）``)

    @cached_property
    def name(self) -> str:
        """The article as an entity: its title, or the first 20 characters of its body, or its id
        (never blank; computed once, as each byline asks for it)."""
        if self.title and self.title.strip():
            return re.sub(r"\s*[\n\t\v\f]\s*", " ", self.title.strip())  # a title of several lines is one name
        body = _DATELINE_HEAD.sub("", re.sub(r"^\s*[◆■●]\s*", "", self.text[self.body_start:]), count=1)
        return re.sub(r"\s+", "", body)[:20] or re.sub(r"\s+", "", self.text)[:20] or self.id

    def input_fields(self, start: int, end: int) -> dict:
        """Where ``text[start:end]`` is in the input: see :func:`govkg.extract.origin.input_fields`."""
        return input_fields(self.origin, self.input, start, end)

    def to_dict(self) -> dict:
        return {"id": self.id, "title": self.title, "subtitle": self.subtitle, "name": self.name,
                "date": self.date, "source": self.source, "url": self.url, "file": self.file,
                "text": self.text}


Part = Tuple[Block, OffsetMap]


def _mapped(doc: Document, bs: List[Block]) -> List[Part]:
    """Each block with the map of its characters into the input."""
    out, at = [], 0
    original = doc.meta.get("original_text")  # a Traditional text: blocks are cut from it
    for b in bs:
        try:
            m, at = align(b.text, doc.text, at)
        except AlignmentError:  # a layout step that is not a deletion: no input offsets for this block
            out.append((b, OffsetMap()))
            continue
        if original is not None:
            b = Block(b.kind, "".join(original[i:j] for _, i, j in m.pieces(0, len(b.text))))
        out.append((b, m.then(doc.origin)))
    return out


def _assemble(parts: List[Part], doc: Document, title: Optional[str] = None) -> Article:
    heads: List[Part] = [p for p in parts if p[0].kind == "headline"]
    if title:
        m, _ = align(squeeze(title), title, 0, field="title")
        m = m.then(doc.meta.get("title_origin"))  # a web page's title: where the page has it
        heads = [(Block("headline", squeeze(title)), m)] + heads
    body = [p for p in parts if p[0].kind != "headline"]
    pieces, bylines, pos = [], [], 0
    for b, m in heads + body:
        if b.kind == "byline":
            bylines.append((b.text, pos))
        pieces.append((pos, m))
        pos += len(b.text) + 1
    text = "\n".join(b.text for b, _ in heads + body)
    hl = [b.text for b, _ in heads]
    body_start = sum(len(h) + 1 for h in hl) if body else len(text)
    ttl = hl[0] if hl else None
    sub = " ".join(hl[1:]) or None
    return Article(id=article_id(ttl or "", text), title=ttl, subtitle=sub, text=text, date=doc.date,
                   source=doc.source, url=doc.url, file=doc.source.split("#")[0],
                   body_start=body_start, bylines=bylines, origin=join(pieces),
                   input=doc.meta.get("input") or InputText("jsonl" if doc.kind == "article" else "text"),
                   page=doc.meta.get("page"), outlet=doc.meta.get("source"))


def split_document(doc: Document) -> List[Article]:
    """Split a page into its articles; a JSON Lines record is one article already. A text of
    several pages (form feeds) gives the articles of each page, furniture left out.

    Control characters and lone surrogates are cleaned first (:func:`~govkg.extract.read.clean_text`,
    character for character, so every character keeps its place in the input): the articles' text
    is what triples' offsets refer to."""
    doc = _cleaned(doc)
    if doc.kind == "article":
        bs = blocks(doc.text)
        return [_assemble(_mapped(doc, bs), doc, title=doc.title)] if bs else []
    out: List[Article] = []
    for page in page_documents(doc):
        parts = _mapped(page, blocks(page.text, headlines=page.meta.get("headlines", ())))
        for g in _groups(parts):
            g, jump_to, jump_from = _trim_jumps(g)
            if any(b.kind != "byline" for b, _ in g):
                art = _assemble(g, page)
                art.jump_to, art.jump_from = jump_to, jump_from
                out.append(art)
    return out


def _cleaned(doc: Document) -> Document:
    """``doc`` with its text (and title, and a Traditional page's text as written) cleaned; a
    page's form feeds stay, as they end its pages (:func:`~govkg.extract.page.page_documents`)."""
    def clean(text: str) -> str:
        return clean_text(text) if doc.kind == "article" else "\f".join(map(clean_text, text.split("\f")))

    meta = doc.meta
    if meta.get("original_text") is not None:
        meta = dict(meta, original_text=clean(meta["original_text"]))
    return dataclasses.replace(doc, text=clean(doc.text), title=clean_text(doc.title) if doc.title else doc.title,
                               meta=meta)


def _groups(parts: List[Part]) -> List[List[Part]]:
    """Blocks -> articles: one starts at a headline group or a dateline and ends with its byline."""
    groups: List[List[Part]] = []
    cur: Optional[List[Part]] = None
    closed = False
    for part in parts:
        b = part[0]
        has_body = cur is not None and any(x.kind in ("para", "dateline") for x, _ in cur)
        if b.kind in ("headline", "dateline"):
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
        cur.append(part)
    return [g for g in groups if any(b.kind != "byline" for b, _ in g)]


def _trim_jumps(g: List[Part]) -> Tuple[List[Part], Optional[str], Optional[str]]:
    """Take out a trailing ``（下转第二版）`` and a leading ``（上接第一版）``; return the pages they name."""
    g = list(g)
    jump_to = jump_from = None
    body = [i for i, (b, _) in enumerate(g) if b.kind in ("para", "dateline")]
    if body:
        i = body[-1]
        b, m = g[i]
        cut, jump_to = trim_jump_out(b.text)
        if jump_to:
            g[i] = (Block(b.kind, b.text[:cut].rstrip()), crop(m, 0, len(b.text[:cut].rstrip())))
        i = body[0]
        b, m = g[i]
        cut, jump_from = trim_jump_in(b.text)
        if jump_from:
            g[i] = (Block(b.kind, b.text[cut:]), crop(m, cut, len(b.text)))
    return [(b, m) for b, m in g if b.text or b.kind == "headline"], jump_to, jump_from


__all__ = ["Article", "split_document", "is_dateline"]
