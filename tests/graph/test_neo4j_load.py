"""Loading snapshots into the real local Neo4j (fixture ``neo4j_server`` from conftest.py).

Every test starts from an empty database (``MATCH (n) DETACH DELETE n`` in batches):
Community edition has only the ``neo4j`` database.
"""
from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from govkg.errors import QueryError
from govkg.graph.neo4j import (clear_database, connect, database_counts, load_snapshot,
                               load_snapshot_row_by_row, run_query)
from govkg.graph.store import build_snapshot, read_snapshot
from govkg.schema import ENTITY_TYPES, PREDICATES

from graph_gold import gold_file_result

pytestmark = pytest.mark.neo4j
HUANJIE = "村（社区）“两委”换届工作推进会"
CLI = [sys.executable, "-c", "from govkg.cli import run; run()"]


@pytest.fixture
def driver(neo4j_server):
    uri, user, password = neo4j_server
    with connect(uri, user, password) as d:
        clear_database(d)
        yield d


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory):
    out = tmp_path_factory.mktemp("snap") / "snap"
    build_snapshot([gold_file_result()], out)
    return out


@pytest.fixture(scope="module")
def big_snapshot(tmp_path_factory):
    """20 copies of the example under distinct article ids: 1,140 relationships."""
    out = tmp_path_factory.mktemp("big") / "snap"
    build_snapshot([gold_file_result(copy=k) for k in range(20)], out)
    return out


def cypher_counts(driver):
    one = lambda q: run_query(driver, q)[1][0][0]  # noqa: E731
    return {"nodes": one("MATCH (n) RETURN count(n)"),
            "relationships": one("MATCH ()-[r]->() RETURN count(r)"),
            **{lab: one(f"MATCH (n:{lab}) RETURN count(n)") for lab in ENTITY_TYPES},
            **{p: one(f"MATCH ()-[r:{p}]->() RETURN count(r)") for p in PREDICATES}}


def snapshot_counts(snap_dir):
    c = read_snapshot(snap_dir).manifest["counts"]
    return {"nodes": c["nodes"], "relationships": c["relationships"],
            **c["nodes_by_label"], **c["relationships_by_type"]}


def tree_hashes(d: Path) -> dict:
    """The snapshot's own files (not ``resolved/``, the resolved graph made beside them on first read)."""
    return {str(p.relative_to(d)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(d.rglob("*")) if p.is_file() and p.relative_to(d).parts[0] != "resolved"}


def test_counts_from_cypher_equal_the_snapshot(driver, snapshot):
    result = load_snapshot(driver, snapshot, batch_size=7)
    want = snapshot_counts(snapshot)
    assert cypher_counts(driver) == want
    assert (result["nodes"], result["relationships"]) == (want["nodes"], want["relationships"])
    assert database_counts(driver)["relationships"] == want["relationships"]


def test_shi_bo_chaired_the_huanjie_meeting(driver, snapshot):
    load_snapshot(driver, snapshot)
    _, rows = run_query(driver, "MATCH (p:Person {name:'时博'})-[:CHAIRED]->(m:Meeting) RETURN m.name")
    assert rows == [[HUANJIE]]
    cols, rows = run_query(driver, "MATCH (:Person {name: $name})-[r:CHAIRED]->(m:Meeting {name: $m}) "
                                   "RETURN r.article_id, r.evidence, r.evidence_start, r.rule, m.date",
                           params={"name": "时博", "m": HUANJIE})
    assert cols == ["r.article_id", "r.evidence", "r.evidence_start", "r.rule", "m.date"]
    art, evidence, start, rule, date = rows[0]
    assert art.startswith("art-") and evidence and isinstance(start, int) and rule and date == "--11-28"
    _, rows = run_query(driver, "MATCH (p:Person)-[:REPORTED]->(a:Article {id: $id}) RETURN count(p)",
                        params={"id": art})
    assert rows[0][0] >= 1


def state(driver):
    _, nodes = run_query(driver, "MATCH (n) RETURN n.id, labels(n), properties(n) ORDER BY n.id")
    _, rels = run_query(driver, "MATCH ()-[r]->() RETURN r.id, type(r), properties(r) ORDER BY r.id")
    return nodes, rels


def test_second_load_changes_nothing(driver, snapshot):
    load_snapshot(driver, snapshot)
    before_counts, before = cypher_counts(driver), state(driver)
    load_snapshot(driver, snapshot, batch_size=3)
    assert cypher_counts(driver) == before_counts
    assert state(driver) == before


class Interrupted(Exception):
    pass


def test_interrupted_load_rerun_ends_with_same_counts(driver, big_snapshot):
    full = snapshot_counts(big_snapshot)
    seen = []

    def stop_midway(done, total):   # nodes load first: stop among the relationships
        seen.append(done)
        if done > full["nodes"] + 200:
            raise Interrupted

    with pytest.raises(Interrupted):
        load_snapshot(driver, big_snapshot, batch_size=50, progress=stop_midway)
    partial = cypher_counts(driver)
    assert partial["nodes"] + partial["relationships"] == seen[-1]
    assert partial["nodes"] == full["nodes"] and 0 < partial["relationships"] < full["relationships"]
    load_snapshot(driver, big_snapshot, batch_size=50)
    assert cypher_counts(driver) == full


def test_killed_load_rerun_ends_with_same_counts(driver, big_snapshot, neo4j_server):
    uri, user, password = neo4j_server
    code = ("import os, sys; from govkg.graph.neo4j import connect, load_snapshot_row_by_row as L; "
            "d = connect(sys.argv[1], sys.argv[2], os.environ['NEO4J_PASSWORD']); L(d, sys.argv[3])")
    proc = subprocess.Popen([sys.executable, "-c", code, uri, user, str(big_snapshot)],
                            env=dict(os.environ, NEO4J_PASSWORD=password))
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            if run_query(driver, "MATCH ()-[r]->() RETURN count(r)")[1][0][0] > 20:
                break
            time.sleep(0.02)
    finally:
        proc.kill()
        proc.wait()
    partial = cypher_counts(driver)
    full = snapshot_counts(big_snapshot)
    assert 0 < partial["relationships"] < full["relationships"], "the load was not killed midway"
    load_snapshot(driver, big_snapshot)
    assert cypher_counts(driver) == full


def test_row_by_row_loader_gives_the_same_graph(driver, snapshot):
    load_snapshot_row_by_row(driver, snapshot)
    counts, graph = cypher_counts(driver), state(driver)
    clear_database(driver)
    load_snapshot(driver, snapshot)
    assert cypher_counts(driver) == counts == snapshot_counts(snapshot)
    assert state(driver) == graph


def test_read_transactions_refuse_writes_and_bad_cypher_is_query_error(driver):
    with pytest.raises(QueryError):
        run_query(driver, "CREATE (n:Person {id: $id})", params={"id": "person:x"})
    assert run_query(driver, "MATCH (n) RETURN count(n)")[1] == [[0]]
    run_query(driver, "CREATE (n:Person {id: $id})", params={"id": "person:x"}, write=True)
    assert run_query(driver, "MATCH (n) RETURN count(n)")[1] == [[1]]
    with pytest.raises(QueryError) as e:
        run_query(driver, "MATCH (n RETURN n")
    assert "Invalid input" in str(e.value) and "\n" not in str(e.value)


# ----------------------------------------------------------------------------- CLI

def cli(*args, password=None):
    """Run the CLI; the password goes in its environment (no command takes one as an argument)."""
    env = dict(os.environ, NEO4J_PASSWORD=password) if password else None
    return subprocess.run(CLI + list(args), capture_output=True, text=True, timeout=120, env=env)


def test_cli_load_and_query(driver, snapshot, neo4j_server):
    uri, user, password = neo4j_server
    auth = ["--uri", uri, "--user", user]
    r = cli("load", "--snapshot", str(snapshot), *auth, password=password)
    assert r.returncode == 0, r.stderr
    resolved = read_snapshot(snapshot, resolved=True)   # the CLI loads the resolved graph by default
    assert f"{len(resolved.nodes)} nodes, {len(resolved.relationships)} relationships" in r.stdout
    r = cli("query", "MATCH (p:Person {name: $who})-[:CHAIRED]->(m:Meeting) RETURN m.name AS meeting",
            "--param", "who=时博", "--format", "json", *auth, password=password)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == [{"meeting": HUANJIE}]
    r = cli("query", "MATCH (n:Meeting) WHERE n.name IN $names RETURN n.name", "--param",
            json.dumps(["x", HUANJIE], ensure_ascii=False).join(["names=", ""]), "--format", "csv", *auth,
            password=password)
    assert r.returncode == 0 and r.stdout.splitlines() == ["n.name", HUANJIE]
    r = cli("query", "RETURN 1 +", *auth, password=password)
    assert r.returncode == 6 and len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def assert_one_line_naming(r, uri, code=5):
    assert r.returncode == code, (r.stdout, r.stderr)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and uri in lines[0] and "Traceback" not in r.stderr, r.stderr


def test_cli_closed_port_one_line_and_snapshot_untouched(snapshot):
    uri = f"bolt://127.0.0.1:{closed_port()}"
    before = tree_hashes(snapshot)
    r = cli("load", "--snapshot", str(snapshot), "--uri", uri, password="any-password")
    assert_one_line_naming(r, uri)
    assert "govkg neo4j start" in r.stderr
    r = cli("query", "MATCH (n) RETURN count(n)", "--uri", uri, password="any-password")
    assert_one_line_naming(r, uri)
    assert tree_hashes(snapshot) == before


def test_cli_wrong_password_one_line_and_snapshot_untouched(snapshot, neo4j_server):
    uri, user, _ = neo4j_server
    before = tree_hashes(snapshot)
    # two failures only: Neo4j locks a user out for a while after three
    r = cli("load", "--snapshot", str(snapshot), "--uri", uri, "--user", user, password="wrong-pw")
    assert_one_line_naming(r, uri)
    r = cli("query", "RETURN 1", "--uri", uri, "--user", user, password="wrong-pw")
    assert_one_line_naming(r, uri)
    assert tree_hashes(snapshot) == before
    connect(uri, user, neo4j_server[2]).close()   # a good login resets the failure count


# ----------------------------------------------------------------------------- neo4j-admin import

def test_import_sh_runs_with_the_real_neo4j_admin(snapshot, tmp_path):
    """The CSV files and import.sh of write_import_files, run by Neo4j 5.26's own import tool."""
    import os
    import re
    from govkg.graph import server
    classpath = server.build()
    home = tmp_path / "home"
    (home / "conf").mkdir(parents=True)
    (home / "conf" / "neo4j.conf").write_text("", encoding="utf-8")
    shim = tmp_path / "bin" / "neo4j-admin"   # neo4j-admin = Neo4j's AdminTool from the jars
    shim.parent.mkdir()
    shim.write_text(f'#!/bin/sh\nexec java -cp "{classpath}" org.neo4j.cli.AdminTool "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    env = dict(os.environ, PATH=f"{shim.parent}{os.pathsep}{os.environ['PATH']}",
               NEO4J_HOME=str(home), NEO4J_CONF=str(home / "conf"))
    from govkg.graph.bulk import write_import_files
    before = tree_hashes(snapshot)
    write_import_files(snapshot, tmp_path / "import")
    r = subprocess.run(["sh", str(tmp_path / "import" / "import.sh")], cwd=tmp_path, env=env,
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    resolved = read_snapshot(snapshot, resolved=True)   # the resolved graph by default
    counts = {"nodes": len(resolved.nodes), "relationships": len(resolved.relationships)}
    assert re.search(rf"\b{counts['nodes']} nodes\b", r.stdout), r.stdout[-500:]
    assert re.search(rf"\b{counts['relationships']} relationships\b", r.stdout), r.stdout[-500:]
    report = tmp_path / "import" / "import.report"
    assert not report.exists() or report.read_text(encoding="utf-8").strip() == ""
    assert tree_hashes(snapshot) == before
