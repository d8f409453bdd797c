"""The administrative-division gazetteer (places.py, data/admin_divisions.tsv)."""
from __future__ import annotations

from importlib import resources

import pytest

from jianghua import places


def test_data_file_records_its_packaged_source():
    text = resources.files("jianghua").joinpath("data/admin_divisions.tsv").read_text("utf-8")
    assert text.startswith("# source: cpca 0.5.5")
    readme = resources.files("jianghua").joinpath("data/README.md").read_text("utf-8")
    assert "MIT" in readme and "export_admin_divisions.py" in readme


def test_every_level_is_present_and_codes_are_six_digits():
    divs = places.divisions()
    levels = {d.level for d in divs}
    assert levels == {"province", "prefecture", "county"}
    assert all(len(d.code) == 6 and d.code.isdigit() for d in divs)
    assert len(divs) > 3000
    # placeholders of the source (市辖区, 县) name no place and are dropped
    assert not any(d.name in ("市辖区", "县") for d in divs)


@pytest.mark.parametrize("name, code", [
    ("睢县", "411422"),          # a county known by its full name
    ("夏邑县", "411426"),
    ("永城市", "411481"),        # a county-level city
    ("商丘市", "411400"),        # a prefecture
    ("商丘", "411400"),          # ... by its short name
    ("湖南", "430000"),          # a province by its short name
    ("湘西土家族苗族自治州", "433100"),
    ("湘西", "433100"),          # autonomous prefecture: ethnic names stripped
    ("新疆", "650000"),
    ("望花区", "210404"),
])
def test_known_divisions_resolve_to_their_gb2260_code(name, code):
    assert places.resolve_admin_code(name) == code


def test_traditional_names_resolve_too():
    assert places.resolve_admin_code("望花區") == "210404"


def test_duplicate_district_names_need_their_prefecture():
    # 和平区 is in 天津市 and in 沈阳市; 朝阳区 in 北京市 and 长春市
    assert places.resolve_admin_code("和平区") is None
    assert places.resolve_admin_code("和平区", within="沈阳市") == "210102"
    assert places.resolve_admin_code("和平区", within="120000") == "120101"
    assert places.resolve_admin_code("朝阳区", within="北京") == "110105"


def test_a_name_with_its_parents_resolves_to_the_last():
    assert places.resolve_admin_code("河南省商丘市睢县") == "411422"
    # parents that do not hold the child: no guess
    assert places.resolve_admin_code("辽宁省睢县") is None


def test_short_name_prefers_the_city_over_the_county_inside_it():
    # 长沙 is both 长沙市 and the 长沙县 inside it: the city holds the other
    assert places.resolve_admin_code("长沙") == "430100"


def test_unknown_or_generic_names_do_not_resolve():
    for name in ("全市", "我区", "示范区", "各县市区", "", "X省"):
        assert places.resolve_admin_code(name) is None


def test_matcher_is_leftmost_longest_and_skips_common_words():
    m = places.place_matcher()
    found = [t for _, _, t in m.find("商丘市和芜湖的干部到湖南学习，加强合作与振兴")]
    assert found == ["商丘市", "芜湖", "湖南"]


def test_county_short_names_are_local_to_the_jurisdiction():
    local = places.county_short_names_within("210404")  # 望花区 → the counties of 抚顺市
    assert local["望花"] == "210404"
    assert "睢阳" not in local
    assert places.county_short_names_within(None) == {}


def test_province_short_name_beats_a_far_off_county_of_the_same_short_name():
    # 河南 is 河南省 and also the short name of 河南蒙古族自治县 in 青海
    assert places.resolve_admin_code("河南") == "410000"


def test_the_whole_country_resolves_to_the_national_code_but_is_no_division_to_find():
    # the State Council's reports: jurisdiction 中国, admin_code 100000 (DATA_MODEL.md)
    assert places.resolve_admin_code("中国") == places.NATIONAL_CODE == "100000"
    assert places.resolve_admin_code("中华人民共和国") == "100000"
    # a local speech saying 中国 names no place of its own
    assert [t for _, _, t in places.place_matcher().find("中国式现代化的商丘实践")] == ["商丘"]
    assert "100000" not in places.by_code()


@pytest.mark.parametrize("short, code, official", [
    ("上海", "310000", "上海市"), ("广西", "450000", "广西壮族自治区"), ("内蒙古", "150000", "内蒙古自治区"),
    ("新疆", "650000", "新疆维吾尔自治区"), ("西藏", "540000", "西藏自治区"), ("宁夏", "640000", "宁夏回族自治区"),
])
def test_provinces_by_short_name_resolve_to_their_full_official_name(short, code, official):
    assert places.resolve_admin_code(short) == code
    assert places.by_code()[code].name == official
