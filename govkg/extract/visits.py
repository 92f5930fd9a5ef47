"""Inspection visits: who inspected which site (a mix-in of :class:`~govkg.extract.relations.RelationExtractor`).

A visit is read as a *tour*: a party (the leader who 调研/带队/率…, the people of
``X、Y一行``, companions who 参加调研/一同调研; hosts who only 陪同 are kept apart) and
its stops, the sites after a verb of movement or inspection while the tour lasts
(``先后来到A、B``, ``深入X镇、Y村调研``, ``察看了A、B``), each list item cleaned of its
modifiers, together with the sites the mention tagger finds in those sentences.
Every member of the party and every host is proposed with every stop;
:mod:`govkg.extract.roles` scores them. What the older rules would have said
(:meth:`Visits._rule_visits`) is one of the features.
"""
from __future__ import annotations

import re
from typing import Dict, List, Optional, Sequence, Set, Tuple

from govkg.extract.roles import Candidate, between_features, bucket, conjoin

_TOUR_MOVE = re.compile(r"(?:来到|走进|前往|深入|参观了?|^\s*在)([^，。；：,;:\n]{2,200}?)"
                        r"(?=[，。；：,;:\n]|$|了解|察看|调研|考察|参观|听取|看望|慰问|展陈|展览)")
_OBJECT_END = re.compile(r"(?:情况|工作|进度|建设|进展|成效|问题|措施|落实|推进|开展|运行|生产|经营)$")
_INSPECT_TAIL = re.compile(r"了?([^，。；：,;:\n]{2,120})")
_JOIN_WORD = re.compile(r"(?:参加|一同|一起|共同|随同)(?:了)?(?:调研|考察|视察|检查|察看|督导)(?:活动)?|参加活动")
_PEITONG_AFTER = re.compile(r"[^，。；]{0,12}陪同")
_ADMIN_END = re.compile(r"(?:省|市|县|区|州|盟|旗|镇|乡|村|街道|社区)$")
#: a verb after which a list of stops follows
_STOP_VERB = re.compile(r"(?:先后|分别|随后|首先|还|又|再|相继|一同|一起|逐一)?(?:来到|走进|深入到?|前往|到达|抵达|赶赴|奔赴|"
                        r"先后到|走访了?|参观了?|考察了?|察看了?|调研了?|视察了?|检查了?|查看了?|看望了?|慰问了?|踏勘了?)")
#: where a list of stops ends
_PHRASE_END = re.compile(r"[，。；：！？,;:!?\n]|进行|开展|实地|详细|仔细|认真|现场(?:察看|查看|调研|办公)|就|对|围绕|了解|听取|调研|考察|"
                         r"察看|查看|看望|慰问|检查|督导|指导|参观")
_ITEM_HEAD = re.compile(r"^(?:了|到|在|先后|分别|实地|深入|走进|来到|一线|位于|一家|一处|一座|一个|这家|该)+")
_ITEM_TAIL = re.compile(r"(?:等[\d一二三四五六七八九十]+[个家处所座条][^、，]{0,3}|等(?:地|处|单位|企业|项目|村|镇|乡镇)?|进行了?|开展了?|一线|现场|"
                        r"沿线|一带|周边|附近|实地|建设工地|施工现场)+$")
_LIST_KIND = re.compile(r"等[\d一二三四五六七八九十]+个([^、，。]{1,3})")
#: a district, county or city that a tour goes to is its destination, not a site it inspected
#: (the guideline's Places); zones (开发区, 示范区, 街区, 园区…) are sites
_DISTRICT = re.compile(r"(?:[\u4e00-\u9fff]{2,5}市)?([\u4e00-\u9fff]{1,4})区")
_ZONE_WORDS = ("集聚", "集中", "示范", "度假", "合作", "办公", "居民", "保税", "开发", "产业", "功能", "核心", "试验",
               "实验", "自贸", "风景", "保护", "经济", "工业", "旅游", "生态", "新城", "高新")
_ZONE_CHARS = "街院林展园景片小社校营矿港城"
_TOWN_OR_CITY = re.compile(r"[\u4e00-\u9fff]{2,3}[市县]|[\u4e00-\u9fff]{2,4}(?:省|自治区)")


def is_destination(name: str) -> bool:
    """A county-level or higher division named as a place (the trip's destination).

    >>> [is_destination(s) for s in ("齐齐哈尔市建华区", "浑南区", "经济技术开发区", "三坊七巷历史文化街区", "定襄县", "下姜村")]
    [True, True, False, False, True, False]
    """
    m = _DISTRICT.fullmatch(name)
    if m:
        return not (m.group(1).endswith(_ZONE_WORDS) or m.group(1)[-1] in _ZONE_CHARS)
    return bool(_TOWN_OR_CITY.fullmatch(name))


def clean_item(item: str) -> str:
    """``先后来到了凤宁现代产业园`` -> ``凤宁现代产业园``: list item to site name.

    >>> clean_item("杨浦区“百年市政”主要建筑代表——“旧上海特别市政府”大楼(现为上海体育大学行政办公楼)")
    '“旧上海特别市政府”大楼'
    """
    item = re.sub(r"[（(][^）)]*[）)]", "", item).strip()
    item = item.split("——")[-1]
    item = re.split(r"(?:深入|来到|走进|前往|先后到|到达|抵达)(?:了|到)?", item)[-1]  # …一行先后深入X: X
    item = re.sub(r"等[^、，]*$", "", item) if len(item) - item.find("等") <= 12 and item.find("等") >= 2 else item
    item = re.sub(r"^(?:我|全|本)[县区市镇乡州]", "", item)
    item = _ITEM_TAIL.sub("", _ITEM_HEAD.sub("", item))
    i = item.rfind("的")
    if i >= 0 and len(item) - i - 1 >= 2:
        item = item[i + 1:]
    return item.strip()


def stop_items(text: str, start: int, end: int) -> List[Tuple[str, int, str]]:
    """The list after a verb of movement at ``start``: ``(site, position, list context)`` items."""
    m = _PHRASE_END.search(text, start, end)
    stop = m.start() if m else end
    phrase = text[start:stop]
    kind = _LIST_KIND.search(text, start, min(end, stop + 12))
    ctx = "kind=" + kind.group(1) if kind else ""
    out, pos = [], start
    for piece in re.split(r"([、，,及与]|以及)", phrase):
        if re.fullmatch(r"[、，,及与]|以及", piece):
            pos += len(piece)
            continue
        subs = piece.split("和")
        parts = subs if len(subs) > 1 and all(len(x) >= 2 and _ADMIN_END.search(x) for x in subs) else [piece]
        for part in parts:
            name = clean_item(part)
            if 2 <= len(name) <= 30 and not re.search(r"[，。；]", name):
                out.append((name, pos + max(0, part.find(name)), ctx))
            pos += len(part) + (1 if len(parts) > 1 else 0)
    return out


class Tour:
    """A visit under way: its party (name -> roles) and the hosts who only accompany."""

    def __init__(self):
        self.party: Dict[str, Set[str]] = {}
        self.hosts: Set[str] = set()
        self.sites: List[str] = []
        self.active = False

    def add(self, name: str, role: str) -> None:
        self.party.setdefault(name, set()).add(role)


def site_features(text: str, ss: int, se: int, name: str, pos: int, srcs: Sequence[str], ctx: str,
                  vpos: int, ner: Sequence[tuple], lexicon) -> List[str]:
    """The site's side: where it came from, its ending and length, the list it stands in, the tagger's view."""
    out = ["src=" + s for s in sorted(set(srcs))]
    out += ["pl_end1=" + name[-1:], "pl_end2=" + name[-2:], "pl_len=" + bucket(len(name), (2, 3, 4, 6, 9, 14))]
    if ctx:
        out.append("pl_list_" + ctx)
    m = _ADMIN_END.search(name)
    if m:
        out.append("pl_adm=" + m.group(0))
    if lexicon.place_end_re.search(name):
        out.append("pl_place_end")
    if name in lexicon.generic_places:
        out.append("pl_generic")
    if _OBJECT_END.search(name):
        out.append("pl_object_end")
    if re.search(r"[\d]", name):
        out.append("pl_digit")
    out.append("pl_next1=" + text[pos + len(name):pos + len(name) + 1])
    out.append("pl_dist=" + bucket(abs(pos - vpos)))
    for s, e, lab, _p in ner:
        if s < pos + len(name) and pos < e:
            out.append(("pl_ner_exact_" if (s, e) == (pos, pos + len(name)) else "pl_ner_") + lab)
    return out


def member_features(name: str, roles: Set[str], ps: Sequence, text: str, vpos: int, hosts: Set[str]) -> List[str]:
    """The person's side: their part in the tour, and whether this sentence names them."""
    out = ["role=" + r for r in sorted(roles)] or ["role=none"]
    if name in hosts:
        out.append("host")
    here = [p for p in ps if p.name == name]
    if here:
        p = min(here, key=lambda p: abs(p.start - vpos))
        out.append("named_here")
        if p.end <= vpos:
            out += between_features(text, p.end, vpos, "pv_")
            if _PEITONG_AFTER.match(text, p.end):
                out.append("peitong_after")
        else:
            out.append("named_after")
    else:
        out.append("not_named_here")
    return out


class Visits:
    """Needs ``self.f`` (a Finder), ``self.inspect_re``, ``self.move_re`` and ``self._subjects``."""

    def _inspections(self, text, ss, se, ps, touring, cands: List[Candidate], ctx: dict) -> Optional[str]:
        """Propose the visits of one sentence; ``ctx`` holds the article's tagged mentions (``ner``) and
        the tour under way (``tour``). Returns who is touring after this sentence (the rules' view)."""
        tour: Tour = ctx.setdefault("tour", Tour())
        found, rule_pairs = self._rule_visits(text, ss, se, ps, touring)
        self._update_party(text, ss, se, ps, tour)
        stops = self._stops(text, ss, se, ctx["ner"], tour)
        if stops:
            tour.active = True
        members = dict(tour.party)
        for name in sorted(tour.hosts):
            members.setdefault(name, set())
        proposed = set()
        for site, (pos, srcs, lctx, vpos) in stops.items():
            sf = site_features(text, ss, se, site, pos, srcs, lctx, vpos, ctx["ner"], self.f)
            for name, roles in members.items():
                pair = rule_pairs.pop((name, site), None)
                mf = member_features(name, roles, ps, text, vpos, tour.hosts)
                feats = mf + sf + (["rule"] if pair else [])
                cands.append(Candidate("INSPECTED", name, site, vpos, bool(pair), pair or "tour-stop",
                                       conjoin("INSPECTED", feats)))
                proposed.add((name, site))
        for (name, site), rule in rule_pairs.items():  # what the rules say that the tour did not propose
            site = clean_item(site)
            if len(site) >= 2 and (name, site) not in proposed:
                cands.append(Candidate("INSPECTED", name, site, ss, True, rule,
                                       conjoin("INSPECTED", ["rule", "rule_only"])))
        tour.sites += [s for s in stops if s not in tour.sites]
        return found

    def _update_party(self, text, ss, se, ps, tour: Tour) -> None:
        """Who is on the visit after this sentence: leaders (the subject of an inspection verb, X一行,
        X带队), companions (参加调研, 一同调研), and hosts (陪同, 在…陪同下), who are kept apart."""
        hosts = {p.name for p in ps if _PEITONG_AFTER.match(text, p.end)
                 or re.search(re.escape(p.name) + r"[^，。；]{0,30}陪同下", text[ss:se])}
        leaders, joiners = [], []
        for vm in self.inspect_re.finditer(text, ss, se):
            subj = [s for s in self._subjects(text, ps, vm.start()) if s.name not in hosts]
            lead_in = text[max(ss, vm.start() - 4):vm.start()]
            if lead_in.endswith("陪同"):  # 陪同调研: the subjects host the visit
                hosts.update(s.name for s in subj)
            elif re.search(r"(?:参加|一同|一起|共同|随同)了?$", lead_in):
                joiners += subj
            else:
                leaders += subj
        for m in re.finditer(r"一行|带队|率队|率领|带领", text[ss:se]):  # X一行, X带队: X right before it
            leaders += [s for s in self._subjects(text, ps, ss + m.start())
                        if s.name not in hosts and text[s.end:ss + m.start()] in ("", "等")]
        titled = [s for s in leaders if s.posts or s.rule in ("post+name", "name+post", "pronoun")]
        if titled and not any(s.name in tour.party for s in leaders):
            tour.party, tour.hosts, tour.sites, tour.active = {}, set(), [], False  # a new tour
        for s in leaders:
            tour.add(s.name, "lead")
        for s in joiners:
            tour.add(s.name, "join")
        join = _JOIN_WORD.search(text, ss, se)
        if join:
            for p in ps:
                if p.name not in hosts and p.end <= join.start():
                    tour.add(p.name, "join")
        tour.hosts |= hosts

    def _stops(self, text, ss, se, ner, tour: Tour) -> Dict[str, tuple]:
        """Sites named in this sentence after a verb of movement or inspection: name -> (pos, sources, list, verb)."""
        out: Dict[str, tuple] = {}
        if not tour.party:
            return out
        for vm in _STOP_VERB.finditer(text, ss, se):
            for name, pos, lctx in stop_items(text, vm.end(), se):
                if name not in out and not is_destination(name):
                    out[name] = (pos, ["list"], lctx, vm.start())
        if out or self.inspect_re.search(text, ss, se):
            for s, e, lab, _p in ner:
                if lab == "LOC" and ss <= s and e <= se and text[s:e] not in out and not is_destination(text[s:e]):
                    out[text[s:e]] = (s, ["ner"], "", s)
        return out

    def _rule_visits(self, text, ss, se, ps, touring) -> Tuple[Optional[str], Dict[Tuple[str, str], str]]:
        """What the rules alone conclude in this sentence: ``(who tours now, {(person, site): rule})``."""
        pairs: Dict[Tuple[str, str], str] = {}
        found = None
        for vm in self.inspect_re.finditer(text, ss, se):
            subj = self._subjects(text, ps, vm.start())
            if not subj:
                continue
            for place, rule in self._rule_places(text, ss, se, subj[-1].end, vm):
                for s in subj:
                    pairs.setdefault((s.name, place), rule)
            found = subj[0].name  # an inspection tour starts: 随后来到X counts for its leader
        if found is None and touring:
            for mv in _TOUR_MOVE.finditer(text[ss:se]):
                subj = self._subjects(text, ps, ss + mv.start())
                who = subj[0].name if subj else (touring if not ps or any(p.name == touring for p in ps) else None)
                if who:
                    for place in self.f.places(mv.group(1)):
                        pairs.setdefault((who, place), "visit-in-tour")
                    found = who
            found = found or touring
        return found, pairs

    def _rule_places(self, text: str, ss: int, se: int, lo: int, vm) -> List[Tuple[str, str]]:
        places: List[Tuple[str, str]] = []
        lead = re.match(r"\s*在([^，,。；]{2,30})[，,]", text[ss:lo])  # 在红河制糖厂，周灵一行深入…察看
        if lead:
            places += [(p, "move+inspect") for p in self.f.places(lead.group(1))]
        mv = self.move_re.search(text, lo, vm.start())
        if mv:
            phrase = re.split(r"深入|走访|实地|调研|察看|考察|并", text[mv.end():vm.start()])[0]
            if re.search(r"等(?:地|乡镇|县区|县|区|市|镇)", phrase):
                phrase = ""  # 赴大峃镇、百丈漈镇等地: destinations, not sites
            summary = bool(re.search(r"等(?:地|处)?(?:进行|开展)?$", phrase))  # 深入农村、学校、企业等进行调研
            places += [(p, "move+inspect") for p in self.f.places(phrase) if not (summary and len(p) <= 4)]
        tail = _INSPECT_TAIL.match(text, vm.end(), se)
        if tail:  # 察看了A主体工程建设、B建设等重点项目建设情况 -> A, B
            parts = [re.sub(r"(?:等[^、]{0,8})?(?:主体工程|工程)?(?:建设|情况|进度|进展|运行|现场)*$", "", x)
                     for x in tail.group(1).split("、")]
            places += [(p, "inspect+object") for x in parts if x and not _OBJECT_END.search(x) for p in self.f.places(x)]
        return places
