"""BI views: flat rows with speech context, and how Superset sees them (SQLAlchemy + duckdb-engine)."""
from __future__ import annotations

import datetime as dt
import warnings

import duckdb
import pyarrow.parquet as pq
import pytest

from jianghua import schema
from jianghua.views import VIEW_NAMES, VIEWS, create_views, dictionary_markdown

sa = pytest.importorskip("sqlalchemy")
pytest.importorskip("duckdb_engine")
# duckdb-engine has no SQLAlchemy type for VARCHAR[] (metrics.aliases) and says so; the column still reflects.
pytestmark = pytest.mark.filterwarnings("ignore:Did not recognize type")


# ---------------------------------------------------------------- Superset's way in
@pytest.fixture()
def engine(built_package):
    # The URL a Superset user pastes: read-only, so dashboards never lock the file. NullPool + dispose: DuckDB
    # refuses a second in-process connection to the file with another configuration while one stays open.
    url = f"duckdb:///{built_package / 'jianghua.duckdb'}?access_mode=read_only"
    eng = sa.create_engine(url, poolclass=sa.pool.NullPool)
    yield eng
    eng.dispose()


def test_sqlalchemy_reflects_tables_views_and_their_comments(engine):
    insp = sa.inspect(engine)
    assert set(schema.TABLE_NAMES) <= set(insp.get_table_names())
    assert set(VIEW_NAMES) <= set(insp.get_view_names())
    for t in schema.tables().values():
        assert insp.get_table_comment(t.name)["text"] == t.description
        cols = {c["name"]: c["comment"] for c in insp.get_columns(t.name)}
        assert cols == {f.name: f.description for f in t.fields}
    for v in VIEWS:
        assert insp.get_table_comment(v.name)["text"] == v.comment
        cols = insp.get_columns(v.name)
        assert [c["name"] for c in cols] == [c.name for c in v.columns]
        assert all(c["comment"] for c in cols), v.name
    # a view column copied from a table carries that table's description
    year = {c["name"]: c["comment"] for c in insp.get_columns("indicator_facts")}["year"]
    assert year == schema.table("speeches").field("year").description


def test_sqlalchemy_autoloads_a_view_and_queries_it(engine, built_package):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duckdb-engine warns that it skips index reflection
        facts = sa.Table("indicator_facts", sa.MetaData(), autoload_with=engine)
    assert facts.comment and facts.c.metric_name_en.comment
    with engine.connect() as con:
        n = con.execute(sa.select(sa.func.count()).select_from(facts)).scalar_one()
        targets = con.execute(sa.select(sa.func.count()).select_from(facts)
                              .where(facts.c.status == "target")).scalar_one()
    indicators = pq.read_table(built_package / "indicators.parquet").to_pylist()
    assert n == len(indicators)
    assert targets == sum(1 for r in indicators if r["status"] == "target")


# ---------------------------------------------------------------- the views on the real build
def test_indicator_facts_carry_their_speech_and_section(built_package):
    speeches = {r["speech_id"]: r for r in pq.read_table(built_package / "speeches.parquet").to_pylist()}
    sections = {r["section_id"]: r for r in pq.read_table(built_package / "sections.parquet").to_pylist()}
    indicators = {r["indicator_id"]: r for r in pq.read_table(built_package / "indicators.parquet").to_pylist()}
    con = duckdb.connect(str(built_package / "jianghua.duckdb"), read_only=True)
    try:
        cur = con.execute("SELECT * FROM indicator_facts")
        cols = [d[0] for d in cur.description]
        rows = [dict(zip(cols, r)) for r in cur.fetchall()]
    finally:
        con.close()
    assert len(rows) == len(indicators)
    for r in rows:
        ind, sp = indicators[r["indicator_id"]], speeches[r["speech_id"]]
        assert (r["year"], r["jurisdiction"], r["admin_level"], r["speech_title"]) == \
               (sp["year"], sp["jurisdiction"], sp["admin_level"], sp["title"])
        assert r["section_heading"] == sections[ind["section_id"]]["heading"]
        assert (r["value"], r["span_text"], r["status"]) == (ind["value"], ind["span_text"], ind["status"])


def test_speech_overview_counts_match_the_tables(built_package):
    con = duckdb.connect(str(built_package / "jianghua.duckdb"), read_only=True)
    try:
        got = {r[0]: r[1:] for r in con.execute(
            "SELECT speech_id, n_indicators, n_entities, n_deadlines FROM speech_overview").fetchall()}
    finally:
        con.close()
    for table, pos in (("indicators", 0), ("entities", 1), ("deadlines", 2)):
        per = {}
        for r in pq.read_table(built_package / f"{table}.parquet", columns=["speech_id"]).to_pylist():
            per[r["speech_id"]] = per.get(r["speech_id"], 0) + 1
        assert {k: v[pos] for k, v in got.items() if v[pos]} == per


# ---------------------------------------------------------------- the view rules, on hand-made rows
@pytest.fixture()
def tiny():
    """An in-memory database with the real DDL and a few hand-made rows."""
    con = duckdb.connect()
    for t in schema.tables().values():
        for stmt in schema.duckdb_ddl(t):
            con.execute(stmt)
    text = "全市要在9月底前完成改造，每月调度一次。市发改委牵头，地区生产总值增长6%，工业投资下降3.5%。"
    con.execute("INSERT INTO sources VALUES ('a.txt', ?, 10, 'utf-8', 'ok', NULL, 1)", ["0" * 64])
    con.execute("INSERT INTO speeches VALUES ('sp1', 'a.txt', 1, '在全市会议上的讲话', '在全市会议上的讲话', ?, ?, "
                "'hans', 2020, '2020年', NULL, NULL, 'prefecture', '某某市', NULL, '市长', NULL, 'sp1', true, 0)",
                [text, len(text)])
    con.execute("INSERT INTO sections VALUES ('sp1-s0', 'sp1', NULL, 'preamble', 1, 0, NULL, NULL, '0', 0, ?)",
                [len(text)])
    con.execute("INSERT INTO metrics VALUES ('gdp', '地区生产总值', 'Gross regional product', ['生产总值']), "
                "('other', '其他', 'Other', [])")

    def span(s):
        i = text.index(s)
        return i, i + len(s), s

    a, b, s = span("6%")
    con.execute("INSERT INTO indicators VALUES ('i1', 'sp1', 'sp1-s0', ?, ?, ?, '地区生产总值增长6%', 'gdp', "
                "'地区生产总值', NULL, 6, NULL, '%', 6, 'growth', 'up', 'eq', NULL, 'actual', NULL, false)", [a, b, s])
    a, b, s = span("3.5%")
    con.execute("INSERT INTO indicators VALUES ('i2', 'sp1', 'sp1-s0', ?, ?, ?, '工业投资下降3.5%', 'other', "
                "'工业投资', NULL, 3.5, NULL, '%', 3.5, 'growth', 'down', 'eq', NULL, 'actual', NULL, false)",
                [a, b, s])
    a, b, s = span("9月底前")
    con.execute("INSERT INTO deadlines VALUES ('d1', 'sp1', 'sp1-s0', ?, ?, ?, 'due', 2020, 9, NULL, 'end', "
                "DATE '2020-09-30', NULL, false, '完成改造', NULL)", [a, b, s])
    a, b, s = span("每月")
    con.execute("INSERT INTO deadlines VALUES ('d2', 'sp1', 'sp1-s0', ?, ?, ?, 'recurring', NULL, NULL, NULL, NULL, "
                "NULL, 'monthly', false, '调度一次', NULL)", [a, b, s])
    a, b, s = span("全市")
    con.execute("INSERT INTO entities VALUES ('e1', 'sp1', 'sp1-s0', ?, ?, ?, 'place', '全市', NULL)", [a, b, s])
    a, b, s = span("市发改委")
    con.execute("INSERT INTO entities VALUES ('e2', 'sp1', 'sp1-s0', ?, ?, ?, 'gov_body', '市发改委', NULL)", [a, b, s])
    create_views(con)
    yield con, text
    con.close()


def test_a_fall_is_negative_in_signed_value(tiny):
    con, _ = tiny
    got = dict(con.execute("SELECT indicator_id, signed_value FROM indicator_facts").fetchall())
    assert got == {"i1": 6.0, "i2": -3.5}
    assert con.execute("SELECT metric_name_en FROM indicator_facts WHERE indicator_id = 'i1'").fetchone() == \
        ("Gross regional product",)


def test_calendar_date_is_the_due_date_and_recurring_duties_have_none(tiny):
    con, _ = tiny
    rows = con.execute("SELECT deadline_id, calendar_date, calendar_precision FROM deadline_calendar "
                       "ORDER BY deadline_id").fetchall()
    assert rows == [("d1", dt.date(2020, 9, 30), "day"), ("d2", None, None)]


def test_calendar_date_falls_back_to_the_first_of_the_month(tiny):
    con, _ = tiny
    con.execute("UPDATE deadlines SET due_date = NULL WHERE deadline_id = 'd1'")
    assert con.execute("SELECT calendar_date, calendar_precision FROM deadline_calendar "
                       "WHERE deadline_id = 'd1'").fetchone() == (dt.date(2020, 9, 1), "month")


def test_entity_context_is_the_mention_with_its_neighbours_clipped_at_the_text_edges(tiny):
    con, text = tiny
    got = dict(con.execute("SELECT entity_id, context FROM entity_mentions").fetchall())
    start = text.index("全市")  # at the very start: nothing before it
    assert got["e1"] == text[start:start + 2 + 30]
    i = text.index("市发改委")
    assert got["e2"] == text[max(i - 30, 0):i + 4 + 30]


def test_every_view_column_is_described_and_the_dictionary_lists_them():
    md = dictionary_markdown()
    for v in VIEWS:
        assert f"### {v.name}" in md
        for c in v.columns:
            assert c.description().strip(), (v.name, c.name)
            assert f"| {c.name} |" in md
