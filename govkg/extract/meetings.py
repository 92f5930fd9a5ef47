"""Meeting mentions (a mix-in of :class:`~govkg.extract.mentions.Finder`).

A meeting is named by its fullest span. The rules find each meeting word of the lexicon
(``推进会``, ``常委会会议``…) and walk left to the first word that cannot be inside a name
(``召开``, ``主持``, a comma…). Those stop words also occur inside names
(``抓落实专题会议``, ``合作委员会``), so the learned tagger's meeting spans (``MTG``) correct
the left edge and add meetings whose word the lexicon lacks. Each mention then says whether
the article holds it (``event``: 召开/举行/在…上) or only cites it, and whether its name is
generic (``会议``, ``专题会议``).
"""
from __future__ import annotations

import bisect
import re
from typing import List, Optional, Sequence, Tuple

from govkg.extract.spans import SpanBuckets, outermost

#: words that cannot be inside a meeting's name, walking left from its meeting word
_MEETING_STOP = re.compile(r"[，。；：！？,;:!?\n、>|｜】]|(?<=[会议班式礼坛])(?:和|及|与|以及)|(?<![工合协操创运制写动])作|召开|举行|举办"
                           r"|主持召开|主持|出席|参加|列席|在|于|的|了|(?<!自)由|到|赴|前往"
                           r"|来到|是|为|从|对|向|将|把|并|祝贺|致信|贺信|组织|开展|通过|审议|听取|贯彻|落实|传达|学习|围绕|就|上")
_SENTENCE_WORD = re.compile(r"[的了]|书记|主任|部长|市长|县长|区长")
_EVENT_BEFORE = re.compile(r"(?:召开|举行|举办|主持|出席|参加|列席|分别召开|召开了|举行了|开班|在|作|听取)[了的]?$")
_EVENT_AFTER = re.compile(r"(?:上|中|期间)?[，,]?(?:\d{1,2}日|[今昨]天|[上下]午|近日|日前)*"
                          r"(?:召开|举行|开幕|闭幕|在[^，。]{1,12}(?:召开|举行))(?!的)")
_CITED_AFTER = re.compile(r"(?:精神|部署|要求|决定|决策|制度)|(?:时|上)?的?(?:重要|部分|系列)?讲话")
#: the tagger's meeting spans below this probability are not used; one no rule found needs more
TAGGER_MIN = 0.5
TAGGER_ALONE_MIN = 0.7
_MEETING_END = re.compile(r"[会议班式礼坛课典]$")


class MeetingNames:
    """Needs ``self.meeting_re`` (the lexicon's meeting words) and ``self.heads``."""

    def meetings(self, text: str, ner: Sequence[tuple] = (), boundaries=None) -> List["Meeting"]:
        """Meeting mentions, each by its fullest span (``二七区委人大工作会议``); ``ner`` are the
        tagger's ``(start, end, label, p)`` spans, used where they start at a word boundary
        (``boundaries``: the segmenter's token ends)."""
        ner = [x for x in ner if x[0] == 0 or not boundaries or x[0] in boundaries or not text[x[0] - 1].isalnum()]
        spans = self._merge_tagged(text, self._rule_spans(text), ner)
        out: List = []
        for start, e, head, src in sorted(spans):
            m = self._mention(text, start, e, head, src, out)
            if m is not None:
                out.append(m)
        # 区委常委会暨区疫情防控指挥部第71次会议: a meeting inside a fuller span is that span
        return outermost(out, lambda m: (m.start, m.end))

    def _rule_spans(self, text: str) -> List[Tuple[int, int, str, str]]:
        out = []
        for m in self.meeting_re.finditer(text):
            s, e = m.span()
            if text[e:e + 1] == "议" and m.group(0).endswith("会"):
                e += 1  # 通报会议: the head word 通报会 plus 议
            out.append((self._left_edge(text, s), e, m.group(0), "rule"))
        return out

    def _left_edge(self, text: str, s: int) -> int:
        lo = max(0, s - 40)
        window = text[lo:s]
        stops = list(_MEETING_STOP.finditer(window))
        k = len(stops) - 1
        # 民主党派、工商联、社会各界工作通报会议: a list inside the name, unless it lists meetings
        while k >= 1 and stops[k].group(0) == "、":
            seg = window[stops[k - 1].end():stops[k].start()]
            if not seg or len(seg) > 8 or self.meeting_re.search(seg) or _SENTENCE_WORD.search(seg):
                break
            k -= 1
        start = lo + (stops[k].end() if k >= 0 else 0)
        if text[start:s].count("”") > text[start:s].count("“"):  # “畅叙乡情、共话发展”座谈会
            q = text.rfind("“", max(0, s - 60), start)
            start = q if q >= 0 and not re.search(r"[。！？；\n]", text[q:start]) else start  # not across sentences
        return start

    def _merge_tagged(self, text: str, spans, ner) -> List[Tuple[int, int, str, str]]:
        """The tagger's span replaces a rule span it overlaps that ends where it ends (±1 character);
        a tagged span that no rule span overlaps is a meeting the lexicon lacked."""
        out = list(spans)
        near = SpanBuckets((x[0], x[1]) for x in out)   # out's spans, kept in step with out
        per_starts = sorted(a for a, _b, lab, _p in ner if lab == "PER")
        for s2, e2, lab, p in ner:
            if lab != "MTG" or p < TAGGER_MIN or e2 - s2 < 3:
                continue
            tail = re.search(r"(?:上|中|时|后|期间|上的)$", text[s2:e2])
            if tail and _MEETING_END.search(text[s2:tail.start() + s2]):  # 推进会上: the tagger took 上 along
                e2 = s2 + tail.start()
            year = re.search(r"(?:\d{4}|[〇零一二三四五六七八九]{4})$", text[max(0, s2 - 4):s2])
            if text[s2] == "年" and year:  # 二〇二〇|年区外…座谈会: the tagger cut a year written in numerals
                s2 -= len(year.group(0))
            verb = re.search(r"(?<=[院部委局厅办])作(?=[^，。]{0,6}(?:报告|讲话))", text[s2:e2])
            if verb:  # 中国科学院作宣讲报告: a body giving a lecture, the lecture is 宣讲报告
                s2 += verb.end()
            if text[s2] == "“" and "”" not in text[s2:e2]:
                s2 += 1
            joints = [j for j in re.finditer(r"(?<=[会议班式礼坛])(?:、|和|及|与|以及)", text[s2:e2]) if j.end() < e2 - s2]
            if joints:  # A会、B会 / 党组会议和主席会议: a list of meetings, the span is the last one
                s2 += joints[-1].end()
            hit = [out[i] for i in near.overlapping(s2, e2)]
            same_end = [x for x in hit if abs(x[1] - e2) <= 1]
            if same_end:
                for x in same_end:
                    if s2 > x[0] and bisect.bisect_left(per_starts, x[0]) == bisect.bisect_left(per_starts, s2):
                        continue  # the tagger would cut a name the rules found whole; only a person in front goes
                    # out.index(x): every copy of x overlaps (s2, e2), so it is among the spans near it
                    i = next(i for i in near.overlapping(s2, e2) if out[i] == x)
                    out[i] = (s2, max(x[1], e2), x[2], "both")
                    near.set(i, (s2, max(x[1], e2)))
            elif not hit and p >= TAGGER_ALONE_MIN and _MEETING_END.search(text[s2:e2]):
                while s2 < e2 and text[s2] in "的在和及与由于":
                    s2 += 1
                if text[s2:e2].count("“") != text[s2:e2].count("”"):
                    continue
                head = next((h for h in sorted(self.heads, key=len, reverse=True) if text[s2:e2].endswith(h)),
                            text[max(s2, e2 - 2):e2])
                out.append((s2, e2, head, "ner"))
                near.add((s2, e2))
        return list(dict.fromkeys(out))

    def _mention(self, text: str, start: int, e: int, head: str, src: str, before_: List):
        from govkg.extract.mentions import Meeting
        name = re.sub(r"^(?:[一两]?[堂次场个届]|随后|此次|本次|这次|该)", "", text[start:e])
        if name.startswith("“") and "”" not in name:  # “全国…学术研讨会”: the quote opens the name, not the meeting
            name = name[1:]
        start = e - len(name)
        if re.fullmatch(r"第?[一二三四五六七八九十\d]+次(?:全体)?会议", name):  # 主席团举行第二次会议: not a name
            return None
        rest = re.sub(r"^(?:工作|专题|全体|扩大|集中|主题|专项)+", "", name)
        generic = rest in self.heads or rest in ("会", "会议")
        return Meeting(name, start, e, head=head, event=self._held(text, start, e, name, head, before_),
                       generic=generic, source=src)

    @staticmethod
    def _held(text: str, start: int, e: int, name: str, head: str, earlier: List) -> bool:
        """Held in this article (召开/举行/在…上/分别召开A、B), not only cited (…精神, …上的讲话)."""
        before, after = text[max(0, start - 8):start], text[e:e + 6]
        event = bool(_EVENT_BEFORE.search(before) or _EVENT_AFTER.match(text[e:e + 20])
                     or re.match(r"^上[，,]", after) and before.endswith("在"))
        if earlier and earlier[-1].end == start - 1 and text[start - 1] in "、和及与" and earlier[-1].event:
            event = True  # 分别召开A、B
        if _CITED_AFTER.match(text[e:e + 10]) or re.match(r"期间|以来|前夕|之际", text[e:e + 2]):
            event = False
        back = max(0, start - 1000)  # the sentence so far, read back at most 1,000 characters
        if head.endswith("汇报") and ("等" in name or re.search(
                r"来到|走进|深入|调研|考察|察看|视察|调研组", text[max(back, text.rfind("。", back, start) + 1):start])):
            event = False  # a briefing heard on a visit, not a work-report meeting
        return event


def cited_speeches(text: str, ss: int, se: int, meetings: Sequence) -> List[Tuple[int, object]]:
    """``X在Y上的重要讲话``: the meetings of this sentence at which someone's speech is cited,
    as ``(position of 在, meeting)``."""
    out = []
    for m in meetings:
        if ss <= m.start < se and re.match(r"(?:上|时|期间)?的?(?:重要|主旨|开幕式|)?(?:讲话|致辞|演讲|报告)", text[m.end:m.end + 10]):
            at = text.rfind("在", ss, m.start)
            if at >= 0:
                out.append((at, m))
    return out
