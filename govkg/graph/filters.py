"""Filters of the graph views: dates (ISO and ``--MM-DD``) and type names.

How relationships are dated and how a ``--MM-DD`` date without a year is
matched is described in :mod:`govkg.graph.views`.
"""
from __future__ import annotations

import re
from typing import Iterable, Optional, Tuple

from govkg.errors import GovkgError
from govkg.schema import ENTITY_TYPES, PREDICATES

__all__ = ["FilterError", "Date", "parse_date", "filter_date", "complete_date", "date_in_range",
           "split_types"]

Date = Tuple[Optional[int], int, int]


class FilterError(GovkgError):
    """A filter option (date, type) cannot be understood."""

    exit_code = 2


_DATE = re.compile(r"^(?:(\d{4})|-)-(\d{1,2})-(\d{1,2})$")


def parse_date(text: Optional[str]) -> Optional[Date]:
    """``(year or None, month, day)`` of an ISO ``YYYY-MM-DD`` or ``--MM-DD`` date.

    >>> parse_date("2020-11-18"), parse_date("--11-18"), parse_date("soon")
    ((2020, 11, 18), (None, 11, 18), None)
    """
    m = _DATE.match(str(text or "").strip())
    if not m:
        return None
    year, month, day = m.groups()
    month, day = int(month), int(day)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return (int(year) if year else None, month, day)


def filter_date(text: Optional[str], what: str) -> Optional[Date]:
    if text is None or text == "":
        return None
    d = parse_date(text)
    if d is None:
        raise FilterError(f"--{what} {text!r}: expected a date YYYY-MM-DD or --MM-DD")
    return d


def complete_date(d: Date, article: Optional[Date]) -> Date:
    """Give a yearless date the year of its article (the year before if it would lie ahead)."""
    if d[0] is not None or article is None or article[0] is None:
        return d
    year = article[0]
    # more than about a month after the article: the event was in the previous year
    if (d[1], d[2]) > (article[1], article[2]) and (d[1] - article[1]) * 31 + d[2] - article[2] > 31:
        year -= 1
    return (year, d[1], d[2])


def date_in_range(d: Date, since: Optional[Date], until: Optional[Date]) -> bool:
    """Whether date ``d`` is (or, without a year, can be) within ``[since, until]``.

    >>> date_in_range((None, 11, 18), (2020, 11, 1), (2020, 11, 30))
    True
    >>> date_in_range((None, 12, 18), (2020, 11, 1), (2020, 11, 30))
    False
    >>> date_in_range((2021, 11, 18), (None, 11, 1), (None, 11, 30))  # month-day only
    True
    """
    if since is None and until is None:
        return True
    md_only = (since is not None and since[0] is None) or (until is not None and until[0] is None)
    if md_only:
        md = (d[1], d[2])
        return ((since is None or md >= (since[1], since[2]))
                and (until is None or md <= (until[1], until[2])))
    if d[0] is not None:
        return (since is None or d >= since) and (until is None or d <= until)
    if since is None or until is None:
        return True  # some year always fits an open-ended range
    return any(since <= (y, d[1], d[2]) <= until for y in range(since[0], until[0] + 1))


def split_types(types: Optional[Iterable[str]]) -> Tuple[Optional[set], Optional[set]]:
    if types is None:
        return None, None
    if isinstance(types, str):
        types = [types]
    wanted = {t.strip() for item in types for t in str(item).split(",") if t.strip()}
    bad = sorted(wanted - set(PREDICATES) - set(ENTITY_TYPES))
    if bad:
        raise FilterError(f"unknown type {', '.join(bad)}; known predicates: {', '.join(PREDICATES)}; "
                          f"entity types: {', '.join(ENTITY_TYPES)}")
    preds = wanted & set(PREDICATES)
    labels = wanted & set(ENTITY_TYPES)
    return (preds or None), (labels or None)
