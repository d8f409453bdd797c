"""`jianghua validate` catches a tampered file, a missing file, a changed row and a broken foreign key,
also when the forger recomputed every hash."""
from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from jianghua import publish
from jianghua.cli import app
from jianghua.validate import validate_package

pytestmark = pytest.mark.reliability


def _problems(pkg) -> str:
    report = validate_package(pkg, run_frictionless=False)
    assert not report.ok
    return "\n".join(report.problems)


def _rewrite(pkg, name, mutate) -> None:
    path = pkg / f"{name}.parquet"
    t = pq.read_table(path)
    rows = t.to_pylist()
    mutate(rows)
    publish.write_parquet(pa.Table.from_pylist(rows, schema=t.schema), path)


def _forge_hashes(pkg) -> None:
    """What a careful forger does: make the descriptor and SHA256SUMS agree with the edited files."""
    desc_path = pkg / "datapackage.json"
    desc = json.loads(desc_path.read_text("utf-8"))
    for res in desc["resources"]:
        f = pkg / res["path"]
        res["bytes"], res["hash"] = f.stat().st_size, f"sha256:{publish.sha256_file(f)}"
    desc_path.write_text(json.dumps(desc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    names = sorted(p.name for p in pkg.iterdir() if p.is_file() and p.name != "SHA256SUMS")
    (pkg / "SHA256SUMS").write_text("".join(f"{publish.sha256_file(pkg / n)}  {n}\n" for n in names), "utf-8")


def test_untouched_copy_is_valid(package_copy):
    assert validate_package(package_copy, run_frictionless=False).ok


def test_a_tampered_file_is_caught_by_size_and_hash(package_copy, runner):
    with open(package_copy / "sections.parquet", "ab") as f:
        f.write(b"\0")
    problems = _problems(package_copy)
    assert "sections" in problems and "sha256" in problems and "bytes" in problems
    result = runner.invoke(app, ["validate", str(package_copy), "--no-frictionless"])
    assert result.exit_code == 1 and "✗ sections" in result.output


@pytest.mark.parametrize("name", ["deadlines.parquet", "jianghua.duckdb"])
def test_a_missing_file_is_caught(package_copy, name):
    (package_copy / name).unlink()
    assert "missing" in _problems(package_copy) and name in _problems(package_copy)


def test_a_changed_row_is_caught_by_its_hash(package_copy):
    def retitle(rows):
        rows[0]["title"] = rows[0]["title"] + "（修订）"
    _rewrite(package_copy, "speeches", retitle)
    assert "speeches: sha256" in _problems(package_copy)


def test_a_changed_row_with_forged_hashes_is_caught_by_the_content_checks(package_copy):
    def grow(rows):
        rows[0]["text"] += "此句为篡改。"
    _rewrite(package_copy, "speeches", grow)
    _forge_hashes(package_copy)
    assert "n_chars" in _problems(package_copy)


def test_a_section_moved_outside_its_speech_is_caught(package_copy):
    def stretch(rows):
        rows[-1]["char_end"] = rows[-1]["char_end"] + 10_000_000
    _rewrite(package_copy, "sections", stretch)
    _forge_hashes(package_copy)
    assert "outside its speech" in _problems(package_copy)


def test_a_broken_foreign_key_is_caught(package_copy):
    def orphan(rows):
        rows[0]["speech_id"] = "000000000000"
    _rewrite(package_copy, "sections", orphan)
    _forge_hashes(package_copy)
    assert "has no row in speeches" in _problems(package_copy)
