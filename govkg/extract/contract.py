"""The output contract of one triple, as a list of what it breaks.

Every triple govkg writes has a predicate of the schema with its subject and object types,
names that are non-blank text without control characters, and evidence that its offsets
slice out of the article text (``text[start:end] == evidence``). The pipeline drops and
reports a triple that breaks it (:class:`govkg.extract.guard.Guard`); the property tests and
the fuzz harness assert that none does.

>>> t = {"subject": "时博", "subject_type": "Person", "predicate": "CHAIRED", "object": "推进会",
...      "object_type": "Meeting", "article_id": "art-1", "evidence": "时博主持推进会。",
...      "start": 3, "end": 11, "rule": "verb+meeting", "confidence": 0.9, "source": "a.txt"}
>>> violations(t, "会议。时博主持推进会。")
[]
>>> violations(dict(t, object=" ", end=10), "会议。时博主持推进会。")
['object is blank', 'text[3:10] is not the evidence']
"""
from __future__ import annotations

import re
from typing import Any, List, Mapping, Optional

from govkg.schema import CONTRACT_KEYS, PREDICATES

_CONTROL = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")


def violations(t: Mapping[str, Any], text: Optional[str] = None) -> List[str]:
    """What ``t`` breaks of the contract (empty when it keeps it); ``text`` is its article's text."""
    out = [f"{k} is missing" for k in CONTRACT_KEYS if k not in t]
    if out:
        return out
    pred = t["predicate"]
    if pred not in PREDICATES:
        return [f"unknown predicate {pred!r}"]
    if (t["subject_type"], t["object_type"]) != PREDICATES[pred]:
        out.append(f"{pred} typed {t['subject_type']}->{t['object_type']}, the schema says "
                   f"{PREDICATES[pred][0]}->{PREDICATES[pred][1]}")
    for side in ("subject", "object"):
        value = t[side]
        if not isinstance(value, str) or not value.strip():
            out.append(f"{side} is blank")
        elif _CONTROL.search(value):
            out.append(f"{side} holds a control character or a lone surrogate")
    out += _evidence_violations(t, text)
    return out


def _evidence_violations(t: Mapping[str, Any], text: Optional[str]) -> List[str]:
    if "evidence" not in t:
        return []
    ev, start, end = t.get("evidence"), t.get("start"), t.get("end")
    if not isinstance(ev, str) or not ev.strip():
        return ["evidence is blank"]
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end):
        return [f"evidence offsets {start!r}..{end!r} are not a span"]
    if text is not None and text[start:end] != ev:
        return [f"text[{start}:{end}] is not the evidence"]
    return []
