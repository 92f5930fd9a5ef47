"""The README's Cypher, run as written against the real Neo4j loaded with the example page.

Every ``govkg query`` command of the README's "Questions in Cypher" block is taken from the
README (not copied here), run with ``--format csv``, and its rows compared with the ``#   `` lines
under it (a line ending in `` …`` is a prefix, and more rows may follow the last one).
"""
from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from analysis_fixtures import *  # noqa: F401,F403  (fixtures)

from govkg.cli import main
from govkg.graph import queries as Q
from govkg.graph.neo4j import clear_database, connect, load_snapshot
from govkg.graph.profile import person_profile, profile_from_neo4j
from govkg.graph.store import read_snapshot

pytestmark = pytest.mark.neo4j
README = Path(__file__).resolve().parents[2] / "README.md"


def readme_questions():
    """``[(title, argv, expected lines)]`` of the README's Cypher block."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("### Questions in Cypher"):]
    block = re.search(r"```bash\n(.*?)```", section, re.S).group(1)
    out = []
    for chunk in re.split(r"\n\s*\n", block.strip()):
        lines = chunk.splitlines()
        title = lines[0]
        expected = [ln[len("#   "):] for ln in lines if ln.startswith("#   ")]
        command = "\n".join(ln for ln in lines[1:] if not ln.startswith("#"))
        argv = shlex.split(command.replace("\\\n", " "))   # as bash reads it: \$ in double quotes is $
        out.append((title, [a.replace("\\$", "$") for a in argv], expected))
    return out


QUESTIONS = readme_questions()


@pytest.fixture(scope="module")
def loaded(example_snapshot_dir, neo4j_server):
    uri, user, password = neo4j_server
    with connect(uri, user, password) as driver, pytest.MonkeyPatch.context() as mp:
        clear_database(driver)
        load_snapshot(driver, example_snapshot_dir, resolved=True, mirror=True)
        mp.setenv("NEO4J_PASSWORD", password)   # the CLI reads it there, never from an argument
        yield driver, ["--uri", uri, "--user", user]


def test_the_readme_has_the_seven_questions():
    titles = [t for t, _, _ in QUESTIONS]
    assert len(QUESTIONS) == 7 and all(argv[:2] == ["govkg", "query"] for _, argv, _ in QUESTIONS)
    assert "who was 区委书记 of 二七区 on 2020-11-20" in titles[5]
    assert "every post 苏建设 held, in order" in titles[6]
    flat = lambda q: " ".join(q.split())  # noqa: E731
    assert flat(QUESTIONS[5][1][2]) == flat(Q.HOLDERS) and flat(QUESTIONS[6][1][2]) == flat(Q.POSTS_IN_ORDER)


@pytest.mark.parametrize("k", range(len(QUESTIONS)))
def test_readme_question_gives_the_documented_rows(k, loaded, capsys):
    title, argv, expected = QUESTIONS[k]
    code = main(argv[1:] + ["--format", "csv", *loaded[1]])
    out, err = capsys.readouterr()
    assert code == 0, err
    rows = out.splitlines()[1:]
    assert expected, title
    more = expected[-1].endswith(" …")
    assert len(rows) == len(expected) or (more and len(rows) > len(expected)), (title, rows)
    for want, got in zip(expected, rows):
        assert got.startswith(want[:-2]) if want.endswith(" …") else got == want, (title, got)


def test_holders_from_the_snapshot_equal_the_cypher(loaded, example_resolved, capsys):
    from govkg.graph.profile import holders
    _, argv, expected = QUESTIONS[5]
    rows = holders(example_resolved, "区委书记", of="二七区", on="2020-11-20")
    assert [f"{r['person']},{r['post']},{r['first_seen']},{r['last_seen']}" for r in rows] == expected


def test_profile_from_neo4j_equals_the_snapshot_profile(loaded, example_snapshot_dir):
    want = person_profile(read_snapshot(example_snapshot_dir, resolved=True), "陈红民")
    got = profile_from_neo4j(loaded[0], "陈红民")
    assert got == want and want["people"][0]["posts"]
