"""China's administrative divisions: where an article is, and which locality a post belongs to.

The gazetteer (``data/divisions.tsv``, 3,219 province-, city- and county-level divisions with
their codes; made by ``scripts/make_divisions.py`` from the MIT-licensed ``cpca`` package) is
read once. :meth:`Gazetteer.mentions` finds divisions named in a text, by full name
(``郑州市``, ``二七区``) or short form (``郑州``, ``浙江``, ``安吉``), longest match first;
:meth:`Gazetteer.article_locality` picks the division an article is about.

A division is identified by its 6-digit code; ``CN`` stands for the central level. A name
shared by several divisions (``朝阳区`` in Beijing and in Changchun) is resolved by the
ancestors the same text names, else left ambiguous.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Tuple

DATA = Path(__file__).with_name("data")
CENTRAL = "CN"
LEVELS = ("central", "province", "city", "county")
#: suffixes dropped to make a short form (longest first)
_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "特别行政区", "自治州", "自治县",
             "地区", "省", "市", "县", "区", "盟", "旗")
#: short forms that are ordinary words (never read as a place)
_STOP_SHORT = {"和平", "新华", "城关", "长安", "建设", "光明", "发展", "民主", "红旗", "解放", "文化", "人民",
               "团结", "友谊", "胜利", "和谐", "开发", "新区", "高新", "经济", "中山", "永安", "安全", "白云",
               "东方", "南方", "北方", "西部", "东区", "西区", "南区", "北区", "中区", "城中", "城东", "城西",
               "城南", "城北", "市中", "郊区", "矿区", "新城", "老城", "青年", "铁路", "江南", "江北", "河东",
               "河西", "华龙", "龙华", "先锋", "宝山", "普陀", "朝阳", "双桥", "桥西", "桥东", "向阳", "前进",
               "工农", "东风", "友好", "新市", "新兴", "兴安", "吉安", "安吉祥", "太平", "平安", "永和", "大同",
               # ordinary words (or parts of names: 雄安新区, 共和国, 绿水青山) that were read as counties
               # in the CCTV articles of shared/eval-candidates/xwlb-cctv; the full names still count
               "资源", "合作", "振兴", "安新", "和政", "复兴", "富裕", "新和", "共和", "青山", "金山", "港口",
               "惠民", "古城", "富民", "江山", "运河", "大城", "安居", "乐业", "新建", "同心", "平和", "宏伟",
               "兴国", "同德", "延长", "中原", "平原", "兴业", "大关", "安宁", "南部", "清水", "长寿", "中方",
               "新安", "东海", "万年", "江海", "大通", "永定", "卫东", "大安", "大新", "双城", "东湖", "西湖",
               "盐湖", "江岸", "凌河", "兴和"}


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    parent: Optional[str]

    @property
    def level(self) -> str:
        if self.code == CENTRAL:
            return "central"
        if self.code.endswith("0000"):
            return "province"
        if self.code.endswith("00"):
            return "city"
        return "county"


def short_form(name: str) -> Optional[str]:
    """``郑州市`` -> ``郑州``, ``广西壮族自治区`` -> ``广西``; None when nothing of two characters is left.

    >>> short_form("郑州市"), short_form("二七区"), short_form("城区")
    ('郑州', '二七', None)
    """
    for suf in _SUFFIXES:
        if name.endswith(suf) and len(name) - len(suf) >= 2:
            core = name[: -len(suf)]
            core = re.sub(r"(?:[\u4e00-\u9fff]{1,3}族)+$", "", core) if suf in ("自治州", "自治县") else core
            return core if len(core) >= 2 and core not in _STOP_SHORT else None
    return None


class Gazetteer:
    """The divisions, their names and short forms, and look-ups over texts."""

    def __init__(self, rows: Iterable[Tuple[str, str, str]]):
        self.by_code: Dict[str, Division] = {CENTRAL: Division(CENTRAL, "中央", None)}
        self.by_name: Dict[str, List[str]] = {}
        for code, name, parent in rows:
            self.by_code[code] = Division(code, name, parent or None)
        for d in self.by_code.values():
            if d.code == CENTRAL:
                continue
            self.by_name.setdefault(d.name, []).append(d.code)
            sf = short_form(d.name)
            if sf:
                self.by_name.setdefault(sf, []).append(d.code)
        self._lengths: Dict[str, List[int]] = {}
        for name in self.by_name:
            self._lengths.setdefault(name[0], []).append(len(name))
        for k in self._lengths:
            self._lengths[k] = sorted(set(self._lengths[k]), reverse=True)

    # ------------------------------------------------------------------ structure

    def get(self, code: Optional[str]) -> Optional[Division]:
        return self.by_code.get(code) if code else None

    def chain(self, code: str) -> List[Division]:
        """The division and its ancestors, province first."""
        out = []
        d = self.by_code.get(code)
        while d is not None and d.code != CENTRAL:
            out.append(d)
            d = self.by_code.get(d.parent) if d.parent else None
        return out[::-1]

    def within(self, code: str, other: str) -> bool:
        """Whether ``code`` is ``other`` or lies inside it (everything lies within the centre)."""
        return other == CENTRAL or any(d.code == other for d in self.chain(code))

    def related(self, a: str, b: str) -> bool:
        """One within the other."""
        return self.within(a, b) or self.within(b, a)

    def full_name(self, code: str, *, with_province: bool = False) -> str:
        """``郑州市二七区`` (the province too when asked, or when the division is one)."""
        chain = self.chain(code)
        if len(chain) > 1 and not with_province and chain[0].name.endswith(("省", "自治区")):
            chain = chain[1:]
        return "".join(d.name for d in chain)

    # ------------------------------------------------------------------ texts

    def mentions(self, text: str) -> List[Tuple[int, int, List[str]]]:
        """``(start, end, candidate codes)`` of every division named in ``text``, longest match first."""
        out, i, n = [], 0, len(text)
        while i < n:
            hit = None
            for ln in self._lengths.get(text[i], ()):
                if i + ln <= n and text[i:i + ln] in self.by_name:
                    hit = ln
                    break
            if hit:
                out.append((i, i + hit, self.by_name[text[i:i + hit]]))
                i += hit
            else:
                i += 1
        return out

    def resolve(self, candidates: List[str], context: Iterable[str]) -> Optional[str]:
        """One code among ``candidates``: the only one, or the one whose ancestors ``context`` names."""
        if len(candidates) == 1:
            return candidates[0]
        provinces = [c for c in candidates if self.by_code[c].level == "province"]
        if len(provinces) == 1:   # 河北, 吉林: the province, not 天津市河北区 or 吉林市
            return provinces[0]
        ctx = set(context)
        fits = [c for c in candidates if any(a.code in ctx for a in self.chain(c)[:-1])]
        return fits[0] if len(fits) == 1 else None

    def codes_in(self, text: str) -> Counter:
        """How often each division is named in ``text`` (ambiguous names resolved by the others)."""
        found = self.mentions(text)
        sure = {c[0] for _, _, c in found if len(c) == 1}
        counts: Counter = Counter()
        for _, _, cands in found:
            code = self.resolve(cands, sure)
            if code:
                counts[code] += 1
        return counts

    def article_locality(self, title: str, text: str) -> Optional[str]:
        """The division an article is about: among those named at least twice (or in the title,
        or the only one named) with a score of at least a third of the best, the most specific."""
        counts = self.codes_in(text)
        for code in self.codes_in(title or ""):
            counts[code] += 2
        if not counts:
            return None
        best = max(counts.values())
        floor = 1 if len(counts) == 1 else max(2, best / 3)
        cands = [c for c, k in counts.items() if k >= floor]
        if not cands:
            return None
        depth = {"province": 1, "city": 2, "county": 3}
        return max(cands, key=lambda c: (depth[self.by_code[c].level], counts[c], c))

    def last_before(self, text: str, end: int, level: Optional[str] = None,
                    context: Iterable[str] = ()) -> Optional[str]:
        """The last division named in ``text[:end]`` (of ``level`` when given)."""
        ctx = list(context)
        best = None
        for s, e, cands in self.mentions(text[:end]):
            code = self.resolve(cands, ctx)
            if code and (level is None or self.by_code[code].level == level):
                best = code
        return best


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer of ``data/divisions.tsv`` (read once)."""
    rows = []
    with open(DATA / "divisions.tsv", encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            code, name, parent = (line.rstrip("\n").split("\t") + ["", ""])[:3]
            rows.append((code, name, parent))
    return Gazetteer(rows)
