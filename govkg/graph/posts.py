"""Posts as posts of organisations: ``区委书记`` in a 二七区 article is the 书记 of 中共郑州市二七区委.

:func:`normalise_post` reads a post as the text writes it (``区委书记``, ``二七区委书记``,
``长兴县县长``, ``浙江省长``, ``国务院总理``, ``总理``) with its sentence and the article's
locality, and returns a :class:`Post`: the organisation (``中共郑州市二七区委``,
``长兴县人民政府``, ``国务院``), the role (``书记``, ``县长``, ``总理``), the division whose
post it is (the *jurisdiction*, a division code or ``CN``), its level and whether the text
calls it a former post (``原``/``时任``/``曾任``). Central posts come from
``data/central_posts.tsv``; local ones are read by the patterns below, the locality from the
post itself, else the last division of the right level named before it in the sentence,
else the article's locality (or its ancestor of that level).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Dict, Optional, Tuple

from govkg.graph.places import CENTRAL, DATA, Gazetteer, gazetteer

#: a unit word -> the level of the division whose post it is
UNIT_LEVEL = {"省": "province", "自治区": "province", "市": "city", "州": "city", "盟": "city",
              "区": "county", "县": "county", "旗": "county"}
_UNIT = r"(自治区|省|市|州|盟|区|县|旗)"
#: (pattern over the post without its locality, kind); kinds name the organisation below
_PATTERNS = [
    (re.compile(_UNIT + r"?(?:党)?委(副?书记|常委|委员)$"), "party"),
    (re.compile(r"^(.{1,8}?)(镇|乡|街道)(?:党委|党工委)(副?书记|委员)$"), "township-party"),
    (re.compile(r"^(.{1,8}?)(镇|乡)(?:人民政府)?(副?[镇乡]长)$"), "township-gov"),
    (re.compile(r"^(.{1,8}?村)(?:党支部|党总支|党委)(副?书记)$"), "village-party"),
    (re.compile(r"^(.{1,8}?村)(?:村委会)?(副?主任)$"), "village-gov"),
    (re.compile(r"^(副?)" + _UNIT + r"长$"), "gov"),
    (re.compile(r"(自治区)(?:人民政府)?(副?主席)$|()人民政府(副?主席)$"), "region-gov"),
    (re.compile(_UNIT + r"?人大常委会(副?主任)$"), "congress"),
    (re.compile(_UNIT + r"?政协(副?主席)$"), "cppcc"),
    (re.compile(_UNIT + r"?纪委(?:监委)?(副?书记)$"), "discipline"),
    (re.compile(_UNIT + r"?委?(组织部|宣传部|统战部|政法委)(副?部长|副?书记)$"), "department"),
]
_ORG_END = re.compile(r"^(.+?(?:委员会|人民政府|常委会|办公厅|办公室|部|局|厅|委|办|院|署|公司|集团|大学|学院|"
                      r"中心|协会|联合会|银行|研究所|所|团|会|馆|站|社))(.+)$")
_PAST = re.compile(r"(时任|曾任|曾经担任|历任|原任)$")


@dataclass(frozen=True)
class Post:
    """A post normalised: ``name`` is the organisation's name and the role (``中共郑州市二七区委书记``)."""

    wording: str
    role: str
    organisation: Optional[str]
    jurisdiction: Optional[str]      # a division code, ``CN``, ``org:<name>``, or None when unknown
    level: str                       # central, province, city, county, township, village, other, unknown
    former: bool = False

    @property
    def name(self) -> str:
        if not self.organisation:
            return self.wording
        return self.organisation + ("" if self.role.startswith(self.organisation) else self.role)


@functools.lru_cache(maxsize=1)
def central_posts() -> Dict[str, Tuple[str, str]]:
    """``wording -> (organisation, role)`` of ``data/central_posts.tsv``."""
    out = {}
    with open(DATA / "central_posts.tsv", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            wording, org, role = line.rstrip("\n").split("\t")[:3]
            out[wording] = (org, role)
    return out


def _strip_locality(w: str, gaz: Gazetteer, context) -> Tuple[Optional[str], str]:
    """The division named at the start of a post (``郑州市二七区委书记`` -> 二七区) and the rest, with
    the unit word put back (``浙江省长`` -> ``省长``, ``二七区委书记`` -> ``区委书记``)."""
    code, rest = None, w
    while True:
        hits = gaz.mentions(rest)
        if not hits or hits[0][0] != 0:
            break
        _, end, cands = hits[0]
        name = rest[:end]
        got = gaz.resolve(cands, ([code] if code else []) + list(context))
        if got is None and code:
            got = next((c for c in cands if gaz.within(c, code)), None)
        if got is None and len(cands) > 1:
            got = None
        if got is None and len(cands) != 1:
            break
        code = got or cands[0]
        rest = rest[end:]
        for unit in ("自治区", "省", "市", "区", "县", "州", "盟", "旗"):
            if name.endswith(unit) and not rest.startswith(unit) and not rest.startswith(("人民政府", "人大", "政协")):
                if rest.startswith(("长", "委", "党委")) or rest.startswith("副") and rest.endswith("长"):
                    rest = (unit + rest) if not rest.startswith("副") else ("副" + unit + rest[1:])
                break
        if not rest:
            break
    return code, rest


def _jurisdiction(unit: Optional[str], sentence: str, pos: int, article: Optional[str],
                  gaz: Gazetteer) -> Optional[str]:
    """The division a post of ``unit`` level belongs to when the post does not name it."""
    level = UNIT_LEVEL.get(unit or "", None)
    ctx = [article] if article else []
    code = gaz.last_before(sentence, pos, level, ctx) if level else None
    if code is None and unit == "市":   # a municipality (北京市) is a province-level 市
        code = gaz.last_before(sentence, pos, "province", ctx)
        code = code if code and gaz.get(code).name.endswith("市") else None
    if code:
        return code
    if not article:
        return None
    if level is None:
        return article
    for d in reversed(gaz.chain(article)):
        if d.level == level or (unit == "市" and d.name.endswith("市")):
            if unit in ("区", "县") and not d.name.endswith(unit):
                return None
            return d.code
    return None


def _org_names(kind: str, code: Optional[str], gaz: Gazetteer, m: re.Match) -> Tuple[Optional[str], str, str]:
    """(organisation, role, level) of a post of ``kind`` in division ``code``."""
    full = gaz.full_name(code) if code and code != CENTRAL else ""
    level = gaz.get(code).level if code and gaz.get(code) else "unknown"
    g = m.groups()
    if kind == "party":
        org = (f"中共{full}委员会" if full.endswith("自治区") else f"中共{full}委") if full else None
        return org, g[-1], level
    if kind in ("township-party", "township-gov"):
        town = g[0] + g[1]
        if kind == "township-party":
            return f"中共{full}{town}委员会", g[2], "township"
        return f"{full}{town}人民政府", g[2], "township"
    if kind in ("village-party", "village-gov"):
        return (f"{full}{g[0]}党支部" if kind == "village-party" else f"{full}{g[0]}村民委员会"), g[1], "village"
    if kind == "gov":
        return (f"{full}人民政府" if full else None), g[0] + g[1] + "长", level
    if kind == "region-gov":
        return (f"{full}人民政府" if full else None), g[1] or g[3], level
    if kind == "congress":
        return (f"{full}人大常委会" if full else None), g[-1], level
    if kind == "cppcc":
        return (f"政协{full}委员会" if full else None), g[-1], level
    if kind == "discipline":
        return (f"中共{full}纪委" if full else None), g[-1], level
    return (f"中共{full}委{g[1]}" if full else None), g[2], level   # department


def normalise_post(wording: str, *, sentence: str = "", article_locality: Optional[str] = None,
                   gaz: Optional[Gazetteer] = None) -> Post:
    """The organisation, role, jurisdiction and level of a post as the text writes it.

    >>> p = normalise_post("区委书记", sentence="区委书记陈红民要求", article_locality="410103")
    >>> p.name, p.organisation, p.role, p.jurisdiction, p.level
    ('中共郑州市二七区委书记', '中共郑州市二七区委', '书记', '410103', 'county')
    >>> normalise_post("总理").name == normalise_post("国务院总理").name == "国务院总理"
    True
    >>> normalise_post("浙江省长").name, normalise_post("长兴县县长").name
    ('浙江省人民政府省长', '湖州市长兴县人民政府县长')
    """
    gaz = gaz or gazetteer()
    w = re.sub(r"\s+", "", wording)
    pos = max(0, sentence.find(w))
    former = w.startswith(("原", "前")) or bool(_PAST.search(sentence[:pos]))
    core = w[1:] if w.startswith(("原", "前")) and len(w) > 2 else w
    core = core[2:] if core.startswith("中共") and len(core) > 4 else core
    central = central_posts()
    if core in central or w in central:
        org, role = central.get(w) or central[core]
        return Post(w, role, org, CENTRAL, "central", former or role.startswith("原"))
    ctx = [article_locality] if article_locality else []
    code, rest = _strip_locality(core, gaz, ctx)
    if code and rest in central:
        org, role = central[rest]
        return Post(w, role, org, CENTRAL, "central", former)
    for pat, kind in _PATTERNS:
        m = pat.match(rest)
        if not m:
            continue
        unit = m.group(2) if kind == "gov" else (m.group(1) if kind not in ("township-party", "township-gov",
                                                                            "village-party", "village-gov") else None)
        if code is None:
            if kind.startswith(("township", "village")):
                code = article_locality if article_locality and gaz.get(article_locality) and \
                    gaz.get(article_locality).level == "county" else None
            else:
                code = _jurisdiction(unit, sentence, pos, article_locality, gaz)
        org, role, level = _org_names(kind, code, gaz, m)
        juris = code if level not in ("township", "village") else (f"{code}:{org}" if code else None)
        return Post(w, role, org, juris if org else None, level if org else "unknown", former)
    return _generic(w, rest, code, former, sentence, pos, article_locality, gaz)


def _generic(w: str, rest: str, code: Optional[str], former: bool, sentence: str, pos: int,
             article_locality: Optional[str], gaz: Gazetteer) -> Post:
    """A post of some other organisation (``中国科学院院长``, ``组织部长``, ``XX公司董事长``)."""
    if re.fullmatch(r"(组织|宣传|统战)部长", rest) and (code or article_locality):
        loc = code or article_locality
        return Post(w, "部长", f"中共{gaz.full_name(loc)}委{rest[:3]}", loc, gaz.get(loc).level, former)
    m = _ORG_END.match(rest)
    if rest.startswith(("中央", "全国", "国家", "中国", "中共中央")):
        if m:
            return Post(w, m.group(2), m.group(1), CENTRAL, "central", former)
        return Post(w, rest, None, CENTRAL, "central", former)
    if code is None and m and re.fullmatch(r"[\u4e00-\u9fff]{1,8}部", m.group(1)):   # a ministry
        return Post(w, m.group(2), m.group(1), CENTRAL, "central", former)
    if code is not None and m:
        full = gaz.full_name(code)
        return Post(w, m.group(2), full + m.group(1), code, gaz.get(code).level, former)
    if m and re.search(r"(公司|集团|大学|学院|银行|研究所|研究院|协会|联合会)$", m.group(1)):
        return Post(w, m.group(2), m.group(1), f"org:{m.group(1)}", "other", former)
    if m and article_locality and re.match(r"^[\u4e00-\u9fff]{1,4}(部|委|局|办)$", m.group(1)):
        full = gaz.full_name(article_locality)
        return Post(w, m.group(2), full + m.group(1), article_locality, gaz.get(article_locality).level, former)
    return Post(w, rest, None, None, "unknown", former)
