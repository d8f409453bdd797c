"""Gazetteer of China's administrative divisions (GB/T 2260 codes).

The division list is data/admin_divisions.tsv, exported once from a packaged
source (cpca, MIT; see data/README.md), so the runtime carries no 80 MB
dependency. Rules about names (short forms, ambiguous short forms) live in
rules/entities.yaml under ``places``.

Two uses:
- ``resolve_admin_code(name, within)``: one place name → its 6-digit code,
  or None when unknown or ambiguous (和平区, 朝阳区 exist twice: ``within``, a
  code or name of an enclosing division, breaks the tie).
- ``place_matcher()``: leftmost-longest scan of free text for division names
  (ahocorasick-rs; notes/CHINESE_NLP.md measured it at ~35M chars/s).

The country as a whole (the State Council's reports) is no division of the
list: NATIONAL_NAME and NATIONAL_CODE name it, and resolve_admin_code knows it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import ahocorasick_rs
import yaml


# GB/T 2260 codes divisions only; 100000 is the code the national level
# takes (DATA_MODEL.md). Kept out of divisions(): 中国 is no name for the
# place matcher to find in a local speech.
NATIONAL_NAME = "中国"
NATIONAL_CODE = "100000"
_NATIONAL_NAMES = (NATIONAL_NAME, "中华人民共和国")


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    level: str  # province, prefecture, county
    parent_code: str | None

    def contains(self, other: "Division") -> bool:
        """True when ``other`` lies inside this division (or is it)."""
        if self.code == other.code:
            return True
        if self.level == "province":
            return other.code[:2] == self.code[:2]
        if self.level == "prefecture":
            return other.code[:4] == self.code[:4] or other.parent_code == self.code
        return False


@lru_cache(maxsize=None)
def _rules() -> dict:
    text = resources.files("jianghua").joinpath("rules/entities.yaml").read_text("utf-8")
    return yaml.safe_load(text)["places"]


@lru_cache(maxsize=None)
def divisions() -> tuple[Division, ...]:
    text = resources.files("jianghua").joinpath("data/admin_divisions.tsv").read_text("utf-8")
    out = []
    for line in text.splitlines():
        if not line or line.startswith("#") or line.startswith("code\t"):
            continue
        code, name, level, parent = line.split("\t")
        out.append(Division(code, name, level, parent or None))
    return tuple(out)


@lru_cache(maxsize=None)
def by_code() -> dict[str, Division]:
    return {d.code: d for d in divisions()}


def short_name(div: Division) -> str | None:
    """The name a speech uses without the administrative suffix: 商丘市 → 商丘,
    湘西土家族苗族自治州 → 湘西, 广西壮族自治区 → 广西. None when nothing of
    at least two characters is left (睢县 → 睢 is no name of its own)."""
    rules = _rules()
    special = rules["special_short_names"]
    if div.name in special:
        return special[div.name]
    ethnic = "|".join(sorted(rules["ethnic_groups"], key=len, reverse=True))
    m = re.fullmatch(rf"(.+?)(?:(?:{ethnic})族)+自治(?:州|县|旗|区)", div.name)
    stem = m.group(1) if m else re.sub(rules["strip_suffix"], "", div.name)
    if len(stem) < 2 or stem == div.name:
        return None
    return stem


@lru_cache(maxsize=None)
def _index() -> tuple[dict[str, tuple[Division, ...]], dict[str, tuple[Division, ...]]]:
    """Full names → divisions; short names → divisions (both may be several)."""
    full: dict[str, list[Division]] = {}
    short: dict[str, list[Division]] = {}
    for d in divisions():
        full.setdefault(d.name, []).append(d)
        s = short_name(d)
        if s:
            short.setdefault(s, []).append(d)
    return ({k: tuple(v) for k, v in full.items()}, {k: tuple(v) for k, v in short.items()})


def candidates(name: str) -> tuple[Division, ...]:
    """Every division a name may denote: by full name first, else by short name."""
    full, short = _index()
    return full.get(name) or short.get(name) or ()


def _within_division(within: str | None) -> Division | None:
    if not within:
        return None
    if within.isdigit():
        return by_code().get(within.ljust(6, "0")[:6])
    code = resolve_admin_code(within)
    return by_code().get(code) if code else None


def _simplify(name: str) -> str:
    from .script import simplify
    return simplify(name)


def resolve_admin_code(name: str, within: str | None = None) -> str | None:
    """6-digit GB/T 2260 code of a place name, or None.

    ``within`` (a code or a name of an enclosing division) breaks ties between
    divisions of the same name (和平区 in 天津市 and in 沈阳市). A name with
    its parents written before it (河南省商丘市睢县) resolves to the last one,
    checked to lie inside the ones before. Ambiguity left after that gives
    None rather than a guess. 中国 (the whole country) is 100000.
    """
    if not name:
        return None
    name = _simplify(name.strip())
    if name in _NATIONAL_NAMES:
        return NATIONAL_CODE
    outer = _within_division(within)
    cands = candidates(name)
    if not cands:
        return _resolve_chain(name, outer)
    return _pick(cands, outer)


def _pick(cands: tuple[Division, ...], outer: Division | None, strict: bool = False) -> str | None:
    """One code among ``cands``; ``outer`` prefers those inside it (``strict``: keeps only those)."""
    if outer is not None:
        inside = [d for d in cands if outer.contains(d)]
        if inside or strict:
            cands = tuple(inside)
    if len(cands) == 1:
        return cands[0].code
    # 长沙 names 长沙市, not the 长沙县 inside it: the division that holds all the others
    outer_most = [d for d in cands if all(d.contains(o) for o in cands)]
    if len(outer_most) == 1 and outer_most[0].level != "province":
        return outer_most[0].code
    # a province's short name that is also the short name of a far-off county (河南省 / 河南蒙古族
    # 自治县 in 青海): speeches mean the province
    provinces = [d for d in cands if d.level == "province"]
    if len(provinces) == 1 and all(d.level == "county" and not provinces[0].contains(d)
                                   for d in cands if d is not provinces[0]):
        return provinces[0].code
    # the same short name for a prefecture and its own seat or province (吉林省 / 吉林市):
    # ambiguous on purpose
    return None


def _resolve_chain(name: str, outer: Division | None) -> str | None:
    """河南省商丘市睢县: each name must lie inside the previous one."""
    found = place_matcher().find(name)
    if not found or found[0][0] != 0 or found[-1][1] != len(name):
        return None
    pos = 0
    for start, end, _ in found:
        if start != pos:
            return None
        pos = end
        code = _pick(candidates(name[start:end]), outer, strict=True)
        if code is None:
            return None
        outer = by_code()[code]
    return outer.code if outer else None


class PlaceMatcher:
    """Leftmost-longest scan for division names in Simplified text."""

    def __init__(self, names: list[str]):
        self.names = names
        self._ac = ahocorasick_rs.AhoCorasick(names, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        return [(s, e, self.names[i]) for i, s, e in self._ac.find_matches_as_indexes(text)]


@lru_cache(maxsize=None)
def place_matcher() -> PlaceMatcher:
    """Full names of every division plus the short names of provinces and
    prefectures (商丘, 湖南) that are not ordinary words (rules: places.
    ambiguous_short_names). County short names (望花, 民权) collide with
    words too often; the extractor admits them only near its own jurisdiction."""
    full, short = _index()
    stop = set(_rules()["ambiguous_short_names"])
    names = set(full)
    for s, divs in short.items():
        if s in stop or s in full:
            continue
        if any(d.level in ("province", "prefecture") for d in divs):
            names.add(s)
    return PlaceMatcher(sorted(names))


@lru_cache(maxsize=512)  # a walk over every division, asked once per speech of the same place
def _local_counties(code: str | None) -> tuple:
    """The counties "local" to ``code``: those of its prefecture for a county, else of ``code`` itself."""
    if not code or code not in by_code():
        return ()
    outer = by_code()[code]
    if outer.level == "county" and outer.parent_code:
        outer = by_code().get(outer.parent_code, outer)
    return tuple(d for d in divisions() if d.level == "county" and outer.contains(d))


def county_full_names_within(code: str | None) -> dict[str, str]:
    """Full names of the counties in the prefecture of ``code`` (or in ``code``)."""
    return {d.name: d.code for d in _local_counties(code)}


def county_short_names_within(code: str | None) -> dict[str, str]:
    """Short names of the counties inside (or equal to) the division ``code``,
    mapped to their codes: 望花 → 210404 inside 抚顺市 or 望花区 itself."""
    stop = set(_rules()["ambiguous_short_names"])
    out = {}
    for d in _local_counties(code):
        short = short_name(d)
        if short and short not in stop:
            out[short] = d.code
    return out
