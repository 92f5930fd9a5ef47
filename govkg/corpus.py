"""The annotated development corpus: annotation in the repository, texts read from ``../shared``
or from a local page cache at run time.

Third-party text is never committed. Each article of the corpus is one JSON file,
``corpus/<set>/<id>.json``::

    {"id": "lp-a01",
     "source": {"kind": "shared", "file": "xwlb-cctv-2/articles.jsonl", "id": "xwlb2-20220104-000"}
            |  {"kind": "page", "url": "http://…", "query": "…", "sha1": "…"},
     "meta": {"province": "河南", "locality": "郑州市二七区", "level": "district",
              "date": "2020-11-20", "outlet": "county paper", "batch": "pages-1", "annotator": "A"},
     "triples": [{"subject": …, "subject_type": …, "predicate": …, "object": …, "object_type": …}],
     "mentions": [{"type": "Person", "text": "王升建"}, …],
     "notes": "doubtful decisions"}

A ``shared`` text is the record of that id in the JSON Lines file under the shared folder
(``$GOVKG_SHARED``, default ``../shared/eval-candidates`` beside the repository); it is
given to govkg as a one-line ``NAME.jsonl`` (title, ISO date, text). A ``page`` text is
``$GOVKG_PAGES/<id>.txt`` (default ``~/.cache/govkg/pages``), the page as it was read,
checked against ``sha1``; it is given to govkg as ``NAME.txt``. A ``synthetic`` text was written
for govkg (no third-party text): it is committed beside its annotation as ``<id>.txt``.

Mentions are listed by surface; :func:`mention_spans` finds their character offsets
(every occurrence, longest first, without overlaps), which the learned parts train on.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterable, Iterator, List, Optional, Tuple

from govkg.errors import GovkgError
from govkg.schema import CONTRACT_KEYS, PREDICATES

REPO = Path(__file__).resolve().parent.parent
MENTION_TYPES = ("Person", "Position", "Organization", "Meeting", "Place", "Project", "Date")
_DATE = re.compile(r"^(?:\d{4}|-)-\d\d-\d\d$")
_SPACE = re.compile(r"[\s\u3000]")


class CorpusError(GovkgError):
    """An annotation file is malformed, or the text it names cannot be found."""

    exit_code = 2


def shared_dir() -> Path:
    """The shared evaluation candidates: ``$GOVKG_SHARED`` or ``../shared/eval-candidates``."""
    env = os.environ.get("GOVKG_SHARED")
    return Path(env) if env else REPO.parent / "shared" / "eval-candidates"


def pages_dir() -> Path:
    """The local cache of page texts read with the search tool: ``$GOVKG_PAGES`` or ``~/.cache/govkg/pages``."""
    env = os.environ.get("GOVKG_PAGES")
    if env:
        return Path(env)
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "govkg" / "pages"


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


@dataclass
class Item:
    """One annotated article: annotation plus (once resolved) its text."""

    path: Path
    id: str
    source: dict
    meta: dict = field(default_factory=dict)
    triples: List[dict] = field(default_factory=list)
    mentions: List[dict] = field(default_factory=list)
    notes: str = ""
    title: Optional[str] = None
    date: Optional[str] = None
    text: Optional[str] = None       # the body (shared) or the whole page (page)

    @property
    def kind(self) -> str:
        return self.source.get("kind", "")

    @property
    def full_text(self) -> str:
        """What govkg reads: the title, a line break, then the text (the guideline's article)."""
        return f"{self.title}\n{self.text}" if self.title else (self.text or "")

    def input_record(self) -> Tuple[str, str]:
        """``(suffix, content)`` of the input file govkg is given for this item."""
        if self.kind in ("page", "synthetic"):
            return ".txt", self.text or ""
        rec = {"title": self.title or "", "date": self.date, "text": self.text or "",
               "source": f"{self.source.get('file')}#{self.source.get('id')}"}
        return ".jsonl", json.dumps(rec, ensure_ascii=False) + "\n"


_SHARED_CACHE: Dict[Path, Dict[str, dict]] = {}


def _shared_record(file: str, rid: str) -> dict:
    path = shared_dir() / file
    if path not in _SHARED_CACHE:
        if not path.exists():
            raise CorpusError(f"{path}: shared text not found; set GOVKG_SHARED to the eval-candidates folder")
        recs = {}
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    r = json.loads(line)
                    recs[str(r.get("id"))] = r
        _SHARED_CACHE[path] = recs
    rec = _SHARED_CACHE[path].get(rid)
    if rec is None:
        raise CorpusError(f"{path}: no record with id {rid!r}")
    return rec


def _iso(d) -> Optional[str]:
    d = str(d or "")
    m = re.match(r"^(\d{4})-?(\d\d)-?(\d\d)", d)
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else None


def load_item(path: Path, *, with_text: bool = True) -> Item:
    """Read one annotation file (and its text unless ``with_text=False``).

    Raises
    ------
    CorpusError
        When the file is not valid annotation, or its text is missing or changed.
    """
    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise CorpusError(f"{path}: not a readable annotation file ({e})") from e
    if not isinstance(raw, dict) or "id" not in raw or "source" not in raw:
        raise CorpusError(f"{path}: needs at least 'id' and 'source'")
    item = Item(path=path, id=str(raw["id"]), source=dict(raw["source"]), meta=dict(raw.get("meta") or {}),
                triples=list(raw.get("triples") or []), mentions=list(raw.get("mentions") or []),
                notes=str(raw.get("notes") or ""))
    if with_text:
        resolve_text(item)
    return item


def resolve_text(item: Item) -> Item:
    """Fill ``title``, ``date`` and ``text`` from the shared folder or the page cache."""
    src = item.source
    if item.kind == "shared":
        rec = _shared_record(src["file"], str(src["id"]))
        item.title, item.text = rec.get("title") or None, rec.get("text") or ""
        item.date = _iso(rec.get("date")) or item.meta.get("date")
    elif item.kind == "page":
        p = pages_dir() / f"{item.id}.txt"
        if not p.exists():
            raise CorpusError(f"{p}: page text not cached; read {src.get('url')} again with the search tool "
                              f"(query: {src.get('query')!r}) and save it there")
        item.text = p.read_text(encoding="utf-8")
        if src.get("sha1") and sha1(item.text) != src["sha1"]:
            raise CorpusError(f"{p}: text differs from the annotated one (sha1 {sha1(item.text)[:12]} "
                              f"!= {src['sha1'][:12]}); offsets would not hold")
        item.date = item.meta.get("date")
    elif item.kind == "synthetic":
        p = item.path.with_suffix(".txt")
        if not p.exists():
            raise CorpusError(f"{p}: the text of this written-for-govkg article is missing")
        item.text = p.read_text(encoding="utf-8")
        item.date = item.meta.get("date")
    else:
        raise CorpusError(f"{item.path}: source kind must be 'shared', 'page' or 'synthetic', not {item.kind!r}")
    return item


def is_corpus_path(path: Path) -> bool:
    """True for an annotation file or a folder holding annotation files (and no scorer gold files)."""
    path = Path(path)
    if path.is_file():
        return path.suffix == ".json"
    return path.is_dir() and not any(path.glob("*.gold.jsonl")) and any(path.rglob("*.json"))


def iter_items(paths: Iterable, *, with_text: bool = True) -> Iterator[Item]:
    """Annotation files under the given files or folders, in sorted order."""
    for p in paths:
        p = Path(p)
        files = sorted(p.rglob("*.json")) if p.is_dir() else [p]
        for f in files:
            yield load_item(f, with_text=with_text)


def check_item(item: Item) -> List[str]:
    """Problems with one annotation, as lines (empty when it is sound).

    Checks the five keys and the types of each predicate, ISO dates, that every
    name occurs in the text (spaces removed), duplicate lines, and mention types.
    """
    problems = []
    flat = _SPACE.sub("", item.full_text)
    seen = set()
    for i, t in enumerate(item.triples):
        where = f"triple {i + 1}"
        if set(t) != set(CONTRACT_KEYS):
            problems.append(f"{where}: keys must be exactly {', '.join(CONTRACT_KEYS)}")
            continue
        pred = t["predicate"]
        if pred not in PREDICATES:
            problems.append(f"{where}: unknown predicate {pred!r}")
            continue
        if (t["subject_type"], t["object_type"]) != PREDICATES[pred]:
            problems.append(f"{where}: {pred} takes {PREDICATES[pred][0]} -> {PREDICATES[pred][1]}")
        key = tuple(t[k] for k in CONTRACT_KEYS)
        if key in seen:
            problems.append(f"{where}: duplicate of an earlier line")
        seen.add(key)
        for k, typ in (("subject", "subject_type"), ("object", "object_type")):
            v = str(t[k] or "")
            if not v.strip():
                problems.append(f"{where}: empty {k}")
            elif t[typ] == "Date":
                if not _DATE.match(v):
                    problems.append(f"{where}: date {v!r} is not YYYY-MM-DD or --MM-DD")
            elif t[typ] == "Article":
                continue
            elif not _occurs(_SPACE.sub("", v), flat, t[typ]):
                problems.append(f"{where}: {k} {v!r} does not occur in the text")
    for j, m in enumerate(item.mentions):
        if m.get("type") not in MENTION_TYPES:
            problems.append(f"mention {j + 1}: type {m.get('type')!r} not one of {', '.join(MENTION_TYPES)}")
        elif not m.get("text") or _SPACE.sub("", m["text"]) not in flat:
            problems.append(f"mention {j + 1}: {m.get('text')!r} does not occur in the text")
    return problems


def _occurs(name: str, flat: str, typ: str) -> bool:
    """A name occurs in the text; a Meeting may also be its convening body (in the text) put before
    a span of the text (the guideline's ``第五次会议`` -> ``县十七届人大常委会第五次会议``)."""
    if name in flat:
        return True
    return typ == "Meeting" and any(name[:k] in flat and name[k:] in flat and len(name) - k >= 2
                                    for k in range(2, len(name) - 1))


def entity_surfaces(item: Item) -> Dict[str, str]:
    """Every annotated surface and its type: the triples' names and the listed mentions."""
    out: Dict[str, str] = {}
    for t in item.triples:
        for k, typ in (("subject", "subject_type"), ("object", "object_type")):
            if t.get(typ) not in ("Date", "Article") and t.get(k):
                out.setdefault(str(t[k]), t[typ])
    for m in item.mentions:
        if m.get("text") and m.get("type") in MENTION_TYPES and m["type"] != "Date":
            out.setdefault(str(m["text"]), m["type"])
    return out


def mention_spans(text: str, surfaces: Dict[str, str]) -> List[Tuple[int, int, str]]:
    """Character spans ``(start, end, type)`` of every occurrence of the surfaces in ``text``:
    longest first, no overlaps, spaces inside the text tolerated (``勤劳街 3号院``).

    >>> mention_spans("区委书记陈红民说，陈红民", {"陈红民": "Person", "区委书记": "Position"})
    [(0, 4, 'Position'), (4, 7, 'Person'), (9, 12, 'Person')]
    """
    taken = [False] * len(text)
    out = []
    for surf in sorted(surfaces, key=len, reverse=True):
        chars = _SPACE.sub("", surf)
        if not chars:
            continue
        pat = re.compile(r"[ \u3000]*".join(re.escape(c) for c in chars))
        for m in pat.finditer(text):
            s, e = m.span()
            if any(taken[s:e]):
                continue
            for k in range(s, e):
                taken[k] = True
            out.append((s, e, surfaces[surf]))
    return sorted(out)


def materialize(items: Iterable[Item], out_dir: Path) -> int:
    """Write ``NAME.txt|jsonl`` + ``NAME.gold.jsonl`` for each item (the scorer's layout); returns the count."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    n = 0
    for item in items:
        suffix, content = item.input_record()
        (out_dir / f"{item.id}{suffix}").write_text(content, encoding="utf-8")
        gold = "".join(json.dumps({k: t[k] for k in CONTRACT_KEYS}, ensure_ascii=False) + "\n" for t in item.triples)
        (out_dir / f"{item.id}.gold.jsonl").write_text(gold, encoding="utf-8")
        n += 1
    return n


def _main(argv: List[str]) -> int:
    import sys
    if len(argv) < 2 or argv[0] not in ("check", "materialize"):
        print("usage: python -m govkg.corpus check FILE_OR_DIR...\n"
              "       python -m govkg.corpus materialize OUT_DIR FILE_OR_DIR...", file=sys.stderr)
        return 2
    if argv[0] == "materialize":
        try:
            n = materialize(iter_items(argv[2:]), Path(argv[1]))
        except CorpusError as e:
            print(f"error: {e}", file=sys.stderr)
            return 2
        print(f"{n} articles written to {argv[1]}")
        return 0
    bad = 0
    for p in argv[1:]:
        files = sorted(Path(p).rglob("*.json")) if Path(p).is_dir() else [Path(p)]
        for f in files:
            try:
                problems = check_item(load_item(f))
            except CorpusError as e:
                problems = [str(e)]
            for line in problems:
                print(f"{f}: {line}")
            bad += bool(problems)
    print(f"{bad} file(s) with problems")
    return 1 if bad else 0


if __name__ == "__main__":
    import sys
    raise SystemExit(_main(sys.argv[1:]))
