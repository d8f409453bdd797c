"""The targets table (targets.py, rules/targets.yaml): period, headline statement, outcome, outcome_met.

Unit tests quote the kinds of sentences each rule reads; the end-to-end test
builds two consecutive work reports of one city and checks that the first
year's targets are linked to the results the second year's review reports.
"""
from __future__ import annotations

import duckdb
import pyarrow.parquet as pq
import pytest

from jianghua.pipeline import build_tables
from jianghua.publish import publish_to_dir
from jianghua.targets import headline_spans, outcome_met, resolve_period, review_spans, subject_place
from jianghua.validate import validate_package


# ---------------------------------------------------------------- period
@pytest.mark.parametrize("period_text, sentence, year, want", [
    ("今年", "今年地区生产总值增长5%左右。", 2025, ("year", 2025, 2025)),
    ("2025年", "2025年粮食产量稳定在880亿斤以上。", 2025, ("year", 2025, 2025)),
    ("明年", "明年城镇新增就业10万人。", 2024, ("year", 2025, 2025)),
    # a comparison base is not the aim's period: the speech's year
    ("上年", "一般公共预算收入比上年增长3%。", 2025, ("year", 2025, 2025)),
    (None, "规模以上工业增加值增长7%左右。", 2025, ("year", 2025, 2025)),
    # plan periods: the plan's last year
    ("“十五五”期间", "“十五五”期间，全市生产总值年均增长6%左右。", 2026, ("multi_year", 2030, 2030)),
    ("“十四五”时期", "“十四五”时期研发投入年均增长7%以上。", 2021, ("multi_year", 2025, 2025)),
    ("到2030年", "到2030年，常住人口城镇化率达到60%。", 2026, ("multi_year", 2030, 2030)),
    ("今后五年", "今后五年，居民收入增长和经济增长基本同步。", 2023, ("multi_year", 2027, 2027)),
    # 年均 with no period of its own takes the one its sentence names
    (None, "“十五五”期间地区生产总值年均增长5.5%。", 2026, ("multi_year", 2030, 2030)),
    ("上半年", "上半年固定资产投资增长8%。", 2024, ("half_year", 2024, 2024)),
    ("一季度", "一季度规上工业增加值增长6%。", 2024, ("quarter", 2024, 2024)),
    ("1-8月份", "1-8月份完成投资200亿元。", 2024, ("month", 2024, 2024)),
    ("每年", "每年新增城镇就业5万人以上。", 2024, ("other", 2024, 2024)),
])
def test_resolve_period_reads_the_period_as_written(period_text, sentence, year, want):
    assert resolve_period(period_text, sentence, year) == want


def test_resolve_period_without_a_speech_year_keeps_the_year_unknown():
    assert resolve_period("今年", "今年增长5%左右。", None) == ("year", None, None)
    assert resolve_period("今后五年", "今后五年年均增长5%。", None) == ("multi_year", None, None)


# ---------------------------------------------------------------- headline statement
def _spanned(text: str) -> list[str]:
    return [text[a:b] for a, b in headline_spans(text)]


def test_headline_statement_runs_to_the_end_of_its_paragraph():
    text = ("一、2024年工作回顾\n过去一年，地区生产总值增长5.2%。\n"
            "今年经济社会发展的主要预期目标是：地区生产总值增长5%左右，居民消费价格涨幅2%左右。\n"
            "实现上述目标，要做好以下工作。\n")
    (span,) = _spanned(text)
    assert span.startswith("主要预期目标是") and span.endswith("2%左右。")
    assert "5.2%" not in span and "实现上述目标" not in span


def test_headline_statement_takes_the_list_paragraphs_after_a_cue_that_ends_its_line():
    text = ("今年发展主要预期目标是：\n——国内生产总值增长5%左右；\n——城镇调查失业率5.5%左右；\n"
            "——居民消费价格涨幅2%左右。\n这些目标统筹了需要和可能。\n")
    (span,) = _spanned(text)
    assert "5%左右" in span and "5.5%左右" in span and "2%左右" in span
    assert "统筹了需要和可能" not in span


@pytest.mark.parametrize("text", [
    "过去一年，顺利完成全年经济社会发展主要目标任务，地区生产总值增长5.4%。\n",
    "我们全面实现年初确定的主要目标，国内生产总值增长7.8%，城镇新增就业1266万人。\n",
    "上述主要预期目标，考虑了需要和可能，国内生产总值增长5%左右是积极的。\n",
])
def test_a_cue_looking_back_at_targets_is_not_the_statement(text):
    assert _spanned(text) == []


def test_a_plan_period_statement_of_main_targets_is_not_the_years_headline():
    text = "今后五年经济社会发展的主要目标是：经济保持中高速增长，地区生产总值年均增长6%左右。\n"
    assert _spanned(text) == []
    text = "“十五五”时期经济社会发展的主要目标是：居民收入增长和经济增长同步。\n"
    assert _spanned(text) == []


def test_an_older_reports_one_sentence_growth_target_is_a_headline_statement():
    text = "综合分析国内外各种情况，今年经济增长预期目标为7%左右，这是必要的。\n下面讲几个问题。\n"
    (span,) = _spanned(text)
    assert span.startswith("综合分析") and "7%左右" in span and "下面" not in span
    text = "根据这个要求，今年计划国内生产总值增长百分之九。"
    assert _spanned(text) == [text[:-1]]


def test_a_sentence_cue_that_does_not_name_the_economys_growth_is_not_a_headline():
    assert _spanned("今年计划新建学校20所，新增学位1万个。") == []


def test_outcomes_come_from_the_review_of_the_year_just_past():
    text = "一、2024年工作回顾\n过去一年增长5.2%。\n二、2025年工作安排\n主要预期目标是：增长5%左右。\n"
    assert review_spans(text, headline_spans(text)) == [(0, text.index("二、"))]
    # a review of five years holds no single year's results
    text = "一、过去五年工作回顾\n五年来年均增长6%。\n二、今后五年的目标任务\n"
    assert review_spans(text, headline_spans(text)) == []
    # no review heading: the text before the main-targets statement; neither: nothing
    text = "过去一年，全市生产总值增长5.2%。\n今年主要预期目标是：增长5%左右。\n"
    assert review_spans(text, headline_spans(text)) == [(0, text.index("主要预期目标"))]
    assert review_spans("今年要增长5%。", []) == []


# ---------------------------------------------------------------- outcome_met
def _target(value, comparator="approx", unit="%", direction="up", value_max=None):
    return {"value": value, "value_max": value_max, "comparator": comparator, "unit": unit,
            "direction": direction}


@pytest.mark.parametrize("target, outcome, met", [
    (_target(5.0), 5.4, True),              # 增长5%左右, achieved 5.4%: within 0.5 points
    (_target(5.0), 5.6, False),
    (_target(6.0), 1.7, False),             # 2020: 6%左右, 1.7%
    (_target(6.0, "gte"), 8.1, True),       # 增长6%以上
    (_target(5.5, "gte"), 5.0, False),
    (_target(5.5, "lte"), 5.1, True),       # 城镇调查失业率控制在5.5%以内
    (_target(6.5, "range", value_max=7.0), 6.7, True),   # 6.5%－7%
    (_target(6.5, "range", value_max=7.0), 7.6, False),
    (_target(3.0, "eq", direction="down"), -3.2, True),  # 单位GDP能耗下降3%, fell 3.2%
    (_target(3.0, "gte", direction="down"), -2.0, False),
    # not a percentage: within 5% of the value
    (_target(880.0, "gte", unit="亿斤"), 900.0, True),
    (_target(100.0, "approx", unit="亿元"), 104.0, True),
    (_target(100.0, "approx", unit="亿元"), 106.0, False),
])
def test_outcome_met_applies_the_comparator_and_the_tolerance(target, outcome, met):
    assert outcome_met(target, outcome) is met


def test_outcome_met_is_null_without_an_outcome():
    assert outcome_met(_target(5.0), None) is None


# ---------------------------------------------------------------- subject place
def test_a_target_for_a_named_county_takes_that_countys_place():
    shangqiu = {"jurisdiction": "商丘市", "admin_code": "411400", "admin_level": "prefecture"}
    assert subject_place("永城市", shangqiu) == {"jurisdiction": "永城市", "admin_code": "411481",
                                                "admin_level": "county"}
    assert subject_place("全市", shangqiu) is None
    assert subject_place("商丘市", shangqiu) is None            # the speech's own place
    assert subject_place("规模以上工业", shangqiu) is None
    assert subject_place("海淀区", shangqiu) is None            # a place outside the speech's
    assert subject_place(None, shangqiu) is None


# ---------------------------------------------------------------- end to end
REPORT_2024 = """2024年商丘市政府工作报告
——2024年1月10日在商丘市第六届人民代表大会第四次会议上
商丘市市长 张三
各位代表：
现在，我代表商丘市人民政府，向大会报告工作，请予审议。
一、2023年工作回顾
过去一年，我们商丘市坚持稳中求进，全市生产总值增长4.8%，居民消费价格上涨0.3%，城镇调查失业率为5.3%。
一年来，我们扎实推进乡村振兴，新建高标准农田，改造老旧小区，城乡面貌持续改善。开放型经济加快发展，引进一批先进制造业项目，营商环境不断优化。民生保障有力有效，教育、医疗、养老服务水平稳步提升。
二、2024年工作安排
今年经济社会发展的主要预期目标是：地区生产总值增长6%左右，居民消费价格涨幅3%左右，城镇调查失业率控制在5.5%以内，规模以上工业增加值增长7%以上，城镇新增就业5万人以上。
“十五五”期间，全市生产总值年均增长6%左右。
全年新开工重大项目200个，工业投资增长10%，社会消费品零售总额增长6%。
到2027年，常住人口城镇化率达到60%。
我们要坚定信心、真抓实干，全力打好产业转型攻坚战，加快建设区域性中心城市。
"""
REPORT_2025 = """2025年商丘市政府工作报告
——2025年1月12日在商丘市第六届人民代表大会第五次会议上
商丘市市长 张三
各位代表：
现在，我代表商丘市人民政府，向大会报告工作，请予审议。
一、2024年工作回顾
过去一年，我们商丘市坚持稳中求进，全市生产总值增长5.2%，居民消费价格上涨0.1%，城镇调查失业率为5.1%，规模以上工业增加值增长6%。
回顾这一年，全年城镇新增就业5.3万人，34个项目入选全国示范，固定资产投资增长4%，社会消费品零售总额增长5.8%。我们坚持项目为王，重大工程建设提速，交通枢纽功能增强，高铁新城框架拉开。科技创新动能增强，高新技术企业数量创历史新高。生态环境持续好转，群众获得感显著增强。
二、2025年工作安排
今年经济社会发展的主要预期目标是：地区生产总值增长5.5%左右，居民消费价格涨幅2%左右。
新的一年，要锚定目标不放松，聚焦实体经济，深化重点领域改革，切实保障和改善民生。
"""


@pytest.fixture(scope="module")
def two_years(tmp_path_factory):
    raw = tmp_path_factory.mktemp("targets") / "raw"
    raw.mkdir()
    (raw / "2024年商丘市政府工作报告.txt").write_text(REPORT_2024, encoding="utf-8")
    (raw / "2025年商丘市政府工作报告.txt").write_text(REPORT_2025, encoding="utf-8")
    return build_tables(raw)


def _targets(tables) -> list[dict]:
    speeches = {s["speech_id"]: s for s in tables["speeches"].to_pylist()}
    return [{**t, "year": speeches[t["speech_id"]]["year"]} for t in tables["targets"].to_pylist()]


def test_every_target_row_is_one_target_indicator_of_its_speech(two_years):
    indicators = {i["indicator_id"]: i for i in two_years["indicators"].to_pylist()}
    targets = two_years["targets"].to_pylist()
    assert sorted(t["indicator_id"] for t in targets) == sorted(
        i for i, row in indicators.items() if row["status"] == "target")
    for t in targets:
        assert t["target_id"] == "t" + t["indicator_id"]
        assert t["speech_id"] == indicators[t["indicator_id"]]["speech_id"]
        assert (t["jurisdiction"], t["admin_code"], t["admin_level"]) == ("商丘市", "411400", "prefecture")


def test_headline_targets_are_the_main_targets_statement(two_years):
    headline = {(t["year"], t["metric"]): t for t in _targets(two_years) if t["is_headline"]}
    assert set(headline) == {(2024, "gdp"), (2024, "cpi"), (2024, "unemployment_rate"),
                             (2024, "industrial_value_added"), (2024, "employment"), (2025, "gdp"), (2025, "cpi")}
    gdp = headline[(2024, "gdp")]
    assert (gdp["value"], gdp["comparator"], gdp["target_year"], gdp["period"]) == (6.0, "approx", 2024, "year")


def test_plan_period_aims_are_multi_year_and_never_headline(two_years):
    multi = {t["metric"]: t for t in _targets(two_years) if t["period"] == "multi_year"}
    assert multi["gdp"]["period_end_year"] == 2030 and multi["urbanization"]["period_end_year"] == 2027
    assert not any(t["is_headline"] or t["outcome_indicator_id"] for t in multi.values())


def test_a_years_targets_are_linked_to_the_next_years_review(two_years):
    indicators = {i["indicator_id"]: i for i in two_years["indicators"].to_pylist()}
    speeches = {s["speech_id"]: s for s in two_years["speeches"].to_pylist()}
    got = {t["metric"]: t for t in _targets(two_years) if t["year"] == 2024 and t["period"] == "year"}
    want = {"gdp": (5.2, False), "cpi": (0.1, False), "unemployment_rate": (5.1, True),
            "industrial_value_added": (6.0, False), "employment": (5.3, True)}
    for metric, (value, met) in want.items():
        t = got[metric]
        outcome = indicators[t["outcome_indicator_id"]]
        assert speeches[outcome["speech_id"]]["year"] == 2025 and outcome["status"] == "actual"
        assert outcome["metric"] == metric and outcome["char_start"] < REPORT_2025.index("二、")
        assert (t["outcome_value"], t["outcome_met"]) == (value, met), metric
    # targets outside the headline statement get no outcome: 工业投资 is not the 固定资产投资 the review gives,
    # and a later count of projects is often another kind; even an exact match (社会消费品零售总额) is left
    assert got["fixed_asset_investment"]["metric_text"] == "工业投资"
    assert all(got[m]["outcome_indicator_id"] is None for m in ("projects", "fixed_asset_investment", "retail_sales"))
    # 2025's targets: no 2026 report in the package, so no outcome
    assert all(t["outcome_indicator_id"] is None and t["outcome_met"] is None
               for t in _targets(two_years) if t["year"] == 2025)


def test_the_published_package_validates_and_its_target_panel_is_one_row_per_place_and_year(two_years, tmp_path):
    out = publish_to_dir(dict(two_years), tmp_path / "pkg", "1.0.0")
    report = validate_package(out)
    assert report.ok, report.problems
    assert pq.read_table(out / "targets.parquet").num_rows == two_years["targets"].num_rows
    con = duckdb.connect(str(out / "jianghua.duckdb"), read_only=True)
    rows = con.execute("SELECT jurisdiction, target_year, gdp_growth_target, gdp_growth_comparator, "
                       "gdp_growth_outcome, gdp_growth_met, cpi_target, unemployment_target, unemployment_met "
                       "FROM target_panel ORDER BY target_year").fetchall()
    assert rows == [("商丘市", 2024, 6.0, "approx", 5.2, False, 3.0, 5.5, True),
                    ("商丘市", 2025, 5.5, "approx", None, None, 2.0, None, None)]


def test_the_cookbooks_target_queries_answer_on_two_years_of_reports(two_years, tmp_path):
    import re
    from pathlib import Path

    cookbook = (Path(__file__).resolve().parents[1] / "docs" / "QUERIES.md").read_text("utf-8")
    queries = dict(re.findall(r"^## (.+?)\n.*?```sql\n(.*?)```", cookbook, re.S | re.M))
    out = publish_to_dir(dict(two_years), tmp_path / "pkg", "1.0.0")
    con = duckdb.connect(str(out / "jianghua.duckdb"), read_only=True)
    headline = con.execute(queries["Headline targets and what was achieved"]).fetchall()
    assert ("商丘市", 2024, "gdp", "approx", 6.0, None, "%", 5.2, False) in headline
    assert len(headline) == 7
    met = {r[0]: r[2:] for r in con.execute(queries["How often headline targets are met"]).fetchall()}
    assert met["unemployment_rate"] == (1, 1, 1, 1.0) and met["gdp"] == (2, 1, 0, 0.0)
    assert met["employment"] == (1, 1, 1, 1.0)
    plan = con.execute(queries["Plan-period aims"]).fetchall()
    assert [(r[1], r[2]) for r in plan] == [(2027, "urbanization"), (2030, "gdp")]



@pytest.mark.parametrize("metric", ["enterprises", "development_zones", "international_exchange", "public_funds",
                                    "government_administration", "administrative_areas", "ownership"])
def test_growth_targets_of_a_family_code_need_their_own_text_for_an_outcome(metric):
    # 新增经营主体 increasing 10% is not met by 外资企业 increasing 12%: the codes name families of figures
    from jianghua.targets import broad

    assert broad({"measure": "growth", "metric": metric})
    assert not broad({"measure": "growth", "metric": "gdp"})
