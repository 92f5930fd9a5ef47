"""Each extractor on sentences written for the test, and on the example page.

``erqi`` marks sentences of the bundled example page, examples/erqi-2020-11.txt (郑州二七区
newspaper page, 2020-11), the one source of real text here. Every other sentence was written for
the test, with invented names, places and meetings, after the structure of a kind of report
(national news, county papers, government sites) whose trap it pins down.
"""
import pytest

from govkg.extract.lexicon import Lexicon
from govkg.extract.mentions import Finder

F = Finder(Lexicon.load())


@pytest.mark.parametrize("sentence,name,posts", [
    # erqi
    ("随后，区委常委、组织部长、社治委主任王升建通报全区换届工作总体推进情况", "王升建", ["区委常委", "组织部长", "社治委主任"]),
    ("会议由区委副书记时博主持，", "时博", ["区委副书记"]),
    ("会议由区委常委、纪委书记、监委主任高天翼主持，", "高天翼", ["区委常委", "纪委书记", "监委主任"]),
    ("郑州市纪委监委第四监督检查室主任马广学莅临会场指导工作。", "马广学", ["郑州市纪委监委第四监督检查室主任"]),
    # written for the test: the hosts in 在…陪同下 each keep their own chain of posts
    ("王立群在省委常委、青州市委书记郭峰和市长陈志远陪同下", "郭峰", ["省委常委", "青州市委书记"]),
    ("王立群在省委常委、青州市委书记郭峰和市长陈志远陪同下", "陈志远", ["市长"]),
    # written for the test: 在 after a two-character name is not part of it
    ("省委常委、省委外办主任孟凯在参加青山代表团审议时说", "孟凯", ["省委常委", "省委外办主任"]),
    # written for the test: a date right after the name
    ("市委宣讲团成员、市委常委、青山县委书记罗志勇30日在青山作宣讲报告。", "罗志勇",
     ["市委宣讲团成员", "市委常委", "青山县委书记"]),
])
def test_post_chains_give_one_post_each(sentence, name, posts):
    people = {p.name: [x[0] for x in p.posts] for p in F.titled_people(sentence)}
    assert people.get(name) == posts


def test_unnamed_officials_are_not_people():
    # erqi: 四个街道党（工）委书记 are not named
    s = "会议首先听取了马寨镇、樱桃沟管委会、淮河路街道、嵩山路街道党（工）委书记的表态发言。"
    assert F.titled_people(s) == []


@pytest.mark.parametrize("text,dates", [
    ("本报讯 11月18日、25日，二七区分别召开", ["--11-18", "--11-25"]),
    ("2020年11月28日，二七区召开", ["2020-11-28"]),
    ("十一月二十日，会议召开", ["--11-20"]),
    ("第27次常委会会议", []),
])
def test_dates(text, dates):
    assert [d.iso for d in F.dates(text)] == dates


def test_day_only_dates_take_the_article_month_and_year():
    assert [d.iso for d in F.dates("11日，郑国栋主持召开座谈会", year=2022, month=4)] == ["2022-04-11"]


@pytest.mark.parametrize("text,name,event", [
    ("11月18日、25日，二七区分别召开老旧小区改造工作调研推进会、改进城市管理和道路综合改造工作推进会，",
     "改进城市管理和道路综合改造工作推进会", True),
    ("本报讯 11月 19日，二七区委人大工作会议召开。", "二七区委人大工作会议", True),
    ("11月27日，在二七区委党校秋季主体班上，", "二七区委党校秋季主体班", True),
    ("会议认真贯彻落实省委、市委人大工作会议部署", "省委、市委人大工作会议", False),  # cited, not held
    # a list inside a meeting's name (written for the test, after the pattern of a county report)
    ("1月5日上午，青山区先后召开老干部新春座谈暨工作情况通报会和民主党派、工商联、无党派人士工作通报会议。",
     "民主党派、工商联、无党派人士工作通报会议", True),
    # a ceremony with an ordinal, the date right after its name (written for the test)
    ("云川第5届全民健身运动会火炬传递启动仪式8日在湖南省云川市举行。", "云川第5届全民健身运动会火炬传递启动仪式", True),
])
def test_meetings_by_fullest_span(text, name, event):
    found = {m.name: m.event for m in F.meetings(text)}
    assert found.get(name) is event


@pytest.mark.parametrize("meeting,projects", [
    ("老旧小区改造工作调研推进会", ["老旧小区改造"]),
    ("改进城市管理和道路综合改造工作推进会", ["城市管理", "道路综合改造"]),
    ("村（社区）“两委”换届工作推进会", ["换届"]),
    ("二七区营商环境专项以案促改工作会", ["营商环境", "以案促改"]),
    ("二七区委人大工作会议", ["人大工作"]),
    ("市十六届人大三次会议", []),
])
def test_projects_from_meeting_names(meeting, projects):
    assert F.project_from_meeting(meeting) == projects


@pytest.mark.parametrize("phrase,places", [
    ("淮河路街道勤劳街3号院、五里堡街道瑞光片区、福华街街道航海小区实地", ["淮河路街道勤劳街3号院", "五里堡街道瑞光片区", "福华街街道航海小区"]),
    ("陇海路沿线逐一", ["陇海路"]),
    ("位于青山县凤凰山的抗战胜利纪念碑广场", ["抗战胜利纪念碑广场"]),  # written for the test
    ("北京", []),
    ("江西省", []),
])
def test_places(phrase, places):
    assert F.places(phrase) == places


@pytest.mark.parametrize("line,names", [
    ("记者 张改华", [("记者", "张改华")]),
    ("通讯员 左学彬 周祎", [("通讯员", "左学彬"), ("通讯员", "周祎")]),
    ("记者 杜文静 通讯员彭永刚", [("记者", "杜文静"), ("通讯员", "彭永刚")]),  # written for the test
])
def test_byline_names(line, names):
    assert F.byline_names(line) == names


# ---------------------------------------------------------------- relations, through the pipeline
@pytest.mark.parametrize("text,expected", [
    ("本报讯 11月28日，二七区召开村（社区）“两委”换届工作推进会。会议由区委副书记时博主持，区委书记陈红民出席并讲话。",
     {("时博", "CHAIRED", "村（社区）“两委”换届工作推进会"), ("陈红民", "ATTENDED", "村（社区）“两委”换届工作推进会"),
      ("陈红民", "SPOKE_AT", "村（社区）“两委”换届工作推进会"), ("村（社区）“两委”换届工作推进会", "HELD_ON", "--11-28"),
      ("村（社区）“两委”换届工作推进会", "CONCERNS", "换届"), ("时博", "HOLDS", "区委副书记")}),
    # a bare later name and 他 resolve to the titled first mention
    ("本报讯 11月20日，二七区委政协工作会议召开。区委书记陈红民肯定了区政协工作开展情况。他表示，要把握新时代新使命。",
     {("陈红民", "SPOKE_AT", "二七区委政协工作会议"), ("二七区委政协工作会议", "CONCERNS", "政协工作")}),
    # 分别召开 pairs meetings with their days; a generic 工作推进会 resolves by the day
    ("11月18日、25日，二七区分别召开老旧小区改造工作调研推进会、改进城市管理和道路综合改造工作推进会。\n"
     "11月25日，陈红民带队深入陇海路沿线逐一察看沿街建筑外立面。在随后召开的工作推进会上，陈红民表示，要畅通沟通渠道。",
     {("老旧小区改造工作调研推进会", "HELD_ON", "--11-18"), ("改进城市管理和道路综合改造工作推进会", "HELD_ON", "--11-25"),
      ("陈红民", "INSPECTED", "陇海路"), ("陈红民", "SPOKE_AT", "改进城市管理和道路综合改造工作推进会")}),
])
def test_relations_on_erqi(triples_of, text, expected):
    got = triples_of("区委书记陈红民到会。\n" + text if "陈红民带队" in text else text)
    assert expected <= got


def test_speaking_during_an_inspection_is_not_speaking_at_a_meeting(triples_of):
    # written for the test: 考察时强调 with no meeting, and the city toured is no site
    got = triples_of("省委书记唐振华近日在云川市考察全民运动会筹办工作时强调，要坚定信心。")
    assert not any(p in ("SPOKE_AT", "ATTENDED") for _, p, _ in got)
    assert not any(p == "INSPECTED" and o == "云川市" for _, p, o in got)


def test_national_news_style(triples_of):
    # written for the test in the style of national news: a day-only date, a chain of posts,
    # two officials who 发了言 (the second with a bare 市长), a bare name that 参加
    text = ("11日，省委副书记、省长郑国栋在云川主持召开经济形势部分市县政府主要负责人座谈会。\n"
            "云川市委书记林建华、市长何志明发了言。\n周斌参加。")
    got = triples_of(text, date="2022-04-11")
    m = "经济形势部分市县政府主要负责人座谈会"
    assert {("郑国栋", "CHAIRED", m), ("林建华", "SPOKE_AT", m), ("何志明", "SPOKE_AT", m), ("周斌", "ATTENDED", m),
            (m, "HELD_ON", "2022-04-11"), ("何志明", "HOLDS", "市长")} <= got


# Byline conventions of county papers and government sites: the forms are those of stored county
# pages; the sentences, names and places are written for the test.
@pytest.mark.parametrize("text,names", [
    ("区领导调研背街小巷整治工作\n\n来源:本站原创 作者:刘晓燕 发布时间:2019年04月16日\n\n16日上午,区长高志远调研。", {"刘晓燕"}),
    ("青山区召开会议\n\n本网讯刘晓燕报道:3月12日,青山区召开安全生产会议。", {"刘晓燕"}),
    ("标题\n\n会议召开。\n\n当天,各级干部深入一线。(东城记者站孙佳琪何文)", {"孙佳琪", "何文"}),
    ("县长主持召开专题会议。\n县直有关部门负责人参加会议。 (孙佳琪 何文)", {"孙佳琪", "何文"}),
    ("标题\n\n本报讯 4月9日,检查组到我县检查。\n\n刘 晓燕", {"刘晓燕"}),
    ("区政协主席出席活动。 全媒体记者:孙佳琪 何文", {"孙佳琪", "何文"}),
])
def test_byline_conventions(triples_of, text, names):
    from govkg.extract.read import Document
    got = {s for s, p, _ in triples_of(text) if p == "REPORTED"}
    assert got == names


@pytest.mark.parametrize("text", [
    "记者从会上获悉，全区换届工作进展顺利。",
    "他接受记者采访时表示，要抓好落实。",
])
def test_reporters_in_the_story_are_not_bylines(triples_of, text):
    assert not any(p == "REPORTED" for _, p, _ in triples_of(text))


def test_work_report_meeting(triples_of):
    # written for the test: a 工作汇报 heard is a meeting; those who 作了汇报 spoke at it
    text = ("11月6日上午，郑国栋在云川市听取云川国际陆港建设工作汇报。"
            "省发展改革委主任彭志强、云川市委书记林涛作了汇报。")
    got = triples_of(text, date="2025-11-06")
    m = "云川国际陆港建设工作汇报"
    assert {("彭志强", "SPOKE_AT", m), ("林涛", "SPOKE_AT", m), (m, "HELD_ON", "2025-11-06"),
            (m, "CONCERNS", "云川国际陆港建设")} <= got


def test_briefing_on_a_visit_is_not_a_meeting(triples_of):
    # written for the test: a 工作汇报 heard at a village during a visit
    got = triples_of("24日上午，唐振华来到云川市青石区柳河镇李家庄村，听取村里秋粮收购工作汇报，询问玉米收成情况。",
                     date="2026-06-24")
    assert not any(p in ("SPOKE_AT", "HELD_ON") for _, p, _ in got)
    assert ("唐振华", "INSPECTED", "云川市青石区柳河镇李家庄村") in got or \
        not any(p == "INSPECTED" for _, p, _ in got)


@pytest.mark.parametrize("text,expected,absent", [
    # written for the test: a name before its post; 学习贯彻总书记 is no name
    ("5日下午，郑国栋市长在参加他所在的市十六届人大三次会议东城代表团审议时强调，要完成目标任务。\n"
     "代表们纷纷表示，会后要认真学习贯彻总书记重要指示精神。",
     {("郑国栋", "HOLDS", "市长"), ("郑国栋", "SPOKE_AT", "市十六届人大三次会议东城代表团审议")},
     {("习贯彻", "HOLDS", "总书记")}),
    # written for the test: 重要讲话 is a noun, not speaking
    ("省委常委、云川市委书记林涛在参加云川代表团审议时表示，完全赞同省政府工作报告。"
     "全市上下要把唐振华书记视察云川时的重要讲话精神落到实处。",
     {("林涛", "SPOKE_AT", "云川代表团审议"), ("林涛", "ATTENDED", "云川代表团审议")},
     {("唐振华", "SPOKE_AT", "云川代表团审议")}),
])
def test_national_news_names_and_nouns(triples_of, text, expected, absent):
    got = triples_of(text)
    assert expected <= got and not (absent & got)


def test_a_tour_visits_sites(triples_of):
    # written for the test: the sites of a tour, not the county it tours
    text = ("市委书记、市人大常委会主任唐振华近日在青山县考察时强调，青山县要认真落实战略部署。\n"
            "7日下午，唐振华来到位于青山县凤凰山的抗战胜利纪念碑广场，瞻仰纪念碑并敬献花篮。"
            "随后，他参观了抗战胜利纪念馆展陈。当天下午，唐振华到青山阀门股份有限公司进行了考察。")
    got = {o for s, p, o in triples_of(text, date="2025-07-08") if p == "INSPECTED" and s == "唐振华"}
    assert {"抗战胜利纪念碑广场", "抗战胜利纪念馆", "青山阀门股份有限公司"} <= got
    assert "青山县" not in got


def test_campaigns_deployed_at_a_meeting(triples_of):
    # written for the test, after the pattern of a county-paper report: work deployed in a list
    text = ("4月12日上午，青山区召开农村人居环境整治提升动员会。区长高志远主持会议。"
            "高志远要求，全区各级各部门要压实责任。同时，他还对持续做好“双创”、乡村振兴、“两违”整治等工作进行了部署。")
    got = {o for s, p, o in triples_of(text) if p == "CONCERNS"}
    assert {"“双创”", "乡村振兴", "“两违”整治", "农村人居环境整治"} <= got


@pytest.mark.parametrize("sentence,name,posts", [
    # a post before a comma (written for the test, after the pattern of a city news item)
    ("3月15日，云川市政协副主席，青山区委书记罗志勇率队到滨河路调研。", "罗志勇", ["云川市政协副主席", "青山区委书记"]),
    # but a comma after a name starts someone else's chain (written for the test)
    ("区委书记罗志勇，区委副书记、区长高志远出席会议。", "高志远", ["区委副书记", "区长"]),
    # posts with brackets and quotes inside (written for the test, after a county-paper pattern)
    ("县委书记、农村（社区）“厕所革命”工作领导小组组长罗志勇主持召开会议。", "罗志勇",
     ["县委书记", "农村（社区）“厕所革命”工作领导小组组长"]),
])
def test_post_chains_across_commas_and_quotes(sentence, name, posts):
    people = {p.name: [x[0] for x in p.posts] for p in F.titled_people(sentence)}
    assert people.get(name) == posts


def test_officials_listed_with_commas_all_attend(triples_of):
    # written for the test, after the pattern of a district report: officials listed with commas
    text = ("3月9日，县委召开十四届常务委员会第57次会议，县委书记罗志勇，县委副书记、县长高志远，"
            "县委常委刘海燕、孙志刚出席会议，县人大常委会主任韩冰列席会议。")
    got = triples_of(text)
    m = "十四届常务委员会第57次会议"
    assert {(p, "ATTENDED", m) for p in ("罗志勇", "高志远", "刘海燕", "孙志刚", "韩冰")} <= got
    assert (m, "HELD_ON", "--03-09") in got
    assert not any(p == "CONCERNS" for _, p, _ in got)


def test_headline_and_body_names_of_one_meeting(triples_of):
    # written for the test: the headline names the meeting more fully; 湖南省长 (a province and a
    # post) is no name
    text = ("16日，国务院副总理郑国栋在长沙主持召开经济强省政府主要负责人座谈会。"
            "湖南省委书记林涛和湖南省长发了言。\n周斌参加。")
    got = triples_of(text, title="郑国栋主持召开经济强省政府主要负责人经济形势座谈会", date="2022-08-16")
    m = "经济强省政府主要负责人经济形势座谈会"
    assert {("郑国栋", "CHAIRED", m), ("林涛", "SPOKE_AT", m), ("周斌", "ATTENDED", m), (m, "HELD_ON", "2022-08-16")} <= got
    assert not any(o == "经济强省政府主要负责人座谈会" for _, _, o in got)


@pytest.mark.parametrize("text,absent", [
    # written for the test: taking part in a 汇报会 is not speaking
    ("市委书记林涛作了汇报，市长何志明等参加汇报会。", ("何志明", "SPOKE_AT")),
    # written for the test: 集成电路 is no site
    ("孔令辉详细了解企业研发情况，察看新材料、集成电路、高端装备等领域创新成果。", ("孔令辉", "INSPECTED")),
])
def test_false_friends(triples_of, text, absent):
    got = triples_of("省委常委、副省长孔令辉在云川市调研。" + text)
    assert not any((s, p) == absent for s, p, _ in got)


def test_former_post_marker(triples_of):
    # written for the test: 时任 marks a former post, which is still held by the person
    got = triples_of("2012年6月3日，时任青山县委书记唐振华在柳河村考察时首次提出“把荒山变成花果山”。")
    assert ("唐振华", "HOLDS", "青山县委书记") in got


def test_headline_with_chinese_numeral_year_names_the_same_meeting(triples_of):
    # written for the test, after the pattern of a district report: the headline writes the year
    # in Chinese numerals, the body in digits
    text = "2月3日，2021年旅外青山籍企业家座谈会召开。县委书记罗志勇出席并讲话。"
    got = triples_of(text, title="二〇二一年旅外青山籍企业家座谈会召开")
    m = "2021年旅外青山籍企业家座谈会"
    assert {("罗志勇", "ATTENDED", m), ("罗志勇", "SPOKE_AT", m), (m, "HELD_ON", "--02-03")} <= got
    assert not any("二〇二一" in o or "二〇二一" in s for s, _, o in got)


def test_reports_heard_by_a_meeting_and_a_leading_byline(triples_of):
    # written for the test, in the layout of a district paper's item: headline, a ■byline line,
    # then the body; the second report heard pairs two works with 和
    text = ("县政府常务会议召开\n■刘晓燕\n5月14日，县政府第23次常务会议召开。县委副书记、县长高志远主持。\n"
            "会议听取了关于全县项目建设工作情况的汇报。\n会议听取了关于全县“四好农村路”建设和地质灾害防治工作情况的汇报。")
    got = triples_of(text)
    m = "县政府第23次常务会议"
    assert {("高志远", "CHAIRED", m), (m, "CONCERNS", "项目建设"), (m, "CONCERNS", "地质灾害防治"),
            ("刘晓燕", "REPORTED", "县政府常务会议召开")} <= got


@pytest.mark.parametrize("sentence,name,post", [
    # written for the test: a dotted transliterated name after an international post
    ("仪式上，国际青年体育联合会代理主席马克·维尔纳发表视频致辞。", "马克·维尔纳", "国际青年体育联合会代理主席"),
    # 与 ends a chain of posts, so only the tail of this organisation's name is kept (a known gap)
    ("国际农业合作与发展协会秘书长诺伊曼通过视频方式致辞。", "诺伊曼", "发展协会秘书长"),
])
def test_foreign_names_after_international_posts(sentence, name, post):
    people = {p.name: [x[0] for x in p.posts] for p in F.titled_people(sentence)}
    assert people.get(name) == [post]


def test_letters_and_past_visits_are_not_taking_part(triples_of):
    # written for the test: 先后五次参加 is history, not this meeting
    text = ("5日下午，郑国栋市长在参加市十六届人大三次会议东城代表团审议时强调，要完成目标任务。\n"
            "近年来，郑国栋市长先后五次参加东城代表团审议。")
    got = triples_of(text)
    assert ("郑国栋", "ATTENDED", "东城代表团审议") not in got
    assert ("郑国栋", "ATTENDED", "市十六届人大三次会议东城代表团审议") in got


@pytest.mark.parametrize("text,absent", [
    # written for the test: the leader who 听取 a report is not reporting
    ("24日上午，省委书记唐振华在云川市听取了云川市委和市政府工作汇报，充分肯定云川近年来的发展成效。",
     ("唐振华", "SPOKE_AT")),
    # written for the test: a doctrine named after a person (the doctrine's own name kept) is not
    # the person speaking
    ("省委书记唐振华出席开幕式。唐振华强调，要以习近平新时代中国特色社会主义思想为指导，坚持守正创新。",
     ("习近平", "SPOKE_AT")),
    # written for the test: the object of 学习贯彻 is not who lectures
    ("市委宣讲团成员、市住房城乡建设局局长钟岚11月5日在青山县作宣讲报告。"
     "钟岚围绕学习贯彻唐振华书记在市委全会上的重要讲话精神，结合住房城乡建设工作作了深入宣讲。",
     ("唐振华", "SPOKE_AT")),
])
def test_people_who_are_not_speaking(triples_of, text, absent):
    got = triples_of(text)
    assert not any((s, p) == absent for s, p, _ in got)
