"""From mentions to triples: who held which post, chaired/spoke at/attended which
meeting, inspected which place, what a meeting concerns and when it was held, and
who reported the article. Every triple carries its evidence sentence and offsets.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Sequence, Set, Tuple

from govkg.extract.byline_names import byline_people
from govkg.extract.features import _HALF, fullwidth_punct
from govkg.extract.lexicon import alternation
from govkg.extract.meetings import cited_speeches
from govkg.extract.mentions import Finder, Meeting, Person, cn_int
from govkg.extract.spans import Occupied, group_by_span, span_at
from govkg.extract.roles import Candidate, RoleScorer, bucket, conjoin, person_features, verb_features
from govkg.extract.split import Article
from govkg.extract.topics import Topics
from govkg.extract.visits import Visits

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
_CREDIT_KEYS = "发布|来源|时间|日期|编辑|审核|责编|责任|点击|浏览"  # what follows the names on a source line
_BYLINE_EXTRA = (
    (re.compile(r"(?:作者|图文|文/图|文\\图|撰稿|文)[:：][ \u3000]*"
                rf"((?:(?!{_CREDIT_KEYS})[\u4e00-\u9fff]){{2,3}}(?:[ \u3000]?(?:(?!{_CREDIT_KEYS})[\u4e00-\u9fff]){{2,3}}){{0,4}})"
                rf"(?=[\s\u3000|｜）)，,。]|{_CREDIT_KEYS}|$)"), "byline-credit"),
    (re.compile(r"本[报网台]讯[ \u3000]*(?:记者)?([\u4e00-\u9fff]{2,4}?)报道"), "byline-dateline"),
    (re.compile(r"[（(]" + _NAMES + r"[）)][ \u3000]*$"), "byline-closing"),
    (re.compile(r"[■◆●][ \u3000]*" + _NAMES + r"[ \u3000]*$"), "byline-closing"),
    (re.compile(r"^[ \u3000]*[■◆●][ \u3000]*([\u4e00-\u9fff]{2,3})[ \u3000]*(?=\n|\d{1,2}月)", re.M), "byline-dateline"),
    (re.compile(r"\n[ \u3000]*((?:[\u4e00-\u9fff][ \u3000]?){1,2}[\u4e00-\u9fff])[ \u3000]*$"), "byline-closing"),
)
_FULLWIDTH = frozenset(_HALF.values())  # what fullwidth_punct writes for ASCII punctuation
_ESCORTING = re.compile(r"[^，。；]{0,3}陪同")
_CLAUSE_END = re.compile(r"[。；]")
_SPEECH_NOUN = re.compile(r"(?:重要|系列|的|篇)$")
_OTHER_TIME = re.compile(r"\d{4}年|同年|去年|前年|上月|\d{1,2}月(?![\d一二三四五六七八九十]{1,2}日)|年前|以来")
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


class RelationExtractor(Visits, Topics):
    """Rules over one article's mentions; see ``docs/ontology.md`` for each rule. With a
    :class:`~govkg.extract.roles.RoleScorer`, the learned scorer decides who took part in what."""

    def __init__(self, finder: Finder, scorer: Optional[RoleScorer] = None):
        self.f = finder
        self.scorer = scorer
        lex = finder.lex
        self.verb_re: Dict[str, re.Pattern] = {}
        for pred in ("CHAIRED", "SPOKE_AT", "ATTENDED"):
            alts = [alternation(lex.verbs.get(pred, []))[3:-1]] + lex.verbs.get(pred + "_RE", [])
            self.verb_re[pred] = re.compile("|".join(a for a in alts if a))
        self.inspect_re = re.compile(alternation(lex.verbs["INSPECTED"]) + r"(?![团组])")  # not 考察团, 调研组
        self.move_re = re.compile(alternation(lex.verbs["MOVE"]))
        self.heads_longest = sorted(finder.heads, key=len, reverse=True)

    def extract(self, art: Article, *, known_names: Iterable[str] = (), boundaries: Optional[Set[int]] = None,
                year: Optional[int] = None, ner: Sequence[tuple] = (), collect: Optional[list] = None,
                tagged: bool = False) -> List[dict]:
        """Triples of one article. ``ner``: the mention tagger's ``(start, end, label, p)`` spans (``tagged``:
        the tagger ran, so a weakly found name must be one it reads as a name too);
        ``collect``: a list that receives every role candidate (for training the scorer)."""
        orig, f = art.text, self.f
        text = fullwidth_punct(orig)  # the rules read full-width punctuation; names and evidence come from the input
        if text != orig:
            art = dataclasses.replace(art, text=text)

        converted, restored = text != orig, {}

        def restore(name: str) -> str:
            """The name as the input writes it; only one with full-width punctuation may differ (looked
            up once per name, so many triples do not read the article again each)."""
            if not converted or not isinstance(name, str) or not _FULLWIDTH.intersection(name):
                return name
            if name not in restored:
                at = text.find(name)
                restored[name] = orig[at:at + len(name)] if at >= 0 else name
            return restored[name]
        cands: List[Candidate] = []
        ctx = {"ner": list(ner), "tour_sites": []}
        out: List[dict] = []
        spans = sentences(text)

        def emit(subj, stype, pred, obj, otype, pos, rule, confidence=None):
            s, e = span_at(spans, pos, (0, len(text)))
            evidence = orig[s:e].strip()  # start/end slice the evidence: art.text[start:end] == evidence
            s += len(orig[s:e]) - len(orig[s:e].lstrip())
            out.append({"subject": restore(subj), "subject_type": stype, "predicate": pred, "object": restore(obj),
                        "object_type": otype, "article_id": art.id, "evidence": evidence,
                        "start": s, "end": s + len(evidence), "rule": rule,
                        "confidence": CONFIDENCE.get(rule, 0.7) if confidence is None else confidence,
                        "source": art.source})

        doc_year = int(art.date[:4]) if art.date else year
        doc_month = int(art.date[5:7]) if art.date else None
        check = ner if tagged else None
        people = f.titled_people(text, boundaries, ner=check)
        held = Occupied(len(text), [(q.start, q.end) for q in people])
        people += [p for p in f.name_title(text, boundaries, ner=check) if not held.covers(p.start)]
        names = set(known_names) | {p.name for p in people}
        persons = people + f.bare_mentions(text, names, [(p.start, p.end) for p in people], boundaries)
        held = Occupied(len(text), [(q.start, q.end) for q in persons])
        persons += [p for p in f.untitled_participants(text) if not held.covers(p.start)]
        persons += f.tagged_people(text, ner, persons)
        persons.sort(key=lambda p: p.start)
        for p in people:
            for post, ps, _ in p.posts:
                emit(p.name, "Person", "HOLDS", post, "Position", ps, p.rule)
        self._reported(art, emit)

        meetings = f.meetings(text, ner, boundaries)
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
                if ev is None and m.event and not m.generic and m.name not in _BARE + ("大会", "全会"):
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
                ctx.pop("tour", None)  # a meeting is held: the visit before it is over
                self._date_events(new, s_dates, date_ctx, lead_dated, emit)
                current = new
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
            self._participation(text, ss, se, meetings, mentioned, current, ps, cands, in_event,
                                here=meetings_in.get(si, []))
            # inspected
            if current:  # 他还对…等工作进行了部署; 会议研究了…等工作
                self._topics_in_sentence(current, sent, ss, cands, new=bool(new),
                                         deploy_ok=bool(ps) or sent.lstrip().startswith("会议"))
            inspected = self._inspections(text, ss, se, ps, touring, cands, ctx)
            if inspected:
                current, touring = [], inspected
            firsts = [p for p in ps if p.clause_start] or ps
            if firsts:
                last_subject = firsts[0].name
        for ev in events:
            self._topics_from_name(art, ev, cands)
        self._decide(cands, emit, collect)
        for ev in events:  # 二〇二〇年… in the headline, 2020年 in the body: the body's way of writing it
            arabic = _arabic_years(ev.name)
            if arabic != ev.name and arabic[:6] in text:
                ev.aliases.add(ev.name)
                ev.name = arabic
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
            if not byline_people(m.group(1), self.f.split_names):  # 蕉城在线(陈皛婧 吴辉东): names alone
                self._names_reported(art, m.group(1), art.body_start + m.start(1), "byline", emit, longest=12)
        for line, off in lines:
            for _role, name in byline_people(line, self.f.split_names):
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

    def _participation(self, text, ss, se, meetings, mentioned, current, ps, cands: List[Candidate],
                       in_event: Optional[Occupied] = None, here: Optional[Sequence] = None) -> None:
        """Propose every person of the sentence with every meeting in view, for each verb of taking part.
        ``here``: the meetings that start in the sentence, if known (else found among ``meetings``)."""
        tour = bool(_TOUR_CUE.search(text[ss:se]))
        in_view = []
        for ev in [ev for _m, ev in mentioned] + list(current):
            if ev not in in_view:
                in_view.append(ev)
        if not ps:
            return
        self._cited(text, ss, se, meetings if here is None else here, ps, cands)
        first = min(q.start for q in ps)  # ps is not empty
        if not in_view:
            return
        for pred, vre in self.verb_re.items():
            for vm in vre.finditer(text, ss, se):
                flags = self._verb_flags(text, ss, vm, meetings, in_event)
                named = self._nearest(mentioned, vm.start(), vm.end())
                subjects = [] if flags else self._subjects(text, ps, vm.start())
                targets = named or ([] if tour else current)
                vf = verb_features(text, ss, vm.start(), vm.end(), vm.group(0), flags + (["tour"] if tour else []))
                # the meeting's side does not depend on the person: once per verb and meeting
                mfs = [_meeting_features(ev, mentioned, named, current, vm.start(), vm.end(), len(in_view))
                       for ev in in_view]
                ends_before = sorted(q.start for q in ps if q.end <= vm.start())
                for subj in ps:
                    pf = person_features(text, subj, ps, vm.start(), vm.end(), subjects, ends_before=ends_before,
                                         first=first)
                    rule = "pronoun" if subj.rule == "pronoun" else "verb+meeting" if named else "verb+context"
                    for ev, mf in zip(in_view, mfs):
                        ok = any(q is subj for q in subjects) and ev in targets
                        feats = vf + pf + mf + (["rule"] if ok else [])
                        cands.append(Candidate(pred, subj.name, ev, vm.start(), ok, rule, conjoin(pred, feats)))

    def _cited(self, text, ss, se, meetings, ps, cands: List[Candidate]) -> None:
        """习近平总书记在X上的重要讲话: a speech cited by the meeting it was given at."""
        for at, m in cited_speeches(text, ss, se, meetings):
            subjects = self._subjects(text, ps, at)
            ev = _Event(m.name, m.start)
            vf = verb_features(text, ss, at, at + 1, "cited", ["cited_speech"])
            for subj in ps:
                if subj.end > at:
                    continue
                feats = vf + person_features(text, subj, ps, at, at + 1, subjects) + ["m_src=" + m.source]
                cands.append(Candidate("SPOKE_AT", subj.name, ev, at, False, "cited-speech",
                                       conjoin("SPOKE_AT", feats)))

    def _verb_flags(self, text: str, ss: int, vm, meetings, in_event: Optional[Occupied] = None) -> List[str]:
        """Why the rules would not count this verb: a noun (重要讲话精神), inside a meeting's name,
        or a letter or past occasion (致信祝贺, 先后五次参加)."""
        flags = []
        if _SPEECH_NOUN.search(text[max(0, vm.start() - 2):vm.start()]) or text.startswith("精神", vm.end()):
            flags.append("speech_noun")
        if in_event is None:  # where the held meetings' names lie (one pass, not one per verb)
            in_event = Occupied(len(text), [(m.start, m.end) for m in meetings if m.event])
        if in_event.covers(vm.start()):
            flags.append("in_meeting_name")
        clause = text[max(ss, text.rfind("，", ss, vm.start()) + 1, text.rfind(",", ss, vm.start()) + 1):vm.start()]
        if _NOT_HERE_CUE.search(clause) or _NOT_HERE_CUE.search(text[max(ss, vm.start() - 30):vm.start()]):
            flags.append("not_here")
        return flags

    def _decide(self, cands: List[Candidate], emit, collect: Optional[list]) -> None:
        """Emit the candidates the scorer keeps (or, without one, those the rules chose)."""
        if collect is not None:
            collect.extend(cands)
        for c in cands:
            if self.scorer is None:
                if c.rule_ok:
                    emit(c.subject_name, _SUBJ_TYPE.get(c.pred, "Person"), c.pred, c.object_name, _OBJ_TYPE[c.pred],
                         c.pos, c.rule)
            elif self.scorer.keep(c):
                emit(c.subject_name, _SUBJ_TYPE.get(c.pred, "Person"), c.pred, c.object_name, _OBJ_TYPE[c.pred],
                     c.pos, "scored:" + c.rule, confidence=round(c.prob, 3))


_OBJ_TYPE = {"CHAIRED": "Meeting", "SPOKE_AT": "Meeting", "ATTENDED": "Meeting", "INSPECTED": "Place",
             "CONCERNS": "Project"}
_SUBJ_TYPE = {"CONCERNS": "Meeting"}


def _meeting_features(ev, mentioned, named, current, vpos: int, vend: int, n: int) -> List[str]:
    """The meeting's side: named in the sentence or in context, before or after the verb, how far."""
    out = [f"m_n={min(n, 3)}", "m_head=" + ev.name[-2:]]
    if ev in named:
        out.append("m_nearest")
    if ev in current:
        out.append("m_current")
    ms = [m for m, e in mentioned if e is ev]
    if not ms:
        return out + ["m_context_only"]
    m = min(ms, key=lambda m: abs(m.start - vpos))
    out += ["m_event" if m.event else "m_cited", "m_generic" if m.generic else "m_named", "m_src=" + m.source]
    if m.end <= vpos:
        out += ["m_before", "mv_dist=" + bucket(vpos - m.end)]
    elif m.start >= vend:
        out += ["m_after", "vm_dist=" + bucket(m.start - vend)]
    else:
        out.append("m_around")
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
