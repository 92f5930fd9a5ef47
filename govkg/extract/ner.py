"""The learned mention tagger: a character CRF (python-crfsuite) over lexicon features.

It marks person names (PER), posts (POS), organisations (ORG), sites (LOC) and meeting
names (MTG) as ``doc.spans["govkg_ner"]``, each span's label the mention type and its
score (``span.kb_id_`` is unused; the marginal probability is kept in
``doc.user_data[("govkg_ner", start, end)]``). The rules read these spans: a name the
rules find must also read as a name, a meeting's left edge and the sites of a visit
come from here (see :mod:`govkg.extract.relations`).

The model is trained by ``govkg train`` (:mod:`govkg.learn.ner`) and shipped in
``govkg/extract/models/``; :meth:`MentionTagger.to_disk` / :meth:`from_disk` copy it.

>>> from govkg.extract.nlp import make_nlp
>>> nlp = make_nlp(segmenter="jieba")
>>> doc = nlp("县委书记王建国主持召开县委常委会会议。")
>>> [(s.text, s.label_) for s in doc.spans["govkg_ner"] if s.label_ in ("PER", "POS")]
[('县委书记', 'POS'), ('王建国', 'PER')]
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import List, Optional, Tuple

from govkg.errors import ModelNotFound
from govkg.extract.features import FeatureMaker, fullwidth_punct, sentence_spans, spans_from_bio
from govkg.extract.lexicon import Lexicon

MODEL_DIR = Path(__file__).resolve().parent / "models"
MODEL_FILE = "ner.crfsuite"
META_FILE = "ner.json"
LABELS = ("PER", "POS", "ORG", "LOC", "MTG")


class MentionTagger:
    """spaCy component: CRF mention spans (``doc.spans['govkg_ner']``)."""

    def __init__(self, nlp=None, name: str = "govkg_ner", *, model_dir: Optional[str] = None):
        self.name = name
        self.model_dir = Path(model_dir) if model_dir else MODEL_DIR
        self._tagger = None
        self._features: Optional[FeatureMaker] = None
        self.meta: dict = {}

    def initialize(self, get_examples=None, *, nlp=None, model_dir: Optional[str] = None) -> None:
        import pycrfsuite
        if model_dir:
            self.model_dir = Path(model_dir)
        path = self.model_dir / MODEL_FILE
        if not path.exists():
            raise ModelNotFound(f"{path}: mention model missing; run `govkg train` to build it")
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(path))
        meta = self.model_dir / META_FILE
        self.meta = json.loads(meta.read_text(encoding="utf-8")) if meta.exists() else {}
        self._features = FeatureMaker(Lexicon.load())

    def tag(self, text: str, token_starts=()) -> List[Tuple[int, int, str, float]]:
        """``(start, end, label, probability)`` of the mentions in ``text``, tagged a sentence at a time
        (as the model was trained); the probability is the smaller of the marginals of its first and last
        labels (how sure the tagger is of its two edges)."""
        if self._tagger is None:
            self.initialize()
        use_tokens = self.meta.get("segmentation", True)
        starts = sorted(token_starts) if use_tokens else []
        out, k = [], 0
        for s0, e0 in sentence_spans(text):
            while k < len(starts) and starts[k] < s0:
                k += 1
            j = k
            while j < len(starts) and starts[j] < e0:
                j += 1
            sent = fullwidth_punct(text[s0:e0])  # as the training sentences write it; same offsets
            labels = self._tagger.tag(self._features(sent, [t - s0 for t in starts[k:j]]))
            for s, e, lab in spans_from_bio(labels):
                p = min(self._tagger.marginal(labels[s], s), self._tagger.marginal(labels[e - 1], e - 1))
                out.append((s0 + s, s0 + e, lab, round(float(p), 4)))
        return out

    def __call__(self, doc):
        spans = []
        from govkg.extract.nlp import token_starts
        text = doc._.govkg_article.text if doc.has_extension("govkg_article") and doc._.govkg_article is not None \
            else doc.text
        for s, e, lab, p in self.tag(text, token_starts(doc) if self.meta.get("segmentation", True) else ()):
            sp = doc.char_span(s, e, label=lab, alignment_mode="expand")
            if sp is not None:
                spans.append(sp)
                doc.user_data[("govkg_ner", s, e)] = p
        doc.spans["govkg_ner"] = spans
        return doc

    def to_disk(self, path, *, exclude=()):
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for f in (MODEL_FILE, META_FILE):
            if (self.model_dir / f).exists():
                shutil.copyfile(self.model_dir / f, path / f)

    def from_disk(self, path, *, exclude=()):
        self.initialize(model_dir=str(path))
        return self


def register() -> None:
    from spacy.language import Language
    if "govkg_ner" in Language.factories:
        return

    @Language.factory("govkg_ner", default_config={"model_dir": None})
    def make_tagger(nlp, name: str, *, model_dir: Optional[str]):
        return MentionTagger(nlp, name, model_dir=model_dir)
