"""Running ``pipeline.process_file`` over many files: serially, in a process pool, or on Dask.

``process_file(source_file, data)`` is pure (bytes in, rows out), so where it
runs cannot change what it returns. This module only decides *where*:

- ``workers == 1``: in this process;
- ``workers > 1``: a local process pool (``--workers N``);
- ``engine == "dask"``: a Dask distributed cluster (``--engine dask``): the
  scheduler named by ``DASK_SCHEDULER_ADDRESS``, else a LocalCluster of
  ``workers`` single-threaded processes (docs/SCALING.md).

Whatever the engine, files are read here (the I/O edge), their bytes are
shipped to a worker, and results come back **in sorted file order**, so the
package is the same for any N and any engine. At most a small window of files
is in flight, so memory does not grow with the size of the corpus.

The cache (``<root>/.jianghua-cache/``) keys one file's result by the file's
path, its sha256 and the *code version*: a hash of every source, rules and
schema file of the package. Any change to code or rules starts a new cache;
a changed raw file misses only its own entry. Entries are pickles written to
a temporary name and renamed into place, so a crash never leaves half an
entry; an entry that cannot be read is treated as a miss. The cache holds
only what the build itself wrote: never point ``--root`` at a folder others
can write into (a pickle runs code when loaded).
"""
from __future__ import annotations

import hashlib
import multiprocessing
import os
import pickle
import shutil
import stat
import sys
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import ingest, pipeline
from .pipeline import FileRows

CACHE_DIRNAME = ".jianghua-cache"
ENGINES = ("local", "dask")
_PICKLE_PROTOCOL = 5
# Source files whose bytes define what the pipeline computes.
_CODE_SUFFIXES = {".py", ".yaml", ".yml", ".tsv", ".csv", ".json", ".txt"}


def default_workers() -> int:
    """All cores this process may use (cgroup/affinity aware where the OS says)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


# ---------------------------------------------------------------- code version
@lru_cache(maxsize=1)
def code_version() -> str:
    """sha256 over the package's source, rules and data files and the table schemas.

    Derived from the files rather than ``__version__`` so that editing a rule
    or an extractor without bumping the version still invalidates the cache.
    """
    from . import schema

    return tree_digest({"pkg": Path(pipeline.__file__).resolve().parent, "schemas": schema._schema_dir()})


def tree_digest(folders: dict[str, Path]) -> str:
    """A short hash of every code-like file (by relative path and content) below the labelled folders.

    The Python minor version is part of it: pickles and ``str`` methods may
    differ between interpreters.
    """
    h = hashlib.sha256(f"python {sys.version_info.major}.{sys.version_info.minor}\n".encode())
    for label, base in sorted(folders.items()):
        if not base.is_dir():
            continue
        for path in sorted(p for p in base.rglob("*") if p.is_file() and p.suffix in _CODE_SUFFIXES
                           and "__pycache__" not in p.relative_to(base).parts):
            h.update(f"{label}/{path.relative_to(base).as_posix()}\0".encode())
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()[:20]


# ---------------------------------------------------------------- cache
@dataclass
class Stats:
    """What one run did; the benchmark and the CLI report it."""
    files: int = 0
    hits: int = 0
    misses: int = 0
    uncached: int = 0
    """Files that bypass the cache: skipped (not speech) files, symbolic links, folders, unreadable files."""
    bytes_in: int = 0
    hit_files: list[str] = field(default_factory=list, repr=False)
    miss_files: list[str] = field(default_factory=list, repr=False)


class Cache:
    """One folder per code version; one pickle per (path, sha256) inside it."""

    def __init__(self, root: Path, version: str | None = None, prune: bool = True):
        self.version = version or code_version()
        self.base = Path(root) / CACHE_DIRNAME
        self.dir = self.base / self.version
        self.dir.mkdir(parents=True, exist_ok=True)
        if prune:  # entries of older code can never hit again
            for other in self.base.iterdir():
                if other.is_dir() and other.name != self.version and not other.name.startswith("."):
                    shutil.rmtree(other, ignore_errors=True)

    def _path(self, source_file: str, sha256: str) -> Path:
        key = hashlib.sha256(f"{source_file}\0{sha256}".encode()).hexdigest()
        return self.dir / key[:2] / f"{key}.pkl"

    def get(self, source_file: str, sha256: str) -> FileRows | None:
        path = self._path(source_file, sha256)
        try:
            blob = path.read_bytes()
        except OSError:
            return None
        try:
            rows = pickle.loads(blob)
        except Exception:  # a damaged entry is a miss, whatever pickle raises
            path.unlink(missing_ok=True)
            return None
        if not isinstance(rows, FileRows) or rows.source.get("sha256") != sha256 \
                or rows.source.get("source_file") != source_file:
            path.unlink(missing_ok=True)
            return None
        return rows

    def put(self, source_file: str, sha256: str, blob: bytes) -> None:
        """Store a pickled FileRows atomically (temporary file in the same folder, then rename)."""
        path = self._path(source_file, sha256)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(blob)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


# ---------------------------------------------------------------- the unit of work
def extract_blob(source_file: str, data: bytes) -> bytes:
    """What a worker runs: ``process_file``, its rows made Arrow (``tabulate``), pickled so the
    parent can both cache and load it."""
    return pickle.dumps(pipeline.tabulate(pipeline.process_file(source_file, data)), protocol=_PICKLE_PROTOCOL)


@dataclass
class _Job:
    """One file as the parent sees it: either already done (hit, refusal) or bytes to extract."""
    index: int
    source_file: str
    sha256: str | None = None
    data: bytes | None = None
    done: FileRows | None = None


def _read(raw_dir: Path, rel: str, exclude: Sequence[str] = ()) -> tuple[bytes | None, FileRows | None]:
    """Bytes of a plain speech file of acceptable size; anything else (files that are not speech files,
    links, folders, pipes, oversized or unreadable files) goes through ``pipeline.read_raw_file``
    unchanged, which decides how to list or refuse it. For a plain speech file ``read_raw_file`` is
    ``process_file(rel, bytes)``, which is what the workers run."""
    path = raw_dir / rel
    st = None
    if pipeline.skip_reason(rel, exclude) is None:
        try:
            st = path.lstat()
        except OSError:
            pass
    if st is not None and stat.S_ISREG(st.st_mode) and st.st_size <= ingest.MAX_FILE_BYTES:
        try:
            data = path.read_bytes()
        except OSError:
            data = None
        if data is not None and len(data) <= ingest.MAX_FILE_BYTES:
            return data, None
    return None, pipeline.read_raw_file(raw_dir, rel, exclude)


def _jobs(raw_dir: Path, files: Iterable[str], cache: Cache | None, stats: Stats,
          exclude: Sequence[str] = ()) -> Iterator[_Job]:
    for index, rel in enumerate(files):
        stats.files += 1
        data, done = _read(raw_dir, rel, exclude)
        if done is not None:
            stats.uncached += 1
            yield _Job(index, rel, done=done)
            continue
        stats.bytes_in += len(data)
        sha = hashlib.sha256(data).hexdigest()
        if cache is not None:
            hit = cache.get(rel, sha)
            if hit is not None:
                stats.hits += 1
                stats.hit_files.append(rel)
                yield _Job(index, rel, sha, done=hit)
                continue
        stats.misses += 1
        stats.miss_files.append(rel)
        yield _Job(index, rel, sha, data=data)


def _finish(job: _Job, blob: bytes, cache: Cache | None) -> FileRows:
    rows = pickle.loads(blob)
    if cache is not None and rows.source.get("sha256") == job.sha256:
        cache.put(job.source_file, job.sha256, blob)
    return rows


# ---------------------------------------------------------------- executors
class _Serial:
    def submit(self, fn, *args):
        fut: Future = Future()
        fut.set_result(fn(*args))
        return fut

    def close(self) -> None:
        pass


class _Pool:
    """A process pool whose workers fork from a server that already imported the pipeline.

    forkserver, not fork: the CLI runs a progress-bar thread, and forking a
    threaded process can deadlock; spawn would re-import everything per worker.
    """

    def __init__(self, workers: int):
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["jianghua.pipeline", "jianghua.runner", "jianghua.warmup"])
        self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx)

    def submit(self, fn, *args):
        return self.pool.submit(fn, *args)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class _Dask:
    """Dask distributed: the cluster at DASK_SCHEDULER_ADDRESS, or a LocalCluster of ``workers`` processes."""

    def __init__(self, workers: int, address: str | None = None):
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # an optional engine: say what to install
            raise RuntimeError("--engine dask needs the 'distributed' package: pip install distributed") from exc
        address = address or os.environ.get("DASK_SCHEDULER_ADDRESS")
        self.cluster = None
        if address:
            self.client = Client(address)
        else:
            self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                        dashboard_address=None, silence_logs=40)
            self.client = Client(self.cluster)
        # Rows are cached under *this* process's code version: a worker running
        # other code (an old install on one node) would poison the cache.
        theirs = self.client.run(code_version)
        stale = sorted(w for w, v in theirs.items() if v != code_version())
        if stale:
            self.close()
            raise RuntimeError(f"Dask workers {stale} run another jianghua (code version differs from "
                               f"{code_version()}): install the same checkout on every worker")
        self._n = 0

    def submit(self, fn, *args):
        self._n += 1
        # pure=False: keys need not hash the bytes; results are not shared between runs anyway
        return self.client.submit(fn, *args, pure=False, key=f"jianghua-file-{self._n}")

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def _executor(engine: str, workers: int, address: str | None):
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, not {engine!r}")
    if engine == "dask":
        return _Dask(workers, address)
    return _Pool(workers) if workers > 1 else _Serial()


# ---------------------------------------------------------------- the run
def run(raw_dir: Path, files: Iterable[str] | None = None, *, workers: int | None = None,
        cache_root: Path | None = None, engine: str = "local", address: str | None = None,
        on_file: Callable[[str], None] | None = None, stats: Stats | None = None,
        exclude: Sequence[str] = ()) -> Iterator[FileRows]:
    """Every file's rows, in the order of ``files`` (default: sorted raw files), whatever runs them.

    ``cache_root`` turns the cache on (``<cache_root>/.jianghua-cache``); None runs without it.
    """
    raw_dir = Path(raw_dir)
    files = pipeline.list_raw_files(raw_dir) if files is None else files
    workers = default_workers() if workers is None else max(1, int(workers))
    stats = stats if stats is not None else Stats()
    cache = Cache(cache_root) if cache_root is not None else None
    # Enough in flight to keep every worker busy while the parent reads and
    # hashes; bounded so results waiting for their turn stay few.
    window = 1 if workers == 1 and engine == "local" else 4 * workers
    pending: deque[tuple[_Job, Future | None]] = deque()
    ex = None
    try:
        for job in _jobs(raw_dir, files, cache, stats, exclude):
            if job.done is None and ex is None:
                ex = _executor(engine, workers, address)  # only when something must be extracted
            pending.append((job, None if job.done is not None else ex.submit(extract_blob, job.source_file, job.data)))
            job.data = None  # the executor holds the bytes now
            while len(pending) > window or pending and pending[0][1] is None:
                yield _emit(pending.popleft(), cache, on_file)
        while pending:
            yield _emit(pending.popleft(), cache, on_file)
    finally:
        if ex is not None:
            ex.close()


def _emit(item: tuple[_Job, Future | None], cache: Cache | None, on_file) -> FileRows:
    job, fut = item
    rows = job.done if fut is None else _finish(job, fut.result(), cache)
    if on_file:
        on_file(job.source_file)
    return rows
