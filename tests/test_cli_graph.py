"""govkg build | load: rebuilding a changed article replaces it, --remove takes one out, and the
loader mirrors both in the real Neo4j without duplicates (sentences written for this test)."""
from __future__ import annotations

from collections import Counter

import pytest

from govkg.cli import main
from govkg.graph.neo4j import clear_database, connect, run_query
from govkg.graph.store import read_snapshot

pytestmark = pytest.mark.neo4j

PAGE = """安吉县召开乡村振兴工作推进会

本报讯 3月2日，安吉县召开乡村振兴工作推进会。县委书记{chair}主持会议并讲话。县长{speaker}出席会议。

天荒坪镇开展春季植树活动

本报讯 3月5日，安吉县县长{speaker}到天荒坪镇调研春季造林工作。
"""


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def database(uri, user, password):
    with connect(uri, user, password) as driver:
        nodes = [r[0] for r in run_query(driver, "MATCH (n) RETURN n.id ORDER BY n.id")[1]]
        rels = [r[0] for r in run_query(driver, "MATCH ()-[r]->() RETURN r.id ORDER BY r.id")[1]]
        names = Counter(r[0] for r in run_query(driver, "MATCH (p:Person) RETURN p.name")[1])
    return nodes, rels, names


def resolved(snap):
    s = read_snapshot(snap, resolved=True)
    return (sorted(n["id"] for n in s.nodes), sorted(r["id"] for r in s.relationships),
            Counter(n["name"] for n in s.nodes if n["label"] == "Person"))


def test_replace_and_remove_are_mirrored_in_neo4j(capsys, tmp_path, neo4j_server, monkeypatch):
    uri, user, password = neo4j_server
    monkeypatch.setenv("NEO4J_USER", user)
    monkeypatch.setenv("NEO4J_PASSWORD", password)
    auth = ["--uri", uri, "--user", user]   # the password: NEO4J_PASSWORD, set above
    page, snap = tmp_path / "anji.txt", tmp_path / "snap"
    page.write_text(PAGE.format(chair="李青山", speaker="周明远"), encoding="utf-8")
    with connect(uri, user, password) as driver:
        clear_database(driver)
    code, out, err = run(capsys, "build", page, "--out", snap, "--workers", "1")
    assert code == 0, err
    code, out, err = run(capsys, "load", "--snapshot", snap, *auth)
    assert code == 0 and "(resolved)" in out, err
    first = database(uri, user, password)
    assert first == resolved(snap) and first[2]["李青山"] == 1 and first[2]["周明远"] == 1
    code, out, err = run(capsys, "load", "--snapshot", snap, *auth)   # again: no duplicates
    assert code == 0 and database(uri, user, password) == first

    # the page is corrected: another chair; rebuilding replaces the old article and its triples
    page.write_text(PAGE.format(chair="陈国栋", speaker="周明远"), encoding="utf-8")
    code, out, err = run(capsys, "build", page, "--out", snap, "--workers", "1", "--neo4j", uri)
    assert code == 0, err
    assert "deleted" in out
    after = database(uri, user, password)
    assert after == resolved(snap)
    assert "李青山" not in after[2] and after[2]["陈国栋"] == 1 and after[2]["周明远"] == 1
    arts = read_snapshot(snap).articles
    assert len(arts) == 2 and all("李青山" not in a["text"] for a in arts)

    # --remove (repeatable) takes an article and its triples out, in the snapshot and in Neo4j
    tour = next(a["id"] for a in arts if a["title"].startswith("天荒坪镇"))
    code, out, err = run(capsys, "build", "--remove", tour, "--out", snap, "--neo4j", uri)
    assert code == 0 and tour in out, err
    final = database(uri, user, password)
    assert final == resolved(snap) and len(final[1]) < len(after[1])
    with connect(uri, user, password) as driver:
        _, rows = run_query(driver, "MATCH ()-[r]->() WHERE r.article_id = $a RETURN count(r)", params={"a": tour})
        assert rows[0][0] == 0
        _, rows = run_query(driver, "MATCH (a:Article {id: $a}) RETURN count(a)", params={"a": tour})
        assert rows[0][0] == 0


def test_remove_errors_are_one_line(capsys, tmp_path):
    code, out, err = run(capsys, "build", "--out", tmp_path / "nope")
    assert code == 2 and err.count("\n") == 1
    page, snap = tmp_path / "p.txt", tmp_path / "snap"
    page.write_text(PAGE.format(chair="李青山", speaker="周明远"), encoding="utf-8")
    assert run(capsys, "build", page, "--out", snap, "--workers", "1")[0] == 0
    code, out, err = run(capsys, "build", "--remove", "art-0000000000000000", "--out", snap)
    assert code == 4 and err.startswith("govkg: ") and err.count("\n") == 1 and "art-0000000000000000" in err
