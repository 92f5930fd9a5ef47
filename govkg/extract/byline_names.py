"""Reading a byline's names (the byline lines themselves: govkg.extract.bylines): who reported an article, in the forms newspapers write it.

- role and name lists, in brackets or not: ``（记者 周海燕 通讯员 金立）``, also run together
  after layout took the gaps out (``记者周海燕通讯员金立``);
- a two-character name spaced to the width of three (``本报记者 徐 静``);
- several names after one role (``通讯员 左学彬 周祎``, ``左学彬周祎``).

The role words are the lexicon's (``data/bylines.txt``) and ``…记者``/``…通讯员`` with a short
prefix (``全媒体记者``); a prefix right after another role word is that role's name
(``记者周海燕通讯员`` is 记者 周海燕 and 通讯员).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, List, Tuple

_BASE = re.compile(r"(?:记者站|记者|通讯员)$")
_SEP = re.compile(r"[\s\u3000、，,/]+")
_HAN = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=1)
def _role_re() -> re.Pattern:
    from govkg.extract.layout import byline_role
    return re.compile(byline_role())


def byline_people(line: str, split_names: Callable[[str], List[str]]) -> List[Tuple[str, str]]:
    """``(role, name)`` for every person a byline names; ``split_names`` checks a chunk is a name
    (or names run together) and splits it.

    >>> names = lambda s: [s] if 2 <= len(s) <= 3 else [s[:3], s[3:]] if len(s) == 5 else []
    >>> byline_people("（记者 周海燕 通讯员 金立）", names)
    [('记者', '周海燕'), ('通讯员', '金立')]
    >>> byline_people("记者周海燕通讯员金立", names)
    [('记者', '周海燕'), ('通讯员', '金立')]
    >>> byline_people("本报记者 徐 静", names)
    [('本报记者', '徐静')]
    >>> byline_people("□ 记者 杜少华 田亚楠/文", names)
    [('记者', '杜少华'), ('记者', '田亚楠')]
    """
    text = re.sub(r"/[文图]{1,2}$", "", line.strip().lstrip("□■◆● \u3000")).strip("（()）")
    roles = _roles(text, split_names)
    out: List[Tuple[str, str]] = []
    for k, (role, start, end) in enumerate(roles):
        stop = roles[k + 1][1] if k + 1 < len(roles) else len(text)
        for chunk in _chunks(text[end:stop]):
            out.extend((role, n) for n in split_names(chunk))
    return out


def _roles(text: str, split_names) -> List[Tuple[str, int, int]]:
    """Role words with their spans; a prefix glued to a role right after another role is a name."""
    roles: List[Tuple[str, int, int]] = []
    for m in _role_re().finditer(text):
        word, start = m.group(0), m.start()
        base = _BASE.search(word)
        if roles and base and base.start() > 0 and _HAN.match(text[start - 1]):
            # glued to the names before it: 记者|周海燕通讯员, 记者周|海燕李明通讯员: names, then 通讯员
            names = text[roles[-1][2]:start + base.start()]
            if split_names(re.sub(r"[\s\u3000]", "", names)):
                word, start = base.group(0), start + base.start()
        roles.append((word, start, m.end()))
    return roles


def _chunks(names: str) -> List[str]:
    """Names separated by spaces or 、; two single characters in a row are one spaced name."""
    parts = [p for p in _SEP.split(names.strip(" \u3000:：")) if p]
    out: List[str] = []
    i = 0
    while i < len(parts):
        if len(parts[i]) == 1 and i + 1 < len(parts) and len(parts[i + 1]) == 1:
            out.append(parts[i] + parts[i + 1])
            i += 2
            continue
        out.append(parts[i])
        i += 1
    return out
