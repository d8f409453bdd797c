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
def _spec() -> list[dict]:
    text = resources.files("jianghua").joinpath("rules/metrics.yaml").read_text("utf-8")
    return yaml.safe_load(text)["metrics"]


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


@lru_cache(maxsize=1)
def _alias_table() -> tuple[re.Pattern[str], dict[str, str]]:
    owner: dict[str, str] = {}
    for m in _spec():
        if m["metric"] == OTHER:
            continue
        for alias in [m["name_zh"], *m.get("aliases", [])]:
            owner.setdefault(alias, m["metric"])  # first listed code keeps a shared alias
    words = set(owner)
    words.update(_blockers())
    # Longest first: the regex alternation then behaves leftmost-longest.
    pattern = re.compile("|".join(re.escape(a) for a in sorted(words, key=lambda a: (-len(a), a))))
    return pattern, owner


@lru_cache(maxsize=1)
def _blockers() -> tuple[str, ...]:
    text = resources.files("jianghua").joinpath("rules/metrics.yaml").read_text("utf-8")
    return tuple(yaml.safe_load(text).get("not_metrics", []))


def find_aliases(simplified: str, start: int = 0, end: int | None = None) -> list[AliasHit]:
    """Every non-overlapping metric alias in ``simplified[start:end]`` (leftmost-longest), with absolute offsets."""
    pattern, owner = _alias_table()
    end = len(simplified) if end is None else end
    # a blocker (农业总产值) hides the alias inside it and is no hit itself
    return [AliasHit(m.start(), m.end(), owner[m.group()], m.group())
            for m in pattern.finditer(simplified, start, end) if m.group() in owner]


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
