"""runner.py: the same rows whatever runs process_file (serial, process pool, Dask), and the file cache."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import RAW
from jianghua import pipeline, runner
from jianghua.cli import app
from jianghua.publish import parquet_digests


@pytest.fixture(scope="module")
def serial_rows() -> list[pipeline.FileRows]:
    return list(runner.run(RAW, workers=1))


@pytest.fixture()
def raw_copy(tmp_path) -> Path:
    target = tmp_path / "raw"
    shutil.copytree(RAW, target)
    return target


def test_serial_run_is_the_plain_loop_over_read_raw_file(serial_rows):
    files = pipeline.list_raw_files(RAW)
    assert [fr.source["source_file"] for fr in serial_rows] == files
    assert serial_rows == [pipeline.tabulate(pipeline.read_raw_file(RAW, rel)) for rel in files]


def test_process_pool_gives_the_same_rows_in_the_same_order(serial_rows):
    seen = []
    pooled = list(runner.run(RAW, workers=2, on_file=seen.append))
    assert pooled == serial_rows
    assert seen == pipeline.list_raw_files(RAW)  # progress reported once per file, in order


def test_build_tables_does_not_depend_on_workers():
    one = pipeline.build_tables(RAW, workers=1)
    two = pipeline.build_tables(RAW, workers=2)
    assert one == two


def test_cache_misses_then_hits_and_a_changed_file_misses_alone(raw_copy, tmp_path, serial_rows):
    root = tmp_path / "root"
    first = runner.Stats()
    assert list(runner.run(raw_copy, workers=1, cache_root=root, stats=first)) == serial_rows
    assert (first.hits, first.misses) == (0, 5)
    again = runner.Stats()
    assert list(runner.run(raw_copy, workers=2, cache_root=root, stats=again)) == serial_rows
    assert (again.hits, again.misses) == (5, 0)

    victim = pipeline.list_raw_files(raw_copy)[2]
    changed = (raw_copy / victim).read_bytes() + "\n各位代表，今年粮食产量增长2.5%。\n".encode()
    (raw_copy / victim).write_bytes(changed)
    third = runner.Stats()
    rows = list(runner.run(raw_copy, workers=1, cache_root=root, stats=third))
    assert (third.hits, third.misses, third.miss_files) == (4, 1, [victim])
    assert rows[2] == pipeline.tabulate(pipeline.process_file(victim, changed))
    assert not list(root.rglob(".tmp-*"))  # entries are renamed into place, never left half-written


def test_a_damaged_cache_entry_is_a_miss_and_is_rewritten(raw_copy, tmp_path, serial_rows):
    root = tmp_path / "root"
    list(runner.run(raw_copy, workers=1, cache_root=root))
    entries = sorted((root / runner.CACHE_DIRNAME).rglob("*.pkl"))
    assert len(entries) == 5
    entries[0].write_bytes(entries[0].read_bytes()[:100])  # a torn write from some other tool
    entries[1].write_bytes(b"")
    stats = runner.Stats()
    assert list(runner.run(raw_copy, workers=1, cache_root=root, stats=stats)) == serial_rows
    assert (stats.hits, stats.misses) == (3, 2)
    stats = runner.Stats()
    list(runner.run(raw_copy, workers=1, cache_root=root, stats=stats))
    assert stats.hits == 5


def test_an_entry_is_keyed_by_path_as_well_as_content(raw_copy, tmp_path):
    # speech ids hash the file's path: the same bytes under another name are other rows
    root = tmp_path / "root"
    list(runner.run(raw_copy, workers=1, cache_root=root))
    first = pipeline.list_raw_files(raw_copy)[0]
    shutil.copyfile(raw_copy / first, raw_copy / ("zz_" + first))
    stats = runner.Stats()
    rows = list(runner.run(raw_copy, workers=1, cache_root=root, stats=stats))
    assert stats.miss_files == ["zz_" + first]
    assert rows[-1].speeches.column("speech_id")[0] != rows[0].speeches.column("speech_id")[0]


def test_other_code_versions_are_pruned(tmp_path):
    base = tmp_path / runner.CACHE_DIRNAME
    (base / "old0version").mkdir(parents=True)
    (base / "old0version" / "x.pkl").write_bytes(b"stale")
    cache = runner.Cache(tmp_path, version="new1version")
    assert [p.name for p in base.iterdir()] == ["new1version"]
    assert cache.get("a.txt", "0" * 64) is None


def test_code_version_follows_any_rule_or_source_change(tmp_path):
    pkg = tmp_path / "pkg"
    (pkg / "rules").mkdir(parents=True)
    (pkg / "extract.py").write_text("PATTERN = 1\n")
    (pkg / "rules" / "units.yaml").write_text("亿元: 1e8\n")
    (pkg / "__pycache__").mkdir()
    (pkg / "__pycache__" / "extract.cpython-311.pyc").write_bytes(b"\0")
    before = runner.tree_digest({"pkg": pkg})
    (pkg / "__pycache__" / "extract.cpython-311.pyc").write_bytes(b"\1")  # compiled files do not count
    assert runner.tree_digest({"pkg": pkg}) == before
    (pkg / "rules" / "units.yaml").write_text("亿元: 100000000\n")
    after_rule = runner.tree_digest({"pkg": pkg})
    assert after_rule != before
    (pkg / "rules" / "units.yaml").rename(pkg / "rules" / "unit.yaml")  # a renamed file counts too
    assert runner.tree_digest({"pkg": pkg}) not in (before, after_rule)
    assert len(runner.code_version()) == 20 and runner.code_version() == runner.code_version()


def test_refused_files_bypass_the_cache_and_are_refused_as_before(raw_copy, tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("同志们：\n今年增长5%。\n", encoding="utf-8")
    os.symlink(outside, raw_copy / "link.txt")
    os.mkfifo(raw_copy / "pipe.txt")  # reading it would hang the build
    root = tmp_path / "root"
    for _ in range(2):
        stats = runner.Stats()
        rows = {fr.source["source_file"]: fr for fr in runner.run(raw_copy, workers=2, cache_root=root, stats=stats)}
        assert stats.uncached == 2 and stats.hits + stats.misses == 5
        for refused in ("link.txt", "pipe.txt"):
            assert rows[refused] == pipeline.read_raw_file(raw_copy, refused)
            assert rows[refused].source["status"] == "rejected"


def test_an_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="engine"):
        list(runner.run(RAW, workers=1, engine="spark"))


def test_cli_build_is_byte_identical_for_any_workers_and_with_the_cache(runner_cli, tmp_path):
    root = tmp_path / "root"
    outs = []
    for i, opts in enumerate((["--workers", "1", "--no-cache"], ["--workers", "2"], ["--workers", "2"])):
        out = tmp_path / f"out{i}"
        r = runner_cli.invoke(app, ["build", "--raw", str(RAW), "--out", str(out), "--root", str(root), *opts])
        assert r.exit_code == 0, r.output
        outs.append(parquet_digests(out))
    assert outs[0] == outs[1] == outs[2]
    assert (root / runner.CACHE_DIRNAME / runner.code_version()).is_dir()


@pytest.fixture()
def runner_cli(runner):
    return runner


@pytest.mark.slow
def test_dask_local_cluster_with_two_workers_gives_the_same_rows(serial_rows):
    pytest.importorskip("distributed")
    assert list(runner.run(RAW, workers=2, engine="dask")) == serial_rows
