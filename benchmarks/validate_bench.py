"""How long `jianghua validate` takes next to the build it gates (aim: under a quarter of the build).

    .venv/bin/python benchmarks/validate_bench.py ../shared/corpus/external

Builds RAW into a temporary folder with `jianghua build --no-cache` (the build
itself runs the validation gate before publishing), then times
`jianghua validate` on the result, and prints both times and their ratio.
A script run on its own, never a timed unit test.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

JIANGHUA = [sys.executable, "-m", "jianghua.cli"]


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("raw", type=Path)
    ap.add_argument("--workers", type=int, default=None)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "package"
        build = ["build", "--raw", str(args.raw), "--out", str(out), "--root", tmp, "--no-cache"]
        if args.workers:
            build += ["--workers", str(args.workers)]
        build_s = timed(JIANGHUA + build)
        validate_s = timed(JIANGHUA + ["validate", str(out)])
    print(f"build {build_s:.1f} s (validation gate included), validate {validate_s:.1f} s, "
          f"ratio {validate_s / build_s:.2f} (aim < 0.25)")


if __name__ == "__main__":
    main()
