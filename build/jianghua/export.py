"""Export a package for spreadsheet users: CSV (UTF-8 with BOM) or one Excel workbook.

Parquet stays the primary format; these are copies for people who open data in
Excel. Choices, and why:

- CSV is written as UTF-8 *with* a byte-order mark: Excel on Windows opens a
  BOM-less UTF-8 CSV as the ANSI code page and the Chinese turns to mojibake.
  (`jianghua sql -f csv` writes the same CSV to stdout but without the BOM,
  which would corrupt the first column name of a pipe or a concatenation.)
- Cell values follow one convention, ``text_value`` below, shared with
  `jianghua sql`: empty for NULL, true/false, ISO dates, lists as JSON arrays
  (``["GDP","生产总值"]``: unambiguous, unlike a separator an alias may contain).
- The xlsx has one sheet per table and per BI view (views.py), a README sheet
  describing every column (from schemas/*.yaml), a frozen, filterable header.
- Excel limits a cell to 32,767 characters: longer texts (speeches.text) are
  cut there and the README sheet says so; the Parquet/CSV keep the full text.
- Strings are always written as text: a value starting with ``=`` must never
  become a formula.

``open_package`` (reading a package folder or datapackage.json) is shared by
export, report, diff and release.
"""
from __future__ import annotations

import csv
import datetime as dt
import decimal
import json
import math
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from . import schema, views

EXCEL_MAX_CELL = 32_767
EXCEL_MAX_ROWS = 1_048_576


class PackageError(Exception):
    pass


@dataclass(frozen=True)
class Package:
    descriptor_path: Path
    descriptor: dict

    @property
    def folder(self) -> Path:
        return self.descriptor_path.parent

    @property
    def version(self) -> str:
        return str(self.descriptor.get("version", "unknown"))

    @property
    def table_names(self) -> list[str]:
        return [r["name"] for r in self.descriptor.get("resources", [])]

    def parquet(self, name: str) -> Path:
        for r in self.descriptor.get("resources", []):
            if r["name"] == name:
                return self.folder / r["path"]
        raise PackageError(f"{self.descriptor_path} has no table {name!r}")

    @property
    def duckdb(self) -> Path:
        return self.folder / self.descriptor.get("x-jianghua", {}).get("duckdb", "jianghua.duckdb")

    def read(self, name: str) -> pa.Table:
        return pq.read_table(self.parquet(name))


def open_package(path: Path) -> Package:
    """A package from its datapackage.json or the folder holding it."""
    path = Path(path)
    desc = path / "datapackage.json" if path.is_dir() else path
    if not desc.is_file():
        raise PackageError(f"no package at {desc}: pass a datapackage.json or a folder holding one "
                           "(build one with `jianghua build`)")
    try:
        data = json.loads(desc.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise PackageError(f"{desc} is not a readable datapackage.json: {exc}") from exc
    pkg = Package(desc.resolve(), data)
    for name in pkg.table_names:
        if not pkg.parquet(name).is_file():
            raise PackageError(f"{desc}: the file of table {name} ({pkg.parquet(name)}) is missing")
    return pkg


# ---------------------------------------------------------------- what is exported
def _view_tables(pkg: Package) -> dict[str, pa.Table]:
    """The BI views, read from the package's DuckDB file (empty when the file predates them)."""
    import duckdb

    if not pkg.duckdb.is_file():
        return {}
    con = duckdb.connect(str(pkg.duckdb), read_only=True)
    try:
        present = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
        return {v: con.sql(f"SELECT * FROM {v}").to_arrow_table() for v in views.VIEW_NAMES if v in present}
    finally:
        con.close()


def _datasets(pkg: Package, include_views: bool) -> dict[str, pa.Table]:
    out = {name: pkg.read(name) for name in pkg.table_names}
    if include_views:
        out.update(_view_tables(pkg))
    return out


def _descriptions(name: str) -> tuple[str, dict[str, str]]:
    tables = schema.tables()
    if name in tables:
        t = tables[name]
        return t.description, {f.name: f.description for f in t.fields}
    for v in views.VIEWS:
        if v.name == name:
            return v.comment, {c.name: c.description() for c in v.columns}
    return "", {}


# ---------------------------------------------------------------- CSV
# One convention for every text output (export CSV, and `jianghua sql` csv/tsv/table/markdown/json):
# NULL (and NaN) → empty; booleans → true/false; dates and times → ISO 8601; lists and structs → JSON,
# so a list stays one unambiguous cell; a float keeps its decimal point (79.0, as in the Parquet file).
def json_value(v):
    """A value as JSON can hold it: ISO strings for dates and times, null for NaN and infinities."""
    if isinstance(v, float):
        return v if math.isfinite(v) else None
    if isinstance(v, (dt.date, dt.datetime, dt.time)):
        return v.isoformat()
    if isinstance(v, decimal.Decimal):
        return float(v) if v.is_finite() else None
    if isinstance(v, list):
        return [json_value(x) for x in v]
    if isinstance(v, dict):
        return {str(k): json_value(x) for k, x in v.items()}
    if v is None or isinstance(v, (str, int)):
        return v
    return str(v)  # UUID, interval (timedelta) and the like: their usual text


def text_value(v) -> str:
    """A value as one CSV/TSV/table cell (see the convention above)."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (list, dict)):
        return json.dumps(json_value(v), ensure_ascii=False)
    if isinstance(v, (dt.date, dt.datetime, dt.time)):
        return v.isoformat()
    if isinstance(v, float):
        return repr(v)  # the shortest exact form; keeps 79.0 a float
    return str(v)


def write_csv(table: pa.Table, path: Path) -> None:
    # newline="" lets the csv module write RFC 4180 \r\n endings, which Excel expects.
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(table.column_names)
        for batch in table.to_batches(max_chunksize=10_000):
            cols = [c.to_pylist() for c in batch.columns]
            for row in zip(*cols):
                w.writerow([text_value(v) for v in row])


# ---------------------------------------------------------------- xlsx
def _xlsx_value(v, truncated: list[int]):
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    if isinstance(v, (list, dict)):
        v = text_value(v)  # the JSON array of the CSV files
    if isinstance(v, str):
        v = ILLEGAL_CHARACTERS_RE.sub("", v)  # control characters make an unreadable workbook
        if len(v) > EXCEL_MAX_CELL:
            truncated[0] += 1
            v = v[:EXCEL_MAX_CELL - 1] + "…"
    return v


def write_xlsx(datasets: dict[str, pa.Table], path: Path, version: str) -> dict[str, int]:
    """One workbook: a README sheet, then one sheet per table/view. Returns {sheet: truncated cells}."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE5F0")
    truncated_by_sheet: dict[str, int] = {}
    readme = wb.create_sheet("README")
    for name, table in datasets.items():
        if table.num_rows + 1 > EXCEL_MAX_ROWS:
            raise PackageError(f"table {name} has {table.num_rows} rows, more than an Excel sheet holds "
                               f"({EXCEL_MAX_ROWS - 1}); use the CSV or Parquet files")
        _, coldesc = _descriptions(name)
        ws = wb.create_sheet(name[:31])  # Excel sheet names are at most 31 characters
        ws.freeze_panes = "A2"
        widths = []
        for i, col in enumerate(table.column_names):
            t = table.schema.field(col).type
            widths.append(60 if col in ("text", "sentence", "task", "context", "title", "title_raw", "speech_title")
                          else 12 if pa.types.is_integer(t) or pa.types.is_floating(t) or pa.types.is_boolean(t)
                          else 24)
            ws.column_dimensions[get_column_letter(i + 1)].width = widths[-1]
        if table.column_names:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(table.column_names))}{table.num_rows + 1}"
        header = []
        for col in table.column_names:
            cell = WriteOnlyCell(ws, value=col)
            cell.font, cell.fill = bold, fill
            if coldesc.get(col):
                from openpyxl.comments import Comment
                cell.comment = Comment(coldesc[col], "jianghua")
            header.append(cell)
        ws.append(header)
        date_types = [pa.types.is_date(table.schema.field(c).type) for c in table.column_names]
        truncated = [0]
        for batch in table.to_batches(max_chunksize=10_000):
            cols = [c.to_pylist() for c in batch.columns]
            for row in zip(*cols):
                cells = []
                for v, is_date in zip(row, date_types):
                    cell = WriteOnlyCell(ws, value=_xlsx_value(v, truncated))
                    if isinstance(cell.value, str):
                        cell.data_type = "s"  # never a formula, whatever the text starts with
                    elif is_date and isinstance(v, dt.date):
                        cell.number_format = "yyyy-mm-dd"
                    cells.append(cell)
                ws.append(cells)
        truncated_by_sheet[name] = truncated[0]
    # The README sheet is filled last (it reports the truncations) but stays first in the workbook.
    readme.column_dimensions["A"].width = 22
    readme.column_dimensions["B"].width = 26
    readme.column_dimensions["C"].width = 100
    readme.append([WriteOnlyCell(readme, value=f"jianghua {version}")])
    readme.append(["Parquet files and jianghua.duckdb are the primary formats; this workbook is a copy for Excel."])
    readme.append([f"Excel cells hold at most {EXCEL_MAX_CELL} characters: longer texts are cut and end with …"])
    readme.append(["Lists (e.g. metrics.aliases) are JSON arrays, as in the CSV files: [\"GDP\", \"生产总值\"]."])
    readme.append([])
    readme.append([_bold(readme, "sheet", bold), _bold(readme, "column", bold), _bold(readme, "description", bold)])
    for name, table in datasets.items():
        tdesc, coldesc = _descriptions(name)
        note = f" ({truncated_by_sheet[name]} cells cut at {EXCEL_MAX_CELL} characters)" if truncated_by_sheet[name] else ""
        readme.append([name, "", f"{tdesc} {table.num_rows} rows.{note}"])
        for col in table.column_names:
            readme.append([name, col, coldesc.get(col, "")])
    wb.save(path)
    return truncated_by_sheet


def _bold(ws, value, font):
    from openpyxl.cell import WriteOnlyCell

    c = WriteOnlyCell(ws, value=value)
    c.font = font
    return c


# ---------------------------------------------------------------- entry point
def export(package: Path, out: Path, fmt: str, include_views: bool = True) -> list[Path]:
    """Write the package's tables (and BI views) as CSV files or one xlsx workbook into ``out``."""
    if fmt not in ("csv", "xlsx"):
        raise PackageError(f"--format must be csv or xlsx, not {fmt!r}")
    pkg = open_package(package)
    datasets = _datasets(pkg, include_views)
    out.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        written = []
        for name, table in datasets.items():
            path = out / f"{name}.csv"
            write_csv(table, path)
            written.append(path)
        return written
    path = out / f"jianghua-{pkg.version}.xlsx"
    write_xlsx(datasets, path, pkg.version)
    return [path]
