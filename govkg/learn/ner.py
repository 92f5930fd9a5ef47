"""Train and measure the mention tagger (:class:`govkg.extract.ner.MentionTagger`).

Training data: CLUENER2020 train (names, posts, organisations, addresses and scenes;
sentences that name a meeting are left out, since CLUENER has no meeting label) and the
corpus sets named in the config, whose mentions come from the annotation
(:func:`govkg.corpus.mention_spans`). Training is deterministic: the same data in the same
order and the same parameters give the same model file.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from govkg.extract.features import FeatureMaker, bio, spans_from_bio
from govkg.extract.lexicon import Lexicon, alternation
from govkg.extract.ner import LABELS, META_FILE, MODEL_FILE
from govkg.learn.data import Span, cluener

Sequence_ = Tuple[str, List[Span]]


class Featurizer:
    """Text -> features, with the segmenter's token starts when ``segmenter`` is given."""

    def __init__(self, segmenter: Optional[str] = "pkuseg"):
        self.fm = FeatureMaker(Lexicon.load())
        self.nlp = None
        if segmenter:
            from govkg.extract.nlp import make_nlp
            self.nlp = make_nlp(segmenter=segmenter, components=False)

    def __call__(self, text: str):
        starts = [t.idx for t in self.nlp.make_doc(text)] if self.nlp is not None else ()
        return self.fm(text, starts)


def meeting_pattern() -> re.Pattern:
    """Sentences naming a meeting (any meeting word of the lexicon)."""
    return re.compile(alternation(Lexicon.load().meetings))


def train(sequences: Sequence[Sequence_], model_dir: Path, *, featurize: Callable, iterations: int = 150,
          c1: float = 0.05, c2: float = 0.01, meta: Optional[dict] = None,
          progress: Optional[Callable[[str], None]] = None) -> Path:
    """Train a CRF on ``(text, spans)`` sequences and write it (and its meta) to ``model_dir``."""
    import pycrfsuite
    model_dir = Path(model_dir)
    model_dir.mkdir(parents=True, exist_ok=True)
    trainer = pycrfsuite.Trainer(verbose=False)
    labels = {lab: lab for lab in LABELS}
    for text, spans in sequences:
        trainer.append(featurize(text), bio(len(text), spans, labels))
    if progress:
        progress(f"mention tagger: {len(sequences)} sequences, {sum(len(t) for t, _ in sequences)} characters")
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations, "feature.possible_transitions": True})
    trainer.train(str(model_dir / MODEL_FILE))
    info = dict(meta or {}, labels=list(LABELS), iterations=iterations, c1=c1, c2=c2,
                sequences=len(sequences))
    (model_dir / META_FILE).write_text(json.dumps(info, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                       encoding="utf-8")
    return model_dir / MODEL_FILE


def score(tagger_tag: Callable[[str], List[Tuple[int, int, str]]], sequences: Sequence[Sequence_]) -> Dict[str, dict]:
    """Exact-span precision, recall and F1 per label of a tagging function on gold sequences."""
    tp, fp, fn = Counter(), Counter(), Counter()
    for text, spans in sequences:
        gold = {(s, e, lab) for s, e, lab in spans}
        pred = {tuple(x[:3]) for x in tagger_tag(text)}
        for s in pred & gold:
            tp[s[2]] += 1
        for s in pred - gold:
            fp[s[2]] += 1
        for s in gold - pred:
            fn[s[2]] += 1
    out = {}
    for lab in sorted(set(tp) | set(fn) | set(fp)):
        p = tp[lab] / (tp[lab] + fp[lab]) if tp[lab] + fp[lab] else 0.0
        r = tp[lab] / (tp[lab] + fn[lab]) if tp[lab] + fn[lab] else 0.0
        out[lab] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4),
                    "tp": tp[lab], "fp": fp[lab], "fn": fn[lab]}
    return out


def crf_tagger(model_path: Path, featurize: Callable) -> Callable[[str], List[Tuple[int, int, str]]]:
    """A tagging function over a trained model file."""
    import pycrfsuite
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path))
    return lambda text: spans_from_bio(tagger.tag(featurize(text))) if text else []


def cluener_sequences(path: Optional[Path] = None) -> List[Sequence_]:
    """CLUENER sentences for training, those naming a meeting left out."""
    return cluener(path, skip=meeting_pattern())
