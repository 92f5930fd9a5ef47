"""Character features for the learned mention tagger (:mod:`govkg.extract.ner`).

Each character gets its neighbours, bigrams, a character class and the lexicon
words it begins, continues or ends (post heads, meeting words, site endings,
surnames, the verbs of each predicate, localities). The lexicon is the same data
the rules read (``govkg/extract/data``), so extending a word list reaches both.

Features are built a column at a time with list comprehensions: a text of
*n* characters costs a few passes over *n*, not a Python call per feature.
"""
from __future__ import annotations

import re
from typing import Dict, List, Sequence, Tuple

from govkg.extract.lexicon import Lexicon, alternation

PAD = "∅"
_HALF = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"}
_HALF_RE = re.compile(r"(?<=[\u4e00-\u9fff”）])[,;:(!?)]|[,;:()](?=[\u4e00-\u9fff“（])")


def fullwidth_punct(text: str) -> str:
    """ASCII punctuation between Chinese characters as its full-width form, character for character
    (so every offset holds): web pages often write ``县长张三,副县长李四`` with ASCII commas.

    >>> fullwidth_punct("县长张三,副县长李四(女)出席。2,000 a:b")
    '县长张三，副县长李四（女）出席。2,000 a:b'
    """
    return _HALF_RE.sub(lambda m: _HALF[m.group(0)], text)


def char_class(c: str) -> str:
    """``H`` hanzi, ``D`` digit (any script), ``L`` Latin letter, ``S`` space, ``P`` anything else."""
    if "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf":
        return "H"
    if c.isdigit() or c in "〇零一二三四五六七八九十百千":
        return "D"
    if c.isascii() and c.isalpha():
        return "L"
    if c.isspace():
        return "S"
    return "P"


class FeatureMaker:
    """Compiled lexicon patterns; :meth:`__call__` turns a text into one feature list per character."""

    #: lexicon name -> feature prefix
    GROUPS = (("titles", "T"), ("meetings", "M"), ("places", "PL"), ("projects", "PJ"))

    def __init__(self, lex: Lexicon):
        self.single = set(s for s in lex.surnames if len(s) == 1)
        self.compound = set(s for s in lex.surnames if len(s) == 2)
        pats: List[Tuple[str, re.Pattern]] = []
        for attr, tag in self.GROUPS:
            words = [w for w in getattr(lex, attr) if w and not w.startswith("^")]
            if words:
                pats.append((tag, re.compile(alternation(words))))
        for pred, words in sorted(lex.verbs.items()):
            if not pred.endswith("_RE") and words:
                pats.append(("V" + pred[:2], re.compile(alternation(words))))
        self.patterns = pats

    def lexicon_tags(self, text: str) -> List[List[str]]:
        """Per character: ``T_B``/``T_I``/``T_E`` … for the lexicon words found in ``text``."""
        tags: List[List[str]] = [[] for _ in text]
        for tag, pat in self.patterns:
            for m in pat.finditer(text):
                s, e = m.span()
                if e - s == 1:
                    tags[s].append(tag + "_S")
                    continue
                tags[s].append(tag + "_B")
                for k in range(s + 1, e - 1):
                    tags[k].append(tag + "_I")
                tags[e - 1].append(tag + "_E")
        return tags

    def __call__(self, text: str, token_starts: Sequence[int] = ()) -> List[List[str]]:
        n = len(text)
        padded = PAD + PAD + text + PAD + PAD
        cls = "".join([char_class(c) for c in padded])
        c0 = ["c=" + c for c in text]
        p1 = ["p=" + padded[i + 1] for i in range(n)]
        n1 = ["n=" + padded[i + 3] for i in range(n)]
        p2 = ["pp=" + padded[i] for i in range(n)]
        n2 = ["nn=" + padded[i + 4] for i in range(n)]
        b1 = ["pc=" + padded[i + 1:i + 3] for i in range(n)]
        b2 = ["cn=" + padded[i + 2:i + 4] for i in range(n)]
        b3 = ["pn=" + padded[i + 1] + padded[i + 3] for i in range(n)]
        t = ["t=" + cls[i + 1:i + 4] for i in range(n)]
        sur = ["sur=" + ("2" if text[i:i + 2] in self.compound else "1" if text[i] in self.single else "0")
               for i in range(n)]
        lex = self.lexicon_tags(text)
        rows = [list(r) for r in zip(c0, p1, n1, p2, n2, b1, b2, b3, t, sur)]
        for row, extra in zip(rows, lex):
            if extra:
                row.extend(extra)
        if token_starts:
            starts = set(token_starts)
            for i in range(n):
                rows[i].append("seg=" + ("B" if i in starts else "I"))
        return rows


def bio(n: int, spans: Sequence[Tuple[int, int, str]], labels: Dict[str, str]) -> List[str]:
    """BIO labels of a text of length ``n`` from ``(start, end, type)`` spans (types mapped by ``labels``;
    a type not in ``labels`` is O).

    >>> bio(5, [(1, 3, "Person")], {"Person": "PER"})
    ['O', 'B-PER', 'I-PER', 'O', 'O']
    """
    out = ["O"] * n
    for s, e, typ in spans:
        lab = labels.get(typ)
        if not lab or s >= e:
            continue
        out[s] = "B-" + lab
        for k in range(s + 1, min(e, n)):
            out[k] = "I-" + lab
    return out


def spans_from_bio(tags: Sequence[str]) -> List[Tuple[int, int, str]]:
    """``(start, end, label)`` spans of a BIO sequence (an ``I-`` without its ``B-`` opens a span).

    >>> spans_from_bio(['O', 'B-PER', 'I-PER', 'O', 'I-LOC'])
    [(1, 3, 'PER'), (4, 5, 'LOC')]
    """
    out, start, lab = [], None, None
    for i, t in enumerate(list(tags) + ["O"]):
        if t == "O" or t.startswith("B-") or (t.startswith("I-") and t[2:] != lab):
            if start is not None:
                out.append((start, i, lab))
                start, lab = None, None
            if t != "O":
                start, lab = i, t[2:]
    return out


_SENT_END = re.compile(r"[。！？!?；;][”’」』]*|\n")


def sentence_spans(text: str) -> List[Tuple[int, int]]:
    r"""``(start, end)`` of the sentences the tagger reads one at a time: after 。！？； and at line ends.

    >>> sentence_spans("甲。乙\n丙")
    [(0, 2), (2, 4), (4, 5)]
    """
    out, start = [], 0
    for m in _SENT_END.finditer(text):
        if m.end() > start:
            out.append((start, m.end()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out
