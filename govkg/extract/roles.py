"""Who chaired, spoke at, attended or inspected what: candidates, their features, a learned scorer.

The rules of :mod:`govkg.extract.relations` propose, for every verb of taking part
(主持, 讲话, 出席…, 调研…), every person of the sentence with every meeting (or site)
that could be meant; what the rules themselves would decide is one feature among
many (``rule``), next to the verb, the order and distance of person, verb and
meeting, what stands between them (陪同, another person, a full stop), and whether the
meeting was named in the sentence or is the one in context. A maximum-entropy model
(:class:`RoleScorer`, trained by ``govkg train`` from the annotated corpus) gives each
candidate a probability; a triple is kept when it reaches its predicate's threshold,
and the probability becomes the triple's ``confidence``. Without a model the rules
decide alone.
"""
from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence

MODEL_DIR = Path(__file__).resolve().parent / "models"
MODEL_FILE = "roles.crfsuite"
META_FILE = "roles.json"

_PEITONG = re.compile(r"陪同")
_JOIN = re.compile(r"(?:参加|一同|一起|共同|随同)(?:调研|考察|视察|检查|察看|督导)")


@dataclass
class Candidate:
    """One proposed triple with the evidence position and the features the scorer reads."""

    pred: str
    subject: object                   # a person's name, or a meeting (``.name``) for CONCERNS
    obj: object                       # a meeting (``.name``), a site or a topic (str)
    pos: int
    rule_ok: bool                     # the rules would emit it
    rule: str
    feats: List[str] = field(default_factory=list)
    prob: Optional[float] = None

    @property
    def subject_name(self) -> str:
        return self.subject if isinstance(self.subject, str) else self.subject.name

    @property
    def object_name(self) -> str:
        return self.obj if isinstance(self.obj, str) else self.obj.name


def bucket(n: int, edges: Sequence[int] = (0, 2, 5, 10, 20, 40)) -> str:
    """``3`` -> ``'<=5'``: a distance as a small number of classes.

    >>> bucket(3), bucket(100)
    ('<=5', '>40')
    """
    for e in edges:
        if n <= e:
            return f"<={e}"
    return f">{edges[-1]}"


def between_features(text: str, a: int, b: int, prefix: str) -> List[str]:
    """What stands in ``text[a:b]``: sentence and clause breaks, 陪同, the inspection-joining words."""
    seg = text[a:b] if a < b else ""
    out = [f"{prefix}len={bucket(len(seg))}"]
    for ch, name in (("，", "comma"), (",", "comma"), ("、", "dun"), ("；", "semi"), ("。", "stop"), ("：", "colon")):
        if ch in seg:
            out.append(f"{prefix}{name}")
    if _PEITONG.search(seg):
        out.append(f"{prefix}peitong")
    if _JOIN.search(seg):
        out.append(f"{prefix}join")
    if re.search(r"在[^，。；]{0,40}陪同下", seg):
        out.append(f"{prefix}zai_peitong")
    return out


def person_features(text: str, person, ps: Sequence, vpos: int, vend: int, rule_subjects: Sequence, *,
                    ends_before: Optional[Sequence[int]] = None, first: Optional[int] = None) -> List[str]:
    """The person's side: post, how it was found, order and distance to the verb, people between.

    ``ends_before``, when given: the sorted starts of the people of ``ps`` that end by ``vpos``
    (computed once per verb, so that counting the people between is not a pass over ``ps`` per person);
    ``first``, when given: the smallest start in ``ps`` (``ps`` not empty).
    """
    before = person.end <= vpos
    out = ["p_before" if before else "p_after", f"p_rule={person.rule}",
           "p_posts" if getattr(person, "posts", None) else "p_noposts",
           "p_clause" if person.clause_start else "p_inclause"]
    if any(q is person or (q.start == person.start and q.name == person.name) for q in rule_subjects):
        out.append("rule_subj")
    if before:
        out += between_features(text, person.end, vpos, "pv_")
        out.append("pv_dist=" + bucket(vpos - person.end))
        if ends_before is None:
            n = sum(1 for q in ps if person.end <= q.start and q.end <= vpos)
        else:
            n = len(ends_before) - bisect.bisect_left(ends_before, person.end)
        out.append(f"pv_people={min(n, 3)}")
    else:
        out += between_features(text, vend, person.start, "vp_")
        out.append("vp_dist=" + bucket(person.start - vend))
    out.append("p_prev1=" + text[max(0, person.start - 1):person.start])
    out.append("p_next1=" + text[person.end:person.end + 1])
    out.append("p_next2=" + text[person.end:person.end + 2])
    if first is None:
        first = min((q.start for q in ps), default=person.start)
    if person.start == first:
        out.append("p_first")
    return out


def verb_features(text: str, ss: int, vpos: int, vend: int, verb: str, flags: Sequence[str]) -> List[str]:
    """The verb and its surroundings."""
    out = ["v=" + verb, "v_prev2=" + text[max(ss, vpos - 2):vpos], "v_next2=" + text[vend:vend + 2],
           "v_prev1=" + text[max(ss, vpos - 1):vpos], "v_next1=" + text[vend:vend + 1]]
    out += ["flag_" + f for f in flags]
    lead = text[ss:vpos].lstrip()
    if lead.startswith(("会议", "会上", "会议上")):
        out.append("s_huiyi")
    return out


def conjoin(pred: str, feats: Sequence[str]) -> List[str]:
    """Every feature twice: shared by all predicates, and for this predicate only."""
    return list(feats) + [pred + ":" + f for f in feats]


class RoleScorer:
    """The trained candidate scorer: ``probabilities(cands)`` and per-predicate ``thresholds``."""

    def __init__(self, model_dir: Optional[Path] = None):
        import pycrfsuite
        self.model_dir = Path(model_dir) if model_dir else MODEL_DIR
        path = self.model_dir / MODEL_FILE
        if not path.exists():
            from govkg.errors import ModelNotFound
            raise ModelNotFound(f"{path}: role model missing; run `govkg train` to build it")
        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(path))
        meta_path = self.model_dir / META_FILE
        self.meta: Dict = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        self.thresholds: Dict[str, float] = self.meta.get("thresholds", {})
        #: per predicate, who decides: the scorer ("learned"), the rules, or "either" (chosen by ``govkg train``)
        self.modes: Dict[str, str] = self.meta.get("modes", {})

    @staticmethod
    def exists(model_dir: Optional[Path] = None) -> bool:
        return ((Path(model_dir) if model_dir else MODEL_DIR) / MODEL_FILE).exists()

    def probability(self, cand: Candidate) -> float:
        self.tagger.set([{f: 1.0 for f in cand.feats}])
        return float(self.tagger.marginal("yes", 0))

    def keep(self, cand: Candidate) -> bool:
        if cand.prob is None:
            cand.prob = self.probability(cand)
        learned = cand.prob >= self.thresholds.get(cand.pred, 0.5)
        mode = self.modes.get(cand.pred, "learned")
        return cand.rule_ok if mode == "rules" else (learned or cand.rule_ok) if mode == "either" else learned
