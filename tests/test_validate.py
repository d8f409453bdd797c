"""validate.check_tables on tables a build could get wrong."""
from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq

from jianghua import schema, validate


def _tables(pkg):
    return {name: pq.read_table(pkg / f"{name}.parquet") for name in schema.TABLE_NAMES}


def test_a_key_repeated_in_another_slice_is_caught(built_package, monkeypatch):
    monkeypatch.setattr(validate, "_SLICE_ROWS", 100)  # pandera sees 100 rows at a time
    tables = _tables(built_package)
    assert validate.check_tables(tables).ok
    ind = tables["indicators"]
    tables["indicators"] = pa.concat_tables([ind, ind.slice(0, 1)])
    report = validate.check_tables(tables)
    assert report.problems == ["indicators: primary key indicator_id has 1 duplicates"]


def test_a_value_outside_its_enum_is_named_with_table_and_column(built_package):
    tables = _tables(built_package)
    ent = tables["entities"]
    types = ent.column("type").to_pylist()
    types[0] = "organisation"
    tables["entities"] = ent.set_column(ent.schema.get_field_index("type"), ent.schema.field("type"),
                                        pa.array(types, pa.string()))
    report = validate.check_tables(tables)
    assert any(p.startswith("entities.type: isin") and "organisation" in p for p in report.problems), report.problems
