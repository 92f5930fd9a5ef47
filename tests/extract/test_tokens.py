"""Linear-time Docs (govkg.extract.tokens): the same words and spaces as spaCy's own, and jieba's
HMM with back-pointers giving the same paths as jieba's."""
import jieba.finalseg as fs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govkg.extract.pipeline import Extractor
from govkg.extract.tokens import make_doc, viterbi, words_and_spaces

SETTINGS = settings(max_examples=300, deadline=None, derandomize=True, database=None)


def jieba_viterbi(obs, states, start_p, trans_p, emit_p):
    """jieba 0.42's finalseg.viterbi as it is (the specification; quadratic on long runs)."""
    V = [{}]
    path = {}
    for y in states:
        V[0][y] = start_p[y] + emit_p[y].get(obs[0], fs.MIN_FLOAT)
        path[y] = [y]
    for t in range(1, len(obs)):
        V.append({})
        newpath = {}
        for y in states:
            em_p = emit_p[y].get(obs[t], fs.MIN_FLOAT)
            (prob, state) = max(
                [(V[t - 1][y0] + trans_p[y0].get(y, fs.MIN_FLOAT) + em_p, y0) for y0 in fs.PrevStatus[y]])
            V[t][y] = prob
            newpath[y] = path[state] + [y]
        path = newpath
    (prob, state) = max((V[len(obs) - 1][y], y) for y in 'ES')
    return (prob, path[state])


@SETTINGS
@given(st.text(alphabet="会议张三区委书记主持工作推进的了和", min_size=1, max_size=80))
def test_viterbi_equals_jiebas(s):
    args = (s, "BMES", fs.start_P, fs.trans_P, fs.emit_P)
    assert viterbi(*args) == jieba_viterbi(*args)


@SETTINGS
@given(st.lists(st.sampled_from(["二七区", "召开", "会议", " ", "\n", "  ", "。", "A B"]), max_size=20))
def test_words_and_spaces_equal_spacys(words):
    from spacy.util import get_words_and_spaces
    text = "".join(words)
    assert words_and_spaces(words, text) == get_words_and_spaces(words, text)


@pytest.mark.parametrize("segmenter", ["pkuseg", "jieba"])
def test_long_texts_give_the_same_doc(segmenter):
    ex = Extractor(segmenter=segmenter)
    text = ("二七区 召开\n\n会议。区委书记李明远主持会议并讲话。" * 800) + "会" * 3000 + " 记者 张三 "
    ours, spacys = make_doc(ex.nlp, text), ex.nlp.tokenizer(text)
    assert [(t.text, t.whitespace_) for t in ours] == [(t.text, t.whitespace_) for t in spacys]
