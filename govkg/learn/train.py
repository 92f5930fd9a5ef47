"""``govkg train``: rebuild the shipped models from the shared data and the committed annotation.

The recipe is ``govkg/learn/config.toml``:

1. the mention tagger (:mod:`govkg.learn.ner`) on CLUENER2020 train and the corpus sets;
2. the role and topic scorer (:mod:`govkg.learn.roles`) on the candidates the pipeline, with
   that tagger, proposes in the corpus sets. Its per-predicate thresholds are chosen on
   out-of-fold probabilities, and the same folds give the cross-validated figures that are
   written to ``roles.json`` and printed.

Folds group items by corpus set and province (:func:`fold_of`), so no fold is scored by a
model that saw its province's articles of that set. Every step is deterministic: a rebuild
gives byte-identical models and the same figures.
"""
from __future__ import annotations

import tomllib
import zlib
from collections import Counter
from pathlib import Path
from typing import Callable, Dict, List, Optional

from govkg.corpus import REPO, Item, iter_items, shared_dir
from govkg.extract.ner import MODEL_DIR

CONFIG = Path(__file__).resolve().parent / "config.toml"


def load_config(path: Optional[Path] = None) -> dict:
    with open(path or CONFIG, "rb") as fh:
        return tomllib.load(fh)


def training_items(paths, *, root: Path = REPO, exclude_batches=()):
    """Corpus items of the configured sets whose text is in the shared folder or written for govkg,
    without the batches kept for measurement (``exclude_batches``)."""
    return [it for it in iter_items([root / p for p in paths]) if it.kind in ("shared", "synthetic")
            and it.meta.get("batch") not in set(exclude_batches)]


def fold_of(item: Item, folds: int) -> int:
    """The fold of an item: a stable hash of its corpus set and province (its id where none is known).

    >>> from govkg.corpus import Item
    >>> a = Item(path=Path("corpus/x/a.json"), id="a", source={}, meta={"province": "河南"})
    >>> b = Item(path=Path("corpus/x/b.json"), id="b", source={}, meta={"province": "河南"})
    >>> fold_of(a, 5) == fold_of(b, 5)
    True
    """
    key = f"{item.path.parent.name}\x1f{item.meta.get('province') or item.id}"
    return zlib.crc32(key.encode("utf-8")) % folds


def train_ner(cfg: dict, out_dir: Path = MODEL_DIR, *, progress: Optional[Callable[[str], None]] = None) -> Path:
    from govkg.learn import ner
    from govkg.learn.data import corpus_sequences
    items = training_items(cfg["corpus"], exclude_batches=cfg.get("exclude_batches", ()))
    seqs = ner.cluener_sequences(shared_dir() / cfg["cluener"]) + corpus_sequences(items)
    if cfg.get("augment_sentences"):
        from govkg.learn import augment
        named = iter_items([REPO / p for p in cfg["augment_from"]], with_text=False)
        pools = augment.name_pools(named, exclude_batches=cfg.get("augment_exclude_batches", ()))
        seqs += augment.sentences(pools, int(cfg["augment_sentences"]))
    meta = {"corpus": cfg["corpus"], "exclude_batches": list(cfg.get("exclude_batches", ())), "items": len(items),
            "augment_from": list(cfg.get("augment_from", ())), "augment_sentences": cfg.get("augment_sentences", 0),
            "augment_exclude_batches": list(cfg.get("augment_exclude_batches", ())),
            "cluener": cfg["cluener"], "segmenter": cfg.get("segmenter"), "segmentation": bool(cfg.get("segmenter"))}
    return ner.train(seqs, out_dir, featurize=ner.Featurizer(cfg.get("segmenter")), iterations=cfg["iterations"],
                     c1=cfg["c1"], c2=cfg["c2"], meta=meta, progress=progress)


def _extractor(model_dir: Path, segmenter: str):
    from govkg.extract.pipeline import Extractor
    ex = Extractor(segmenter=segmenter, model_dir=model_dir)
    ex.component._relations.scorer = None  # the rules propose; no scorer while collecting
    return ex


def evaluate_items(extractor, items: List[Item]):
    """Pooled per-predicate counts of the extractor's triples against the items' gold."""
    from govkg.extract.evaluate import match, report
    from govkg.extract.resolve import dedupe_triples
    from govkg.learn.data import item_articles
    tp, fn, fp = Counter(), Counter(), Counter()
    for item in items:
        arts = item_articles(item)
        pred = dedupe_triples(extractor.extract_articles(arts)) if arts else []
        a, b, c = match(item.triples, pred)
        tp.update(a), fn.update(b), fp.update(c)
    return report(tp, fn, fp)


def train_roles(cfg: dict, out_dir: Path = MODEL_DIR, *, progress: Optional[Callable[[str], None]] = None) -> dict:
    """Fit the scorer in ``out_dir`` (beside the tagger there); returns the cross-validated report."""
    from govkg.extract.roles import RoleScorer
    from govkg.learn import roles as R
    items = training_items(cfg["corpus"], exclude_batches=cfg.get("exclude_batches", ()))
    ex = _extractor(out_dir, cfg.get("segmenter", "pkuseg"))
    cands = R.collect(ex, items)
    k = int(cfg.get("folds", 5))
    params = dict(c1=cfg["c1"], c2=cfg["c2"], iterations=cfg["iterations"])
    oof, oof_by_item, counts = [], {}, [Counter(), Counter(), Counter()]
    for f in range(k):
        fold_dir = out_dir / f".fold{f}"
        train = [e for it in items if fold_of(it, k) != f for e in cands[it.id]]
        test = [it for it in items if fold_of(it, k) == f]
        R.fit(train, fold_dir, **params)
        for it in test:
            oof_by_item[it.id] = R.probabilities(fold_dir, cands[it.id])
            oof += oof_by_item[it.id]
        R.write_thresholds(fold_dir, R.choose_thresholds(R.probabilities(fold_dir, train)))
        ex.component._relations.scorer = RoleScorer(fold_dir)
        rep = evaluate_items(ex, test)
        ex.component._relations.scorer = None
        for name, v in rep.by_predicate.items():
            for i, key in enumerate(("tp", "fn", "fp")):
                counts[i][name] += v[key]
        _remove(fold_dir)
        if progress:
            progress(f"roles: fold {f + 1}/{k} done")
    from govkg.extract.evaluate import report
    cv = report(*counts)
    thresholds = R.choose_thresholds(oof)
    gold_counts = {it.id: Counter(t["predicate"] for t in _unique(it.triples)) for it in items}
    modes, mode_f1 = R.choose_modes(oof_by_item, gold_counts, thresholds)
    R.fit([e for it in items for e in cands[it.id]], out_dir, **params,
          meta={"corpus": cfg["corpus"], "exclude_batches": list(cfg.get("exclude_batches", ())), "items": len(items)})
    R.write_thresholds(out_dir, thresholds, {"modes": modes, "mode_f1": mode_f1,
                                             "cv": {"folds": k, "total": _rounded(cv.total),
                                                    "by_predicate": {p: _rounded(v) for p, v in cv.by_predicate.items()}}})
    return cv.to_dict()


def _unique(triples):
    from govkg.extract.evaluate import unique
    return unique(triples)


def _rounded(d: dict) -> dict:
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in d.items()}


def _remove(path: Path) -> None:
    for f in path.glob("*"):
        f.unlink()
    path.rmdir()


def train_all(out_dir: Path = MODEL_DIR, *, config: Optional[Path] = None, only: Optional[str] = None,
              progress: Optional[Callable[[str], None]] = None) -> Dict[str, dict]:
    """Rebuild the models in ``out_dir`` (``only``: ``ner`` or ``roles``); returns the figures."""
    cfg = load_config(config)
    out_dir = Path(out_dir)
    out: Dict[str, dict] = {}
    if only in (None, "ner"):
        train_ner(cfg["ner"], out_dir, progress=progress)
        out["ner"] = {"model": str(out_dir)}
    if only in (None, "roles"):
        out["roles"] = train_roles(cfg["roles"], out_dir, progress=progress)
    return out
