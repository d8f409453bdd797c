"""Stage ingest on the encodings of the seed corpus (UTF-8, GBK, Big5, UTF-16)."""
from __future__ import annotations

import codecs

from conftest import RAW
from jianghua.ingest import decode

SEED = (RAW / "000_dde374de83923996.txt").read_text("utf-8")
TRAD_SEED = (RAW / "002_1d14376f1af869e4.txt").read_text("utf-8")


def test_utf8_with_and_without_bom():
    assert decode(SEED.encode("utf-8")).encoding == "utf-8"
    d = decode(codecs.BOM_UTF8 + SEED.encode("utf-8"))
    assert (d.encoding, d.text) == ("utf-8-sig", SEED)


def test_gbk_and_big5_copies_decode_to_the_same_text():
    assert decode(SEED.encode("gbk")).text == SEED
    big5_text = TRAD_SEED.encode("big5", errors="ignore").decode("big5")
    d = decode(big5_text.encode("big5"))
    assert (d.encoding, d.text) == ("big5", big5_text)


def test_utf16_with_bom():
    d = decode(SEED.encode("utf-16"))
    assert (d.encoding, d.text) == ("utf-16", SEED)


def test_empty_and_binary_files_are_rejected_with_a_reason():
    assert "empty" in decode(b"").error
    assert "binary" in decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01").error
