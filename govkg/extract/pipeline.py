"""read -> split -> nlp -> extract -> resolve, over files and folders.

:func:`extract_paths` yields one :class:`FileResult` per input file; a bad file
gives a result with its error and no articles, and the run goes on.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, List, Optional

from govkg.errors import GovkgError
from govkg.extract.guard import Guard, read_articles, skipped_ids, unique_articles
from govkg.extract.read import iter_input_files
from govkg.extract.resolve import dedupe_triples, resolve_file
from govkg.extract.split import Article
from govkg.extract.tokens import make_doc
from govkg.schema import CONTRACT_KEYS


@dataclass
class FileResult:
    path: Path
    articles: List[Article] = field(default_factory=list)
    triples: List[dict] = field(default_factory=list)   # every (triple, evidence) found
    errors: List[GovkgError] = field(default_factory=list)

    def unique_triples(self) -> List[dict]:
        """One line per distinct triple (first evidence kept, ``mentions`` counts the rest)."""
        return dedupe_triples(self.triples)


class Extractor:
    """The configured pipeline, built once and used for many files."""

    def __init__(self, *, segmenter: str = "pkuseg", year: Optional[int] = None, nlp=None,
                 guard: Optional[Guard] = None):
        from govkg.extract.nlp import make_nlp
        self.nlp = nlp or make_nlp(segmenter=segmenter, year=year)
        self.component = self.nlp.get_pipe("govkg_extractor")
        self.year = year
        self.guard = guard or Guard()
        self.nlp.max_length = max(self.nlp.max_length, self.guard.max_chars + 1)

    def extract_articles(self, articles: List[Article], errors: Optional[List[GovkgError]] = None) -> List[dict]:
        """Triples of the articles of one file: names first found with a post in any article
        of the file are known in all of them (one Person per name within a file).

        An article over its budget or whose extraction fails is left out with one error in
        ``errors`` (without a list, the first such error is raised); see :mod:`govkg.extract.guard`.
        """
        problems: List[GovkgError] = [] if errors is None else errors
        known: set = set()

        def tokens(art):
            doc = make_doc(self.nlp, art.text)  # nlp.make_doc, aligned in linear time for long texts
            bounds = {t.idx + len(t.text) for t in doc}
            known.update(p.name for p in self.component.finder.titled_people(doc.text, bounds))
            return doc

        def rules(art, doc):
            doc._.govkg_article = art
            doc._.govkg_known = known
            for _name, proc in self.nlp.pipeline:
                doc = proc(doc)
            return doc._.govkg_triples

        docs = [(a, self.guard.run(a, lambda a=a: tokens(a), problems)) for a in unique_articles(articles)]
        triples: List[dict] = []
        for art, doc in docs:
            found = None if doc is None else self.guard.run(art, lambda a=art, d=doc: rules(a, d), problems)
            triples.extend(self.guard.keep_contract(art, found or [], problems))
        if errors is None and problems:
            raise problems[0]
        return resolve_file(triples)

    def extract_file(self, path: Path) -> FileResult:
        res = FileResult(Path(path))
        res.articles, res.errors = read_articles(Path(path))
        if res.articles:
            res.triples = self.extract_articles(res.articles, res.errors)
            gone = skipped_ids(res.errors)
            res.articles = [a for a in res.articles if a.id not in gone]
        return res


def extract_paths(paths: Iterable, *, year: Optional[int] = None, segmenter: str = "pkuseg",
                  progress: Optional[Callable[[Path], None]] = None, extractor: Optional[Extractor] = None,
                  guard: Optional[Guard] = None) -> Iterator[FileResult]:
    """Extract triples from files and folders; one :class:`FileResult` per file, errors included
    (``guard``: the per-article budgets, :class:`govkg.extract.guard.Guard`)."""
    ex = None
    for path, err in iter_input_files(paths):
        if err is not None:
            yield FileResult(path, errors=[err])
            continue
        if ex is None:
            ex = extractor or Extractor(segmenter=segmenter, year=year, guard=guard)
        res = ex.extract_file(path)
        if progress:
            progress(path)
        yield res


def contract(triple: dict) -> dict:
    """The scorer's keys first, then provenance."""
    out = {k: triple[k] for k in CONTRACT_KEYS}
    out.update({k: v for k, v in triple.items() if k not in out})
    return out
