"""Scripts: Traditional Chinese is converted to Simplified for extraction (OpenCC ``t2s``), and
what comes out is written back as the text writes it; a text in a script govkg cannot read
is refused in one line.

The conversion keeps every character in its place (OpenCC's ``t2s`` maps one character to one
character; where a phrase rule would change a length, that line is converted a character at
a time), so offsets into the converted text are offsets into the original, and a name found
at an offset of the converted text is read back from the same offset of the original.
"""
from __future__ import annotations

import dataclasses
import re
from functools import lru_cache
from typing import Callable, Dict, List, Optional, Tuple

from govkg.errors import InputError, ModelNotFound

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
#: scripts govkg cannot read, with what to call them in a message
_FOREIGN = (
    ("Japanese (kana)", re.compile(r"[\u3041-\u3096\u30a1-\u30fa\u31f0-\u31ff\uff66-\uff9d]")),
    ("Korean (Hangul)", re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3131-\u318e]")),
    ("Tibetan", re.compile(r"[\u0f00-\u0fff]")),
    ("Mongolian", re.compile(r"[\u1800-\u18af]")),
    ("Arabic-script (Uyghur)", re.compile(r"[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]")),
    ("Cyrillic", re.compile(r"[\u0400-\u04ff]")),
    ("Yi", re.compile(r"[\ua000-\ua4cf]")),
)
TRADITIONAL_SHARE = 0.05   # share of Han characters that t2s changes, above which a text is Traditional


@lru_cache(maxsize=1)
def _converter():
    try:
        import opencc
    except ImportError as e:  # pragma: no cover - a dependency of govkg
        raise ModelNotFound("OpenCC is missing: pip install opencc (needed for Traditional Chinese)") from e
    return opencc.OpenCC("t2s")


def check_script(text: str, name: str) -> None:
    """Raise :class:`InputError` when ``text`` is mostly in a script govkg cannot read.

    >>> check_script("県知事は会議を開き、地域の防災について話し合いました。これからも続けていきます。", "a.txt")
    Traceback (most recent call last):
    ...
    govkg.errors.InputError: a.txt: written in Japanese (kana), not Chinese; govkg reads Chinese (Simplified or Traditional)
    """
    han = len(_HAN.findall(text))
    for script, pat in _FOREIGN:
        n = len(pat.findall(text))
        if n >= 20 and n >= 0.1 * (han + n):
            raise InputError(f"{name}: written in {script}, not Chinese; govkg reads Chinese (Simplified or Traditional)")


def is_traditional(text: str) -> bool:
    """True when OpenCC's t2s changes more than 5% of the Han characters (Simplified news: < 1%)."""
    han = len(_HAN.findall(text))
    if not han:
        return False
    conv = to_simplified(text)
    return sum(1 for a, b in zip(text, conv) if a != b) > TRADITIONAL_SHARE * han


def to_simplified(text: str) -> str:
    """``text`` in Simplified characters, every character in its place."""
    conv = _converter().convert(text)
    if len(conv) == len(text):
        return conv
    out = []
    for line in text.split("\n"):
        c = _converter().convert(line)
        if len(c) != len(line):
            c = "".join(ch2 if len(ch2 := _converter().convert(ch)) == 1 else ch for ch in line)
        out.append(c)
    return "\n".join(out)


def simplified_document(doc):
    """A Traditional document converted for the page and layout rules, its own text kept in
    ``meta['original_text']`` (articles are cut from it at the same offsets)."""
    if "original_text" in doc.meta or not is_traditional(doc.text):
        return doc
    meta = dict(doc.meta, original_text=doc.text)
    return dataclasses.replace(doc, text=to_simplified(doc.text), meta=meta)


def extract_any_script(extract: Callable[[list], List[dict]], articles: list) -> List[dict]:
    """Run ``extract`` on the articles, Traditional ones converted to Simplified, and write the
    triples of those back in the article's own characters (names, evidence)."""
    pairs: Dict[str, Tuple[object, object]] = {}
    conv = []
    for a in articles:
        if is_traditional(a.text):
            c = dataclasses.replace(a, text=to_simplified(a.text), title=_opt(a.title), subtitle=_opt(a.subtitle),
                                    bylines=[(to_simplified(line), off) for line, off in a.bylines])
            pairs[a.id] = (c, a)
            conv.append(c)
        else:
            conv.append(a)
    triples = extract(conv)
    for t in triples:
        if t.get("article_id") in pairs:
            restore(t, *pairs[t["article_id"]])
    return triples


def _opt(s: Optional[str]) -> Optional[str]:
    return to_simplified(s) if s else s


def restore(t: dict, conv, orig) -> None:
    """Write triple ``t``, read from the converted article ``conv``, in the characters of ``orig``."""
    s, e = t.get("start", 0), t.get("end", 0)
    if "evidence" in t:
        t["evidence"] = orig.text[s:e].strip()
    for key, typ in (("subject", "subject_type"), ("object", "object_type")):
        value = t[key]
        if t[typ] == "Article" and value == conv.name:
            t[key] = orig.name
            continue
        pos = _find(conv.text, value, s, e)
        if pos is not None:
            t[key] = orig.text[pos[0]:pos[1]] if len(value) == pos[1] - pos[0] else _squeezed(orig.text[pos[0]:pos[1]])


def _find(text: str, value: str, s: int, e: int) -> Optional[Tuple[int, int]]:
    """Where ``value`` is written in ``text``: in ``text[s:e]`` first, then anywhere; spaces
    between its characters allowed (a spaced name ``徐 静``)."""
    if not value:
        return None
    for lo, hi in ((s, e), (0, len(text))):
        i = text.find(value, lo, hi)
        if i >= 0:
            return i, i + len(value)
    pat = re.compile(r"[ \t\u3000]*".join(map(re.escape, value)))
    for lo, hi in ((s, e), (0, len(text))):
        m = pat.search(text, lo, hi)
        if m:
            return m.span()
    return None


def _squeezed(s: str) -> str:
    return re.sub(r"[ \t\u3000]+", "", s)
