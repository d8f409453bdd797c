"""Stage 6, validate: pandera on every table, then the checks that span tables.

``validate_package`` is ``jianghua validate PATH``, and the gate every publish
(on the package written to its temporary folder, before the rename) and every
release runs: check_tables on the tables read back from the Parquet files, plus
every file's size and sha256, and Frictionless on the descriptor and a sample.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from . import memory, schema
from .publish import DUCKDB_FILE, sha256_file


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


# Rows pandera sees at once: memory stays bounded by a slice, not by the largest table.
_SLICE_ROWS = 50_000


def check_schemas(tables: dict[str, pa.Table], report: Report) -> None:
    import pandera.errors

    for name, t in schema.tables().items():
        if name not in tables:
            report.problems.append(f"{name}: table missing")
            continue
        table, failures = tables[name], []
        pandera_schema = schema.pandera_schema(t)
        for offset in range(0, max(table.num_rows, 1), _SLICE_ROWS):
            df = table.slice(offset, _SLICE_ROWS).to_pandas(types_mapper=_pandas_type)
            try:
                pandera_schema.validate(df, lazy=True)
            except pandera.errors.SchemaErrors as exc:
                failures += [f"{name}.{case['column']}: {case['check']} failed (value {case['failure_case']!r})"
                             for _, case in exc.failure_cases.iterrows()]
        # pandera checked each slice's keys; uniqueness across slices is checked here
        key = [table.column(k) for k in t.primary_key]
        distinct = len(pa.table(dict(zip(t.primary_key, key))).group_by(list(t.primary_key)).aggregate([]))
        if distinct != table.num_rows:
            failures.append(f"{name}: primary key {', '.join(t.primary_key)} has {table.num_rows - distinct} duplicates")
        report.problems += failures[:20]
        if len(failures) > 20:
            report.problems.append(f"{name}: … and {len(failures) - 20} more schema failures")
        report.checked.append(f"{name}: schema ({table.num_rows} rows)")


def _pandas_type(arrow_type: pa.DataType):
    import pandas as pd

    if pa.types.is_integer(arrow_type):
        return pd.Int64Dtype()
    if pa.types.is_boolean(arrow_type):
        return pd.BooleanDtype()
    return None


_BATCH = 1 << 16


def _batches(table: pa.Table | None, columns: list[str]):
    """Rows of some columns, as dicts, one slice at a time: never the whole table as Python objects."""
    if table is None or table.num_rows == 0:
        return
    for batch in table.select(columns).to_batches(max_chunksize=_BATCH):
        yield from batch.to_pylist()


def _row(table: pa.Table, i: int) -> dict:
    return table.slice(i, 1).to_pylist()[0]


def check_relations(tables: dict[str, pa.Table], report: Report) -> None:
    """Foreign keys, span texts, section nesting, one canonical speech per variant group.

    Streams every table in slices (a 100 MB corpus has millions of rows); holds only
    the keys of referenced tables and one speech's text at a time.
    """
    specs = schema.tables()
    referenced = {fk.resource for t in specs.values() for fk in t.foreign_keys}
    keys = {name: {tuple(r[k] for k in specs[name].primary_key)
                   for r in _batches(tables.get(name), list(specs[name].primary_key))}
            for name in referenced}
    for name, t in specs.items():
        for fk in t.foreign_keys:
            bad, shown = 0, []
            for r in _batches(tables.get(name), list(fk.fields)):
                if all(r[c] is not None for c in fk.fields) and tuple(r[c] for c in fk.fields) not in keys[fk.resource]:
                    bad += 1
                    if len(shown) < 5:
                        shown.append(r)
            for r in shown:
                report.problems.append(f"{name}.{','.join(fk.fields)} = {[r[c] for c in fk.fields]} "
                                       f"has no row in {fk.resource}")
            if bad > 5:
                report.problems.append(f"{name}: … {bad - 5} more broken references to {fk.resource}")
        report.checked.append(f"{name}: foreign keys")

    speeches = tables["speeches"]
    speech_ids = speeches.column("speech_id").to_pylist()
    where = {sid: i for i, sid in enumerate(speech_ids)}  # the last row wins, as a dict of texts did
    n_text = pc.utf8_length(speeches.column("text")).to_pylist()  # code points, as len() counts
    lengths = dict(zip(speech_ids, n_text))
    for s, n in zip(_batches(speeches, ["speech_id", "n_chars"]), n_text):
        if s["n_chars"] != n:
            report.problems.append(f"speeches {s['speech_id']}: n_chars {s['n_chars']} != len(text) {n}")
    texts = speeches.column("text")
    for name in ("indicators", "entities", "deadlines"):
        id_col = schema.table(name).primary_key[0]
        table = tables[name]
        # Visit rows speech by speech (a stable sort), so only one text is in hand at a time.
        order = pc.sort_indices(table.column("speech_id")) if table.num_rows else pa.array([], pa.uint64())
        bad_at, current, text = [], object(), ""
        cols = table.select(["speech_id", "char_start", "char_end", "span_text"])
        for lo in range(0, len(order), _BATCH):
            idx = order[lo:lo + _BATCH]
            for i, r in zip(idx.to_pylist(), cols.take(idx).to_pylist()):
                if r["speech_id"] != current:
                    current = r["speech_id"]
                    text = texts[where[current]].as_py() if current in where else ""
                if text[r["char_start"]:r["char_end"]] != r["span_text"] or r["char_start"] >= r["char_end"]:
                    bad_at.append(i)
        bad_at.sort()  # report in table order
        for i in bad_at[:5]:
            r = _row(table, i)
            report.problems.append(f"{name} {r[id_col]}: span_text {r['span_text']!r} != speeches.text"
                                   f"[{r['char_start']}:{r['char_end']}]")
        if len(bad_at) > 5:
            report.problems.append(f"{name}: … {len(bad_at) - 5} more rows whose span_text is not the text at their offsets")
        report.checked.append(f"{name}: spans")
    del text

    sections = tables["sections"]
    spans = {r["section_id"]: (r["char_start"], r["char_end"])
             for r in _batches(sections, ["section_id", "char_start", "char_end"])}
    for sec in _batches(sections, ["section_id", "speech_id", "char_start", "char_end", "parent_id"]):
        n = lengths.get(sec["speech_id"], 0)
        if not 0 <= sec["char_start"] <= sec["char_end"] <= n:
            report.problems.append(f"sections {sec['section_id']}: span {sec['char_start']}-{sec['char_end']} "
                                   f"outside its speech (0-{n})")
        parent = spans.get(sec["parent_id"]) if sec["parent_id"] else None
        if parent and not (parent[0] <= sec["char_start"] and sec["char_end"] <= parent[1]):
            report.problems.append(f"sections {sec['section_id']}: span not inside its parent {sec['parent_id']}")
    report.checked.append("sections: nesting")

    groups = list(_batches(speeches, ["variant_group", "is_canonical"]))
    canon = Counter(s["variant_group"] for s in groups if s["is_canonical"])
    for group in sorted({s["variant_group"] for s in groups}):
        if canon[group] != 1:
            report.problems.append(f"speeches: variant_group {group} has {canon[group]} canonical speeches (needs 1)")
    report.checked.append("speeches: one canonical per variant group")


def check_tables(tables: dict[str, pa.Table]) -> Report:
    report = Report()
    check_schemas(tables, report)
    if not report.problems:
        check_relations(tables, report)
    memory.release()  # the checks' temporary copies, back to the OS
    return report


def _descriptor_path(path: Path) -> Path:
    return path / "datapackage.json" if path.is_dir() else path


def validate_package(path: Path, run_frictionless: bool = True) -> Report:
    """Every check a user can run on a downloaded package (`jianghua validate`; also the gate of every publish
    and release).

    Sizes and sha256 of every file, SHA256SUMS, pandera on every row, and every key, reference, span, section
    and variant group on every row (check_tables). Frictionless then checks the whole descriptor against the
    Data Package standard, and reads a sample, the first FRICTIONLESS_ROWS rows of each resource, against the
    declared fields, types and constraints; its foreign-key check is left to check_relations (every row).
    """
    report = Report()
    desc_path = _descriptor_path(path)
    if not desc_path.exists():
        report.problems.append(f"{desc_path}: no datapackage.json here")
        return report
    try:
        desc = json.loads(desc_path.read_text("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        report.problems.append(f"{desc_path}: not a JSON descriptor ({exc})")
        return report
    base = desc_path.parent
    tables: dict[str, pa.Table] = {}
    for res in desc.get("resources", []):
        file = base / res["path"]
        if not file.exists():
            report.problems.append(f"{res['name']}: file {file} is missing")
            continue
        size = file.stat().st_size
        if size != res.get("bytes"):
            report.problems.append(f"{res['name']}: {file} has {size} bytes, the descriptor says {res.get('bytes')}")
        digest = sha256_file(file)
        if f"sha256:{digest}" != res.get("hash"):
            report.problems.append(f"{res['name']}: sha256 of {file} is {digest}, the descriptor says {res.get('hash')}")
        report.checked.append(f"{res['name']}: bytes and sha256")
        try:
            tables[res["name"]] = pq.read_table(file)
        except Exception as exc:  # a damaged file must be reported, whatever pyarrow raises
            report.problems.append(f"{res['name']}: {file} cannot be read as Parquet ({exc})")
    sums = base / Path(desc["resources"][0]["path"]).parent / "SHA256SUMS" if desc.get("resources") else None
    if sums and sums.exists():
        for line in sums.read_text("utf-8").splitlines():
            digest, name = line.split(maxsplit=1)
            f = sums.parent / name
            if not f.exists():
                report.problems.append(f"SHA256SUMS: {f} is missing")
            elif sha256_file(f) != digest:
                report.problems.append(f"SHA256SUMS: {f} does not match its recorded sha256")
        report.checked.append("SHA256SUMS")
        if not (sums.parent / DUCKDB_FILE).exists():
            report.problems.append(f"{sums.parent / DUCKDB_FILE} is missing")
    if len(tables) == len(schema.tables()):
        sub = check_tables(tables)
        report.problems += sub.problems
        report.checked += sub.checked
    if run_frictionless and not report.problems:
        _frictionless(desc_path, report)
    return report


# Frictionless reads Parquet row by row through pandas (~4 s per 100k rows, notes/STACK.md) and builds a lookup
# of every referenced table for its foreign-key check: on a 120-report corpus that was 67 of validate's 68 s.
# pandera and check_relations above already check every row, key and reference; Frictionless is kept for what
# only it checks (the descriptor against the Data Package standard, and that the files read back with the
# declared fields, types and constraints), on the first rows of each resource.
FRICTIONLESS_ROWS = 100


def _frictionless(desc_path: Path, report: Report) -> None:
    from frictionless import Checklist, FrictionlessException, Package, system

    desc = json.loads(desc_path.read_text("utf-8"))
    base = str(desc_path.parent)
    with system.use_context(trusted=True):
        # The whole descriptor, foreign keys included, against the standard (reads no data).
        errors = Package.validate_descriptor(desc, basepath=base).errors
        for err in errors[:10]:
            report.problems.append(f"frictionless: {err.message}")
        if errors:
            return  # Frictionless cannot read the data of a descriptor it rejects
        # Without foreignKeys Frictionless builds no lookup of whole tables: check_relations checks
        # every key on every row instead.
        for res in desc.get("resources", []):
            res.get("schema", {}).pop("foreignKeys", None)
        # Frictionless does not hash Parquet and miscounts its bytes (notes/STACK.md):
        # both are verified above, so its byte-count and hash checks are skipped.
        try:
            result = Package(desc, basepath=base).validate(
                checklist=Checklist(skip_errors=["byte-count", "hash-count"]), limit_rows=FRICTIONLESS_ROWS)
        except FrictionlessException as exc:  # reported, like any other problem, not a traceback
            report.problems.append(f"frictionless: {exc.error.message}")
            return
    for task in result.tasks:
        for err in task.errors[:10]:
            report.problems.append(f"frictionless {task.name}: {err.message}")
    for err in result.errors[:10]:
        report.problems.append(f"frictionless: {err.message}")
    report.checked.append(f"frictionless: descriptor, and types and constraints of the first {FRICTIONLESS_ROWS} "
                          "rows of each table")
