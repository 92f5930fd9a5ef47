"""Budgets and isolation: a bad article never stops its file, a bad file never stops the run.

* Size: an article longer than :data:`MAX_ARTICLE_CHARS` characters is skipped (spaCy's own limit;
  memory grows with the article, about 1.3 GB at that size).
* Time: an article whose extraction takes more than :data:`MAX_ARTICLE_SECONDS` of CPU time is
  stopped and skipped (a ``SIGPROF`` timer; only in the main thread, where Python delivers
  signals; elsewhere the budget is not enforced).
* Failure: any exception inside the rules (a bug) skips that article with one line naming it.
* Contract: a triple that breaks the output contract (:mod:`govkg.extract.contract`) is dropped
  with one line saying which and why.

Each problem is an :class:`~govkg.errors.ExtractionError` (exit code 2) in the file's errors.
"""
from __future__ import annotations

import contextlib
import signal
import threading
from dataclasses import dataclass
from typing import Any, Callable, Iterator, List, Optional

from govkg.errors import ExtractionError, GovkgError
from govkg.extract.contract import violations

MAX_ARTICLE_CHARS = 1_000_000
MAX_ARTICLE_SECONDS = 60.0


class ArticleTimeout(BaseException):
    """Raised by the CPU timer inside an article's extraction (a BaseException, so that the
    rules' own ``except Exception`` cannot swallow it)."""


@contextlib.contextmanager
def cpu_budget(seconds: Optional[float]) -> Iterator[None]:
    """Raise :class:`ArticleTimeout` once the process has used ``seconds`` of CPU time inside.

    A no-op outside the main thread, for ``seconds`` of None or 0, and while another
    ``ITIMER_PROF`` timer (a profiler) is running.
    """
    if not seconds or seconds <= 0 or threading.current_thread() is not threading.main_thread() \
            or signal.getitimer(signal.ITIMER_PROF)[0] > 0:
        yield
        return

    def _expired(signum, frame):
        raise ArticleTimeout()

    previous = signal.signal(signal.SIGPROF, _expired)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def _where(art: Any) -> str:
    name = " ".join(str(getattr(art, "name", "") or "").split())
    name = name if len(name) <= 20 else name[:19] + "…"
    return f"{getattr(art, 'source', '') or '<text>'}: article “{name}”"


def one_line(e: BaseException) -> str:
    text = " ".join(str(e).split())
    return f"{type(e).__name__}: {text[:200]}" if text else type(e).__name__


@dataclass
class Guard:
    """Runs each article's extraction within its budget; problems go to an ``errors`` list."""

    max_chars: int = MAX_ARTICLE_CHARS
    max_seconds: Optional[float] = MAX_ARTICLE_SECONDS

    def run(self, art: Any, work: Callable[[], Any], errors: List[GovkgError]) -> Optional[Any]:
        """``work()`` for article ``art``, or None with one error appended when it is too long,
        too slow or fails."""
        size = len(getattr(art, "text", "") or "")
        if size > self.max_chars:
            errors.append(ExtractionError(
                f"{_where(art)}: {size:,} characters, over the limit of {self.max_chars:,} for one article; "
                "article skipped (split it, or raise --max-article-chars)", article_id=getattr(art, "id", None)))
            return None
        try:
            with cpu_budget(self.max_seconds):
                return work()
        except ArticleTimeout:
            errors.append(ExtractionError(
                f"{_where(art)}: extraction took over {self.max_seconds:g} s of CPU time; article skipped "
                "(raise --max-article-seconds)", article_id=getattr(art, "id", None)))
        except GovkgError as e:
            errors.append(e)
        except Exception as e:  # a failure inside the rules: the other articles go on
            errors.append(ExtractionError(
                f"{_where(art)}: extraction failed ({one_line(e)}); article skipped, please report it "
                "with the input", article_id=getattr(art, "id", None)))
        return None

    @staticmethod
    def keep_contract(art: Any, triples: List[dict], errors: List[GovkgError]) -> List[dict]:
        """The triples that keep the output contract; the others are dropped with one error."""
        kept, broken = [], []
        for t in triples:
            problems = violations(t, getattr(art, "text", None))
            (broken if problems else kept).append((t, problems))
        if broken:
            t, problems = broken[0]
            errors.append(ExtractionError(
                f"{_where(art)}: {len(broken)} triple(s) broke the output contract and were dropped "
                f"(first: {t.get('predicate')} {str(t.get('subject'))[:20]!r} -> {str(t.get('object'))[:20]!r}: "
                f"{'; '.join(problems)}); please report it with the input",
                article_id=getattr(art, "id", None), skipped=False))
        return [t for t, _ in kept]


def unique_articles(articles: list) -> list:
    """The articles without repeats: the same article twice (same id: the same text but for white
    space) is extracted once, so that every triple's offsets slice the one text its id stands for."""
    seen: set = set()
    return [a for a in articles if not (a.id in seen or seen.add(a.id))]


def skipped_ids(errors: List[GovkgError]) -> set:
    """Ids of the articles left out, from a file's errors."""
    return {e.article_id for e in errors if isinstance(e, ExtractionError) and e.skipped and e.article_id}
