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


@pytest.mark.parametrize("resolved", [True, False])
def test_csv_files_for_neo4j_admin(snapshots, tmp_path, resolved):
    """The resolved graph by default (lists as string arrays); the graph as extracted on request."""
    snap = read_snapshot(snapshots[0], resolved=resolved)
    rows = write_import_files(snapshots[0], tmp_path, **({} if resolved else {"resolved": False}))
    col = re.compile(r"^(\w*)(:(ID|LABEL|START_ID|END_ID|TYPE|int|long|double|float|boolean|string)(\[\])?)?$")
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


def ids(snap):
    return {n["id"] for n in snap.nodes}, {r["id"] for r in snap.relationships}


@pytest.mark.neo4j
def test_bulk_load_then_bolt_load_of_one_more_file(snapshots, tmp_path):
    """`govkg load --bulk` (the resolved graph) into a fresh server; `govkg load` of the same
    snapshot over Bolt changes nothing; `--no-mirror` of another snapshot adds its graph."""
    first, more = snapshots
    data_dir, port = tmp_path / "neo4j", server.free_port()
    uri = f"bolt://127.0.0.1:{port}"
    auth = ["--uri", uri, "--data-dir", str(data_dir)]
    env = dict(os.environ, NEO4J_PASSWORD=PASSWORD)   # never an argument: ps would show it
    count = "MATCH (n) WITH count(n) AS n OPTIONAL MATCH ()-[r]->() RETURN n, count(r) AS r"
    try:
        r = subprocess.run(CLI + ["load", "--snapshot", str(first), "--bulk", *auth],
                           capture_output=True, text=True, timeout=600, env=env)
        assert r.returncode == 0, r.stderr[-2000:]
        snap = read_snapshot(first, resolved=True)
        want = (len(snap.nodes), len(snap.relationships))
        assert f"{want[0]} nodes, {want[1]} relationships" in r.stdout
        assert want != (read_snapshot(first).manifest["counts"]["nodes"],
                        read_snapshot(first).manifest["counts"]["relationships"])
        names = {rec["name"] for rec in cypher(uri, "SHOW CONSTRAINTS YIELD name")}
        assert {f"govkg_{lab.lower()}_id" for lab in ENTITY_TYPES} <= names
        indexes = {rec["name"]: rec["state"] for rec in cypher(uri, "SHOW INDEXES YIELD name, state")}
        assert all(indexes[f"govkg_{p.lower()}_id"] == "ONLINE" for p in PREDICATES)
        # a second bulk load refuses the non-empty database, in one line
        r = subprocess.run(CLI + ["load", "--snapshot", str(first), "--bulk", *auth],
                           capture_output=True, text=True, timeout=600, env=env)
        assert r.returncode == 4 and len(r.stderr.strip().splitlines()) == 1 and "empty" in r.stderr
        # the same snapshot over Bolt: no duplicates, nothing pruned
        r = subprocess.run(CLI + ["load", "--snapshot", str(first), "--uri", uri],
                           capture_output=True, text=True, timeout=600, env=env)
        assert r.returncode == 0 and "deleted" not in r.stdout, r.stderr[-2000:]
        got = cypher(uri, count)[0]
        assert (got["n"], got["r"]) == want
        r = subprocess.run(CLI + ["load", "--snapshot", str(more), "--no-mirror", "--uri", uri],
                           capture_output=True, text=True, timeout=600, env=env)
        assert r.returncode == 0, r.stderr[-2000:]
        (n1, r1), (n2, r2) = ids(snap), ids(read_snapshot(more, resolved=True))
        got = cypher(uri, count)[0]
        assert (got["n"], got["r"]) == (len(n1 | n2), len(r1 | r2)) and got["n"] > want[0]
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
