"""scan.fast: the skipper finds exactly the matches of the plain pattern, on the real rule patterns."""
from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import RAW
from jianghua import metadata, numbers
from jianghua.extract import deadlines, entities, indicators
from jianghua.extract.scan import fast


def _rule_patterns() -> list[re.Pattern[str]]:
    d = deadlines.rules()
    years = metadata._year_rules()
    ir = indicators.rules()
    return ([f.regex for f in d.families] + list(d.blockers)
            + [e.pattern for e in years["events"] + years["explicit"]] + [b.pattern for b in years["bounds"]]
            + list(entities._compiled().values()) + [ir.period_re, numbers._scanner(tuple(ir.units))])


PATTERNS = [p for p in _rule_patterns() if fast(p)._skip is not None]
ALPHABET = sorted(set("".join(p.pattern for p in PATTERNS)) | set("0123456789年月日，。、\n 今明季度底前"))
SEED_TEXT = "".join(p.read_text("utf-8") for p in sorted(RAW.glob("*.txt")))


def _same(p: re.Pattern[str], s: str, pos: int, end: int | None) -> None:
    f = fast(p)
    e = len(s) if end is None else end
    assert [(m.span(), m.groups()) for m in f.finditer(s, pos, end)] == \
           [(m.span(), m.groups()) for m in p.finditer(s, pos, e)], p.pattern
    got, want = f.search(s, pos, end), p.search(s, pos, e)
    assert (got and got.span()) == (want and want.span()), p.pattern
    assert f.findall(s, pos, end) == p.findall(s, pos, e), p.pattern


def test_most_rule_patterns_get_a_skipper():
    assert len(PATTERNS) > 20


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=80), st.data())
def test_random_text_from_the_patterns_own_characters(s, data):
    pos = data.draw(st.integers(0, len(s)))
    end = data.draw(st.one_of(st.none(), st.integers(pos, len(s))))
    for p in PATTERNS:
        _same(p, s, pos, end)


@pytest.mark.parametrize("seed", range(5))
def test_slices_of_real_speeches_with_characters_spliced_in(seed):
    rng = random.Random(seed)
    for _ in range(20):
        a = rng.randrange(len(SEED_TEXT))
        s = "".join(c if rng.random() > 0.05 else rng.choice(ALPHABET) for c in SEED_TEXT[a:a + rng.randint(0, 400)])
        pos = rng.randint(0, len(s))
        for p in PATTERNS:
            _same(p, s, pos, None)


def test_a_pattern_that_can_match_empty_text_is_left_alone():
    p = re.compile(r"(?:今年)?")
    assert fast(p)._skip is None
    assert [m.span() for m in fast(p).finditer("明年今年")] == [m.span() for m in p.finditer("明年今年")]
