"""The spaCy Doc of a long text in linear time.

spaCy's Chinese tokenizer aligns the segmenter's words with the text by slicing the rest of the
text for every word (``spacy.util.get_words_and_spaces``): quadratic, 16 of the 33 CPU seconds of
a 1,000,000-character article. :func:`make_doc` gives the same Doc (same words, same spaces) with
a linear alignment for texts longer than :data:`LINEAR_ABOVE` characters, and is
``nlp.make_doc`` for the others.
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
    if len(text) <= LINEAR_ABOVE or len(text) > nlp.max_length or not segmenter.endswith(("pkuseg", "jieba")):
        return nlp.make_doc(text)
    from spacy.tokens import Doc
    if segmenter.endswith("jieba"):
        words = [w for w in tok.jieba_seg.cut(text, cut_all=False) if w]
    else:
        words = tok.pkuseg_seg.cut(text)
    words, spaces = words_and_spaces(words, text)
    return Doc(nlp.vocab, words=words, spaces=spaces)
