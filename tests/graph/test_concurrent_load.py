"""Two `govkg load --no-mirror` of overlapping snapshots started together, against the real local
Neo4j: both succeed (deadlocks and schema races are retried), and the graph is the union, ten times
in a row, alternately of the resolved graphs (the default) and of the graphs as extracted (--raw).
(Without --no-mirror each load would make the database equal its own snapshot, deleting the other's.)"""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from govkg.graph.neo4j import clear_database, connect, run_query
from govkg.graph.store import build_snapshot, read_snapshot
from graph_gold import gold_file_result

pytestmark = pytest.mark.neo4j
CLI = [sys.executable, "-c", "from govkg.cli import run; run()"]
ROUNDS = 10


@pytest.fixture(scope="module")
def snapshots(tmp_path_factory):
    """A: copies 0-29 of the example, B: copies 15-44 (half shared), U: their union (0-44)."""
    base = tmp_path_factory.mktemp("overlap")
    out = {}
    for name, copies in (("A", range(0, 30)), ("B", range(15, 45)), ("U", range(0, 45))):
        build_snapshot([gold_file_result(copy=k) for k in copies], base / name)
        out[name] = base / name
    return out


def drop_schema(driver) -> None:
    """No constraints or indexes: the two loads also race to create them."""
    for kind, query in (("CONSTRAINT", "SHOW CONSTRAINTS YIELD name RETURN name"),
                        ("INDEX", "SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name")):
        for (name,) in run_query(driver, query)[1]:
            run_query(driver, f"DROP {kind} `{name}` IF EXISTS", write=True)


def counts(driver) -> tuple:
    one = lambda q: run_query(driver, q)[1][0][0]  # noqa: E731
    return one("MATCH (n) RETURN count(n)"), one("MATCH ()-[r]->() RETURN count(r)")


def test_two_overlapping_loads_started_together_both_succeed(neo4j_server, snapshots):
    uri, user, password = neo4j_server
    union = read_snapshot(snapshots["U"]).manifest["counts"]
    a, b = (read_snapshot(snapshots[k]).manifest["counts"]["relationships"] for k in "AB")
    assert a + b > union["relationships"] > max(a, b)  # they do overlap
    resolved = [read_snapshot(snapshots[k], resolved=True) for k in "AB"]
    (na, ra), (nb, rb) = [({n["id"] for n in s.nodes}, {r["id"] for r in s.relationships}) for s in resolved]
    assert ra & rb and len(ra | rb) > max(len(ra), len(rb))  # the resolved graphs overlap too
    want = {True: (union["nodes"], union["relationships"]), False: (len(na | nb), len(ra | rb))}
    env = dict(os.environ, NEO4J_PASSWORD=password)
    with connect(uri, user, password) as driver:
        for round_ in range(ROUNDS):
            raw = bool(round_ % 2)
            clear_database(driver)
            drop_schema(driver)
            procs = [subprocess.Popen(CLI + ["load", "--snapshot", str(snapshots[k]), "--uri", uri, "--user", user,
                                             "--batch-size", "100", "--no-mirror"] + (["--raw"] if raw else []),
                                      env=env, stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, text=True) for k in "AB"]
            results = [(p.wait(timeout=300), p.stdout.read(), p.stderr.read()) for p in procs]
            for code, out, err in results:
                assert code == 0, f"round {round_}: {err}"
                assert "loaded" in out
            assert counts(driver) == want[raw], f"round {round_} ({'raw' if raw else 'resolved'})"
        clear_database(driver)
