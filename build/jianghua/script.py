"""Script detection and the Simplified view extractors match on.

Per notes/CHINESE_NLP.md: decide per document by the share of CJK characters
OpenCC's t2s changes, and convert only Traditional documents, with tw2s (t2s
leaves 著力/接著 unconverted; tw2s would turn Simplified 显著 into 显着, so it
is never run on Simplified text). Offsets must survive conversion, so the
Simplified view has exactly the length of the original.
"""
from __future__ import annotations

import re
from functools import lru_cache

import opencc

# Share of CJK characters t2s changes above which a text is Traditional
# (measured: about 0.32 on a Traditional speech, 0 on Simplified ones; a
# Simplified text quoting a few Traditional names stays well below).
TRADITIONAL_SHARE = 0.05
_CJK = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=None)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def detect_script(text: str) -> str:
    """``hant`` when the text is Traditional Chinese, else ``hans``."""
    sample = text[:20000]
    cjk = len(_CJK.findall(sample))
    if not cjk:
        return "hans"
    converted = _converter("t2s").convert(sample)
    if converted == sample:  # nothing to convert (every Simplified text): skip the count
        return "hans"
    changed = sum(a != b for a, b in zip(sample, converted)) if len(converted) == len(sample) else \
        sum(_converter("t2s").convert(ch) != ch for ch in sample)
    return "hant" if changed / cjk > TRADITIONAL_SHARE else "hans"


def to_simplified(text: str, script: str) -> str:
    """The Simplified view of ``text``: same length, same offsets."""
    if script != "hant":
        return text
    conv = _converter("tw2s")
    out = conv.convert(text)
    if len(out) == len(text):
        return out
    # A phrase conversion changed the length: fall back to one character at a
    # time, which keeps offsets at the cost of phrase-level choices.
    return "".join(c if len(c := conv.convert(ch)) == 1 else ch for ch in text)


def simplify(text: str) -> str:
    """Simplified form of a short normalized value (a name, a metric) of any script."""
    return _converter("tw2s").convert(text)
