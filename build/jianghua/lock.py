"""One build at a time per output: an advisory lock (fcntl.flock) on a lock file.

flock, not a "lock file exists" convention: the kernel drops the lock when
the holder exits, however it exits (SIGKILL, power cut of a container), so
a crashed build never leaves a stale lock behind. The file itself is kept
(deleting it would let a third build lock a different inode); it holds the
holder's pid, host, start time and command so the refusal can name them.
"""
from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import socket
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_NAME = ".jianghua.lock"


class BuildLocked(RuntimeError):
    """Another build holds the lock."""


def lock_path_for(root: Path, out: Path | None = None) -> Path:
    """<root>/.jianghua.lock when publishing into root; next to ``out`` for --out builds,
    so builds into different folders do not wait for each other."""
    if out is None:
        return Path(root) / LOCK_NAME
    out = Path(out).resolve()
    return out.parent / f".{out.name}{LOCK_NAME}"


def _holder(fd: int) -> str:
    # The holder writes its details just after taking the lock: give it a moment to do so.
    for _ in range(40):
        try:
            info = json.loads(os.pread(fd, 4096, 0).decode("utf-8") or "{}")
        except (OSError, ValueError):
            info = {}
        if info.get("pid"):
            break
        time.sleep(0.025)
    else:
        return "another jianghua build"
    return (f"jianghua build pid {info['pid']} on {info.get('host', '?')}, started {info.get('started', '?')} "
            f"({info.get('command', '')})").replace(" ()", "")


@contextmanager
def build_lock(path: Path) -> Iterator[Path]:
    """Hold the lock at ``path`` for the duration of the block; raise BuildLocked at once if taken."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildLocked(
                f"{_holder(fd)} holds the build lock {path}: two builds at once could mix their outputs. "
                "Wait for it to finish and run the build again (the lock goes away with its process, "
                "even if it crashes).") from None
        info = {"pid": os.getpid(), "host": socket.gethostname(),
                "started": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
                "command": " ".join(["jianghua", *sys.argv[1:]])[:300]}
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(info).encode("utf-8"), 0)
        try:
            yield path
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
