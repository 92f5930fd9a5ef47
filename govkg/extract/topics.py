"""What a meeting is about (CONCERNS): candidates from its name and from what it studied,
heard and deployed, scored like the roles (a mix-in of :class:`~govkg.extract.relations.RelationExtractor`).

Sources of a candidate topic (each a feature, ``src=…``):

- ``name``: the meeting's own name, locality and meeting words taken off
  (:meth:`~govkg.extract.projects.ProjectNames.project_from_meeting`);
- ``headline``: a campaign written as ``“X”工作`` in the headline or the sentence;
- ``theme``: ``以…为主题``;
- ``deployed``: ``对X等工作进行部署``, ``会议研究了X、Y等工作``, ``听取了X情况的汇报``;
- ``agenda``: any list after 研究/部署/审议/讨论/听取/通报/安排 in a sentence of the meeting.
"""
from __future__ import annotations

import re
from typing import List

from govkg.extract.roles import Candidate, bucket, conjoin

_QUOTED = re.compile(r"“([^“”]{1,10})”")
_NO_PROJECT_HEADS = ("全会", "年会", "博览会", "大会", "茶话会", "团拜会", "招待会", "发布会")
#: events whose name holds no work area: what is left of 中国国际进口博览会 is a cut name, not a topic
_EVENT_HEADS = ("年会", "博览会", "运动会", "仪式", "开幕式", "闭幕式", "典礼", "交易会", "展览会", "招待会", "团拜会",
                "茶话会", "发布会")
_DEPLOY = re.compile(r"对(?:持续|进一步|全面|扎实)?(?:做好|抓好|推进|加强)?([^。；：]{2,60}?)等?(?:重点)?工作"
                     r"(?:进行了?|作了?|作出|做出)(?:安排)?部署"
                     r"|会议(?:还|并)?(?:研究|部署|安排|研究部署)了?([^。；：]{2,80}?)等(?:重点)?(?:工作|事项)"
                     r"|会议(?:还|并)?听取了?(?:关于)?(?:全[区县市镇])?([^。；：的]{2,40}?)(?:工作)?(?:情况|进展)?的?汇报")
_AGENDA = re.compile(r"(研究|部署|审议|讨论|听取|通报|安排|研究部署|研究讨论|专题研究)(?:了|并)?(?:关于)?([^。；：]{2,120})")
_AGENDA_TRIM = re.compile(r"^(?:全[区县市镇乡]|我[区县市镇乡]|近期|当前|下一步|今年|明年|全年|有关|相关|[区县市]级|做好|抓好|推进|加强|进一步"
                          r"|了解|打通|积极|参与|推动|促进|加快|深化|强化|提升|完善|健全|落实|贯彻|[\u4e00-\u9fff]{2,3}[省市区县](?=[\u4e00-\u9fff]{2}))+"
                          r"|(?:等)?(?:重点)?(?:工作|情况|进展|事项|问题|议题|方案|有关事宜|相关事宜)*(?:的)?(?:汇报|报告|说明)?(?:等)?"
                          r"(?:重点)?(?:工作|事项)?$")
_DOCUMENT = re.compile(r"《|》|精神|讲话|意见|办法|条例|规定|通知|决定|方案|报告|纪要|指示|批示|要求")
_BODY_WORD = re.compile(r"党组|政府|人大|政协|委员会|书记|常委|领导|干部|代表|委员|主任|局|办公室")


def merged_quotes(s: str) -> List[str]:
    """Quoted terms, adjacent ones merged: “六稳”“六保” -> 六稳六保.

    >>> merged_quotes("做好“六稳”“六保”工作")
    ['六稳六保']
    """
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


def quoted_work(s: str) -> List[str]:
    """Campaigns written as “X”工作 (“双改”工作)."""
    return [q for q in merged_quotes(s) if re.search(re.escape(q[-2:]) + r"”工作", s)]


def listed_projects(s: str) -> List[str]:
    """``“五城联创”、脱贫攻坚、“三散”治理`` -> 五城联创, 脱贫攻坚, “三散”治理."""
    out = []
    for part in re.split(r"[、和及与]|以及", s):
        part = part.strip("，, ")
        bare = re.sub(r"[“”\"]", "", part)
        if 2 <= len(bare) <= 12 and not re.search(r"[，,。的了]", part):
            out.append(part)
    return out


def agenda_items(s: str) -> List[str]:
    """Items of an agenda list, trimmed of the work words around them.

    >>> agenda_items("全县安全生产、信访件办理等工作")
    ['安全生产', '信访件办理']
    """
    out = []
    for part in re.split(r"[、，,]|和|及|以及", s):
        item = part.strip()
        for _ in range(3):
            item = _AGENDA_TRIM.sub("", item).strip()
        if 2 <= len(re.sub(r"[“”]", "", item)) <= 16:
            out.append(item)
    return out


def topic_features(project: str, srcs, verb: str, sent: str, lexicon_projects) -> List[str]:
    out = ["src=" + s for s in sorted(set(srcs))]
    out += ["pj_end2=" + project[-2:], "pj_end1=" + project[-1:], "pj_len=" + bucket(len(project), (2, 3, 4, 6, 9, 14)),
            "verb=" + verb]
    if _DOCUMENT.search(project):
        out.append("pj_document")
    if _BODY_WORD.search(project):
        out.append("pj_body")
    if re.search(r"\d|[一二三四五六七八九十]+[月届次]", project):
        out.append("pj_number")
    if "“" in project:
        out.append("pj_quoted")
    if any(p in project for p in lexicon_projects):
        out.append("pj_known")
    if re.match(r"\s*会议|\s*会上", sent):
        out.append("s_huiyi")
    if re.search(re.escape(project) + r"(?:等)?(?:重点)?工作", sent):
        out.append("pj_then_work")
    return out


class Topics:
    """Needs ``self.f`` (a Finder) and ``self.heads_longest``."""

    def _topics_in_sentence(self, events, sent: str, ss: int, cands: List[Candidate], *, new: bool,
                            deploy_ok: bool) -> None:
        """Topics said in a sentence of these meetings (the sentence naming them, or one after it);
        the rules take a quoted campaign only where the meeting is named (``new``) and a deployed
        topic only where someone or 会议 deploys it (``deploy_ok``)."""
        found = {}
        if new:
            for q in quoted_work(sent):
                found.setdefault(q, (["headline"], "quote"))
            m = re.search(r"(?:围绕|以)(.{0,120}?)(?:的|为)?主题", sent)
            if m:
                for q in merged_quotes(m.group(1)):
                    found.setdefault(q, (["theme"], "theme"))
        for m in _DEPLOY.finditer(sent):
            for p in listed_projects(m.group(1) or m.group(2) or m.group(3)):
                found.setdefault(p, ([], "deploy"))[0].append("deployed")
        for m in _AGENDA.finditer(sent):
            for p in agenda_items(m.group(2)):
                found.setdefault(p, ([], m.group(1)))[0].append("agenda")
        for p, (srcs, verb) in found.items():
            feats = topic_features(p, srcs, verb, sent, self.f.lex.projects) + ["new" if new else "later"]
            rule_ok = bool({"headline", "theme"} & set(srcs)) or (deploy_ok and "deployed" in srcs)
            for ev in events:
                cands.append(Candidate("CONCERNS", ev, p, ss + max(0, sent.find(p)), rule_ok,
                                       srcs[0] if srcs else "agenda", conjoin("CONCERNS", feats)))

    def _topics_from_name(self, art, ev, cands: List[Candidate]) -> None:
        head = next((h for h in self.heads_longest if ev.name.endswith(h)), "")
        named = ev.name not in self.f.heads and head.endswith(("会", "会议", "汇报", "启动仪式", "开幕式", "论坛")) \
            and not head.endswith(_NO_PROJECT_HEADS)
        if head.endswith(_EVENT_HEADS):
            return
        for p in self.f.project_from_meeting(ev.name):
            feats = topic_features(p, ["name"], "name", "", self.f.lex.projects) + ["head=" + head[-2:]]
            cands.append(Candidate("CONCERNS", ev, p, ev.start, named, "meeting-name", conjoin("CONCERNS", feats)))
        for line in filter(None, (art.title, art.subtitle)):
            for q in quoted_work(line):
                feats = topic_features(q, ["headline"], "title", line, self.f.lex.projects)
                cands.append(Candidate("CONCERNS", ev, q, 0, True, "headline-campaign", conjoin("CONCERNS", feats)))
