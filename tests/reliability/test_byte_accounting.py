"""Accounting: every character of an accepted file is in a speech, a title, recorded furniture,
white space, or a recorded ingest removal; losing any text stops the build."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import RAW, SHARED
from jianghua import accounting, ingest, pipeline
from jianghua.accounting import AccountingError, account, visible
from jianghua.clean import clean_text
from jianghua.cli import app
from jianghua.split import split_speeches

pytestmark = pytest.mark.reliability

TEXT = ("发布时间：2024-03-01\n在全区重点项目推进会上的讲话\n来源：区政府办\n同志们：\n"
        "今天我们召开会议，\n  专题部署 重点项目 建设。\n\n一、聚焦目标\n全年计划完成投资150亿元。\n"
        "版权所有 某区人民政府\n")


def _split_and_clean(text: str):
    split = split_speeches(text)
    return split, [clean_text([ln.text for ln in sp.body]) for sp in split.speeches]


def test_ledger_of_a_speech_with_furniture_balances():
    d = ingest.decode(TEXT.encode("utf-8"))
    split, texts = _split_and_clean(d.text)
    ledger = account("x.txt", d, split, texts)
    assert ledger.balanced and ledger.furniture_chars > 0 and ledger.title_chars > 0
    assert ledger.speech_chars + ledger.title_chars + ledger.furniture_chars == len(visible(TEXT))
    assert ledger.decoded_chars == len(TEXT)


def test_every_seed_file_balances_through_process_file():
    for path in sorted(RAW.iterdir()):
        fr = pipeline.process_file(path.name, path.read_bytes())
        assert fr.ledger.balanced and fr.ledger.speech_chars > 0, path.name


def test_every_external_report_balances():
    """119 real government work reports (read only), through ingest → split → clean."""
    n = 0
    for path in sorted((SHARED / "corpus" / "external").rglob("*.txt")):
        d = ingest.decode(path.read_bytes())
        assert d.text is not None, (path, d.error)
        split, texts = _split_and_clean(d.text)
        assert account(path.name, d, split, texts).balanced
        n += 1
    assert n >= 100


def test_a_cleaning_step_that_drops_a_character_is_caught(monkeypatch):
    def lossy(lines):  # a bug that eats the last character of each speech
        return clean_text(lines)[:-1]
    monkeypatch.setattr(pipeline, "clean_text", lossy)
    data = (RAW / "000_dde374de83923996.txt").read_bytes()
    with pytest.raises(AccountingError, match="000_dde374de83923996.txt.*differs from its body lines"):
        pipeline.process_file("000_dde374de83923996.txt", data)


def test_a_split_that_forgets_a_line_is_caught():
    d = ingest.decode(TEXT.encode("utf-8"))
    split, texts = _split_and_clean(d.text)
    split.furniture.pop()  # the 版权所有 line is now nowhere
    with pytest.raises(AccountingError, match="line 10 .* is in no speech and not recorded as furniture"):
        account("x.txt", d, split, texts)


def test_a_line_claimed_twice_is_caught():
    d = ingest.decode(TEXT.encode("utf-8"))
    split, texts = _split_and_clean(d.text)
    split.furniture.append(split.furniture[0])
    with pytest.raises(AccountingError, match="line 1 is both in"):
        account("x.txt", d, split, texts)


def test_ingest_removing_text_without_recording_it_is_caught():
    d = ingest.decode(TEXT.encode("utf-8"))
    forged = ingest.Decoded(d.text.replace("150亿元", "亿元"), d.encoding, None, d.removed, d.added_breaks,
                            d.decoded_chars)
    split, texts = _split_and_clean(forged.text)
    with pytest.raises(AccountingError, match="ingest decoded"):
        account("x.txt", forged, split, texts)


def test_build_stops_and_publishes_nothing_when_text_is_lost(monkeypatch, runner, tmp_path):
    monkeypatch.setattr(pipeline, "clean_text", lambda lines: clean_text(lines).replace("经济", "", 1))
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(TEXT.replace("专题部署", "专题部署经济"), encoding="utf-8")
    out = tmp_path / "pkg"
    result = runner.invoke(app, ["build", "--raw", str(raw), "--out", str(out), "--no-cache", "--workers", "1",
                                 "--root", str(tmp_path)])
    assert result.exit_code == 4, result.output
    assert "a.txt" in result.output and "nothing was published" in result.output
    assert not out.exists()
