"""From mentions to triples: who held which post, chaired/spoke at/attended which
meeting, inspected which place, what a meeting concerns and when it was held, and
who reported the article. Every triple carries its evidence sentence and offsets.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Set, Tuple

from govkg.extract.lexicon import alternation
from govkg.extract.mentions import Finder, Meeting, Person, cn_int
from govkg.extract.spans import Occupied, group_by_span, span_at
from govkg.extract.split import Article

CONFIDENCE = {"post+name": 0.95, "post+name?": 0.85, "post+name-list": 0.75, "name+post": 0.85,
              "byline": 0.95, "byline-credit": 0.85, "byline-dateline": 0.85, "byline-closing": 0.7,
              "verb+meeting": 0.9, "verb+context": 0.8, "deployed": 0.7, "pronoun": 0.75, "move+inspect": 0.85, "inspect+object": 0.75,
              "visit-in-tour": 0.7, "meeting-name": 0.85, "headline-campaign": 0.8, "theme": 0.8,
              "date-in-sentence": 0.9, "date-pairwise": 0.9, "date-context": 0.7}
_BARE = ("会议", "会", "会上")  # a meeting word alone refers back to the meeting in context
_PRONOUN = re.compile(r"(?<![其吉])[他她](?![们人山乡])")
_OBJECT_MENTION = re.compile(r"(?:学习|贯彻|落实|领会|按照|根据|遵循|践行|宣讲)(?:好|了)?(?:党的[^，。]{0,8}和)?$")
_NOT_HERE_CUE = re.compile(r"致信|贺信|致贺|先后[一二三四五六七八九十\d]+次|[一二三四五六七八九十\d]+次参加|多次|曾经|曾在|连续\d+年")
_TOUR_CUE = re.compile(r"(?:考察|调研|视察|检查|察看|走访)(?:时|期间|中|过程中)")
_NAMES = r"((?:[\u4e00-\u9fff]{2,4}[ \u3000]*){1,4})"
_BYLINE_EXTRA = (
    (re.compile(r"(?:作者|图文|文/图|文\\图|撰稿|文)[:：][ \u3000]*([\u4e00-\u9fff]{2,3}?)"
                r"(?=[\s\u3000）)，,。]|发布|来源|时间|日期|编辑|审核|责编|$)"), "byline-credit"),
    (re.compile(r"本[报网台]讯[ \u3000]*(?:记者)?([\u4e00-\u9fff]{2,4}?)报道"), "byline-dateline"),
    (re.compile(r"[（(]" + _NAMES + r"[）)][ \u3000]*$"), "byline-closing"),
    (re.compile(r"[■◆●][ \u3000]*" + _NAMES + r"[ \u3000]*$"), "byline-closing"),
    (re.compile(r"^[ \u3000]*[■◆●][ \u3000]*([\u4e00-\u9fff]{2,3})[ \u3000]*(?=\n|\d{1,2}月)", re.M), "byline-dateline"),
    (re.compile(r"\n[ \u3000]*((?:[\u4e00-\u9fff][ \u3000]?){1,2}[\u4e00-\u9fff])[ \u3000]*$"), "byline-closing"),
)
_ESCORTING = re.compile(r"[^，。；]{0,3}陪同")
_CLAUSE_END = re.compile(r"[。；]")
_INSPECT_TAIL = re.compile(r"了?([^，。；：,;:\n]{2,120})")
_SPEECH_NOUN = re.compile(r"(?:重要|系列|的|篇)$")
_OTHER_TIME = re.compile(r"\d{4}年|同年|去年|前年|上月|\d{1,2}月(?![\d一二三四五六七八九十]{1,2}日)|年前|以来")
_QUOTED = re.compile(r"“([^“”]{1,10})”")
_OBJECT_END = re.compile(r"(?:情况|工作|进度|建设|进展|成效|问题|措施|落实|推进|开展|运行|生产|经营)$")


MAX_SENTENCE = 1000  # characters: a longer run without 。 (OCR noise, a list) is cut at a comma
RECENT_EVENTS = 100  # a meeting named again is looked for among the article's last 100 (linear time)


def sentences(text: str) -> List[Tuple[int, int]]:
    """Sentence spans: split after 。！？；, keeping closing quotes, and at line ends; a span
    longer than :data:`MAX_SENTENCE` is cut (at its last ，or , if any), so that the rules, which
    compare the mentions of one sentence, stay linear in the length of the text."""
    spans, start = [], 0
    for m in re.finditer(r"[。！？!?；;][”’」』]*|\n", text):
        end = m.end()
        spans.extend(_bounded(text, start, end))
        start = end
    spans.extend(_bounded(text, start, len(text)))
    return spans


def _bounded(text: str, start: int, end: int) -> List[Tuple[int, int]]:
    out = []
    while end - start > MAX_SENTENCE:
        cut = max(text.rfind("，", start + MAX_SENTENCE // 2, start + MAX_SENTENCE),
                  text.rfind(",", start + MAX_SENTENCE // 2, start + MAX_SENTENCE))
        cut = cut + 1 if cut >= 0 else start + MAX_SENTENCE
        if text[start:cut].strip():
            out.append((start, cut))
        start = cut
    if text[start:end].strip():
        out.append((start, end))
    return out


@dataclass
class _Event:
    name: str
    start: int
    date: Optional[str] = None
    aliases: Set[str] = field(default_factory=set)

    def rename(self, other: str) -> None:
        """Keep the better of two names of one meeting: the fuller, with Arabic years."""
        better = len(other) > len(self.name) or (
            len(other) == len(self.name) and _arabic_years(self.name) == other != self.name)
        if better:
            self.aliases.add(self.name)
            self.name = other
        elif other != self.name:
            self.aliases.add(other)


class RelationExtractor:
    """Rules over one article's mentions; see ``docs/ontology.md`` for each rule."""

    def __init__(self, finder: Finder):
        self.f = finder
        lex = finder.lex
        self.verb_re: Dict[str, re.Pattern] = {}
        for pred in ("CHAIRED", "SPOKE_AT", "ATTENDED"):
            alts = [alternation(lex.verbs.get(pred, []))[3:-1]] + lex.verbs.get(pred + "_RE", [])
            self.verb_re[pred] = re.compile("|".join(a for a in alts if a))
        self.inspect_re = re.compile(alternation(lex.verbs["INSPECTED"]) + r"(?![团组])")  # not 考察团, 调研组
        self.move_re = re.compile(alternation(lex.verbs["MOVE"]))
        self.heads_longest = sorted(finder.heads, key=len, reverse=True)

    def extract(self, art: Article, *, known_names: Iterable[str] = (), boundaries: Optional[Set[int]] = None,
                year: Optional[int] = None) -> List[dict]:
        text, f = art.text, self.f
        out: List[dict] = []
        spans = sentences(text)

        def emit(subj, stype, pred, obj, otype, pos, rule):
            s, e = span_at(spans, pos, (0, len(text)))
            evidence = text[s:e].strip()  # start/end slice the evidence: text[start:end] == evidence
            s += len(text[s:e]) - len(text[s:e].lstrip())
            out.append({"subject": subj, "subject_type": stype, "predicate": pred, "object": obj,
                        "object_type": otype, "article_id": art.id, "evidence": evidence,
                        "start": s, "end": s + len(evidence), "rule": rule,
                        "confidence": CONFIDENCE.get(rule, 0.7), "source": art.source})

        doc_year = int(art.date[:4]) if art.date else year
        doc_month = int(art.date[5:7]) if art.date else None
        people = f.titled_people(text, boundaries)
        held = Occupied(len(text), [(q.start, q.end) for q in people])
        people += [p for p in f.name_title(text, boundaries) if not held.covers(p.start)]
        names = set(known_names) | {p.name for p in people}
        persons = people + f.bare_mentions(text, names, [(p.start, p.end) for p in people], boundaries)
        held = Occupied(len(text), [(q.start, q.end) for q in persons])
        persons += [p for p in f.untitled_participants(text) if not held.covers(p.start)]
        persons.sort(key=lambda p: p.start)
        for p in people:
            for post, ps, _ in p.posts:
                emit(p.name, "Person", "HOLDS", post, "Position", ps, p.rule)
        self._reported(art, emit)

        meetings = f.meetings(text)
        dates = f.dates(text, year=doc_year, month=doc_month, today=art.date)
        lead_dated = False
        events: List[_Event] = []
        current: List[_Event] = []
        date_ctx: Optional[str] = None
        last_subject: Optional[str] = None
        touring: Optional[str] = None
        at = lambda x: x.start  # noqa: E731
        dates_in, meetings_in = group_by_span(dates, spans, at), group_by_span(meetings, spans, at)
        persons_in = group_by_span(persons, spans, at)
        in_event = Occupied(len(text), [(m.start, m.end) for m in meetings if m.event])
        for si, (ss, se) in enumerate(spans):
            sent = text[ss:se]
            s_dates = dates_in.get(si, [])
            lead_date = next((d.iso for d in s_dates if d.start - ss <= 12), None)
            if lead_date and current and all(ev.date and ev.date != lead_date for ev in current):
                current = []
            # meetings named in this sentence, generic ones resolved to a named one
            mentioned: List[Tuple[Meeting, _Event]] = []
            new: List[_Event] = []
            for m in meetings_in.get(si, ()):
                ev = None
                if m.generic and m.name in _BARE and len(current) > 1:
                    mentioned.extend((m, x) for x in current)  # 先后召开A和B … 出席会议: both
                    continue
                if m.generic:
                    ev = self._resolve(m, events, current, lead_date or date_ctx)
                if ev is None and m.event and m.name not in _BARE + ("大会", "全会"):
                    ev = next((x for x in events[-RECENT_EVENTS:]
                               if x.name == m.name or _same_event(x.name, m.name, m.head)), None)
                    if ev is not None:
                        ev.rename(m.name)  # the headline's 二〇二〇年… and the body's 2020年… are one
                    if ev is None:
                        ev = _Event(m.name, m.start)
                        events.append(ev)
                        new.append(ev)
                    elif s_dates and ev.date not in [d.iso for d in s_dates]:
                        # named first in a headline and dated in the body, or held again on another day
                        self._date_events([ev], s_dates, date_ctx, lead_dated, emit)
                        current = [ev]
                if ev is not None:
                    mentioned.append((m, ev))
            if new:
                self._date_events(new, s_dates, date_ctx, lead_dated, emit)
                current = new
                self._concerns_in_sentence(new, sent, ss, emit)
            if s_dates:
                date_ctx = s_dates[-1].iso
            # the lead's day dates later events only while no other time is named (同年8月, 2015年2月…)
            lead_dated = bool(date_ctx) and not _OTHER_TIME.search(sent) and bool(
                lead_dated or (s_dates and ss <= art.body_start + 80))
            # people in this sentence, with 他/她 resolved to the last subject
            ps = list(persons_in.get(si, ()))
            if last_subject:
                taken = [(p.start, p.end) for p in ps]
                for m in _PRONOUN.finditer(sent):
                    pos = ss + m.start()
                    if f.follow_re.match(text, pos + 1) and not any(a <= pos < b for a, b in taken):
                        ps.append(Person(last_subject, pos, pos + 1, [], rule="pronoun", clause_start=True))
                ps.sort(key=lambda p: p.start)
            # chaired / spoke at / attended
            tour = bool(_TOUR_CUE.search(sent))
            for pred, vre in self.verb_re.items():
                for vm in vre.finditer(text, ss, se):
                    if _SPEECH_NOUN.search(text[max(0, vm.start() - 2):vm.start()]) or \
                            text.startswith("精神", vm.end()):
                        continue  # 重要讲话精神: a noun, not someone speaking
                    if in_event.covers(vm.start()):
                        continue  # 听取…工作汇报: the verb is inside a meeting's name
                    clause = text[max(ss, text.rfind("，", ss, vm.start()) + 1, text.rfind(",", ss, vm.start()) + 1):vm.start()]
                    if _NOT_HERE_CUE.search(clause) or _NOT_HERE_CUE.search(text[max(ss, vm.start() - 30):vm.start()]):
                        continue  # 致信祝贺, 先后五次参加: not taking part in this meeting
                    named = self._nearest(mentioned, vm.start(), vm.end())
                    for subj in self._subjects(text, ps, vm.start()):
                        targets = named or ([] if tour else current)
                        rule = "pronoun" if subj.rule == "pronoun" else "verb+meeting" if named else "verb+context"
                        for ev in targets:
                            emit(subj.name, "Person", pred, ev.name, "Meeting", vm.start(), rule)
            # inspected
            if current and (ps or sent.lstrip().startswith("会议")):  # 他还对…等工作进行了部署; 会议研究了…等工作
                for m in _DEPLOY.finditer(sent):
                    for proj in _listed_projects(m.group(1) or m.group(2) or m.group(3)):
                        for ev in current:
                            emit(ev.name, "Meeting", "CONCERNS", proj, "Project", ss + m.start(), "deployed")
            inspected = self._inspections(text, ss, se, ps, touring, emit)
            if inspected:
                current, touring = [], inspected
            firsts = [p for p in ps if p.clause_start] or ps
            if firsts:
                last_subject = firsts[0].name
        for ev in events:
            self._concerns_from_name(art, ev, emit)
        final = {alias: ev.name for ev in events for alias in ev.aliases}
        for t in out:  # every triple names a meeting by its final name
            for key, typ in (("subject", "subject_type"), ("object", "object_type")):
                if t[typ] == "Meeting" and t[key] in final:
                    t[key] = final[t[key]]
        return out

    # ------------------------------------------------------------------ parts
    def _reported(self, art: Article, emit) -> None:
        lines = list(art.bylines)
        head = art.text[art.body_start: art.body_start + 60]
        m = re.search(r"^[^，。]{0,16}?[（(]([^）)]{2,40})[）)]", head)
        if m:
            lines.append((m.group(1), art.body_start + m.start(1)))
            if not self.f.byline_names(m.group(1)):  # 蕉城在线(陈皛婧 吴辉东): names alone
                self._names_reported(art, m.group(1), art.body_start + m.start(1), "byline", emit, longest=12)
        for line, off in lines:
            for _role, name in self.f.byline_names(line):
                emit(name, "Person", "REPORTED", art.name, "Article", off, "byline")
        # web and county-paper conventions: 作者：王涵, 本网讯王炜豪报道, a closing (李萍 李得胜) or 崔 璐
        for pat, rule in _BYLINE_EXTRA:
            for m in pat.finditer(art.text):
                self._names_reported(art, m.group(1), m.start(1), rule, emit)

    def _names_reported(self, art: Article, names: str, pos: int, rule: str, emit,
                        longest: Optional[int] = None) -> None:
        """Bare names (space-separated or run together) reported the article."""
        for chunk in re.split(r"[\s\u3000、，,]+", names.strip()):
            for n in self.f.split_names(chunk) if 1 < len(chunk) <= (longest or len(chunk)) else []:
                emit(n, "Person", "REPORTED", art.name, "Article", pos, rule)

    def _resolve(self, m: Meeting, events: List[_Event], current: List[_Event], date: Optional[str]):
        if m.name in _BARE or m.name == m.head and m.head in ("会议", "大会", "全会"):
            return current[-1] if current else (events[-1] if events else None)
        cands = [e for e in events[-RECENT_EVENTS:] if (e.name.endswith(m.name) or e.name.endswith(m.name.rstrip("会")))
                 and e.name != m.name]  # 汇报会 -> 海南自由贸易港建设工作汇报
        dated = [e for e in cands if date and e.date == date]
        pool = dated or cands
        return pool[-1] if pool else None

    def _date_events(self, new: List[_Event], s_dates, date_ctx, lead_dated: bool, emit) -> None:
        if len(s_dates) == len(new) > 1:
            for ev, d in zip(new, s_dates):
                ev.date = d.iso
                emit(ev.name, "Meeting", "HELD_ON", d.iso, "Date", d.start, "date-pairwise")
            return
        for ev in new:
            before = [d for d in s_dates if d.start < ev.start]
            d = (before[-1] if before else (s_dates[0] if s_dates else None))
            if d is not None:
                ev.date = d.iso
                emit(ev.name, "Meeting", "HELD_ON", d.iso, "Date", d.start, "date-in-sentence")
            elif date_ctx and ev.date is None and lead_dated:
                ev.date = date_ctx  # the day the article's lead gives for its events
                emit(ev.name, "Meeting", "HELD_ON", date_ctx, "Date", ev.start, "date-context")

    @staticmethod
    def _nearest(mentioned, pos: int, end: Optional[int] = None) -> List[_Event]:
        """The meeting named nearest the verb: before it, or as its object right after it
        (出席X, 主持召开X); a meeting named later inside what someone says does not count."""
        end = pos if end is None else end
        near = [(m, ev) for m, ev in mentioned if m.start < pos or m.start - end <= 8]
        if not near:
            return []
        m, ev = min(near, key=lambda x: abs(x[0].start - pos))
        return [ev]

    @staticmethod
    def _subjects(text: str, ps: List[Person], pos: int) -> List[Person]:
        """The person(s) doing the verb at ``pos``: the last one before it, with those joined to it
        by 、/和/与/及; a person 陪同 someone is not the subject."""
        escorts = [m.span() for m in re.finditer(r"在[^，。；]{0,40}?陪同下", text[max(0, pos - 200):pos])]
        off = max(0, pos - 200)
        before = (p for p in reversed(ps) if p.end <= pos and not _ESCORTING.match(text, p.end, pos)
                  and not _OBJECT_MENTION.search(text[max(0, p.start - 8):p.start])
                  and not any(a + off <= p.start < b + off for a, b in escorts)
                  and not _CLAUSE_END.search(text, p.end, pos))  # the nearest first, read lazily
        last = next(before, None)
        if last is None:
            return []
        group = [last]
        for p in before:  # 区委书记张国清，区委副书记、区长李良，…出席会议
            if re.fullmatch(r"[、和与及，,]|以及", text[p.end:group[0].start]) and p.name != group[0].name:
                group.insert(0, p)
            else:
                break
        return group

    def _inspections(self, text, ss, se, ps, touring, emit) -> Optional[str]:
        found = None
        for vm in self.inspect_re.finditer(text, ss, se):
            subj = self._subjects(text, ps, vm.start())
            if not subj:
                continue
            lo = subj[-1].end
            mv = self.move_re.search(text, lo, vm.start())
            places: List[Tuple[str, str]] = []
            lead = re.match(r"\s*在([^，,。；]{2,30})[，,]", text[ss:lo])  # 在红河制糖厂，周灵一行深入…察看
            if lead:
                places += [(p, "move+inspect") for p in self.f.places(lead.group(1))]
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
                places += [(p, "inspect+object") for x in parts if x and not _OBJECT_END.search(x)
                           for p in self.f.places(x)]
            for s in subj:
                for place, rule in places:
                    emit(s.name, "Person", "INSPECTED", place, "Place", vm.start(), rule)
            found = subj[0].name  # an inspection tour starts: 随后来到X counts for its leader
        if found is None and touring:
            # while on a tour: 随后来到X / 走进X, said of the touring leader (or with no one named)
            for mv in re.finditer(r"(?:来到|走进|前往|深入|参观了?|^\s*在)([^，。；：,;:\n]{2,200}?)"
                                  r"(?=[，。；：,;:\n]|$|了解|察看|调研|考察|参观|听取|看望|慰问|展陈|展览)", text[ss:se]):
                subj = self._subjects(text, ps, ss + mv.start())
                who = subj[0].name if subj else (
                    touring if not ps or any(p.name == touring for p in ps) else None)
                if who:
                    for place in self.f.places(mv.group(1)):
                        emit(who, "Person", "INSPECTED", place, "Place", ss + mv.start(), "visit-in-tour")
                    found = who
            return found or touring
        return found

    def _concerns_in_sentence(self, new: List[_Event], sent: str, ss: int, emit) -> None:
        projects = [(q, "headline-campaign") for q in _quoted_work(sent)]
        m = re.search(r"(?:围绕|以)(.{0,120}?)(?:的|为)?主题", sent)
        if m:
            projects += [(q, "theme") for q in _merged_quotes(m.group(1))]
        for ev in new:
            for p, rule in projects:
                emit(ev.name, "Meeting", "CONCERNS", p, "Project", ss + max(0, sent.find(p)), rule)

    def _concerns_from_name(self, art: Article, ev: _Event, emit) -> None:
        head = next((h for h in self.heads_longest if ev.name.endswith(h)), "")
        if ev.name not in self.f.heads and head.endswith(("会", "会议", "汇报", "启动仪式", "开幕式", "论坛")) \
                and not head.endswith(_NO_PROJECT_HEADS):
            for p in self.f.project_from_meeting(ev.name):
                emit(ev.name, "Meeting", "CONCERNS", p, "Project", ev.start, "meeting-name")
        for head in filter(None, (art.title, art.subtitle)):
            for q in _quoted_work(head):
                emit(ev.name, "Meeting", "CONCERNS", q, "Project", 0, "headline-campaign")


_NO_PROJECT_HEADS = ("全会", "年会", "博览会", "大会", "茶话会", "团拜会", "招待会", "发布会")


_DEPLOY = re.compile(r"对(?:持续|进一步|全面|扎实)?(?:做好|抓好|推进|加强)?([^。；：]{2,60}?)等?(?:重点)?工作"
                     r"(?:进行了?|作了?|作出|做出)(?:安排)?部署"
                     r"|会议(?:还|并)?(?:研究|部署|安排|研究部署)了?([^。；：]{2,80}?)等(?:重点)?(?:工作|事项)"
                     r"|会议(?:还|并)?听取了?(?:关于)?(?:全[区县市镇])?([^。；：的]{2,40}?)(?:工作)?(?:情况|进展)?的?汇报")


def _listed_projects(s: str) -> List[str]:
    """``“五城联创”、脱贫攻坚、“三散”治理`` -> 五城联创, 脱贫攻坚, “三散”治理."""
    out = []
    for part in re.split(r"[、和及与]|以及", s):
        part = part.strip("，, ")
        bare = re.sub(r"[“”\"]", "", part)
        if 2 <= len(bare) <= 12 and not re.search(r"[，,。的了]", part):
            out.append(part)
    return out


def _same_event(a: str, b: str, head: str) -> bool:
    """A headline's fuller name and the body's shorter one (经济大省政府主要负责人经济形势座谈会 /
    经济大省政府主要负责人座谈会): same meeting word, and one reads as the other with words left out."""
    if not (a.endswith(head) and b.endswith(head)) or a == head or b == head:
        return False
    a, b = _arabic_years(a), _arabic_years(b)
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    it = iter(long_)
    return len(short) >= len(head) + 3 and all(c in it for c in short)


def _arabic_years(s: str) -> str:
    """二〇二〇年 -> 2020年, so a headline and its body name one meeting alike."""
    return re.sub(r"[〇零一二三四五六七八九]{4}(?=年)", lambda m: str(cn_int(m.group(0))), s)


def _merged_quotes(s: str) -> List[str]:
    """Quoted terms, adjacent ones merged: “六稳”“六保” -> 六稳六保."""
    out, last_end, cur = [], None, ""
    for m in _QUOTED.finditer(s):
        if last_end is not None and m.start() == last_end:
            cur += m.group(1)
        else:
            if cur:
                out.append(cur)
            cur = m.group(1)
        last_end = m.end()
    if cur:
        out.append(cur)
    return [q for q in out if 2 <= len(q) <= 10 and not re.search(r"[，、。]", q)]


def _quoted_work(s: str) -> List[str]:
    """Campaigns written as “X”工作 (“双改”工作)."""
    return [q for q in _merged_quotes(s) if re.search(re.escape(q[-2:]) + r"”工作", s)]
