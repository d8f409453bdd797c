"""The performance benchmark (run on its own, never as a unit test).

    .venv/bin/python benchmarks/bench.py [--scale-mb 100] [--workers N] [--workdir DIR] [--json FILE]

Corpora: (a) raw/, (b) ../shared/corpus/external/ (its .txt files), (c) a scale
corpus of --scale-mb megabytes made by benchmarks/make_scale_corpus.py (0: skip).
For each it prints

- characters per second of every stage of ``process_file`` (one core, timed
  by wrapping the stage functions the pipeline calls), and the ratio of each
  to a *floor* measured in the same run on the same files: read + decode + one
  compiled regex pass (how many times slower than just scanning the text);
- a full build in a child process (``--workers N``, no cache): seconds per stage
  (extract, assemble, validate, publish), extraction MB/s per core,
  peak memory (largest process and the sum over the process tree), output sizes;
- for the external corpus: the real ``jianghua build`` CLI cold, then warm
  after changing one raw file (the incremental rebuild: cache hits/misses).

Targets (issue 8, 2 cores): external end to end < 30 s; ≥ 1 MB of text/s/core;
one-file incremental rebuild of external < 5 s; peak memory < 1 GB at 100 MB.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXTERNAL = REPO.parent / "shared" / "corpus" / "external"
sys.path.append(str(REPO / "build"))  # when jianghua is not installed
sys.path.insert(0, str(Path(__file__).resolve().parent))

# The floor: what any extractor must at least pay, i.e. reading the file and
# one pass of one compiled regex (an indicator-like pattern) over its text.
FLOOR_PATTERN = re.compile(r"[0-9０-９]+(?:\.[0-9]+)?(?:%|％|个百分点|亿元|万元|万吨|万人)")


# ---------------------------------------------------------------- helpers
def mb(n: float) -> str:
    return f"{n / 1e6:,.1f} MB"


def folder_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def corpus_files(raw: Path) -> list[str]:
    from jianghua import pipeline
    return pipeline.list_raw_files(raw)


def copy_txt_tree(src: Path, dst: Path) -> Path:
    """The external corpus minus its README/MANIFEST, as a raw folder (symlinks out of raw/ are refused)."""
    if dst.exists():
        return dst
    tmp = dst.with_name(dst.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    for p in sorted(src.rglob("*.txt")):
        if p.name == "README.md":
            continue
        target = tmp / p.relative_to(src)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(p, target)
    tmp.rename(dst)
    return dst


# ---------------------------------------------------------------- stage profile (one core)
class StageTimer:
    """Wraps the stage functions ``pipeline`` calls so one serial pass times each of them."""

    def __init__(self):
        self.seconds: dict[str, float] = defaultdict(float)
        self._undo: list = []

    def wrap(self, owner, attr: str, stage: str, container: bool = False) -> None:
        orig = owner[attr] if container else getattr(owner, attr)
        seconds = self.seconds

        def timed(*a, **k):
            t = time.perf_counter()
            try:
                return orig(*a, **k)
            finally:
                seconds[stage] += time.perf_counter() - t
        if container:
            owner[attr] = timed
            self._undo.append(lambda: owner.__setitem__(attr, orig))
        else:
            setattr(owner, attr, timed)
            self._undo.append(lambda: setattr(owner, attr, orig))

    def __enter__(self):
        from jianghua import ingest, pipeline
        self.wrap(ingest, "decode", "ingest (decode)")
        self.wrap(pipeline, "split_speeches", "split")
        self.wrap(pipeline, "clean_text", "clean")
        self.wrap(pipeline, "detect_script", "script")
        self.wrap(pipeline, "to_simplified", "script")
        self.wrap(pipeline, "describe_speech", "metadata")
        self.wrap(pipeline, "resolve_admin_code", "metadata")
        self.wrap(pipeline, "find_sections", "sections")
        for table in list(pipeline.EXTRACTORS):
            self.wrap(pipeline.EXTRACTORS, table, f"extract {table}", container=True)
        self.wrap(pipeline, "_deepest_section", "rows (section of each item)")
        return self

    def __exit__(self, *exc):
        for undo in reversed(self._undo):
            undo()


def profile_stages(raw: Path, files: list[str], limit_bytes: int | None) -> dict:
    from jianghua import ingest, pipeline

    chosen, size = [], 0
    for rel in files:
        p = raw / rel
        if p.is_file() and not p.is_symlink():
            chosen.append(rel)
            size += p.stat().st_size
            if limit_bytes and size >= limit_bytes:
                break
    # the floor, same files
    t = time.perf_counter()
    chars = hits = 0
    for rel in chosen:
        text = ingest.decode((raw / rel).read_bytes()).text or ""
        chars += len(text)
        hits += sum(1 for _ in FLOOR_PATTERN.finditer(text))
    floor_s = time.perf_counter() - t
    # every stage, one core
    with StageTimer() as timer:
        t = time.perf_counter()
        for rel in chosen:
            pipeline.process_file(rel, (raw / rel).read_bytes())
        total = time.perf_counter() - t
    stages = dict(timer.seconds)
    stages["other (row building, ids)"] = max(0.0, total - sum(stages.values()))
    return {"files": len(chosen), "bytes": size, "chars": chars, "floor_s": floor_s, "floor_hits": hits,
            "total_s": total, "stages": stages}


def print_profile(name: str, prof: dict) -> None:
    chars, floor = prof["chars"], prof["floor_s"]
    floor_cps = chars / floor if floor else float("inf")
    print(f"\n[{name}] per-stage speed, one core ({prof['files']} files, {mb(prof['bytes'])}, {chars:,} chars)")
    print(f"  {'stage':<32}{'seconds':>9}{'chars/s':>16}{'× floor':>9}")
    print(f"  {'floor: read+decode+1 regex':<32}{floor:>9.3f}{floor_cps:>16,.0f}{1:>9.1f}")
    for stage, s in sorted(prof["stages"].items(), key=lambda kv: -kv[1]):
        cps = chars / s if s else float("inf")
        print(f"  {stage:<32}{s:>9.3f}{cps:>16,.0f}{s / floor if floor else 0:>9.1f}")
    total = prof["total_s"]
    print(f"  {'process_file, all stages':<32}{total:>9.3f}{chars / total:>16,.0f}{total / floor:>9.1f}"
          f"   = {prof['bytes'] / total / 1e6:.2f} MB/s of raw text per core")


# ---------------------------------------------------------------- full build in a child process
def build_child(args: argparse.Namespace) -> None:
    """What ``jianghua build --out`` does, with each stage timed; prints one JSON line."""
    from jianghua import publish, runner, validate
    from jianghua.pipeline import assemble

    t0 = time.perf_counter()
    stats = runner.Stats()
    times = {}
    t = time.perf_counter()
    # Streaming, as the CLI does: each file's rows become Arrow as they arrive.
    tables = assemble(runner.run(Path(args.raw), workers=args.workers, engine=args.engine, stats=stats,
                                 cache_root=Path(args.cache_root) if args.cache_root else None))
    times["extract + assemble"] = time.perf_counter() - t
    rss_extract = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    counts = {k: v.num_rows for k, v in tables.items()}
    chars = sum(tables["speeches"].column("n_chars").to_pylist())
    t = time.perf_counter()
    report = validate.check_tables(tables)
    times["validate"] = time.perf_counter() - t
    t = time.perf_counter()
    out = publish.publish_to_dir(tables, Path(args.out), "0.0.0-bench")
    times["publish"] = time.perf_counter() - t
    times["total"] = time.perf_counter() - t0
    print(json.dumps({"times": times, "counts": counts, "chars": chars, "bytes_in": stats.bytes_in,
                      "hits": stats.hits, "misses": stats.misses, "valid": report.ok,
                      "problems": report.problems[:5], "out": str(out),
                      "rss_self": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
                      "rss_self_after_extract": rss_extract,
                      "rss_children": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024}))


class TreeRss:
    """Samples the summed RSS of a process and its descendants (psutil, 20 Hz)."""

    def __init__(self, pid: int):
        self.peak = 0
        self._stop = threading.Event()
        try:
            import psutil
        except ImportError:
            self._thread = None
            return
        self._proc = psutil.Process(pid)
        self._psutil = psutil
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                procs = [self._proc] + self._proc.children(recursive=True)
                total = 0
                for p in procs:
                    try:
                        total += p.memory_info().rss
                    except self._psutil.Error:
                        pass
                self.peak = max(self.peak, total)
            except self._psutil.Error:
                break
            self._stop.wait(0.05)

    def stop(self) -> int:
        self._stop.set()
        if self._thread:
            self._thread.join()
        return self.peak


def run_child(raw: Path, out: Path, workers: int, engine: str = "local", cache_root: Path | None = None) -> dict:
    cmd = [sys.executable, __file__, "_build", "--raw", str(raw), "--out", str(out), "--workers", str(workers),
           "--engine", engine] + (["--cache-root", str(cache_root)] if cache_root else [])
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = TreeRss(proc.pid)
    stdout, stderr = proc.communicate()
    peak_tree = sampler.stop()
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"build of {raw} failed:\n{stderr[-3000:]}")
    result = json.loads(stdout.strip().splitlines()[-1])
    result.update(wall=wall, peak_tree=peak_tree)
    return result


def print_build(name: str, r: dict, workers: int, out: Path) -> None:
    t = r["times"]
    print(f"\n[{name}] full build, {workers} worker(s), no cache: {r['wall']:.1f} s wall "
          f"(incl. interpreter start), valid={r['valid']}")
    for stage in ("extract + assemble", "validate", "publish"):
        extra = ""
        if stage == "extract + assemble" and t[stage]:
            rate = r["bytes_in"] / t[stage]
            extra = (f"  {r['chars'] / t[stage]:,.0f} chars/s, {rate / 1e6:.2f} MB/s "
                     f"= {rate / 1e6 / workers:.2f} MB/s per core")
        print(f"  {stage:<22}{t[stage]:>8.2f} s{extra}")
    print(f"  {'total (in process)':<22}{t['total']:>8.2f} s")
    print(f"  peak memory: largest process {mb(max(r['rss_self'], r['rss_children']))} "
          f"(parent {mb(r['rss_self'])}, parent after extract {mb(r['rss_self_after_extract'])}); "
          f"sum over process tree {mb(r['peak_tree'])}")
    if not r["valid"]:
        print(f"  VALIDATION PROBLEMS: {r['problems']}")
    print("  rows: " + ", ".join(f"{k} {v:,}" for k, v in r["counts"].items()))
    sizes = sorted((p.name, p.stat().st_size) for p in out.iterdir() if p.is_file())
    print(f"  output {mb(sum(s for _, s in sizes))}: " + ", ".join(f"{n} {mb(s)}" for n, s in sizes))


# ---------------------------------------------------------------- the real CLI, cold and incremental
def cli_build(raw: Path, out: Path, root: Path, workers: int, extra: list[str] = ()) -> float:
    exe = Path(sys.executable).parent / "jianghua"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "jianghua.cli"]
    cmd += ["build", "--raw", str(raw), "--out", str(out), "--root", str(root), "--workers", str(workers), *extra]
    t = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    took = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stderr[-3000:]}")
    return took


def incremental(raw_src: Path, work: Path, workers: int) -> None:
    from jianghua import runner

    raw = work / "incremental-raw"
    shutil.rmtree(raw, ignore_errors=True)
    shutil.copytree(raw_src, raw)
    root = work / "incremental-root"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir()
    cold_nocache = cli_build(raw, work / "inc-out0", root, workers, ["--no-cache"])
    cold = cli_build(raw, work / "inc-out1", root, workers)
    warm = cli_build(raw, work / "inc-out2", root, workers)
    files = corpus_files(raw)
    victim = raw / files[len(files) // 2]
    victim.write_bytes(victim.read_bytes() + "\n同志们，今年全市地区生产总值增长6.5%，到2026年底前完成改造任务。\n".encode())
    cache = runner.Cache(root, prune=False)
    missing = [rel for rel in files
               if cache.get(rel, hashlib.sha256((raw / rel).read_bytes()).hexdigest()) is None]
    one = cli_build(raw, work / "inc-out3", root, workers)
    print(f"\n[external] the jianghua CLI, {workers} worker(s) (seconds, wall, incl. interpreter start)")
    print(f"  cold, --no-cache            {cold_nocache:6.2f} s")
    print(f"  cold, filling the cache     {cold:6.2f} s")
    print(f"  warm, nothing changed       {warm:6.2f} s")
    print(f"  one raw file changed        {one:6.2f} s   (re-extracted {len(missing)} of {len(files)} files: "
          f"{', '.join(missing)})")
    print(f"  cache size {mb(folder_bytes(root / runner.CACHE_DIRNAME))}")


# ---------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="jianghua performance benchmark")
    ap.add_argument("--scale-mb", type=float, default=100.0, help="size of the generated corpus (0: skip it)")
    ap.add_argument("--workers", type=int, default=None, help="processes for the builds (default: all cores)")
    ap.add_argument("--profile-mb", type=float, default=10.0,
                    help="profile stages on at most this many MB of each corpus (the build uses all of it)")
    ap.add_argument("--workdir", type=Path, default=None, help="keep corpora and outputs here (default: a temp dir)")
    ap.add_argument("--engine", default="local", choices=("local", "dask"))
    ap.add_argument("--json", type=Path, default=None, help="also write every figure as JSON")
    args = ap.parse_args(argv)

    from jianghua import runner

    workers = args.workers or runner.default_workers()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="jianghua-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"jianghua benchmark: {workers} worker(s) of {os.cpu_count()} cores, engine {args.engine}, "
          f"code version {runner.code_version()}, work dir {work}")
    corpora = [("raw", REPO / "raw")]
    if EXTERNAL.is_dir():
        corpora.append(("external", copy_txt_tree(EXTERNAL, work / "external-raw")))
    if args.scale_mb > 0:
        scale = work / f"scale-{args.scale_mb:g}mb"
        if not scale.exists():
            import make_scale_corpus
            t = time.perf_counter()
            tmp = scale.with_name(scale.name + ".tmp")
            shutil.rmtree(tmp, ignore_errors=True)
            n, size = make_scale_corpus.generate(tmp, args.scale_mb, [REPO / "raw", EXTERNAL], seed=0)
            tmp.rename(scale)
            print(f"generated {n} files, {mb(size)} in {time.perf_counter() - t:.1f} s: {scale}")
        corpora.append((f"scale {args.scale_mb:g} MB", scale))

    figures = {}
    for name, raw in corpora:
        files = corpus_files(raw)
        prof = profile_stages(raw, files, int(args.profile_mb * 1e6) if args.profile_mb else None)
        print_profile(name, prof)
        out = work / f"out-{name.split()[0]}"
        build = run_child(raw, out, workers, args.engine)
        print_build(name, build, workers, out)
        figures[name] = {"profile": prof, "build": build}
        if name == "external":
            incremental(raw, work, workers)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, default=str), encoding="utf-8")
    if args.workdir is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_build":
        ap = argparse.ArgumentParser()
        ap.add_argument("_build")
        ap.add_argument("--raw", required=True)
        ap.add_argument("--out", required=True)
        ap.add_argument("--workers", type=int, default=1)
        ap.add_argument("--engine", default="local")
        ap.add_argument("--cache-root", default=None)
        build_child(ap.parse_args())
    else:
        main()
