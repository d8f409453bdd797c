"""`build --out OUT`: which folders a build may replace.

publish_to_dir replaces OUT as a whole, so a build must never be pointed at
a folder holding anything it did not write: OUT may be missing, empty, or
exactly a previous jianghua package (every file listed in its SHA256SUMS,
plus SHA256SUMS itself). OUT may not be the raw folder, lie inside it, or
hold it, and may not be the repository root or its datasets/ folder.
"""
from __future__ import annotations

from pathlib import Path

SUMS = "SHA256SUMS"
_SHOWN = 5


class OutDirError(ValueError):
    """OUT is a folder a build must not replace; the message names it and why."""


def package_files(folder: Path) -> set[str] | None:
    """The files a jianghua build wrote in ``folder`` (from its SHA256SUMS), or None if it has none."""
    sums = folder / SUMS
    if not sums.is_file():
        return None
    try:
        lines = sums.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    return {line.split(maxsplit=1)[1] for line in lines if len(line.split(maxsplit=1)) == 2} | {SUMS}


def check_out_dir(out: Path, raw: Path, root: Path) -> None:
    """Raise OutDirError unless a build may write its package to ``out`` (replacing what is there)."""
    target, raw_dir, repo = Path(out).resolve(), Path(raw).resolve(), Path(root).resolve()
    if target == raw_dir or target.is_relative_to(raw_dir):
        raise OutDirError(f"--out {out} is inside the raw folder {raw}: the package would be read as input on "
                          "the next build. Choose a folder outside --raw")
    if raw_dir.is_relative_to(target):
        raise OutDirError(f"--out {out} holds the raw folder {raw}: building into it would replace the input. "
                          "Choose another folder")
    if target in (repo, repo / "datasets"):
        raise OutDirError(f"--out {out} is the repository's {'root' if target == repo else 'datasets/ folder'}: "
                          "build without --out to publish datasets/<version>/, or choose a new folder")
    if not target.exists():
        return
    if not target.is_dir():
        raise OutDirError(f"--out {out} exists and is not a folder")
    present = sorted(p.name for p in target.iterdir())
    if not present:
        return
    ours = package_files(target) or set()
    unrelated = [name for name in present if name not in ours]
    if unrelated:
        shown = ", ".join(unrelated[:_SHOWN]) + (f" and {len(unrelated) - _SHOWN} more" if len(unrelated) > _SHOWN
                                                 else "")
        raise OutDirError(f"--out {out} holds files a jianghua build did not write ({shown}); a build replaces its "
                          "--out folder as a whole, so it only writes to a new or empty folder or over a previous "
                          "package. Choose another folder, or move those files")
