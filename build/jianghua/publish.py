"""Stage 7, publish: validated tables → a version folder of Parquet, DuckDB, datapackage.json, SHA256SUMS.

Atomic: everything is written into a temporary sibling folder and renamed
into place, so a failure leaves the previous version untouched. A published
version is never overwritten: rebuilding a version with different bytes is
refused. Parquet is written deterministically (sorted rows, fixed writer
options, no pandas metadata), so the same raw files give the same bytes.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from . import __version__, memory, schema, views

DUCKDB_FILE = "jianghua.duckdb"
# DuckDB 2.x files cannot be opened by 1.x readers, which BI tools bundle.
DUCKDB_STORAGE_VERSION = "v1.4.0"
DUCKDB_MEMORY_LIMIT = "256MB"
PARQUET_MEDIATYPE = "application/vnd.apache.parquet"


class PublishError(Exception):
    pass


class ValidationFailed(PublishError):
    """The package written to the temporary folder failed `jianghua validate`: nothing was published."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(f"the built package failed validation ({len(problems)} problem(s)); nothing was published")


def _gate(folder: Path) -> None:
    """Run every check of `jianghua validate` on a package written but not yet published."""
    from .validate import validate_package  # validate imports this module

    report = validate_package(folder)
    if not report.ok:
        raise ValidationFailed(report.problems)


def arrow_table(name: str, rows: list[dict]) -> pa.Table:
    """Rows of one table → an Arrow table typed by the schema (in the rows' order)."""
    t = schema.table(name)
    missing = [c for c in t.column_names if rows and c not in rows[0]]
    if missing:
        raise PublishError(f"table {name}: rows lack columns {missing}")
    return pa.Table.from_pylist([{c: r.get(c) for c in t.column_names} for r in rows], schema=schema.arrow_schema(t))


def finish_table(name: str, parts: list[pa.Table]) -> pa.Table:
    """Pieces of a table → one table in one chunk, sorted by primary key (what is published)."""
    t = schema.table(name)
    table = pa.concat_tables(parts) if parts else schema.arrow_schema(t).empty_table()
    parts.clear()  # the pieces live on in `table` (zero-copy) until the sorted copy replaces it
    # Primary keys are unique strings; Arrow orders them by UTF-8 bytes, which is code point order.
    order = pc.sort_indices(table, sort_keys=[(k, "ascending") for k in t.primary_key])
    table = table.take(order)  # the unsorted pieces are freed here, before the copy below
    table = table.combine_chunks()
    memory.release()  # the freed pieces, back to the OS before the next table
    return table


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# Row groups of about this many bytes: the writer buffers a whole row group, so a
# text-heavy table (speeches) in one group would cost its full size again in memory.
ROW_GROUP_BYTES = 32 << 20


def write_parquet(table: pa.Table, path: Path) -> None:
    rows_per_group = max(1, min(1 << 20, ROW_GROUP_BYTES * max(table.num_rows, 1) // max(table.nbytes, 1)))
    pq.write_table(table, path, compression="zstd", compression_level=9, write_statistics=True,
                   use_dictionary=True, row_group_size=rows_per_group, write_page_index=False)


def write_duckdb(folder: Path, path: Path) -> None:
    """The DuckDB database of a version, loaded from the version's Parquet files.

    DuckDB streams the Parquet files under its memory cap (spilling beyond it),
    rather than copying Arrow tables the build already holds in memory.
    """
    # One thread under a memory cap: loading is not the slow part of a build, and
    # every DuckDB thread buffers its own share of the rows it inserts.
    con = duckdb.connect(str(path), config={"storage_compatibility_version": DUCKDB_STORAGE_VERSION,
                                            "memory_limit": DUCKDB_MEMORY_LIMIT, "threads": 1})
    try:
        for name, t in schema.tables().items():
            for stmt in schema.duckdb_ddl(t):
                con.execute(stmt)
            source = f"read_parquet('{_sql_path(folder / f'{name}.parquet')}')"
            if name == "sections":
                # DuckDB checks the self-reference against rows already stored, not rows
                # of the same INSERT: insert one level at a time, parents first.
                levels = [lv for (lv,) in con.execute(f"SELECT DISTINCT level FROM {source} ORDER BY level").fetchall()]
                for lv in levels:
                    con.execute(f"INSERT INTO sections SELECT * FROM {source} WHERE level = ? ORDER BY section_id", [lv])
            else:
                con.execute(f"INSERT INTO {name} SELECT * FROM {source}")
        views.create_views(con)  # flat BI views (views.py) over the tables just loaded
        con.execute("CHECKPOINT")
    finally:
        con.close()


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def _created() -> str:
    # SOURCE_DATE_EPOCH (reproducible-builds.org) pins the timestamp when asked.
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)
    return when.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def descriptor(folder: Path, version: str, sources: list[dict], prefix: str = "") -> dict:
    """The Data Package (v2) descriptor of a built version folder; paths get ``prefix``."""
    resources = []
    for name, t in schema.tables().items():
        path = folder / f"{name}.parquet"
        resources.append({
            "name": name,
            "type": "table",
            "title": t.title,
            "description": t.description,
            "path": f"{prefix}{name}.parquet",
            "scheme": "file",
            "format": "parquet",
            "mediatype": PARQUET_MEDIATYPE,
            "bytes": path.stat().st_size,
            "hash": f"sha256:{sha256_file(path)}",
            "schema": schema.frictionless_schema(t),
        })
    db = folder / DUCKDB_FILE
    return {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": "jianghua",
        "title": "jianghua (讲话): Chinese local-government leaders' speeches as tables",
        "description": (
            "Leaders' speeches scraped from the web, split, cleaned and turned into normalized tables: "
            "speeches, sections, indicators (economic figures), entities, deadlines, with the metrics "
            "vocabulary. Every extracted row carries character offsets into speeches.text. "
            f"The same tables are in the DuckDB database {prefix}{DUCKDB_FILE} "
            f"({db.stat().st_size} bytes, sha256 {sha256_file(db)})."
        ),
        "version": version,
        "created": _created(),
        "homepage": "https://github.com/jianghua-data/jianghua",
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                      "title": "Creative Commons Attribution 4.0"}],
        "contributors": [{"title": "jianghua developers", "roles": ["creator"]}],
        "keywords": ["China", "local government", "speeches", "economic targets", "indicators", "讲话"],
        "languages": ["zh-Hans", "zh-Hant"],
        "sources": [
            {"title": s["source_file"], "path": f"raw/{s['source_file']}", "hash": f"sha256:{s['sha256']}",
             "bytes": s["bytes"], "status": s["status"]}
            for s in sources
        ],
        "x-jianghua": {"pipeline_version": __version__, "duckdb": f"{prefix}{DUCKDB_FILE}",
                       "duckdb_storage_version": DUCKDB_STORAGE_VERSION},
        "resources": resources,
    }


def _write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def write_version_folder(tables: dict[str, pa.Table], folder: Path, version: str) -> None:
    """Write every file of a version into ``folder`` (which must be new and empty).

    Consumes ``tables``: once the Parquet files are written the dict is emptied,
    and the DuckDB database is loaded from those files, so that a large build
    never holds its tables and DuckDB's copy of them at the same time.
    """
    sources = tables["sources"].to_pylist()
    for name in list(tables):
        write_parquet(tables.pop(name), folder / f"{name}.parquet")
    memory.release()
    try:
        write_duckdb(folder, folder / DUCKDB_FILE)
    except duckdb.ConstraintException as exc:
        # DuckDB enforces keys and references as it loads, before the gate runs: report what the gate's
        # content checks find in the written files, not DuckDB's first violation alone.
        from .validate import check_tables  # validate imports this module

        written = {name: pq.read_table(folder / f"{name}.parquet") for name in schema.tables()}
        raise ValidationFailed(check_tables(written).problems or [f"{DUCKDB_FILE}: {exc}"]) from exc
    _write_json(folder / "datapackage.json", descriptor(folder, version, sources))
    sums = [f"{sha256_file(folder / f)}  {f}" for f in sorted(os.listdir(folder))]
    (folder / "SHA256SUMS").write_text("\n".join(sums) + "\n", encoding="utf-8")


def fsync_tree(folder: Path) -> None:
    """Flush every file of ``folder`` and the folder itself to disk.

    A rename is atomic but not durable by itself: after a power cut the new
    name can point at files whose data never reached the disk. Flush, then rename."""
    for f in sorted(folder.iterdir()):
        if f.is_file():
            fd = os.open(f, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
    fsync_dir(folder)


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def remove_leftovers(datasets_dir: Path, out: Path | None = None) -> list[Path]:
    """Temporary folders a killed build left behind (call while holding the build lock)."""
    if out is not None:
        out = out.resolve()
        candidates = list(out.parent.glob(f".{out.name}.tmp-*")) + list(out.parent.glob(f".{out.name}.old-*"))
    else:
        candidates = list(datasets_dir.glob(".tmp-*")) if datasets_dir.is_dir() else []
    for c in candidates:
        shutil.rmtree(c, ignore_errors=True)
    return candidates


def parquet_digests(folder: Path) -> dict[str, str]:
    return {p.name: sha256_file(p) for p in sorted(folder.glob("*.parquet"))}


def publish_version(tables: dict[str, pa.Table], datasets_dir: Path, version: str) -> tuple[Path, bool]:
    """Publish ``datasets_dir/<version>``; returns (folder, newly written). Consumes ``tables``.

    Refuses to overwrite an existing version whose data differ, and publishes nothing when the written
    package fails validation (ValidationFailed).
    """
    datasets_dir.mkdir(parents=True, exist_ok=True)
    final = datasets_dir / version
    tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{version}-", dir=datasets_dir))
    tmp.chmod(0o755)
    try:
        write_version_folder(tables, tmp, version)
        _gate(tmp)
        if final.exists():
            if parquet_digests(final) == parquet_digests(tmp):
                return final, False
            raise PublishError(
                f"version {version} is already published in {final} with different data; a published version "
                f"is never overwritten: bump the version (jianghua/__init__.py or --version) and build again")
        fsync_tree(tmp)
        os.rename(tmp, final)
        fsync_dir(datasets_dir)
        return final, True
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def write_root_descriptor(root: Path, folder: Path) -> Path:
    """Point the repository's datapackage.json at the newest version (atomic replace)."""
    prefix = folder.relative_to(root).as_posix() + "/"
    data = json.loads((folder / "datapackage.json").read_text("utf-8"))
    for res in data["resources"]:
        res["path"] = prefix + res["path"]
    data["x-jianghua"]["duckdb"] = prefix + DUCKDB_FILE
    data["description"] = data["description"].replace(f"database {DUCKDB_FILE}", f"database {prefix}{DUCKDB_FILE}")
    target = root / "datapackage.json"
    tmp = root / ".datapackage.json.tmp"
    _write_json(tmp, data)
    fd = os.open(tmp, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, target)
    fsync_dir(root)
    return target


def publish_to_dir(tables: dict[str, pa.Table], out: Path, version: str) -> Path:
    """Build a complete package in ``out`` (for --out): replaced as a whole, atomically, and only once it
    passes validation (else ValidationFailed, ``out`` untouched). Consumes ``tables``."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    tmp.chmod(0o755)
    try:
        write_version_folder(tables, tmp, version)
        _gate(tmp)
        fsync_tree(tmp)
        if out.exists() and not _exchange(tmp, out):
            # No atomic swap here: a crash between these two renames leaves the old
            # package in .<name>.old-*/x (remove_leftovers cleans it on the next build).
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
            os.rename(out, old / "x")
            os.rename(tmp, out)
            shutil.rmtree(old, ignore_errors=True)
        elif not out.exists():
            os.rename(tmp, out)
        fsync_dir(out.parent)
        return out
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
