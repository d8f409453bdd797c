"""Deadlines extractor: one test per expression family, with sentences that must
give a row and sentences that must not (ANNOTATION.md §5). The sentences are
written for these tests in the corpus' style; none is copied from raw/."""
from __future__ import annotations

import datetime as dt

import pytest

from jianghua.document import SpeechDoc
from jianghua.extract.deadlines import extract_deadlines
from jianghua.schema import table
from jianghua.script import to_simplified


def doc(text: str, year: int | None = 2021, script: str = "hans") -> SpeechDoc:
    return SpeechDoc(text=text, simplified=to_simplified(text, script), script=script, year=year)


def rows(text: str, year: int | None = 2021, script: str = "hans") -> list[dict]:
    return extract_deadlines(doc(text, year, script))


def one(text: str, year: int | None = 2021) -> dict:
    found = rows(text, year)
    assert len(found) == 1, [r["span_text"] for r in found]
    return found[0]


# ---------------------------------------------------------------- contract
def test_rows_follow_the_table_contract():
    text = "县交通局要在5月底前完成招标。各乡镇要每月调度一次，会后立即传达。"
    found = rows(text)
    wanted = set(table("deadlines").column_names) - {"deadline_id", "speech_id", "section_id"}
    assert [r["span_text"] for r in found] == ["5月底前", "每月", "会后"]
    for r in found:
        assert set(r) == wanted
        assert text[r["char_start"]:r["char_end"]] == r["span_text"]
    assert found == sorted(found, key=lambda r: (r["char_start"], r["char_end"]))
    assert rows(text) == found  # deterministic


def test_traditional_text_keeps_its_own_script():
    text = "各鄉鎮要在9月底前完成摸排登記。"
    r = rows(text, script="hant")[0]
    assert r["span_text"] == "9月底前"
    assert r["responsible"] == "各鄉鎮"
    assert r["task"] == "各鄉鎮要在9月底前完成摸排登記"


# ---------------------------------------------------------------- due: month end, dates
def test_month_end_before_is_due_with_the_month_end_date():
    r = one("县交通局要在5月底前，完成全部路段的招标工作。")
    assert (r["kind"], r["due_year"], r["due_month"], r["due_day"], r["due_part"]) == ("due", 2021, 5, None, "end")
    assert r["due_date"] == dt.date(2021, 5, 31)
    assert r["responsible"] == "县交通局"
    assert "完成全部路段的招标工作" in r["task"]


def test_month_end_variants():
    assert one("各乡镇要于8月底之前完成摸排。")["span_text"] == "8月底之前"
    r = one("要抓紧组织专班，11月底要拿出下一年度的项目清单。")
    assert (r["kind"], r["due_month"], r["due_part"]) == ("due", 11, "end")


def test_date_before_is_due_on_that_day():
    r = one("务必在11月20日前完成全部整改销号。")
    assert (r["kind"], r["due_month"], r["due_day"], r["due_date"]) == ("due", 11, 20, dt.date(2021, 11, 20))
    assert one("由县卫健局负责组织，7月10日之前完成。")["responsible"] == "县卫健局"


def test_masked_dates_keep_what_is_known():
    r = one("X月底前，全部项目要完成验收。")
    assert (r["is_masked"], r["due_month"], r["due_part"], r["due_date"]) == (True, None, "end", None)
    r = one("县住建局7月X日前将方案报县政府审定。")
    assert (r["is_masked"], r["due_month"], r["due_day"]) == (True, 7, None)
    assert r["responsible"] == "县住建局"
    # a bare masked month end still binds the sentence's task
    assert one("X月底，对工作滞后的单位要进行通报。")["kind"] == "due"


def test_this_month_end_has_no_month():
    r = one("要尽快落实普查经费，确保本月底经费全部到位。")
    assert (r["kind"], r["due_month"], r["due_part"], r["due_date"]) == ("due", None, "end", None)


# ---------------------------------------------------------------- due: year end, within the year, plans
def test_year_end_and_within_the_year():
    r = one("要加快污水厂建设，确保年底前投入运行。")
    assert (r["kind"], r["due_month"], r["due_part"], r["due_date"]) == ("due", 12, "end", dt.date(2021, 12, 31))
    r = one("力争年内建成投用。")
    assert (r["span_text"], r["due_month"], r["due_part"]) == ("年内", 12, "end")
    assert one("确保明年年底前全面完工。")["due_year"] == 2022


def test_year_end_without_a_cue_is_not_a_deadline():
    assert rows("距年底只剩下三个月时间，任务依然繁重。") == []
    assert rows("预计到年末，全县财政收入完成5.2亿元。") == []
    assert rows("要把任务完成情况纳入年底绩效考核。") == []


def test_plan_end_and_a_year_as_time_limit():
    r = one("到“十五五”期末，农村自来水普及率达到95%以上。")
    assert (r["kind"], r["due_year"], r["due_month"], r["due_part"]) == ("due", 2030, 12, "end")
    r = one("该项目已列入省里的盘子，完成时限为2026年。")
    assert (r["kind"], r["due_year"], r["due_month"], r["due_date"]) == ("due", 2026, None, None)


def test_plan_years_and_year_ranges_are_not_deadlines():
    assert rows("2022年是“十四五”承上启下的关键之年，做好全年工作意义重大。") == []
    assert rows("全县粮食产量从2018年的30万吨增加到2020年的34万吨。") == []
    assert rows("要在“十四五”期间统筹推进，久久为功。") == []


# ---------------------------------------------------------------- half-years and quarters
def test_half_year_with_an_obligation_is_due_by_its_end():
    r = one("我们要对标先进，下半年要全部建成投用。")
    assert (r["kind"], r["due_month"], r["due_part"], r["responsible"]) == ("due", 12, "end", None)


def test_half_year_as_a_statistics_period_is_not_a_deadline():
    assert rows("预计上半年，全县生产总值增长5%左右。") == []
    assert rows("上半年刚刚结束，各项指标已经出来。") == []
    assert rows("争取这批项目能够纳入上半年统计范围。") == []


def test_quarters():
    r = one("希望这些乡镇狠抓落实，确保三季度有明显提升。")
    assert (r["kind"], r["due_month"], r["due_part"], r["responsible"]) == ("due", 9, None, "这些乡镇")
    r = one("抓住关键环节，决战四季度，确保完成全年任务。")
    assert (r["kind"], r["due_month"]) == ("scheduled", None)
    assert one("要把项目竣工作为第四季度工作重点。")["kind"] == "scheduled"


def test_quarters_of_figures_are_not_deadlines():
    assert rows("一季度全县财政收入同比下降5%，排名靠后。") == []
    assert rows("今年是在即将进入四季度的时候召开这次会议。") == []
    assert rows("前三季度，主要指标增速均位居全市前列。") == []
    assert rows("二季度以来原材料价格持续上涨。") == []


# ---------------------------------------------------------------- scheduled: month parts, months
def test_month_parts():
    r = one("10月下旬，县政府将组织开展项目集中观摩。")
    assert (r["kind"], r["due_month"], r["due_part"], r["due_date"]) == ("scheduled", 10, "late", dt.date(2021, 10, 31))
    assert r["responsible"] == "县政府"
    r = one("11月中旬前完成全部人员培训。")
    assert (r["kind"], r["due_part"], r["due_date"]) == ("due", "mid", dt.date(2021, 11, 20))
    r = one("县里从7月中下旬开始，开展百日攻坚行动。")
    assert (r["kind"], r["due_month"], r["due_part"]) == ("scheduled", 7, "late")
    assert one("12月上旬，各单位将集中上报年度总结。")["due_part"] == "early"


def test_months_bind_only_with_a_forward_cue():
    r = one("10月份，市委将召开全会，研究部署明年工作。")
    assert (r["kind"], r["due_month"], r["due_day"]) == ("scheduled", 10, None)
    r = one("财政部门要主动对接，到11、12月份新一批资金下达后，第一时间争取支持。")
    assert (r["span_text"], r["kind"], r["due_month"]) == ("11、12月份", "scheduled", 12)
    assert one("确保8月份拆迁补偿款全部到位。")["kind"] == "due"


def test_past_months_and_statistics_periods_are_not_deadlines():
    assert rows("在5月份召开的全市大会上，市里对这项工作作了部署。") == []
    assert rows("1-9月份，全县规上工业增加值同比增长4.1%。") == []
    assert rows("截至6月底，全县累计完成投资12亿元。") == []
    assert rows("从3月份到4、5月份全面复工后，我们同步推进各项工作。") == []
    assert rows("从7月份开始，虽然经济形势有所好转，但压力仍然很大。") == []


def test_dates_bind_only_when_they_look_forward():
    # the one who acts at that time is named before it
    r = one("省督查组将于10月12日进驻我县，各乡镇要做好迎检准备。")
    assert (r["kind"], r["due_month"], r["due_day"], r["responsible"]) == ("scheduled", 10, 12, "省督查组")
    # else the sentence's charge after it
    assert one("检查组一行将于10月12日抵达，各乡镇要做好迎检准备。")["responsible"] == "各乡镇"
    assert one("从8月1日开始，省里将开展实地督查。")["kind"] == "scheduled"
    assert rows("5月12日，省委召开全会，对下半年工作作出部署。") == []
    assert rows("在6月8日召开的推进会上，我们提出了明确要求。") == []
    assert rows("自4月1日推进会以来，只有两个乡镇上报了项目。") == []


# ---------------------------------------------------------------- recurring
def test_every_period_is_recurring():
    r = one("县长要每周调度一次重点项目。")
    assert (r["kind"], r["recurrence"], r["responsible"], r["due_year"]) == ("recurring", "weekly", "县长", None)
    assert one("今后每季度都要通报一次进展。")["recurrence"] == "quarterly"
    assert one("县督查室要坚持每天跟踪问效。")["recurrence"] == "daily"


def test_one_row_per_period_named():
    found = rows("县推进办要实行“一周一调度，一月一通报”，压实各方责任。")
    assert [(r["span_text"], r["recurrence"], r["responsible"]) for r in found] == [
        ("一周一调度", "weekly", "县推进办"), ("一月一通报", "monthly", "县推进办")]
    found = rows("县政府督查室要对重点工作实行按月按季督查调度。")
    assert [r["recurrence"] for r in found] == ["monthly", "quarterly"]


def test_rates_and_averages_are_not_recurring():
    assert rows("每人每月补助800元，所需资金由县财政承担。") == []
    assert rows("过去五年，城乡居民收入平均每年增长7.5%。") == []
    assert rows("每个乡镇配备2名专职人员。") == []
    assert rows("每年新增就业岗位近3000个。") == []


# ---------------------------------------------------------------- duration
def test_durations():
    r = one("通过集中攻坚，用两个月的时间，完成所有问题整改。")
    assert (r["kind"], r["due_month"], r["due_date"]) == ("duration", None, None)
    assert one("各级各部门要聚力攻坚，奋战60天，确保项目全部开工。")["span_text"] == "奋战60天"
    assert one("力争在30日内办结全部申请。")["kind"] == "duration"


def test_past_or_compared_spans_of_time_are_not_durations():
    assert rows("前天，我们利用半天的时间，对三个乡镇进行了观摩。") == []
    assert rows("有些县区30日内就完成了审批，我们还有差距。") == []


# ---------------------------------------------------------------- no date: after an event, holidays
def test_after_the_meeting_and_after_a_trip():
    r = one("各乡镇要在会后立即传达学习。")
    assert (r["kind"], r["due_year"], r["due_month"], r["responsible"]) == ("scheduled", None, None, "各乡镇")
    r = one("请县发改局抓紧筹备，考察团回来后召开专题会议。")
    assert (r["span_text"], r["kind"], r["responsible"]) == ("考察团回来后", "scheduled", "县发改局")
    assert rows("全省工作会议后，我们及时作了安排。") == []


def test_holidays():
    r = one("要切实做好“两节”期间困难群众的走访慰问工作。")
    assert (r["span_text"], r["kind"], r["due_month"]) == ("“两节”期间", "scheduled", None)
    r = one("各地要在春节前全部兑付农民工工资。")
    assert (r["kind"], r["due_month"]) == ("due", None)
    assert rows("春节前夕，我们走访慰问了一批困难群众。") == []


# ---------------------------------------------------------------- responsible
def test_responsible_lead_departments_are_kept_as_written():
    r = one("县里已经印发方案，由水利、农业牵头其他部门配合，9月底前全部完成。")
    assert r["responsible"] == "水利、农业牵头"
    assert one("县工信局、财政局牵头，10月底前完成办法起草。")["responsible"] == "县工信局、财政局牵头"


def test_responsible_of_this_task_comes_from_the_previous_sentence():
    text = "县应急局要按照要求，建立隐患台账。此项工作要于10月底前完成。"
    assert one(text)["responsible"] == "县应急局"
    text = "要督促企业签订承诺书。这项工作要于11月底前完成。"
    assert one(text)["responsible"] is None


def test_responsible_is_null_for_pronouns_and_unnamed_subjects():
    assert one("我们要抓好落实，上半年要全面推开。")["responsible"] is None
    assert one("6月底之前，实现全部事项网上办理。")["responsible"] is None
    assert one("中央要求9月底前完成项目申报。")["responsible"] is None


def test_responsible_skips_the_relative_clause():
    text = "尤其是新增企业为零的东坪镇、西河镇等乡镇长要亲自推进，确保9月底前见到实效。"
    assert one(text)["responsible"] == "东坪镇、西河镇等乡镇长"


# ---------------------------------------------------------------- year resolution
def test_unknown_year_leaves_year_and_date_null():
    r = one("县交通局要在5月底前完成招标。", year=None)
    assert (r["due_year"], r["due_month"], r["due_date"]) == (None, 5, None)
    assert one("完成时限为2026年。", year=None)["due_year"] == 2026  # the text states it


def test_due_date_is_never_before_a_past_event_of_the_speech():
    text = "11月18日，省政府召开了全省冬春攻坚动员会。各乡镇要在2月底前完成全部任务。"
    r = rows(text)[0]
    assert (r["due_year"], r["due_date"]) == (2022, dt.date(2022, 2, 28))
    text = "3月18日，省政府召开了全省动员会。各乡镇要在3月底前完成全部任务。"
    assert rows(text)[0]["due_date"] == dt.date(2021, 3, 31)


def test_a_written_year_before_the_speech_is_past():
    assert rows("从2019年1月1日起实施的办法已经到期。", year=2021) == []


@pytest.mark.parametrize("text", [
    "一分部署，九分落实。",
    "今年以来，全县经济运行总体平稳。",
    "从现在起，我们要集中精力抓实体经济。",
    "全县共有8大类30项指标。",
])
def test_sentences_without_a_binding_time(text):
    assert rows(text) == []


# ---------------------------------------------------------------- review round: generalization
def test_a_holiday_stretch_seized_for_a_task_is_scheduled():
    r = one("要抓住国庆、中秋假期客流集中的时机，办好文旅促消费活动。")
    assert (r["kind"], r["span_text"], r["due_month"]) == ("scheduled", "国庆、中秋假期", None)
    assert rows("国庆假期，全县共接待游客12万人次，同比增长8%。") == []


def test_after_an_awaited_event_is_scheduled_without_a_date():
    r = one("细则还在起草，待市政府印发后，各乡镇要对照抓好执行。")
    assert (r["kind"], r["span_text"], r["due_month"], r["due_date"]) == ("scheduled", "市政府印发后", None, None)
    # 待 inside a word (接待, 期待) opens no event
    assert rows("上周我们接待考察团后召开了座谈会。") == []


def test_months_named_as_time_nodes_are_each_due():
    found = rows("要把握好8月和11月两个时间节点，确保整改按期销号。")
    assert [(r["span_text"], r["kind"], r["due_month"]) for r in found] == [("8月", "due", 8), ("11月", "due", 11)]


def test_a_date_being_prepared_for_reads_forward():
    r = one("目前普查已进入摸底阶段，为10月15日正式登记作准备。")
    assert (r["kind"], r["due_month"], r["due_day"]) == ("scheduled", 10, 15)


def test_from_this_year_on_is_scheduled_with_the_year_only():
    r = rows("從今年開始，扶貧資金就要重點向合作社傾斜。", script="hant")[0]
    assert (r["span_text"], r["kind"], r["due_year"], r["due_month"], r["due_date"]) == (
        "從今年開始", "scheduled", 2021, None, None)
    # 除了 is no past marker
    assert one("从明年起，除了保留原有补助，还要新增奖补。")["due_year"] == 2022
    # a written year: mostly a reform told as done
    assert rows("从2016年起，全县连续扩大职业教育招生规模。") == []


def test_these_few_days_is_a_duration():
    assert one("新到任的同志要利用这几天时间把情况摸清。")["kind"] == "duration"


def test_stretches_between_years_are_not_deadlines():
    assert rows("2016年到2020年，全县累计完成投资300亿元。") == []
    assert rows("相当于2001年至2010年投资的总和。") == []


def test_figures_as_of_a_time_or_possible_outcomes_are_not_deadlines():
    assert rows("据今年3月初的统计，全县生猪存栏8万头。") == []
    assert rows("库存到年末比年初增加2亿元。") == []
    assert rows("到上半年有1200家企业纳入试点。") == []
    assert rows("这些项目在今年内可以建成的有12个。") == []
    assert rows("炼钢车间可望在年内陆续投产。") == []
    assert rows("在今后若干年内，城乡融合仍是一项长期任务。") == []
    assert rows("对2025年前全县教育发展作出全面部署。") == []


def test_a_year_reached_in_history_is_not_a_deadline():
    assert rows("到2010年，全县粮食产量又比2005年增加了三成。", year=None) == []
    assert one("到2030年，全县森林覆盖率要达到70%。", year=2025)["due_year"] == 2030


def test_quantities_per_period_and_routines_told_as_done_are_not_recurring():
    assert rows("通过技术改造，努力做到每年增产原煤300万吨以上。") == []
    assert rows("全县各类市场主体每天新增500户。") == []
    assert rows("全县机关实行了每周通报制度。") == []
    assert rows("全县经济逐季向好，主要指标稳步回升。") == []
    assert one("各乡镇要逐季开展经济运行分析。")["recurrence"] == "quarterly"
    assert one("县长要每月调度一次重点企业。")["recurrence"] == "monthly"


def test_a_fully_masked_year_as_time_limit():
    r = one("该物流基地已列入国家盘子，完成时限是XXXX年。")
    assert (r["kind"], r["is_masked"], r["due_year"], r["due_date"]) == ("due", True, None, None)


def test_a_date_of_a_cited_speech_is_past():
    assert rows("3月12日省长在全省大会上的讲话中，要求我们要抓好春耕备耕。") == []
