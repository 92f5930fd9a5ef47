"""The malformed-file table (tests/malformed_inputs.py) through the CLI: each bad file beside a good
one, all in one `govkg extract` and one `govkg build`. No crash, no internal error, one line per
problem naming the file, exit code 2, every good file extracted, and no pair takes over 10 s."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from govkg.graph.store import read_snapshot
from malformed_inputs import CASES, make_pairs

CLI = [sys.executable, "-c", "from govkg.cli import run; run()"]
LIMIT_BYTES = "4000000"


@pytest.fixture(scope="module")
def pairs(tmp_path_factory):
    return make_pairs(tmp_path_factory.mktemp("malformed"))


def _env():
    return dict(os.environ, GOVKG_MAX_FILE_BYTES=LIMIT_BYTES)


def _paths(pairs):
    return [str(p) for _, bad, good, _ in pairs for p in (bad, good)]


def test_extract_reports_each_bad_file_in_one_line_and_extracts_every_good_one(pairs):
    proc = subprocess.Popen(CLI + ["extract", *_paths(pairs)], env=_env(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    started, arrived = time.monotonic(), {}
    for line in proc.stdout:  # each file's triples are flushed together, when it is done
        arrived.setdefault(json.loads(line)["source"], time.monotonic())
    err = proc.stderr.read()
    assert proc.wait(timeout=600) == 2, err
    lines = err.splitlines()
    assert all(ln.startswith("govkg: ") for ln in lines), err
    assert "internal error" not in err and "Traceback" not in err
    for case, bad, good, name in pairs:
        mine = [ln for ln in lines if str(bad) in ln and not ln.startswith("govkg: note: ")]  # notes: input left out on purpose
        if case.error:
            assert mine and all(case.error in ln or "line skipped" in ln or "without a date" in ln
                                for ln in mine), (case.name, mine)
            assert any(case.error in ln for ln in mine), (case.name, mine)
        else:
            assert not mine, (case.name, mine)
        assert str(good) in arrived, f"{good} (beside {case.name}) was not extracted"
    # each bad file and the good one beside it took under 10 s (the first pair waits for the model)
    times = [arrived[str(good)] for _, _, good, _ in pairs]
    pair_seconds = {c.name: b - a for (c, *_), a, b in zip(pairs[1:], times, times[1:])}
    assert max(pair_seconds.values()) < 10.0, pair_seconds
    assert time.monotonic() - started < 600


def test_good_triples_are_there(pairs, tmp_path):
    out = tmp_path / "triples.jsonl"
    r = subprocess.run(CLI + ["extract", *_paths(pairs), "-o", str(out)], env=_env(), capture_output=True,
                       text=True, timeout=600)
    assert r.returncode == 2
    holds = {(t["subject"], t["source"]) for t in map(json.loads, out.read_text(encoding="utf-8").splitlines())
             if t["predicate"] == "HOLDS"}
    for case, _bad, good, name in pairs:
        assert (name, str(good)) in holds, (case.name, name)


def test_build_writes_a_snapshot_of_every_good_file(pairs, tmp_path):
    out = tmp_path / "snap"
    r = subprocess.run(CLI + ["build", *_paths(pairs), "--out", str(out)], env=_env(), capture_output=True,
                       text=True, timeout=600)
    assert r.returncode == 2, r.stderr
    assert "internal error" not in r.stderr and "Traceback" not in r.stderr
    assert all(ln.startswith("govkg: ") for ln in r.stderr.splitlines() if ln.strip()), r.stderr
    snap = read_snapshot(out)
    people = {n["name"] for n in snap.nodes if n["label"] == "Person"}
    inputs = snap.manifest["inputs"]
    for case, bad, good, name in pairs:
        assert name in people, case.name
        assert str(good) in inputs, case.name
        if case.error:
            assert str(bad) not in inputs, case.name  # read again next time


def test_table_has_forty_cases():
    assert len(CASES) == 40 and len({c.name for c in CASES}) == 40


def test_unreadable_file_as_a_non_root_user():
    """A file its reader may not read is one error; the good file beside it is still extracted
    (run as user nobody when the tests run as root, who reads everything)."""
    tmp_path = Path(tempfile.mkdtemp(prefix="govkg-unreadable-"))
    tmp_path.chmod(0o755)
    good = tmp_path / "good.txt"
    good.write_text("3月12日，青山区召开推进会。区委书记李明远主持会议并讲话。", encoding="utf-8")
    bad = tmp_path / "secret.txt"
    bad.write_text("3月12日，青山区召开推进会。", encoding="utf-8")
    bad.chmod(0)
    cmd = CLI + ["extract", str(bad), str(good), "--segmenter", "jieba"]
    if os.geteuid() == 0:  # root reads everything: run as nobody
        cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] + cmd
    env = dict(os.environ, HOME=str(tmp_path))
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=300, env=env, cwd=tmp_path)
    finally:
        shutil.rmtree(tmp_path, ignore_errors=True)
    assert r.returncode == 2, r.stderr
    errors = [ln for ln in r.stderr.splitlines() if not ln.startswith("govkg: note: ")]  # (no worker processes as nobody here)
    assert errors == [f"govkg: {bad}: cannot read (Permission denied)"], r.stderr
    assert any(json.loads(t)["subject"] == "李明远" for t in r.stdout.splitlines())


def test_an_output_path_that_cannot_be_written_is_one_line(tmp_path, capsys):
    from govkg.cli import main
    assert main(["extract", str(tmp_path / "nothing.txt"), "-o", str(tmp_path)]) == 74
    err = capsys.readouterr().err
    assert err == f"govkg: {tmp_path}: Is a directory\n"
