"""Speech metadata of the 119 external work reports against their MANIFEST.tsv.

../shared/corpus/external/MANIFEST.tsv records where each file came from: its
level (national, province, municipality), year and region (全国, 上海市, 宁夏 …).
The build never reads it; here it is the measuring stick: every report must
come out with that level (a municipality is a province-level division), that
year, the region's full official name and GB/T 2260 code (全国 → 中国,
100000) and a non-empty title (title_raw null, never "", when the file has
no title line).

As a script it measures a package already built, field by field:

    .venv/bin/jianghua build --raw ../shared/corpus/external --out /tmp/ext
    .venv/bin/python tests/test_external_metadata.py /tmp/ext
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest

EXTERNAL = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "external"
FIELDS = ("admin_level", "year", "jurisdiction", "admin_code", "title")
# MANIFEST's levels in the speeches table's terms (DATA_MODEL.md: 直辖市 are provinces)
LEVEL = {"national": "national", "province": "province", "municipality": "province"}


def manifest(path: Path = EXTERNAL / "MANIFEST.tsv") -> dict[str, dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return {row["file"]: row for row in csv.DictReader(fh, delimiter="\t")}


def expected(row: dict) -> dict:
    """What the speeches table should say of one MANIFEST row."""
    from jianghua import places

    if row["region"] == "全国":
        name, code = places.NATIONAL_NAME, places.NATIONAL_CODE
    else:
        code = places.resolve_admin_code(row["region"])
        assert code, f"MANIFEST region {row['region']!r} of {row['file']} is no division of the packaged list"
        name = places.by_code()[code].name
    return {"admin_level": LEVEL[row["level"]], "year": int(row["year"]), "jurisdiction": name, "admin_code": code}


def compare(speeches: list[dict], rows: dict[str, dict]) -> dict[str, list[str]]:
    """field → the reports that get it wrong (a line each); '_missing' for reports with no speech."""
    by_file: dict[str, list[dict]] = {}
    for sp in speeches:
        by_file.setdefault(sp["source_file"], []).append(sp)
    wrong: dict[str, list[str]] = {f: [] for f in FIELDS + ("_missing", "title_raw")}
    for file, row in sorted(rows.items()):
        found = by_file.get(file)
        if not found:
            wrong["_missing"].append(file)
            continue
        sp = min(found, key=lambda s: s["ordinal"])
        for field, want in expected(row).items():
            if sp[field] != want:
                wrong[field].append(f"{file}: {field} {sp[field]!r}, want {want!r}")
        if not (sp["title"] or "").strip():
            wrong["title"].append(f"{file}: empty title")
        if sp["title_raw"] is not None and not sp["title_raw"].strip():
            wrong["title_raw"].append(f"{file}: title_raw {sp['title_raw']!r} (null when there is no title line)")
    return wrong


@pytest.mark.slow
def test_every_external_report_has_the_level_place_code_year_and_title_of_its_manifest_row(external_build):
    rows = manifest()
    assert len(rows) >= 100, "MANIFEST.tsv should list about 119 reports"
    speeches = external_build["speeches"].to_pylist()
    wrong = compare(speeches, rows)
    problems = [line for lines in wrong.values() for line in lines]
    assert not problems, f"{len(problems)} metadata fields differ from MANIFEST.tsv:\n" + "\n".join(problems)


def main(package: str) -> int:
    import pyarrow.parquet as pq

    speeches = pq.read_table(Path(package) / "speeches.parquet").to_pylist()
    rows = manifest()
    wrong = compare(speeches, rows)
    n = len(rows)
    print(f"{n} reports in MANIFEST.tsv, {len(wrong['_missing'])} without a speech")
    for field in FIELDS + ("title_raw",):
        print(f"{field:13} {n - len(wrong[field]):4d}/{n} right")
    reports = [sp for sp in speeches if sp["source_file"] in rows]
    from_name = sorted(sp["source_file"] for sp in reports if (sp["year_evidence"] or "").startswith("文件名"))
    print(f"year read from the file name (nothing in the text dates it): {len(from_name)}")
    untitled = sum(sp["title_raw"] is None for sp in reports)
    print(f"no title line (title built from the file name): {untitled}")
    for field, lines in wrong.items():
        for line in lines:
            print("  ", line)
    return 1 if any(wrong.values()) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "datasets"))
