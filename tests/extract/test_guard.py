"""Per-article budgets and isolation (govkg.extract.guard) and the contract (govkg.extract.contract)."""
import pytest

from govkg.errors import ExtractionError
from govkg.extract.guard import Guard, skipped_ids
from govkg.extract.read import Document
from govkg.extract.split import split_document


def articles(text="本报讯 3月12日，青山区召开推进会。区委书记李明远主持会议并讲话。\n记者 马林\n\n"
                  "本报讯 4月8日，县委书记王海涛主持召开乡村振兴工作会议。\n"):
    return split_document(Document(text=text, source="page.txt"))


def test_an_article_over_the_size_budget_is_skipped_with_one_line():
    art = articles()[0]
    errors = []
    assert Guard(max_chars=10).run(art, lambda: "done", errors) is None
    assert len(errors) == 1 and "over the limit of 10 for one article" in str(errors[0])
    assert str(errors[0]).startswith("page.txt: article “") and skipped_ids(errors) == {art.id}


@pytest.mark.timeout(60)
def test_an_article_over_the_time_budget_is_stopped():
    errors = []

    def spin():
        while True:
            pass
    assert Guard(max_seconds=0.3).run(articles()[0], spin, errors) is None
    assert "took over 0.3 s of CPU time" in str(errors[0]) and isinstance(errors[0], ExtractionError)


def test_a_failing_rule_skips_its_article_only(extractor, monkeypatch):
    arts = articles()
    calls = []
    real = extractor.component._relations.extract

    def flaky(art, **kw):
        calls.append(art.id)
        if len(calls) == 1:
            raise KeyError("a bug")
        return real(art, **kw)
    monkeypatch.setattr(extractor.component._relations, "extract", flaky)
    errors = []
    triples = extractor.extract_articles(arts, errors)
    assert len(errors) == 1 and "extraction failed (KeyError: 'a bug')" in str(errors[0])
    assert triples and {t["article_id"] for t in triples} == {arts[1].id}
    with pytest.raises(ExtractionError):  # without an error list, the library raises it
        calls.clear()
        extractor.extract_articles(arts)


def test_triples_breaking_the_contract_are_dropped_and_reported():
    art = articles()[0]
    good = {"subject": "李明远", "subject_type": "Person", "predicate": "HOLDS", "object": "区委书记",
            "object_type": "Position", "article_id": art.id, "evidence": art.text[:5], "start": 0, "end": 5}
    bad = [dict(good, object=" "), dict(good, object_type="Place"), dict(good, end=4), dict(good, predicate="LIKES")]
    errors = []
    assert Guard.keep_contract(art, [good] + bad, errors) == [good]
    assert len(errors) == 1 and "4 triple(s) broke the output contract" in str(errors[0])
    assert skipped_ids(errors) == set()  # the article itself is kept


def test_the_same_article_twice_is_read_once(tmp_path, extractor):
    """Two copies differing only in white space share an id; offsets must slice one text."""
    from govkg.extract.contract import violations
    page = tmp_path / "page.txt"
    one = "本报讯 3月12日，青山区召开推进会。区委书记李明远主持会议并讲话。\n记者 马林\n\n"
    page.write_text(one + one.replace("记者 马林", "记者  马林").replace("本报讯 ", "本报讯  "), encoding="utf-8")
    res = extractor.extract_file(page)
    assert len(res.articles) == 1 and res.errors == []
    text = res.articles[0].text
    assert res.triples and all(violations(t, text) == [] for t in res.triples)
