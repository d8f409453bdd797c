"""Section markers (一、 （一） 第一， 一要 一是 1. (1)) as data plus a matcher.

The patterns live in rules/markers.yaml; cleaning uses them to avoid joining a
heading line to the next paragraph, and the structure stage uses them to build
the section tree.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class Marker:
    style: str
    text: str


@lru_cache(maxsize=1)
def _styles() -> tuple[tuple[str, re.Pattern[str]], ...]:
    spec = yaml.safe_load(resources.files("jianghua").joinpath("rules/markers.yaml").read_text("utf-8"))
    num = spec["numeral"]
    return tuple(
        (style["name"], re.compile(style["pattern"].replace("{num}", num)))
        for style in spec["styles"]
    )


def match_marker(simplified: str, pos: int = 0) -> Marker | None:
    """The marker that starts at ``pos`` of a (Simplified) string, if any."""
    for name, pattern in _styles():
        m = pattern.match(simplified, pos)
        if m:
            return Marker(name, m.group(0))
    return None


def starts_heading(line: str) -> bool:
    """True when a (Simplified) line opens with a section marker."""
    return match_marker(line.lstrip(" \t\u3000")) is not None
