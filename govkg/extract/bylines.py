"""Byline lines (``记者 张改华``, ``（记者 方耀星 见习记者 李静静）``) recognised in linear time.

A byline is a role word (the lexicon's ``bylines.txt``, or up to four characters and
记者/记者站/通讯员: ``全媒体记者``), optional ``:`` or spaces, a name of two to four
characters (or a two-character name spaced to the width of three, ``徐 静``), more names
after spaces or ``、``; bylines may follow one another; a whole line may open with a mark
(``□ 记者 杜少华/文``) and end with ``/文`` or ``/图``::

    BYLINE := ROLE [ \\t\\u3000:：]* NAME ([ \\t\\u3000、，,]+ NAME)*
    NAME   := [\\u4e00-\\u9fff·]{2,4} | HAN [ \\t\\u3000] HAN (?!HAN)     (徐 静: spaced to the width of three)
    LINE   := [□■◆●]? [ \\t\\u3000]* [（(]? (BYLINE [ \\t\\u3000]*)+ [）)]? (/[文图]{1,2})?

Written as one backtracking regular expression this grammar is ambiguous (a name can end
where a role's prefix begins), and ``记者张改华`` repeated and followed by ``！`` takes
exponential time. Here it is a dynamic programme over the positions of the line, right to
left: each position is visited once, so the cost is linear in the length of the line.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import List, Optional, Sequence, Tuple

from govkg.extract.lexicon import data_lines

ROLE_KEYS = ("记者站", "记者", "通讯员")   # a role is up to 4 characters and one of these, or a lexicon word
WS = " \t\u3000"
SEP = WS + ":："                          # between the role and the first name
LISTSEP = WS + "、，,"                     # between names
OPEN, CLOSE = "（(", "）)"
MARKS = "□■◆●"                             # a mark before a byline line (□ 记者 杜少华)
CREDITS = ("/文", "/图", "/文文", "/文图", "/图文", "/图图")   # after a byline line: /[文图]{1,2}
SENTENCE_END = "。！？”’）)"               # what a byline at the end of a paragraph follows
TAIL_WINDOW = 200                           # a byline closing a paragraph is looked for in its last characters
_OUTSIDE = re.compile(r"[^\u4e00-\u9fff· \t\u3000:：、，,（()）□■◆●/]")


def _cjk(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


def _name_char(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff" or c == "·"


class Bylines:
    """The byline grammar over a list of role words (``bylines.txt``).

    >>> b = Bylines(["记者", "通讯员", "见习记者"])
    >>> b.full("（记者 方耀星 见习记者 李静静）"), b.full("记者从会上获悉，工作进展顺利。")
    (True, False)
    >>> raw = "会议强调抓好落实。记者 张改华"
    >>> start, group = b.tail(raw)
    >>> raw[:start], raw[group:]
    ('会议强调抓好落实。', '记者 张改华')
    """

    def __init__(self, words: Sequence[str]):
        self.words = sorted({w for w in words if w}, key=len, reverse=True)
        keys = sorted(set(ROLE_KEYS) | set(self.words), key=len, reverse=True)
        self._keys = re.compile("|".join(map(re.escape, keys)))

    # ------------------------------------------------------------------ parts
    def _role_ends(self, s: str, i: int) -> List[int]:
        """Ends of the role words that start at ``i``."""
        ends = [i + len(w) for w in self.words if s.startswith(w, i)]
        for p in range(5):  # [\u4e00-\u9fff]{0,4} then 记者站|记者|通讯员
            if p and (i + p > len(s) or not _cjk(s[i + p - 1])):
                break
            ends.extend(i + p + len(k) for k in ROLE_KEYS if s.startswith(k, i + p))
        return ends

    def _tables(self, s: str, *, closing: bool) -> Tuple[List[bool], List[bool]]:
        """``seq[i]``: ``s[i:]`` is bylines to the end (``closing``: a ``）`` may end it);
        ``paren[i]``: ``s[i:]`` is ``（ROLE NAME…）`` as the tail pattern allows."""
        n = len(s)
        F = [False] * (n + 2)
        R, D, B, A, C, U, G, V = (list(F) for _ in range(8))
        name_run, loose_run = [0] * (n + 2), [0] * (n + 2)
        for i in range(n, -1, -1):
            c = s[i] if i < n else ""
            if i < n:
                name_run[i] = name_run[i + 1] + 1 if _name_char(c) else 0
                loose_run[i] = loose_run[i + 1] + 1 if (_name_char(c) or c in WS) else 0
            ends = self._role_ends(s, i) if i < n else []
            R[i] = any(A[j] for j in ends)
            end = i == n or (closing and i == n - 1 and c in CLOSE)
            D[i] = end or R[i] or (c != "" and c in WS and D[i + 1])
            B[i] = D[i] or (c != "" and c in LISTSEP and C[i + 1])
            named = any(B[i + k] for k in range(2, min(4, name_run[i]) + 1)) or (
                i + 2 < n and _cjk(c) and s[i + 1] in WS and _cjk(s[i + 2])
                and (i + 3 == n or not _cjk(s[i + 3])) and B[i + 3])  # 徐 静
            A[i] = (c != "" and c in SEP and A[i + 1]) or named
            C[i] = (c != "" and c in LISTSEP and C[i + 1]) or named
            U[i] = any(V[j] for j in ends)
            G[i] = U[i] or (i == n - 1 and c in CLOSE)
            V[i] = (c != "" and c in SEP and V[i + 1]) or (
                c != "" and _name_char(c) and any(G[i + 1 + k] for k in range(1, min(15, loose_run[i + 1]) + 1)))
        paren = [i < n and s[i] in OPEN and U[i + 1] for i in range(n + 1)]
        return R, paren

    # ------------------------------------------------------------------ use
    def full(self, line: str) -> bool:
        """True when the whole (stripped) line is bylines, optionally in brackets."""
        s = line.strip()
        if not s or _OUTSIDE.search(s) or not self._keys.search(s):
            return False
        if s[0] in MARKS:  # □ 记者 杜少华
            s = s[1:].lstrip(WS)
        slash = s.find("/")
        if slash >= 0:  # only as the credit closing the line: 田亚楠/文
            if s[slash:] not in CREDITS:
                return False
            s = s[:slash]
        if not s or any(c in MARKS for c in s):
            return False
        seq, _ = self._tables(s, closing=True)
        return seq[0] or (s[0] in OPEN and seq[1])

    def tail(self, raw: str) -> Optional[Tuple[int, int]]:
        """A byline closing a paragraph after its last sentence (``…。记者 张改华``).

        Returns ``(start, byline_start)``: the paragraph ends at ``start``, the byline text
        is ``raw[byline_start:]``; None when the paragraph ends with no byline. Only its last
        :data:`TAIL_WINDOW` characters are read.
        """
        lo = max(0, len(raw) - TAIL_WINDOW)
        window = raw[lo:]
        if not self._keys.search(window):
            return None
        seq, paren = self._tables(window, closing=False)
        for s in range(max(lo, 1), len(raw) + 1):
            if raw[s - 1] not in SENTENCE_END:
                continue
            t = s
            while t < len(raw) and raw[t] in WS:
                t += 1
            if seq[t - lo] or paren[t - lo]:
                return s, t
        return None


@lru_cache(maxsize=1)
def default_bylines() -> Bylines:
    """The grammar over the package lexicon."""
    return Bylines(data_lines("bylines.txt"))
