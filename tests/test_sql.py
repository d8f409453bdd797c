"""`jianghua sql`: every format parsed back, full values, --limit, stdin/--file, one-line errors with exit 2."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import duckdb
import pytest
from rich.console import Console

from jianghua import schema, views
from jianghua.cli import app
from jianghua.query import Result, rich_table

# One row of every kind of value the conventions cover (NULL, boolean, date, list, NaN, decimal, text).
MIXED = ("select null as nothing, true as yes, false as no, date '2021-03-04' as day, ['甲', '乙'] as names, "
         "'nan'::double as nan, 79.0::double as whole, 1.5 as dec, '含,逗号' as comma")


def sql(runner, package, *args, input=None):
    return runner.invoke(app, ["sql", "--package", str(package), *args], input=input)


def assert_one_line_error(r):
    assert r.exit_code == 2, (r.stdout, r.stderr)
    assert r.stdout == "" and "Traceback" not in r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), r.stderr


def test_csv_reads_back_with_the_conventions_and_has_no_bom(runner, built_package):
    r = sql(runner, built_package, MIXED, "-f", "csv")
    assert r.exit_code == 0, r.stderr
    assert not r.stdout.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(r.stdout, newline="")))
    assert rows == [{"nothing": "", "yes": "true", "no": "false", "day": "2021-03-04", "names": '["甲", "乙"]',
                     "nan": "", "whole": "79.0", "dec": "1.5", "comma": "含,逗号"}]
    assert json.loads(rows[0]["names"]) == ["甲", "乙"]  # a list is one JSON cell
    assert r.stderr.strip() == "1 row"  # the count goes to stderr, never into the data


def test_csv_of_a_table_matches_the_duckdb_rows(runner, built_package):
    r = sql(runner, built_package, "select speech_id, year, is_canonical, title from speeches order by speech_id",
            "-f", "csv")
    got = list(csv.reader(io.StringIO(r.stdout, newline="")))
    con = duckdb.connect(str(built_package / "jianghua.duckdb"), read_only=True)
    want = con.execute("select speech_id, year, is_canonical, title from speeches order by speech_id").fetchall()
    con.close()
    assert got[0] == ["speech_id", "year", "is_canonical", "title"]
    assert got[1:] == [[sid, "" if y is None else str(y), str(c).lower(), t] for sid, y, c, t in want]


def test_tsv_quotes_values_holding_tabs_and_newlines(runner, built_package):
    r = sql(runner, built_package, "select 'a' || chr(9) || 'b' as tab, '一行' || chr(10) || '二行' as nl",
            "-f", "tsv")
    assert r.exit_code == 0, r.stderr
    rows = list(csv.reader(io.StringIO(r.stdout, newline=""), delimiter="\t"))
    assert rows == [["tab", "nl"], ["a\tb", "一行\n二行"]]


def test_json_is_an_array_of_objects_with_nulls_and_native_types(runner, built_package):
    r = sql(runner, built_package, MIXED, "-f", "json")
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout) == [{"nothing": None, "yes": True, "no": False, "day": "2021-03-04",
                                     "names": ["甲", "乙"], "nan": None, "whole": 79.0, "dec": 1.5,
                                     "comma": "含,逗号"}]
    empty = sql(runner, built_package, "select 1 as a where false", "-f", "json")
    assert json.loads(empty.stdout) == [] and empty.stderr.strip() == "0 rows"


def test_jsonl_is_one_object_per_line(runner, built_package):
    r = sql(runner, built_package, "select speech_id, year from speeches order by speech_id", "-f", "jsonl")
    lines = r.stdout.splitlines()
    objs = [json.loads(line) for line in lines]
    n = json.loads(sql(runner, built_package, "select count(*) as n from speeches", "-f", "json").stdout)[0]["n"]
    assert len(objs) == n and all(set(o) == {"speech_id", "year"} for o in objs)


def test_json_refuses_two_columns_with_one_name(runner, built_package):
    assert_one_line_error(sql(runner, built_package, "select 1 as a, 2 as a", "-f", "json"))


def test_markdown_escapes_pipes_and_newlines(runner, built_package):
    r = sql(runner, built_package, "select 'a|b' as v, '上' || chr(10) || '下' as w, null as n", "-f", "markdown")
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines == ["| v | w | n |", "| --- | --- | --- |", r"| a\|b | 上<br>下 |  |"]


def test_table_prints_full_values_and_no_markup(runner, built_package):
    long = "关于推进产业集聚区高质量发展的实施意见" * 12 + "END"  # wider than a pipe's 80 columns
    r = sql(runner, built_package, f"select '{long}' as v")
    assert r.exit_code == 0, r.stderr
    assert "…" not in r.stdout
    body = [line.strip("│ ") for line in r.stdout.splitlines() if line.startswith("│")]
    assert "".join(body) == long  # folded onto several lines, every character kept, in order
    r = sql(runner, built_package, "select '[bold]不是标记[/bold]' as v")
    assert "[bold]不是标记[/bold]" in r.stdout


def test_table_of_many_columns_in_a_narrow_terminal_cuts_nothing():
    values = ("乡村振兴战略实施方案", "2021-03-04", "true", "一般公共预算收入")
    result = Result([f"column_{i}" for i in range(8)], [values * 2], 1)
    buf = io.StringIO()
    Console(file=buf, width=50).print(rich_table(result))
    text = buf.getvalue()
    assert "…" not in text
    flat = "".join(line.strip("│ ") for line in text.splitlines() if line.startswith("│")).replace("│", "")
    for v in values:  # each value survives, folded; no character dropped
        assert all(flat.count(ch) >= values.count(v) for ch in v)


def test_limit_prints_at_most_n_rows_and_says_so_on_stderr(runner, built_package):
    r = sql(runner, built_package, "select * from range(25) t(i)", "-f", "csv", "--limit", "10")
    rows = list(csv.reader(io.StringIO(r.stdout, newline="")))
    assert rows[0] == ["i"] and [int(x) for (x,) in rows[1:]] == list(range(10))
    assert r.stderr.strip() == "10 of 25 rows shown (--limit 10)"
    r = sql(runner, built_package, "select * from range(3) t(i)", "-f", "csv", "--limit", "10")
    assert len(r.stdout.splitlines()) == 4 and r.stderr.strip() == "3 rows"  # not cut: no warning


def test_query_from_stdin_and_from_a_file(runner, built_package, tmp_path):
    q = "select count(*) as n from sections"
    want = sql(runner, built_package, q, "-f", "json").stdout
    assert sql(runner, built_package, "-", "-f", "json", input=q + "\n").stdout == want
    f = tmp_path / "q.sql"
    f.write_text("-- sections per package\n" + q + ";\n", encoding="utf-8")
    assert sql(runner, built_package, "--file", str(f), "-f", "json").stdout == want
    assert_one_line_error(sql(runner, built_package))  # no query at all
    assert_one_line_error(sql(runner, built_package, "-", input=""))  # nothing on stdin
    assert_one_line_error(sql(runner, built_package, q, "--file", str(f)))  # both: ambiguous
    r = sql(runner, built_package, "--file", str(tmp_path / "missing.sql"))
    assert_one_line_error(r)
    assert "missing.sql" in r.stderr and "[Errno 2]" in r.stderr  # brackets printed, not eaten as markup


@pytest.mark.parametrize("query", [
    "", "   \n", "-- only a comment", "selec title from speeches", "select nope from speeches",
    "select * from no_such_table", "select cast('abc' as integer)",
])
def test_bad_queries_are_one_line_errors_with_exit_2(runner, built_package, query):
    args = ["--", query] if query.startswith("-") else [query]
    assert_one_line_error(sql(runner, built_package, *args))


@pytest.mark.parametrize("query", [
    "delete from speeches", "insert into metrics select * from metrics", "create table t as select 1",
    "drop view indicator_facts",
])
def test_write_statements_are_refused_and_change_nothing(runner, package_copy, query):
    before = (package_copy / "jianghua.duckdb").read_bytes()
    r = sql(runner, package_copy, query)
    assert_one_line_error(r)
    assert "read-only" in r.stderr
    assert (package_copy / "jianghua.duckdb").read_bytes() == before


def test_a_query_cannot_touch_other_files(runner, built_package, tmp_path):
    target = tmp_path / "leak.csv"
    assert_one_line_error(sql(runner, built_package, f"copy (select * from speeches) to '{target}'"))
    assert not target.exists()
    outside = tmp_path / "other.csv"
    outside.write_text("a\n1\n", encoding="utf-8")
    assert_one_line_error(sql(runner, built_package, f"select * from read_csv('{outside}')"))


def test_a_missing_or_broken_package_is_a_one_line_error(runner, tmp_path):
    assert_one_line_error(sql(runner, tmp_path / "nowhere", "select 1"))
    (tmp_path / "datapackage.json").write_text("{not json", encoding="utf-8")
    assert_one_line_error(sql(runner, tmp_path, "select 1"))
    (tmp_path / "datapackage.json").write_text("{}", encoding="utf-8")
    r = sql(runner, tmp_path, "select 1")
    assert_one_line_error(r)
    assert "jianghua.duckdb" in r.stderr and "missing" in r.stderr


def test_help_lists_every_table_and_view(runner):
    r = runner.invoke(app, ["sql", "--help"])
    assert r.exit_code == 0
    listed = {line.split()[0] for line in r.stdout.splitlines() if line.startswith("  ") and line.split()}
    assert set(schema.TABLE_NAMES) | set(views.VIEW_NAMES) <= listed
    assert "Examples:" in r.stdout


def test_a_closed_pipe_ends_quietly(built_package):
    # `jianghua sql … | head -1`: the reader leaves early; no BrokenPipeError traceback on stderr.
    cmd = [sys.executable, "-m", "jianghua.cli", "sql", "select * from range(200000)", "-f", "csv",
           "--package", str(built_package)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert first == b"range\r\n" and "Traceback" not in err and "BrokenPipe" not in err
