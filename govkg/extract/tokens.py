"""The spaCy Doc of a long text in linear time.

spaCy's Chinese tokenizer aligns the segmenter's words with the text by slicing the rest of the
text for every word (``spacy.util.get_words_and_spaces``): quadratic, 16 of the 33 CPU seconds of
a 1,000,000-character article. :func:`make_doc` gives the same Doc (same words, same spaces) with
a linear alignment for texts longer than :data:`LINEAR_ABOVE` characters, and is
``nlp.make_doc`` for the others.

jieba's HMM for runs of characters not in its dictionary (``jieba.finalseg.viterbi``) copies
the best path at every character: quadratic, 96 CPU-s for 200,000 repeated ``会``. For long texts
:func:`make_doc` replaces it by :func:`viterbi`, the same computation with back-pointers (same
argmax, same ties, so the same words), linear.
"""
from __future__ import annotations

from typing import Iterable, List, Tuple

LINEAR_ABOVE = 20_000


def words_and_spaces(words: Iterable[str], text: str) -> Tuple[List[str], List[bool]]:
    """``spacy.util.get_words_and_spaces`` with ``text.index(word, pos)``: the same result, linear.

    >>> words_and_spaces(["二七区", "召开", "会议"], "二七区 召开\\n会议")
    (['二七区', '召开', '\\n', '会议'], [True, False, False, False])
    """
    from spacy.errors import Errors
    words = list(words)
    if "".join("".join(words).split()) != "".join(text.split()):
        raise ValueError(Errors.E194.format(text=text, words=words))
    out_words: List[str] = []
    out_spaces: List[bool] = []
    pos = 0
    for word in (w for w in words if not w.isspace()):
        try:
            start = text.index(word, pos) - pos
        except ValueError:
            raise ValueError(Errors.E194.format(text=text, words=words)) from None
        if start > 0:
            out_words.append(text[pos:pos + start])
            out_spaces.append(False)
            pos += start
        out_words.append(word)
        out_spaces.append(False)
        pos += len(word)
        if pos < len(text) and text[pos] == " ":
            out_spaces[-1] = True
            pos += 1
    if pos < len(text):
        out_words.append(text[pos:])
        out_spaces.append(False)
    return out_words, out_spaces


def make_doc(nlp, text: str):
    """``nlp.make_doc(text)``, aligned in linear time for a long text and the pkuseg or jieba segmenter."""
    tok = nlp.tokenizer
    segmenter = str(getattr(tok, "segmenter", ""))
    if segmenter.endswith("jieba"):
        import jieba.finalseg
        jieba.finalseg.viterbi = viterbi  # identical results, linear (see the module docstring)
    if len(text) <= LINEAR_ABOVE or len(text) > nlp.max_length or not segmenter.endswith(("pkuseg", "jieba")):
        return nlp.make_doc(text)
    from spacy.tokens import Doc
    if segmenter.endswith("jieba"):
        words = [w for w in tok.jieba_seg.cut(text, cut_all=False) if w]
    else:
        words = tok.pkuseg_seg.cut(text)
    words, spaces = words_and_spaces(words, text)
    return Doc(nlp.vocab, words=words, spaces=spaces)


def viterbi(obs, states, start_p, trans_p, emit_p):
    """``jieba.finalseg.viterbi`` with back-pointers instead of a copied path per step: the same
    ``(prob, path)`` (each step takes the same ``max`` of ``(prob, previous state)`` tuples)."""
    from jieba.finalseg import MIN_FLOAT, PrevStatus
    V = {y: start_p[y] + emit_p[y].get(obs[0], MIN_FLOAT) for y in states}
    back = []
    for t in range(1, len(obs)):
        nxt, ptr = {}, {}
        for y in states:
            em_p = emit_p[y].get(obs[t], MIN_FLOAT)
            prob, state = max([(V[y0] + trans_p[y0].get(y, MIN_FLOAT) + em_p, y0) for y0 in PrevStatus[y]])
            nxt[y], ptr[y] = prob, state
        V = nxt
        back.append(ptr)
    prob, state = max((V[y], y) for y in "ES")
    path = [state]
    for ptr in reversed(back):
        path.append(ptr[path[-1]])
    return prob, path[::-1]
