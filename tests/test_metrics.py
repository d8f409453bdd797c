"""metrics.py: the metrics table (every METRICS.md code, both scripts) and the alias lookup."""
from __future__ import annotations

import re
from pathlib import Path

from jianghua.metrics import find_aliases, for_family, metric_rows

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
    assert find_aliases("新增市场主体1200户，个转企30户") == []


def test_projects_become_project_investment_for_money():
    assert for_family("projects", "money") == "project_investment"
    assert for_family("project_investment", "count") == "projects"
    assert for_family("gdp", "money") == "gdp"


def test_quoted_class_of_enterprises():
    assert [h.metric for h in find_aliases("新增34家“四上”企业，2家入规")] == ["new_enterprises", "new_enterprises"]


def test_words_that_contain_an_alias_but_name_something_else():
    assert find_aliases("农产品加工产值占农业总产值比重") == [h for h in find_aliases("农产品加工产值")]
    assert find_aliases("全省海洋生产总值增长6%") == []
