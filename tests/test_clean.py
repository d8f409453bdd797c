"""Stage clean: repairs of scraping, and nothing else (ANNOTATION.md §1)."""
from __future__ import annotations

from jianghua.clean import clean_text


def test_a_paragraph_broken_mid_sentence_is_joined():
    assert clean_text(["要加快推进机场建设，商丘机场", "已经编制新的可研报告。"]) == "要加快推进机场建设，商丘机场已经编制新的可研报告。"


def test_lines_ending_a_sentence_stay_paragraphs():
    assert clean_text(["第一段结束。", "第二段开始："]) == "第一段结束。\n第二段开始："


def test_a_line_before_a_heading_is_not_joined():
    assert clean_text(["这是没有句号的一行", "（二）抓关键、破瓶颈。"]) == "这是没有句号的一行\n（二）抓关键、破瓶颈。"


def test_a_standalone_heading_is_not_joined_to_its_body():
    text = clean_text(["一、準確把握形勢,進一步增強加快發展的信心和決心", "一年來,在區委的正確領導下,全區上下同心協力,取得明顯成效。"])
    assert text.split("\n")[0] == "一、準確把握形勢,進一步增強加快發展的信心和決心"


def test_a_heading_broken_over_two_lines_is_joined():
    text = clean_text(["二、落实好帮扶机制，促进民", "营经 济“两个健康”发展", "省委省政府实施的专项行动，是一项重大举措。"])
    assert text.split("\n") == ["二、落实好帮扶机制，促进民营经济“两个健康”发展", "省委省政府实施的专项行动，是一项重大举措。"]


def test_spaces_next_to_cjk_are_removed_but_punctuation_and_masks_stay():
    assert clean_text(["在 2024 年，增长 X% ,完成 6.25 亿元。"]) == "在2024年，增长X% ,完成6.25亿元。"


def test_lost_paragraph_breaks_are_restored():
    assert clean_text(["二、落实好机制\u3000\u3000省委省政府实施的专项行动。"]) == "二、落实好机制\n省委省政府实施的专项行动。"
    assert clean_text(["一、坚持问题导向 （一）扬优势、补短板。自今年以来。"]) == "一、坚持问题导向\n（一）扬优势、补短板。自今年以来。"


def test_blank_lines_and_edges_are_dropped():
    assert clean_text(["", "  同志们：  ", "\u3000\u3000今天开会。", " "]) == "同志们：\n今天开会。"


def test_a_heading_glued_after_the_last_sentence_of_a_line_becomes_a_paragraph():
    text = clean_text(["要打好项目建设“翻身仗”。二、要推进三大攻坚,筑牢高质量发展底线", "要坚决守住底线，防范化解风险。"])
    assert text.split("\n") == ["要打好项目建设“翻身仗”。", "二、要推进三大攻坚,筑牢高质量发展底线", "要坚决守住底线，防范化解风险。"]


def test_em_space_indents_and_zero_width_marks_are_white_space():
    assert clean_text(["\u2003\u2003一、坚持问题导向\u2003\u2003要加快推进。", " 在 2024 年\u200b"]) == \
        "一、坚持问题导向\n要加快推进。\n在2024年"
