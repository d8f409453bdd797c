"""SIGKILL the build at random points: the published version and the root datapackage.json stay
intact and valid, and the next build succeeds."""
from __future__ import annotations

import json
import random
import shutil
import time

import pytest

import buildproc
from conftest import RAW
from jianghua.validate import validate_package

pytestmark = pytest.mark.reliability

V1, V2 = "9.0.0", "9.0.1"
KILLS = 8


def _valid(path) -> bool:
    report = validate_package(path, run_frictionless=False)
    return report.ok


def _run(*args, code=None) -> tuple[int, str, float]:
    t0 = time.monotonic()
    proc = buildproc.start(*args, code=code)
    out, err = proc.communicate(timeout=240)
    return proc.returncode, out + err, time.monotonic() - t0


def test_sigkill_at_random_points_never_breaks_the_published_package(tmp_path):
    snap = buildproc.snapshot(tmp_path / "code")
    root = tmp_path / "repo"
    raw1, raw2 = tmp_path / "raw1", tmp_path / "raw2"
    shutil.copytree(RAW, raw1)
    shutil.copytree(RAW, raw2)
    extra = sorted(RAW.iterdir())[0]
    (raw2 / "extra_copy.txt").write_bytes(extra.read_bytes())  # v2 has different data

    code, log, full = _run("--raw", str(raw1), "--root", str(root), "--version", V1, "--workers", "1", code=snap)
    assert code == 0, log
    v1_sums = (root / "datasets" / V1 / "SHA256SUMS").read_bytes()
    assert _valid(root / "datapackage.json")

    rng = random.Random(20261121)
    survived = 0
    # Kill points spread over the whole run: interpreter start, extract, cache writes, validate, publish.
    for i in range(KILLS):
        delay = full * (i + rng.random()) / KILLS
        proc = buildproc.start("--raw", str(raw2), "--root", str(root), "--version", V2, "--workers", "1", code=snap)
        time.sleep(delay)
        finished = proc.poll() is not None
        buildproc.kill_group(proc)
        survived += not finished
        desc = json.loads((root / "datapackage.json").read_text("utf-8"))
        assert desc["version"] in (V1, V2)
        assert _valid(root / "datapackage.json"), f"root descriptor broken after a kill at {delay:.2f}s"
        assert (root / "datasets" / V1 / "SHA256SUMS").read_bytes() == v1_sums
        if (root / "datasets" / V2).exists():  # a version folder is there whole, or not at all
            assert _valid(root / "datasets" / V2 / "datapackage.json")
    assert survived >= KILLS // 2, "the build finished before most kills: spread the kill points"

    code, log, _ = _run("--raw", str(raw2), "--root", str(root), "--version", V2, "--workers", "1", code=snap)
    assert code == 0, log
    assert json.loads((root / "datapackage.json").read_text("utf-8"))["version"] == V2
    assert _valid(root / "datapackage.json") and _valid(root / "datasets" / V1 / "datapackage.json")
    assert not list((root / "datasets").glob(".tmp-*")), "temporary folders of killed builds were left behind"
    print(f"crash safety: {survived} builds killed mid-run, previous version intact each time, rows lost 0")


def test_sigkill_during_an_out_build_leaves_the_old_package_or_the_new_one(tmp_path):
    snap = buildproc.snapshot(tmp_path / "code")
    out = tmp_path / "pkg"
    code, log, full = _run("--raw", str(RAW), "--out", str(out), "--root", str(tmp_path), "--workers", "1", code=snap)
    assert code == 0, log
    rng = random.Random(5)
    for i in range(3):
        proc = buildproc.start("--raw", str(RAW), "--out", str(out), "--root", str(tmp_path), "--workers", "1",
                               code=snap)
        time.sleep(full * (0.5 + 0.5 * rng.random()))
        buildproc.kill_group(proc)
        assert _valid(out), "the --out package is damaged after a kill"
    code, log, _ = _run("--raw", str(RAW), "--out", str(out), "--root", str(tmp_path), "--workers", "1", code=snap)
    assert code == 0, log
    assert not list(tmp_path.glob(".pkg.tmp-*")) and not list(tmp_path.glob(".pkg.old-*"))
