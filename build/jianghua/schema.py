"""The single source of truth for every published table, and what is generated from it.

``schemas/<table>.yaml`` names each table's columns, types, enums, ranges,
descriptions and keys. From those files this module generates:

- the Arrow schema the Parquet files are written with (with field descriptions),
- the pandera schema each table is validated with,
- the Frictionless table schema in ``datapackage.json``,
- the DuckDB DDL with PRIMARY/FOREIGN KEY and COMMENT ON TABLE/COLUMN,
- ``docs/DATA_DICTIONARY.md``.

Nothing else in the code base lists a table's columns.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pyarrow as pa
import yaml

# Publication order: a table only references tables before it (and itself).
TABLE_NAMES = ("sources", "speeches", "sections", "metrics", "indicators", "targets", "entities", "deadlines")

_ARROW_TYPES = {
    "string": pa.string(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "boolean": pa.bool_(),
    "date": pa.date32(),
    "list": pa.list_(pa.string()),
}
_DUCKDB_TYPES = {
    "string": "VARCHAR",
    "integer": "BIGINT",
    "number": "DOUBLE",
    "boolean": "BOOLEAN",
    "date": "DATE",
    "list": "VARCHAR[]",
}
# Frictionless 5 reads Parquet through pandas and rejects the numpy arrays a
# list column arrives as, whether typed `array` or `list` (measured): lists are
# declared `any` there and described as lists; Arrow, DuckDB and pandera keep
# the real list<string> type.
_FRICTIONLESS_TYPES = {"list": "any"}


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: str
    required: bool = True
    enum: tuple[str, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None
    pattern: str | None = None


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    resource: str
    reference_fields: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    primary_key: tuple[str, ...]
    fields: tuple[Field, ...]
    foreign_keys: tuple[ForeignKey, ...] = field(default_factory=tuple)

    @property
    def column_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.name} has no column {name!r}")


def _schema_dir() -> Path:
    # An installed wheel carries the YAML files as jianghua/_schemas; an
    # editable checkout reads them from the repository's schemas/ folder.
    packaged = Path(str(resources.files("jianghua"))) / "_schemas"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "schemas"


def _field(spec: dict) -> Field:
    unknown = set(spec) - {"name", "type", "description", "required", "enum", "minimum", "maximum", "pattern"}
    if unknown:
        raise ValueError(f"schema field {spec.get('name')!r}: unknown keys {sorted(unknown)}")
    if spec["type"] not in _ARROW_TYPES:
        raise ValueError(f"schema field {spec['name']!r}: unknown type {spec['type']!r}")
    return Field(
        name=spec["name"],
        type=spec["type"],
        description=spec["description"],
        required=spec.get("required", True),
        enum=tuple(spec["enum"]) if "enum" in spec else None,
        minimum=spec.get("minimum"),
        maximum=spec.get("maximum"),
        pattern=spec.get("pattern"),
    )


@lru_cache(maxsize=1)
def tables() -> dict[str, Table]:
    """All tables, in publication order."""
    folder = _schema_dir()
    span_fields = [_field(f) for f in yaml.safe_load((folder / "_span_fields.yaml").read_text("utf-8"))]
    out: dict[str, Table] = {}
    for name in TABLE_NAMES:
        spec = yaml.safe_load((folder / f"{name}.yaml").read_text("utf-8"))
        own = [_field(f) for f in spec["fields"]]
        fields = own[:1] + span_fields + own[1:] if spec.get("span_fields") else own
        fks = tuple(
            ForeignKey(tuple(fk["fields"]), fk["reference"]["resource"], tuple(fk["reference"]["fields"]))
            for fk in spec.get("foreign_keys", [])
        )
        out[name] = Table(name, spec["title"], spec["description"].strip(), tuple(spec["primary_key"]),
                          tuple(fields), fks)
    return out


def table(name: str) -> Table:
    return tables()[name]


# ---------------------------------------------------------------- Arrow / Parquet
def arrow_schema(t: Table) -> pa.Schema:
    return pa.schema(
        [
            pa.field(f.name, _ARROW_TYPES[f.type], nullable=not f.required,
                     metadata={"description": f.description})
            for f in t.fields
        ],
        metadata={"table": t.name, "description": t.description, "primary_key": ",".join(t.primary_key)},
    )


# ---------------------------------------------------------------- pandera
def pandera_schema(t: Table):
    """A pandera DataFrameSchema checking types, nulls, enums, ranges, patterns and the primary key."""
    import pandera.pandas as pdv

    # The dtypes a pa.Table becomes with validate._pandas_type: nullable Int64
    # and boolean, pandas 3 strings, Python dates and lists as objects.
    dtypes = {"string": "str", "integer": "Int64", "number": "float64", "boolean": "boolean",
              "date": object, "list": object}
    columns = {}
    for f in t.fields:
        checks = []
        if f.enum is not None:
            checks.append(pdv.Check.isin(list(f.enum)))
        if f.minimum is not None:
            checks.append(pdv.Check.ge(f.minimum))
        if f.maximum is not None:
            checks.append(pdv.Check.le(f.maximum))
        if f.pattern is not None:
            checks.append(pdv.Check.str_matches(f.pattern))
        dtype = dtypes[f.type]
        columns[f.name] = pdv.Column(dtype, checks=checks, nullable=not f.required,
                                     unique=t.primary_key == (f.name,), description=f.description)
    return pdv.DataFrameSchema(columns, name=t.name, strict=True, ordered=True,
                               unique=list(t.primary_key) if len(t.primary_key) > 1 else None)


# ---------------------------------------------------------------- Frictionless
def frictionless_schema(t: Table) -> dict:
    fields = []
    for f in t.fields:
        out: dict = {"name": f.name, "type": _FRICTIONLESS_TYPES.get(f.type, f.type), "description": f.description}
        if f.type == "list":
            out["description"] += " (a list of strings: Parquet list<string>, DuckDB VARCHAR[])"
        constraints: dict = {}
        if f.required:
            constraints["required"] = True
        if f.enum is not None:
            constraints["enum"] = list(f.enum)
        if f.minimum is not None:
            constraints["minimum"] = f.minimum
        if f.maximum is not None:
            constraints["maximum"] = f.maximum
        if f.pattern is not None:
            constraints["pattern"] = f.pattern
        if constraints:
            out["constraints"] = constraints
        fields.append(out)
    schema: dict = {"fields": fields, "primaryKey": list(t.primary_key), "missingValues": ["", "nan"]}
    if t.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": list(fk.fields),
             "reference": {"resource": "" if fk.resource == t.name else fk.resource,
                           "fields": list(fk.reference_fields)}}
            for fk in t.foreign_keys
        ]
    return schema


# ---------------------------------------------------------------- DuckDB
def _sql_str(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def duckdb_ddl(t: Table) -> list[str]:
    """CREATE TABLE with keys and checks, then COMMENT ON TABLE/COLUMN statements."""
    cols = []
    for f in t.fields:
        col = f"{f.name} {_DUCKDB_TYPES[f.type]}"
        if f.required:
            col += " NOT NULL"
        checks = []
        if f.enum is not None:
            checks.append(f"{f.name} IN ({', '.join(_sql_str(v) for v in f.enum)})")
        if f.minimum is not None:
            checks.append(f"{f.name} >= {f.minimum}")
        if f.maximum is not None:
            checks.append(f"{f.name} <= {f.maximum}")
        if checks:
            col += f" CHECK ({' AND '.join(checks)})"
        cols.append(col)
    cols.append(f"PRIMARY KEY ({', '.join(t.primary_key)})")
    for fk in t.foreign_keys:
        cols.append(f"FOREIGN KEY ({', '.join(fk.fields)}) REFERENCES {fk.resource} ({', '.join(fk.reference_fields)})")
    stmts = [f"CREATE TABLE {t.name} (\n    " + ",\n    ".join(cols) + "\n)"]
    stmts.append(f"COMMENT ON TABLE {t.name} IS {_sql_str(t.description)}")
    for f in t.fields:
        stmts.append(f"COMMENT ON COLUMN {t.name}.{f.name} IS {_sql_str(f.description)}")
    return stmts


# ---------------------------------------------------------------- data dictionary
def data_dictionary(appendix: str = "") -> str:
    """docs/DATA_DICTIONARY.md: every table, then ``appendix`` (the DuckDB views' part)."""
    lines = [
        "# Data dictionary",
        "",
        "Generated from `schemas/*.yaml` by `jianghua dictionary`; do not edit by hand.",
        "Every published table, its keys and its columns. Offsets are Python string",
        "indices (code points) into `speeches.text`, end exclusive.",
        "",
    ]
    for t in tables().values():
        lines += [f"## {t.name}: {t.title}", "", t.description, "",
                  f"Primary key: `{', '.join(t.primary_key)}`"]
        for fk in t.foreign_keys:
            lines.append(f"Foreign key: `{', '.join(fk.fields)}` → `{fk.resource}.{', '.join(fk.reference_fields)}`")
        lines += ["", "| column | type | null | allowed | description |", "|---|---|---|---|---|"]
        for f in t.fields:
            allowed = []
            if f.enum:
                allowed.append(", ".join(f.enum))
            if f.minimum is not None:
                allowed.append(f"≥ {f.minimum:g}")
            if f.maximum is not None:
                allowed.append(f"≤ {f.maximum:g}")
            if f.pattern:
                allowed.append(f"`{f.pattern}`")
            desc = f.description.replace("|", "\\|")
            lines.append(f"| {f.name} | {f.type} | {'' if f.required else 'yes'} | {'; '.join(allowed)} | {desc} |")
        lines.append("")
    if appendix:
        lines.append(appendix)
    return "\n".join(lines)
