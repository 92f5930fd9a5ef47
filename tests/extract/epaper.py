"""E-paper pages made for the tests: a county paper's pages laid out in HTML (absolute article
boxes, CSS columns, a picture with its caption, masthead, edition line, editor credits, a jump
to the next page) and printed to PDF by headless Chromium. All text is written for the tests.
"""
from __future__ import annotations

import base64
import html
import struct
import subprocess
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional, Sequence



def chromium_path() -> Optional[str]:
    import shutil
    return next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)


@dataclass
class Story:
    title: str
    paras: List[str]
    box: tuple                        # x, y, width, height in mm on the page
    columns: int = 1
    subtitle: Optional[str] = None
    byline: Optional[str] = None      # a byline line under the headline
    picture: Optional[str] = None     # caption of a picture at the top of the box


@dataclass
class Page:
    stories: List[Story]
    header: str                       # date / edition line
    credit: str = "责任编辑：吴敏  版式：张帆  校对：李强"
    masthead: Optional[str] = None


FLOOD = Story(
    "县委常委会召开会议研究部署防汛工作", subtitle="压紧压实责任 确保安全度汛", box=(10, 62, 277, 118), columns=4,
    paras=["本报讯（记者 周海燕 通讯员 金立）5月11日，县委书记王建华主持召开县委常委会会议，传达学习省委有关会议精神，"
           "听取全县防汛备汛工作情况汇报，研究部署下一阶段防汛工作。",
           "会议指出，今年汛期降雨偏多，防汛形势严峻复杂。各级各部门要坚持人民至上、生命至上，把防汛工作摆在突出位置，"
           "以最充分的准备应对最不利的情况，坚决守住不发生重大人员伤亡的底线。",
           "会议强调，要压紧压实防汛责任，严格落实以行政首长负责制为核心的各项防汛责任制，县、乡、村三级责任人要全部到岗到位。"
           "要突出抓好水库、山塘、堤防等重点部位的巡查，对发现的隐患要建立清单、限时整改。",
           "县委副书记、县长李明出席会议并讲话。他要求，要强化监测预警，做好会商研判，及时发布预警信息；"
           "要加强应急队伍建设，备足抢险物资，确保一旦出现险情能够拉得出、冲得上、打得赢。",
           "会议要求，各乡镇（街道）要结合实际，修订完善防汛应急预案，组织开展应急演练，切实提高基层防汛应急处置能力，"
           "并要进一步（下转第二版）"])
INVEST = Story(
    "全县招商引资推进会召开", box=(10, 186, 136, 150), columns=2, byline="本报记者 徐 静",
    paras=["5月10日，全县招商引资推进会召开。县委副书记、县长李明出席会议并讲话，副县长赵敏主持会议。",
           "会议通报了一季度全县招商引资工作情况，南太湖新区、经济开发区等单位作了交流发言。今年以来，全县共签约亿元以上项目"
           "二十六个，其中十亿元以上项目五个，招商引资工作实现良好开局。",
           "李明指出，招商引资是推动高质量发展的关键举措。各地各部门要树牢项目为王理念，聚焦新能源、新材料、"
           "高端装备等主导产业，开展精准招商、产业链招商，引进一批带动力强的龙头项目。",
           "李明强调，要优化营商环境，深化“最多跑一次”改革，完善项目全生命周期服务机制，推动签约项目早落地、早开工、早投产。"
           "要强化考核激励，形成比学赶超的浓厚氛围，推动招商引资工作提质增效。"])
CHECK = Story(
    "县领导检查防汛备汛工作", box=(151, 186, 136, 150), columns=2, picture="图为防汛应急演练现场。 通讯员 金立 摄",
    paras=["昨天，县委副书记孙伟带队检查防汛备汛工作，先后察看了合溪水库、西苕溪堤防和县防汛物资仓库。",
           "在合溪水库，孙伟详细了解水库水位、泄洪设施运行和值班值守情况。他指出，水库安全事关下游群众生命财产安全，"
           "要严格执行汛限水位规定，加强大坝巡查，确保水库安全运行。",
           "在县防汛物资仓库，孙伟仔细查看了冲锋舟、救生衣、编织袋等物资储备情况，要求有关部门及时补充更新，"
           "完善调拨机制。孙伟要求，要落实落细各项措施，确保全县安全度汛。 记者 陆佳"])
FLOOD_CONT = Story(
    "县委常委会召开会议研究部署防汛工作", box=(10, 62, 136, 110), columns=2,
    paras=["（上接第一版）加强隐患排查和应急值守，严格执行二十四小时值班和领导带班制度，确保信息畅通、指挥有力。",
           "会议还研究了其他事项。"])
RURAL = Story(
    "长兴召开乡村振兴工作座谈会", box=(151, 62, 136, 110), columns=2,
    paras=["5月9日，长兴召开乡村振兴工作座谈会。副县长赵敏主持会议。",
           "座谈会上，来自各乡镇的党委书记和村党组织书记围绕发展壮大村级集体经济、推进和美乡村建设等主题交流发言。",
           "赵敏指出，要以和美乡村建设为抓手，推动乡村产业、人才、文化、生态、组织全面振兴，让农民群众过上更加美好的生活。"
           " 记者 陆佳 通讯员 吴磊"])
TOWN = Story(
    "泗安镇召开基层治理工作推进会", box=(10, 180, 277, 60), columns=3,
    paras=["本报讯（通讯员 金立）5月8日，泗安镇召开基层治理工作推进会。镇党委书记陈刚主持会议并讲话。",
           "会议要求，要坚持和发展新时代“枫桥经验”，深化网格化管理，把矛盾纠纷化解在基层、解决在萌芽状态。"
           "各村（社区）要建强网格队伍，完善网格员考核办法，推动基层治理体系和治理能力现代化。"])

ISSUE = [
    Page([FLOOD, INVEST, CHECK], header="2023年5月12日 星期五 农历癸卯年三月廿三  第1版 要闻", masthead="长兴新闻"),
    Page([FLOOD_CONT, RURAL, TOWN], header="长兴新闻 2023年5月12日 星期五  第2版 综合",
         credit="责任编辑：李强  版式：王芳"),
]
#: the articles of ISSUE in reading order, after the jump is joined
ISSUE_TITLES = [FLOOD.title, INVEST.title, CHECK.title, RURAL.title, TOWN.title]


def png(width: int = 60, height: int = 40) -> bytes:
    """A small grey picture (a PNG written by hand, no imaging library needed)."""
    raw = b"".join(b"\x00" + bytes([150, 160, 170]) * width for _ in range(height))
    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


_CSS = """
@page { size: 297mm 420mm; margin: 0 }
body { margin: 0; font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; }
.page { position: relative; width: 297mm; height: 420mm; page-break-after: always; overflow: hidden }
.mast { position: absolute; left: 10mm; top: 8mm; width: 277mm; text-align: center; font-size: 44pt; font-weight: bold }
.head { position: absolute; left: 10mm; top: 36mm; width: 277mm; font-size: 9pt; border-bottom: 2px solid #000 }
.credit { position: absolute; left: 10mm; top: 404mm; width: 277mm; font-size: 8pt; text-align: right }
.story { position: absolute; overflow: hidden }
.story h1 { font-size: 20pt; margin: 0 0 1mm; font-weight: bold }
.story h2 { font-size: 13pt; margin: 0 0 3mm; font-weight: normal }
.story .by { font-size: 9.5pt; margin: 0 0 1mm }
.story .body { column-gap: 6mm; font-size: 9.5pt; line-height: 1.55 }
.story p { margin: 0; text-indent: 2em; text-align: justify }
.story img { display: block; width: 60mm; height: 40mm }
.story .cap { font-size: 8pt; margin: 1mm 0 3mm }
"""


def story_html(s: Story, picture: str) -> str:
    x, y, w, h = s.box
    e = html.escape
    parts = [f'<div class="story" style="left:{x}mm;top:{y}mm;width:{w}mm;height:{h}mm">']
    if s.picture:
        parts.append(f'<img src="{picture}"><div class="cap">{e(s.picture)}</div>')
    parts.append(f"<h1>{e(s.title)}</h1>")
    if s.subtitle:
        parts.append(f"<h2>{e(s.subtitle)}</h2>")
    if s.byline:
        parts.append(f'<div class="by">{e(s.byline)}</div>')
    parts.append(f'<div class="body" style="column-count:{s.columns}">')
    parts.extend(f"<p>{e(p)}</p>" for p in s.paras)
    parts.append("</div></div>")
    return "".join(parts)


def issue_html(pages: Sequence[Page]) -> str:
    picture = "data:image/png;base64," + base64.b64encode(png()).decode("ascii")
    body = []
    for p in pages:
        body.append('<div class="page">')
        if p.masthead:
            body.append(f'<div class="mast">{html.escape(p.masthead)}</div>')
        body.append(f'<div class="head">{html.escape(p.header)}</div>')
        body.extend(story_html(s, picture) for s in p.stories)
        body.append(f'<div class="credit">{html.escape(p.credit)}</div></div>')
    return f'<!doctype html><html><head><meta charset="utf-8"><style>{_CSS}</style></head><body>{"".join(body)}</body></html>'


def print_pdf(page_html: str, out: Path) -> Path:
    """Print an HTML page to ``out`` with headless Chromium (the real browser: no stand-in)."""
    exe = chromium_path()
    assert exe, "Chromium is not installed: bash scripts/setup-browser.sh"
    src = out.with_suffix(".html")
    src.write_text(page_html, encoding="utf-8")
    run = subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                          "--disable-background-networking", "--no-pdf-header-footer",
                          f"--user-data-dir={out.parent / '.chromium'}", f"--print-to-pdf={out}", src.as_uri()],
                         capture_output=True, text=True, timeout=120)
    assert out.exists() and out.stat().st_size > 0, run.stderr[-2000:]
    return out


def issue_pdf(out: Path, pages: Sequence[Page] = ISSUE) -> Path:
    return print_pdf(issue_html(pages), out)
