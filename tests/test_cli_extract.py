"""`govkg extract`: the JSON Lines contract, and bad input beside good input."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "erqi-2020-11.txt"
CONTRACT = ("subject", "subject_type", "predicate", "object", "object_type")
PROVENANCE = ("article_id", "evidence", "start", "end", "rule", "confidence", "source")


def govkg(*args, **kw):
    return subprocess.run([sys.executable, "-m", "govkg", *map(str, args)], capture_output=True, text=True, **kw)


@pytest.fixture(scope="module")
def example_lines():
    run = govkg("extract", EXAMPLE, "--format", "jsonl")
    assert run.returncode == 0, run.stderr
    return [json.loads(line) for line in run.stdout.splitlines()]


def test_every_line_has_the_contract_and_provenance(example_lines):
    from govkg.extract.split import split_document
    from govkg.extract.read import read_text_file
    texts = {a.id: a.text for a in split_document(read_text_file(EXAMPLE))}
    assert len(example_lines) >= 50  # the quality on this page is checked in tests/extract/test_learned.py
    for t in example_lines:
        assert list(t)[:5] == list(CONTRACT)
        assert all(k in t for k in PROVENANCE)
        # the evidence sentence sits at its offsets in the article
        assert texts[t["article_id"]][t["start"]:t["end"]].strip() == t["evidence"]
    assert {"subject": "时博", "subject_type": "Person", "predicate": "CHAIRED",
            "object": "村（社区）“两委”换届工作推进会", "object_type": "Meeting"}.items() <= \
        next(t for t in example_lines if t["subject"] == "时博" and t["predicate"] == "CHAIRED").items()


def test_year_option_dates_the_meetings():
    run = govkg("extract", EXAMPLE, "--year", "2020")
    dates = {json.loads(l)["object"] for l in run.stdout.splitlines() if '"HELD_ON"' in l}
    assert "2020-11-18" in dates and not any(d.startswith("--") for d in dates)


def test_table_format():
    run = govkg("extract", EXAMPLE, "--format", "table")
    assert run.returncode == 0 and "CHAIRED" in run.stdout and "时博" in run.stdout


def test_bad_inputs_are_reported_and_the_good_ones_still_processed(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "english.txt").write_text("The county held a meeting on road repairs.", encoding="utf-8")
    jl = tmp_path / "news.jsonl"
    jl.write_text('{oops\n' + json.dumps({"title": "会议", "date": "2020-11-19",
                                           "text": "19日，二七区委人大工作会议召开。区委书记陈红民出席会议并讲话。"},
                                          ensure_ascii=False) + "\n", encoding="utf-8")
    good = tmp_path / "page.txt"
    good.write_bytes(EXAMPLE.read_text(encoding="utf-8").encode("gb18030"))
    run = govkg("extract", tmp_path / "empty.txt", tmp_path / "binary.txt", tmp_path / "english.txt", jl,
                tmp_path / "missing.txt", good)
    assert run.returncode == 2
    errors = run.stderr.strip().splitlines()
    assert len(errors) == 5 and "Traceback" not in run.stderr
    for name in ("empty.txt", "binary.txt", "english.txt", "news.jsonl:1", "missing.txt"):
        assert sum(name in e for e in errors) == 1, name
    out = [json.loads(l) for l in run.stdout.splitlines()]
    assert any(t["subject"] == "时博" for t in out)                     # the GB18030 page
    assert ("陈红民", "SPOKE_AT", "2020-11-19") not in out
    assert any(t["object"] == "2020-11-19" and t["predicate"] == "HELD_ON" for t in out)  # the JSONL record's date


def test_output_file(tmp_path):
    out = tmp_path / "t.jsonl"
    run = govkg("extract", EXAMPLE, "-o", out)
    assert run.returncode == 0 and run.stdout == ""
    assert len(out.read_text(encoding="utf-8").splitlines()) >= 50
