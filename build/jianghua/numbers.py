"""Number expressions of speeches: parse what a figure says, nothing about what it measures.

Pure functions over short strings. The scanner :func:`find_value_exprs` finds
value expressions (a number or mask, its 万/亿 multipliers, 多/余, a unit and
an optional second end of a range) in Simplified text; :func:`parse_number`
turns one number into a float. Chinese numerals go through cn2an, but only on
the numeral itself: cn2an rewrites whole sentences (一是 → 1是) and fails on
mixed forms such as 1.848万亿 or 1万多亿, which are split here first.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import cn2an

from .extract.scan import fast

# Placeholders scraped sites put where a number was: X, XX, *, **, ***, ×.
MASK_RE = r"(?:[XxＸｘ×]{1,3}|[*＊]{1,3})"
# Thousands separators: ASCII 1,200 and, in older national reports, the full-width comma (9，000万元). A
# full-width comma is also the clause comma, so it groups only after 1-3 leading digits and before exactly 3.
ARABIC_RE = (r"(?:[0-9０-９]{1,3}(?:[,，][0-9０-９]{3}(?![0-9０-９]))+|[0-9０-９]+(?:,[0-9]{3}(?![0-9]))*)"
             r"(?:[.．][0-9０-９]+)?")
_CN_DIGITS = "[零〇一二两三四五六七八九十百千]+"
# A Chinese numeral with 亿/万 inside (二十六亿六千万, 二万四千, 二亿八千六百七十七万三千) is one number: cn2an reads it whole.
# Not when its last 千/百 begins a unit (百万千瓦 is 百万 千瓦).
CHINESE_COMPOUND_RE = (rf"(?:{_CN_DIGITS}亿{_CN_DIGITS}万(?:{_CN_DIGITS})?|{_CN_DIGITS}[亿万]{_CN_DIGITS})"
                       rf"(?![瓦米克伏])")
CHINESE_RE = rf"(?:{CHINESE_COMPOUND_RE}|{_CN_DIGITS}(?:点[零〇一二三四五六七八九]+)?)"
# Multipliers that can stand between a number and its unit (86.4亿元, 1.848万亿, 3千万).
MULT_RE = r"(?:[十百千]?万亿|[十百千]?亿|[十百千]?万)"
RANGE_SEP_RE = r"(?:——|[-－—–~～至到])"
_MULT_VALUE = {"十": 10.0, "百": 100.0, "千": 1000.0, "万": 1e4, "亿": 1e8}
# Units whose first character is not a multiplier (百分点 is not 百 × 分点).
ATOMIC_UNITS = ("个百分点", "百分点", "千瓦时", "千瓦", "千米", "千克", "千伏", "百分比", "十亿")


@dataclass(frozen=True)
class ValueExpr:
    """One value expression found in a text; offsets index that text."""
    start: int
    end: int
    value: float | None
    """The number in the stated unit (low end of a range); None when masked."""
    value_max: float | None
    unit: str | None
    """The unit as written (multiplier included): 亿元, 万亿, %, 个, 万人."""
    is_masked: bool
    negative: bool
    """Written with a minus sign (-7.9%)."""
    more: bool
    """多/余 after the number: more than (1000多个, 5000多亿元)."""
    is_range: bool
    kind: str
    """number, percent_words (百分之五) or fraction (1/3, 三分之一, 一半)."""
    is_chinese: bool
    """The number is written in Chinese numerals (一个, 四个)."""


_MASK = re.compile(MASK_RE)
_ARABIC = re.compile(ARABIC_RE)


def is_mask(s: str) -> bool:
    return bool(_MASK.fullmatch(s))


def _ascii(s: str) -> str:
    # Full-width digits and points → ASCII; NFKC maps one character to one here.
    return "".join(unicodedata.normalize("NFKC", c) if c in "０１２３４５６７８９．％" else c for c in s)


@lru_cache(maxsize=8192)  # pure, and the same numerals recur (一, 两, 10): cn2an is slow
def parse_number(s: str) -> float | None:
    """A single number: 86.4, １５５００, 1,200, 三十五, 两, 一千, 1.848万亿 (→ 1.848e12); None for a mask."""
    s = s.strip()
    if not s or is_mask(s):
        return None
    factor = 1.0
    # Trailing multipliers: 1.848万亿 → 1.848 × 1e12 (cn2an fails on the mixed form).
    m = re.fullmatch(rf"(.*?[0-9０-９])({MULT_RE}|千|百)", s)
    if m:
        s, factor = m.group(1), multiplier(m.group(2))
    a = _ascii(s).replace(",", "").replace("，", "")
    if re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", a):
        return float(a) * factor
    if re.fullmatch(CHINESE_RE + f"{MULT_RE}?", s):
        try:
            return float(cn2an.cn2an(s, "smart")) * factor
        except (ValueError, KeyError, IndexError):
            return None
    return None


def multiplier(prefix: str) -> float:
    """万 → 1e4, 万亿 → 1e12, 千亿 → 1e11, 千万 → 1e7; '' → 1."""
    f = 1.0
    for ch in prefix:
        f *= _MULT_VALUE[ch]
    return f


def unit_factor(unit: str | None) -> float:
    """How many base units one stated unit is: 亿元 → 1e8 (yuan), 万人 → 1e4, % → 1, 万千瓦 → 1e4."""
    if not unit:
        return 1.0
    f, rest = 1.0, unit
    while rest and not rest.startswith(ATOMIC_UNITS) and rest[0] in _MULT_VALUE:
        f *= _MULT_VALUE[rest[0]]
        rest = rest[1:]
    return f


@lru_cache(maxsize=8)
def _scanner(units: tuple[str, ...]) -> re.Pattern[str]:
    unit_re = "|".join(re.escape(u) for u in sorted(set(units), key=lambda u: (-len(u), u)))

    def atom(i: int) -> str:
        return (rf"(?P<sign{i}>(?<![0-9０-９%％]){'[-－−]'})?"
                rf"(?P<num{i}>{ARABIC_RE}|(?<![A-Za-zＡ-Ｚａ-ｚ]){MASK_RE}(?![A-Za-zＡ-Ｚａ-ｚ])|{CHINESE_RE})"
                # 个 before 亿 is the spoken form of a multiplier (6个亿 = 6亿): part of the span, not the unit;
                # but 5个亿元以上项目 counts projects, and 4个千亿台阶 counts thresholds
                rf"(?:个(?=[十百千]?万?亿(?![元级以]|台阶)))?"
                rf"(?P<m1{i}>{MULT_RE})?(?P<more{i}>多|余)?(?P<m2{i}>万亿|亿|万)?(?P<unit{i}>{unit_re})?")

    number = rf"{atom(1)}(?:(?P<sep>{RANGE_SEP_RE}){atom(2)})?"
    percent_words = (rf"(?P<pw>百分之(?P<pwnum>{CHINESE_RE}|{ARABIC_RE})"
                     rf"(?:(?:至|到|－|-)(?:百分之)?(?P<pwnum2>{CHINESE_RE}|{ARABIC_RE}))?)")
    fraction = (rf"(?P<fr>(?<![0-9０-９.])(?P<fa>[0-9]+)/(?P<fb>[0-9]+)(?![0-9/])"
                rf"|(?P<fcb>[一二三四五六七八九十]+)分之(?P<fca>[一二三四五六七八九十]+)"
                rf"|(?P<half>(?<![一二三四五六七八九十百千万])一半))")  # 压减一半以上: one half
    return re.compile(f"{percent_words}|{fraction}|{number}")


def _atom(m: re.Match, i: int) -> tuple[float | None, str | None, bool, bool, bool]:
    num, m1, m2, unit = m.group(f"num{i}"), m.group(f"m1{i}") or "", m.group(f"m2{i}") or "", m.group(f"unit{i}") or ""
    masked = is_mask(num)
    value = None if masked else parse_number(num)
    if m2:  # 1万多亿: the first multiplier belongs to the number, the second to the unit
        value = None if value is None else value * multiplier(m1)
        unit_text = m2 + unit
    else:
        unit_text = m1 + unit
    return value, unit_text or None, masked, bool(m.group(f"sign{i}")), bool(m.group(f"more{i}"))


def find_value_exprs(text: str, units: Sequence[str]) -> list[ValueExpr]:
    """Every value expression in ``text`` (Simplified), left to right, not overlapping.

    ``units`` are the unit words a number may carry (亿元, %, 个 …); a number
    without one is still returned (unit None): the caller decides what a bare
    number means.
    """
    out: list[ValueExpr] = []
    pattern = fast(_scanner(tuple(units)))  # extract/scan.py: the same matches, skipping in C
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        pos = m.end()
        if m.group("pw"):
            v = parse_number(m.group("pwnum"))
            v2 = parse_number(m.group("pwnum2")) if m.group("pwnum2") else None  # 百分之八至九
            out.append(ValueExpr(m.start(), m.end(), v, v2, "%", False, False, False, v2 is not None,
                                 "percent_words", not _ARABIC.match(m.group("pwnum"))))
            continue
        if m.group("fr"):
            if m.group("half"):
                a, b, chinese = 1.0, 2.0, True
            elif m.group("fa"):
                a, b, chinese = float(m.group("fa")), float(m.group("fb")), False
            else:
                a, b, chinese = parse_number(m.group("fca")), parse_number(m.group("fcb")), True
            v = a / b if a is not None and b else None
            out.append(ValueExpr(m.start(), m.end(), v, None, None, False, False, False, False, "fraction", chinese))
            continue
        v1, u1, masked1, neg1, more1 = _atom(m, 1)
        end = max(m.end(g) for g in ("num1", "m11", "more1", "m21", "unit1") if m.group(g) is not None)
        v_max, unit, is_range, masked = None, u1, False, masked1
        if m.group("sep") and m.group("num2"):
            v2, u2, masked2, neg2, _ = _atom(m, 2)
            # A range joins two numbers of one unit (6%-6.5%, 4.5—5%, 16万亩至20万亩).
            if u2 and (u1 is None or u1 == u2) and not neg2 and masked1 == masked2:
                end, v_max, unit, is_range = m.end(), v2, u2, True
        pos = end  # a rejected second half is scanned again on its own
        out.append(ValueExpr(m.start(), end, v1, v_max, unit, masked, neg1, more1, is_range, "number",
                             not masked1 and not _ARABIC.match(m.group("num1"))))
    return out


def value_base(value: float | None, unit: str | None) -> float | None:
    """The value in base units: yuan for money (86.4亿元 → 8.64e9), percent for %, plain count for counts."""
    if value is None:
        return None
    return value * unit_factor(unit)
