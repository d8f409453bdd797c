"""The targets table: every indicator with status target, with its place, period, headline flag and outcome.

``target_rows`` is a pure stage: the assembled speeches and
indicators (Arrow) in, the targets rows out. It reads the columns other
stages own (status, period_text, metric; the speech's year, jurisdiction,
admin_code) and re-derives none of them. The rules are data:
rules/targets.yaml.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import pyarrow as pa
import yaml

from . import places
from .script import to_simplified

_SPEECH_COLUMNS = ["speech_id", "text", "script", "year", "jurisdiction", "admin_code", "admin_level", "is_canonical"]
_INDICATOR_COLUMNS = ["indicator_id", "speech_id", "char_start", "char_end", "sentence", "metric", "metric_text",
                      "subject", "measure", "direction", "value", "value_max", "comparator", "unit", "commitment",
                      "status", "period_text", "is_masked"]
_COPIED = ["metric", "metric_text", "measure", "direction", "value", "value_max", "comparator", "unit", "commitment"]


@dataclass(frozen=True)
class Rules:
    plan_numerals: dict[str, int]
    plan: re.Pattern
    spans: tuple[tuple[re.Pattern, int], ...]
    until_year: re.Pattern
    yearly_average: re.Pattern
    this_year: re.Pattern
    next_year: re.Pattern
    comparison_base: re.Pattern
    explicit_year: re.Pattern
    half_year: re.Pattern
    quarter: re.Pattern
    month: re.Pattern
    recurring: re.Pattern
    headline_cues: re.Pattern
    headline_not_year: re.Pattern
    headline_not_after: re.Pattern
    headline_sentence_cues: re.Pattern
    headline_sentence_requires: re.Pattern
    headline_lookback: int
    headline_item_start: re.Pattern
    headline_dash_start: re.Pattern
    outcome_periods: re.Pattern
    same_text_measures: frozenset[str]
    same_text_metrics: frozenset[str]
    tolerance_points: float
    tolerance_share: float
    percent_units: frozenset[str]


@lru_cache(maxsize=1)
def rules() -> Rules:
    spec = yaml.safe_load((resources.files("jianghua") / "rules" / "targets.yaml").read_text("utf-8"))
    c = re.compile
    return Rules(
        plan_numerals=spec["plan_numerals"], plan=c(spec["plan_pattern"]),
        spans=tuple((c(s["pattern"]), int(s["years"])) for s in spec["relative_spans"]),
        until_year=c(spec["until_year"]), yearly_average=c(spec["yearly_average"]),
        this_year=c(spec["this_year"]), next_year=c(spec["next_year"]), comparison_base=c(spec["comparison_base"]),
        explicit_year=c(spec["explicit_year"]), half_year=c(spec["half_year"]), quarter=c(spec["quarter"]),
        month=c(spec["month"]), recurring=c(spec["recurring"]),
        headline_cues=c(spec["headline_cues"]), headline_not_year=c(spec["headline_not_year"]),
        headline_not_after=c(spec["headline_not_after"]),
        headline_sentence_cues=c(spec["headline_sentence_cues"]),
        headline_sentence_requires=c(spec["headline_sentence_requires"]),
        headline_lookback=int(spec["headline_lookback"]), headline_item_start=c(spec["headline_item_start"]),
        headline_dash_start=c(spec["headline_dash_start"]),
        outcome_periods=c(spec["outcome_periods"]),
        same_text_measures=frozenset(spec["outcome_same_text_measures"]),
        same_text_metrics=frozenset(spec["outcome_same_text_metrics"]),
        tolerance_points=float(spec["tolerance_points"]), tolerance_share=float(spec["tolerance_share"]),
        percent_units=frozenset(spec["percent_units"]),
    )


# ---------------------------------------------------------------- period
def _plan_end(text: str) -> int | None:
    m = rules().plan.search(text)
    if not m:
        return None
    n = rules().plan_numerals.get(m.group("n"))
    return 1985 + 5 * (n - 6) if n else None


def _multi_year_end(text: str, year: int | None) -> tuple[bool, int | None]:
    """(is multi-year, last year) from a period as written or a sentence."""
    r = rules()
    if (end := _plan_end(text)) is not None:
        return True, end
    if m := r.until_year.search(text):
        return True, int(m.group("y"))
    for pattern, years in r.spans:
        if pattern.search(text):
            return True, year + years - 1 if year is not None else None
    return False, None


def resolve_period(period_text: str | None, sentence: str, year: int | None) -> tuple[str, int | None, int | None]:
    """(period, target_year, period_end_year) of a target from its period_text, sentence and the speech's year.

    A multi-year aim's target_year is its last year (the year by which it is to be reached).
    """
    r = rules()
    p = (period_text or "").strip()
    if not p or r.comparison_base.match(p):
        # No period of its own: the speech's year, unless the sentence names a plan period (“十五五”期间年均…).
        if r.yearly_average.search(sentence):
            multi, end = _multi_year_end(sentence, year)
            return "multi_year", end, end
        return "year", year, year
    multi, end = _multi_year_end(p, year)
    if multi:
        return "multi_year", end, end
    if r.yearly_average.search(p):
        multi, end = _multi_year_end(sentence, year)
        return "multi_year", end, end
    if r.this_year.match(p):
        return "year", year, year
    if r.next_year.match(p):
        nxt = year + 1 if year is not None else None
        return "year", nxt, nxt
    if m := r.explicit_year.match(p):
        y = int(m.group("y"))
        return "year", y, y
    if r.recurring.match(p):
        return "other", year, year
    y = int(m.group("y")) if (m := re.match(r"((?:19|20)[0-9]{2})年", p)) else year
    for kind, pattern in (("half_year", r.half_year), ("quarter", r.quarter), ("month", r.month)):
        if pattern.search(p):
            return kind, y, y
    return "other", y, y


# ---------------------------------------------------------------- headline statement
def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in re.finditer(r"\n", text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


def headline_spans(simplified: str) -> list[tuple[int, int]]:
    """Where the statement(s) of the year's main targets stand: (start, end) offsets, in text order.

    A statement runs from its cue (主要预期目标是：) to the end of its
    paragraph; when the cue ends its paragraph, the list paragraphs that
    follow belong to it, and so do following paragraphs opening with ——.
    An older report's one-sentence statement (经济增长预期目标为7%左右)
    is its sentence. Cues about a plan period (今后五年…主要目标是) are skipped, and so are
    cues that look back at targets (完成全年主要目标任务, 上述主要预期目标).
    """
    r = rules()
    paras = _paragraphs(simplified)
    starts = [a for a, _ in paras]
    spans = []
    for m in r.headline_cues.finditer(simplified):
        i = bisect_right(starts, m.start()) - 1
        p_start, p_end = paras[i]
        clause = simplified[max(p_start, *(simplified.rfind(c, 0, m.start()) + 1 for c in "，,。；！？")):m.start()]
        if _about_plan_period(simplified, p_start, m.start()) or r.headline_not_after.search(clause):
            continue
        end = p_end
        rest_empty = not simplified[m.end():p_end].strip(" \t，,：:")
        j = i + 1
        while j < len(paras):
            line = simplified[paras[j][0]:paras[j][1]]
            if not line.strip():
                j += 1
                continue
            if r.headline_dash_start.match(line) or rest_empty and (j == i + 1 or r.headline_item_start.match(line)):
                end = paras[j][1]
                j += 1
                continue
            break
        spans.append((m.start(), end))
    for m in r.headline_sentence_cues.finditer(simplified):
        start = max(simplified.rfind(c, 0, m.start()) for c in "。！？\n") + 1
        stop = min((k for k in (simplified.find(c, m.end()) for c in "。！？\n") if k != -1), default=len(simplified))
        if r.headline_sentence_requires.search(simplified, start, stop) is None or \
                _about_plan_period(simplified, start, m.start()):
            continue
        spans.append((start, stop))
    merged: list[tuple[int, int]] = []  # both kinds of cue may find one statement
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _about_plan_period(simplified: str, floor: int, cue: int) -> bool:
    """Whether the words just before a cue, within its sentence, name a plan period (今后五年…, “十五五”…)."""
    before = simplified[max(floor, cue - rules().headline_lookback):cue]
    return rules().headline_not_year.search(re.split(r"[。！？]", before)[-1]) is not None


# ---------------------------------------------------------------- review part
def review_spans(simplified: str, headline: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Where a speech reviews the year just past, so that its actual figures can be that year's outcomes.

    The review sections metadata.py finds (一、2024年工作回顾; not 五年来, which reviews several years);
    a speech without such a heading but with a main-targets statement: the text before that statement.
    """
    from .metadata import _review_sections  # lazy: metadata imports the extract package

    reviews = _review_sections(simplified)
    if reviews:
        return [(a, b) for a, b, kind in reviews if kind == "year"]
    return [(0, headline[0][0])] if headline else []


# ---------------------------------------------------------------- outcome
def signed(value: float | None, direction: str | None) -> float | None:
    if value is None:
        return None
    return -value if direction == "down" else value


def outcome_met(target: dict, outcome_value: float | None) -> bool | None:
    """Whether an outcome (signed) satisfies the target's comparator, measured in the target's direction.

    approx and a plain figure (eq) are met within the tolerance (0.5 points for %, 5% otherwise); a range
    between its ends (with the same tolerance); gte/gt/lte/lt as written.
    """
    value = target["value"]
    if outcome_value is None or value is None:
        return None
    r = rules()
    # Magnitude in the target's own direction: a 下降3% target met by a fall of 3.2% compares 3.2 with 3.
    m = -outcome_value if target["direction"] == "down" else outcome_value
    tol = r.tolerance_points if target["unit"] in r.percent_units else abs(value) * r.tolerance_share
    eps = 1e-9
    comparator = target["comparator"]
    if comparator in ("eq", "approx"):
        return abs(m - value) <= tol + eps
    if comparator == "range":
        high = target["value_max"] if target["value_max"] is not None else value
        return value - tol - eps <= m <= high + tol + eps
    if comparator == "gte":
        return m >= value - eps
    if comparator == "gt":
        return m > value + eps
    if comparator == "lte":
        return m <= value + eps
    return m < value - eps  # lt


def broad(row: dict) -> bool:
    """A level or a broad metric (rules/targets.yaml): many different figures share its code."""
    r = rules()
    return row["measure"] in r.same_text_measures or row["metric"] in r.same_text_metrics


def outcome_key(place: str, year: int, row: dict, same_text: bool) -> tuple:
    """What a target and its outcome share: place, year, metric, measure, unit, and with ``same_text`` the
    metric as written."""
    return (place, year, row["metric"], row["measure"], row["unit"], row["metric_text"] if same_text else None)


def _place_key(place: dict) -> str | None:
    return place["admin_code"] or place["jurisdiction"]


def subject_place(subject: str | None, speech: dict) -> dict | None:
    """The place of a target stated for a named division (永城市要… in a 商丘市 speech), when ``subject``
    is exactly a division's name (full or short) lying inside the speech's own; else None (the speech's place)."""
    if not subject:
        return None
    code = places.resolve_admin_code(subject, within=speech["admin_code"])
    div = places.by_code().get(code) if code else None
    if div is None or code == speech["admin_code"] or subject not in (div.name, places.short_name(div)):
        return None
    home = places.by_code().get(speech["admin_code"] or "")
    if speech["admin_code"] and (home is None or not home.contains(div)):
        return None
    return {"jurisdiction": div.name, "admin_code": div.code, "admin_level": div.level}


# ---------------------------------------------------------------- the stage
def target_rows(speeches: pa.Table, indicators: pa.Table) -> list[dict]:
    """All targets rows, in target_id order (the published order)."""
    r = rules()
    sp = {s["speech_id"]: s for s in speeches.select(_SPEECH_COLUMNS).to_pylist()}
    # Work per speech on the rows it needs: targets to emit, actuals to link.
    wanted = indicators.filter(pa.compute.is_in(indicators.column("status"), pa.array(["target", "actual"])))
    by_speech: dict[str, list[dict]] = {}
    for row in wanted.select(_INDICATOR_COLUMNS).to_pylist():
        by_speech.setdefault(row["speech_id"], []).append(row)

    headline_of: dict[str, list[tuple[int, int]]] = {}
    review_of: dict[str, list[tuple[int, int]]] = {}
    for speech_id, rows in by_speech.items():
        s = sp[speech_id]
        simplified = to_simplified(s["text"], s["script"])
        headline_of[speech_id] = headline_spans(simplified)
        review_of[speech_id] = review_spans(simplified, headline_of[speech_id])
        # Text is cleared: the speech's text is not needed again.
        s["text"] = None

    # Last year's results, by (place, year reviewed, metric, measure): the first figure of each review.
    outcomes: dict[tuple, dict] = {}
    for speech_id in sorted(by_speech, key=lambda i: (sp[i]["year"] or 0, i)):
        s = sp[speech_id]
        place = _place_key(s)
        if place is None or s["year"] is None or not s["is_canonical"]:
            continue
        for row in sorted(by_speech[speech_id], key=lambda x: x["char_start"]):
            in_review = any(a <= row["char_start"] < b for a, b in review_of[speech_id])
            if (row["status"] != "actual" or not in_review or row["is_masked"]
                    or row["metric"] == "other" or row["value"] is None or row["subject"] is not None
                    and not row["subject"].startswith("全")):
                continue
            if row["period_text"] is not None and not r.outcome_periods.match(row["period_text"]) \
                    and row["period_text"] != f"{s['year'] - 1}年":
                continue
            for same_text in (False, True):
                outcomes.setdefault(outcome_key(place, s["year"] - 1, row, same_text), row)

    out = []
    for speech_id in sorted(by_speech):
        s = sp[speech_id]
        spans = headline_of[speech_id]
        taken: set[tuple[str, str]] = set()
        for row in sorted(by_speech[speech_id], key=lambda x: x["char_start"]):
            if row["status"] != "target":
                continue
            period, target_year, end_year = resolve_period(row["period_text"], row["sentence"], s["year"])
            key = (row["metric"], row["measure"])
            headline = (period == "year" and row["metric"] != "other" and key not in taken
                        and any(a <= row["char_start"] < b for a, b in spans))
            if headline:
                taken.add(key)
            where = subject_place(row["subject"], s) or s
            outcome = None
            place = _place_key(where)
            # Only headline targets: outside the statement of main targets a figure is often one part of its
            # metric (工业投资 in fixed_asset_investment) or one of a 分别 list, and a spot check of such links
            # found about a third wrong; a wrong outcome is worse than none.
            if headline and target_year is not None and place is not None:
                outcome = outcomes.get(outcome_key(place, target_year, row, same_text=broad(row)))
            value = signed(outcome["value"], outcome["direction"]) if outcome else None
            out.append({
                "target_id": f"t{row['indicator_id']}",
                "indicator_id": row["indicator_id"],
                "speech_id": speech_id,
                "jurisdiction": where["jurisdiction"],
                "admin_code": where["admin_code"],
                "admin_level": where["admin_level"],
                "target_year": target_year,
                "period": period,
                "period_end_year": end_year,
                **{c: row[c] for c in _COPIED},
                "is_headline": headline,
                "outcome_indicator_id": outcome["indicator_id"] if outcome else None,
                "outcome_value": value,
                "outcome_met": outcome_met(row, value) if outcome else None,
            })
    out.sort(key=lambda t: t["target_id"])
    return out
