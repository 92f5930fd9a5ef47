"""Property-based tests (Hypothesis) of reading and extraction: whatever the input, no exception but
InputError escapes reading, and every triple keeps the output contract (non-blank names without
control characters, types per predicate, offsets that slice the evidence out of the article)."""
import datetime
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govkg.errors import InputError
from govkg.extract.contract import violations
from govkg.extract.read import Document, _iso_date, clean_text, decode_bytes, read_jsonl_file
from govkg.extract.relations import MAX_SENTENCE, sentences
from govkg.extract.split import split_document

SETTINGS = settings(max_examples=200, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# pieces of news sentences written for these tests (made-up names and places)
DATES = ["3月12日", "11月18日、25日", "2021年7月15日", "昨天下午", "13月45日", "二〇二〇年五月"]
PEOPLE = ["区委书记李明远", "区委副书记、区长赵文华", "市委常委、组织部长周建国", "县长王海涛", "他", "记者 张小红"]
EVENTS = ["召开城市更新工作推进会", "主持会议并讲话", "出席会议", "带队到和平社区调研", "来到幸福里小区察看",
          "举行第三十次会议", "听取了“双改”工作情况的汇报", "对乡村振兴等工作进行了部署"]
GLUE = ["，", "。", "；", "\n", "\n\n", "、", "“", "”", "（", "）", " ", "\u3000", "！", "本报讯 ", "■ ", "：", "\u2028"]
piece = st.one_of(st.sampled_from(DATES), st.sampled_from(PEOPLE), st.sampled_from(EVENTS), st.sampled_from(GLUE),
                  st.text(max_size=6))
pages = st.lists(piece, max_size=60).map("".join)


@SETTINGS
@given(pages, st.sampled_from([None, "2022-03-01"]), st.sampled_from([None, "", "\n", "青山区召开推进会"]))
def test_every_triple_keeps_the_contract(extractor, text, date, title):
    doc = Document(text=text, source="<prop>", kind="article" if title is not None else "page", title=title,
                   date=date)
    errors = []
    articles = split_document(doc)
    triples = extractor.extract_articles(articles, errors)
    assert errors == []
    texts = {a.id: a.text for a in articles}
    for t in triples:
        assert violations(t, texts[t["article_id"]]) == [], t
    for a in articles:
        assert a.name.strip() and "\n" not in a.name


@SETTINGS
@given(st.binary(max_size=400))
def test_decoding_any_bytes_gives_text_or_one_input_error(data):
    try:
        text = decode_bytes(data, name="x.txt")
    except InputError as e:
        assert str(e).startswith("x.txt: ") and "\n" not in str(e)
    else:
        assert "\r" not in text


@SETTINGS
@given(st.lists(st.one_of(
    st.text(max_size=40),
    st.builds(lambda t, d, x: json.dumps({"title": t, "date": d, "text": x}, ensure_ascii=False),
              st.one_of(st.none(), st.text(max_size=8), st.integers()),
              st.one_of(st.none(), st.text(max_size=12), st.integers(), st.sampled_from(["2022-04-31", "0000-01-01"])),
              st.one_of(pages, st.integers(), st.none()))), max_size=6))
def test_json_lines_of_anything_give_documents_or_errors_naming_the_line(tmp_path_factory, lines):
    p = tmp_path_factory.mktemp("jl") / "x.jsonl"
    p.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
    try:
        docs, errors = read_jsonl_file(p)
    except InputError as e:
        assert str(e).startswith(f"{p}: ") and "\n" not in str(e)
        return
    for e in errors:
        assert isinstance(e, InputError) and str(e).startswith(f"{p}") and "\n" not in str(e)
    for d in docs:
        assert d.date is None or datetime.date.fromisoformat(d.date)


@SETTINGS
@given(st.one_of(st.text(max_size=30), st.integers(), st.none(), st.floats(), st.lists(st.integers())))
def test_record_dates_are_real_days_or_none(value):
    iso = _iso_date(value)
    assert iso is None or datetime.date.fromisoformat(iso).isoformat() == iso


@SETTINGS
@given(st.text())
def test_clean_text_leaves_no_control_character(text):
    out = clean_text(text)
    assert len(out) == len(text)  # character for character: offsets into the input hold
    assert not any((ord(c) < 32 and c != "\n") or 0x7f <= ord(c) <= 0x9f or 0xD800 <= ord(c) <= 0xDFFF
                   or c in "\u2028\u2029" for c in out)
    assert clean_text(out) == out


@SETTINGS
@given(st.lists(st.sampled_from(list("会议，。,\n ！”") + ["长" * 300]), max_size=60).map("".join))
def test_sentences_cover_the_text_in_bounded_pieces(text):
    spans = sentences(text)
    assert spans == sorted(spans) and all(s < e <= n for (s, e), (n, _) in zip(spans, spans[1:] + [(len(text), 0)]))
    assert all(e - s <= MAX_SENTENCE and text[s:e].strip() for s, e in spans)
    covered = set()
    for s, e in spans:
        covered.update(range(s, e))
    assert all(i in covered for i, c in enumerate(text) if not c.isspace())
