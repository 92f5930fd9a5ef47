"""``govkg train``: rebuild the shipped models from the shared data and the committed annotation.

The recipe is ``govkg/learn/config.toml``. Every step is deterministic (fixed data order,
fixed parameters), so a rebuild gives byte-identical models and the same figures.
"""
from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Callable, Optional

from govkg.corpus import REPO, iter_items, shared_dir
from govkg.extract.ner import MODEL_DIR

CONFIG = Path(__file__).resolve().parent / "config.toml"


def load_config(path: Optional[Path] = None) -> dict:
    with open(path or CONFIG, "rb") as fh:
        return tomllib.load(fh)


def training_items(paths, *, root: Path = REPO):
    """Corpus items of the configured sets whose text is in the shared folder or written for govkg."""
    return [it for it in iter_items([root / p for p in paths]) if it.kind in ("shared", "synthetic")]


def train_ner(cfg: dict, out_dir: Path = MODEL_DIR, *, progress: Optional[Callable[[str], None]] = None) -> Path:
    from govkg.learn import ner
    from govkg.learn.data import corpus_sequences
    items = training_items(cfg["corpus"])
    seqs = ner.cluener_sequences(shared_dir() / cfg["cluener"]) + corpus_sequences(items)
    meta = {"corpus": cfg["corpus"], "items": len(items), "cluener": cfg["cluener"],
            "segmenter": cfg.get("segmenter"), "segmentation": bool(cfg.get("segmenter"))}
    return ner.train(seqs, out_dir, featurize=ner.Featurizer(cfg.get("segmenter")), iterations=cfg["iterations"],
                     c1=cfg["c1"], c2=cfg["c2"], meta=meta, progress=progress)
