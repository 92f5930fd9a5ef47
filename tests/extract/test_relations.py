"""Relations (govkg.extract.relations): each sentence looks only at its own meetings for a cited
speech, not at all the article's (linear time; measured by bench/scaling_bench.py, not here)."""

BODY = ("11月18日，青山区召开老旧小区改造工作推进会。区委书记李明远主持会议并讲话。"
        "区委常委、组织部长周建国通报全区换届工作总体推进情况。会议要求各单位抓好落实。")
CITED = "李明远在全区经济工作会议上的讲话指出，要抓好落实。"


def test_cited_speech_found_in_its_sentence(learned_triples_of):
    """The speech cited in the fifth sentence, with another meeting in the first."""
    got = learned_triples_of(BODY + CITED)
    assert ("李明远", "SPOKE_AT", "全区经济工作会议") in got
    assert ("李明远", "CHAIRED", "老旧小区改造工作推进会") in got
