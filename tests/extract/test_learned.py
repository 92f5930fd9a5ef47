"""The learned parts: the shipped models, what they are trained on, and what they do.

Sentences here are written for the test. The figures on the worked example page are read from
``../shared/eval/dev`` at run time; the rebuild test reads the corpus texts from ``../shared``.
"""
import filecmp
import json
import os
from pathlib import Path

import pytest

from govkg.extract.ner import MODEL_DIR, MentionTagger
from govkg.extract.roles import RoleScorer
from govkg.learn.train import load_config

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


def test_shipped_models_are_trained_only_on_shared_and_committed_data():
    ner = json.loads((MODEL_DIR / "ner.json").read_text(encoding="utf-8"))
    roles = json.loads((MODEL_DIR / "roles.json").read_text(encoding="utf-8"))
    cfg = load_config()
    for meta, part in ((ner, "ner"), (roles, "roles")):
        assert meta["corpus"] == cfg[part]["corpus"]
        assert not any("local-pages" in c or "heldout" in c for c in meta["corpus"])  # measured, never trained on
        assert set(meta["exclude_batches"]) == set(cfg[part]["exclude_batches"])
    assert set(roles["thresholds"]) >= {"CHAIRED", "SPOKE_AT", "ATTENDED", "INSPECTED", "CONCERNS"}
    assert all(m in ("learned", "rules", "either") for m in roles["modes"].values())
    assert roles["cv"]["total"]["f1"] > 0.5  # the cross-validated figure govkg train printed


def test_mention_tagger_marks_names_posts_and_meetings():
    tagger = MentionTagger()
    text = "县委书记欧阳明主持召开县委理论学习中心组（扩大）学习会。副县长秦立华参加。"
    got = {(text[s:e], lab) for s, e, lab, _p in tagger.tag(text)}
    assert ("欧阳明", "PER") in got and ("县委书记", "POS") in got
    assert ("秦立华", "PER") in got and ("副县长", "POS") in got
    assert any(lab == "MTG" and "学习会" in t for t, lab in got)
    assert all(0.0 < p <= 1.0 for *_x, p in tagger.tag(text))


def test_tagger_reads_one_sentence_at_a_time():
    tagger = MentionTagger()
    text = "全县防汛工作推进会召开。会议要求各乡镇严格值守。"
    assert all("。" not in text[s:e] for s, e, _lab, _p in tagger.tag(text))


def test_scored_triples_carry_a_probability(learned_triples_of, extractor):
    from govkg.extract.read import Document
    from govkg.extract.split import split_document
    text = "3月2日，县委书记欧阳明主持召开县委常委会会议，研究部署春季森林防火工作。县长秦立华出席会议并讲话。"
    arts = split_document(Document(text=text, source="<test>", kind="article"))
    triples = extractor.extract_articles(arts)
    scored = [t for t in triples if t["rule"].startswith("scored:")]
    assert scored, "the role scorer decided nothing"
    assert all(0.0 < t["confidence"] <= 1.0 for t in scored)
    got = {(t["subject"], t["predicate"], t["object"]) for t in triples}
    assert ("欧阳明", "CHAIRED", "县委常委会会议") in got
    assert ("秦立华", "ATTENDED", "县委常委会会议") in got


def test_a_companion_who_joins_the_visit_inspected_and_a_host_did_not(learned_triples_of):
    text = ("5月8日，市委书记欧阳明带队到青山县调研乡村振兴工作，市委常委、秘书长秦立华参加调研，"
            "青山县委书记高建国陪同。欧阳明一行先后来到青山镇桃园村、青山县绿源农业合作社，察看产业发展情况。")
    got = learned_triples_of(text)
    for site in ("青山镇桃园村", "青山县绿源农业合作社"):
        assert ("欧阳明", "INSPECTED", site) in got
        assert ("秦立华", "INSPECTED", site) in got
    assert not any(s == "高建国" and p == "INSPECTED" for s, p, _o in got)


def test_example_page_keeps_its_figures():
    from govkg.extract.evaluate import evaluate
    from govkg.extract.pipeline import Extractor
    ex = Extractor(segmenter="pkuseg")
    rep = evaluate(SHARED / "eval" / "dev", lambda p: ex.extract_file(p).unique_triples())
    assert rep.total["f1"] >= 0.95 and rep.total["macro_f1"] >= 0.90, rep.total


def test_rules_alone_are_still_available(rules_extractor):
    assert rules_extractor.component._relations.scorer is None
    assert "govkg_ner" not in rules_extractor.nlp.pipe_names


@pytest.mark.slow
def test_govkg_train_rebuilds_the_shipped_models(tmp_path):
    """``govkg train`` from ../shared data and the committed annotation gives byte-identical models."""
    from govkg.learn.train import train_all
    train_all(tmp_path)
    for name in ("ner.crfsuite", "roles.crfsuite"):
        assert filecmp.cmp(tmp_path / name, MODEL_DIR / name, shallow=False), f"{name} differs from the shipped one"
    for name in ("ner.json", "roles.json"):
        assert json.loads((tmp_path / name).read_text()) == json.loads((MODEL_DIR / name).read_text())
