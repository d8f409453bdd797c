"""Build and publish a careful user can trust: the validation gate, --out safety, skipped files, empty input,
--version; every refusal is a clear error that loses nothing."""
from __future__ import annotations

import hashlib
import json
import os
import threading

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import SPEECH_FILE
from jianghua import __version__, outdir, publish, runner as file_runner
from jianghua.cli import app


def flat(output: str) -> str:
    return " ".join(output.split())


def _digests(folder) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def _build(runner, *args):
    return runner.invoke(app, ["build", "--no-cache", "--workers", "1", *map(str, args)])


def _break_descriptor(monkeypatch) -> None:
    """Make the next build write a package whose descriptor misstates a file's sha256 (what validate checks)."""
    real = publish.descriptor

    def wrong_hash(*args, **kwargs):
        desc = real(*args, **kwargs)
        desc["resources"][1]["hash"] = "sha256:" + "0" * 64
        return desc
    monkeypatch.setattr(publish, "descriptor", wrong_hash)


# ---------------------------------------------------------------- the validation gate
def test_a_package_failing_validation_is_not_published_and_the_previous_version_stays(runner, raw, tmp_path,
                                                                                       monkeypatch):
    root = tmp_path / "repo"
    assert _build(runner, "--raw", raw, "--root", root, "--version", "1.0.0").exit_code == 0
    before = (root / "datapackage.json").read_bytes()
    published = _digests(root / "datasets" / "1.0.0")
    _break_descriptor(monkeypatch)
    r = _build(runner, "--raw", raw, "--root", root, "--version", "1.1.0")
    assert r.exit_code == 2, r.output
    said = flat(r.output)
    assert "failed validation" in said and "nothing was published" in said and "the descriptor says" in said
    assert not (root / "datasets" / "1.1.0").exists()
    assert not list((root / "datasets").glob(".tmp-*"))
    assert (root / "datapackage.json").read_bytes() == before
    assert _digests(root / "datasets" / "1.0.0") == published


def test_an_out_build_failing_validation_leaves_the_previous_package_in_out(runner, raw, tmp_path, monkeypatch):
    out = tmp_path / "pkg"
    assert _build(runner, "--raw", raw, "--out", out, "--root", tmp_path).exit_code == 0
    before = _digests(out)
    _break_descriptor(monkeypatch)
    r = _build(runner, "--raw", raw, "--out", out, "--root", tmp_path, "--version", "9.9.9")
    assert r.exit_code == 2 and "nothing was published" in flat(r.output)
    assert _digests(out) == before
    assert not list(tmp_path.glob(".pkg.tmp-*"))


def test_release_refuses_a_package_that_fails_validation(package_copy, runner, tmp_path):
    # An edited row with every hash recomputed: only the content checks of `validate` can tell.
    path = package_copy / "speeches.parquet"
    table = pq.read_table(path)
    rows = table.to_pylist()
    rows[0]["text"] += "此句为篡改。"
    publish.write_parquet(pa.Table.from_pylist(rows, schema=table.schema), path)
    desc = json.loads((package_copy / "datapackage.json").read_text("utf-8"))
    for res in desc["resources"]:
        f = package_copy / res["path"]
        res["bytes"], res["hash"] = f.stat().st_size, f"sha256:{publish.sha256_file(f)}"
    (package_copy / "datapackage.json").write_text(json.dumps(desc, ensure_ascii=False, indent=2) + "\n", "utf-8")
    names = sorted(p.name for p in package_copy.iterdir() if p.name != "SHA256SUMS")
    (package_copy / "SHA256SUMS").write_text(
        "".join(f"{publish.sha256_file(package_copy / n)}  {n}\n" for n in names), "utf-8")
    r = runner.invoke(app, ["release", "--package", str(package_copy), "--out", str(tmp_path / "dist")])
    assert r.exit_code == 1, r.output
    assert "fails `jianghua validate`" in flat(r.output) and "n_chars" in flat(r.output)
    assert not list((tmp_path / "dist").glob("*.zip"))


# ---------------------------------------------------------------- --out never removes what it did not write
def test_out_holding_unrelated_files_is_refused_and_they_survive(runner, raw, tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.docx").write_bytes(b"years of work")
    r = _build(runner, "--raw", raw, "--out", out, "--root", tmp_path)
    assert r.exit_code == 2
    assert "thesis.docx" in flat(r.output) and "did not write" in flat(r.output)
    assert (out / "thesis.docx").read_bytes() == b"years of work"
    assert [p.name for p in out.iterdir()] == ["thesis.docx"]


def test_a_previous_package_in_out_is_replaced(runner, raw, tmp_path):
    out = tmp_path / "pkg"
    assert _build(runner, "--raw", raw, "--out", out, "--root", tmp_path, "--version", "0.9.0").exit_code == 0
    r = _build(runner, "--raw", raw, "--out", out, "--root", tmp_path, "--version", "1.0.0")
    assert r.exit_code == 0, r.output
    assert json.loads((out / "datapackage.json").read_text("utf-8"))["version"] == "1.0.0"
    assert {p.name for p in out.iterdir()} == outdir.package_files()
    assert not [p for p in tmp_path.iterdir() if ".tmp-" in p.name or ".old-" in p.name]
    assert "targets" in r.output and "skipped files" in r.output


def test_out_holding_a_previous_package_plus_a_stray_file_is_refused(runner, raw, tmp_path):
    out = tmp_path / "pkg"
    assert _build(runner, "--raw", raw, "--out", out, "--root", tmp_path).exit_code == 0
    assert _build(runner, "--raw", raw, "--out", out, "--root", tmp_path, "--version", "0.9.0").exit_code == 0
    (out / "notes.txt").write_text("mine", "utf-8")
    r = _build(runner, "--raw", raw, "--out", out, "--root", tmp_path)
    assert r.exit_code == 2 and "notes.txt" in flat(r.output)
    assert (out / "notes.txt").read_text("utf-8") == "mine"


def test_a_sha256sums_does_not_vouch_for_files_a_build_never_writes(runner, raw, tmp_path):
    out = tmp_path / "downloads"
    out.mkdir()
    (out / "thesis.docx").write_bytes(b"years of work")
    (out / "SHA256SUMS").write_text(f"{hashlib.sha256(b'years of work').hexdigest()}  thesis.docx\n", "utf-8")
    r = _build(runner, "--raw", raw, "--out", out, "--root", tmp_path)
    assert r.exit_code == 2 and "thesis.docx" in flat(r.output)
    assert (out / "thesis.docx").read_bytes() == b"years of work"


def test_out_holding_package_file_names_without_a_jianghua_descriptor_is_refused(runner, raw, tmp_path):
    out = tmp_path / "other"
    out.mkdir()
    (out / "datapackage.json").write_text('{"name": "my-survey", "resources": []}\n', "utf-8")
    (out / "metrics.parquet").write_bytes(b"PAR1 my own table PAR1")
    r = _build(runner, "--raw", raw, "--out", out, "--root", tmp_path)
    assert r.exit_code == 2 and "no jianghua datapackage.json" in flat(r.output)
    assert (out / "metrics.parquet").read_bytes() == b"PAR1 my own table PAR1"
    assert json.loads((out / "datapackage.json").read_text("utf-8"))["name"] == "my-survey"


@pytest.mark.parametrize("where", ["inside raw", "raw itself", "holding raw", "repository root", "datasets",
                                   "a published version"])
def test_out_overlapping_the_raw_folder_or_the_repository_is_refused(runner, raw, tmp_path, where):
    out = {"inside raw": raw / "pkg", "raw itself": raw, "holding raw": tmp_path,
           "repository root": tmp_path / "repo", "datasets": tmp_path / "repo" / "datasets",
           "a published version": tmp_path / "repo" / "datasets" / "0.1.0"}[where]
    before = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))
    r = _build(runner, "--raw", raw, "--out", out, "--root", tmp_path / "repo")
    assert r.exit_code == 2, r.output
    assert "--out" in flat(r.output)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == before


# ---------------------------------------------------------------- non-speech files are skipped, and listed
def test_readme_manifest_and_excluded_files_are_listed_as_skipped_and_never_read(runner, raw, tmp_path):
    (raw / "README.md").write_text("# 语料说明\n本目录收录讲话稿。\n", "utf-8")
    (raw / "MANIFEST.tsv").write_text("file\tyear\nx.txt\t2024\n", "utf-8")
    (raw / "notes").mkdir()
    (raw / "notes" / "todo.txt").write_text("同志们：今天开会。\n", "utf-8")
    out = tmp_path / "pkg"
    r = _build(runner, "--raw", raw, "--out", out, "--root", tmp_path, "--exclude", "notes/*")
    assert r.exit_code == 0, r.output
    assert "skipped files" in r.output
    sources = {s["source_file"]: s for s in pq.read_table(out / "sources.parquet").to_pylist()}
    for name, why in (("README.md", "README*"), ("MANIFEST.tsv", "MANIFEST*"), ("notes/todo.txt", "notes/*")):
        s = sources[name]
        assert s["status"] == "skipped" and why in s["error"] and s["n_speeches"] == 0
        assert s["sha256"] == hashlib.sha256((raw / name).read_bytes()).hexdigest()
        assert s["bytes"] == (raw / name).stat().st_size
    assert sources[SPEECH_FILE.name]["status"] == "ok"
    speeches = pq.read_table(out / "speeches.parquet").to_pylist()
    assert {s["source_file"] for s in speeches} == {SPEECH_FILE.name}


def test_skipped_files_never_enter_the_cache_or_the_byte_accounting(raw, tmp_path):
    (raw / "README.md").write_text("# 语料说明\n", "utf-8")
    (raw / "LICENSE").write_text("CC-BY-4.0\n", "utf-8")
    for _ in range(2):  # the second run hits the cache for the speech file only
        stats = file_runner.Stats()
        rows = {fr.source["source_file"]: fr for fr in file_runner.run(raw, workers=1, cache_root=tmp_path,
                                                                       stats=stats)}
        assert stats.uncached == 2 and stats.hits + stats.misses == 1
        for name in ("README.md", "LICENSE"):
            assert rows[name].source["status"] == "skipped" and rows[name].ledger is None
    assert stats.hits == 1
    assert len(list((tmp_path / file_runner.CACHE_DIRNAME).rglob("*.pkl"))) == 1


def test_a_pipe_or_an_outside_link_with_a_skipped_name_is_refused_not_read(raw, tmp_path):
    os.mkfifo(raw / "data.csv")  # hashing it like a skipped file would hang the build
    secret = tmp_path / "secret.md"
    secret.write_text("私人笔记\n", "utf-8")
    os.symlink(secret, raw / "notes.md")
    rows = {}
    worker = threading.Thread(target=lambda: rows.update(
        (fr.source["source_file"], fr.source) for fr in file_runner.run(raw, workers=1)), daemon=True)
    worker.start()
    worker.join(60)
    assert not worker.is_alive(), "the build hung on a named pipe"
    assert rows["data.csv"]["status"] == "rejected" and "named pipe" in rows["data.csv"]["error"]
    assert rows["notes.md"]["status"] == "rejected" and "outside the raw folder" in rows["notes.md"]["error"]
    assert rows["notes.md"]["sha256"] != hashlib.sha256(secret.read_bytes()).hexdigest()


# ---------------------------------------------------------------- empty input
def test_an_empty_raw_folder_is_refused_unless_allowed(runner, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    r = _build(runner, "--raw", empty, "--out", tmp_path / "pkg", "--root", tmp_path)
    assert r.exit_code == 2 and "no speech found" in flat(r.output) and "--allow-empty" in flat(r.output)
    assert not (tmp_path / "pkg").exists()
    r = _build(runner, "--raw", empty, "--out", tmp_path / "pkg", "--root", tmp_path, "--allow-empty")
    assert r.exit_code == 0, r.output
    assert pq.read_table(tmp_path / "pkg" / "speeches.parquet").num_rows == 0


def test_input_where_every_file_is_rejected_is_refused(runner, tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "scan.txt").write_bytes(bytes(range(256)) * 40)
    (bad / "README.md").write_text("说明\n", "utf-8")
    r = _build(runner, "--raw", bad, "--out", tmp_path / "pkg", "--root", tmp_path)
    assert r.exit_code == 2, r.output
    assert "no speech found" in flat(r.output) and "1 rejected" in flat(r.output) and "1 skipped" in flat(r.output)
    assert not (tmp_path / "pkg").exists()


# ---------------------------------------------------------------- versions
def test_version_option_prints_the_version(runner):
    r = runner.invoke(app, ["--version"])
    assert r.exit_code == 0 and r.output.strip() == f"jianghua {__version__}"


@pytest.mark.parametrize("bad", ["1.2", "v1.2.3", "1.02.3", "latest", "1.2.3.4"])
def test_a_build_version_that_is_not_semver_is_refused_before_building(runner, raw, tmp_path, bad):
    r = _build(runner, "--raw", raw, "--root", tmp_path / "repo", "--version", bad)
    assert r.exit_code == 2 and "SemVer" in flat(r.output)
    assert not (tmp_path / "repo").exists()


@pytest.mark.parametrize("good", ["1.0.0", "0.3.0-rc.1", "2.1.0+build.5"])
def test_semver_versions_with_pre_release_and_build_parts_are_accepted(runner, raw, tmp_path, good):
    r = _build(runner, "--raw", raw, "--out", tmp_path / "pkg", "--root", tmp_path, "--version", good)
    assert r.exit_code == 0, r.output
    assert json.loads((tmp_path / "pkg" / "datapackage.json").read_text("utf-8"))["version"] == good
