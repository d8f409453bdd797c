"""The jianghua command line: build, validate, sql, info, dictionary."""
from __future__ import annotations

import contextlib
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Annotated, Literal, Optional

import typer
from typer.core import TyperCommand
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import __version__

app = typer.Typer(
    help="jianghua (讲话): leaders' speeches → validated tables (Parquet + DuckDB + datapackage.json).\n\n"
         "Typical use: `jianghua build` (raw/ → datasets/<version>/), then "
         "`jianghua sql \"select title, year from speeches\"`.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
console = Console(stderr=True)
out = Console()


def _fail(message: str, code: int = 1) -> None:
    # escape: a message quoting data or SQL may hold [brackets]; soft_wrap: one line, however long
    console.print(f"[bold red]error:[/] {escape(message)}", soft_wrap=True)
    raise typer.Exit(code)


def _print_version(value: bool) -> None:
    if value:
        out.print(f"jianghua {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_print_version, is_eager=True,
                                          help="Print jianghua's version and exit.")] = False,
) -> None:
    """jianghua (讲话): leaders' speeches → validated tables (Parquet + DuckDB + datapackage.json)."""


# SemVer 2.0.0, the regular expression semver.org gives.
_SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
                     r"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
                     r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$")


@app.command()
def build(
    raw: Annotated[Path, typer.Option(help="Folder of raw speech files (any depth).")] = Path("raw"),
    out_dir: Annotated[Optional[Path], typer.Option("--out", help=(
        "Write a complete package (Parquet, DuckDB, datapackage.json) into this folder instead of "
        "publishing datasets/<version>/ and the root datapackage.json."))] = None,
    version: Annotated[str, typer.Option(help="Dataset version (SemVer) to publish.")] = __version__,
    root: Annotated[Path, typer.Option(help="Repository root holding datasets/ and datapackage.json.")] = Path("."),
    workers: Annotated[Optional[int], typer.Option(min=1, help=(
        "Processes extracting files in parallel (default: all cores). The output is the same for any N."))] = None,
    cache: Annotated[bool, typer.Option("--cache/--no-cache", help=(
        "Reuse each unchanged file's rows from <root>/.jianghua-cache (keyed by file sha256 and code version)."
    ))] = True,
    engine: Annotated[Literal["local", "dask"], typer.Option(help=(
        "local (this machine) or dask (the scheduler in DASK_SCHEDULER_ADDRESS, else a local Dask cluster); "
        "see docs/SCALING.md."))] = "local",
    exclude: Annotated[Optional[list[str]], typer.Option(help=(
        "Glob of files that are not speeches (repeatable), matched on the path below --raw and on the file "
        "name, e.g. --exclude 'notes/*' --exclude '*.log'. Listed in sources as skipped. README*, MANIFEST*, "
        "LICENSE*, .md .tsv .csv .json .yaml files are always skipped."), show_default=False)] = None,
    allow_empty: Annotated[bool, typer.Option(help=(
        "Publish even when no file holds a speech (an empty raw folder, or every file skipped or rejected)."
    ))] = False,
) -> None:
    """Build the dataset from raw files: ingest → split → clean → structure → extract → validate → publish.

    Without --out, publishes datasets/<version>/ under --root and points the root datapackage.json at it;
    a published version is never overwritten (bump --version when the data change).
    """
    from . import accounting, pipeline, publish

    if not raw.is_dir():
        _fail(f"raw folder {raw} does not exist or is not a folder (pass --raw DIR)", 2)
    if not _SEMVER.match(version):
        _fail(f"--version {version!r} is not a SemVer version (MAJOR.MINOR.PATCH, e.g. 0.2.0 or 1.0.0-rc.1)", 2)
    if out_dir is not None:
        _check_out_dir(out_dir, raw, root)
    exclude = tuple(exclude or ())
    files = pipeline.list_raw_files(raw)
    with _build_lock(root, out_dir), Progress(
            TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            TextColumn("{task.fields[current]}"), console=console, transient=False) as progress:
        task = progress.add_task("extract", total=len(files), current="")

        def on_file(rel: str) -> None:
            progress.update(task, advance=1, current=rel[-50:])

        try:
            tables = pipeline.build_tables(raw, on_file=on_file, workers=workers, engine=engine,
                                         cache_root=root if cache else None, exclude=exclude)
        except accounting.AccountingError as exc:  # lost text is a bug: publish nothing
            _fail(f"{exc}; nothing was published", 4)
        progress.update(task, current="")
        if not tables["speeches"].num_rows and not allow_empty:
            statuses = Counter(tables["sources"].column("status").to_pylist())
            found = ", ".join(f"{n} {status}" for status, n in sorted(statuses.items())) or "no files"
            _fail(f"no speech found in {raw} ({found}): nothing was published. Check --raw, or pass "
                  "--allow-empty to publish an empty package", 2)
        if out_dir is not None:  # again: files may have been put into OUT while the build ran
            _check_out_dir(out_dir, raw, root)
        # publish.py writes the package to a temporary folder, runs every check of `jianghua validate` on it
        # and only then renames it into place
        ptask = progress.add_task("validate + publish", total=1, current="")
        counts = {name: t.num_rows for name, t in tables.items()}
        sources = tables["sources"].to_pylist()
        try:
            publish.remove_leftovers(root / "datasets", out_dir)  # of a killed build; we hold the lock
            if out_dir is not None:
                target = publish.publish_to_dir(tables, out_dir, version)
                fresh = True
            else:
                target, fresh = publish.publish_version(tables, root / "datasets", version)
                publish.write_root_descriptor(root.resolve(), target.resolve())
        except publish.ValidationFailed as exc:
            for problem in exc.problems:
                console.print(f"  [red]✗[/] {escape(problem)}", soft_wrap=True)
            _fail(str(exc), 2)
        except publish.PublishError as exc:
            _fail(str(exc), 3)
        progress.update(ptask, advance=1, current=str(target))
    _summary(counts, sources, target, fresh)


def _check_out_dir(out_dir: Path, raw: Path, root: Path) -> None:
    """Refuse (exit 2) an --out folder the build must not replace (outdir.py)."""
    from .outdir import OutDirError, check_out_dir

    try:
        check_out_dir(out_dir, raw, root)
    except OutDirError as exc:
        _fail(str(exc), 2)


@contextlib.contextmanager
def _build_lock(root: Path, out_dir: Path | None):
    """One build at a time per output (lock.py); a refusal names the running build."""
    from . import lock

    with contextlib.ExitStack() as stack:
        try:
            stack.enter_context(lock.build_lock(lock.lock_path_for(root, out_dir)))
        except lock.BuildLocked as exc:
            _fail(str(exc), 5)
        yield


def _summary(counts: dict[str, int], sources: list[dict], target: Path, fresh: bool) -> None:
    table = Table(title="jianghua build", show_header=True)
    table.add_column("what")
    table.add_column("count", justify="right")
    rejected = [s for s in sources if s["status"] == "rejected"]
    table.add_row("files", str(len(sources)))
    table.add_row("rejected files", str(len(rejected)))
    table.add_row("skipped files", str(sum(s["status"] == "skipped" for s in sources)))
    for name in ("speeches", "sections", "indicators", "targets", "entities", "deadlines", "metrics"):
        if name in counts:  # a table the build did not make (targets) gets no row
            table.add_row(name, str(counts[name]))
    console.print(table)
    for s in rejected:
        console.print(f"  [yellow]rejected[/] {s['source_file']}: {s['error']}")
    if rejected:  # why, grouped: the part of each error before its first colon, numbers masked
        why = Counter(re.sub(r"\d[\d,.]*", "N", (s["error"] or "").split(":")[0]) for s in rejected)
        console.print(f"rejected {len(rejected)} of {len(sources)} files: "
                      + "; ".join(f"{n} × {reason}" for reason, n in why.most_common()))
    empty = [s["source_file"] for s in sources if s["status"] == "ok" and not s["n_speeches"]]
    if empty:
        console.print(f"  [yellow]no speech found[/] in {len(empty)} readable file(s): {', '.join(empty[:10])}")
    console.print(f"{'published' if fresh else 'unchanged (identical data already published)'}: {target}")


@app.command("validate")
def validate_cmd(
    path: Annotated[Path, typer.Argument(help="A datapackage.json, or a folder holding one.")] = Path("datapackage.json"),
    frictionless: Annotated[bool, typer.Option(help="Also run Frictionless on the descriptor and a sample of each table.")] = True,
) -> None:
    """Check a package: sizes and sha256 of every file, pandera on every row, foreign keys,
    span offsets, section nesting and variant groups on every row, then Frictionless on the
    whole descriptor and on the first 100 rows of each table (its own key check is left to
    the row-by-row checks above, which are faster). Exit 1 when a problem is found."""
    from .validate import validate_package

    if not path.exists():
        _fail(f"{path} does not exist")
    report = validate_package(path, run_frictionless=frictionless)
    for line in report.checked:
        console.print(f"  [green]✓[/] {line}")
    for line in report.problems:
        console.print(f"  [red]✗[/] {line}")
    if not report.ok:
        _fail(f"{path}: {len(report.problems)} problem(s)", 1)
    out.print(f"{path}: valid")


def _newest_db(package: Path) -> Path:
    """The DuckDB file of a package; a missing or unreadable package is a one-line error, exit 2."""
    from .query import QueryError, database

    try:
        return database(package)
    except QueryError as exc:
        _fail(str(exc), 2)


_SQL_EXAMPLES = (
    'jianghua sql "select year, jurisdiction, title from speeches where is_canonical order by year"',
    "jianghua sql -f csv --limit 100 \"select * from indicator_facts where metric = 'gdp'\" > gdp.csv",
    "jianghua sql -F query.sql -f markdown          # or: cat query.sql | jianghua sql -",
)


class _SqlCommand(TyperCommand):
    """Appends the queryable tables and views to `sql --help`, read from schema.py and views.py when the
    help is shown (importing them costs every other command ~0.2 s)."""

    def format_epilog(self, ctx, formatter) -> None:
        from . import schema, views

        def first_sentence(text: str) -> str:
            return text.split(". ")[0].rstrip(".") + "."

        with formatter.section("Tables"):
            formatter.write_dl([(t.name, first_sentence(t.description)) for t in schema.tables().values()])
        with formatter.section("Views (one flat row per fact, for BI tools)"):
            formatter.write_dl([(v.name, first_sentence(v.comment)) for v in views.VIEWS])
        with formatter.section("Examples"):
            for line in _SQL_EXAMPLES:
                formatter.write(" " * formatter.current_indent + line + "\n")
        super().format_epilog(ctx, formatter)


@app.command(cls=_SqlCommand)
def sql(
    query: Annotated[Optional[str], typer.Argument(help=(
        "SQL to run (DuckDB dialect); - reads it from stdin."), show_default=False)] = None,
    file: Annotated[Optional[Path], typer.Option("--file", "-F", help="Read the SQL from this file instead.",
                                                 show_default=False)] = None,
    fmt: Annotated[Literal["table", "csv", "tsv", "json", "jsonl", "markdown"], typer.Option(
        "--format", "-f", help=(
            "table (full values, long ones wrapped), csv / tsv (no BOM, same cells as `jianghua export`), "
            "json (an array of objects), jsonl (one object per line) or markdown."))] = "table",
    limit: Annotated[Optional[int], typer.Option(min=0, help=(
        "Print at most N rows; stderr says how many the query returned."), show_default=False)] = None,
    package: Annotated[Path, typer.Option(help="datapackage.json (or its folder) of the package to query.")] = Path("datapackage.json"),
) -> None:
    """Run a read-only SQL query on a package's DuckDB database.

    Results go to stdout, the row count and errors to stderr; an error (bad SQL, an unknown table, a write
    statement, a missing package) is one line and exit code 2. Values: NULL is empty (null in JSON),
    booleans true/false, dates ISO 8601, lists JSON arrays. The database is opened read-only and cannot
    read or write other files.
    """
    from .query import WRITERS, QueryError, rich_table, run

    if file is not None and query is not None:
        _fail("give the SQL either as the argument or with --file, not both", 2)
    if file is not None:
        try:
            query = file.read_text("utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            _fail(f"cannot read the SQL file {file}: {exc}", 2)
    elif query == "-":
        query = sys.stdin.read()
    elif query is None:
        _fail("no query: pass SQL as the argument, `-` to read it from stdin, or --file PATH", 2)
    db = _newest_db(package)
    try:
        result = run(db, query, limit)
        if fmt == "table":
            out.print(rich_table(result))
        else:
            WRITERS[fmt](result, sys.stdout)
            sys.stdout.flush()
    except QueryError as exc:
        _fail(str(exc), 2)
    except BrokenPipeError:  # `… | head`: the reader has gone; no traceback (Python docs, signal/SIGPIPE)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(1)
    shown = len(result.rows)
    if shown < result.total:
        console.print(f"{shown} of {result.total} rows shown (--limit {limit})")
    else:
        console.print(f"{shown} row{'' if shown == 1 else 's'}")


@app.command()
def info(root: Annotated[Path, typer.Option(help="Repository root holding datasets/.")] = Path(".")) -> None:
    """Versions present, row counts of the newest one, and where the files are."""
    import pyarrow.parquet as pq

    datasets = root / "datasets"
    versions = sorted((p.name for p in datasets.iterdir() if p.is_dir() and not p.name.startswith(".")),
                      key=_semver_key) if datasets.exists() else []
    if not versions:
        _fail(f"no published versions under {datasets}: run `jianghua build`")
    desc = root / "datapackage.json"
    newest = json.loads(desc.read_text("utf-8"))["version"] if desc.exists() else versions[-1]
    out.print(f"versions: {', '.join(versions)} (newest: {newest}, described by {desc})")
    folder = datasets / newest
    t = Table("table", "rows", "file")
    for f in sorted(folder.glob("*.parquet")):
        t.add_row(f.stem, str(pq.ParquetFile(f).metadata.num_rows), str(f))
    out.print(t)
    out.print(f"duckdb: {folder / 'jianghua.duckdb'}")


def _semver_key(v: str) -> tuple:
    return tuple(int(p) if p.isdigit() else 0 for p in v.split("."))


@app.command()
def dictionary(
    output: Annotated[Path, typer.Option("--out", help="Where to write the data dictionary.")] = Path("docs/DATA_DICTIONARY.md"),
) -> None:
    """Write docs/DATA_DICTIONARY.md from the table schemas (schemas/*.yaml) and the DuckDB views."""
    from .schema import data_dictionary
    from .views import dictionary_markdown

    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(data_dictionary(dictionary_markdown()), encoding="utf-8")
    out.print(f"wrote {output}")


from . import cli_tools  # noqa: E402,F401  registers export, report, diff, release (cli_tools.py)


if __name__ == "__main__":
    app()
