"""--workers: chunks of large JSON Lines files, one pipeline per process, output in input order."""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from govkg.extract.pipeline import Chunk, Extractor
from govkg.extract.read import read_path
from govkg.graph.store import build, read_snapshot
from govkg.parallel import run
from govkg.parallel.files import by_file
from govkg.parallel.tasks import plan

sys.path.insert(0, str(Path(__file__).parent))
from corpus import write_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "erqi-2020-11.txt"
CLI = [sys.executable, "-c", "from govkg.cli import run; run()"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("corpus")
    write_corpus(d / "news.jsonl", 300, blank_every=37)
    (d / "page.txt").write_bytes(EXAMPLE.read_bytes())
    return d


@pytest.fixture(scope="module")
def jieba():
    return Extractor(segmenter="jieba")


def test_chunks_are_whole_lines_covering_the_file(corpus):
    f = corpus / "news.jsonl"
    p, skipped = plan([f], chunk_bytes=4000)
    parts = [t for t in p.tasks if t.chunk.path == str(f)]
    assert len(parts) > 5 and not skipped and p.inputs[str(f)] == hashlib.sha256(f.read_bytes()).hexdigest()
    data = f.read_bytes()
    assert [t.part for t in parts] == [(i, len(parts)) for i in range(len(parts))]
    assert parts[0].chunk.start == 0 and parts[-1].chunk.end == len(data)
    for a, b in zip(parts, parts[1:]):
        assert a.chunk.end == b.chunk.start and data[a.chunk.end - 1:a.chunk.end] == b"\n"
        assert b.chunk.first_line == data[:b.chunk.start].count(b"\n") + 1
    # the same planning again: the same cuts (they depend on the file only)
    assert [t.chunk for t in plan([f], chunk_bytes=4000)[0].tasks] == [t.chunk for t in p.tasks]


def test_chunk_records_keep_their_line_numbers(corpus, jieba):
    f = corpus / "news.jsonl"
    whole, _ = read_path(f)
    p, _ = plan([f], chunk_bytes=4000)
    seen = []
    for t in p.tasks:
        res = jieba.extract_chunk(t.chunk)
        assert not res.errors and res.path == f
        seen.extend(a.source for a in res.articles)
        shipped = jieba.extract_chunk(t.chunk.with_data())   # bytes carried, as to a Dask worker
        assert [a.source for a in shipped.articles] == [a.source for a in res.articles]
    assert seen == [d.source for d in whole] and len(seen) == 300
    assert seen[37] == f"{f}#39"   # after the first blank line


def test_a_broken_line_in_a_chunk_names_its_line(tmp_path, jieba):
    f = write_corpus(tmp_path / "x.jsonl", 60)
    lines = f.read_text(encoding="utf-8").splitlines()
    lines[44] = "{not json"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    p, _ = plan([f], chunk_bytes=3000)
    errors = [str(e) for t in p.tasks for e in jieba.extract_chunk(t.chunk).errors]
    assert len(errors) == 1 and errors[0].startswith(f"{f}:45: not valid JSON")


def canon(results):
    return [(str(fr.path), [json.dumps(t, ensure_ascii=False, sort_keys=True) for t in fr.unique_triples()],
             [str(e) for e in fr.errors]) for fr in results]


def test_two_workers_give_the_same_output_in_the_same_order(corpus, tmp_path):
    paths = [corpus, tmp_path / "missing.txt"]
    p, _ = plan(paths, chunk_bytes=4000)
    one = canon(by_file(run(p, segmenter="jieba", workers=1)))
    two = canon(by_file(run(p, segmenter="jieba", workers=2)))
    assert one == two
    assert [x[0] for x in one] == [str(corpus / "news.jsonl"), str(corpus / "page.txt"),
                                   str(tmp_path / "missing.txt")]
    assert sum(len(x[1]) for x in one) > 300 and one[-1][2]


def test_cli_extract_workers_byte_identical(corpus):
    outs = []
    for w in ("1", "2"):
        r = subprocess.run(CLI + ["extract", str(corpus), "--segmenter", "jieba", "--workers", w],
                           capture_output=True, timeout=300)
        assert r.returncode == 0, r.stderr.decode()[-2000:]
        outs.append(r.stdout)
    assert outs[0] == outs[1] and outs[0].count(b"\n") > 300


def tree(d: Path) -> dict:
    return {str(p.relative_to(d)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(d.rglob("*")) if p.is_file()}


def test_build_workers_byte_identical_snapshots(corpus, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    ma = build([corpus], out=a, segmenter="jieba", workers=1, chunk_bytes=4000)
    mb = build([corpus], out=b, segmenter="jieba", workers=2, chunk_bytes=4000)
    assert tree(a) == tree(b) and ma["counts"] == mb["counts"]
    assert set(ma["inputs"]) == {str(corpus / "news.jsonl"), str(corpus / "page.txt")}
    again = build([corpus], out=a, segmenter="jieba", workers=2, chunk_bytes=4000)
    assert again["files"] == 0 and len(again["skipped"]) == 2 and tree(a) == tree(b)
    assert read_snapshot(a).manifest["counts"]["relationships"] > 300
