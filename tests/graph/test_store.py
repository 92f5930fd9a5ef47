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
    assert s.manifest["format"] == "govkg-snapshot" and s.manifest["version"] == 3
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
    assert set(s.articles[0]) == {"id", "title", "subtitle", "date", "source", "url", "file", "text", "input_sha",
                                  "date_source"}


def test_byte_identical_rebuild(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    build_snapshot([gold_file_result()], a)
    build_snapshot([gold_file_result()], b)
    assert tree_hashes(a) == tree_hashes(b)
    assert "snapshot.json" in tree_hashes(a) and len(shard_files(a)) == 4
    before = tree_hashes(a)
    build_snapshot([gold_file_result()], a)   # same input again: the same shard, nothing changes
    assert tree_hashes(a) == before


def shard_files(d: Path) -> dict:
    return {k: v for k, v in tree_hashes(d).items() if k.startswith("shards/")}


def merged(d: Path) -> tuple:
    s = read_snapshot(d)
    return s.articles, s.nodes, s.relationships, s.manifest["counts"], s.manifest["inputs"]


def test_incremental_merge_adds_a_shard_and_rewrites_nothing(tmp_path):
    out = tmp_path / "snap"
    one = gold_file_result(copy=1, path=tmp_path / "one.txt")
    two = gold_file_result(copy=2, path=tmp_path / "two.txt")
    build_snapshot([one], out, inputs={str(one.path): "1" * 64})
    first, files = read_snapshot(out), shard_files(out)
    stamps = {p: p.stat().st_mtime_ns for p in (out / "shards").rglob("*") if p.is_file()}
    m = build_snapshot([two], out, inputs={str(two.path): "2" * 64})
    assert m["counts"]["relationships"] == 2 * len(GOLD) and m["shards"] == 2 and m["shards_written"] == 1
    assert all(shard_files(out)[k] == v for k, v in files.items())          # old shard untouched
    assert all(p.stat().st_mtime_ns == t for p, t in stamps.items())
    now = read_snapshot(out)
    # entities are shared, articles and relationships are new
    assert len(now.nodes) == len(first.nodes) + len(two.articles)
    old_rels = {r["id"]: r for r in first.relationships}
    assert all(old_rels[i] == r for r in now.relationships if (i := r["id"]) in old_rels)
    assert set(now.manifest["inputs"]) == {str(one.path), str(two.path)}
    # the same merged snapshot as building both at once (one shard), or one small shard per result
    both, small = tmp_path / "both", tmp_path / "small"
    build_snapshot([one, two], both, inputs={str(one.path): "1" * 64, str(two.path): "2" * 64})
    build_snapshot([one, two], small, inputs={str(one.path): "1" * 64, str(two.path): "2" * 64},
                   shard_chars=1)
    assert len(shard_files(both)) == 4 and len(shard_files(small)) == 8
    assert merged(both) == merged(out) == merged(small)


def test_same_id_in_two_shards_is_one_record(tmp_path):
    """A node named two ways (same normalised name) keeps the smallest name; a meeting its earliest date."""
    def result(name, day, path):
        art = {"id": "art-" + day, "title": name, "subtitle": None, "date": None, "source": path,
               "url": None, "file": path, "text": name}
        triples = [dict(subject=name, subject_type="Meeting", predicate="HELD_ON", object=day,
                        object_type="Date", article_id=art["id"], evidence=name, start=0, end=3,
                        rule="t", confidence=1.0, source=path)]
        return FakeFileResult(Path(path), [art], triples, [])
    out = tmp_path / "s"
    build_snapshot([result("“双改”推进会", "2020-11-28", "a")], out, inputs={"a": "a" * 64})
    build_snapshot([result("双改推进会", "2020-11-18", "b")], out, inputs={"b": "b" * 64})
    s = read_snapshot(out)
    meetings = [n for n in s.nodes if n["label"] == "Meeting"]
    assert len(meetings) == 1 and meetings[0]["id"] == node_id("Meeting", "双改推进会")
    assert meetings[0]["name"] == min("“双改”推进会", "双改推进会") and meetings[0]["date"] == "2020-11-18"
    assert s.manifest["counts"]["nodes"] == len(s.nodes) == 5 and s.manifest["shards"] == 2


def test_several_writers_at_once(tmp_path):
    """Four processes add their own files to one snapshot at the same time: nothing is lost."""
    import multiprocessing
    out = tmp_path / "snap"
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(out, tmp_path / f"f{k}.txt", k)) for k in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0] * 4
    s = read_snapshot(out)
    assert s.manifest["shards"] == 4 and len(s.manifest["inputs"]) == 4
    assert s.manifest["counts"]["relationships"] == 4 * len(GOLD)


def _writer(out, path, k):
    build_snapshot([gold_file_result(copy=k, path=path)], out, inputs={str(path): str(k) * 64})


def test_version_1_snapshot_is_read_and_upgraded_in_place(tmp_path):
    v2, v1 = tmp_path / "v2", tmp_path / "v1"
    build_snapshot([gold_file_result(copy=1, path=tmp_path / "one.txt")], v2,
                   inputs={str(tmp_path / "one.txt"): "1" * 64})
    shard = next((v2 / "shards").iterdir())
    v1.mkdir()
    for k in ("articles", "nodes", "relationships"):
        (v1 / f"{k}.jsonl").write_bytes((shard / f"{k}.jsonl").read_bytes())
    meta = json.loads((shard / "shard.json").read_text(encoding="utf-8"))
    (v1 / "manifest.json").write_text(json.dumps({"format": "govkg-snapshot", "version": 1,
                                                  "inputs": meta["inputs"], "counts": meta["counts"]}))
    (v1 / "import").mkdir()
    (v1 / "import" / "nodes_Person.csv").write_text("id:ID,name,:LABEL\n")
    a = merged(v1)
    assert a[:3] == merged(v2)[:3] and read_snapshot(v1).manifest["version"] == 1
    two = gold_file_result(copy=2, path=tmp_path / "two.txt")
    m = build_snapshot([two], v1, inputs={str(two.path): "2" * 64})
    assert m["version"] == 3 and m["shards"] == 2 and not (v1 / "manifest.json").exists()
    assert not (v1 / "import").exists() and m["counts"]["relationships"] == 2 * len(GOLD)
    assert {r["id"] for r in a[2]} < {r["id"] for r in read_snapshot(v1).relationships}


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


def test_read_snapshot_errors_name_the_directory(tmp_path, snap):
    for d in (tmp_path / "missing", tmp_path):
        with pytest.raises(SnapshotError, match=re.escape(str(d))):
            read_snapshot(d)
    shard = next((snap / "shards").iterdir())
    (shard / "nodes.jsonl").write_text("", encoding="utf-8")   # relationships without their nodes
    with pytest.raises(SnapshotError) as e:
        read_snapshot(snap)
    assert str(snap) in str(e.value) and "\n" not in str(e.value)
    (shard / "nodes.jsonl").unlink()
    with pytest.raises(SnapshotError, match="incomplete"):
        read_snapshot(snap)
    m = json.loads((snap / "snapshot.json").read_text(encoding="utf-8"))
    m["version"] = 99
    (snap / "snapshot.json").write_text(json.dumps(m), encoding="utf-8")
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


def test_cli_build_reports_bad_files_and_keeps_the_rest(tmp_path, capsys):
    from govkg import cli
    from govkg.errors import InputError

    src = tmp_path / "in"
    src.mkdir()
    (src / "bad.txt").write_bytes(b"\x00\x01binary")
    (src / "good.txt").write_text(EXAMPLE_TXT.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "snap"
    code = cli.main(["build", str(src), "--out", str(out), "--segmenter", "jieba", "--workers", "1"])
    captured = capsys.readouterr()
    assert code == InputError.exit_code
    errors = [line for line in captured.err.splitlines() if line.strip()]
    assert errors[0].startswith(f"govkg: {src / 'bad.txt'}: ") and len(errors) == 2
    assert "Traceback" not in captured.err
    s = read_snapshot(out)
    assert f"{s.manifest['counts']['relationships']} relationships in 1 shards" in captured.out
    assert s.manifest["inputs"].keys() == {str(src / "good.txt")}


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
