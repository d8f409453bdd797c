"""Hostile raw files: each is ingested correctly or rejected with an actionable reason, and the build finishes."""
from __future__ import annotations

import hashlib
import re

import pyarrow.parquet as pq
import pytest

import badcorpus
from jianghua import pipeline
from jianghua.cli import app
from jianghua.validate import validate_package

pytestmark = pytest.mark.reliability

_HIDDEN = re.compile("[\x00-\x08\x0e-\x1f\x7f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    expect = badcorpus.make(base / "raw", base / "outside")
    return base / "raw", expect


def test_every_entry_of_the_raw_folder_is_listed(hostile):
    raw, expect = hostile
    assert set(pipeline.list_raw_files(raw)) == set(expect)


def test_each_hostile_file_is_ingested_or_rejected_with_a_reason(hostile):
    raw, expect = hostile
    for rel, want in expect.items():
        fr = pipeline.read_raw_file(raw, rel)
        src = fr.source
        assert src["status"] == want.status, (rel, src)
        if want.status == "rejected":
            assert want.needle in src["error"], (rel, src["error"])
            assert not fr.speeches and src["n_speeches"] == 0
            assert src["bytes"] >= 0 and re.fullmatch("[0-9a-f]{64}", src["sha256"])
        else:
            assert src["error"] is None and fr.speeches, rel
            assert any(want.needle in s["text"] for s in fr.speeches), (rel, [s["text"][:80] for s in fr.speeches])
            assert fr.ledger is not None and fr.ledger.balanced, rel
            for s in fr.speeches:  # nothing invisible or markup-like reaches the published text
                assert not _HIDDEN.search(s["text"]) and not _HIDDEN.search(s["title_raw"]), rel
                assert "<p>" not in s["text"] and "首页" not in s["text"] and "广告" not in s["text"], rel


def test_the_too_large_file_is_hashed_whole_but_never_decoded(hostile):
    raw, _ = hostile
    fr = pipeline.read_raw_file(raw, "big_50mb.txt")
    assert fr.source["bytes"] == (raw / "big_50mb.txt").stat().st_size > badcorpus.BIG_BYTES - 1
    assert fr.source["sha256"] == hashlib.sha256((raw / "big_50mb.txt").read_bytes()).hexdigest()


def test_build_of_the_hostile_corpus_finishes_and_reports_why_files_were_rejected(hostile, runner, tmp_path):
    raw, expect = hostile
    out = tmp_path / "pkg"
    result = runner.invoke(app, ["build", "--raw", str(raw), "--out", str(out), "--no-cache", "--workers", "1",
                                 "--root", str(tmp_path)])
    assert result.exit_code == 0, result.output
    rejected = {k for k, v in expect.items() if v.status == "rejected"}
    assert f"rejected {len(rejected)} of {len(expect)} files" in result.output
    for reason in ("empty file", "binary file", "file too large", "symbolic link pointing outside the raw folder"):
        assert reason in result.output
    sources = {r["source_file"]: r for r in pq.read_table(out / "sources.parquet").to_pylist()}
    assert set(sources) == set(expect)
    assert {k for k, r in sources.items() if r["status"] == "rejected"} == rejected
    assert all(sources[k]["error"] for k in rejected)
    speeches = pq.read_table(out / "speeches.parquet").to_pylist()
    assert {s["source_file"] for s in speeches} == set(expect) - rejected
    report = validate_package(out, run_frictionless=False)
    assert report.ok, report.problems
