"""The gazetteer: ordinary words are not counties; a province's short form is the province."""
from __future__ import annotations

from govkg.graph.places import gazetteer


def test_ordinary_words_do_not_place_an_article():
    g = gazetteer()
    text = ("会议强调，绿水青山就是金山银山，要加强资源节约和国际合作，推动乡村振兴和民族复兴，"
            "建设人民安居乐业的美丽家园。")
    assert g.article_locality("深化合作 共促振兴", text) is None
    # the full names still count
    code = g.article_locality("资源县召开会议", "资源县委书记出席会议。")
    assert code and g.full_name(code).endswith("资源县")


def test_a_province_short_form_is_the_province():
    g = gazetteer()
    code = g.article_locality("京津冀协同发展", "天津、河北两地负责同志参加会议，河北省委书记讲话。")
    assert g.by_code[code].level == "province" and g.by_code[code].name in ("河北省", "天津市")
    counts = g.codes_in("天津、河北两地")
    assert all(not g.full_name(c).endswith("河北区") for c in counts)
