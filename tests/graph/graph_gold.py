"""Extraction results made from a gold file, with fake provenance (tests and bench).

``gold_file_result`` returns an object shaped like ``govkg.extract.pipeline.FileResult``
(``path``, ``articles``, ``triples``, ``errors``), so the graph code can be tested
before and independently of the extractor: switching to the real one is
``extract_paths([path])`` in place of ``[gold_file_result(path)]``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional

from govkg.schema import article_id, normalize_name

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_TXT = ROOT / "examples" / "erqi-2020-11.txt"
EXAMPLE_GOLD = ROOT / "examples" / "erqi-2020-11.gold.jsonl"


@dataclass
class FakeArticle:
    id: str
    title: str
    subtitle: Optional[str]
    date: Optional[str]
    source: str
    url: Optional[str]
    file: str
    text: str


@dataclass
class FakeFileResult:
    path: Path
    articles: List[FakeArticle] = field(default_factory=list)
    triples: List[dict] = field(default_factory=list)
    errors: list = field(default_factory=list)


def _evidence(text: str, name: str):
    """The sentence of ``text`` holding ``name`` (spaces ignored), with its offsets."""
    flat = "".join(ch for ch in text if not ch.isspace())
    key = normalize_name(name)[:6]
    pos = flat.find(key) if key else -1
    if pos < 0:
        return text[:30], 0, min(30, len(text))
    # map the flat offset back to the text
    seen, i = 0, 0
    while i < len(text) and seen < pos:
        seen += not text[i].isspace()
        i += 1
    start = max(text.rfind("。", 0, i) + 1, 0)
    end = text.find("。", i)
    end = len(text) if end < 0 else end + 1
    return text[start:end], start, end


def gold_file_result(txt: Path = EXAMPLE_TXT, gold: Path = EXAMPLE_GOLD, *,
                     copy: Optional[int] = None, path: Optional[Path] = None) -> FakeFileResult:
    """A FileResult from a gold file: one article per REPORTED title, the rest in the first.

    ``copy=k`` gives every article a distinct id (title suffixed ``#k`` before
    hashing), so repeated copies make distinct relationships.
    """
    import json
    text = Path(txt).read_text(encoding="utf-8")
    triples = [json.loads(line) for line in Path(gold).read_text(encoding="utf-8").splitlines() if line.strip()]
    titles = []
    for t in triples:
        if t["predicate"] == "REPORTED" and t["object"] not in titles:
            titles.append(t["object"])
    if not titles:
        titles = ["".join(text.split())[:20]]
    suffix = "" if copy is None else f"#{copy}"
    if path is None and copy is not None:
        path = Path(f"{txt}#copy{copy}")   # no such file: copies are not skipped as one input
    src = str(path or txt)
    arts = {}
    for n, title in enumerate(titles):
        body = text if n == 0 else title
        arts[title] = FakeArticle(article_id(title + suffix, body), title, None, None, src, None, src, body)
    first = arts[titles[0]]
    out = []
    for n, t in enumerate(triples):
        art = arts.get(t["object"], first) if t["predicate"] == "REPORTED" else first
        name = t["object"] if t["object_type"] in ("Meeting", "Place") else t["subject"]
        ev, start, end = _evidence(art.text, name)
        out.append(dict(t, article_id=art.id, evidence=ev, start=start, end=end,
                        rule=f"gold:{t['predicate'].lower()}", confidence=1.0, source=f"{src}#{n + 1}"))
    return FakeFileResult(Path(path or txt), list(arts.values()), out, [])
