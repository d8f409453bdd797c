"""Stage ingest on hostile bytes: every file is decoded with a ledger, or refused with a reason."""
from __future__ import annotations

import codecs

import pytest

from jianghua import ingest
from jianghua.ingest import decode

pytestmark = pytest.mark.reliability

TITLE = "在全县经济工作会议上的讲话"
BODY = ("同志们：\n今年全县地区生产总值增长6.5%，一般公共预算收入完成12.3亿元。\n"
        "我们要坚定信心，扎实推进重点项目建设，确保年底前全面完成各项目标任务。\n")
SPEECH = f"{TITLE}\n{BODY}"


def balanced(d: ingest.Decoded) -> bool:
    """The ingest ledger: decoded characters = kept - added line breaks + recorded removals."""
    return d.decoded_chars == len(d.text) - d.added_breaks + sum(n for _, n in d.removed)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_chinese_and_ascii_heavy(codec):
    d = decode(SPEECH.encode(codec))
    assert (d.text, d.encoding) == (SPEECH, codec)
    mostly_ascii = "Speech 2024 GDP +6.5% growth\n" * 20 + SPEECH
    d = decode(mostly_ascii.encode(codec))
    assert (d.text, d.encoding) == (mostly_ascii, codec)


def test_truncated_utf8_keeps_the_text_and_records_the_broken_tail():
    data = SPEECH.encode("utf-8") + "确保".encode("utf-8")[:4]  # 确 whole, 保 cut after 1 byte
    d = decode(data)
    assert d.encoding == "utf-8" and d.text == SPEECH + "确" and d.dropped_bytes == 1


def test_truncated_gbk_keeps_the_text_and_records_the_broken_tail():
    d = decode(SPEECH.encode("gbk") + "确".encode("gbk")[:1])
    assert d.encoding == "gb18030" and d.text == SPEECH and d.dropped_bytes == 1


def test_utf8_bad_byte_in_the_middle_is_not_mistaken_for_truncation():
    d = decode(b"\x80\xff" * 50)
    assert d.text is None and "not valid UTF-8" in d.error and "offset 0" in d.error


def test_mixed_utf8_and_gbk_lines_are_decoded_line_by_line():
    second = "第二篇：在全市安全生产工作会议上的讲话\n同志们：\n要压实安全生产责任，坚决遏制重特大事故发生。\n"
    d = decode(SPEECH.encode("utf-8") + second.encode("gbk"))
    assert d.encoding == "mixed:utf-8+gb18030"
    assert d.text == SPEECH + second


def test_pure_gbk_file_is_not_called_mixed():
    d = decode((SPEECH * 3).encode("gbk"))
    assert (d.encoding, d.text) == ("gb18030", SPEECH * 3)


def test_nul_and_control_characters_are_removed_and_counted():
    dirty = SPEECH.replace("今年", "今\x00年").replace("扎实", "扎\x07实\x1b")
    d = decode(dirty.encode("utf-8"))
    assert d.text == SPEECH
    assert dict(d.removed) == {"control_characters": 3}
    assert balanced(d)


def test_right_to_left_marks_and_overrides_are_removed_and_counted():
    dirty = SPEECH.replace("增长", "\u202e增长\u202c").replace("亿元", "亿元\u200f")
    d = decode(dirty.encode("utf-8"))
    assert d.text == SPEECH and dict(d.removed) == {"bidi_controls": 3} and balanced(d)


def test_tabs_form_feeds_and_line_breaks_are_kept():
    text = SPEECH.replace("\n", "\r\n") + "\f\t附件\n"
    assert decode(text.encode("utf-8")).text == text


def test_a_binary_blob_that_happens_to_be_valid_utf8_is_rejected():
    blob = bytes(range(1, 32)) * 40 + SPEECH.encode("utf-8")
    d = decode(blob)
    assert d.text is None and d.error.startswith("binary file")


def test_binary_file_with_nul_bytes_is_rejected():
    d = decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01\xff\xd8" * 10)
    assert d.text is None and "binary" in d.error


@pytest.mark.parametrize("data", [b"", b" \n\t\r\n", "\u3000\n".encode("utf-8")])
def test_empty_and_blank_files_are_rejected(data):
    d = decode(data)
    assert d.text is None and ("empty" in d.error or "no text" in d.error)


def test_a_line_of_millions_of_characters_is_rejected_with_its_line_number():
    data = (SPEECH + "数" * (ingest.MAX_LINE_CHARS + 1) + "\n").encode("utf-8")
    d = decode(data)
    assert d.text is None and d.error.startswith("line 5 is 1,000,001 characters long")


def test_too_large_file_is_rejected_before_decoding(monkeypatch):
    monkeypatch.setattr(ingest, "MAX_FILE_BYTES", 100)
    d = decode(SPEECH.encode("utf-8"))
    assert d.text is None and d.error.startswith("file too large")


PAGE = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{TITLE}_某某县人民政府网</title>
<style>p {{ color: red }}</style><script>var a = "<p>不是正文</p>";</script>
<body><nav><a href="/">首页</a> &gt; <a href="/ldjh">领导讲话</a></nav>
<div class="article"><h1>{TITLE}</h1>
<p>同志们：</p>
<p>　　今年全县地区生产总值增长6.5%，
一般公共预算收入完成12.3亿元&mdash;&mdash;好于预期。</p>
<!-- 广告位 --><p>我们要坚定信心&nbsp;扎实推进<b>重点项目</b>建设。<br>确保年底前全面完成。</p>
</div><footer>版权所有 某某县人民政府</footer></body></html>"""


def test_html_page_yields_its_visible_text_in_blocks():
    d = decode(PAGE.encode("utf-8"))
    assert d.encoding == "utf-8+html"
    lines = [ln.strip(" ") for ln in d.text.splitlines() if ln.strip()]
    assert lines[0] == TITLE
    assert lines[1] == "同志们："
    assert lines[2] == "　　今年全县地区生产总值增长6.5%， 一般公共预算收入完成12.3亿元——好于预期。"
    assert lines[3] == "我们要坚定信心\xa0扎实推进重点项目建设。"
    assert lines[4] == "确保年底前全面完成。"
    assert len(lines) == 5  # no title tag, script, style, nav, comment or footer text


def test_html_markup_pieces_cover_the_page_with_the_text():
    d = decode(PAGE.encode("utf-8"))
    assert balanced(d) and d.decoded_chars == len(PAGE)
    covered = sum(e - s for s, e, _ in d.markup)
    assert dict(d.removed)["html_markup"] == covered
    ends = [0]
    for s, e, _ in d.markup:  # sorted, disjoint
        assert ends[-1] <= s < e <= len(PAGE)
        ends.append(e)
    # every removed piece is markup or hidden text, never a visible sentence
    removed = "".join(PAGE[s:e] for s, e, _ in d.markup)
    assert "同志们" not in removed and "不是正文" in removed and "首页" in removed


def test_html_in_gbk_with_missing_end_tags_still_reads():
    page = f"<html><head><title>x</title><body><p>{TITLE}<p>同志们：<p>要抓好春耕生产。"
    d = decode(page.encode("gbk"))
    assert d.encoding == "gb18030+html"
    assert [ln for ln in d.text.splitlines() if ln] == [TITLE, "同志们：", "要抓好春耕生产。"]


def test_plain_text_mentioning_a_tag_is_not_html():
    text = SPEECH + "网页代码中的<p>标签不是正文。\n"
    assert decode(text.encode("utf-8")).encoding == "utf-8"


def test_stray_byte_order_mark_in_mid_text_is_removed():
    d = decode(codecs.BOM_UTF8 + (SPEECH + "\ufeff" + SPEECH).encode("utf-8"))
    assert d.encoding == "utf-8-sig" and d.text == SPEECH + SPEECH and balanced(d)
