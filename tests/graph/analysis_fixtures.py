"""Snapshots of the example page for the analysis tests (issue 4).

* ``gold_snapshot``: the gold triples of ``examples/erqi-2020-11`` written with
  :func:`govkg.graph.store.build_snapshot` as one article (always available).
* ``example_snapshot``: ``govkg build examples/erqi-2020-11.txt`` -- real
  extraction; skipped while the extraction pipeline is not there.

Import the fixtures into a test module with ``from analysis_fixtures import *``.
"""
from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from govkg.graph.store import build_snapshot, read_snapshot
from govkg.schema import article_id

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_TXT = ROOT / "examples" / "erqi-2020-11.txt"
EXAMPLE_GOLD = ROOT / "examples" / "erqi-2020-11.gold.jsonl"

__all__ = ["gold_snapshot_dir", "gold_snapshot", "example_snapshot_dir", "example_snapshot", "gold_resolved",
           "example_resolved",
           "write_gold_snapshot", "write_triples_snapshot"]


def write_triples_snapshot(triples, out: Path, *, title="示例", text="", date=None) -> Path:
    """Write contract triples as one article's snapshot (evidence offsets = line numbers)."""
    text = text or title
    aid = article_id(title, text)
    article = {"id": aid, "title": title, "subtitle": None, "date": date, "source": "fixture",
               "url": None, "file": "fixture", "text": text}
    rows = []
    for i, t in enumerate(triples):
        row = dict(t, article_id=aid, evidence=f"{t['subject']} {t['predicate']} {t['object']}",
                   start=i, end=i + 1, rule="gold", confidence=1.0, source=f"fixture:{i + 1}")
        rows.append(row)
    result = SimpleNamespace(path="fixture", errors=[], articles=[article], triples=rows)
    build_snapshot([result], out, inputs={})
    return out


def write_gold_snapshot(out: Path) -> Path:
    triples = [json.loads(line) for line in EXAMPLE_GOLD.read_text(encoding="utf-8").splitlines()
               if line.strip()]
    text = EXAMPLE_TXT.read_text(encoding="utf-8")
    return write_triples_snapshot(triples, out, title="二七区对“双改”工作进行再部署再安排", text=text)


@pytest.fixture(scope="session")
def gold_snapshot_dir(tmp_path_factory) -> Path:
    return write_gold_snapshot(tmp_path_factory.mktemp("gold") / "snap")


@pytest.fixture(scope="session")
def gold_snapshot(gold_snapshot_dir):
    return read_snapshot(gold_snapshot_dir)


@pytest.fixture(scope="session")
def example_snapshot_dir(tmp_path_factory) -> Path:
    try:
        import govkg.extract.pipeline  # noqa: F401
        from govkg.graph.store import build
    except ImportError as e:
        pytest.skip(f"real extraction not available yet ({e})")
    out = tmp_path_factory.mktemp("example") / "snap"
    build([EXAMPLE_TXT], out=out)
    return out


@pytest.fixture(scope="session")
def example_snapshot(example_snapshot_dir):
    return read_snapshot(example_snapshot_dir)


@pytest.fixture(scope="session")
def gold_resolved(gold_snapshot_dir):
    """The gold snapshot's resolved graph (what the CLI reads by default)."""
    return read_snapshot(gold_snapshot_dir, resolved=True)


@pytest.fixture(scope="session")
def example_resolved(example_snapshot_dir):
    return read_snapshot(example_snapshot_dir, resolved=True)
