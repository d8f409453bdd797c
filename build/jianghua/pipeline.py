"""The build, stage by stage: ingest → split → clean → structure → extract → (validate → publish).

``process_file`` is the pure heart: one file's bytes in, all of its rows out.
It reads nothing and writes nothing, so it runs the same in a loop, in a
process pool or on a cluster. ``build_tables`` is the I/O edge that walks the
raw folder, then adds what needs the whole corpus (variant groups).
Where a sentence becomes a row: ``process_speech`` below calls one extractor
per table (extract/indicators.py, extract/entities.py, extract/deadlines.py).
"""
from __future__ import annotations

import fnmatch
import hashlib
import os
import stat
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pyarrow as pa
import yaml

from . import accounting, ingest, memory, publish
from .clean import clean_text
from .document import SpeechDoc
from .extract.deadlines import extract_deadlines
from .extract.entities import extract_entities
from .extract.indicators import extract_indicators
from .metadata import describe_speech
from .metrics import metric_rows
from .places import resolve_admin_code
from .schema import TABLE_NAMES
from .script import detect_script, to_simplified
from .sections import find_sections
from .split import RawSpeech, split_speeches
from .targets import target_rows
from .variants import assign_variants

ITEM_TABLES = {"indicators": ("indicator_id", "i"), "entities": ("entity_id", "e"), "deadlines": ("deadline_id", "d")}
EXTRACTORS: dict[str, Callable[[SpeechDoc], list[dict]]] = {
    "indicators": extract_indicators,
    "entities": extract_entities,
    "deadlines": extract_deadlines,
}


@dataclass
class FileRows:
    """Everything one raw file contributes to the package."""
    source: dict
    # Lists of row dicts from process_file; one Arrow table each after tabulate().
    speeches: list[dict] | pa.Table = field(default_factory=list)
    sections: list[dict] | pa.Table = field(default_factory=list)
    indicators: list[dict] | pa.Table = field(default_factory=list)
    entities: list[dict] | pa.Table = field(default_factory=list)
    deadlines: list[dict] | pa.Table = field(default_factory=list)
    furniture: list[tuple[int, str, str]] = field(default_factory=list)
    """(line number, line, reason) of every page-furniture line removed."""
    ledger: accounting.Ledger | None = None
    """Where every character of the file went (accounting.py); None for rejected files."""


# ---------------------------------------------------------------- ids
def speech_id_for(source_file: str, ordinal: int) -> str:
    """Stable across rebuilds and machines: a hash of where the speech stands."""
    return hashlib.sha256(f"{source_file}\n{ordinal}".encode()).hexdigest()[:12]


def _section_id(speech_id: str, path: str) -> str:
    return f"{speech_id}-s{path}"


# ---------------------------------------------------------------- per speech
def _deepest_section(sections: list[dict], start: int, end: int) -> str:
    best = None
    for sec in sections:
        if sec["char_start"] <= start and end <= sec["char_end"]:
            if best is None or sec["level"] > best["level"] or sec["kind"] != "heading" and best["kind"] == "heading":
                best = sec
    if best is None:  # a span across a section boundary belongs where it starts
        best = next(s for s in sections if s["char_start"] <= start < s["char_end"])
    return best["section_id"]


def process_speech(source_file: str, raw: RawSpeech) -> dict[str, list[dict]]:
    text = clean_text([line.text for line in raw.body])
    script = detect_script(text)
    simplified = to_simplified(text, script)
    meta = describe_speech(raw.title_raw, text, simplified, [line.text for line, _ in raw.furniture], source_file)
    speech_id = speech_id_for(source_file, raw.ordinal)
    jurisdiction = meta["jurisdiction"]
    speech = {
        "speech_id": speech_id,
        "source_file": source_file,
        "ordinal": raw.ordinal,
        "title": meta["title"],
        "title_raw": raw.title_raw or None,  # no title line: null (title then comes from the file name)
        "text": text,
        "n_chars": len(text),
        "script": script,
        "year": meta["year"],
        "year_evidence": meta["year_evidence"],
        "year_conflict": meta["year_conflict"],
        "published_date": meta["published_date"],
        "admin_level": meta["admin_level"],
        "jurisdiction": jurisdiction,
        "admin_code": resolve_admin_code(jurisdiction) if jurisdiction else None,
        "speaker_title": meta["speaker_title"],
        "meeting": meta["meeting"],
        "masked_count": meta["masked_count"],
    }
    sections = []
    for sec in find_sections(text, simplified) or [_whole_text_section(text)]:
        row = {k: v for k, v in sec.items() if k != "parent_path"}
        row["section_id"] = _section_id(speech_id, sec["path"])
        row["speech_id"] = speech_id
        row["parent_id"] = _section_id(speech_id, sec["parent_path"]) if sec["parent_path"] else None
        sections.append(row)
    doc = SpeechDoc(text=text, simplified=simplified, script=script, title=meta["title"], year=meta["year"],
                    admin_level=meta["admin_level"], jurisdiction=jurisdiction)
    out: dict[str, list[dict]] = {"speeches": [speech], "sections": sections}
    for table, (id_column, prefix) in ITEM_TABLES.items():
        rows, seen = [], set()
        for item in EXTRACTORS[table](doc):
            base = f"{speech_id}-{prefix}{item['char_start']:07d}-{item['char_end']:07d}"
            row_id, n = base, 1
            while row_id in seen:  # two rows on one span (省委省政府 → 省委 + 省政府 never collide; lists may)
                n += 1
                row_id = f"{base}-{n}"
            seen.add(row_id)
            rows.append({id_column: row_id, "speech_id": speech_id,
                         "section_id": _deepest_section(sections, item["char_start"], item["char_end"]), **item})
        out[table] = rows
    return out


def _whole_text_section(text: str) -> dict:
    return {"kind": "preamble", "level": 1, "ordinal": 0, "marker": None, "heading": None, "path": "0",
            "parent_path": None, "char_start": 0, "char_end": len(text)}


# ---------------------------------------------------------------- per file
def process_file(source_file: str, data: bytes) -> FileRows:
    """One raw file's bytes → its source row and every row of its speeches."""
    decoded = ingest.decode(data)
    source = {"source_file": source_file, "sha256": ingest.sha256_hex(data), "bytes": len(data),
              "encoding": decoded.encoding, "status": "ok", "error": None, "n_speeches": 0}
    if decoded.text is None:
        source.update(status="rejected", error=decoded.error, encoding=None)
        return FileRows(source)
    split = split_speeches(decoded.text)
    result = FileRows(source, furniture=[(ln.number, ln.text, why) for ln, why in split.furniture])
    for raw in split.speeches:
        for table, rows in process_speech(source_file, raw).items():
            getattr(result, table).extend(rows)
    source["n_speeches"] = len(result.speeches)
    # Raises AccountingError (naming the file) if any text went missing.
    result.ledger = accounting.account(source_file, decoded, split, [s["text"] for s in result.speeches])
    return result


def reject(source_file: str, data: bytes | None, error: str, *, sha256: str | None = None,
           size: int | None = None) -> FileRows:
    """A file the ingest stage could not even open or was told to refuse."""
    return FileRows({"source_file": source_file, "sha256": sha256 or ingest.sha256_hex(data or b""),
                     "bytes": len(data or b"") if size is None else size, "encoding": None, "status": "rejected",
                     "error": error, "n_speeches": 0})


# ---------------------------------------------------------------- the corpus
def list_raw_files(raw_dir: Path) -> list[str]:
    """Every file below raw_dir, as sorted POSIX paths relative to it (symlinks included, to be judged)."""
    out = []
    for root, dirs, files in os.walk(raw_dir, followlinks=False):
        dirs.sort()
        for name in files + [d for d in dirs if (Path(root) / d).is_symlink()]:
            out.append((Path(root) / name).relative_to(raw_dir).as_posix())
    return sorted(set(out))


@lru_cache(maxsize=1)
def _skip_names() -> tuple[str, ...]:
    spec = yaml.safe_load((resources.files("jianghua") / "rules" / "skip.yaml").read_text("utf-8"))
    return tuple(spec["names"])


def skip_reason(rel: str, exclude: Sequence[str] = ()) -> str | None:
    """Why a raw file is not a speech file (rules/skip.yaml, or one of the user's --exclude globs), or None."""
    name = rel.rsplit("/", 1)[-1]
    for glob in exclude:
        if fnmatch.fnmatchcase(rel, glob) or fnmatch.fnmatchcase(name, glob):
            return f"excluded by --exclude {glob}"
    lowered = name.lower()
    for glob in _skip_names():
        if fnmatch.fnmatchcase(lowered, glob.lower()):
            return f"not a speech file by its name ({glob})"
    return None


def read_raw_file(raw_dir: Path, rel: str, exclude: Sequence[str] = ()) -> FileRows:
    """Read one file at the I/O edge; refuse what must not be read, and list a file that is not a speech
    file (``skip_reason``) as skipped with its sha256 and size, never its text."""
    path = raw_dir / rel
    root = raw_dir.resolve()
    if path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(root):
            return reject(rel, None, f"symbolic link pointing outside the raw folder ({os.readlink(path)}): refused; "
                                     "copy the file into the raw folder instead")
    try:
        st = path.stat()
    except OSError as exc:
        what = "broken symbolic link" if path.is_symlink() else "cannot be read"
        return reject(rel, None, f"{what}: {exc.strerror or exc}; fix or remove it")
    if stat.S_ISDIR(st.st_mode):
        return reject(rel, None, "a directory, not a file")
    if not stat.S_ISREG(st.st_mode):  # reading a FIFO would hang the build
        return reject(rel, None, "not a regular file (a named pipe, socket or device): refused; remove it")
    # Skipped only after the checks above: a pipe or an outside link named data.csv is refused like any other.
    reason = skip_reason(rel, exclude)
    if reason is not None or st.st_size > ingest.MAX_FILE_BYTES:  # hash it in chunks, never hold it whole
        try:
            digest = publish.sha256_file(path)
        except OSError as exc:
            return reject(rel, None, f"cannot be read: {exc.strerror or exc}")
        if reason is None:
            return reject(rel, None, ingest.too_large(st.st_size), sha256=digest, size=st.st_size)
        return FileRows({"source_file": rel, "sha256": digest, "bytes": st.st_size, "encoding": None,
                         "status": "skipped", "error": reason, "n_speeches": 0})
    try:
        data = path.read_bytes()
    except OSError as exc:
        return reject(rel, None, f"cannot be read: {exc.strerror or exc}")
    return process_file(rel, data)


def tabulate(fr: FileRows) -> FileRows:
    """The same file with its speeches, sections and extracted rows as Arrow tables.

    Workers ship this to the parent (runner.py): unpickling Arrow buffers costs
    the parent next to nothing, where a million small dicts cost it CPU time and
    memory it would then spend converting them anyway. The speeches' variant
    columns are placeholders (each speech its own group) until ``assemble`` has
    seen every speech.
    """
    if not isinstance(fr.speeches, pa.Table):
        fr.speeches = publish.arrow_table(
            "speeches", [dict(s, variant_group=s["speech_id"], is_canonical=True) for s in fr.speeches])
    for name in ("sections", *ITEM_TABLES):
        rows = getattr(fr, name)
        if not isinstance(rows, pa.Table):
            setattr(fr, name, publish.arrow_table(name, rows))
    return fr


# What variants.assign_variants reads of a speech.
_VARIANT_INPUT = ["speech_id", "text", "n_chars", "masked_count", "script"]


def assemble(files: Iterable[FileRows]) -> dict[str, pa.Table]:
    """Rows of all files → the package's Arrow tables, sorted by primary key.

    Files arrive as Arrow (``tabulate``; refused files as empty rows), so the
    corpus is never held as Python dicts.
    """
    pieces: dict[str, list[pa.Table]] = {name: [] for name in ("speeches", "sections", *ITEM_TABLES)}
    sources: list[dict] = []
    for fr in files:
        sources.append(fr.source)
        tabulate(fr)
        for name, parts in pieces.items():
            if getattr(fr, name).num_rows:
                parts.append(getattr(fr, name))
    pieces.update(sources=[publish.arrow_table("sources", sources)],
                  metrics=[publish.arrow_table("metrics", metric_rows())])
    memory.release()  # what unpickling the files left behind
    # One table at a time, so that only one table is ever held twice (pieces and sorted copy).
    tables = {name: publish.finish_table(name, pieces.pop(name)) for name in TABLE_NAMES if name in pieces}
    speeches = tables["speeches"]
    groups = assign_variants(speeches.select(_VARIANT_INPUT).to_pylist())
    ids = speeches.column("speech_id").to_pylist()
    for column, values in (("variant_group", [groups[i][0] for i in ids]),
                           ("is_canonical", [groups[i][1] for i in ids])):
        at = speeches.schema.get_field_index(column)
        speeches = speeches.set_column(at, speeches.schema.field(column),
                                       pa.array(values, speeches.schema.field(column).type))
    tables["speeches"] = speeches
    # Targets need the whole corpus (outcomes come from later speeches) and the canonical flags above.
    tables["targets"] = publish.arrow_table(
        "targets", target_rows(speeches, tables["indicators"]))
    return {name: tables[name] for name in TABLE_NAMES}


def build_tables(raw_dir: Path, on_file: Callable[[str], None] | None = None, *, workers: int | None = 1,
                 cache_root: Path | None = None, engine: str = "local", stats=None,
                 exclude: Sequence[str] = ()) -> dict[str, pa.Table]:
    """Every raw file through ``process_file`` (runner.py: serial, ``workers`` processes or Dask;
    cached under ``cache_root`` when given; ``workers=None`` means all cores), then ``assemble``.
    Files come back in sorted order whatever runs them, so the tables do not depend on ``workers``."""
    from . import runner  # runner imports this module

    return assemble(runner.run(raw_dir, workers=workers, cache_root=cache_root, engine=engine,
                               on_file=on_file, stats=stats, exclude=exclude))
