"""numbers.py: number expressions as speeches write them (Arabic, full-width, Chinese, masks, ranges)."""
from __future__ import annotations

import pytest

from jianghua.numbers import find_value_exprs, is_mask, parse_number, unit_factor, value_base

UNITS = ["亿元", "万元", "元", "%", "％", "个百分点", "个", "家", "户", "位", "万人", "人", "月份", "月", "日", "年", "亩"]


def one(text: str):
    found = find_value_exprs(text, UNITS)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("raw, value", [
    ("86.4", 86.4), ("１５５００", 15500.0), ("1,200", 1200.0), ("三十五", 35.0), ("两", 2.0),
    ("一千", 1000.0), ("零", 0.0), ("一点五", 1.5), ("1.848万亿", 1.848e12), ("3千万", 3e7),
])
def test_parse_number(raw, value):
    assert parse_number(raw) == pytest.approx(value)


@pytest.mark.parametrize("mask", ["X", "XX", "*", "**", "***", "×", "Ｘ"])
def test_masks_have_no_value(mask):
    assert is_mask(mask) and parse_number(mask) is None


def test_money_with_multiplier_keeps_unit_as_written():
    e = one("全县税收收入完成12.5亿元，")
    assert (e.value, e.unit) == (12.5, "亿元")
    assert value_base(e.value, e.unit) == pytest.approx(1.25e9)


def test_multiplier_without_yuan_is_the_unit():
    e = one("下达新增2.3万亿债券")
    assert (e.value, e.unit) == (2.3, "万亿")
    assert unit_factor("万亿") == 1e12


def test_more_than_between_two_multipliers():
    e = one("撬动社会投资2万多亿")
    assert (e.value, e.unit, e.more) == (20000.0, "亿", True)


def test_more_than_before_unit():
    e = one("储备项目600多个")
    assert (e.value, e.unit, e.more) == (600.0, "个", True)


@pytest.mark.parametrize("text, lo, hi", [
    ("增长6%－6.5%左右", 6.0, 6.5), ("增长4.5—5%", 4.5, 5.0), ("上调10%-15%", 10.0, 15.0),
    ("扩大到12万亩至15万亩", 12.0, 15.0),
])
def test_ranges_are_one_expression(text, lo, hi):
    found = [e for e in find_value_exprs(text, UNITS + ["万亩"]) if e.is_range]
    assert len(found) == 1 and (found[0].value, found[0].value_max) == (lo, hi)


def test_month_span_is_a_range_of_months_not_a_percentage():
    e = one("1-6月份")
    assert e.unit == "月份" and e.is_range


def test_minus_sign_is_kept_apart_from_the_magnitude():
    e = one("高新区-3.2%。")
    assert (e.value, e.negative) == (3.2, True)


def test_masked_expression():
    e = one("园区营业收入达到XX亿元")
    assert e.is_masked and e.value is None and e.unit == "亿元"


def test_full_width_digits_and_percent():
    e = one("增长７．５％")
    assert (e.value, e.unit) == (7.5, "％")


@pytest.mark.parametrize("text, value, hi", [("提高百分之五", 5.0, None), ("定为百分之七至八", 7.0, 8.0)])
def test_percent_in_words(text, value, hi):
    e = one(text)
    assert (e.value, e.value_max, e.unit) == (value, hi, "%")


@pytest.mark.parametrize("text", ["占到1/4", "约四分之一"])
def test_fractions(text):
    e = one(text)
    assert e.kind == "fraction" and e.value == pytest.approx(0.25)


def test_one_half_in_words_is_a_fraction():
    e = one("再压减一半以上")
    assert (e.kind, e.value, e.unit, e.is_chinese) == ("fraction", 0.5, None, True)
    # 十一半 is no half: the 一 belongs to the number before
    assert all(x.kind != "fraction" for x in find_value_exprs("二十一半", UNITS))


def test_chinese_numeral_count_is_flagged():
    e = one("新建三个产业园")
    assert (e.value, e.unit, e.is_chinese) == (3.0, "个", True)


def test_unit_factor_does_not_read_percentage_points_as_hundreds():
    assert unit_factor("个百分点") == 1 and unit_factor("百分点") == 1 and unit_factor("万人") == 1e4


def test_spoken_multiplier_with_ge():
    e = one("实现6个亿左右的新增产能")
    assert (e.value, e.unit) == (6.0, "亿")


def test_count_before_a_money_class_keeps_its_classifier():
    found = find_value_exprs("签约5个亿元以上项目", UNITS)
    assert [(f.value, f.unit) for f in found][0] == (5.0, "个")


# Older national reports write thousands with the full-width comma, which is also the clause comma.
@pytest.mark.parametrize("text, value, unit", [
    ("由上年亏损9，000万元转为盈利3亿多元", 9000.0, "万元"),
    ("全年收入合计２７，２０３，３１９，０００元，", 27203319000.0, "元"),
    ("全国取得的重大科学技术成果3，000多项。", 3000.0, "项"),
])
def test_a_full_width_comma_between_digit_groups_is_a_thousands_separator(text, value, unit):
    e = find_value_exprs(text, UNITS + ["项"])[0]
    assert (e.value, e.unit) == (value, unit)


def test_a_full_width_comma_between_clauses_separates_two_numbers():
    found = find_value_exprs("增长5%，100个项目开工，粮食产量12，3456亩", UNITS)
    assert [(e.value, e.unit) for e in found] == [(5.0, "%"), (100.0, "个"), (12.0, None), (3456.0, "亩")]


@pytest.mark.parametrize("text, value, unit", [
    ("外汇储备达到二十六亿六千万美元，", 2.66e9, "美元"),
    ("全国有二万四千多个人民公社", 24000.0, "个"),
    ("棉田一千零四十四万八千亩", 10448000.0, "亩"),
    ("生猪存栏二亿七千万头", 2.7e8, "头"),
])
def test_a_chinese_numeral_with_yi_or_wan_inside_is_one_number(text, value, unit):
    e = one_of(text, UNITS + ["美元", "头"])
    assert (e.value, e.unit) == (value, unit)
    assert e.is_chinese


def test_a_unit_beginning_with_qian_is_not_part_of_a_chinese_numeral():
    e = one_of("建设百万千瓦级核电机组", UNITS + ["千瓦"])
    assert e.unit == "万千瓦"  # 百万 with the unit 千瓦, not the numeral 百万千


def one_of(text: str, units: list[str]):
    found = find_value_exprs(text, units)
    assert len(found) == 1, found
    return found[0]
