"""Stage 1, ingest: bytes of one raw file → decoded text, or a reason to reject it.

Scraped speeches arrive as UTF-8 (with or without BOM), UTF-16, GB18030/GBK
or Big5. We decode strictly; when both GB18030 and Big5 decode a file we keep
the reading with more of the most common Chinese characters, because legacy
double-byte text is often valid in both and only one reading makes sense.
charset-normalizer was tried first and is both slower and less sure on short
Chinese files, so this small rule is ours.
"""
from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass

# The most frequent characters of Chinese prose, in both scripts. A correct
# decoding is full of them; a wrong double-byte decoding almost never is.
_COMMON = frozenset(
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里"
    "用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实"
    "這個們來為國會對說時後裡發經麼現當動還進樣與區開將設機業產總長點體"
)


@dataclass(frozen=True)
class Decoded:
    text: str | None
    encoding: str | None
    error: str | None


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _common_share(text: str) -> float:
    if not text:
        return 0.0
    return sum(ch in _COMMON for ch in text) / len(text)


def _looks_utf16_without_bom(data: bytes) -> str | None:
    """utf-16-le/-be when every other byte is mostly NUL (ASCII-heavy UTF-16) or
    when the text decodes to CJK-rich UTF-16; None otherwise."""
    if len(data) < 4 or len(data) % 2:
        return None
    even_nul = data[0::2].count(0) / (len(data) / 2)
    odd_nul = data[1::2].count(0) / (len(data) / 2)
    for codec, ok in (("utf-16-le", odd_nul > 0.3 and even_nul < 0.05), ("utf-16-be", even_nul > 0.3 and odd_nul < 0.05)):
        if ok:
            return codec
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _common_share(text) > 0.15:
            return codec
    return None


def decode(data: bytes) -> Decoded:
    """Decode a raw file, or say why it cannot be read as text."""
    if not data:
        return Decoded(None, None, "empty file (0 bytes): nothing to read")
    if data.startswith(codecs.BOM_UTF8):
        try:
            return Decoded(data[len(codecs.BOM_UTF8):].decode("utf-8"), "utf-8-sig", None)
        except UnicodeDecodeError as exc:
            return Decoded(None, None, f"starts with a UTF-8 byte order mark but is not valid UTF-8 (byte {exc.start + 3}): "
                                       "re-save the file as UTF-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return Decoded(data.decode("utf-16"), "utf-16", None)
        except UnicodeDecodeError:
            return Decoded(None, None, "starts with a UTF-16 byte order mark but is not valid UTF-16: re-save it as UTF-8")
    try:
        return Decoded(data.decode("utf-8"), "utf-8", None)
    except UnicodeDecodeError as exc:
        utf8_error = exc
    codec = _looks_utf16_without_bom(data)
    if codec:
        try:
            return Decoded(data.decode(codec), codec, None)
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        return Decoded(None, None, "binary file (contains NUL bytes and is not UTF-16 text): not a speech; "
                                   "remove it from the raw folder or convert it to UTF-8 text")
    readings = []
    for codec in ("gb18030", "big5"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        readings.append((_common_share(text), codec == "gb18030", codec, text))
    if readings:
        share, _, codec, text = max(readings)
        if share > 0.02:
            return Decoded(text, codec, None)
    return Decoded(None, None, f"not valid UTF-8 (bad byte at offset {utf8_error.start}) and not readable as "
                               "UTF-16, GB18030 or Big5 Chinese text: check the file's encoding and re-save it as UTF-8")
