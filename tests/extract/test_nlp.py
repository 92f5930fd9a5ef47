"""The spaCy pipeline: registered component, segmenters, disk round trip, missing-model errors."""
import pytest
import spacy

from govkg.errors import ModelNotFound
from govkg.extract.nlp import make_nlp

SENTENCE = "会议由区委副书记时博主持，区委书记陈红民出席并讲话。"  # erqi-2020-11


@pytest.fixture(scope="module")
def nlp_jieba():
    return make_nlp(segmenter="jieba")


def test_component_is_registered_and_fills_the_doc(nlp_jieba):
    assert "govkg_extractor" in nlp_jieba.pipe_names
    doc = nlp_jieba(SENTENCE)
    assert {(t["subject"], t["predicate"], t["object"]) for t in doc._.govkg_triples} >= {
        ("时博", "HOLDS", "区委副书记"), ("陈红民", "HOLDS", "区委书记")}
    assert {sp.text for sp in doc.spans["govkg_people"]} == {"区委副书记时博", "区委书记陈红民"}


def test_pkuseg_keeps_governance_words_whole(extractor):
    words = [t.text for t in extractor.nlp.make_doc("区委常委、组织部长、社治委主任王升建通报换届工作推进会")]
    assert "组织部长" in words and "社治委主任" in words or "社治委" in words
    assert "推进会" in words


def test_both_segmenters_give_the_same_triples(extractor, nlp_jieba):
    from govkg.extract.read import Document
    from govkg.extract.split import split_document
    from pathlib import Path
    page = (Path(__file__).resolve().parents[2] / "examples" / "erqi-2020-11.txt").read_text(encoding="utf-8")
    arts = split_document(Document(text=page, source="x"))
    from govkg.extract.pipeline import Extractor
    a = {(t["subject"], t["predicate"], t["object"]) for t in extractor.extract_articles(arts)}
    b = {(t["subject"], t["predicate"], t["object"]) for t in Extractor(nlp=nlp_jieba).extract_articles(arts)}
    assert len(a) > 50 and a == b


def test_to_disk_from_disk_round_trip(tmp_path, nlp_jieba):
    comp = nlp_jieba.get_pipe("govkg_extractor")
    comp.to_disk(tmp_path / "lex")
    # a user extends a lexicon file; the reloaded component uses it
    with open(tmp_path / "lex" / "titles.txt", "a", encoding="utf-8") as f:
        f.write("\n首席研究员\n")
    other = make_nlp(segmenter="jieba").get_pipe("govkg_extractor")
    other.from_disk(tmp_path / "lex")
    assert "首席研究员" in other.lexicon.titles
    assert other.lexicon.meetings == comp.lexicon.meetings
    people = other.finder.titled_people("本院首席研究员张三表示，")
    assert [p.name for p in people] == ["张三"]


def test_missing_pkuseg_model_says_what_to_do(tmp_path):
    with pytest.raises(ModelNotFound, match="govkg.extract.models fetch"):
        make_nlp(segmenter="pkuseg", pkuseg_model=tmp_path / "nowhere")


def test_unknown_segmenter():
    with pytest.raises(ModelNotFound, match="jieba"):
        make_nlp(segmenter="thulac")
