"""The table schemas are one source of truth: every generated artefact agrees with it."""
from __future__ import annotations

import duckdb
import pytest

from jianghua import schema

SPEC_COLUMNS = {
    # Required columns of spec/DATA_MODEL.md, the contract with users.
    "sources": "source_file sha256 bytes encoding status error n_speeches",
    "speeches": "speech_id source_file ordinal title title_raw text n_chars script year year_evidence "
                "published_date admin_level jurisdiction admin_code speaker_title meeting variant_group "
                "is_canonical masked_count",
    "sections": "section_id speech_id parent_id kind level ordinal marker heading path char_start char_end",
    "metrics": "metric name_zh name_en aliases",
    "indicators": "indicator_id speech_id section_id char_start char_end span_text sentence metric metric_text "
                  "subject value value_max unit value_base measure direction comparator commitment status "
                  "period_text is_masked",
    "entities": "entity_id speech_id section_id char_start char_end span_text type name admin_code",
    "deadlines": "deadline_id speech_id section_id char_start char_end span_text kind due_year due_month due_day "
                 "due_part due_date recurrence is_masked task responsible",
}


@pytest.mark.parametrize("name", sorted(SPEC_COLUMNS))
def test_every_column_of_the_data_model_is_declared(name):
    declared = set(schema.table(name).column_names)
    assert set(SPEC_COLUMNS[name].split()) <= declared


def test_enums_of_the_data_model():
    assert schema.table("speeches").field("admin_level").enum == (
        "national", "province", "prefecture", "county", "township", "unknown")
    assert schema.table("indicators").field("comparator").enum == ("eq", "approx", "gte", "gt", "lte", "lt", "range")
    assert schema.table("deadlines").field("recurrence").enum == (
        "daily", "weekly", "dekad", "monthly", "quarterly", "yearly")


def test_every_column_has_a_description():
    for t in schema.tables().values():
        assert t.description
        for f in t.fields:
            assert f.description.strip(), f"{t.name}.{f.name}"


def test_foreign_keys_point_at_primary_keys():
    for t in schema.tables().values():
        for fk in t.foreign_keys:
            assert schema.table(fk.resource).primary_key == fk.reference_fields


def test_arrow_schema_carries_nullability_and_descriptions():
    s = schema.arrow_schema(schema.table("speeches"))
    assert not s.field("speech_id").nullable
    assert s.field("year").nullable
    assert s.field("title").metadata[b"description"].decode().startswith("Cleaned title")


def test_frictionless_schema_has_keys_enums_and_missing_values():
    fs = schema.frictionless_schema(schema.table("sections"))
    assert fs["primaryKey"] == ["section_id"]
    assert {"fields": ["parent_id"], "reference": {"resource": "", "fields": ["section_id"]}} in fs["foreignKeys"]
    kind = next(f for f in fs["fields"] if f["name"] == "kind")
    assert kind["constraints"]["enum"] == ["preamble", "heading", "closing"]
    assert fs["missingValues"] == ["", "nan"]


def test_duckdb_ddl_enforces_enums_keys_and_comments():
    con = duckdb.connect()
    for t in schema.tables().values():
        for stmt in schema.duckdb_ddl(t):
            con.execute(stmt)
    comment = con.execute("select comment from duckdb_columns() where table_name='indicators' "
                          "and column_name='comparator'").fetchone()[0]
    assert "左右" in comment
    con.execute("insert into sources values ('a.txt', repeat('0', 64), 1, 'utf-8', 'ok', null, 0)")
    with pytest.raises(duckdb.ConstraintException):
        con.execute("insert into sources values ('b.txt', repeat('0', 64), 1, 'utf-8', 'maybe', null, 0)")
    with pytest.raises(duckdb.ConstraintException):
        con.execute("insert into sources values ('a.txt', repeat('0', 64), 1, 'utf-8', 'ok', null, 0)")


def test_pandera_rejects_a_value_outside_an_enum():
    import pandas as pd
    import pandera.errors

    df = pd.DataFrame({"source_file": ["a.txt"], "sha256": ["0" * 64], "bytes": pd.array([3], "Int64"),
                       "encoding": pd.array(["utf-8"], "str"), "status": ["broken"], "error": pd.array([None], "str"),
                       "n_speeches": pd.array([0], "Int64")}).astype({"source_file": "str", "sha256": "str", "status": "str"})
    with pytest.raises(pandera.errors.SchemaErrors):
        schema.pandera_schema(schema.table("sources")).validate(df, lazy=True)
    df.loc[0, "status"] = "ok"
    schema.pandera_schema(schema.table("sources")).validate(df, lazy=True)


def test_data_dictionary_lists_every_table_and_is_committed_up_to_date():
    from pathlib import Path

    from jianghua.views import dictionary_markdown

    text = schema.data_dictionary(dictionary_markdown())
    for name in schema.TABLE_NAMES:
        assert f"## {name}:" in text
    assert "### indicator_facts" in text
    committed = Path(__file__).resolve().parents[1] / "docs" / "DATA_DICTIONARY.md"
    assert committed.read_text("utf-8") == text, "run `jianghua dictionary` and commit docs/DATA_DICTIONARY.md"
