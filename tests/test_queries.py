"""docs/QUERIES.md: every query of the cookbook runs against a fresh build, and the key ones answer right."""
from __future__ import annotations

import re

import duckdb
import pyarrow.parquet as pq
import pytest

from conftest import REPO

COOKBOOK = REPO / "docs" / "QUERIES.md"
QUERIES = re.findall(r"^## (.+?)\n.*?```sql\n(.*?)```", COOKBOOK.read_text("utf-8"), re.S | re.M)


def _run(package, sql):
    con = duckdb.connect(str(package / "jianghua.duckdb"), read_only=True)
    try:
        cur = con.execute(sql)
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r)) for r in cur.fetchall()]
    finally:
        con.close()


def _query(title):
    return next(sql for t, sql in QUERIES if t == title)


def test_the_cookbook_has_the_questions_users_ask():
    titles = {t for t, _ in QUERIES}
    assert {"Targets by year", "Deadlines by department", "Most-cited documents"} <= titles
    assert len(QUERIES) >= 10


@pytest.mark.parametrize("title,sql", QUERIES, ids=[t for t, _ in QUERIES])
def test_every_cookbook_query_runs(built_package, title, sql):
    _run(built_package, sql)  # raises on any SQL error


def _canonical(package):
    return {r["speech_id"] for r in pq.read_table(package / "speeches.parquet").to_pylist() if r["is_canonical"]}


def test_targets_by_year_counts_every_unmasked_canonical_target(built_package):
    canon = _canonical(built_package)
    want = sum(1 for r in pq.read_table(built_package / "indicators.parquet").to_pylist()
               if r["status"] == "target" and not r["is_masked"] and r["speech_id"] in canon)
    assert sum(r["targets"] for r in _run(built_package, _query("Targets by year"))) == want


def test_deadlines_by_department_covers_every_canonical_deadline(built_package):
    canon = _canonical(built_package)
    deadlines = [r for r in pq.read_table(built_package / "deadlines.parquet").to_pylist() if r["speech_id"] in canon]
    rows = _run(built_package, _query("Deadlines by department"))
    assert sum(r["deadlines"] for r in rows) == len(deadlines)
    named = {}
    for d in deadlines:
        key = d["responsible"] or "(not named)"
        named[key] = named.get(key, 0) + 1
    assert {r["responsible"]: r["deadlines"] for r in rows} == named


def test_most_cited_documents_counts_speeches_not_mentions(built_package):
    canon = _canonical(built_package)
    per_doc = {}
    for e in pq.read_table(built_package / "entities.parquet").to_pylist():
        if e["type"] == "document" and e["speech_id"] in canon:
            per_doc.setdefault(e["name"], set()).add(e["speech_id"])
    rows = _run(built_package, _query("Most-cited documents"))
    assert len(rows) == min(20, len(per_doc))
    for r in rows:
        assert r["speeches"] == len(per_doc[r["document"]])
    if rows:
        assert rows[0]["speeches"] == max(len(s) for s in per_doc.values())


def test_span_check_query_finds_no_broken_span(built_package):
    assert _run(built_package, _query("The exact words behind any row")) == []
