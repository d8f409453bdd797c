"""`jianghua release`: a zip a user can upload, with its checksums and a citation file."""
from __future__ import annotations

import hashlib
import json
import zipfile

import pytest
import yaml

from conftest import REPO
from jianghua.cli import app


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture(scope="module")
def released(built_package, tmp_path_factory, runner):
    dist = tmp_path_factory.mktemp("dist")
    r = runner.invoke(app, ["release", "--package", str(built_package), "--out", str(dist), "--root", str(REPO)])
    assert r.exit_code == 0, r.output
    return dist


def test_the_zip_holds_the_package_docs_citation_and_checksums(released, built_package):
    version = json.loads((built_package / "datapackage.json").read_text("utf-8"))["version"]
    zpath = released / f"jianghua-{version}.zip"
    digest, name = (released / f"{zpath.name}.sha256").read_text().split()
    assert name == zpath.name and digest == _sha(zpath.read_bytes())
    with zipfile.ZipFile(zpath) as zf:
        assert zf.testzip() is None
        names = zf.namelist()
        assert all(n.startswith(f"jianghua-{version}/") for n in names)
        members = {n.split("/", 1)[1]: zf.read(n) for n in names}
    for f in ("datapackage.json", "jianghua.duckdb", "indicators.parquet", "CITATION.cff", "SHA256SUMS"):
        assert f in members
    assert members["indicators.parquet"] == (built_package / "indicators.parquet").read_bytes()
    listed = dict(reversed(line.split("  ", 1)) for line in members["SHA256SUMS"].decode().splitlines())
    assert set(listed) == set(members) - {"SHA256SUMS"}
    assert all(_sha(members[n]) == d for n, d in listed.items())
    cff = yaml.safe_load(members["CITATION.cff"])
    assert cff["version"] == version and cff["cff-version"] == "1.2.0"
    assert {"message", "title", "authors"} <= set(cff) and cff["authors"]
    created = json.loads(members["datapackage.json"])["created"]
    assert str(cff["date-released"]) == created[:10]


def test_releasing_twice_gives_the_same_bytes(released, built_package, runner):
    (zpath,) = released.glob("*.zip")
    first = _sha(zpath.read_bytes())
    refused = runner.invoke(app, ["release", "--package", str(built_package), "--out", str(released)])
    assert refused.exit_code == 1 and "--force" in refused.output
    r = runner.invoke(app, ["release", "--package", str(built_package), "--out", str(released), "--root", str(REPO),
                            "--force"])
    assert r.exit_code == 0, r.output
    assert _sha(zpath.read_bytes()) == first


def test_a_damaged_package_is_not_released(package_copy, runner, tmp_path):
    target = package_copy / "entities.parquet"
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0x01
    target.write_bytes(bytes(data))
    r = runner.invoke(app, ["release", "--package", str(package_copy), "--out", str(tmp_path / "dist")])
    assert r.exit_code == 1 and "entities.parquet" in r.output and "sha256" in r.output
    assert not list((tmp_path / "dist").glob("*.zip"))


def test_the_repository_citation_file_is_valid_cff():
    cff = yaml.safe_load((REPO / "CITATION.cff").read_text("utf-8"))
    assert cff["cff-version"] == "1.2.0" and cff["type"] == "dataset"
    for key in ("message", "title", "authors", "license", "version"):
        assert cff.get(key), key
    assert all("name" in a or "family-names" in a for a in cff["authors"])
