"""The committed dataset is what `jianghua build` makes from raw/ (a clone is a usable dataset)."""
from __future__ import annotations

import json

from conftest import REPO
from jianghua import __version__
from jianghua.publish import parquet_digests
from jianghua.validate import validate_package


def test_root_descriptor_points_at_the_newest_committed_version():
    desc = json.loads((REPO / "datapackage.json").read_text("utf-8"))
    assert desc["version"] == __version__, "bump the version and rebuild: `jianghua build`"
    for res in desc["resources"]:
        assert (REPO / res["path"]).exists()


def test_committed_parquet_files_equal_a_fresh_build(built_package):
    committed = REPO / "datasets" / __version__
    assert parquet_digests(committed) == parquet_digests(built_package), (
        "datasets/ is stale: code or raw/ changed without a rebuild; bump the version and run `jianghua build`")


def test_committed_package_validates():
    report = validate_package(REPO / "datapackage.json", run_frictionless=False)
    assert report.ok, report.problems
