"""`jianghua diff OLD NEW`: rows added, removed and changed per table between two package versions.

Rows are matched on each table's primary key (schemas/*.yaml); a row whose key
is in both versions is *changed* when any column shared by both versions
differs (NULL = NULL counts as equal). Columns added or dropped between the
versions are reported per table and not compared. DuckDB does the joins over
the Parquet files, so a diff of millions of rows stays a few seconds.

Ids of extracted rows contain their offsets: when cleaning changes a speech's
text, its rows move and show as removed + added rather than changed. The diff
reports what a user's join on ids would see, which is what a changelog is for.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from . import schema
from .export import Package, open_package

EXAMPLES = 5


@dataclass
class TableDiff:
    name: str
    old_rows: int
    new_rows: int
    added: int = 0
    removed: int = 0
    changed: int = 0
    changed_columns: dict[str, int] = field(default_factory=dict)
    """column → rows in which it changed."""
    columns_added: list[str] = field(default_factory=list)
    columns_removed: list[str] = field(default_factory=list)
    examples_added: list[str] = field(default_factory=list)
    examples_removed: list[str] = field(default_factory=list)
    examples_changed: list[str] = field(default_factory=list)
    note: str | None = None

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.removed or self.changed or self.columns_added or self.columns_removed
                    or self.note)


@dataclass
class PackageDiff:
    old_version: str
    new_version: str
    new_created: str
    tables: list[TableDiff]

    @property
    def identical(self) -> bool:
        return all(t.unchanged for t in self.tables)

    def to_dict(self) -> dict:
        return {"old_version": self.old_version, "new_version": self.new_version,
                "tables": [t.__dict__ for t in self.tables]}


def _primary_key(name: str, pkg: Package) -> list[str]:
    for r in pkg.descriptor.get("resources", []):
        if r["name"] == name and r.get("schema", {}).get("primaryKey"):
            pk = r["schema"]["primaryKey"]
            return [pk] if isinstance(pk, str) else list(pk)
    return list(schema.table(name).primary_key)


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _key_text(cols: list[str], alias: str) -> str:
    return " || '/' || ".join(f"CAST({alias}.{_q(c)} AS VARCHAR)" for c in cols)


def _diff_table(con, name: str, old: Package, new: Package) -> TableDiff:
    in_old, in_new = name in old.table_names, name in new.table_names
    if not (in_old and in_new):
        present = new if in_new else old
        n = con.execute("SELECT count(*) FROM read_parquet(?)", [str(present.parquet(name))]).fetchone()[0]
        d = TableDiff(name, 0 if in_new else n, n if in_new else 0)
        if in_new:
            d.added, d.note = n, "new table"
        else:
            d.removed, d.note = n, "table removed"
        return d
    con.execute(f"CREATE OR REPLACE TEMP VIEW o AS SELECT * FROM read_parquet('{_path(old, name)}')")
    con.execute(f"CREATE OR REPLACE TEMP VIEW n AS SELECT * FROM read_parquet('{_path(new, name)}')")
    old_cols = [r[0] for r in con.execute("DESCRIBE o").fetchall()]
    new_cols = [r[0] for r in con.execute("DESCRIBE n").fetchall()]
    d = TableDiff(name, con.execute("SELECT count(*) FROM o").fetchone()[0],
                  con.execute("SELECT count(*) FROM n").fetchone()[0],
                  columns_added=[c for c in new_cols if c not in old_cols],
                  columns_removed=[c for c in old_cols if c not in new_cols])
    pk = _primary_key(name, new)
    if not all(c in old_cols and c in new_cols for c in pk):
        d.note = f"primary key ({', '.join(pk)}) not in both versions: rows not compared"
        return d
    on = " AND ".join(f"o.{_q(c)} = n.{_q(c)}" for c in pk)
    d.added, = con.execute(f"SELECT count(*) FROM n ANTI JOIN o ON {on}").fetchone()
    d.removed, = con.execute(f"SELECT count(*) FROM o ANTI JOIN n ON {on}").fetchone()
    d.examples_added = [r[0] for r in con.execute(
        f"SELECT {_key_text(pk, 'n')} AS k FROM n ANTI JOIN o ON {on} ORDER BY k LIMIT {EXAMPLES}").fetchall()]
    d.examples_removed = [r[0] for r in con.execute(
        f"SELECT {_key_text(pk, 'o')} AS k FROM o ANTI JOIN n ON {on} ORDER BY k LIMIT {EXAMPLES}").fetchall()]
    shared = [c for c in new_cols if c in old_cols and c not in pk]
    if shared:
        flags = [f"o.{_q(c)} IS DISTINCT FROM n.{_q(c)}" for c in shared]
        sums = ", ".join(f"count(*) FILTER (WHERE {f})" for f in flags)
        row = con.execute(f"SELECT count(*) FILTER (WHERE {' OR '.join(flags)}), {sums} "
                          f"FROM o JOIN n ON {on}").fetchone()
        d.changed = row[0]
        d.changed_columns = {c: k for c, k in zip(shared, row[1:]) if k}
        d.examples_changed = [r[0] for r in con.execute(
            f"SELECT {_key_text(pk, 'n')} AS k FROM o JOIN n ON {on} WHERE {' OR '.join(flags)} "
            f"ORDER BY k LIMIT {EXAMPLES}").fetchall()]
    return d


def _path(pkg: Package, name: str) -> str:
    return str(pkg.parquet(name)).replace("'", "''")


def diff_packages(old_path: Path, new_path: Path) -> PackageDiff:
    import duckdb

    old, new = open_package(old_path), open_package(new_path)
    names = list(new.table_names) + [n for n in old.table_names if n not in new.table_names]
    con = duckdb.connect()
    try:
        tables = [_diff_table(con, n, old, new) for n in names]
    finally:
        con.close()
    return PackageDiff(old.version, new.version, str(new.descriptor.get("created", "")), tables)


# ---------------------------------------------------------------- text
def _fmt_cols(cols: dict[str, int]) -> str:
    return ", ".join(f"{c} ({k})" for c, k in sorted(cols.items(), key=lambda kv: (-kv[1], kv[0])))


def summary_markdown(d: PackageDiff, examples: bool = True) -> str:
    """A Markdown table of the counts per table, then what changed in which columns."""
    lines = ["| table | rows before | rows after | added | removed | changed |", "|---|---:|---:|---:|---:|---:|"]
    for t in d.tables:
        lines.append(f"| {t.name} | {t.old_rows} | {t.new_rows} | {t.added} | {t.removed} | {t.changed} |")
    details = []
    for t in d.tables:
        bits = []
        if t.note:
            bits.append(t.note)
        if t.columns_added:
            bits.append("new columns: " + ", ".join(f"`{c}`" for c in t.columns_added))
        if t.columns_removed:
            bits.append("dropped columns: " + ", ".join(f"`{c}`" for c in t.columns_removed))
        if t.changed_columns:
            bits.append("changed values in " + _fmt_cols(t.changed_columns))
        if examples:
            for what, ex in (("added", t.examples_added), ("removed", t.examples_removed),
                             ("changed", t.examples_changed)):
                if ex:
                    bits.append(f"e.g. {what}: " + ", ".join(f"`{k}`" for k in ex))
        if bits:
            details.append(f"- **{t.name}**: " + "; ".join(bits) + ".")
    if details:
        lines += [""] + details
    elif d.identical:
        lines += ["", "No row was added, removed or changed."]
    return "\n".join(lines)


def changelog_entry(d: PackageDiff, date: str | None = None) -> str:
    """A Keep-a-Changelog section for the new version, generated from the diff."""
    when = date or (d.new_created[:10] if d.new_created else dt.date.today().isoformat())
    head = f"## [{d.new_version}] - {when}"
    intro = f"Data changes since {d.old_version} (generated by `jianghua diff`; rows matched on primary keys)."
    return f"{head}\n\n{intro}\n\n{summary_markdown(d, examples=False)}\n"


CHANGELOG_HEADER = """# Changelog

All notable changes to the published jianghua data package. Entries are generated by
`jianghua diff OLD NEW --changelog CHANGELOG.md` (rows added, removed and changed per
table) and may be completed by hand. Versions follow [SemVer](https://semver.org/); the
format follows [Keep a Changelog](https://keepachangelog.com/en/1.1.0/).
"""


def update_changelog(path: Path, entry: str, version: str) -> bool:
    """Insert ``entry`` above the newest entry of ``path`` (created if absent).

    Returns False, changing nothing, when the file already has a section for ``version``.
    """
    text = path.read_text("utf-8") if path.exists() else CHANGELOG_HEADER
    if f"## [{version}]" in text:
        return False
    idx = text.find("\n## [")
    new = (text.rstrip("\n") + "\n\n" + entry) if idx < 0 else (text[:idx + 1] + entry + "\n" + text[idx + 1:])
    path.write_text(new, encoding="utf-8")
    return True
