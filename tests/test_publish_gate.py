"""The validation gate: every publish and every release runs `jianghua validate` (content checks and Frictionless)
first, and a failure publishes or releases nothing and leaves what was there byte-identical.

test_publish_safety.py covers a misstated sha256; these cover what only the deeper checks catch: a broken
reference in the written Parquet files, and problems only Frictionless sees in the descriptor or the data.
"""
from __future__ import annotations

import hashlib
import json

import pyarrow as pa
import pytest

from jianghua import publish
from jianghua.cli import app
from jianghua.validate import validate_package


def flat(output: str) -> str:
    return " ".join(output.split())


def _digests(folder) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture()
def raw_tables(raw):
    """The tables a build of ``raw`` publishes."""
    from jianghua.pipeline import build_tables

    return build_tables(raw, workers=1)


def _build(runner, *args):
    return runner.invoke(app, ["build", "--no-cache", "--workers", "1", *map(str, args)])


def _orphan_a_section(monkeypatch) -> None:
    """The next build writes a sections.parquet whose first row points at no speech; the descriptor and
    SHA256SUMS are computed from the written files, so only check_relations can tell."""
    real = publish.write_parquet

    def write(table: pa.Table, path):
        if path.name == "sections.parquet":
            ids = table.column("speech_id").to_pylist()
            ids[0] = "000000000000"
            table = table.set_column(table.schema.get_field_index("speech_id"), "speech_id",
                                     pa.array(ids, table.schema.field("speech_id").type))
        real(table, path)
    monkeypatch.setattr(publish, "write_parquet", write)


def _shorten_titles(desc: dict) -> None:
    """A constraint every speech title breaks: only Frictionless, reading the rows, checks it."""
    speeches = next(r for r in desc["resources"] if r["name"] == "speeches")
    title = next(f for f in speeches["schema"]["fields"] if f["name"] == "title")
    title.setdefault("constraints", {})["maxLength"] = 2


def test_a_broken_reference_in_the_written_files_publishes_nothing(runner, raw, tmp_path, monkeypatch):
    root = tmp_path / "repo"
    assert _build(runner, "--raw", raw, "--root", root, "--version", "1.0.0").exit_code == 0
    root_descriptor = (root / "datapackage.json").read_bytes()
    published = _digests(root / "datasets")
    _orphan_a_section(monkeypatch)
    r = _build(runner, "--raw", raw, "--root", root, "--version", "1.1.0")
    assert r.exit_code == 2, r.output
    said = flat(r.output)
    assert "sections.speech_id = ['000000000000'] has no row in speeches" in said
    assert "nothing was published" in said
    assert not (root / "datasets" / "1.1.0").exists()
    assert not list((root / "datasets").glob(".tmp-*"))
    assert (root / "datapackage.json").read_bytes() == root_descriptor
    assert _digests(root / "datasets") == published


def test_publish_version_raises_validation_failed_with_the_problems(tmp_path, monkeypatch, raw_tables):
    _orphan_a_section(monkeypatch)
    with pytest.raises(publish.ValidationFailed) as caught:
        publish.publish_version(dict(raw_tables), tmp_path / "datasets", "1.0.0")
    assert isinstance(caught.value, publish.PublishError)
    assert any("has no row in speeches" in p for p in caught.value.problems)
    assert list((tmp_path / "datasets").iterdir()) == []


def test_an_out_build_failing_only_frictionless_leaves_out_intact(runner, raw, tmp_path, monkeypatch):
    out = tmp_path / "pkg"
    assert _build(runner, "--raw", raw, "--out", out, "--root", tmp_path).exit_code == 0
    before = _digests(out)
    real = publish.descriptor

    def descriptor(*args, **kwargs):
        desc = real(*args, **kwargs)
        _shorten_titles(desc)
        return desc
    monkeypatch.setattr(publish, "descriptor", descriptor)
    r = _build(runner, "--raw", raw, "--out", out, "--root", tmp_path, "--version", "9.9.9")
    assert r.exit_code == 2, r.output
    said = flat(r.output)
    assert "frictionless speeches" in said and 'constraint "maxLength"' in said and "nothing was published" in said
    assert _digests(out) == before
    assert not list(tmp_path.glob(".pkg.tmp-*")) and not list(tmp_path.glob(".pkg.old-*"))


# ---------------------------------------------------------------- descriptor edits only Frictionless catches
def _edit_descriptor(pkg, edit) -> None:
    """Edit datapackage.json and rewrite SHA256SUMS to match: the checksums alone cannot tell."""
    path = pkg / "datapackage.json"
    desc = json.loads(path.read_text("utf-8"))
    edit(desc)
    path.write_text(json.dumps(desc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    names = sorted(p.name for p in pkg.iterdir() if p.is_file() and p.name != "SHA256SUMS")
    (pkg / "SHA256SUMS").write_text("".join(f"{publish.sha256_file(pkg / n)}  {n}\n" for n in names), "utf-8")


def _field(desc: dict, resource: str, name: str) -> dict:
    res = next(r for r in desc["resources"] if r["name"] == resource)
    return next(f for f in res["schema"]["fields"] if f["name"] == name)


def _unknown_type(desc: dict) -> None:
    _field(desc, "speeches", "title")["type"] = "strng"


def _foreign_key_on_a_missing_field(desc: dict) -> None:
    sections = next(r for r in desc["resources"] if r["name"] == "sections")
    sections["schema"]["foreignKeys"].append(
        {"fields": ["no_such_field"], "reference": {"resource": "speeches", "fields": ["speech_id"]}})


def _license_without_name_or_path(desc: dict) -> None:
    desc["licenses"] = [{"title": "some license"}]


@pytest.mark.parametrize("edit, expected", [
    (_unknown_type, 'field type "strng" is not supported'),
    (_foreign_key_on_a_missing_field, "foreign key"),
    (_license_without_name_or_path, 'license requires "path" or "name"'),
    (_shorten_titles, 'constraint "maxLength"'),
], ids=["unknown field type", "foreign key on a missing field", "license", "constraint on sampled rows"])
def test_validate_catches_what_only_frictionless_checks(package_copy, runner, edit, expected):
    _edit_descriptor(package_copy, edit)
    assert validate_package(package_copy, run_frictionless=False).ok  # every other check passes
    r = runner.invoke(app, ["validate", str(package_copy)])
    assert r.exit_code == 1, r.output
    assert r.exception is None or isinstance(r.exception, SystemExit)  # a reported problem, not a traceback
    assert expected in flat(r.output) and "✗ frictionless" in r.output


def test_release_refuses_a_package_with_an_invalid_descriptor(package_copy, runner, tmp_path):
    _edit_descriptor(package_copy, _license_without_name_or_path)
    dist = tmp_path / "dist"
    r = runner.invoke(app, ["release", "--package", str(package_copy), "--out", str(dist)])
    assert r.exit_code == 1, r.output
    said = flat(r.output)
    assert "fails `jianghua validate`" in said and "license" in said and "nothing released" in said
    assert not dist.exists() or not list(dist.iterdir())


def test_validate_reports_a_descriptor_that_is_not_json(package_copy, runner):
    (package_copy / "datapackage.json").write_text('{"resources": [', "utf-8")
    r = runner.invoke(app, ["validate", str(package_copy)])
    assert r.exit_code == 1 and isinstance(r.exception, SystemExit), r.output
    assert "not a JSON descriptor" in flat(r.output)
