"""Traditional Chinese is read like Simplified and reported as written; other scripts are refused."""
import json
import subprocess
import sys

import pytest

from govkg.errors import InputError
from govkg.extract.script import check_script, is_traditional, to_simplified
from test_page import CHANGXING


def govkg(*args):
    return subprocess.run([sys.executable, "-m", "govkg", *map(str, args)], capture_output=True, text=True)


def test_conversion_keeps_every_character_in_its_place():
    trad = "本報訊（記者 周海燕）5月11日，縣委書記王建華主持召開縣委常委會會議。"
    simp = to_simplified(trad)
    assert len(simp) == len(trad) and simp.startswith("本报讯（记者 周海燕）") and "县委书记王建华" in simp
    assert is_traditional(trad) and not is_traditional(simp)


def test_a_traditional_page_gives_the_same_triples_written_in_traditional(tmp_path):
    import opencc
    trad = opencc.OpenCC("s2t").convert(CHANGXING)
    (tmp_path / "simp.txt").write_text(CHANGXING, encoding="utf-8")
    (tmp_path / "trad.txt").write_text(trad, encoding="utf-8")
    runs = {name: govkg("extract", tmp_path / name, "--all-evidence") for name in ("simp.txt", "trad.txt")}
    assert all(r.returncode == 0 for r in runs.values()), runs
    simp = [json.loads(l) for l in runs["simp.txt"].stdout.splitlines()]
    got = [json.loads(l) for l in runs["trad.txt"].stdout.splitlines()]
    to_trad = opencc.OpenCC("s2t").convert
    assert {(t["subject"], t["predicate"], t["object"]) for t in got} == \
        {(to_trad(t["subject"]), t["predicate"], to_trad(t["object"])) for t in simp}
    assert ("周海燕", "REPORTED", "縣委常委會召開會議研究部署防汛工作") in {(t["subject"], t["predicate"], t["object"]) for t in got}
    source = trad.replace("\r\n", "\n")
    for t in got:  # names and evidence as the file writes them, at the reported offsets
        assert "".join(source[a:b] for a, b in t["input_spans"]) == t["evidence"]
        if t["subject_type"] == "Person":
            assert t["subject"] in source.replace(" ", "")  # 徐 靜 is written spaced


@pytest.mark.parametrize("text,script", [
    ("県知事は会議を開き、地域の防災について話し合いました。これからも続けていきます。" * 2, "Japanese"),
    ("군수는 회의를 열고 지역 방재에 대해 논의했습니다. 앞으로도 계속할 것입니다." * 2, "Korean"),
])
def test_a_script_govkg_cannot_read_gets_one_line(tmp_path, text, script):
    check = pytest.raises(InputError, match=script)
    with check:
        check_script(text, "page.txt")
    (tmp_path / "page.txt").write_text(text, encoding="utf-8")
    (tmp_path / "good.txt").write_text(CHANGXING, encoding="utf-8")
    run = govkg("extract", tmp_path)
    assert run.returncode == 2 and run.stdout.count("\n") > 5
    lines = [l for l in run.stderr.splitlines() if l.strip()]
    assert len(lines) == 1 and "page.txt" in lines[0] and ("no Chinese" in lines[0] or script in lines[0])


def test_no_chinese_gets_one_line(tmp_path):
    (tmp_path / "en.txt").write_text("The county held a meeting on flood control today.", encoding="utf-8")
    run = govkg("extract", tmp_path / "en.txt")
    assert run.returncode == 2 and run.stderr.strip().count("\n") == 0 and "en.txt" in run.stderr
