"""Property-based: for any input, ingest, splitting, cleaning, sections and the extractors raise
nothing, the accounting balances, and every emitted row satisfies the offset invariant."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jianghua import ingest, pipeline
from jianghua.accounting import account
from jianghua.clean import clean_text
from jianghua.sections import find_sections
from jianghua.script import detect_script, to_simplified
from jianghua.split import split_speeches

pytestmark = pytest.mark.reliability

# Pieces of the corpus style (titles, salutations, markers, figures, dates, furniture) mixed with
# arbitrary Unicode, so the generated texts reach the rules rather than only the fallbacks.
PIECES = [
    "在全市经济工作会议上的讲话", "第一篇：", "篇二", "同志们：", "各位代表：", "一、", "二、", "（一）", "（二）",
    "第一，", "1.", "（1）", "一是", "二要", "2024年", "6月底前", "年底前", "增长6.5%", "完成12.3亿元", "万元",
    "亿元", "百分点", "左右", "以上", "省委", "市政府", "××县", "某某", "到2025年", "确保", "力争", "第四季度",
    "发布时间：2024-01-01", "来源：", "版权所有", "。", "，", "；", "：", "\n", "\r\n", "\r", " ", "\t",
    "\u3000\u3000", "\x00", "\x07", "\u202e", "\u200f", "\ufeff", "\u200b", "\u2028", "\x85", "\f", "<p>",
    "&nbsp;", "<html>", "國務院", "講話", "𠀀", "🙂", "١٢٣", "é",
]
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=50).map("".join)
SETTINGS = settings(max_examples=150, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@SETTINGS
@given(st.binary(max_size=3000))
def test_decode_any_bytes_never_raises_and_its_ledger_balances(data):
    d = ingest.decode(data)
    assert (d.text is None) != (d.error is None)
    if d.text is not None:
        assert d.decoded_chars == len(d.text) - d.added_breaks + sum(n for _, n in d.removed)
        assert "\x00" not in d.text and "\u202e" not in d.text
    else:
        assert d.error.strip()


@SETTINGS
@given(texts, st.sampled_from(["utf-8", "utf-16", "utf-16-le", "gb18030", "big5"]))
def test_decode_any_text_in_any_encoding_never_raises(text, codec):
    data = text.encode(codec, errors="ignore")
    d = ingest.decode(data)
    assert (d.text is None) != (d.error is None)


@SETTINGS
@given(texts)
def test_split_and_clean_lose_nothing_for_any_text(text):
    d = ingest.decode(text.encode("utf-8"))
    if d.text is None:
        return
    split = split_speeches(d.text)
    cleaned = [clean_text([ln.text for ln in sp.body]) for sp in split.speeches]
    assert account("any.txt", d, split, cleaned).balanced


@SETTINGS
@given(texts)
def test_sections_of_any_text_nest_inside_it(text):
    cleaned = clean_text(text.splitlines())
    simplified = to_simplified(cleaned, detect_script(cleaned))
    assert len(simplified) == len(cleaned)
    sections = find_sections(cleaned, simplified)
    by_path = {s["path"]: s for s in sections}
    for s in sections:
        assert 0 <= s["char_start"] <= s["char_end"] <= len(cleaned)
        parent = by_path.get(s["parent_path"]) if s["parent_path"] else None
        if parent:
            assert parent["char_start"] <= s["char_start"] and s["char_end"] <= parent["char_end"]


@SETTINGS
@given(texts)
def test_every_row_from_any_file_satisfies_the_offset_invariant(text):
    fr = pipeline.process_file("any.txt", text.encode("utf-8"))
    speeches = {s["speech_id"]: s["text"] for s in fr.speeches}
    for s in fr.speeches:
        assert s["n_chars"] == len(s["text"])
    for sec in fr.sections:
        assert 0 <= sec["char_start"] <= sec["char_end"] <= len(speeches[sec["speech_id"]])
    for table in ("indicators", "entities", "deadlines"):
        rows = getattr(fr, table)
        for r in rows:
            t = speeches[r["speech_id"]]
            assert 0 <= r["char_start"] < r["char_end"] <= len(t), (table, r)
            assert t[r["char_start"]:r["char_end"]] == r["span_text"], (table, r)
        for sid in speeches:  # sorted by (char_start, char_end) within each speech
            keys = [(r["char_start"], r["char_end"]) for r in rows if r["speech_id"] == sid]
            assert keys == sorted(keys), f"{table} rows are not sorted by offsets"
