"""The metrics table (spec/METRICS.md) and the alias lookup the indicator extractor uses.

The vocabulary is data: rules/metrics.yaml lists every code with its Simplified
aliases. The Traditional forms are generated here with OpenCC ``s2t`` so that
the published ``aliases`` column carries both scripts; matching itself runs on
the Simplified view of a speech (``SpeechDoc.simplified``), so only the
Simplified aliases are needed for lookup.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import opencc
import yaml

OTHER = "other"


@dataclass(frozen=True)
class AliasHit:
    start: int
    end: int
    metric: str
    alias: str


@lru_cache(maxsize=1)
def _rules_file() -> dict:
    """rules/metrics.yaml, read once: the codes and the matching rules beside them."""
    return yaml.safe_load(resources.files("jianghua").joinpath("rules/metrics.yaml").read_text("utf-8"))


def _spec() -> list[dict]:
    return _rules_file()["metrics"]


@lru_cache(maxsize=1)
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def metric_codes() -> list[str]:
    return [m["metric"] for m in _spec()]


def metric_rows() -> list[dict]:
    """Rows of the ``metrics`` table: code, names, aliases in both scripts (deduplicated, sorted)."""
    rows = []
    for m in _spec():
        simplified = [m["name_zh"], *m.get("aliases", [])] if m["metric"] != OTHER else list(m.get("aliases", []))
        both = set(simplified) | {_s2t().convert(a) for a in simplified}
        rows.append({"metric": m["metric"], "name_zh": m["name_zh"], "name_en": m["name_en"],
                     "aliases": sorted(both)})
    return rows


@lru_cache(maxsize=2)
def _alias_table(work_report: bool) -> tuple[re.Pattern[str], dict[str, str]]:
    owner: dict[str, str] = {}
    for m in _spec():
        if m["metric"] == OTHER:
            continue
        # outside a work report a work-report code names no figure: its aliases still say what a figure
        # measures (公厕 is no tourism figure in 旅游公厕20个), as `other`; its generic nouns (企业, 园区) say nothing
        metric = in_scope(m["metric"], work_report)
        for alias in [m["name_zh"], *m.get("aliases", [])]:
            if not (metric == OTHER and alias in _generic_heads()):
                owner.setdefault(alias, metric)  # the first listed code keeps a shared alias
    words = set(owner)
    words.update(_blockers())
    # Longest first: the regex alternation then behaves leftmost-longest.
    pattern = re.compile("|".join(re.escape(a) for a in sorted(words, key=lambda a: (-len(a), a))))
    return pattern, owner


@lru_cache(maxsize=1)
def _blockers() -> tuple[str, ...]:
    return tuple(_rules_file().get("not_metrics", []))


def find_aliases(simplified: str, start: int = 0, end: int | None = None, *, work_report: bool = True,
                 family: str | None = None) -> list[AliasHit]:
    """Every non-overlapping metric alias in ``simplified[start:end]`` (leftmost-longest), with absolute offsets.

    Outside a work report an alias of a work-report code (work_report_codes) is a hit of ``other``.
    With ``family`` (count, money, …), a code that measures only other families (metrics.yaml ``families``)
    names nothing: 企业 names a count of enterprises, not the 118亿元 of 释放企业现金流.
    """
    pattern, owner = _alias_table(work_report)
    end = len(simplified) if end is None else end
    generic, fallback = _generic_heads(), _fallback_heads()
    families = _families()
    hits: list[AliasHit] = []
    for m in pattern.finditer(simplified, start, end):
        if m.group() not in owner:
            continue  # a blocker (农业总产值) hides the alias inside it and is no hit itself
        if family is not None and family not in families.get(owner[m.group()], (family,)):
            continue
        if m.group() in generic and hits and hits[-1].alias not in generic \
                and _GENERIC_GAP.fullmatch(simplified, hits[-1].end, m.start()):
            continue  # 专精特新“小巨人”企业, 零碳产业园区: the generic head is the named metric's noun
        if m.group() in fallback and (not work_report or any(h.alias not in fallback for h in hits)):
            continue  # 中央财政用于“三农”的投入: the metric named before the funds; outside a report no code
        hits.append(AliasHit(m.start(), m.end(), owner[m.group()], m.group()))
    return hits


# what may stand between a named metric and the generic noun it heads: a few qualifying characters
_GENERIC_GAP = re.compile(r"[\u4e00-\u9fff“”\"]{0,4}")


@lru_cache(maxsize=1)
def _families() -> dict[str, tuple[str, ...]]:
    return {m["metric"]: tuple(m["families"]) for m in _spec() if "families" in m}


@lru_cache(maxsize=1)
def _generic_heads() -> frozenset[str]:
    return frozenset(_rules_file().get("generic_heads", []))


@lru_cache(maxsize=1)
def _fallback_heads() -> frozenset[str]:
    return frozenset(_rules_file().get("fallback_heads", []))


def generic_head_at(simplified: str, pos: int) -> str:
    """The generic noun (metrics.yaml ``generic_heads``) starting at ``pos``, longest first, else ''."""
    return max((w for w in _generic_heads() if simplified.startswith(w, pos)), key=len, default="")


def is_fallback_head(alias: str) -> bool:
    """An alias that names a metric only when nothing before it does (metrics.yaml ``fallback_heads``)."""
    return alias in _fallback_heads()


def in_scope(metric: str, work_report: bool) -> str:
    """The code a figure of ``metric`` gets in a speech: a work-report code (work_report_codes) outside a work
    report is `other`, its metric said in metric_text (METRICS.md)."""
    return OTHER if not work_report and metric in work_report_codes() else metric


@lru_cache(maxsize=1)
def work_report_codes() -> frozenset[str]:
    """The codes only a work report uses: METRICS.md's from unemployment_rate down and the package's own."""
    first = _rules_file()["work_report_codes_from"]
    codes = metric_codes()
    return frozenset(c for c in codes[codes.index(first):] if c != OTHER)


@lru_cache(maxsize=1)
def _siblings() -> dict[tuple[str, str], str]:
    out = {}
    for m in _spec():
        for key in ("as_money", "as_count"):
            if key in m:
                out[(m["metric"], key)] = m[key]
    return out


def for_family(metric: str, family: str) -> str:
    """The code to use for a figure of ``family`` (money, count, …) named by ``metric``.

    项目 names a count of projects, but 项目…5亿元 is project investment: the
    yaml says which codes have such a sibling.
    """
    key = "as_money" if family == "money" else "as_count" if family == "count" else None
    return _siblings().get((metric, key), metric) if key else metric
