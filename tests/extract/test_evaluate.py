"""`govkg eval` agrees with the shared scorer on the worked example."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from govkg.extract.evaluate import match, same

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "eval"


@pytest.mark.parametrize("gold,pred,kind,ok", [
    ("区委书记", "二七区委书记", "Position", True),
    ("区长", "副区长", "Position", False),
    ("人大工作", "人大", "Project", True),
    ("李家庄村", "云川市青石区柳河镇李家庄村", "Place", True),
    ("--11-18", "2020-11-18", "Date", True),
    ("2021-11-18", "2020-11-18", "Date", False),
    ("11月28日，二七区召开村（社区）“两委”换届", "11月28日，二七区召开村（社区）“两委”", "Article", True),
])
def test_matching_rules(gold, pred, kind, ok):
    assert same(gold, pred, kind) is ok


def test_one_to_one_matching():
    g = [{"subject": "甲", "subject_type": "Person", "predicate": "HOLDS", "object": "区委书记", "object_type": "Position"}]
    p = [dict(g[0]), dict(g[0], object="二七区委书记")]
    tp, fn, fp = match(g, p)
    assert (tp["HOLDS"], fn["HOLDS"], fp["HOLDS"]) == (1, 0, 1)


@pytest.mark.skipif(not (SHARED / "score.py").exists(), reason="the shared scorer is not beside the repository")
def test_govkg_eval_agrees_with_the_shared_scorer():
    govkg = [sys.executable, "-m", "govkg"]
    ours = json.loads(subprocess.run(govkg + ["eval", str(SHARED / "dev"), "--json"], capture_output=True,
                                     text=True, check=True).stdout)
    theirs = json.loads(subprocess.run(
        [sys.executable, str(SHARED / "score.py"), "--dir", str(SHARED / "dev"), "--pred-cmd",
         f"{sys.executable} -m govkg extract {{file}} --format jsonl", "--json"],
        capture_output=True, text=True, check=True).stdout)
    for key in ("tp", "fp", "fn", "f1", "macro_f1"):
        assert ours["total"][key] == pytest.approx(theirs["total"][key])
    assert theirs["total"]["f1"] >= 0.95 and theirs["total"]["macro_f1"] >= 0.90
