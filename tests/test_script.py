"""Script detection and the offset-preserving Simplified view."""
from __future__ import annotations

from jianghua.script import detect_script, simplify, to_simplified

TRAD = "預計到年末，全區地區生產總值完成86.4億元，同比增長3%；規上工業增加值完成48.3億元。"
SIMP = "预计到年末，全区地区生产总值完成86.4亿元，同比增长3%；规上工业增加值完成48.3亿元。"


def test_detects_traditional_and_simplified():
    assert detect_script(TRAD) == "hant"
    assert detect_script(SIMP) == "hans"
    assert detect_script("GDP 3%") == "hans"


def test_simplified_view_has_the_same_offsets():
    view = to_simplified(TRAD, "hant")
    assert len(view) == len(TRAD)
    assert view == SIMP
    start = view.index("亿元")
    assert TRAD[start:start + 2] == "億元"


def test_simplified_text_is_never_converted():
    # tw2s would turn 显著 into 显着: Simplified documents are left alone.
    assert to_simplified("效果显著", "hans") == "效果显著"


def test_simplify_normalizes_names():
    assert simplify("撫順特鋼") == "抚顺特钢"
