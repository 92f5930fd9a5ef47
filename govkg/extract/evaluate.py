"""Score extractions against gold files with the shared guideline's matching rules
(the same rules as ``shared/eval/score.py``: name normalisation, post localities,
lenient meeting/project/place/article names, dates, maximum one-to-one matching).
"""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

from govkg.errors import GovkgError

_STRIP = re.compile(r"[\s\u3000“”\"'‘’「」『』（）()【】《》〈〉·•]")
LENIENT = {"Meeting", "Project", "Place", "Article", "Organization"}
PROVINCES = ("北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|"
             "湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门")
_LOCALITY_HEAD = re.compile(r"^(?:省|市|区|县|州|盟|旗|镇|乡|自治区|自治州|自治县|街道)")
_RANK = re.compile(r"副|常务|原|前|代理|名誉|第一|执行")


def norm(s) -> str:
    return _STRIP.sub("", str(s or ""))


def _head(s: str) -> str:
    i = s.rfind("的")
    return s[i + 1:] if i >= 0 and len(s) - i - 1 >= 2 else s


def _locality_prefix(extra: str, rest: str) -> bool:
    if not extra or _RANK.search(extra) or len(extra) > 8:
        return False
    if re.fullmatch(PROVINCES, extra) or re.fullmatch(r"(?:%s)(?:省|市|自治区)" % PROVINCES, extra):
        return True
    return _LOCALITY_HEAD.match(rest) is not None or re.search(r"(?:省|市|区|县|州|盟|旗)$", extra) is not None


def same(gold, pred, kind) -> bool:
    """True when a predicted name matches a gold name of entity type ``kind``."""
    g, p = norm(gold), norm(pred)
    if not g or not p:
        return False
    if g == p:
        return True
    if kind == "Position":
        short, long_ = sorted((g, p), key=len)
        return long_.endswith(short) and _locality_prefix(long_[: -len(short)], short)
    if kind == "Date":
        gd, pd = re.fullmatch(r"(\d{4}|-)-(\d\d-\d\d)", g), re.fullmatch(r"(\d{4}|-)-(\d\d-\d\d)", p)
        if not gd or not pd or gd.group(2) != pd.group(2):
            return False
        return "-" in (gd.group(1), pd.group(1)) or gd.group(1) == pd.group(1)
    if kind in LENIENT:
        if kind == "Place":
            g, p = _head(g), _head(p)
        if kind == "Project":
            g, p = re.sub("工作$", "", g) or g, re.sub("工作$", "", p) or p
        if g == p:
            return True
        short, long_ = sorted((g, p), key=len)
        if kind == "Place" and long_.endswith(short) and len(short) >= 3:
            return True
        if kind == "Article" and long_.startswith(short) and len(short) >= 8:
            return True
        return short in long_ and len(short) / len(long_) >= 0.6
    return False


def unique(triples: List[dict]) -> List[dict]:
    seen, out = set(), []
    for t in triples:
        if not isinstance(t, dict) or "predicate" not in t:
            continue
        k = (norm(t.get("subject")), t.get("predicate"), norm(t.get("object")))
        if k not in seen:
            seen.add(k)
            out.append(t)
    return out


def match(gold: List[dict], pred: List[dict]) -> Tuple[Counter, Counter, Counter]:
    """Maximum one-to-one matching; per-predicate (tp, fn, fp) counters."""
    gold, pred = unique(gold), unique(pred)

    def ok(g, p):
        return (p.get("predicate") == g["predicate"] and same(g["subject"], p.get("subject"), g.get("subject_type"))
                and same(g["object"], p.get("object"), g.get("object_type")))

    cand = [[i for i, p in enumerate(pred) if ok(g, p)] for g in gold]
    owner: Dict[int, int] = {}

    def augment(gi, seen):
        for pi in cand[gi]:
            if pi in seen:
                continue
            seen.add(pi)
            if pi not in owner or augment(owner[pi], seen):
                owner[pi] = gi
                return True
        return False

    for gi in range(len(gold)):
        augment(gi, set())
    hit = set(owner.values())
    tp, fn, fp = Counter(), Counter(), Counter()
    for gi, g in enumerate(gold):
        (tp if gi in hit else fn)[g["predicate"]] += 1
    for pi, p in enumerate(pred):
        if pi not in owner:
            fp[p.get("predicate")] += 1
    return tp, fn, fp


def _prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Report:
    by_predicate: Dict[str, dict] = field(default_factory=dict)
    total: dict = field(default_factory=dict)
    files: List[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"total": self.total, "by_predicate": self.by_predicate, "files": self.files}


def report(tp: Counter, fn: Counter, fp: Counter, files: Optional[List[str]] = None) -> Report:
    rows = {}
    for k in sorted(set(tp) | set(fn) | set(fp), key=str):
        p, r, f = _prf(tp[k], fp[k], fn[k])
        rows[str(k)] = {"precision": p, "recall": r, "f1": f, "tp": tp[k], "fp": fp[k], "fn": fn[k]}
    T, P, N = sum(tp.values()), sum(fp.values()), sum(fn.values())
    p, r, f = _prf(T, P, N)
    in_gold = [v["f1"] for v in rows.values() if v["tp"] + v["fn"] > 0]
    total = {"precision": p, "recall": r, "f1": f, "tp": T, "fp": P, "fn": N,
             "macro_f1": sum(in_gold) / len(in_gold) if in_gold else 0.0}
    return Report(rows, total, files or [])


def read_gold(path: Path) -> List[dict]:
    out = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise GovkgError(f"{path}:{n}: gold line is not JSON ({e.msg})") from e
    return out


def gold_pairs(gold_dir: Path) -> List[Tuple[Path, Path]]:
    """(input, gold) pairs: every ``NAME.gold.jsonl`` with ``NAME.txt`` or ``NAME.jsonl`` beside it."""
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise GovkgError(f"{gold_dir}: not a folder of NAME.txt/NAME.jsonl inputs with NAME.gold.jsonl beside them")
    pairs = []
    for g in sorted(gold_dir.glob("*.gold.jsonl")):
        stem = g.name[: -len(".gold.jsonl")]
        for suffix in (".txt", ".jsonl"):
            if (g.with_name(stem + suffix)).exists():
                pairs.append((g.with_name(stem + suffix), g))
                break
    if not pairs:
        raise GovkgError(f"{gold_dir}: no NAME.gold.jsonl with an input beside it")
    return pairs


def evaluate(gold_dir: Path, predict: Callable[[Path], List[dict]]) -> Report:
    """Run ``predict`` on every input that has gold and pool the counts."""
    TP, FN, FP = Counter(), Counter(), Counter()
    files = []
    for src, gold in gold_pairs(gold_dir):
        tp, fn, fp = match(read_gold(gold), predict(src))
        TP.update(tp), FN.update(fn), FP.update(fp)
        files.append(src.name)
    return report(TP, FN, FP, files)
