"""Two builds at once: the second is refused with a message naming the first; nothing is corrupted."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time

import pytest

import buildproc
from conftest import RAW
from jianghua import lock
from jianghua.cli import app
from jianghua.validate import validate_package

pytestmark = pytest.mark.reliability


def test_a_held_lock_refuses_a_second_holder_and_names_the_first(tmp_path):
    path = tmp_path / lock.LOCK_NAME
    with lock.build_lock(path):
        with pytest.raises(lock.BuildLocked, match=rf"pid {os.getpid()} on .* holds the build lock"):
            with lock.build_lock(path):
                pass
    with lock.build_lock(path):  # released on exit
        pass


def test_the_lock_dies_with_a_killed_holder(tmp_path):
    path = tmp_path / lock.LOCK_NAME
    code = ("import sys, time; from jianghua import lock\n"
            f"with lock.build_lock({str(path)!r}):\n    print('held', flush=True); time.sleep(60)\n")
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=buildproc.env(),
                            start_new_session=True)
    try:
        assert proc.stdout.readline().strip() == "held"
        with pytest.raises(lock.BuildLocked, match=f"pid {proc.pid}"):
            with lock.build_lock(path):
                pass
    finally:
        buildproc.kill_group(proc)
    with lock.build_lock(path):  # no stale lock after SIGKILL
        pass


def test_out_builds_lock_their_own_folder():
    a, b = lock.lock_path_for(".", None), lock.lock_path_for(".", "/tmp/x/pkg")
    assert a.name == ".jianghua.lock" and str(b) == "/tmp/x/.pkg.jianghua.lock"


def test_cli_build_refuses_while_another_build_holds_the_lock(runner, tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(sorted(RAW.iterdir())[-1], raw)
    with lock.build_lock(lock.lock_path_for(tmp_path)):
        result = runner.invoke(app, ["build", "--raw", str(raw), "--root", str(tmp_path), "--no-cache"])
    assert result.exit_code == 5, result.output
    said = " ".join(result.output.split())  # rich wraps long lines
    assert f"pid {os.getpid()}" in said and "holds the build lock" in said
    assert not (tmp_path / "datasets").exists() and not (tmp_path / "datapackage.json").exists()


def test_two_real_builds_at_once_publish_one_valid_package(tmp_path):
    snap = buildproc.snapshot(tmp_path / "code")
    root = tmp_path / "repo"
    procs = [buildproc.start("--raw", str(RAW), "--root", str(root), "--workers", "1", "--version", "9.1.0", code=snap)
             for _ in range(2)]
    results = []
    for p in procs:
        out, err = p.communicate(timeout=240)
        results.append((p.returncode, out + err))
    codes = sorted(c for c, _ in results)
    assert codes in ([0, 0], [0, 5]), results
    for code, log in results:
        if code == 5:
            said = " ".join(log.split())
            assert "holds the build lock" in said and "jianghua build pid" in said
    assert json.loads((root / "datapackage.json").read_text("utf-8"))["version"] == "9.1.0"
    assert validate_package(root / "datapackage.json", run_frictionless=False).ok
    assert not list((root / "datasets").glob(".tmp-*"))
