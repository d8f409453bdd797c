"""`jianghua diff OLD NEW` on two real builds, and the CHANGELOG entry it writes."""
from __future__ import annotations

import json
import shutil

import pyarrow.parquet as pq
import pytest

from conftest import RAW
from jianghua.cli import app
from jianghua.diff import CHANGELOG_HEADER, changelog_entry, diff_packages, update_changelog


def _ids(pkg, table, key):
    return {r[key] for r in pq.read_table(pkg / f"{table}.parquet", columns=[key]).to_pylist()}


@pytest.fixture(scope="module")
def newer(built_package, tmp_path_factory, runner):
    """A second real build: one raw file dropped, one edited (same length, so offsets stay), version 0.2.0."""
    raw = tmp_path_factory.mktemp("raw2")
    files = sorted(p for p in RAW.iterdir() if p.is_file())
    for p in files[:-1]:
        shutil.copy(p, raw / p.name)
    edited = raw / files[0].name
    data = edited.read_bytes()
    digit = next(ch for ch in b"123456789" if bytes([ch]) in data)
    edited.write_bytes(data.replace(bytes([digit]), b"0" if digit != ord("0") else b"1", 1))
    out = tmp_path_factory.mktemp("pkg2") / "package"
    r = runner.invoke(app, ["build", "--raw", str(raw), "--out", str(out), "--version", "0.2.0"])
    assert r.exit_code == 0, r.output
    return out, files[-1].name, files[0].name


def test_diff_of_two_builds_counts_rows_added_removed_and_changed(built_package, newer):
    new, dropped, edited = newer
    d = {t.name: t for t in diff_packages(built_package, new).tables}
    src = d["sources"]
    assert (src.removed, src.added, src.changed) == (1, 0, 1)
    assert src.examples_removed == [dropped]
    assert {"sha256"} <= set(src.changed_columns)
    speeches_old = pq.read_table(built_package / "speeches.parquet").to_pylist()
    assert d["speeches"].removed == sum(1 for s in speeches_old if s["source_file"] == dropped)
    assert d["speeches"].changed >= 1 and "text" in d["speeches"].changed_columns
    for table, key in (("indicators", "indicator_id"), ("entities", "entity_id"), ("deadlines", "deadline_id"),
                       ("sections", "section_id")):
        old_ids, new_ids = _ids(built_package, table, key), _ids(new, table, key)
        t = d[table]
        assert (t.old_rows, t.new_rows) == (len(old_ids), len(new_ids))
        assert (t.added, t.removed) == (len(new_ids - old_ids), len(old_ids - new_ids)), table
    assert d["metrics"].unchanged


def test_a_package_against_itself_is_identical(built_package):
    d = diff_packages(built_package, built_package)
    assert d.identical and all(t.added == t.removed == t.changed == 0 for t in d.tables)


def test_cli_diff_prints_markdown_or_json_and_writes_the_changelog_once(built_package, newer, runner, tmp_path):
    new, dropped, _ = newer
    r = runner.invoke(app, ["diff", str(built_package), str(new)])
    assert r.exit_code == 0, r.output
    assert "0.1.0 → 0.2.0" in r.stdout or "→ 0.2.0" in r.stdout
    assert "| sources |" in r.stdout and dropped in r.stdout
    r = runner.invoke(app, ["diff", str(built_package), str(new), "--format", "json"])
    data = json.loads(r.stdout)
    assert data["new_version"] == "0.2.0" and {t["name"] for t in data["tables"]} >= {"speeches", "indicators"}

    log = tmp_path / "CHANGELOG.md"
    log.write_text(CHANGELOG_HEADER + "\n## [0.1.0] - 2026-01-01\n\nFirst release.\n", encoding="utf-8")
    args = ["diff", str(built_package), str(new), "--changelog", str(log), "--date", "2026-02-01"]
    assert runner.invoke(app, args).exit_code == 0
    text = log.read_text("utf-8")
    assert text.index("## [0.2.0] - 2026-02-01") < text.index("## [0.1.0]")  # newest first
    assert "| sources | 5 | 4 | 0 | 1 | 1 |" in text
    again = runner.invoke(app, args)
    assert again.exit_code == 0 and log.read_text("utf-8") == text  # one entry per version


def test_changelog_is_created_when_absent(built_package, tmp_path):
    d = diff_packages(built_package, built_package)
    log = tmp_path / "CHANGELOG.md"
    assert update_changelog(log, changelog_entry(d, "2026-03-01"), d.new_version)
    text = log.read_text("utf-8")
    assert text.startswith("# Changelog") and f"## [{d.new_version}] - 2026-03-01" in text
