"""Speech metadata (metadata.py): title, speaker, meeting, masks, publication
date, level, jurisdiction, year. Sentences are written for these tests in the
corpus style; each rule family has cases that must and must not fire."""
from __future__ import annotations

import datetime as dt

import pytest

from jianghua.metadata import (admin_level, clean_title, describe_speech, file_name_title, find_meeting,
                               masked_count, published_date, speaker_title)
from jianghua.script import to_simplified


def describe(title: str | None, body: str, furniture: list[str] | None = None, hant: bool = False,
             source_file: str | None = None) -> dict:
    simplified = to_simplified(body, "hant") if hant else body
    return describe_speech(title, body, simplified, furniture or [], source_file)


def _gazetteer_ready() -> bool:
    try:
        from jianghua import places
        places.place_matcher()
        return True
    except Exception:
        return False


needs_gazetteer = pytest.mark.skipif(not _gazetteer_ready(), reason="places.py gazetteer data not available")


# ---------------------------------------------------------------- title
@pytest.mark.parametrize("raw, clean", [
    ("第一篇：在全县项目建设推进会上的讲话[大全]", "在全县项目建设推进会上的讲话"),
    ("篇二：在重点工作调度会上的讲话", "在重点工作调度会上的讲话"),
    ("第三篇：,,县政府重点工作推进会上讲话（通用）", "县政府重点工作推进会上讲话"),
    ("2022年區委全會上的講話(兩篇)", "2022年區委全會上的講話"),
    ("在全市招商引资大会上的讲话【精选】", "在全市招商引资大会上的讲话"),
    # a bracket holding real words stays
    ("在全区安全生产（防汛）工作会议上的讲话", "在全区安全生产（防汛）工作会议上的讲话"),
])
def test_clean_title(raw, clean):
    assert clean_title(raw) == clean


# ---------------------------------------------------------------- speaker and meeting
@pytest.mark.parametrize("title, office", [
    ("市委书记在全市乡村振兴工作会议上的讲话", "市委书记"),
    ("县长在全县经济运行分析会上的讲话", "县长"),
    ("2022年区委副书记、区长在区政府全体会议上的讲话", "区长"),
    ("常务副市长王某某在全市财税工作会议上的讲话", "常务副市长"),
    ("市长XX在市政府第五次常务会议上的讲话", "市长"),
    # no office before the meeting: the 市长 of 市长办公会议 is not the speaker
    ("在市长办公会议上的讲话", None),
    ("在区委经济工作会议上的讲话", None),
    ("在全县项目观摩点评会上的讲话", None),
])
def test_speaker_title(title, office):
    assert speaker_title(title) == office


def test_speaker_title_of_a_traditional_title_is_simplified():
    assert describe("縣長在全縣招商引資工作會議上的講話", "同志們：\n今天我們召開會議。", hant=True)["speaker_title"] == "县长"


@pytest.mark.parametrize("title, meeting", [
    ("市委书记在全市统筹推进城乡建设工作视频会议上的讲话", "全市统筹推进城乡建设工作视频会议"),
    ("2019年县长在经济运行调度暨项目推进会上讲话", "经济运行调度暨项目推进会"),
    ("在2021年全区经济工作部署会上的讲话提纲", "2021年全区经济工作部署会"),
])
def test_meeting_from_title(title, meeting):
    assert find_meeting(title, title, "", "") == meeting


def test_meeting_from_opening_when_the_title_names_none():
    body = "同志们：\n今天我们召开全县重点项目调度会，主要任务是查找问题。"
    assert find_meeting("讲话稿", "讲话稿", body, body) == "全县重点项目调度会"
    assert find_meeting("讲话稿", "讲话稿", "同志们：\n下面我讲三点意见。", "同志们：\n下面我讲三点意见。") is None
    body = "同志们：\n县政府召开这次重点工作推进会，主要任务是部署后四个月工作。"
    assert find_meeting("讲话稿", "讲话稿", body, body) == "重点工作推进会"
    # a meeting the opening recalls is not the one the speech is given at
    body = "各位代表：\n过去一年，市委召开六届五次全会，明确了发展思路。"
    assert find_meeting("政府工作报告", "政府工作报告", body, body) is None


def test_meeting_keeps_the_titles_script():
    d = describe("在縣委經濟工作會議上的講話", "同志們：\n下面我講幾點意見。", hant=True)
    assert d["meeting"] == "縣委經濟工作會議"


# ---------------------------------------------------------------- masks
@pytest.mark.parametrize("text, n", [
    ("全县生产总值增长X%，税收X.X亿元。", 2),        # X and X.X: one each
    ("XX县、XX县和XX市完成投资", 3),
    ("刚才，**同志作了部署，***局要抓好落实。", 2),  # a run counts once
    ("新华社xx分社社长来调研，增长x%。", 2),        # lower-case masks count
    ("X-X月份累计完成X亿元", 3),
    ("201X年考核结果排名第X位", 2),
    ("人均GDP较低，Excel表格要报送，Xbox除外。", 0),  # letters of Latin words
    ("面积3×5米的展台", 0),                          # multiplication sign
    ("医院新购X光机一台", 0),                        # listed Latin-letter term
    ("全县没有任何掩码。", 0),
])
def test_masked_count(text, n):
    assert masked_count(text) == n


# ---------------------------------------------------------------- publication date
@pytest.mark.parametrize("lines, date", [
    (["发布时间:2022-09-13 08:12:45"], dt.date(2022, 9, 13)),
    (["下面是小编整理的讲话", "發佈時間：2021年5月6日"], dt.date(2021, 5, 6)),
    (["时间：2019/11/02"], dt.date(2019, 11, 2)),
    (["推荐访问:", "版权所有 2005-2024"], None),
    ([], None),
])
def test_published_date(lines, date):
    assert published_date(lines) == date


# ---------------------------------------------------------------- level
@pytest.mark.parametrize("title, body, level", [
    ("在重点工作推进会上的讲话", "我县今年财政收入稳步增长，全县上下要齐心协力，县委县政府高度重视。", "county"),
    ("在重点工作推进会上的讲话", "各县（市、区）要抓紧落实，我市工业增速居全省前列，全市上下要再加力。", "prefecture"),
    ("在重点工作推进会上的讲话", "各乡镇要压实责任，区委区政府将定期调度，我区要争先进位。", "county"),
    ("在重点工作推进会上的讲话", "全州各级各部门要对标对表，我州脱贫人口持续增收。", "prefecture"),
    # the speaker's office in the title settles it, whatever the text quotes
    ("县委书记在全县工作会议上的讲话", "全市平均水平以上，全市排名第二。", "county"),
    # an organ in the title
    ("在区委经济工作会议上的讲话", "下面我讲几点意见。", "county"),
    # an autonomous region's 全区 is the region
    ("政府工作报告", "在自治区党委的坚强领导下，自治区人民政府扎实工作，全区上下团结奋斗，全区经济稳步增长。",
     "province"),
    ("致辞", "谢谢大家。", "unknown"),
])
def test_admin_level(title, body, level):
    assert describe(title, body)["admin_level"] == level


def test_admin_level_noun():
    assert admin_level("在重点工作推进会上的讲话", "我州经济稳中向好，全州上下要努力。", None) == ("prefecture", "州")


# ---------------------------------------------------------------- jurisdiction
@needs_gazetteer
def test_jurisdiction_named_by_the_speaker():
    body = ("今年以来，我区经济稳中有进。这些成绩证明了我们铁西区有一支能打硬仗的队伍。"
            "全区上下要围绕沈阳现代化都市圈建设，推动铁西高质量发展。")
    d = describe("在区委全会上的讲话", body)
    assert (d["admin_level"], d["jurisdiction"]) == ("county", "铁西区")


@needs_gazetteer
def test_jurisdiction_from_a_bare_prefecture_name():
    body = ("我市要发挥洛阳区位优势，以洛阳发展为重，全市上下要抓好落实。"
            "各县（市、区）要对标先进，洛阳和全省一样面临压力。")
    assert describe("在市政府常务会议上的讲话", body)["jurisdiction"] == "洛阳市"


@needs_gazetteer
def test_no_jurisdiction_from_subordinate_units_or_neighbours():
    # the counties are listed as subordinates; the city itself is never named
    body = ("我市各县市区进展不一，孟津区、新安县、宜阳县、嵩县要加快进度。"
            "要学习郑州经验，加快建设至开封的城际铁路。全市上下要再加力。")
    assert describe("在市政府常务会议上的讲话", body)["jurisdiction"] is None


@needs_gazetteer
def test_no_jurisdiction_of_the_wrong_kind():
    # the speech says 我市, the region it names is a 州: not its own government
    body = "湘西经开区要加快发展，推介好湘西项目，湘西特色产业对我市很重要，全市上下要努力。"
    assert describe("市长在市政府常务会议上的讲话", body)["jurisdiction"] is None


def test_masked_jurisdiction_is_none():
    body = "要充分发挥XX区位优势，以XX发展为重，我市各级要抓好落实。"
    assert describe("在市政府常务会议上的讲话", body)["jurisdiction"] is None


# ---------------------------------------------------------------- year
def test_year_from_dated_events_outranks_a_rewritten_title_year():
    body = ("同志们：\n今年以来，面对突如其来的新冠肺炎疫情，全县上下积极推动复工复产。"
            "要打赢脱贫攻坚收官战，做好第七次全国人口普查。")
    d = describe("县长在2024年重点工作推进会上的讲话", body)
    assert d["year"] == 2020
    assert "突如其来的新冠肺炎疫情" in d["year_evidence"]
    assert "2024年" in d["year_conflict"]


def test_planned_year_of_a_year_end_meeting_is_the_year_before():
    body = ("一年来，全区经济稳中有进。预计到年末，地区生产总值增长4%。"
            "2021年是“十四五”开局之年，做好明年工作意义重大。明年的各项工作任务已经明确。")
    d = describe("2021年区委经济工作会议上的讲话", body)
    assert d["year"] == 2020
    assert d["year_conflict"] is None  # the title's 2021 is the year it plans for


def test_planned_year_of_a_meeting_opening_the_year():
    body = "过去一年，全区上下团结奋斗。今年是“十四五”开局之年，今年经济社会发展的主要预期目标是增长6%。"
    assert describe("在区政府全体会议上的讲话", body)["year"] == 2021


def test_twentieth_congress_still_ahead():
    body = "疫情要防住、经济要稳住、发展要安全。全力打好上半年收官战，以优异成绩迎接党的二十大胜利召开！"
    d = describe("2023年市长在经济运行分析会上讲话", body, ["发布时间:2023-03-03 12:00:21"])
    assert d["year"] == 2022
    assert d["published_date"] == dt.date(2023, 3, 3)
    assert "2023年" in d["year_conflict"]


def test_dateline_of_a_report():
    body = "——2019年1月20日在县第十八届人民代表大会第三次会议上\n各位代表：\n现在，我代表县人民政府作报告。"
    assert describe("政府工作报告", body)["year"] == 2019


def test_a_year_in_the_text_contradicting_the_events_is_flagged_but_future_years_are_not():
    body = ("今年以来，面对突如其来的新冠肺炎疫情，全市积极推动复工复产，打赢脱贫攻坚收官战。"
            "省政府出台了2024年全省督查激励措施。到2025年，全市要建成现代物流体系，完成时限是2023年。")
    d = describe("在市政府全体会议上的讲话", body)
    assert d["year"] == 2020
    assert "2024年全省督查激励" in d["year_conflict"]
    assert "2025" not in d["year_conflict"] and "2023" not in d["year_conflict"]


def test_weak_evidence_gives_no_year():
    # 复工复产 alone (weight 1) is not enough; bounds alone never give a year
    assert describe("在项目推进会上的讲话", "要抓好复工复产，统筹疫情防控。")["year"] is None
    assert describe("在项目推进会上的讲话", "下面我讲几点意见。")["year"] is None


def test_title_year_counts_only_when_nothing_contradicts_it():
    d = describe("在2019年全县经济工作会议上的讲话", "下面我讲几点意见。要抓好项目建设。")
    assert d["year"] == 2019 and d["year_evidence"].startswith("标题：") and "2019年" in d["year_evidence"]
    # the text speaks of epidemic control as current work: 2019 is impossible
    assert describe("在2019年全县经济工作会议上的讲话", "要统筹疫情防控和经济社会发展。")["year"] is None
    # the page was published before the year in its title
    assert describe("在2024年全县经济工作会议上的讲话", "要抓好项目建设。", ["发布时间:2022-01-05"])["year"] is None


def test_title_copies_that_disagree_give_no_year_and_a_conflict():
    d = describe("2023年县长在工作会议上讲话", "要抓好项目建设。",
                 ["下面是小编为大家整理的2022年县长在工作会议上讲话,供大家参考。"])
    assert d["year"] is None
    assert "2023年" in d["year_conflict"] and "2022年" in d["year_conflict"]


def test_traditional_speech_year_evidence_keeps_its_script():
    body = "今年以來，面對突如其來的新冠肺炎疫情，全縣上下推動復工復產。"
    d = describe("在全縣工作會議上的講話", body, hant=True)
    assert d["year"] == 2020
    assert "突如其來" in d["year_evidence"]


def test_describe_speech_returns_exactly_the_contract_keys():
    d = describe("第一篇：县长在全县工作会议上的讲话[大全]", "同志们：\n我县要抓好落实。")
    assert set(d) == {"title", "year", "year_evidence", "year_conflict", "published_date", "admin_level",
                      "jurisdiction", "speaker_title", "meeting", "masked_count"}
    assert d["title"] == "县长在全县工作会议上的讲话"


# ---------------------------------------------------------------- year: reports looking back
def test_report_of_a_year_reviews_the_year_before():
    # a work report given in 2026: its first part looks back on 2025
    body = ("各位代表：\n现在，我代表省人民政府向大会报告工作，请予审议。\n一、2025年工作回顾\n"
            "2025年是“十四五”收官之年。一年来，全省经济稳中有进，地区生产总值增长5%。\n"
            "二、2026年重点工作\n今年是“十五五”开局之年，做好今年工作意义重大。")
    d = describe("2026年某省政府工作报告", body)
    assert d["year"] == 2026
    assert d["year_conflict"] is None


def test_unnumbered_review_heading_glued_to_its_paragraph():
    body = ("各位代表：\n2024年工作回顾过去一年，是实现“十四五”规划目标任务的关键一年，全省上下攻坚克难。\n"
            "2025年工作安排今年是“十四五”规划收官之年，要做好各项工作。")
    assert describe("政府工作报告", body)["year"] == 2025


def test_events_recalled_in_a_review_of_five_years_do_not_date_the_report():
    body = ("一、过去五年工作回顾\n五年来，我们面对突如其来的新冠疫情，坚持统筹疫情防控和经济社会发展，"
            "打赢脱贫攻坚收官战，开展第七次全国人口普查。\n"
            "二、2023年主要任务\n2023年是全面贯彻落实党的二十大精神的开局之年。")
    d = describe("政府工作报告", body)
    assert d["year"] == 2023


def test_epidemic_control_recalled_in_a_review_is_no_bound():
    body = ("一、2023年工作回顾\n过去一年，我们高效统筹疫情防控和经济社会发展，新冠疫情防控实现平稳转段。\n"
            "二、2024年主要任务\n要抓好项目建设。")
    assert describe("政府工作报告", body)["year"] == 2024
    # spoken of as work still to do, it bounds the year: a title year 2024 is impossible
    assert describe("在2024年全县工作会议上的讲话", "要慎终如始抓好常态化疫情防控。")["year"] is None


def test_title_year_of_a_report_looking_back_on_the_year_before():
    # no headings: the events say 2025, the title 2026, and the text looks back on a year just past
    body = "过去一年，全市上下团结奋斗。2025年是“十四五”收官之年，我们实现了“十四五”圆满收官。"
    d = describe("2026年市政府工作报告", body)
    assert d["year"] == 2026 and d["year_evidence"].startswith("标题：")
    # without a look back, a title one year after the events is a rewritten year
    body = "全力打好上半年收官战，以优异成绩迎接党的二十大胜利召开！疫情要防住、经济要稳住、发展要安全。"
    assert describe("2023年市长在经济运行分析会上讲话", body)["year"] == 2022


def test_review_at_a_year_end_meeting_is_of_its_own_year():
    body = ("一、2020年工作回顾\n今年以来，面对突如其来的新冠肺炎疫情，全区积极推动复工复产。预计全年地区生产总值增长3%。\n"
            "二、明年工作安排\n2021年是“十四五”开局之年，做好明年经济工作意义重大。")
    assert describe("在区委经济工作会议上的讲话", body)["year"] == 2020


def test_review_of_the_first_half_is_of_the_speakers_own_year():
    body = ("一、上半年工作回顾\n今年以来，面对突如其来的新冠肺炎疫情，全市积极推动复工复产，打赢脱贫攻坚收官战。\n"
            "二、下半年重点工作\n要抓好项目建设。")
    assert describe("在市政府全体会议上的讲话", body)["year"] == 2020


def test_years_written_with_full_width_digits_or_chinese_numerals():
    body = "各位代表：\n一、１９９３年国内工作的回顾\n过去的一年，全国各族人民团结奋斗。\n二、保持经济持续增长"
    assert describe("政府工作报告", body)["year"] == 1994
    body = "各位代表：\n刚刚过去的一九八四年，是取得伟大成就的一年。"
    assert describe("政府工作报告", body)["year"] == 1985


def test_events_of_2019():
    body = ("前不久，中办印发通知，将今年确定为“基层减负年”。最近，外来物种“草地贪夜蛾”的入侵蔓延，"
            "给玉米生长造成危害。受更大规模减税降费政策影响，财政增收困难。")
    d = describe("在市政府重点工作推进会议上的讲话", body)
    assert d["year"] == 2019 and "基层减负年" in d["year_evidence"]


# ---------------------------------------------------------------- level: the central government
@needs_gazetteer
def test_state_council_report_is_national_whatever_places_it_names():
    body = ("各位代表：\n现在，我代表国务院，向大会报告政府工作，请予审议。\n"
            "全国各省区市要抓好落实，北京市、上海市要走在前列，各地市要加大力度，我市经验值得推广。")
    d = describe("政府工作报告", body)
    assert (d["admin_level"], d["jurisdiction"]) == ("national", "中国")
    # a provincial report quoting 国务院 later on is still the province's
    body = "各位代表：\n现在，我代表省人民政府向大会报告工作。\n要落实国务院部署，我省经济稳中向好，全省上下团结奋斗。"
    assert describe("政府工作报告", body)["admin_level"] == "province"


def test_autonomous_region_in_the_title_is_a_province():
    body = "各位代表：\n全区上下团结奋斗，我区经济稳中向好，各盟市要抓好落实。"
    assert describe("2026年内蒙古自治区政府工作报告", body)["admin_level"] == "province"
    assert describe("在区委经济工作会议上的讲话", "下面我讲几点意见。")["admin_level"] == "county"


@pytest.mark.parametrize("opening", [
    "各位代表：\n我受中共中央和国务院的委托，向大会作关于农业发展纲要执行情况的报告。",
    "各位代表！\n根据中共中央的决定，我代表国务院，向第四届全国人民代表大会作政府工作报告。",
    "各位代表：\n中华人民共和国国务院向第一届全国人民代表大会第二次会议提出关于五年计划的议案。",
    "各位代表：\n我們第一届全國人民代表大會第一次會議通過了憲法。現在，我代表中央人民政府作工作報告。",
])
def test_openings_of_state_council_reports_are_national(opening):
    body = opening + "\n全国各族人民团结奋斗，我省、我市都要抓好落实。"
    hant = "們" in opening
    d = describe(None, body, hant=hant)
    assert (d["admin_level"], d["jurisdiction"]) == ("national", "中国")


def test_a_title_naming_the_state_councils_report_is_national():
    d = describe(None, "各位代表：\n过去一年，全国上下团结奋斗。", source_file="2019_2019年中华人民共和国国务院政府工作报告.txt")
    assert d["admin_level"] == "national"
    # a provincial report opens with its own government
    body = "各位代表：\n现在，我代表省人民政府向大会报告工作。\n要落实国务院部署，全省上下团结奋斗。"
    assert describe(None, body, source_file="2026_江苏省_政府工作报告.txt")["admin_level"] == "province"
    # a title about the report is no report of the State Council
    body = "同志们：\n今天我们召开全县大会，学习贯彻国务院政府工作报告精神。全县上下要抓好落实，县委县政府高度重视。"
    assert describe("在全县学习国务院政府工作报告精神大会上的讲话", body)["admin_level"] == "county"


@needs_gazetteer
@pytest.mark.parametrize("short, official", [
    ("广西", "广西壮族自治区"), ("内蒙古", "内蒙古自治区"), ("宁夏", "宁夏回族自治区"),
])
def test_an_autonomous_region_named_by_its_short_name_gets_its_full_name(short, official):
    body = (f"各位代表：\n现在，我代表自治区人民政府向大会报告工作。在自治区党委坚强领导下，全区上下团结奋斗，"
            f"{short}经济稳中向好，推动{short}高质量发展，我们{short}各族人民团结一心。")
    d = describe("政府工作报告", body)
    assert (d["admin_level"], d["jurisdiction"]) == ("province", official)


# ---------------------------------------------------------------- title: none in the file
@pytest.mark.parametrize("source_file, title", [
    ("reports/2026_上海市_政府工作报告.txt", "2026年上海市政府工作报告"),
    ("2025年浙江省政府工作报告.txt", "2025年浙江省政府工作报告"),
    # the year written twice (as a prefix and inside the name) is kept once
    ("corpus/2024_2024年中华人民共和国国务院政府工作报告.txt", "2024年中华人民共和国国务院政府工作报告"),
    ("1964_1964年中华人民共和国国务院政府工作报告（摘要）.txt", "1964年中华人民共和国国务院政府工作报告（摘要）"),
    # serial numbers and hashes are no title; a bare year or place names no document
    ("007_3fa9c2d1e0b84a6f.txt", ""),
    ("1954.txt", "1954年"),
    ("北京.txt", "北京"),
])
def test_file_name_title(source_file, title):
    assert file_name_title(source_file) == title


def test_a_speech_without_a_title_line_is_titled_from_its_file_name():
    body = "上海市市长　应勇 各位代表：\n现在，我代表上海市人民政府，向大会报告工作。\n一、2019年工作回顾\n过去一年，全市上下团结奋斗。"
    d = describe(None, body, source_file="2020_上海市_政府工作报告.txt")
    assert d["title"] == "2020年上海市政府工作报告"
    assert d["year"] == 2020 and "2019年工作回顾" in d["year_evidence"]


@needs_gazetteer
def test_a_file_name_naming_no_document_gives_an_assembled_title():
    body = "各位代表：\n现在，我代表国务院，向大会报告政府工作。\n全国各族人民团结奋斗。"
    d = describe("", body, source_file="1954.txt")
    assert d["title"] == "1954年国务院政府工作报告" and d["year_evidence"].startswith("文件名：")
    body = "同志们：\n今天召开全市项目建设推进会。我市要发挥商丘区位优势，推动商丘高质量发展，全市上下要抓好落实。"
    assert describe(None, body, source_file="000_dde374de83923996.txt")["title"] == "商丘市讲话"
    # a speech about a work report is no work report
    body = "同志们：\n今天我们召开全市大会，学习贯彻政府工作报告精神。我市要推动商丘高质量发展，全市上下要抓好落实。"
    assert describe(None, body, source_file="000_dde374de83923996.txt")["title"] == "商丘市讲话"


def test_a_title_line_is_still_the_title_and_the_file_name_is_not_read():
    d = describe("在全县经济工作会议上的讲话", "下面我讲几点意见。", source_file="2019_某县_政府工作报告.txt")
    assert d["title"] == "在全县经济工作会议上的讲话" and d["year"] is None


@pytest.mark.parametrize("raw, clean", [
    ("上海市政府工作报告  上海市市长　龚正  各位代表：", "上海市政府工作报告"),
    ("政府工作报告 各位代表：", "政府工作报告"),
    # a title that merely ends with an office stays whole
    ("在全县经济工作会议上的讲话", "在全县经济工作会议上的讲话"),
])
def test_a_byline_and_salutation_run_into_the_title_line_are_removed(raw, clean):
    assert clean_title(raw) == clean


def test_pipeline_gives_a_file_without_a_title_line_a_null_title_raw():
    from jianghua.pipeline import process_file

    text = "各位代表：\n现在，我代表省人民政府向大会报告工作，请予审议。\n一、2024年工作回顾\n过去一年，全省上下团结奋斗。"
    (speech,) = process_file("2025_江西省_政府工作报告.txt", text.encode()).speeches
    assert speech["title_raw"] is None
    assert speech["title"] == "2025年江西省政府工作报告"


# ---------------------------------------------------------------- year: work reports
@pytest.mark.parametrize("body, year", [
    ("各位代表：\n中华人民共和国国务院向第一届全国人民代表大会第二次会议提出关于第一个五年计划的议案。", 1955),
    # no session number: the first session of that congress
    ("各位代表！\n现在，我代表国务院，向第五届全国人民代表大会作政府工作报告。", 1978),
    ("各位代表：\n现在，我代表国务院，向第十届全国人民代表大会第一次会议报告过去五年的工作。", 2003),
    # the 2nd congress did not meet in 1961
    ("各位代表：\n我代表国务院向第二届全国人民代表大会第三次会议作政府工作报告。", 1962),
    # last year's session
    ("各位代表：\n从去年９月第五届全国人民代表大会第三次会议到现在，已经过去了一年零两个月。", 1981),
])
def test_year_of_the_npc_session_a_report_is_given_to(body, year):
    d = describe(None, body)
    assert d["year"] == year
    assert "全国人民代表大会" in d["year_evidence"]


def test_a_session_recalled_at_is_no_date():
    # 在…会议上 recalls a session (the dateline rules read datelines)
    body = ("各位代表：\n在第一届全国人民代表大会第一次会议上，陈云同志的发言已经作了说明。"
            "一九六四年底，在第三届全国人民代表大会上的政府工作报告提出了目标。")
    assert describe(None, body)["year"] is None


def test_dateline_among_the_furniture_dates_the_report():
    body = "各位代表：\n现在，我代表国务院，向大会报告政府工作，请予审议。"
    d = describe("政府工作报告", body, ["——2022年3月5日在第十三届全国人民代表大会第五次会议上", "国务院总理　李克强"])
    assert d["year"] == 2022 and d["year_evidence"].startswith("——2022年3月5日")
    d = describe("政府工作报告", body, ["（2026年1月27日在贵州省第十四届人民代表大会第四次会议上）"])
    assert d["year"] == 2026
    # a page's publication time is no dateline
    assert describe("政府工作报告", body, ["2026年02月10日 07时41分", "来源:四川日报"])["year"] is None


@pytest.mark.parametrize("body, year", [
    ("各位代表：\n现在，我代表国务院向大会作政府工作报告。\n首先报告２００１年的工作\n新世纪第一年，全国各族人民阔步前进。", 2002),
    ("各位代表：\n下面报告1993年的工作。过去的一年，我们团结奋斗。", 1994),
    ("各位代表：\n2001年是进入新世纪、实施“十五”计划的第一年，做好今年工作意义重大。", 2001),
])
def test_year_of_a_reports_own_words(body, year):
    assert describe(None, body)["year"] == year


def test_file_name_year_is_a_title_year():
    # nothing in the text dates it: the file name's year, quoted as such
    body = "各位代表：\n现在，我代表国务院，向大会作政府工作报告，请予审议。"
    d = describe(None, body, source_file="1987_1987年中华人民共和国国务院政府工作报告.txt")
    assert d["year"] == 1987 and d["year_evidence"].startswith("文件名：1987年")
    # the text's events outrank a rewritten year in the file name
    body = "同志们：\n今年以来，面对突如其来的新冠肺炎疫情，全县上下积极推动复工复产，打赢脱贫攻坚收官战。"
    d = describe(None, body, source_file="2024_某县_讲话.txt")
    assert d["year"] == 2020 and "文件名：2024年" in d["year_conflict"]
