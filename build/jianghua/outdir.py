"""`build --out OUT`: which folders a build may replace.

publish_to_dir replaces OUT as a whole, so a build must never be pointed at
a folder holding anything it did not write: OUT may be missing, empty, or
exactly a previous jianghua package (only the files publish.write_version_folder
writes, its datapackage.json named jianghua). OUT may not be the raw folder,
lie inside it, or hold it, and may not be the repository root, its datasets/
folder or a published version inside it (published versions are never overwritten).
"""
from __future__ import annotations

import json
from pathlib import Path

from . import publish, schema

DESCRIPTOR = "datapackage.json"
_SHOWN = 5


class OutDirError(ValueError):
    """OUT is a folder a build must not replace; the message names it and why."""


def package_files() -> set[str]:
    """The names of the files publish.write_version_folder writes (an older package may lack some)."""
    return {f"{name}.parquet" for name in schema.tables()} | {publish.DUCKDB_FILE, DESCRIPTOR, "SHA256SUMS"}


def _is_jianghua_descriptor(path: Path) -> bool:
    try:
        return json.loads(path.read_text("utf-8")).get("name") == "jianghua"
    except (OSError, UnicodeDecodeError, ValueError, AttributeError):
        return False


def check_out_dir(out: Path, raw: Path, root: Path) -> None:
    """Raise OutDirError unless a build may write its package to ``out`` (replacing what is there)."""
    target, raw_dir, repo = Path(out).resolve(), Path(raw).resolve(), Path(root).resolve()
    if target.is_relative_to(raw_dir):
        raise OutDirError(f"--out {out} is the raw folder {raw} or inside it: the package would be read as input on "
                          "the next build. Choose a folder outside --raw")
    if raw_dir.is_relative_to(target):
        raise OutDirError(f"--out {out} holds the raw folder {raw}: building into it would replace the input. "
                          "Choose another folder")
    if target == repo:
        raise OutDirError(f"--out {out} is the repository root: build without --out to publish "
                          "datasets/<version>/, or choose a new folder")
    if target.is_relative_to(repo / "datasets"):
        raise OutDirError(f"--out {out} is in the repository's datasets/ folder, where published versions are "
                          "never overwritten: build without --out to publish datasets/<version>/, or choose a "
                          "folder elsewhere")
    if not target.exists():
        return
    if not target.is_dir():
        raise OutDirError(f"--out {out} exists and is not a folder")
    present = sorted(target.iterdir())
    if not present:
        return
    ours = package_files()
    unrelated = [p.name for p in present if p.name not in ours or not p.is_file()]
    if unrelated:
        shown = ", ".join(unrelated[:_SHOWN]) + (f" and {len(unrelated) - _SHOWN} more" if len(unrelated) > _SHOWN
                                                 else "")
        raise OutDirError(f"--out {out} holds files a jianghua build did not write ({shown}); a build replaces its "
                          "--out folder as a whole, so it only writes to a new or empty folder or over a previous "
                          "package. Choose another folder, or move those files")
    if not _is_jianghua_descriptor(target / DESCRIPTOR):  # same names, another tool's files
        raise OutDirError(f"--out {out} holds {', '.join(p.name for p in present[:_SHOWN])} but no jianghua "
                          f"{DESCRIPTOR}, so it is not a previous jianghua package and a build would replace "
                          "files it did not write. Choose another folder, or move those files")
