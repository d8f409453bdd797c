"""metrics.py: the metrics table (every METRICS.md code, both scripts) and the alias lookup."""
from __future__ import annotations

import re
from pathlib import Path

from jianghua.metrics import find_aliases, for_family, in_scope, metric_rows

SPEC = Path(__file__).resolve().parents[2] / "shared" / "spec" / "METRICS.md"


def test_every_code_of_the_spec_is_a_row():
    codes = {r["metric"] for r in metric_rows()}
    if SPEC.exists():
        spec_codes = set(re.findall(r"^\| ([a-z_]+) \|", SPEC.read_text("utf-8"), re.M)) - {"code"}
        assert spec_codes <= codes
    assert {"gdp", "rank", "other", "project_investment", "new_enterprises"} <= codes


def test_aliases_carry_both_scripts_sorted_and_unique():
    gdp = next(r for r in metric_rows() if r["metric"] == "gdp")
    assert "地区生产总值" in gdp["aliases"] and "地區生產總值" in gdp["aliases"]
    assert gdp["aliases"] == sorted(set(gdp["aliases"]))
    assert gdp["name_zh"] == "地区生产总值" and gdp["name_en"]


def test_longest_alias_wins():
    hits = find_aliases("全县规模以上工业增加值增长6%")
    assert [(h.metric, h.alias) for h in hits] == [("industrial_value_added", "规模以上工业增加值")]


def test_short_forms_map_to_codes():
    text = "固投完成8亿元，社零额增长4%，小升规5户"
    assert [h.metric for h in find_aliases(text)] == ["fixed_asset_investment", "retail_sales", "new_enterprises"]


def test_unrelated_words_hit_nothing():
    # outside a work report (the seed answers) market entities have no code; a work report counts them
    assert [h.metric for h in find_aliases("新增市场主体1200户，个转企30户", work_report=False)] == ["other"]
    assert [h.metric for h in find_aliases("新增市场主体1200户")] == ["enterprises"]


def test_work_report_codes_exist_only_in_work_reports():
    assert [h.metric for h in find_aliases("新改建农村公路1200公里")] == ["transport"]
    assert [h.metric for h in find_aliases("新改建农村公路1200公里", work_report=False)] == ["other"]


def test_a_code_limited_to_counts_names_nothing_for_money():
    assert find_aliases("释放企业现金流118亿元", family="money") == []
    assert [h.metric for h in find_aliases("培育企业118家", family="count")] == ["enterprises"]


def test_generic_noun_after_a_named_metric_gives_way_to_it():
    assert [h.alias for h in find_aliases("专精特新“小巨人”企业")] == ["专精特新", "小巨人"]
    assert [h.alias for h in find_aliases("产业园新入驻企业")] == ["产业园", "企业"]   # two generic nouns: both stand


def test_projects_become_project_investment_for_money():
    assert for_family("projects", "money") == "project_investment"
    assert for_family("project_investment", "count") == "projects"
    assert for_family("gdp", "money") == "gdp"


def test_quoted_class_of_enterprises():
    assert [h.metric for h in find_aliases("新增34家“四上”企业，2家入规")] == ["new_enterprises", "new_enterprises"]


def test_words_that_contain_an_alias_but_name_something_else():
    # 农业总产值 names agriculture (METRICS.md), not the 产值 of industry inside it
    assert [(h.alias, h.metric) for h in find_aliases("加工产值占农业总产值比重")] == [
        ("产值", "industrial_output"), ("农业总产值", "agriculture_value_added")]
    assert find_aliases("全省海洋生产总值增长6%") == []


# ---------------------------------------------------------------- work-report metrics
def test_names_are_the_spec_names():
    if not SPEC.exists():
        return
    spec = {code: (zh, en) for code, zh, en in re.findall(r"^\| ([a-z_]+) \| ([^|]+?) \| ([^|]+?) \|",
                                                          SPEC.read_text("utf-8"), re.M) if code != "code"}
    ours = {r["metric"]: (r["name_zh"], r["name_en"]) for r in metric_rows()}
    assert {code: ours[code] for code in spec} == spec


def test_work_report_aliases_carry_both_scripts():
    unemployment = next(r for r in metric_rows() if r["metric"] == "unemployment_rate")
    assert {"城镇调查失业率", "城鎮調查失業率", "城镇登记失业率"} <= set(unemployment["aliases"])


def test_gdp_as_a_denominator_or_qualifier_is_not_gdp():
    assert [h.metric for h in find_aliases("单位地区生产总值能耗下降2.5%左右")] == ["energy_intensity"]
    assert [h.metric for h in find_aliases("单位GDP二氧化碳排放下降3%")] == ["carbon_intensity"]
    assert find_aliases("万元地区生产总值用水量下降4%") == []          # a per-unit-of-GDP figure with no code
    assert [h.metric for h in find_aliases("研发经费占GDP比重2.5%")] == ["rd_intensity"]


def test_urban_rural_and_all_residents_income_keep_their_codes():
    text = "城镇居民人均可支配收入、农村居民人均可支配收入和全体居民人均可支配收入"
    assert [h.metric for h in find_aliases(text)] == ["urban_income", "rural_income", "resident_income"]


def test_railway_as_a_qualifier_of_another_noun_is_no_transport_figure():
    # 铁路物流基地 counts logistics bases: only railway figures themselves (营业里程, 货运) are transport
    assert "transport" not in [h.metric for h in find_aliases("列入了77个国家二级铁路物流基地")]
    assert [h.metric for h in find_aliases("铁路营业里程达到5000公里")] == ["transport"]


def test_work_report_codes_are_other_outside_a_work_report():
    assert in_scope("transport", work_report=True) == "transport"
    assert in_scope("transport", work_report=False) == "other"
    assert in_scope("gdp", work_report=False) == "gdp"  # METRICS.md's codes before unemployment_rate hold everywhere
