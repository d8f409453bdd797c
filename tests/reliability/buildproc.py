"""Run `jianghua build` in a child process of its own group (so a test can SIGKILL all of it)."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def snapshot(dest: Path) -> Path:
    """A frozen copy of the package and its schemas: builds compared with each other must
    run the same code even while the working tree is being edited."""
    shutil.copytree(REPO / "build" / "jianghua", dest / "build" / "jianghua",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "schemas", dest / "schemas")
    return dest / "build"


def env(code: Path | None = None) -> dict[str, str]:
    e = dict(os.environ)
    e["PYTHONPATH"] = os.pathsep.join(p for p in (str(code or REPO / "build"), e.get("PYTHONPATH")) if p)
    e["COLUMNS"] = "200"
    return e


def start(*args: str, code: Path | None = None) -> subprocess.Popen:
    cmd = [sys.executable, "-c", "from jianghua.cli import app; app()", "build", *args]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env(code),
                            start_new_session=True)


def kill_group(proc: subprocess.Popen) -> None:
    """SIGKILL the build and every process it started (workers), like a power cut of the job."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.communicate()
