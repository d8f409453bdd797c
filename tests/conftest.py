"""Shared fixtures: one build of the shipped corpus per test session."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "raw"
SHARED = REPO.parent / "shared"


# one speech file of raw/: small builds that the publish tests break on purpose
SPEECH_FILE = sorted(p for p in RAW.iterdir() if p.is_file())[-1]


@pytest.fixture()
def raw(tmp_path) -> Path:
    """A raw folder holding SPEECH_FILE alone."""
    folder = tmp_path / "raw"
    folder.mkdir()
    shutil.copy(SPEECH_FILE, folder)
    return folder


@pytest.fixture(scope="session")
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def built_package(tmp_path_factory, runner) -> Path:
    """raw/ built into a fresh folder with `jianghua build --out` (the CLI, end to end)."""
    from jianghua.cli import app

    out = tmp_path_factory.mktemp("pkg") / "package"
    result = runner.invoke(app, ["build", "--raw", str(RAW), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture()
def package_copy(built_package, tmp_path) -> Path:
    """A private copy of the built package a test may damage."""
    target = tmp_path / "package"
    shutil.copytree(built_package, target)
    return target


@pytest.fixture(scope="session")
def external_build() -> dict:
    """../shared/corpus/external (119 real work reports) built once per session: table name → Arrow table."""
    external = SHARED / "corpus" / "external"
    if not external.is_dir():
        pytest.skip(f"external corpus not found at {external}: these checks need ../shared/corpus/external")
    from jianghua.pipeline import build_tables

    return build_tables(external, workers=None)
