"""Train the role scorer (:class:`govkg.extract.roles.RoleScorer`) from the annotated corpus.

Each corpus item is run through the pipeline with the rules proposing candidates
(:meth:`govkg.extract.pipeline.Extractor.extract_articles` with ``collect``); a candidate is
a positive example when the item's gold has the same triple under the scorer's matching
rules (a meeting name may also be cut or run on by a few characters: the role is what is
learned here, not the span). A maximum-entropy model (python-crfsuite on one-item
sequences) is fitted; per-predicate thresholds are chosen on the training data's own
cross-validated probabilities (:func:`choose_thresholds`).
"""
from __future__ import annotations

import json
from pathlib import Path
from collections import Counter
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Tuple

from govkg.corpus import Item
from govkg.extract.evaluate import norm, same
from govkg.extract.roles import META_FILE, MODEL_FILE, Candidate
from govkg.learn.data import item_articles

PREDICATES = ("CHAIRED", "SPOKE_AT", "ATTENDED", "INSPECTED", "CONCERNS")


def loose_meeting(gold: str, pred: str) -> bool:
    """The same meeting, allowing a span a few characters too short or too long.

    >>> loose_meeting("区委理论学习中心组（扩大）学习会", "中心组（扩大）学习会")
    True
    """
    if same(gold, pred, "Meeting"):
        return True
    g, p = norm(gold), norm(pred)
    if not g or not p or g[-2:] != p[-2:]:
        return False
    short, long_ = sorted((g, p), key=len)
    return short in long_ and len(short) >= 4


def label(cand: Candidate, gold: Sequence[dict]) -> bool:
    """True when the gold holds this candidate's triple."""
    for g in gold:
        if g["predicate"] != cand.pred:
            continue
        if cand.pred == "CONCERNS":
            if loose_meeting(g["subject"], cand.subject_name) and same(g["object"], cand.object_name, "Project"):
                return True
            continue
        if not same(g["subject"], cand.subject_name, "Person"):
            continue
        if cand.pred == "INSPECTED":
            if same(g["object"], cand.object_name, "Place"):
                return True
        elif loose_meeting(g["object"], cand.object_name):
            return True
    return False


def item_candidates(extractor, item: Item) -> List[Tuple[Candidate, bool]]:
    """The role candidates of one corpus item, each with its gold label."""
    cands: List[Candidate] = []
    articles = item_articles(item)
    if articles:
        extractor.extract_articles(articles, collect=cands)
    gold = [t for t in item.triples if t["predicate"] in PREDICATES]
    return [(c, label(c, gold)) for c in cands]


def fit(examples: Iterable[Tuple[Candidate, bool]], model_dir: Path, *, c1: float = 0.05, c2: float = 0.1,
        iterations: int = 200, meta: Optional[dict] = None) -> Path:
    """Fit the maximum-entropy model and write it with its meta (thresholds included if given)."""
    import pycrfsuite
    model_dir = Path(model_dir)
    model_dir.mkdir(parents=True, exist_ok=True)
    trainer = pycrfsuite.Trainer(verbose=False)
    n = 0
    for cand, yes in examples:
        trainer.append([{f: 1.0 for f in cand.feats}], ["yes" if yes else "no"])
        n += 1
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations})
    trainer.train(str(model_dir / MODEL_FILE))
    info = dict(meta or {}, examples=n, c1=c1, c2=c2, iterations=iterations)
    (model_dir / META_FILE).write_text(json.dumps(info, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                       encoding="utf-8")
    return model_dir / MODEL_FILE


def choose_thresholds(scored: Sequence[Tuple[Candidate, bool, float]], *, grid=None) -> Dict[str, float]:
    """Per predicate, the probability cut that maximises F1 of the candidates' decisions (duplicates
    of one triple count once, as the scorer counts them); of cuts within 0.01 of the best, the one
    nearest 0.5."""
    grid = grid or [x / 20 for x in range(2, 19)]
    out = {}
    for pred in PREDICATES:
        rows = [(c, y, p) for c, y, p in scored if c.pred == pred]
        if not rows:
            continue
        scores = []
        for t in grid:
            chosen = {(c.subject_name, c.object_name): y for c, y, p in rows if p >= t}
            pos = {(c.subject_name, c.object_name) for c, y, p in rows if y}
            tp = sum(1 for k, y in chosen.items() if k in pos)
            prec = tp / len(chosen) if chosen else 0.0
            rec = tp / len(pos) if pos else 0.0
            scores.append((t, 2 * prec * rec / (prec + rec) if prec + rec else 0.0))
        top = max(f for _t, f in scores)
        # among cuts within a point of the best, the one nearest 0.5: a sharp optimum is noise
        out[pred] = min((t for t, f in scores if f >= top - 0.01), key=lambda t: (abs(t - 0.5), t))
    return out


MODES = ("learned", "rules", "either")


def choose_modes(scored_by_item: Dict[str, Sequence[Tuple[Candidate, bool, float]]], gold_counts: Dict[str, Counter],
                 thresholds: Dict[str, float]) -> Tuple[Dict[str, str], Dict[str, Dict[str, float]]]:
    """Per predicate, whether the scorer, the rules, or either of them decides: the one with the best
    F1 of distinct triples on out-of-fold decisions. Returns the modes and each mode's F1."""
    f1s: Dict[str, Dict[str, float]] = {}
    for pred in PREDICATES:
        t = thresholds.get(pred, 0.5)
        f1s[pred] = {}
        for mode in MODES:
            tp = fp = 0
            for item_id, rows in scored_by_item.items():
                chosen: Dict[tuple, bool] = {}
                for c, y, p in rows:
                    if c.pred != pred:
                        continue
                    keep = {"learned": p >= t, "rules": c.rule_ok, "either": c.rule_ok or p >= t}[mode]
                    if keep:
                        key = (c.subject_name, c.object_name)
                        chosen[key] = chosen.get(key, False) or y
                tp += sum(chosen.values())
                fp += sum(1 for v in chosen.values() if not v)
            n = sum(g[pred] for g in gold_counts.values())
            prec = tp / (tp + fp) if tp + fp else 0.0
            rec = min(1.0, tp / n) if n else 0.0
            f1s[pred][mode] = round(2 * prec * rec / (prec + rec), 4) if prec + rec else 0.0
    modes = {p: max(MODES, key=lambda m: (f1s[p][m], m == "learned")) for p in f1s}
    return modes, f1s


def probabilities(model_dir: Path, examples: Sequence[Tuple[Candidate, bool]]) -> List[Tuple[Candidate, bool, float]]:
    from govkg.extract.roles import RoleScorer
    scorer = RoleScorer(model_dir)
    return [(c, y, scorer.probability(c)) for c, y in examples]


def write_thresholds(model_dir: Path, thresholds: Dict[str, float], extra: Optional[dict] = None) -> None:
    path = Path(model_dir) / META_FILE
    meta = json.loads(path.read_text(encoding="utf-8"))
    meta["thresholds"] = thresholds
    meta.update(extra or {})
    path.write_text(json.dumps(meta, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def collect(extractor, items: Iterable[Item], progress: Optional[Callable[[str], None]] = None):
    """Candidates with labels of every item, keyed by item id."""
    out = {}
    for item in items:
        out[item.id] = item_candidates(extractor, item)
        if progress:
            progress(item.id)
    return out
