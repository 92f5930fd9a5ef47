"""Snapshot writer and reader: stable ids, byte-identical rebuilds, merging, CSV headers."""
from __future__ import annotations

import csv
import hashlib
import json
import re
from pathlib import Path

import pytest

from govkg.errors import SnapshotError
from govkg.graph.store import build, build_snapshot, read_snapshot
from govkg.schema import ENTITY_TYPES, PREDICATES, node_id

from graph_gold import EXAMPLE_GOLD, EXAMPLE_TXT, FakeFileResult, gold_file_result

GOLD = [json.loads(x) for x in EXAMPLE_GOLD.read_text(encoding="utf-8").splitlines() if x.strip()]


def tree_hashes(d: Path) -> dict:
    return {str(p.relative_to(d)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(d.rglob("*")) if p.is_file()}


@pytest.fixture
def snap(tmp_path):
    out = tmp_path / "snap"
    build_snapshot([gold_file_result()], out, inputs={str(EXAMPLE_TXT): "a" * 64})
    return out


def test_counts_and_contents(snap):
    s = read_snapshot(snap)
    assert s.manifest["format"] == "govkg-snapshot" and s.manifest["version"] == 1
    assert len(s.relationships) == len(GOLD) == s.manifest["counts"]["relationships"]
    by_type = s.manifest["counts"]["relationships_by_type"]
    for p in PREDICATES:
        assert by_type[p] == sum(t["predicate"] == p for t in GOLD)
    assert s.manifest["inputs"] == {str(EXAMPLE_TXT): "a" * 64}
    ids = [n["id"] for n in s.nodes]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    assert [r["id"] for r in s.relationships] == sorted(r["id"] for r in s.relationships)
    # every end of every relationship is a node, with the labels the schema gives
    label = {n["id"]: n["label"] for n in s.nodes}
    for r in s.relationships:
        assert (label[r["start"]], label[r["end"]]) == PREDICATES[r["type"]]
        assert r["article_id"].startswith("art-") and r["evidence"] and r["rule"]
        assert isinstance(r["evidence_start"], int) and r["evidence_end"] >= r["evidence_start"]


def test_stable_node_ids_and_one_person_per_name(snap):
    s = read_snapshot(snap)
    people = [n for n in s.nodes if n["label"] == "Person"]
    assert len(people) == len({t["subject"] for t in GOLD if t["subject_type"] == "Person"})
    chen = node_id("Person", "陈红民")
    assert any(n["id"] == chen and n["name"] == "陈红民" for n in people)
    meeting = next(n for n in s.nodes if n["name"] == "村（社区）“两委”换届工作推进会")
    assert meeting["id"] == node_id("Meeting", "村（社区）“两委”换届工作推进会")
    assert meeting["date"] == "--11-28"


def test_article_nodes_and_reported(snap):
    s = read_snapshot(snap)
    arts = {a["id"]: a for a in s.articles}
    art_nodes = {n["id"]: n for n in s.nodes if n["label"] == "Article"}
    assert set(arts) == set(art_nodes)
    for r in s.relationships:
        if r["type"] == "REPORTED":
            assert r["end"] == r["article_id"] and r["end"] in arts
    assert set(s.articles[0]) == {"id", "title", "subtitle", "date", "source", "url", "file", "text"}


def test_byte_identical_rebuild(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    build_snapshot([gold_file_result()], a)
    build_snapshot([gold_file_result()], b)
    assert tree_hashes(a) == tree_hashes(b)
    assert "manifest.json" in tree_hashes(a) and "import/import.sh" in tree_hashes(a)
    before = tree_hashes(a)
    build_snapshot([gold_file_result()], a)   # same input again: merged, nothing changes
    assert tree_hashes(a) == before


def test_incremental_merge_adds_only_new_records(tmp_path):
    out = tmp_path / "snap"
    one = gold_file_result(copy=1, path=tmp_path / "one.txt")
    two = gold_file_result(copy=2, path=tmp_path / "two.txt")
    build_snapshot([one], out, inputs={str(one.path): "1" * 64})
    first = read_snapshot(out)
    m = build_snapshot([two], out, inputs={str(two.path): "2" * 64})
    merged = read_snapshot(out)
    assert m["counts"]["relationships"] == 2 * len(GOLD)
    # entities are shared, articles and relationships are new
    assert len(merged.nodes) == len(first.nodes) + len(two.articles)
    old_rels = {r["id"]: r for r in first.relationships}
    assert all(old_rels[i] == r for r in merged.relationships if (i := r["id"]) in old_rels)
    assert set(merged.manifest["inputs"]) == {str(one.path), str(two.path)}
    # same bytes as building both at once
    both = tmp_path / "both"
    build_snapshot([one, two], both, inputs={str(one.path): "1" * 64, str(two.path): "2" * 64})
    assert tree_hashes(both) == tree_hashes(out)


def test_known_input_is_skipped(tmp_path):
    out = tmp_path / "snap"
    build_snapshot([gold_file_result(copy=1, path=EXAMPLE_TXT)], out, inputs={str(EXAMPLE_TXT): "f" * 64})
    before = tree_hashes(out)
    # same sha256 again, even with other content: skipped, nothing written differs
    m = build_snapshot([gold_file_result(copy=9, path=EXAMPLE_TXT)], out, inputs={str(EXAMPLE_TXT): "f" * 64})
    assert m["skipped"] == [str(EXAMPLE_TXT)]
    assert tree_hashes(out) == before


def test_failed_file_not_recorded_but_others_kept(tmp_path):
    out = tmp_path / "snap"
    bad = FakeFileResult(tmp_path / "bad.txt", errors=["bad.txt: not Chinese text"])
    good = gold_file_result(path=tmp_path / "good.txt")
    build_snapshot([bad, good], out, inputs={str(bad.path): "b" * 64, str(good.path): "g" * 64})
    m = read_snapshot(out).manifest
    assert m["inputs"] == {str(good.path): "g" * 64}
    assert m["counts"]["relationships"] == len(GOLD)


def test_build_with_extractor_skips_unchanged_files(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(EXAMPLE_TXT.read_text(encoding="utf-8"), encoding="utf-8")
    calls = []

    def fake_extract(paths, *, year=None, segmenter="pkuseg", guard=None):
        calls.append([Path(p).name for p in paths])
        for p in paths:
            yield gold_file_result(path=Path(p))

    out = tmp_path / "snap"
    m = build([src], out=out, extract=fake_extract)
    assert m["files"] == 1 and not m["failed"] and calls == [["a.txt"]]
    (src / "b.txt").write_text("另一篇" + EXAMPLE_TXT.read_text(encoding="utf-8"), encoding="utf-8")
    m = build([src], out=out, extract=fake_extract)
    assert calls[-1] == ["b.txt"] and m["skipped"] == [str(src / "a.txt")]
    assert set(m["inputs"]) == {str(src / "a.txt"), str(src / "b.txt")}


def test_csv_headers_for_neo4j_admin(snap):
    s = read_snapshot(snap)
    imp = snap / "import"
    col = re.compile(r"^(\w*)(:(ID|LABEL|START_ID|END_ID|TYPE|int|long|double|float|boolean|string))?$")
    total_nodes = total_rels = 0
    for lab in ENTITY_TYPES:
        f = imp / f"nodes_{lab}.csv"
        if not f.exists():
            continue
        rows = list(csv.reader(f.open(encoding="utf-8", newline="")))
        header = rows[0]
        assert header[0] == "id:ID" and header[1] == "name" and header[-1] == ":LABEL"
        assert all(col.match(h) for h in header)
        assert all(r[-1] == lab for r in rows[1:])
        total_nodes += len(rows) - 1
    for p in PREDICATES:
        f = imp / f"relationships_{p}.csv"
        if not f.exists():
            continue
        rows = list(csv.reader(f.open(encoding="utf-8", newline="")))
        header = rows[0]
        assert header[:3] == [":START_ID", ":END_ID", ":TYPE"]
        assert "id" in header and "evidence_start:int" in header and "confidence:double" in header
        assert all(col.match(h) for h in header)
        assert all(r[2] == p and len(r) == len(header) for r in rows[1:])
        total_rels += len(rows) - 1
    assert (total_nodes, total_rels) == (len(s.nodes), len(s.relationships))
    script = (imp / "import.sh").read_text(encoding="utf-8")
    assert "neo4j-admin database import full" in script and "--nodes=\"$D/nodes_Person.csv\"" in script
    assert "--relationships=\"$D/relationships_CHAIRED.csv\"" in script


def test_read_snapshot_errors_name_the_directory(tmp_path, snap):
    for d in (tmp_path / "missing", tmp_path):
        with pytest.raises(SnapshotError, match=re.escape(str(d))):
            read_snapshot(d)
    (snap / "nodes.jsonl").write_text("", encoding="utf-8")
    with pytest.raises(SnapshotError) as e:
        read_snapshot(snap)
    assert str(snap) in str(e.value) and "\n" not in str(e.value)
    m = json.loads((snap / "manifest.json").read_text(encoding="utf-8"))
    m["version"] = 99
    (snap / "manifest.json").write_text(json.dumps(m), encoding="utf-8")
    with pytest.raises(SnapshotError, match="version 99"):
        read_snapshot(snap)


def test_refuses_non_snapshot_dir(tmp_path):
    d = tmp_path / "other"
    d.mkdir()
    (d / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(SnapshotError, match="not empty"):
        build_snapshot([gold_file_result()], d)



def test_bad_triples_are_left_out_and_the_rest_is_built(tmp_path):
    fr = gold_file_result()
    good = len(fr.triples) - 3
    fr.triples[0] = dict(fr.triples[0], predicate="LIKES")
    fr.triples[1] = dict(fr.triples[1], predicate="HOLDS", object_type="Place")
    fr.triples[2] = dict(fr.triples[2], object=" \n")
    m = build_snapshot([fr], tmp_path / "new")
    assert len(m["rejected"]) == 3
    assert "LIKES" in m["rejected"][0] and "schema says" in m["rejected"][1] and "empty object" in m["rejected"][2]
    snap = read_snapshot(tmp_path / "new")
    assert 0 < len(snap.relationships) <= good
    assert m["inputs"] == {}  # the file is not recorded as built: it is read again next time


def test_cli_build_reports_bad_files_and_keeps_the_rest(tmp_path, monkeypatch, capsys):
    import sys
    import types
    from govkg import cli
    from govkg.errors import InputError

    def fake_extract(paths, *, year=None, segmenter="pkuseg", guard=None):
        for p in paths:
            if Path(p).name.startswith("bad"):
                yield FakeFileResult(Path(p), errors=[InputError(f"{p}: not Chinese text")])
            else:
                yield gold_file_result(path=Path(p))

    monkeypatch.setitem(sys.modules, "govkg.extract.pipeline",
                        types.SimpleNamespace(extract_paths=fake_extract))
    src = tmp_path / "in"
    src.mkdir()
    (src / "bad.txt").write_bytes(b"\x00\x01binary")
    (src / "good.txt").write_text(EXAMPLE_TXT.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "snap"
    code = cli.main(["build", str(src), "--out", str(out)])
    captured = capsys.readouterr()
    assert code == InputError.exit_code
    errors = [line for line in captured.err.splitlines() if line.strip()]
    assert errors[0] == f"govkg: {src / 'bad.txt'}: not Chinese text" and len(errors) == 2
    assert "Traceback" not in captured.err
    assert f"{len(GOLD)} relationships" in captured.out
    assert read_snapshot(out).manifest["inputs"].keys() == {str(src / "good.txt")}



def test_an_article_read_again_with_another_layout_keeps_its_first_text(tmp_path):
    """Same id (text equal but for white space), other offsets: the second reading adds nothing."""
    import dataclasses
    first = gold_file_result()
    moved = FakeFileResult(Path("other.txt"),
                           [dataclasses.replace(a, text=" " + a.text) for a in first.articles],
                           [dict(t, start=t["start"] + 1, end=t["end"] + 1) for t in first.triples], [])
    m = build_snapshot([first, moved], tmp_path / "s")
    assert m["counts"]["relationships"] == build_snapshot([gold_file_result()], tmp_path / "t")["counts"]["relationships"]
    snap = read_snapshot(tmp_path / "s")
    texts = {a["id"]: a["text"] for a in snap.articles}
    assert all(texts[r["article_id"]][r["evidence_start"]:r["evidence_end"]] == r["evidence"]
               for r in snap.relationships if r["type"] != "REPORTED")
