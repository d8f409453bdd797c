"""Memory follows the largest file, not the corpus: files are read, processed and let go one by one."""
from __future__ import annotations

import tracemalloc

import pytest

import badcorpus
from conftest import RAW
from jianghua import runner

pytestmark = pytest.mark.reliability


def _peak_streaming(raw) -> int:
    """Peak Python memory while every file's rows stream past (consumed, not kept)."""
    tracemalloc.start()
    try:
        for rows in runner.run(raw, workers=1):
            del rows
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_ten_times_more_files_do_not_need_ten_times_the_memory(tmp_path):
    largest = max(RAW.iterdir(), key=lambda p: p.stat().st_size)
    small, large = tmp_path / "small", tmp_path / "large"
    for folder, n in ((small, 2), (large, 20)):
        folder.mkdir()
        (folder / "000_largest.txt").write_bytes(largest.read_bytes())
        for i in range(n):
            (folder / f"s{i:03d}.txt").write_text(badcorpus.SPEECH.replace("6.5", f"{i}.5"), encoding="utf-8")
    _peak_streaming(small)  # warm the caches (rules, lexicons) so they do not count
    few, many = _peak_streaming(small), _peak_streaming(large)
    assert many < few * 1.5 + (1 << 20), (few, many)


def test_a_50_mb_file_costs_about_its_own_size(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    chunk = (badcorpus.SPEECH * 100).encode("utf-8")
    with open(raw / "big.txt", "wb") as f:
        for _ in range(badcorpus.BIG_BYTES // len(chunk) + 1):
            f.write(chunk)
    size = (raw / "big.txt").stat().st_size
    peak = _peak_streaming(raw)
    assert peak < 2.2 * size, (peak, size)
