"""What a meeting is about, read from its name (a mix-in of :class:`~govkg.extract.mentions.Finder`).

``营商环境专项以案促改工作会`` is about 营商环境 and 以案促改: the locality, the meeting word,
the work words (工作, 推进, 部署…), ordinals, participants and time qualifiers are taken off,
the rest is split at 专项/暨/和, and a known campaign (``data/projects.txt``) inside a
piece is preferred to the piece.
"""
from __future__ import annotations

import re
from typing import List

from govkg.extract.lexicon import alternation

_NOT_LOCALITY = re.compile(r"(?:小区|社区|园区|片区|景区|城区|市区|街区|辖区|山区|校区|城市|都市|超市|集市|城镇|乡镇|城乡)")
_GENERIC_PROJECT = re.compile(r"(?:企业家|人士|干部|专家|学者|青年|乡贤|人大|政协|常委会|委会|委员会|常务委员|常委|全委|委|党委|政府|委员会|主席团|代表团|[省市县区]委)$|^(?:党校|秋季|春季|全体|扩大|常委会|常务|政府|区委|县委|市委|省委|党组|中心组|理论|"
                              r"[一二三四五六七八九十\d]+)$|党校|主体班|中心组|常委会")


class ProjectNames:
    """Needs ``self.lex`` (a :class:`~govkg.extract.lexicon.Lexicon`) and ``self.locality_re``."""

    def project_from_meeting(self, name: str) -> List[str]:
        """What a meeting name says it is about: ``营商环境专项以案促改工作会`` -> 营商环境, 以案促改.

        >>> from govkg.extract.lexicon import Lexicon
        >>> from govkg.extract.mentions import Finder
        >>> F = Finder(Lexicon.load())
        >>> F.project_from_meeting("经济大省政府主要负责人经济形势座谈会")
        ['经济形势']
        >>> F.project_from_meeting("“中秋”“国庆”期间护林防火工作安排会")
        ['护林防火']
        """
        core = self._strip_locality(re.sub(r"[（(][^）)]*[）)]", "", name))
        core = re.sub(r"(?:部分|各)?(?:地方|经济大省|省区市|省市|市县|县区|各地)?(?:政府)?(?:主要)?负责人", "",
                      core)  # who takes part is not what it is about
        core = self._strip_meeting_words(core)
        out = []
        pieces = re.split(r"专项|暨", core)
        pieces = [x for piece in pieces for x in
                  (re.split(r"和|与|及", piece) if all(len(y) >= 4 for y in re.split(r"和|与|及", piece)) else [piece])]
        for part in pieces:
            part = self._strip_meeting_words(self._strip_locality(part))
            part = re.sub(r"^.{0,12}(?:期间|假期)", "", part)  # “中秋”“国庆”期间护林防火 -> 护林防火
            part = re.sub(r"^(?:改进|加强|推进|深化|优化|全面|持续|扎实|做好|抓好|推动|开展|加快|落实|强化|提升|进一步|深入|新时代)+",
                          "", part)
            part = re.sub(r"(?:工作)+$", "", part)
            if part.startswith(("纪念", "庆祝")) or part.count("“") != part.count("”") or "、" in part:
                continue  # 纪念李锡铭同志诞辰100周年座谈会 commemorates, it is about no programme
            known = [p for p in self.lex.projects if p in part or (p == part + "工作" and p in name)]
            if known:
                out.append(max(known, key=len))
            elif 2 <= len(part) <= 16 and not _GENERIC_PROJECT.search(part):
                out.append(part)
        return out

    def _strip_locality(self, core: str) -> str:
        for _ in range(3):  # 二七区委, 全区…: strip localities, but not 老旧小区 or 城市
            m = self.locality_re.match(core)
            if not m or _NOT_LOCALITY.search(m.group(0)):
                break
            core = core[m.end():]
        return core

    def _strip_meeting_words(self, core: str) -> str:
        for _ in range(4):
            before = core
            core = re.sub(alternation(self.lex.meetings) + "$", "", core)
            core = re.sub(r"(?:工作|调研|推进|部署|动员|总结|表彰|培训|学习|专题|专项|现场|观摩|领导小组|领导|"
                          r"第[^，。]{1,4}次|全体|扩大|常务|会议)+$", "", core)  # not a lone 会: 年会, 博览会
            core = re.sub(r"[第]?[一二三四五六七八九十\d]+次(?:全体)?$", "", core)
            if core == before:
                break
        core = re.sub(r"(?:高峰|国际|全球|年度|专题)+$", "", core)  # 文化强国建设高峰论坛: 高峰 belongs to the head
        core = re.sub(r"^[（(]?(?:第[^，。]{1,4}次|\d{4}年?|[〇零一二三四五六七八九]{4}年|首届|第?[一二三四五六七八九十\d]{1,3}届)+", "", core)
        core = re.sub(r"^(?:去年|今年|明年|上半年|下半年|年初|年底|近期|[一二三四]季度)+", "", core)
        core = re.sub(r"^[一二三四五六七八九十\d]+届[一二三四五六七八九十\d]+次", "", core)
        return re.sub(r"^(?:部分省区市|部分地方|部分省市)", "", core)
