"""Resolve: one entity per name within a file, and one line per distinct triple.

Names are already unified by the extractor (a later bare ``陈红民`` or ``他`` takes the
name of the titled first mention). Here, the file's triples are de-duplicated and
posts a person is given in several forms are kept as the text writes them.
"""
from __future__ import annotations

from typing import Dict, List, Tuple

from govkg.schema import normalize_name


def _key(t: dict) -> Tuple[str, str, str, str, str]:
    return (t["subject_type"], normalize_name(t["subject"]), t["predicate"], t["object_type"],
            normalize_name(t["object"]))


def resolve_file(triples: List[dict]) -> List[dict]:
    """Drop exact repeats (same triple, same evidence sentence) and keep the file's order."""
    seen, out = set(), []
    for t in triples:
        k = _key(t) + (t.get("article_id"), t.get("start"))
        if k in seen:
            continue
        seen.add(k)
        out.append(t)
    return out


def dedupe_triples(triples: List[dict]) -> List[dict]:
    """One triple per (subject, predicate, object): the most confident evidence, ``mentions`` = count."""
    best: Dict[tuple, dict] = {}
    counts: Dict[tuple, int] = {}
    order: List[tuple] = []
    for t in triples:
        k = _key(t)
        counts[k] = counts.get(k, 0) + 1
        if k not in best:
            order.append(k)
            best[k] = t
        elif t.get("confidence", 0) > best[k].get("confidence", 0):
            best[k] = t
    return [dict(best[k], mentions=counts[k]) for k in order]
