"""Section markers: which paragraph openings are ordinals (rules/markers.yaml)."""
from __future__ import annotations

import pytest

from jianghua.markers import glued_heading_start, last_sentence_start, match_marker, starts_heading


@pytest.mark.parametrize("line, style, text, number", [
    ("（三）强化要素保障。", "cn_paren", "（三）", 3),
    ("(二)要持续优化服务。", "cn_paren", "(二)", 2),
    ("第二，着力扩大有效投资。", "cn_di", "第二，", 2),
    ("第十、抓好安全生产", "cn_di", "第十、", 10),
    ("四、切实抓好当前几项工作", "cn_dun", "四、", 4),
    ("十二、加强政府自身建设", "cn_dun", "十二、", 12),
    ("三、2025年重点任务", "cn_dun", "三、", 3),
    ("五是要强化督查考核。", "cn_shi", "五是", 5),
    ("六要抓好民生实事。", "cn_yao", "六要", 6),
    ("(4)完善考核办法。", "num_paren", "(4)", 4),
    ("7.加快发展现代服务业。", "num_dot", "7.", 7),
    ("8、推进城乡融合。", "num_dot", "8、", 8),
    ("１２．做好信访工作。", "num_dot", "１２．", 12),
    ("③强化资金监管。", "circled", "③", 3),
])
def test_each_marker_style_and_its_number(line, style, text, number):
    m = match_marker(line)
    assert (m.style, m.text, m.number) == (style, text, number)


@pytest.mark.parametrize("line", [
    "1-8月份，全市工业增加值增长2.1%。",      # a period of statistics
    "1—7月，固定资产投资增长*%。",
    "1、2月份受疫情影响较大。",               # a list of months
    "1.5万户企业已经复工。",                  # a decimal
    "一、二季度经济运行总体平稳。",            # a list of quarters
    "三、四线城市房地产市场分化。",
    "三要素缺一不可。",
    "第一季度完成投资X亿元。",               # 第一 without its punctuation
    "十四五规划编制工作已经启动。",
    "同志们，做好今年的工作意义重大。",
    "",
])
def test_body_text_openings_are_not_markers(line):
    assert match_marker(line) is None


def test_a_marker_is_matched_at_a_position_inside_a_string():
    text = "要加快推进机场建设。二是推进高速公路建设。"
    assert match_marker(text, 10).text == "二是"
    assert match_marker(text, 9) is None


def test_traditional_text_has_the_same_markers():
    assert match_marker("(三)要多措並舉促投資。").number == 3
    assert match_marker("二是要堅持問題導向。").style == "cn_shi"


def test_starts_heading_ignores_em_space_indentation():
    # some sources indent with em spaces (U+2003), not ideographic spaces
    assert starts_heading("\u2003\u2003一、2024年工作回顾")
    assert starts_heading("\u2003\u2003（二）深化改革开放")
    assert not starts_heading("\u2003\u2003过去一年，全省经济稳中有进。")


def test_starts_heading_ignores_indentation():
    assert starts_heading("\u3000\u3000（一）扬优势、补短板。")
    assert starts_heading("  第三，财政收支压力大。")
    assert not starts_heading("\u3000\u3000今年以来，全市经济稳中向好。")


def test_last_sentence_start():
    text = "各项任务落实落地。二是要坚持问题导向。"
    assert text[last_sentence_start(text):] == "二是要坚持问题导向。"
    assert last_sentence_start("只有一句话。") == 0
    quoted = "这是“一分部署，九分落实。”三是要坚持效果导向。"
    assert quoted[last_sentence_start(quoted):] == "三是要坚持效果导向。"


def test_a_heading_glued_at_the_end_of_a_body_line_is_found_for_cleaning():
    line = "坚决打好项目建设“翻身仗”。二、要推进三大攻坚,筑牢高质量发展底线"
    assert line[glued_heading_start(line):] == "二、要推进三大攻坚,筑牢高质量发展底线"
    trad = "切實維護社會穩定。三、要強化市場運作,激發高質量發展活力"
    assert trad[glued_heading_start(trad):] == "三、要強化市場運作,激發高質量發展活力"


@pytest.mark.parametrize("line", [
    "要加快推进机场建设。二是加快推进",            # a body sentence broken after an inline 二是: join it
    "坚决打好项目建设“翻身仗”。二、要推进三大攻坚。",  # ends a sentence: cleaning does not join anyway
    "二、要推进三大攻坚,筑牢高质量发展底线",          # a heading line on its own
    "全力以赴抓好落实。（三）要加快推进重大项目建设，全年完成投资不低于上年水平并力争实现新突破",  # too long
    "各级各部门要高度重视，认真抓好落实",
])
def test_lines_without_a_glued_heading(line):
    assert glued_heading_start(line) is None
