"""Section markers (一、 （一） 第一， 一要 一是 1. (1) ①) as data plus a matcher.

The patterns live in rules/markers.yaml; cleaning uses them to avoid joining a
heading line to the next paragraph, and sections.py uses them to build the
section tree. The markers are the same characters in Simplified and
Traditional text, so any view of a speech can be matched.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import cn2an
import yaml


@dataclass(frozen=True)
class Marker:
    style: str
    """Name of the marker style in rules/markers.yaml (cn_dun, cn_paren …)."""
    text: str
    """The marker as it stands in the matched string, punctuation included."""
    number: int = 0
    """The ordinal it writes (三、 → 3, (12) → 12)."""


@lru_cache(maxsize=1)
def _spec() -> dict:
    return yaml.safe_load(resources.files("jianghua").joinpath("rules/markers.yaml").read_text("utf-8"))


@lru_cache(maxsize=1)
def _styles() -> tuple[tuple[str, re.Pattern[str]], ...]:
    spec = _spec()
    subst = {"{num}": spec["numeral"], "{digits}": spec["digits"], "{not_numeral}": spec["not_numeral"]}
    out = []
    for style in spec["styles"]:
        pattern = style["pattern"]
        for key, value in subst.items():
            pattern = pattern.replace(key, value)
        out.append((style["name"], re.compile(pattern)))
    return tuple(out)


def section_rules() -> dict:
    """The ``sections:`` block of rules/markers.yaml (cue words and limits)."""
    return _spec()["sections"]


def _number(numeral: str) -> int:
    if "\u2460" <= numeral <= "\u2473":  # ① … ⑳
        return ord(numeral) - 0x2460 + 1
    if numeral.isdigit():
        return int(unicodedata.normalize("NFKC", numeral))
    # cn2an on the bare numeral only (never on running text: it rewrites 一是 → 1是).
    return int(cn2an.cn2an(numeral, "strict"))


def match_marker(simplified: str, pos: int = 0) -> Marker | None:
    """The marker that starts at ``pos`` of a (Simplified) string, if any."""
    for name, pattern in _styles():
        m = pattern.match(simplified, pos)
        if m:
            return Marker(name, m.group(0), _number(m.group("n")))
    return None


def starts_heading(line: str) -> bool:
    """True when a (Simplified) line opens with a section marker.

    Any leading white space is skipped: besides the ideographic space (U+3000)
    some sources indent paragraphs with em spaces (U+2003)."""
    return match_marker(line.lstrip()) is not None


def last_sentence_start(text: str, start: int = 0, end: int | None = None) -> int:
    """Where the last sentence of ``text[start:end]`` begins (``start`` when it has one sentence).

    A sentence ending at ``end`` itself does not count: ``……落实。二是要坚持问题导向。``
    gives the position of 二是.
    """
    rules = section_rules()
    end = len(text) if end is None else end
    stop = end
    while stop > start and text[stop - 1] in rules["sentence_end"] + rules["after_sentence_end"]:
        stop -= 1
    k = max(text.rfind(ch, start, stop) for ch in rules["sentence_end"])
    if k < start:
        return start
    k += 1
    while k < stop and text[k] in rules["after_sentence_end"]:
        k += 1
    return k


def glued_heading_start(line: str) -> int | None:
    """Offset of a heading glued onto the end of a body line, for cleaning.

    A scraping fault puts a section heading that has no 。 at the end of the
    previous paragraph's raw line (……打好项目建设“翻身仗”。二、要推进三大攻坚,筑牢高质量发展底线),
    the body following on the next line. Such a line does not end a sentence,
    so without this check cleaning would join heading and body. Only the
    bracketed and 一、/第一， styles count (``line_glued_styles``): a body
    sentence broken across lines right after an inline 二是 must still be joined.
    """
    rules = section_rules()
    line = line.rstrip(" \t\u3000")
    k = last_sentence_start(line)
    if k == 0 or any(ch in rules["sentence_end"] for ch in line[k:]):
        return None
    marker = match_marker(line, k)
    if marker is None or marker.style not in rules["line_glued_styles"]:
        return None
    if len(line) - k - len(marker.text) > rules["glued_heading_max_chars"]:
        return None
    return k
