"""Traditional Chinese is read like Simplified and reported as written; other scripts are refused."""
import pytest

from govkg.errors import InputError
from govkg.extract.script import check_script, is_traditional, to_simplified
from pages import CHANGXING


def test_conversion_keeps_every_character_in_its_place():
    trad = "本報訊（記者 周海燕）5月11日，縣委書記王建華主持召開縣委常委會會議。"
    simp = to_simplified(trad)
    assert len(simp) == len(trad) and simp.startswith("本报讯（记者 周海燕）") and "县委书记王建华" in simp
    assert is_traditional(trad) and not is_traditional(simp)


def test_a_traditional_page_gives_the_same_triples_written_in_traditional(extractor, tmp_path):
    import opencc
    trad = opencc.OpenCC("s2t").convert(CHANGXING)
    (tmp_path / "simp.txt").write_text(CHANGXING, encoding="utf-8")
    (tmp_path / "trad.txt").write_text(trad, encoding="utf-8")
    simp, got = (extractor.extract_file(tmp_path / name) for name in ("simp.txt", "trad.txt"))
    assert not simp.errors and not got.errors
    to_trad = opencc.OpenCC("s2t").convert
    assert {(t["subject"], t["predicate"], t["object"]) for t in got.triples} == \
        {(to_trad(t["subject"]), t["predicate"], to_trad(t["object"])) for t in simp.triples}
    assert ("周海燕", "REPORTED", "縣委常委會召開會議研究部署防汛工作") in \
        {(t["subject"], t["predicate"], t["object"]) for t in got.triples}
    assert [a.title for a in got.articles] == [to_trad(a.title) for a in simp.articles]
    texts = {a.id: a.text for a in got.articles}
    for t in got.triples:  # names and evidence as the file writes them, at the reported offsets
        assert "".join(trad[a:b] for a, b in t["input_spans"]) == t["evidence"] == texts[t["article_id"]][t["start"]:t["end"]]
        if t["subject_type"] == "Person":
            assert t["subject"] in trad.replace(" ", "")  # 徐 靜 is written spaced


@pytest.mark.parametrize("text,script", [
    ("県知事は会議を開き、地域の防災について話し合いました。これからも続けていきます。" * 2, "Japanese"),
    ("군수는 회의를 열고 지역 방재에 대해 논의했습니다. 앞으로도 계속할 것입니다." * 2, "Korean"),
])
def test_a_script_govkg_cannot_read_gets_one_line(extractor, tmp_path, text, script):
    with pytest.raises(InputError, match=script):
        check_script(text, "page.txt")
    (tmp_path / "page.txt").write_text(text, encoding="utf-8")
    res = extractor.extract_file(tmp_path / "page.txt")
    assert len(res.errors) == 1 and not res.triples
    message = str(res.errors[0])
    assert "\n" not in message and message.startswith(str(tmp_path / "page.txt"))
    assert "no Chinese" in message or script in message
