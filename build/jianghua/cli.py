"""The jianghua command line: build, validate, sql, info, dictionary."""
from __future__ import annotations

import contextlib
import csv
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Annotated, Literal, Optional

import typer
from rich.console import Console
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
    console.print(f"[bold red]error:[/] {message}")
    raise typer.Exit(code)


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
) -> None:
    """Build the dataset from raw files: ingest → split → clean → structure → extract → validate → publish.

    Without --out, publishes datasets/<version>/ under --root and points the root datapackage.json at it;
    a published version is never overwritten (bump --version when the data change).
    """
    from . import accounting, pipeline, publish, validate

    if not raw.is_dir():
        _fail(f"raw folder {raw} does not exist or is not a folder (pass --raw DIR)")
    files = pipeline.list_raw_files(raw)
    with _build_lock(root, out_dir), Progress(
            TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            TextColumn("{task.fields[current]}"), console=console, transient=False) as progress:
        task = progress.add_task("extract", total=len(files), current="")

        def on_file(rel: str) -> None:
            progress.update(task, advance=1, current=rel[-50:])

        try:
            tables = pipeline.build_tables(raw, on_file=on_file, workers=workers, engine=engine,
                                         cache_root=root if cache else None)
        except accounting.AccountingError as exc:  # lost text is a bug: publish nothing
            _fail(f"{exc}; nothing was published", 4)
        progress.update(task, current="")
        vtask = progress.add_task("validate", total=1, current="")
        report = validate.check_tables(tables)
        progress.update(vtask, advance=1)
        if not report.ok:
            for p in report.problems:
                console.print(f"  [red]✗[/] {p}")
            _fail("the built tables failed validation; nothing was published", 2)
        ptask = progress.add_task("publish", total=1, current="")
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
        except publish.PublishError as exc:
            _fail(str(exc), 3)
        progress.update(ptask, advance=1, current=str(target))
    _summary(counts, sources, target, fresh)


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
    for name in ("speeches", "sections", "indicators", "entities", "deadlines", "metrics"):
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
    frictionless: Annotated[bool, typer.Option(help="Also run Frictionless on the descriptor and data.")] = True,
) -> None:
    """Check a package: sizes and sha256 of every file, pandera on every table, foreign keys,
    span offsets, section nesting, variant groups, and Frictionless conformance."""
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
    desc = package / "datapackage.json" if package.is_dir() else package
    if not desc.exists():
        _fail(f"no package at {desc}: run `jianghua build` first, or pass --package")
    meta = json.loads(desc.read_text("utf-8"))
    db = desc.parent / meta.get("x-jianghua", {}).get("duckdb", "jianghua.duckdb")
    if not db.exists():
        _fail(f"the package's DuckDB file {db} is missing")
    return db


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="SQL to run (DuckDB dialect), e.g. \"select title, year from speeches\".")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json")] = "table",
    package: Annotated[Path, typer.Option(help="datapackage.json (or its folder) of the package to query.")] = Path("datapackage.json"),
) -> None:
    """Run a read-only SQL query against the newest package's DuckDB database.

    Tables: sources, speeches, sections, metrics, indicators, entities, deadlines.
    """
    import duckdb

    if fmt not in ("table", "csv", "json"):
        _fail(f"--format must be table, csv or json, not {fmt!r}")
    db = _newest_db(package)
    con = duckdb.connect(str(db), read_only=True)
    try:
        cur = con.execute(query)
        columns = [d[0] for d in cur.description] if cur.description else []
        result = cur.fetchall()
    except duckdb.Error as exc:
        _fail(f"query failed: {exc}")
    finally:
        con.close()
    if fmt == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(columns)
        w.writerows(result)
    elif fmt == "json":
        sys.stdout.write(json.dumps([dict(zip(columns, r)) for r in result], ensure_ascii=False, default=str) + "\n")
    else:
        t = Table(*columns)
        for r in result:
            t.add_row(*("" if v is None else str(v) for v in r))
        out.print(t)


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
