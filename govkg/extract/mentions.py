"""Mention finders: people with their posts, bylines, dates, meetings and places.

Each finder reads the article text (and, for names, the segmenter's token
boundaries) and returns character spans; :mod:`govkg.extract.relations` ties
them into triples. The rules are data-driven: every word list is a lexicon file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, List, Optional, Sequence, Set, Tuple

from govkg.extract.lexicon import Lexicon, alternation
from govkg.extract.meetings import MeetingNames
from govkg.extract.projects import ProjectNames
from govkg.extract.spans import Occupied, Overlaps, occurrences, outermost

PUNCT = "，。；：！？,;:!?\n“”\"《》"
_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
NUM = r"(?:\d{1,4}|[〇零一二两三四五六七八九十]{1,4})"


def cn_int(s: str) -> int:
    """``'25'`` -> 25, ``'二十五'`` -> 25, ``'二〇二〇'`` -> 2020."""
    if s.isdigit():
        return int(s)
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    return int("".join(str(_CN_DIGITS[c]) for c in s))


@dataclass
class Person:
    name: str
    start: int
    end: int
    posts: List[Tuple[str, int, int]] = field(default_factory=list)  # (post, start, end)
    rule: str = "post+name"
    clause_start: bool = False           # the mention opens a clause (a likely subject)


@dataclass
class Meeting:
    name: str
    start: int
    end: int
    head: str                             # the meeting word it ends with (推进会, 会议, 党课…)
    event: bool = False                   # held in this article (召开/举行/在…上), not only cited
    generic: bool = False                 # 会议, 工作推进会: refers back to a named meeting
    date: Optional[str] = None
    source: str = "rule"                  # rule, ner (the tagger alone) or both


@dataclass
class DateMention:
    iso: str                              # YYYY-MM-DD or --MM-DD
    start: int
    end: int


class Finder(MeetingNames, ProjectNames):
    """Compiled patterns of one lexicon."""

    #: a name only the mention tagger found must have at least this probability
    NER_PERSON_MIN = 0.6

    def __init__(self, lex: Lexicon):
        self.lex = lex
        self.title_re = re.compile(alternation(lex.titles))
        self.title_end_re = re.compile(alternation(lex.titles) + "$")
        self.compound = {s for s in lex.surnames if len(s) == 2}
        self.single = {s for s in lex.surnames if len(s) == 1}
        self.follow_re = re.compile(r"(?:%s|[%s、（(\s\d]|$)" % (alternation(lex.name_followers)[3:-1],
                                                            re.escape(PUNCT)))
        self.stop_re = re.compile(r"[%s]|%s" % (re.escape(PUNCT.replace("“", "").replace("”", "").replace('"', "")),
                                                alternation(lex.chain_stops)))
        self.meeting_re = re.compile(alternation(lex.meetings) + r"(?![堂厅室址])")
        self.locality_re = re.compile("^(?:%s)" % "|".join(lex.localities))
        self.heads = set(lex.meetings)
        self.generic_places = set(lex.generic_places)
        self.not_names = set(lex.not_names) | set(lex.name_followers) | {w for k, ws in lex.verbs.items() if not k.endswith("_RE")
                                                     for w in ws}
        self.place_end_re = re.compile(alternation(lex.places) + "$")

    # ---------------------------------------------------------------- people
    def _split_glued_posts(self, part: str) -> List[str]:
        """``区委常委区委办主任`` -> 区委常委, 区委办主任: a post word followed by another body's name."""
        out, last = [], 0
        for m in self.title_re.finditer(part):
            if re.match(r"(?:区|县|市|省|州|镇|乡)(?:委|政府|人大|政协)", part[m.end():]):
                out.append(part[last:m.end()])
                last = m.end()
        return out + [part[last:]] if out else [part]

    def _foreign_name_at(self, text: str, i: int) -> Optional[Tuple[str, float]]:
        """国际奥委会主席巴赫讲话: after an international post, a transliterated name needs no surname."""
        if not _INTERNATIONAL.search(text[max(0, i - 25):i]) or text[i:i + 1] in self.single:
            return None
        for end in range(i + 2, min(len(text), i + 7) + 1):
            cand = text[i:end]
            if not re.fullmatch(r"[\u4e00-\u9fff]+", cand) or re.search(r"[的了之]", cand) or _FUNCTION.search(cand) \
                    or self.title_re.search(cand):
                return None
            if self.follow_re.match(text, end) and cand not in self.not_names \
                    and not _NOT_NAME_END.search(cand) and not _ORG_END.search(cand) and not cand.endswith(("团", "组")):
                return cand, 2.0
        return None

    def _name_at(self, text: str, i: int, boundaries: Optional[Set[int]]) -> Optional[Tuple[str, float]]:
        dotted = re.match(r"[\u4e00-\u9fff]{1,6}(?:·[\u4e00-\u9fff]{1,8})+", text[i:i + 30])
        if dotted:  # a transliterated name (雷诺·艾德): it ends where a word that follows names begins
            dot = dotted.group(0).rfind("·")
            for end in range(i + dot + 2, i + dotted.end() + 1):
                if self.follow_re.match(text, end):
                    return text[i:end], 3.0
        sur = 2 if text[i:i + 2] in self.compound else 1 if text[i:i + 1] in self.single else 0
        if not sur:
            return None
        best, best_score = None, 0.0
        for given in (2, 1):
            end = i + sur + given
            cand = text[i:end]
            if len(cand) < sur + given or not re.fullmatch(r"[\u4e00-\u9fff]+", cand):
                continue
            if cand in self.not_names or _NOT_NAME_END.search(cand) or _BAD_GIVEN.search(cand[sur:]):
                continue  # 总书记强调 (a verb), 湖南省长沙市 (a place)
            score = 2.0 * bool(self.follow_re.match(text, end))
            if boundaries is not None and end in boundaries:
                score += 1.0
                if given == 2 and score == 1.0 and end - 1 not in boundaries and not _FUNCTION.search(cand):
                    score = 1.5  # 易炼红点燃: the segmenter keeps the given name whole
            if given == 2 and _FUNCTION.match(cand[-1]) and self.follow_re.match(text, end - 1):
                score -= 1.5  # 王毅在参加: 在 starts what follows the name
            if score > best_score:
                best, best_score = cand, score
        return (best, best_score) if best and best_score >= 1.5 else None

    def titled_people(self, text: str, boundaries: Optional[Set[int]] = None, *,
                      ner: Optional[Sequence[tuple]] = None) -> List[Person]:
        """Names right after a post or a chain of posts: ``区委常委、组织部长王升建``.

        With the tagger's spans (``ner``), a name is kept only where the tagger reads a name there
        too: ``习近平总书记重要讲话`` gives no person 重要, ``习近平主席郑重提出`` none 郑重.
        """
        tagged = _person_tags(ner)
        return [p for p in self._titled_people(text, boundaries) if ner is None or p.rule not in STRICT_RULES
                or _tagged_as_person(p, tagged)]

    def _titled_people(self, text: str, boundaries: Optional[Set[int]] = None) -> List[Person]:
        out: List[Person] = []
        protected = text.replace("共和国", "共■国")
        for m in self.title_re.finditer(text):
            i = m.end()
            found = self._name_at(text, i, boundaries) or self._foreign_name_at(text, i)
            if not found:
                continue
            name, score = found
            lo = max(0, i - 60)
            window = protected[lo:i]
            stops = list(self.stop_re.finditer(window))
            cut = stops[-1].end() if stops else 0
            chain = window[cut:].strip()
            posts, pos = [], lo + cut + (len(window[cut:]) - len(window[cut:].lstrip()))
            for p0 in chain.split("、"):
                for part in self._split_glued_posts(p0):
                    step = len(part)
                    if part.startswith(("时任", "曾任", "现任")):  # 时任浙江省委书记: the post is 浙江省委书记
                        pos += 2
                        part = part[2:]
                        step -= 2
                    if part and self.title_end_re.search(part) and len(part) <= 30:
                        posts.append((text[pos:pos + len(part)], pos, pos + len(part)))
                    elif posts:  # a gap inside the chain: keep what follows only
                        posts = []
                    pos += step
                pos += 1
            if not posts:
                continue
            # 来宾市人大常委会副主任，兴宾区委书记周灵: a post before a comma is this person's too
            if stops and window[stops[-1].start():stops[-1].end()] in "，,":
                prev = [x for x in stops[:-1]]
                seg_lo = prev[-1].end() if prev else 0
                seg = window[seg_lo:stops[-1].start()]
                if 2 <= len(seg) <= 25 and self.title_end_re.search(seg) and "、" not in seg \
                        and not re.search(r"\d", seg) and (prev or lo == 0):
                    posts.insert(0, (seg, lo + seg_lo, lo + seg_lo + len(seg)))
            start = posts[0][1]
            group = bool(_GROUP_TITLE.search(posts[-1][0]))  # 区领导: people, but not a post
            out.append(Person(name, start, i + len(name), [] if group else posts,
                              rule="post+name" if score >= 3 else "post+name?",
                              clause_start=start == 0 or text[start - 1] in PUNCT + "、 " or cut > 0))
            # 区领导韩凤龙、梁显学、张剑锋出席: the names listed after the first share its post
            j = i + len(name)
            while j < len(text) and text[j] == "、":
                more = self._name_at(text, j + 1, boundaries)
                if not more or self.title_re.match(text, j + 1):
                    break
                out.append(Person(more[0], j + 1, j + 1 + len(more[0]), [] if group else posts,
                                  rule="post+name-list", clause_start=False))
                j += 1 + len(more[0])
        return _dedupe(out)

    def name_title(self, text: str, boundaries: Optional[Set[int]] = None, *,
                   ner: Optional[Sequence[tuple]] = None) -> List[Person]:
        """A name written before its post, as national news does: ``习近平总书记``, ``李克强总理``.

        The name (two or three characters before the post, the longer first) must read as a
        name on its own: a surname, and nothing that is a verb, a place or an organisation.
        """
        out = []
        tagged = _person_tags(ner)
        for m in _NAME_TITLE_POST.finditer(text):
            for size in (3, 2):
                s = m.start() - size
                if s < 0:
                    continue
                name = text[s:m.start()]
                found = self._name_at(name + "。", 0, None)
                if not found or found[0] != name or _ORG_END.search(name) or _PROVINCE.search(name):
                    continue
                if s > 0 and text[s - 1] in self.single and size == 2:
                    continue  # 贯彻李强总理: 彻 is no surname, but 习近平总书记 must not become 近平
                if boundaries is not None and s > 0 and s not in boundaries:
                    continue  # 学习贯彻总书记: 习 belongs to 学习
                person = Person(name, s, m.end(), [(m.group(0), m.start(), m.end())], rule="name+post",
                                clause_start=s == 0 or text[s - 1] in PUNCT)
                if ner is None or _tagged_as_person(Person(name, s, s + len(name)), tagged):
                    out.append(person)
                break
        return out

    def untitled_participants(self, text: str) -> List[Person]:
        """Names that open a sentence and only take part: ``肖捷参加。``, ``王沪宁、蔡奇出席。``."""
        out = []
        for m in re.finditer(r"(?:^|(?<=[。；\n，,]))((?:[\u4e00-\u9fff]{2,3}、)*[\u4e00-\u9fff]{2,3})(?=参加|出席|陪同|主持|宣读|讲话|发言|致辞)",
                             text):
            pos = m.start()
            for name in m.group(1).split("、"):
                if (self._name_at(name + "。", 0, None) or ("",))[0] == name:
                    out.append(Person(name, pos, pos + len(name), [], rule="name", clause_start=True))
                pos += len(name) + 1
        return out

    def is_name(self, name: str) -> bool:
        """Reads as a person's name: a known surname and one or two more characters (three after a
        two-character surname), or a transliterated name with a dot (``雷诺·艾德``); nothing that is a verb,
        a place or an organisation.

        >>> F = Finder(Lexicon.load())
        >>> F.is_name("王升建"), F.is_name("重要"), F.is_name("沙恒别克·贾那提别克")
        (True, False, True)
        """
        if re.fullmatch(r"[\u4e00-\u9fff]{1,8}(?:·[\u4e00-\u9fff]{1,10})+", name):
            return True
        sur = 2 if name[:2] in self.compound else 1 if name[:1] in self.single else 0
        if not sur or not re.fullmatch(r"[\u4e00-\u9fff]+", name) or not 1 <= len(name) - sur <= 2:
            return False
        return name not in self.not_names and not _NOT_NAME_END.search(name) and not _BAD_GIVEN.search(name[sur:])

    def tagged_people(self, text: str, ner: Sequence[tuple], taken: Sequence[Person]) -> List[Person]:
        """Names the mention tagger found (``PER``) that no rule found, when they read as names."""
        out = []
        # a place's or body's name the tagger also read as a person's (秦安一日游 beside 秦安县委书记) is no one
        heads = {text[a:b][:4] for a, b, lab, _p in ner if lab in ("POS", "ORG", "LOC", "MTG")}
        # any(h.startswith(x) for h in heads) is x in starts: every beginning of a head (each at most 4 long)
        starts = {h[:k] for h in heads for k in range(len(h) + 1)}
        held = Overlaps((q.start, q.end) for q in taken)
        for s, e, lab, p in ner:
            if lab != "PER" or p < self.NER_PERSON_MIN or held.overlaps(s, e) \
                    or not self.is_name(text[s:e]) or text[s:e] in starts:
                continue
            out.append(Person(text[s:e], s, e, [], rule="ner", clause_start=s == 0 or text[s - 1] in PUNCT))
        return out

    def bare_mentions(self, text: str, names: Iterable[str], taken: Sequence[Tuple[int, int]],
                      boundaries: Optional[Set[int]] = None) -> List[Person]:
        """Later mentions of names already known in the file (``陈红民表示``): followed by a word
        that may follow a name, or standing as whole tokens (``习近平十分关心``)."""
        out = []
        order = sorted(set(names), key=lambda n: (-len(n), n))  # longest first, then in a fixed order
        found, occupied = occurrences(text, order), Occupied(len(text), taken)
        for name in order:
            for s in found[name]:
                e = s + len(name)
                if occupied.overlaps(s, e):
                    continue
                if re.match(r"新时代|同志为核心|[^，。]{0,6}思想|经济思想|法治思想", text[e:e + 12]):
                    continue  # 习近平新时代中国特色社会主义思想 names a doctrine, not the person acting
                aligned = boundaries is not None and e in boundaries and (s == 0 or s in boundaries)
                if not (self.follow_re.match(text, e) or aligned):
                    continue
                out.append(Person(name, s, e, [], rule="name", clause_start=s == 0 or text[s - 1] in PUNCT))
                occupied.add(s, e)
        return out

    def byline_names(self, line: str) -> List[Tuple[str, str]]:
        """``通讯员 左学彬 周祎`` -> [('通讯员', '左学彬'), ('通讯员', '周祎')]."""
        from govkg.extract.layout import byline_role
        role_re = re.compile("(%s)" % byline_role())
        out, role = [], None
        for piece in role_re.split(line.strip("（()） ")):
            piece = piece.strip(" \u3000:：")
            if not piece:
                continue
            if role_re.fullmatch(piece):
                role = piece
                continue
            if role is None:
                continue
            for chunk in re.split(r"[\s\u3000、，,]+", piece):
                out.extend((role, n) for n in self.split_names(chunk))
        return out

    def split_names(self, chunk: str) -> List[str]:
        chunk = re.sub(r"[^\u4e00-\u9fff·]", "", chunk)
        if not (chunk[:1] in self.single or chunk[:2] in self.compound):
            return []
        if 2 <= len(chunk) <= 4 and (len(chunk) < 4 or chunk[:2] in self.compound):
            return [chunk]
        for size in (3, 2):  # run-together names: 左学彬周祎
            if len(chunk) > size and chunk[:1] in self.single and chunk[size:size + 1] in self.single:
                rest = self.split_names(chunk[size:])
                if rest:
                    return [chunk[:size]] + rest
        return []

    # ----------------------------------------------------------------- dates
    def dates(self, text: str, *, year: Optional[int] = None, month: Optional[int] = None,
              today: Optional[str] = None) -> List[DateMention]:
        """Calendar dates, with lists (``11月18日、25日``) and the month/year carried forward;
        with the article's date ``today`` (ISO), also 今天/今日 and 昨天/昨日.

        >>> [d.iso for d in Finder(Lexicon.load()).dates("昨天下午，会议召开", today="2022-03-01")]
        ['2022-02-28']
        """
        out = []
        if today:
            import datetime as _dt
            day = _dt.date.fromisoformat(today)
            for m in re.finditer(r"(今天|今日|昨天|昨日)(?![（(]\d)", text):
                d = day if m.group(1) in ("今天", "今日") else day - _dt.timedelta(days=1)
                out.append(DateMention(d.isoformat(), m.start(), m.end()))
        pat = re.compile(rf"(?:({NUM})年)?(?:({NUM})月)?({NUM})日(?![报])")
        last_month, last_year = month, year
        for m in pat.finditer(text):
            y, mo, d = m.group(1), m.group(2), m.group(3)
            if not mo and not (m.start() > 0 and text[m.start() - 1] in "、和至到及" or last_month):
                continue
            try:
                yv = cn_int(y) if y else None
                mv = cn_int(mo) if mo else last_month
                dv = cn_int(d)
            except (KeyError, ValueError):
                continue
            if yv is not None and yv < 100:
                continue
            if mv is None or not (1 <= mv <= 12 and 1 <= dv <= 31):
                continue
            if yv:
                last_year = yv
            last_month = mv
            yy = yv or (last_year if (y or mo is None or last_year) else None)
            iso = f"{yy:04d}-{mv:02d}-{dv:02d}" if yy else f"--{mv:02d}-{dv:02d}"
            out.append(DateMention(iso, m.start(), m.end()))
        return sorted(out, key=lambda d: d.start)

    # ---------------------------------------------------------------- places
    def places(self, phrase: str) -> List[str]:
        """Sites in a phrase such as ``淮河路街道勤劳街3号院、五里堡街道瑞光片区``."""
        out = []
        parts = []
        for piece in re.split(r"[、，,及与]|以及", phrase):
            sub = piece.split("和")
            parts.extend(sub if len(sub) > 1 and all(self.place_end_re.search(x) for x in sub) else [piece])
        for part in parts:
            part = re.sub(r"[（(][^）)]*[）)]$", "", part)
            part = re.sub(r"^(?:实地|现场|深入|走进|来到|先后|分别|逐一|一线|位于|一家|一处|一座|一个|这家)+", "", part)
            part = re.sub(r"(?:等\d+个|等[一二三四五六七八九十]+个|等(?:重点|相关)?(?:企业|单位|项目|地方|部门)|进行了?|开展了?)+$",
                          "", part)
            part = re.sub(r"(?:沿线|一线|现场|等地|等处|等|一带|周边|附近|逐一|实地)+$", "", part)
            i = part.rfind("的")
            if i >= 0:
                part = part[i + 1:]
            if len(part) < 2 or len(part) > 30 or not self.place_end_re.search(re.sub(r"[\d一二三四五六七八九十]+期$", "", part)):
                continue
            if _WHOLE_REGION.fullmatch(part) or part in self.generic_places or _ADMIN_UNIT.search(part) \
                    or re.search(r"(?:电路|线路|思路|道路|出路|门路)$", part) \
                    or re.search(r"开展|推进|进行|督查|检查|调研|工作|重点|^各|^全[区市县镇乡省]", part):
                continue
            out.append(part)
        return out


_GROUP_TITLE = re.compile(r"(?:领导|负责人|负责同志|嘉宾)$")
_BAD_GIVEN = re.compile(r"[了的着过吗呢吧都也还就又再很这那个们是在与及等]")
_ADMIN_UNIT = re.compile(r"^[\u4e00-\u9fff]{1,6}(?:(?<![小片园社景新城校港民发贸税范验护业])区|镇|乡|县|市)$")  # a destination, not a site
_NOT_NAME_END = re.compile(r"[街道路区村镇县市省委局厅部馆站所园场厂司队组办处会]$")
_INTERNATIONAL = re.compile(r"国际|世界|联合国|组织|奥委会|总统|首相|外长|大使|总干事|欧盟|非盟|东盟|王国|共和国|[^中]国(?:总理|副总理)")
_PROVINCE = re.compile("北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|"
                       "四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门")
_NAME_TITLE_POST = re.compile(r"总书记|副总理|总理|副委员长|委员长|国家主席|主席(?![团台])|(?<![副])代?(?:镇长|乡长|县长|区长|市长|省长)"
                              r"|(?<![委副总])书记(?![处员])")
_ORG_END = re.compile(r"[委省市县区部厅局党团会院府国中]$")
_FUNCTION = re.compile(r"[在和与及对向从到为是就也还等于将把被说讲主出参率带并已均]")
_WHOLE_REGION = re.compile(r"[\u4e00-\u9fff]{2,4}(?:省|市|自治区|特别行政区)|(?:北京|上海|天津|重庆|香港|澳门)")


#: with the tagger, names after a post are kept only where it reads a name too
STRICT_RULES = ("post+name?", "post+name", "post+name-list")


def _person_tags(ner: Optional[Sequence[tuple]]) -> Overlaps:
    """The tagger's names (PER), for :func:`_tagged_as_person`."""
    return Overlaps((a, b) for a, b, lab, _p in ner or () if lab == "PER")


def _tagged_as_person(p: Person, tagged: Overlaps) -> bool:
    """The tagger marks a name (PER) over the person's name: ``any(lab == "PER" and a < p.end and
    s < b for a, b, lab, _p in ner)`` with ``s = p.end - len(p.name)``."""
    return tagged.overlaps(p.end - len(p.name), p.end)


def _dedupe(people: List[Person]) -> List[Person]:
    out: List[Person] = []
    for p in sorted(people, key=lambda p: (p.start, -(p.end - p.start))):
        if out and p.start < out[-1].end:
            continue
        out.append(p)
    return out
