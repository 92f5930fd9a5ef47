"""Parts of one file back together (``govkg extract`` prints one file at a time)."""
from __future__ import annotations

from typing import Iterable, Iterator

from govkg.parallel import PartResult


def by_file(parts: Iterable[PartResult]) -> Iterator[PartResult]:
    """Consecutive parts of the same file joined into one result (triples in part order)."""
    cur = None
    for p in parts:
        if cur is not None and (p.path != cur.path or p.part[0] == 0):
            yield cur
            cur = None
        if cur is None:
            cur = PartResult(p.path, (0, 1), list(p.articles), list(p.triples), list(p.errors), p.size)
        else:
            cur.articles.extend(p.articles)
            cur.triples.extend(p.triples)
            cur.errors.extend(p.errors)
            cur.size += p.size
    if cur is not None:
        yield cur
