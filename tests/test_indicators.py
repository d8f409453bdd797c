"""extract/indicators.py: one row per figure, with the words around it (ANNOTATION.md §3).

Sentences are written in the corpus style, not copied from the gold files.
"""
from __future__ import annotations

import opencc
import pytest

from jianghua.document import SpeechDoc
from jianghua.extract.indicators import extract_indicators
from jianghua.metrics import metric_codes

COLUMNS = {"char_start", "char_end", "span_text", "sentence", "metric", "metric_text", "subject", "value", "value_max",
           "unit", "value_base", "measure", "direction", "comparator", "commitment", "status", "period_text",
           "is_masked"}


def rows(text: str) -> list[dict]:
    return extract_indicators(SpeechDoc(text=text, simplified=text, script="hans"))


def row(text: str, span: str) -> dict:
    found = [r for r in rows(text) if r["span_text"] == span]
    assert len(found) == 1, [r["span_text"] for r in rows(text)]
    return found[0]


def spans(text: str) -> list[str]:
    return [r["span_text"] for r in rows(text)]


# ---------------------------------------------------------------- the contract
def test_rows_follow_the_contract():
    text = "1-6月份，全县一般公共预算收入完成5.6亿元，同比增长4.1%。\n要确保全年新增规上工业企业20家以上。"
    out = rows(text)
    assert [r["span_text"] for r in out] == ["5.6亿元", "4.1%", "20家"]
    for r in out:
        assert set(r) == COLUMNS
        assert text[r["char_start"]:r["char_end"]] == r["span_text"]
        assert r["metric"] in metric_codes()
    assert out == sorted(out, key=lambda r: (r["char_start"], r["char_end"]))
    assert rows(text) == out  # deterministic


def test_level_and_growth_of_one_metric():
    text = "1-6月份，全县一般公共预算收入完成5.6亿元，同比增长4.1%。"
    level, growth = rows(text)
    assert (level["metric"], level["measure"], level["value"], level["unit"]) == ("general_budget_revenue", "level", 5.6, "亿元")
    assert level["value_base"] == pytest.approx(5.6e8)
    assert (growth["metric"], growth["measure"], growth["direction"]) == ("general_budget_revenue", "growth", "up")
    assert growth["subject"] == "全县" and growth["period_text"] == "1-6月份" and growth["status"] == "actual"
    assert level["sentence"] == text


# ---------------------------------------------------------------- lists over subjects
def test_one_metric_over_several_places():
    text = "上半年，全市固定资产投资同比增长3.5%，低于全市平均水平的有安平县2.2%、桃源区1.8%，临江区-4.6%。"
    out = rows(text)
    assert [r["subject"] for r in out] == ["全市", "安平县", "桃源区", "临江区"]
    assert {r["metric"] for r in out} == {"fixed_asset_investment"}
    assert [r["measure"] for r in out] == ["growth"] * 4
    assert (out[-1]["value"], out[-1]["direction"]) == (4.6, "down")
    assert {r["period_text"] for r in out} == {"上半年"}


def test_masked_list_gives_one_row_per_mask():
    text = "三项指标分别增长X%、X%、X%。"
    out = rows(text)
    assert len(out) == 3 and all(r["is_masked"] and r["value"] is None for r in out)
    assert all(r["measure"] == "growth" for r in out)


def test_shared_count_and_zero():
    text = "全市新增限上商贸企业12家，其中东城区5家，南山县、北岭县各2家，其他县（区）为0。"
    out = rows(text)
    assert [r["span_text"] for r in out] == ["12家", "5家", "2家", "0"]
    assert out[2]["subject"] == "南山县、北岭县"
    assert out[3]["value"] == 0 and out[3]["unit"] is None and out[3]["subject"] == "其他县（区）"
    assert {r["metric"] for r in out} == {"new_enterprises"}


def test_figure_shared_by_a_list_of_metrics_is_other():
    text = "规上工业增加值、社零额、外贸进出口三项指标均增长6%以上。"
    r = row(text, "6%")
    assert r["metric"] == "other" and "社零额" in r["metric_text"] and r["comparator"] == "gte"


# ---------------------------------------------------------------- measure, comparator
@pytest.mark.parametrize("text, span, measure", [
    ("全县工业对税收贡献率达61%。", "61%", "share"),
    ("一般公共预算收入完成年度预算目标的92%。", "92%", "share"),
    ("全市地区生产总值居全省第6位。", "第6位", "rank"),
    ("进入全省前X位。", "前X位", "rank"),
    ("全年贷款余额达到320亿元。", "320亿元", "level"),
])
def test_measure(text, span, measure):
    assert row(text, span)["measure"] == measure


@pytest.mark.parametrize("text, span, comparator", [
    ("力争地区生产总值增长6%左右。", "6%", "approx"),
    ("确保固定资产投资增长10%以上。", "10%", "gte"),
    ("城镇登记失业率控制在4%以内。", "4%", "lte"),
    ("总投资不低于30亿元。", "30亿元", "gte"),
    ("有的企业超过了150%。", "150%", "gt"),
    ("共谋划储备项目600多个。", "600多个", "gt"),
    ("耕地保有率已将近85%。", "85%", "approx"),
    ("全年目标为增长5.5%—6%。", "5.5%—6%", "range"),
    ("完成投资8亿元。", "8亿元", "eq"),
])
def test_comparator(text, span, comparator):
    assert row(text, span)["comparator"] == comparator


def test_range_values():
    r = row("今年主要预期目标是：地区生产总值增长5%-5.5%。", "5%-5.5%")
    assert (r["value"], r["value_max"], r["comparator"]) == (5.0, 5.5, "range")


def test_decrease_words_set_direction_down():
    r = row("全县规模以上工业增加值下降2.4%。", "2.4%")
    assert (r["measure"], r["direction"], r["value"]) == ("growth", "down", 2.4)
    r = row("全市进出口总额负增长X%。", "X%")
    assert (r["direction"], r["is_masked"], r["metric"]) == ("down", True, "foreign_trade")


# ---------------------------------------------------------------- status and commitment
@pytest.mark.parametrize("text, span, status, commitment", [
    ("今年要确保全社会固定资产投资增长8%。", "8%", "target", "hard"),
    ("力争社会消费品零售总额突破200亿元。", "200亿元", "target", "soft"),
    ("预计到年末，全县地区生产总值完成96亿元。", "96亿元", "estimate", None),
    ("去年，全县地区生产总值完成90亿元。", "90亿元", "actual", None),
    ("各地要抓好上次10个集中签约项目的落地。", "10个", "actual", None),
    ("坚持项目为王，实现亿元以上项目开工30个以上。", "30个", "target", None),
])
def test_status(text, span, status, commitment):
    r = row(text, span)
    assert (r["status"], r["commitment"]) == (status, commitment)


def test_estimate_carries_along_the_paragraph():
    text = "预计全年，全县税收收入完成3.1亿元；外贸进出口完成2.2亿元。"
    assert [r["status"] for r in rows(text)] == ["estimate", "estimate"]


def test_aims_announced_before_a_list_of_paragraphs():
    text = "今年经济社会发展的主要预期目标是：\n国内生产总值增长7%左右。\n城镇新增就业900万人以上。"
    out = rows(text)
    assert [r["status"] for r in out] == ["target", "target"]
    assert (out[0]["metric"], out[0]["measure"], out[0]["comparator"]) == ("gdp", "growth", "approx")


def test_work_report_gdp_target():
    text = ("今年主要预期目标是：全省地区生产总值增长5.5%左右，在实际工作中努力争取更好结果；"
            "地方一般公共预算收入增长3%；城镇新增就业60万人以上。")
    gdp = [r for r in rows(text) if r["metric"] == "gdp"]
    assert len(gdp) == 1
    g = gdp[0]
    assert (g["span_text"], g["value"], g["value_max"], g["comparator"], g["measure"], g["status"]) == \
        ("5.5%", 5.5, None, "approx", "growth", "target")
    assert g["subject"] == "全省"


# ---------------------------------------------------------------- metric
def test_head_noun_after_a_count_names_the_metric():
    text = "目前已落地5个亿元以上项目，另有X家重点企业正在洽谈。"
    assert row(text, "5个")["metric"] == "projects"
    other = row(text, "X家")
    assert other["metric"] == "other" and other["metric_text"] == "重点企业正在洽谈"


def test_money_threshold_of_a_project_class():
    r = row("全市79个1000万元以上重点项目全部开工。", "1000万元")
    assert (r["metric"], r["comparator"]) == ("project_investment", "gte")


def test_unknown_metric_is_other_with_its_words():
    r = row("全县农村自来水普及率达到93%。", "93%")
    assert r["metric"] == "other" and "自来水普及率" in r["metric_text"] and r["measure"] == "share"


def test_chinese_numeral_count_of_projects():
    r = row("本月只有东城区上报了一个完整的入库项目。", "一个")
    assert (r["value"], r["metric"], r["unit"]) == (1, "projects", "个")


# ---------------------------------------------------------------- not indicators
@pytest.mark.parametrize("text", [
    "3月18日，市委召开常委会议。",                       # a date
    "要在9月底前完成全部整改。",                          # a deadline
    "集中攻坚奋战100天，利用一个月的时间开展整治。",       # durations
    "围绕6大领域20个方面开展对接。",                       # counts of policy items
    "制定了3个清单和5项措施。",
    "重点抓好以下四个方面工作。",
    "第二，要抓好项目建设。第三轮集中开工即将启动。",     # ordinals
    "深入实施“135”工程和“1+3”评估体系。",                # slogans and codes
    "加快5G基站建设，培育4S店和500强企业。",
    "这4个县都取得了明显成效。",                          # a reference, not a measurement
    "要联系一个产业链、一家龙头企业。",                   # 一 as the article
    "2024年是“十四五”规划的收官之年。",                   # the year of a plan
    "一分部署，九分落实。",                               # rhetoric
])
def test_non_indicators(text):
    assert spans(text) == []


# ---------------------------------------------------------------- scripts
def test_traditional_text_keeps_offsets_and_spans():
    simp = "全区规上工业增加值完成48.3亿元，同比增长7.2%。"
    trad = opencc.OpenCC("s2t").convert(simp)
    out = extract_indicators(SpeechDoc(text=trad, simplified=simp, script="hant"))
    assert [r["span_text"] for r in out] == ["48.3億元", "7.2%"]
    assert out[0]["unit"] == "亿元" and out[0]["metric"] == "industrial_value_added"
    assert out[0]["metric_text"] == "規上工業增加值" and out[0]["subject"] == "全區"
    for r in out:
        assert trad[r["char_start"]:r["char_end"]] == r["span_text"]
