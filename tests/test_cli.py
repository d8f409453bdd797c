"""The CLI end to end: build, validate, sql, info, on the shipped corpus and small corpora."""
from __future__ import annotations

import json
import shutil

import pyarrow.parquet as pq

from conftest import RAW
from jianghua.cli import app
from jianghua.publish import parquet_digests


def flat(output: str) -> str:
    """CLI output with rich's line wrapping undone, for matching messages."""
    return " ".join(output.split())


def test_build_writes_every_table_duckdb_descriptor_and_checksums(built_package):
    names = {p.name for p in built_package.iterdir()}
    for table in ("sources", "speeches", "sections", "metrics", "indicators", "entities", "deadlines"):
        assert f"{table}.parquet" in names
    assert {"jianghua.duckdb", "datapackage.json", "SHA256SUMS"} <= names
    desc = json.loads((built_package / "datapackage.json").read_text("utf-8"))
    assert desc["$schema"].endswith("/2.0/datapackage.json")
    assert len(desc["sources"]) == 5 and all(s["hash"].startswith("sha256:") for s in desc["sources"])
    res = {r["name"]: r for r in desc["resources"]}
    assert res["speeches"]["mediatype"] == "application/vnd.apache.parquet"
    assert res["speeches"]["bytes"] == (built_package / "speeches.parquet").stat().st_size


def test_every_seed_speech_is_found(built_package):
    speeches = pq.read_table(built_package / "speeches.parquet").to_pylist()
    per_file = {}
    for s in speeches:
        per_file[s["source_file"]] = per_file.get(s["source_file"], 0) + 1
    assert per_file == {"000_dde374de83923996.txt": 1, "001_792cc556aa004db2.txt": 6, "002_1d14376f1af869e4.txt": 2,
                        "003_04b9ebf8fd84f6fc.txt": 1, "004_177e88a12f372c66.txt": 1}


def test_validate_accepts_the_build_and_names_a_tampered_file(runner, package_copy):
    ok = runner.invoke(app, ["validate", str(package_copy)])
    assert ok.exit_code == 0, ok.output
    target = package_copy / "indicators.parquet"
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0x01
    target.write_bytes(bytes(data))
    bad = runner.invoke(app, ["validate", str(package_copy), "--no-frictionless"])
    assert bad.exit_code == 1
    assert "indicators" in flat(bad.output) and "sha256" in flat(bad.output)


def test_sql_answers_from_the_duckdb_file(runner, built_package):
    r = runner.invoke(app, ["sql", "select count(*) as n from speeches", "--format", "json",
                            "--package", str(built_package)])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout) == [{"n": 11}]
    bad = runner.invoke(app, ["sql", "select nope from speeches", "--package", str(built_package)])
    assert bad.exit_code == 2 and "query failed" in flat(bad.output)


def test_builds_are_byte_identical(runner, built_package, tmp_path):
    again = tmp_path / "again"
    assert runner.invoke(app, ["build", "--raw", str(RAW), "--out", str(again)]).exit_code == 0
    assert parquet_digests(again) == parquet_digests(built_package)


def test_publishing_is_versioned_and_never_overwrites(runner, tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    root = tmp_path / "repo"
    root.mkdir()
    first = runner.invoke(app, ["build", "--raw", str(raw), "--root", str(root), "--version", "1.0.0"])
    assert first.exit_code == 0, first.output
    descriptor = json.loads((root / "datapackage.json").read_text("utf-8"))
    assert descriptor["version"] == "1.0.0"
    assert descriptor["resources"][0]["path"].startswith("datasets/1.0.0/")
    before = parquet_digests(root / "datasets" / "1.0.0")
    again = runner.invoke(app, ["build", "--raw", str(raw), "--root", str(root), "--version", "1.0.0"])
    assert again.exit_code == 0 and "unchanged" in flat(again.output)
    (raw / "004_177e88a12f372c66.txt").unlink()
    refused = runner.invoke(app, ["build", "--raw", str(raw), "--root", str(root), "--version", "1.0.0"])
    assert refused.exit_code == 3 and "bump the version" in flat(refused.output)
    assert parquet_digests(root / "datasets" / "1.0.0") == before
    assert not [p for p in (root / "datasets").iterdir() if p.name.startswith(".")]
    newer = runner.invoke(app, ["build", "--raw", str(raw), "--root", str(root), "--version", "1.1.0"])
    assert newer.exit_code == 0
    assert json.loads((root / "datapackage.json").read_text("utf-8"))["version"] == "1.1.0"
    info = runner.invoke(app, ["info", "--root", str(root)])
    assert "1.0.0, 1.1.0" in flat(info.output) and "newest: 1.1.0" in flat(info.output)


def test_legacy_encodings_build_the_same_speeches_and_bad_files_are_rejected(runner, tmp_path):
    utf8 = (RAW / "000_dde374de83923996.txt").read_text("utf-8")
    trad = (RAW / "002_1d14376f1af869e4.txt").read_text("utf-8")
    trad = trad.encode("big5", errors="ignore").decode("big5")  # what a Big5 page can hold
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a_utf8.txt").write_text(utf8, encoding="utf-8")
    (raw / "b_gbk.txt").write_bytes(utf8.encode("gbk"))
    (raw / "c_big5_utf8.txt").write_text(trad, encoding="utf-8")
    (raw / "d_big5.txt").write_bytes(trad.encode("big5"))
    (raw / "e_empty.txt").write_bytes(b"")
    (raw / "f_binary.txt").write_bytes(bytes(range(256)) * 4)
    out = tmp_path / "pkg"
    r = runner.invoke(app, ["build", "--raw", str(raw), "--out", str(out)])
    assert r.exit_code == 0, r.output
    sources = {s["source_file"]: s for s in pq.read_table(out / "sources.parquet").to_pylist()}
    assert sources["b_gbk.txt"]["encoding"] == "gb18030" and sources["d_big5.txt"]["encoding"] == "big5"
    assert sources["e_empty.txt"]["status"] == "rejected" and "empty" in sources["e_empty.txt"]["error"]
    assert sources["f_binary.txt"]["status"] == "rejected" and sources["f_binary.txt"]["error"]
    assert "rejected" in flat(r.output)
    speeches = pq.read_table(out / "speeches.parquet").to_pylist()
    by_file = {}
    for s in speeches:
        by_file.setdefault(s["source_file"], []).append((s["ordinal"], s["title"], s["text"]))
    assert by_file["a_utf8.txt"] == by_file["b_gbk.txt"]
    assert by_file["c_big5_utf8.txt"] == by_file["d_big5.txt"]


def test_a_missing_raw_folder_is_a_clear_error(runner, tmp_path):
    r = runner.invoke(app, ["build", "--raw", str(tmp_path / "nope"), "--out", str(tmp_path / "o")])
    assert r.exit_code == 2 and "does not exist" in flat(r.output)
