"""Pages written for the tests (a county paper, 长兴, May 2023)."""

#: the page of issue 9: masthead, date line, editor credits, four articles with bylines in a
#: bracket, under a headline (a spaced name), and at the end of a line before the next headline
CHANGXING = """长兴新闻
2023年5月12日 星期五
责任编辑：吴敏  版式：张帆

县委常委会召开会议研究部署防汛工作
本报讯（记者 周海燕 通讯员 金立）5月11日，县委书记王建华主持召开县委常委会会议，传达学习省委有关会议精神，研究部署全县防汛工作。
会议强调，要压紧压实防汛责任，加强隐患排查，确保全县安全度汛。县委副书记、县长李明出席会议并讲话。
全县招商引资推进会召开
本报记者 徐 静
5月10日，全县招商引资推进会召开。县委副书记、县长李明出席会议并讲话。会议要求，要抓项目、优服务，推动招商引资工作提质增效。
县领导检查防汛备汛工作
昨天，县委副书记孙伟带队检查防汛备汛工作，先后察看了合溪水库、西苕溪堤防。孙伟要求，要落实落细各项措施，确保全县安全度汛。 记者 陆佳
长兴召开乡村振兴工作座谈会
5月9日，长兴召开乡村振兴工作座谈会。副县长赵敏主持会议。
图为座谈会现场。 通讯员 金立 摄
"""
