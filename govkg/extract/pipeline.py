"""read -> split -> nlp -> extract -> resolve, over files and folders.

:func:`extract_paths` yields one :class:`FileResult` per input file; a bad file
gives a result with its error and no articles, and the run goes on.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, List, Optional

from govkg.errors import GovkgError, InputError, InputNote
from govkg.extract.guard import Guard, one_line, skipped_ids, unique_articles
from govkg.extract.page import join_continuations
from govkg.extract.read import iter_input_files, read_path
from govkg.extract.resolve import dedupe_triples, resolve_file
from govkg.extract.script import check_script, extract_any_script, simplified_document
from govkg.extract.split import Article, split_document
from govkg.extract.tokens import make_doc
from govkg.schema import CONTRACT_KEYS


@dataclass
class FileResult:
    path: Path
    articles: List[Article] = field(default_factory=list)
    triples: List[dict] = field(default_factory=list)   # every (triple, evidence) found
    errors: List[GovkgError] = field(default_factory=list)
    notes: List[InputNote] = field(default_factory=list)   # input left out on purpose (not a failure)

    def unique_triples(self) -> List[dict]:
        """One line per distinct triple (first evidence kept, ``mentions`` counts the rest)."""
        return dedupe_triples(self.triples)


class Extractor:
    """The configured pipeline, built once and used for many files."""

    def __init__(self, *, segmenter: str = "pkuseg", year: Optional[int] = None, nlp=None,
                 model_dir: Optional[Path] = None, learned: bool = True, min_confidence: float = 0.0,
                 guard: Optional[Guard] = None):
        from govkg.extract.nlp import make_nlp
        self.nlp = nlp or make_nlp(segmenter=segmenter, year=year, model_dir=model_dir, learned=learned)
        self.min_confidence = min_confidence  # triples below this confidence are dropped
        self.component = self.nlp.get_pipe("govkg_extractor")
        self.year = year
        self.guard = guard or Guard()
        self.nlp.max_length = max(self.nlp.max_length, self.guard.max_chars + 1)

    def extract_articles(self, articles: List[Article], errors: Optional[List[GovkgError]] = None, *,
                         collect: Optional[list] = None) -> List[dict]:
        """Triples of the articles of one file: names first found with a post in any article
        of the file are known in all of them (one Person per name within a file).
        ``collect`` receives the role candidates (training the scorer).

        An article over its budget or whose extraction fails is left out with one error in
        ``errors`` (without a list, the first such error is raised); see :mod:`govkg.extract.guard`.
        """
        from govkg.extract.nlp import token_ends
        problems: List[GovkgError] = [] if errors is None else errors
        known: set = set()

        def tag(art):  # the mention tagger first, over every article of the file
            doc = make_doc(self.nlp, art.text)  # nlp.make_doc, aligned in linear time for long texts
            doc._.govkg_article = art
            for _name, proc in self.nlp.pipeline:
                if proc is not self.component:
                    doc = proc(doc)
            known.update(p.name for p in self.component.people(doc, token_ends(doc), art.text))
            return doc

        def rules(doc):
            doc._.govkg_known = known
            doc._.govkg_candidates = collect
            return self.component(doc)._.govkg_triples

        docs = [(a, self.guard.run(a, lambda a=a: tag(a), problems)) for a in unique_articles(articles)]
        triples: List[dict] = []
        for art, doc in docs:
            found = None if doc is None else self.guard.run(art, lambda d=doc: rules(d), problems)
            triples.extend(self.guard.keep_contract(art, found or [], problems))
        if errors is None and problems:
            raise problems[0]
        return resolve_file([t for t in triples if t.get("confidence", 1.0) >= self.min_confidence])

    def extract_file(self, path: Path) -> FileResult:
        return self._extract_read(Path(path), Path(path))

    def extract_chunk(self, chunk: "Chunk") -> FileResult:
        """Triples of one part of an input file (see :class:`Chunk`); ``path`` is the whole file's."""
        if chunk.end is None and chunk.start == 0 and chunk.data is None:  # a whole local file: read as a file
            return self._extract_read(Path(chunk.path), Path(chunk.path))
        return self._extract_read(Path(chunk.path), _ChunkFile(chunk))

    def _extract_read(self, path: Path, source) -> FileResult:
        """Read, split and extract one input; a bad document or article is one error, the rest goes on."""
        res = FileResult(path)
        try:
            docs, errors = read_path(source)
        except GovkgError as e:
            res.errors.append(e)
            return res
        except Exception as e:  # anything else a file can provoke is still one line about that file
            res.errors.append(InputError(f"{path}: cannot read ({one_line(e)})"))
            return res
        if isinstance(source, _ChunkFile):
            source.check(docs)
        res.errors.extend(errors)
        for d in docs:
            res.articles.extend(self._split(d, res.errors))
        res.articles = unique_articles(join_continuations(res.articles))
        if res.articles:
            found = extract_any_script(lambda arts: self.extract_articles(arts, res.errors), res.articles)
            res.triples = locate(found, res.articles)
            gone = skipped_ids(res.errors)
            res.articles = [a for a in res.articles if a.id not in gone]
        return res

    @staticmethod
    def _split(doc, errors: List[GovkgError]) -> List[Article]:
        try:
            check_script(doc.text, doc.source)
            return split_document(simplified_document(doc))
        except GovkgError as e:
            errors.append(e)
        except Exception as e:
            errors.append(InputError(f"{doc.source}: cannot split into articles ({one_line(e)}); skipped"))
        return []


def extract_paths(paths: Iterable, *, year: Optional[int] = None, segmenter: str = "pkuseg",
                  progress: Optional[Callable[[Path], None]] = None, extractor: Optional[Extractor] = None,
                  min_confidence: float = 0.0, guard: Optional[Guard] = None) -> Iterator[FileResult]:
    """Extract triples from files and folders; one :class:`FileResult` per file, errors included.
    Triples whose ``confidence`` is below ``min_confidence`` are left out; ``guard``: the
    per-article budgets, :class:`govkg.extract.guard.Guard`."""
    ex = None
    for path, err in iter_input_files(paths):
        if isinstance(err, InputNote):
            yield FileResult(path, notes=[err])
            continue
        if err is not None:
            yield FileResult(path, errors=[err])
            continue
        if ex is None:
            ex = extractor or Extractor(segmenter=segmenter, year=year, min_confidence=min_confidence, guard=guard)
        res = ex.extract_file(path)
        if progress:
            progress(path)
        yield res


def locate(triples: List[dict], articles: List[Article]) -> List[dict]:
    """Exact evidence offsets (``text[start:end] == evidence``) and where the evidence is in the
    input the user gave (see :meth:`Article.input_fields`)."""
    by_id = {a.id: a for a in articles}
    for t in triples:
        art = by_id.get(t.get("article_id"))
        if art is None or t.get("start") is None:
            continue
        s, e = t["start"], t["end"]
        seg = art.text[s:e]
        s, e = s + len(seg) - len(seg.lstrip()), s + len(seg.rstrip())
        t["start"], t["end"] = s, e
        t.update(art.input_fields(s, e))
    return triples


def contract(triple: dict) -> dict:
    """The scorer's keys first, then provenance."""
    out = {k: triple[k] for k in CONTRACT_KEYS}
    out.update({k: v for k, v in triple.items() if k not in out})
    return out


# ----------------------------------------------------------------------------- chunks (issue 10)

@dataclass(frozen=True)
class Chunk:
    """A part of an input file, the unit of work of ``--workers`` and ``--dask``.

    ``end is None``: the whole file. Otherwise bytes ``[start, end)`` of a JSON Lines
    file, whole lines, the first of which is line ``first_line``; names are then known
    across the articles of the chunk (as across the articles of one page). ``data``
    carries the bytes to a worker that cannot read the file (a remote Dask worker).
    """

    path: str
    start: int = 0
    end: Optional[int] = None
    first_line: int = 1
    data: Optional[bytes] = None

    def read(self) -> bytes:
        if self.data is not None:
            return self.data
        with open(self.path, "rb") as fh:
            if self.end is None:
                return fh.read()
            fh.seek(self.start)
            return fh.read(self.end - self.start)

    def with_data(self) -> "Chunk":
        """The same chunk carrying its bytes."""
        return Chunk(self.path, self.start, self.end, self.first_line, self.read())


class _ChunkFile:
    """A chunk as :func:`~govkg.extract.read.read_path` sees a file: its name and suffix, and its
    bytes behind ``first_line - 1`` empty lines, so JSON Lines records keep their line numbers."""

    def __init__(self, chunk: Chunk):
        self.chunk = chunk
        self.suffix = Path(chunk.path).suffix
        self.name = Path(chunk.path).name

    def __str__(self) -> str:
        return self.chunk.path

    __fspath__ = __str__

    def is_file(self) -> bool:
        return Path(self.chunk.path).is_file()

    def read_bytes(self) -> bytes:
        try:
            data = self.chunk.read()
        except OSError as e:
            raise InputError(f"{self.chunk.path}: cannot read ({e.strerror or e})") from e
        self.lines = data.count(b"\n") + (not data.endswith(b"\n"))
        return b"\n" * (self.chunk.first_line - 1) + data

    def check(self, docs) -> None:
        """Every record read must come from the chunk's own lines."""
        if self.chunk.end is None:
            return
        lo, hi = self.chunk.first_line, self.chunk.first_line + getattr(self, "lines", 0)
        for d in docs:
            line = int(str(d.source).rsplit("#", 1)[-1])
            if not lo <= line < hi:
                raise RuntimeError(f"{self.chunk.path}: chunk of lines {lo}-{hi - 1} read line {line}; "
                                   "govkg.extract.read no longer reads through read_bytes()")
