"""Properties of the package built from raw/ that the issues promise users."""
from __future__ import annotations

from collections import defaultdict

import pyarrow.parquet as pq


def _rows(pkg, table):
    return pq.read_table(pkg / f"{table}.parquet").to_pylist()


def test_the_four_versions_of_one_speech_share_a_group_and_nothing_else_does(built_package):
    groups = defaultdict(list)
    for s in _rows(built_package, "speeches"):
        groups[s["variant_group"]].append((s["source_file"][:3], s["ordinal"]))
    shared = [sorted(members) for members in groups.values() if len(members) > 1]
    assert shared == [[("001", 1), ("001", 2), ("001", 4), ("001", 5)]]


def test_a_deadline_is_never_dated_before_its_speech_and_never_guessed(built_package):
    year = {s["speech_id"]: s["year"] for s in _rows(built_package, "speeches")}
    dated = 0
    for d in _rows(built_package, "deadlines"):
        if d["due_date"] is None:
            continue
        dated += 1
        assert d["due_year"] is not None, d
        if year[d["speech_id"]] is not None:
            assert d["due_date"].year >= year[d["speech_id"]], d
        else:  # no speech year: only a year written in the expression may date it
            assert str(d["due_year"]) in d["span_text"], d
    assert dated > 0


def test_every_speech_year_comes_with_its_evidence(built_package):
    for s in _rows(built_package, "speeches"):
        assert (s["year"] is None) == (s["year_evidence"] is None), s["speech_id"]
