"""`jianghua export`: CSV that Excel opens with the Chinese intact, and an xlsx workbook read back with openpyxl."""
from __future__ import annotations

import csv
import datetime as dt
import inspect
import json
import shutil
import subprocess
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from jianghua import schema
from jianghua.cli import app
from jianghua.export import EXCEL_MAX_CELL, text_value, write_csv, write_xlsx
from jianghua.views import VIEW_NAMES

openpyxl = pytest.importorskip("openpyxl")
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def xlsx(built_package, tmp_path_factory, runner):
    out = tmp_path_factory.mktemp("xlsx")
    r = runner.invoke(app, ["export", "--format", "xlsx", "--out", str(out), "--package", str(built_package)])
    assert r.exit_code == 0, r.output
    (path,) = out.glob("*.xlsx")
    return openpyxl.load_workbook(path)


def test_csv_starts_with_a_bom_and_reads_back_as_the_parquet(built_package, runner, tmp_path):
    r = runner.invoke(app, ["export", "--format", "csv", "--out", str(tmp_path), "--package", str(built_package)])
    assert r.exit_code == 0, r.output
    names = {p.stem for p in tmp_path.glob("*.csv")}
    assert set(schema.TABLE_NAMES) | set(VIEW_NAMES) <= names
    raw = (tmp_path / "speeches.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel then decodes the Chinese as UTF-8
    with open(tmp_path / "speeches.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    speeches = pq.read_table(built_package / "speeches.parquet").to_pylist()
    assert len(rows) == len(speeches)
    for got, want in zip(rows, speeches):
        assert got["title"] == want["title"] and got["text"] == want["text"]  # multi-line safe, no mojibake
        assert got["year"] == ("" if want["year"] is None else str(want["year"]))
        assert got["is_canonical"] == ("true" if want["is_canonical"] else "false")
    with open(tmp_path / "metrics.csv", encoding="utf-8-sig", newline="") as f:
        metrics = {r["metric"]: r for r in csv.DictReader(f)}
    for m in pq.read_table(built_package / "metrics.parquet").to_pylist():
        assert json.loads(metrics[m["metric"]]["aliases"]) == m["aliases"]  # a list is one JSON cell


@pytest.mark.parametrize("table", ["speeches", "metrics", "indicators", "deadline_calendar"])
def test_sql_csv_is_the_export_csv_without_the_bom(built_package, runner, tmp_path, table):
    # One CSV convention: `jianghua sql -f csv` and `jianghua export` write the same bytes but the BOM.
    r = runner.invoke(app, ["export", "--format", "csv", "--out", str(tmp_path), "--package", str(built_package)])
    assert r.exit_code == 0, r.output
    exported = (tmp_path / f"{table}.csv").read_bytes()
    r = runner.invoke(app, ["sql", f"select * from {table}", "-f", "csv", "--package", str(built_package)])
    assert r.exit_code == 0, r.stderr
    assert exported == b"\xef\xbb\xbf" + r.stdout_bytes


def test_cell_values_follow_one_convention():
    assert [text_value(v) for v in (None, float("nan"), True, False, 79.0, 3, dt.date(2021, 3, 4), ["甲", None])] \
        == ["", "", "true", "false", "79.0", "3", "2021-03-04", '["甲", null]']


def test_xlsx_has_a_readme_and_a_sheet_per_table_and_view(xlsx, built_package):
    assert xlsx.sheetnames[0] == "README"
    assert set(schema.TABLE_NAMES) | set(VIEW_NAMES) <= set(xlsx.sheetnames)
    for name in schema.TABLE_NAMES:
        ws = xlsx[name]
        header = [c.value for c in ws[1]]
        assert header == schema.table(name).column_names
        assert ws.max_row - 1 == pq.ParquetFile(built_package / f"{name}.parquet").metadata.num_rows
        assert ws.freeze_panes == "A2" and ws.auto_filter.ref
    readme = [[c.value for c in row] for row in xlsx["README"].iter_rows()]
    described = {(r[0], r[1]): r[2] for r in readme if len(r) >= 3 and r[1]}
    assert described[("indicators", "value_base")] == schema.table("indicators").field("value_base").description


def test_xlsx_cells_hold_the_parquet_values(xlsx, built_package):
    speeches = pq.read_table(built_package / "speeches.parquet").to_pylist()
    ws = xlsx["speeches"]
    header = [c.value for c in ws[1]]
    for row, want in zip(ws.iter_rows(min_row=2, values_only=True), speeches):
        got = dict(zip(header, row))
        assert got["title"] == want["title"] and got["speech_id"] == want["speech_id"]
        assert got["year"] == want["year"] and got["is_canonical"] is want["is_canonical"]
    ws = xlsx["deadline_calendar"]
    header = [c.value for c in ws[1]]
    dates = [dict(zip(header, r))["calendar_date"] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert all(d is None or isinstance(d, dt.datetime) for d in dates)  # real Excel dates, not text


def _one_table(values: dict) -> pa.Table:
    return pa.table(values)


def test_text_that_looks_like_a_formula_stays_text_and_long_text_is_cut(tmp_path):
    long = "讲" * (EXCEL_MAX_CELL + 10)
    t = _one_table({"note": ["=HYPERLINK(\"http://x\")", "+86 电话", long, "控制\x07字符"], "n": [1, 2, 3, 4]})
    path = tmp_path / "t.xlsx"
    cut = write_xlsx({"notes": t}, path, "0.0.0")
    assert cut == {"notes": 1}
    ws = openpyxl.load_workbook(path)["notes"]
    cells = [ws.cell(row=i, column=1) for i in range(2, 6)]
    assert cells[0].data_type == "s" and cells[0].value == "=HYPERLINK(\"http://x\")"
    assert cells[1].value == "+86 电话"
    assert len(cells[2].value) == EXCEL_MAX_CELL and cells[2].value.endswith("…")
    assert cells[3].value == "控制字符"  # a control character would make Excel refuse the file


def test_csv_keeps_nulls_empty_and_quotes_commas(tmp_path):
    t = _one_table({"a": ["有,逗号", None, "换\n行"], "b": [1.5, None, 2.0]})
    write_csv(t, tmp_path / "t.csv")
    with open(tmp_path / "t.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows == [["a", "b"], ["有,逗号", "1.5"], ["", ""], ["换\n行", "2.0"]]


def test_unknown_format_and_missing_package_are_clear_errors(runner, built_package, tmp_path):
    r = runner.invoke(app, ["export", "--format", "ods", "--out", str(tmp_path), "--package", str(built_package)])
    assert r.exit_code == 1 and "csv or xlsx" in r.output
    r = runner.invoke(app, ["export", "--out", str(tmp_path), "--package", str(tmp_path / "nothing")])
    assert r.exit_code == 1 and "no package" in r.output


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_default_outputs_are_ignored_by_git():
    # A user's `jianghua export` / `report` / `release` files must never show up in `git status`.
    from jianghua import cli_tools

    defaults = {name: inspect.signature(getattr(cli_tools, name)).parameters[param].default
                for name, param in (("export", "out_dir"), ("report", "output"), ("release", "out_dir"))}
    paths = [defaults["export"] / "speeches.csv", defaults["report"], defaults["release"] / "jianghua-0.1.0.zip"]
    r = subprocess.run(["git", "check-ignore", "--no-index", *map(str, paths)], cwd=REPO, capture_output=True,
                       text=True)
    assert r.stdout.split() == [str(p) for p in paths], r.stderr
