"""Bulk loading with the real neo4j-admin import tool and the real local Neo4j server."""
from __future__ import annotations

import csv
import os
import re
import subprocess
import sys

import pytest

from govkg.graph import server
from govkg.graph.bulk import write_import_files
from govkg.graph.store import build_snapshot, read_snapshot
from govkg.schema import ENTITY_TYPES, PREDICATES

from graph_gold import gold_file_result

CLI = [sys.executable, "-c", "from govkg.cli import run; run()"]
PASSWORD = "govkg-bulk-test"


@pytest.fixture(scope="module")
def snapshots(tmp_path_factory):
    """A snapshot of 3 copies of the example (3 shards), and one more file for a Bolt load after."""
    base = tmp_path_factory.mktemp("bulk")
    first, more = base / "first", base / "more"
    for k in range(3):
        build_snapshot([gold_file_result(copy=k, path=base / f"f{k}.txt")], first,
                       inputs={str(base / f"f{k}.txt"): str(k) * 64})
    build_snapshot([gold_file_result(copy=9, path=base / "f9.txt")], more,
                   inputs={str(base / "f9.txt"): "9" * 64})
    return first, more


def test_csv_files_for_neo4j_admin(snapshots, tmp_path):
    snap = read_snapshot(snapshots[0])
    rows = write_import_files(snapshots[0], tmp_path)
    col = re.compile(r"^(\w*)(:(ID|LABEL|START_ID|END_ID|TYPE|int|long|double|float|boolean|string))?$")
    total_nodes = total_rels = 0
    for lab in ENTITY_TYPES:
        f = tmp_path / f"nodes_{lab}.csv"
        if not f.exists():
            continue
        table = list(csv.reader(f.open(encoding="utf-8", newline="")))
        assert table[0][0] == "id:ID" and table[0][1] == "name" and table[0][-1] == ":LABEL"
        assert all(col.match(h) for h in table[0]) and all(r[-1] == lab for r in table[1:])
        total_nodes += len(table) - 1
    for p in PREDICATES:
        f = tmp_path / f"relationships_{p}.csv"
        if not f.exists():
            continue
        table = list(csv.reader(f.open(encoding="utf-8", newline="")))
        header = table[0]
        assert header[:3] == [":START_ID", ":END_ID", ":TYPE"] and "id" in header
        assert "evidence_start:int" in header and "confidence:double" in header
        assert all(r[2] == p and len(r) == len(header) for r in table[1:])
        total_rels += len(table) - 1
    assert (total_nodes, total_rels) == (len(snap.nodes), len(snap.relationships))
    assert sum(rows.values()) == total_nodes + total_rels
    script = (tmp_path / "import.sh").read_text(encoding="utf-8")
    assert "neo4j-admin database import full" in script and '--nodes="$D/nodes_Person.csv"' in script


def cypher(uri, query):
    import neo4j
    with neo4j.GraphDatabase.driver(uri, auth=("neo4j", PASSWORD)) as d:
        return d.execute_query(query).records


@pytest.mark.neo4j
def test_bulk_load_then_bolt_load_of_one_more_file(snapshots, tmp_path):
    """`govkg load --bulk` into a fresh server, then `govkg load` of another snapshot over Bolt."""
    first, more = snapshots
    data_dir, port = tmp_path / "neo4j", server.free_port()
    uri = f"bolt://127.0.0.1:{port}"
    auth = ["--uri", uri, "--data-dir", str(data_dir)]
    env = dict(os.environ, NEO4J_PASSWORD=PASSWORD)   # never an argument: ps would show it
    try:
        r = subprocess.run(CLI + ["load", "--snapshot", str(first), "--bulk", *auth],
                           capture_output=True, text=True, timeout=600, env=env)
        assert r.returncode == 0, r.stderr[-2000:]
        want = read_snapshot(first).manifest["counts"]
        assert f"{want['nodes']} nodes, {want['relationships']} relationships" in r.stdout
        names = {rec["name"] for rec in cypher(uri, "SHOW CONSTRAINTS YIELD name")}
        assert {f"govkg_{lab.lower()}_id" for lab in ENTITY_TYPES} <= names
        indexes = {rec["name"]: rec["state"] for rec in cypher(uri, "SHOW INDEXES YIELD name, state")}
        assert all(indexes[f"govkg_{p.lower()}_id"] == "ONLINE" for p in PREDICATES)
        # a second bulk load refuses the non-empty database, in one line
        r = subprocess.run(CLI + ["load", "--snapshot", str(first), "--bulk", *auth],
                           capture_output=True, text=True, timeout=600, env=env)
        assert r.returncode == 4 and len(r.stderr.strip().splitlines()) == 1 and "empty" in r.stderr
        r = subprocess.run(CLI + ["load", "--snapshot", str(more), "--uri", uri],
                           capture_output=True, text=True, timeout=600, env=env)
        assert r.returncode == 0, r.stderr[-2000:]
        union = tmp_path / "union"   # the same inputs in one snapshot: the counts the database must have
        for src in (first, more):
            for shard in (src / "shards").iterdir():
                (union / "shards").mkdir(parents=True, exist_ok=True)
                subprocess.run(["cp", "-r", str(shard), str(union / "shards" / shard.name)], check=True)
        (union / "snapshot.json").write_bytes((first / "snapshot.json").read_bytes())
        c = read_snapshot(union).manifest["counts"]
        got = cypher(uri, "MATCH (n) WITH count(n) AS n MATCH ()-[r]->() RETURN n, count(r) AS r")[0]
        assert (got["n"], got["r"]) == (c["nodes"], c["relationships"]) and c["nodes"] > want["nodes"]
        for lab in ENTITY_TYPES:
            assert cypher(uri, f"MATCH (n:{lab}) RETURN count(n) AS c")[0]["c"] == c["nodes_by_label"][lab]
    finally:
        server.stop(data_dir=data_dir)


def test_cli_csv_out_writes_the_files_for_another_server(snapshots, tmp_path):
    out = tmp_path / "csv"
    r = subprocess.run(CLI + ["load", "--snapshot", str(snapshots[0]), "--bulk", "--csv-out", str(out)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert (out / "import.sh").is_file() and (out / "nodes_Person.csv").is_file()
    assert "import.sh" in r.stdout and "govkg load --snapshot" in r.stdout
    r = subprocess.run(CLI + ["load", "--snapshot", str(tmp_path / "nope"), "--bulk", "--csv-out", str(out)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 4 and len(r.stderr.strip().splitlines()) == 1 and "nope" in r.stderr
