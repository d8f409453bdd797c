"""The GDP growth target of every external government work report is one right indicator row.

Builds ../shared/corpus/external once (119 real reports) and finds, with a regex
written here independently of the extractor, the sentence that announces the
GDP growth target (主要预期目标是：地区生产总值增长5%左右…, 经济增长预期目标为7%左右,
增长4.5%—5%). Each such phrase must hold exactly one indicator row: metric gdp,
measure growth, status target, with the value, value_max and comparator the
phrase states (左右 approx, 以上 gte, a range, else eq).
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

EXTERNAL = Path(__file__).parents[1].parent / "shared" / "corpus" / "external"

# GDP named as the reports name it; 海洋/人均/县域 GDP are other figures.
_NAME = r"(?<!海洋)(?<!人均)(?<!县域)(?<!国民)(?:年均)?(?:国内生产总值|地区生产总值|生产总值|经济)"
_NUM = r"[0-9]+(?:\.[0-9]+)?"
GDP_PHRASE = re.compile(
    rf"{_NAME}(?:按)?(?:年均)?(?:增长|增速)(?:速度)?(?:的)?(?:[\u4e00-\u9fff]{{0,4}}目标)?(?:为|是|定为|设定为|保持在)?"
    rf"(?P<num>(?P<v>{_NUM})%?(?:(?:——|[-—–~至到])(?P<v2>{_NUM}))?%(?P<cmp>左右|以上)?)")
# The phrase states an aim when the words since the sentence began say so.
TARGET_CONTEXT = re.compile(r"预期目标|主要目标|调控目标|经济增长目标")
# …unless the aim is said to be met: a review's result (全面实现年初确定的主要目标，国内生产总值增长7.8%).
DONE_CONTEXT = re.compile(r"(?:实现|完成)[^，。；]{0,8}(?:预期目标|主要目标)")


def norm_map(text: str) -> tuple[str, list[int]]:
    """NFKC, whitespace dropped; for each original offset its offset in the result."""
    out, where, n = [], [], 0
    for ch in text:
        where.append(n)
        if ch.isspace():
            continue
        piece = unicodedata.normalize("NFKC", ch)
        out.append(piece)
        n += len(piece)
    where.append(n)
    return "".join(out), where


def target_phrases(text: str) -> list[tuple[int, int, dict]]:
    """(start, end, expected fields) of the number of each GDP target phrase, in normalized text."""
    found = []
    for m in GDP_PHRASE.finditer(text):
        lead = text[text.rfind("。", 0, m.start()) + 1:m.start()]
        if not TARGET_CONTEXT.search(lead + m.group()) or DONE_CONTEXT.search(lead) or "预计" in lead[-12:]:
            continue
        v2 = m.group("v2")
        comparator = "range" if v2 else {"左右": "approx", "以上": "gte"}.get(m.group("cmp"), "eq")
        found.append((m.start("num"), m.end("num"),
                      {"value": float(m.group("v")), "value_max": float(v2) if v2 else None,
                       "comparator": comparator}))
    return found


def _same(a, b) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and abs(float(a) - float(b)) < 1e-9)


@pytest.fixture(scope="module")
def external_tables():
    if not EXTERNAL.is_dir():
        pytest.skip(f"external corpus not found at {EXTERNAL}: these checks need ../shared/corpus/external")
    from jianghua.pipeline import build_tables

    tables = build_tables(EXTERNAL, workers=None)
    speeches = tables["speeches"].to_pylist()
    rows: dict[str, list[dict]] = {}
    for r in tables["indicators"].to_pylist():
        rows.setdefault(r["speech_id"], []).append(r)
    return speeches, rows


def test_every_gdp_target_phrase_is_one_gdp_growth_target_row(external_tables):
    speeches, rows_by_speech = external_tables
    reports = [s for s in speeches if str(s["source_file"]).endswith(".txt")]
    assert len(reports) >= 100, "the external corpus should hold about 119 reports"
    covered, problems = 0, []
    for sp in reports:
        ntext, where = norm_map(sp["text"])
        phrases = target_phrases(ntext)
        if not phrases:
            continue
        covered += 1
        rows = [(where[r["char_start"]], where[r["char_end"]], r) for r in rows_by_speech.get(sp["speech_id"], [])]
        for start, end, want in phrases:
            inside = [r for a, b, r in rows if a < end and b > start]
            label = f"{sp['source_file']}: {ntext[max(0, start - 14):end + 2]}"
            if len(inside) != 1:
                problems.append(f"{label} → {len(inside)} rows")
                continue
            r = inside[0]
            got = (r["metric"], r["measure"], r["status"], r["value"], r["value_max"], r["comparator"])
            if (r["metric"], r["measure"], r["status"], r["comparator"]) != ("gdp", "growth", "target", want["comparator"]) \
                    or not _same(r["value"], want["value"]) or not _same(r["value_max"], want["value_max"]):
                problems.append(f"{label} → {got}, want {want}")
    print(f"\nGDP growth targets checked in {covered} of {len(reports)} external reports")
    assert covered >= 80, f"the regex found GDP targets in only {covered} reports"
    assert not problems, f"{len(problems)} GDP target phrases wrong:\n" + "\n".join(problems)
