"""The commands for the people who use the data: export, report, diff, release.

Registered on ``jianghua.cli.app`` by the import at the end of cli.py. Each
takes a package as a datapackage.json or the folder holding one (default: the
repository's datapackage.json, i.e. the newest published version).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from .cli import _fail, app, console, out

_PACKAGE_HELP = "datapackage.json (or its folder) of the package."


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="csv (UTF-8 with BOM, one file per table; cells as in "
                                                            "`jianghua sql -f csv`) or xlsx (one workbook, a sheet "
                                                            "per table).")] = "csv",
    out_dir: Annotated[Path, typer.Option("--out", help="Folder to write into.")] = Path("export"),
    package: Annotated[Path, typer.Option(help=_PACKAGE_HELP)] = Path("datapackage.json"),
    views: Annotated[bool, typer.Option(help="Also export the flat BI views (indicator_facts, ...).")] = True,
) -> None:
    """Export the tables (and BI views) for Excel: CSV files or one .xlsx workbook. Parquet stays primary."""
    from .export import PackageError
    from .export import export as do_export

    try:
        paths = do_export(package, out_dir, fmt, include_views=views)
    except PackageError as exc:
        _fail(str(exc))
    for p in paths:
        out.print(f"wrote {p}")


@app.command()
def report(
    package: Annotated[Path, typer.Option(help=_PACKAGE_HELP)] = Path("datapackage.json"),
    output: Annotated[Path, typer.Option("--out", help="HTML file to write.")] = Path("report.html"),
) -> None:
    """Write a static HTML page about a package: counts, indicators by metric and year, deadlines on a
    calendar, top entities, data quality. Charts are inline SVG: the page works offline."""
    from .export import PackageError
    from .report import write_report

    try:
        path = write_report(package, output)
    except PackageError as exc:
        _fail(str(exc))
    out.print(f"wrote {path}")


@app.command()
def diff(
    old: Annotated[Path, typer.Argument(help="The older package (datapackage.json or folder).")],
    new: Annotated[Path, typer.Argument(help="The newer package (datapackage.json or folder).")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="markdown or json")] = "markdown",
    changelog: Annotated[Optional[Path], typer.Option(help=(
        "Also add an entry for NEW's version to this changelog (e.g. CHANGELOG.md), above the newest entry."))] = None,
    date: Annotated[Optional[str], typer.Option(help="Date of the changelog entry (default: NEW's created date).")] = None,
) -> None:
    """Rows added, removed and changed per table between two package versions (matched on primary keys)."""
    from .diff import changelog_entry, diff_packages, summary_markdown, update_changelog
    from .export import PackageError

    if fmt not in ("markdown", "json"):
        _fail(f"--format must be markdown or json, not {fmt!r}")
    try:
        d = diff_packages(old, new)
    except PackageError as exc:
        _fail(str(exc))
    if fmt == "json":
        sys.stdout.write(json.dumps(d.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(f"# {d.old_version} → {d.new_version}\n\n{summary_markdown(d)}\n")
    if changelog is not None:
        if update_changelog(changelog, changelog_entry(d, date), d.new_version):
            console.print(f"added [{d.new_version}] to {changelog}")
        else:
            console.print(f"{changelog} already has an entry for {d.new_version}: left unchanged")


@app.command()
def release(
    package: Annotated[Path, typer.Option(help=_PACKAGE_HELP)] = Path("datapackage.json"),
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for the zip and its .sha256.")] = Path("dist"),
    root: Annotated[Path, typer.Option(help="Repository root: CITATION.cff, README.md, CHANGELOG.md, docs/.")] = Path("."),
    force: Annotated[bool, typer.Option(help="Replace an existing zip of this version.")] = False,
) -> None:
    """Zip a package version with CITATION.cff, the docs and a SHA256SUMS, ready to upload.

    The package is validated first (checksums and every check of `jianghua validate`); an invalid package is not
    released.
    """
    from .export import PackageError
    from .release import make_release

    try:
        r = make_release(package, out_dir, root=root, force=force)
    except PackageError as exc:
        _fail(str(exc))
    out.print(f"wrote {r.zip_path} ({len(r.members)} files)\nsha256 {r.sha256}")
