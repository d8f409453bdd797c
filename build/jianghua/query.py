"""`jianghua sql`: one read-only query on a package's DuckDB file, printed in a chosen format.

Safety: the file is opened read-only and with DuckDB's external access off
(and the configuration locked), so a query can neither change the package nor
read or write other files (COPY … TO, ATTACH, read_csv('/etc/…')).

Output conventions: cell values are formatted by ``export.text_value`` /
``export.json_value``, the functions the CSV export uses, so `sql -f csv` and
`export` agree (true/false, empty for NULL, ISO dates, lists as JSON arrays).
Stdout CSV has no BOM (the export files have one, for Excel). TSV is CSV with
tabs: a value holding a tab, newline or quote is quoted. Results go to stdout;
row counts and errors go to stderr, each error on one line.
"""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from .export import json_value, text_value

FORMATS = ("table", "csv", "tsv", "json", "jsonl", "markdown")


class QueryError(Exception):
    """A problem the user can fix (bad SQL, missing package…); the message is one line."""


def one_line(exc: Exception) -> str:
    """DuckDB's message without the LINE/caret excerpt, its other lines joined: one line for stderr."""
    text = str(exc).split("\n\nLINE ")[0]
    return " ".join(line.strip() for line in text.splitlines() if line.strip())


def database(package: Path) -> Path:
    """The DuckDB file of the package described by ``package`` (a datapackage.json or its folder)."""
    desc = package / "datapackage.json" if package.is_dir() else package
    if not desc.is_file():
        raise QueryError(f"no package at {desc}: run `jianghua build` first, or pass --package")
    try:
        meta = json.loads(desc.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise QueryError(f"{desc} is not a readable datapackage.json: {one_line(exc)}") from exc
    db = desc.parent / meta.get("x-jianghua", {}).get("duckdb", "jianghua.duckdb")
    if not db.is_file():
        raise QueryError(f"the package's DuckDB file {db} is missing")
    return db


@dataclass
class Result:
    columns: list[str]
    rows: list[tuple]
    total: int
    """Rows the query returned; more than ``len(rows)`` when --limit cut them."""


def run(db: Path, sql: str, limit: int | None = None) -> Result:
    """Run ``sql`` read-only; with ``limit``, keep at most that many rows but count them all."""
    import duckdb

    if not sql.strip():
        raise QueryError("empty query: pass SQL as the argument, `-` to read it from stdin, or --file PATH")
    try:
        con = duckdb.connect(str(db), read_only=True,
                             config={"enable_external_access": False, "lock_configuration": True})
    except duckdb.Error as exc:
        raise QueryError(f"cannot open {db}: {one_line(exc)}") from exc
    try:
        cur = con.execute(sql)
        if cur is None:  # only comments or semicolons
            raise QueryError("the query holds no SQL statement (only comments or semicolons?)")
        columns = [d[0] for d in cur.description or ()]  # every DuckDB statement has one (Success, Count…)
        if limit is None:
            rows = cur.fetchall()
            return Result(columns, rows, len(rows))
        rows = cur.fetchmany(limit) if limit else []
        total = len(rows)
        while batch := cur.fetchmany(10_000):  # count what --limit cut, without keeping it
            total += len(batch)
        return Result(columns, rows, total)
    except duckdb.Error as exc:
        message = one_line(exc)
        if "read-only mode" in message:
            raise QueryError(f"the package is read-only, the query cannot change it ({message})") from exc
        raise QueryError(f"query failed: {message}") from exc
    finally:
        con.close()


# ---------------------------------------------------------------- formats
def write_delimited(result: Result, out: IO[str], delimiter: str) -> None:
    w = csv.writer(out, delimiter=delimiter)  # RFC 4180 quoting and \r\n, as the export files
    w.writerow(result.columns)
    for row in result.rows:
        w.writerow([text_value(v) for v in row])


def _objects(result: Result) -> list[dict]:
    seen: set[str] = set()
    for c in result.columns:
        if c in seen:  # a JSON object would keep only one of them
            raise QueryError(f"two columns are named {c!r}: give them distinct names (AS …) for JSON output")
        seen.add(c)
    return [{c: json_value(v) for c, v in zip(result.columns, row)} for row in result.rows]


def write_json(result: Result, out: IO[str]) -> None:
    """An array of objects, one object per line."""
    objs = _objects(result)
    out.write("[" + ",\n ".join(json.dumps(o, ensure_ascii=False) for o in objs) + "]\n")


def write_jsonl(result: Result, out: IO[str]) -> None:
    for o in _objects(result):
        out.write(json.dumps(o, ensure_ascii=False) + "\n")


def _md_cell(s: str) -> str:
    return s.replace("\\", "\\\\").replace("|", "\\|").replace("\r\n", "<br>").replace("\n", "<br>")


def write_markdown(result: Result, out: IO[str]) -> None:
    """A GitHub-flavoured Markdown table; | is escaped and newlines become <br>."""
    out.write("| " + " | ".join(_md_cell(c) for c in result.columns) + " |\n")
    out.write("|" + "|".join(" --- " for _ in result.columns) + "|\n")
    for row in result.rows:
        out.write("| " + " | ".join(_md_cell(text_value(v)) for v in row) + " |\n")


def rich_table(result: Result):
    """A rich Table that never cuts a value: long cells fold onto more lines instead of ending in …."""
    from rich.table import Column, Table
    from rich.text import Text

    cells = [[text_value(v) for v in row] for row in result.rows]
    multiline = any("\n" in c for row in cells for c in row)
    # Text(), not str: a value such as "[b]" must print as is, not as rich markup.
    table = Table(*(Column(Text(c), overflow="fold") for c in result.columns), show_lines=multiline)
    for row in cells:
        table.add_row(*(Text(c) for c in row))
    return table


WRITERS = {
    "csv": lambda r, out: write_delimited(r, out, ","),
    "tsv": lambda r, out: write_delimited(r, out, "\t"),
    "json": write_json,
    "jsonl": write_jsonl,
    "markdown": write_markdown,
}
