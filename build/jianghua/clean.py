"""Stage 3, clean: a speech's raw body lines → its text (ANNOTATION.md §1).

Keeps the words and repairs the scraping: paragraphs broken across lines are
joined, white space next to CJK characters is removed (营经 济 → 营经济,
2024 年 → 2024年), lost paragraph breaks are restored, blank lines dropped.
Nothing else is rewritten: punctuation, script and masks stay. Paragraphs are
joined with a single "\\n".
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml

from .markers import glued_heading_start, starts_heading

# Any white space but a line break (U+3000 ideographic and U+2003 em spaces
# indent paragraphs on many sites), plus the zero-width marks scrapers leave.
_SPACE = r"[^\S\n]|[\u200b\ufeff]"
_EDGES = re.compile(rf"^(?:{_SPACE})+|(?:{_SPACE})+$")
# CJK ideographs, CJK punctuation, full-width forms and curly quotes.
_CJK = "\u2e80-\u2fff\u3001-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u201c\u201d\u2018\u2019"
_SPACE_NEXT_TO_CJK = re.compile(
    rf"(?<=[{_CJK}])[^\S\n]+(?=[{_CJK}0-9A-Za-z%])|(?<=[{_CJK}0-9A-Za-z%])[^\S\n]+(?=[{_CJK}])"
)


@lru_cache(maxsize=1)
def _rules() -> tuple[str, re.Pattern[str], int, int]:
    spec = yaml.safe_load(resources.files("jianghua").joinpath("rules/clean.yaml").read_text("utf-8"))
    return (spec["sentence_end"], re.compile(spec["paragraph_break"]), spec["heading_continuation_max_chars"],
            spec["heading_line_max_chars"])


def strip_edges(s: str) -> str:
    """``s`` without white space or zero-width marks at either end."""
    return _EDGES.sub("", s)


def paragraphs_of_line(line: str) -> list[str]:
    """One raw line → its paragraphs: stripped, lost breaks restored, CJK spacing removed."""
    breaks = _rules()[1]
    pieces = (strip_edges(p) for p in breaks.split(line))
    return [_SPACE_NEXT_TO_CJK.sub("", p) for p in pieces if p]


def _joins(prev: str, nxt: str) -> bool:
    sentence_end, _, max_cont, heading_max = _rules()
    if prev.endswith(tuple(sentence_end)) or starts_heading(nxt):
        return False
    if starts_heading(prev) and len(prev) <= heading_max and not any(ch in prev for ch in "。！？!?"):
        return len(nxt) <= max_cont and not any(ch in nxt for ch in "。！？!?")
    return True


def clean_text(lines: list[str]) -> str:
    """The body lines of one speech → its cleaned text."""
    paragraphs: list[str] = []
    for line in lines:
        for piece in paragraphs_of_line(line):
            # A heading glued after the last sentence of a raw line (……“翻身仗”。二、要推进三大攻坚)
            # becomes its own paragraph instead of being joined to the body on the next line.
            cut = glued_heading_start(piece)
            glued = None
            if cut:
                piece, glued = piece[:cut], piece[cut:]
            if paragraphs and _joins(paragraphs[-1], piece):
                paragraphs[-1] += piece
            else:
                paragraphs.append(piece)
            if glued:
                paragraphs.append(glued)
    return "\n".join(paragraphs)
