"""Training data for the learned parts: CLUENER2020 and the annotated corpus, read at run time.

Nothing here is committed text: CLUENER comes from the shared folder, the corpus texts
from the shared folder or the page cache (:mod:`govkg.corpus`). Each corpus item is read
exactly as govkg reads its input (:func:`item_articles`: read → layout → split), so that
training sees the same article text as extraction does.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Dict, Iterable, Iterator, List, Sequence, Tuple

from govkg.corpus import Item, entity_surfaces, mention_spans, shared_dir
from govkg.extract.features import fullwidth_punct
from govkg.extract.read import Document
from govkg.extract.split import Article, split_document

Span = Tuple[int, int, str]

#: CLUENER2020 label -> govkg mention label (book, game and movie are not kept)
CLUENER_LABELS = {"name": "PER", "position": "POS", "government": "ORG", "organization": "ORG",
                  "company": "ORG", "address": "LOC", "scene": "LOC"}
#: corpus mention type -> mention label
CORPUS_LABELS = {"Person": "PER", "Position": "POS", "Organization": "ORG", "Place": "LOC", "Meeting": "MTG"}

_SENT_END = re.compile(r"[。！？!?；;][”’」』]*|\n")


def cluener(path: Path = None, *, skip: re.Pattern = None) -> List[Tuple[str, List[Span]]]:
    """CLUENER2020 sentences with their spans (end exclusive), labels mapped by :data:`CLUENER_LABELS`.

    ``skip``: sentences it matches are left out (CLUENER has no meeting label, so a sentence
    naming a meeting would teach the tagger that meetings are nothing).
    """
    path = Path(path) if path else shared_dir() / "cluener" / "train.json"
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            rec = json.loads(line)
            text = rec["text"]
            if skip is not None and skip.search(text):
                continue
            spans = [(a, b + 1, CLUENER_LABELS[lab]) for lab, ents in (rec.get("label") or {}).items()
                     if lab in CLUENER_LABELS for offs in ents.values() for a, b in offs]
            out.append((text, sorted(spans)))
    return out


def item_document(item: Item) -> Document:
    """The input govkg reads for a corpus item, as a :class:`~govkg.extract.read.Document`."""
    if item.kind in ("page", "synthetic"):
        return Document(text=item.text or "", source=f"corpus:{item.id}", kind="page", date=item.date)
    return Document(text=item.text or "", source=f"corpus:{item.id}", kind="article", title=item.title,
                    date=item.date)


def item_articles(item: Item) -> List[Article]:
    """The articles govkg splits a corpus item into."""
    return split_document(item_document(item))


def article_spans(article: Article, surfaces: Dict[str, str]) -> List[Span]:
    """Mention spans in an article's text, labels mapped by :data:`CORPUS_LABELS`."""
    return [(s, e, CORPUS_LABELS[t]) for s, e, t in mention_spans(article.text, surfaces) if t in CORPUS_LABELS]


def sentences(text: str, spans: Sequence[Span]) -> Iterator[Tuple[str, List[Span]]]:
    """Cut a text into sentences (after 。！？； and at line ends) with the spans inside each, re-based.
    A span that crosses a sentence end keeps its sentence open until it ends."""
    start = 0
    spans = sorted(spans)
    for m in _SENT_END.finditer(text):
        end = m.end()
        if any(s < end < e for s, e, _ in spans):
            continue
        if text[start:end].strip():
            yield text[start:end], [(s - start, e - start, lab) for s, e, lab in spans if start <= s and e <= end]
        start = end
    if text[start:].strip():
        yield text[start:], [(s - start, e - start, lab) for s, e, lab in spans if s >= start]


def corpus_sequences(items: Iterable[Item]) -> List[Tuple[str, List[Span]]]:
    """Sentences of every article of the items, with their mention spans."""
    out = []
    for item in items:
        surfaces = entity_surfaces(item)
        for art in item_articles(item):
            spans = article_spans(art, surfaces)
            out.extend(sentences(fullwidth_punct(art.text), spans))  # as the tagger reads it; same offsets
    return out
