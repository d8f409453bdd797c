"""Stage 1, ingest: bytes of one raw file → decoded text, or a reason to reject it.

Scraped speeches arrive as UTF-8 (with or without BOM), UTF-16 (with or
without BOM), GB18030/GBK or Big5, sometimes as a saved HTML page, sometimes
cut off mid-character or pasted together from pages in two encodings. We
decode strictly; when both GB18030 and Big5 decode a file we keep the reading
with more of the most common Chinese characters, because legacy double-byte
text is often valid in both and only one reading makes sense.
charset-normalizer was tried first and is both slower and less sure on short
Chinese files, so this small rule is ours.

Nothing is dropped without a record: ``Decoded`` carries a ledger of what
ingest took out of the decoded characters (control characters, HTML markup,
an incomplete last character) and how many line breaks it added, so that
accounting.py can prove that no speech text was lost.
"""
from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Files larger than this are refused before they are read: a speech page is
# 10-200 KB; tens of MB is a dump or a wrong file, and reading it would make
# memory follow the worst file instead of the corpus (issue 7).
MAX_FILE_BYTES = 16 * 1024 * 1024
# A line longer than this is not prose (the longest real one, a whole report
# flattened to one line, is ~55k characters): a minified page or a data dump.
MAX_LINE_CHARS = 1_000_000

# The most frequent characters of Chinese prose, in both scripts. A correct
# decoding is full of them; a wrong double-byte decoding almost never is.
_COMMON = frozenset(
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里"
    "用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实"
    "這個們來為國會對說時後裡發經麼現當動還進樣與區開將設機業產總長點體"
)

# Characters removed from every text: C0/C1 control characters other than the
# line breaks and tabs that str.splitlines and clean.py understand (NUL and
# friends break CSV exports and terminals), bidirectional controls (RLM, RLO…:
# they carry nothing in Chinese and can make a row display other than it
# reads, "Trojan Source"), and byte order marks in mid-text (pasted files).
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f]")
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_STRAY_BOM = re.compile("[\ufeff\ufffe]")
# More control characters than this share of a text: a binary file that
# happens to decode, not a speech with a few stray bytes.
_BINARY_CONTROL_SHARE = 0.02

_HTML_START = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
                         re.IGNORECASE | re.DOTALL)
_HTML_BLOCK_TAG = re.compile(r"</?(?:p|div|br|td|tr|li|h[1-6])\b", re.IGNORECASE)


@dataclass(frozen=True)
class Decoded:
    text: str | None
    encoding: str | None
    error: str | None
    removed: tuple[tuple[str, int], ...] = ()
    """(what, how many characters) ingest took out of the decoded characters."""
    added_breaks: int = 0
    """Line breaks ingest inserted (where an HTML block element ended)."""
    decoded_chars: int = 0
    """Characters the bytes decoded to, before ingest removed or added any."""
    dropped_bytes: int = 0
    """Bytes of an incomplete last character (a file cut off mid-character)."""
    markup: tuple[tuple[int, int, str], ...] = field(default=(), repr=False)
    """For an HTML page: (start, end, kind) of every removed piece of the decoded page."""


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _common_share(text: str) -> float:
    if not text:
        return 0.0
    return sum(ch in _COMMON for ch in text) / len(text)


def _decode_prefix(data: bytes, codec: str) -> tuple[str, int]:
    """Strict decoding that forgives only an incomplete last character.

    Returns (text, number of trailing bytes left over); raises UnicodeDecodeError
    on any invalid byte elsewhere."""
    decoder = codecs.getincrementaldecoder(codec)(errors="strict")
    text = decoder.decode(data, final=False)
    return text, len(decoder.getstate()[0])


def _utf16_without_bom(data: bytes):
    """(text, codec, undecodable tail) when the bytes read as UTF-16 without a BOM, else None."""
    codec = _looks_utf16_without_bom(data)
    if codec:
        try:
            text, tail = _decode_prefix(data, codec)
            return text, codec, tail
        except UnicodeDecodeError:
            pass
    return None


def _looks_utf16_without_bom(data: bytes) -> str | None:
    """utf-16-le/-be when every other byte is mostly NUL (ASCII-heavy UTF-16) or
    when the text decodes to CJK-rich UTF-16; None otherwise."""
    data = data[: len(data) - len(data) % 2]  # a file cut off mid-unit
    if len(data) < 4:
        return None
    half = len(data) / 2
    even_nul = data[0::2].count(0) / half
    odd_nul = data[1::2].count(0) / half
    for codec, ok in (("utf-16-le", odd_nul > 0.3 and even_nul < 0.05),
                      ("utf-16-be", even_nul > 0.3 and odd_nul < 0.05)):
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


def _legacy_reading(data: bytes) -> tuple[str, str, int] | None:
    """The better of the GB18030 and Big5 readings: (text, codec, dropped tail bytes)."""
    readings = []
    for codec in ("gb18030", "big5"):
        try:
            text, tail = _decode_prefix(data, codec)
        except UnicodeDecodeError:
            continue
        readings.append((_common_share(text), codec == "gb18030", codec, text, tail))
    if readings:
        share, _, codec, text, tail = max(readings)
        if share > 0.02:
            return text, codec, tail
    return None


def _mixed_reading(data: bytes) -> tuple[str, str] | None:
    """A file pasted together from UTF-8 and GB18030/Big5 pages, decoded line by line.

    b"\\n" never occurs inside a multi-byte character of any of these codecs, so
    lines can be decoded on their own. Only taken when some non-ASCII lines are
    UTF-8 and others are not; a real GBK line is valid UTF-8 only by accident
    (and then only for a character or two)."""
    lines = data.split(b"\n")
    utf8: dict[int, str] = {}
    other: list[int] = []
    for i, raw in enumerate(lines):
        if raw.isascii():
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            other.append(i)
            continue
        if sum("\u4e00" <= ch <= "\u9fff" for ch in text) >= 2:
            utf8[i] = text
        else:
            other.append(i)
    if not utf8 or not other:
        return None
    reading = _legacy_reading(b"\n".join(lines[i] for i in other))
    if reading is None or reading[2]:
        return None
    _, codec, _ = reading
    out = []
    for i, raw in enumerate(lines):
        if i in utf8:
            out.append(utf8[i])
            continue
        try:
            out.append(raw.decode(codec))
        except UnicodeDecodeError:
            return None
    return "\n".join(out), f"mixed:utf-8+{codec}"


def _decode_bytes(data: bytes) -> tuple[str, str, int] | str:
    """bytes → (text, encoding, dropped tail bytes), or an error message."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            text, tail = _decode_prefix(data[len(codecs.BOM_UTF8):], "utf-8")
            return text, "utf-8-sig", tail
        except UnicodeDecodeError as exc:
            return (f"starts with a UTF-8 byte order mark but is not valid UTF-8 (bad byte at offset "
                    f"{exc.start + 3}): re-save the file as UTF-8")
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                text, tail = _decode_prefix(data[2:], codec)
                return text, "utf-16", tail
            except UnicodeDecodeError as exc:
                return (f"starts with a UTF-16 byte order mark but is not valid UTF-16 (bad code unit at offset "
                        f"{exc.start + 2}): re-save it as UTF-8")
    # ASCII-heavy UTF-16 without BOM is also valid UTF-8 (full of NULs): look first.
    if data.count(0) > len(data) // 8 and (reading := _utf16_without_bom(data)):
        return reading
    try:
        text, tail = _decode_prefix(data, "utf-8")
        return text, "utf-8", tail
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if reading := _utf16_without_bom(data):
        return reading
    if b"\x00" in data:
        return ("binary file (contains NUL bytes and is not UTF-16 text): not a speech; "
                "remove it from the raw folder or convert it to UTF-8 text")
    mixed = _mixed_reading(data)
    if mixed:
        return mixed[0], mixed[1], 0
    legacy = _legacy_reading(data)
    if legacy:
        return legacy
    line = data.count(b"\n", 0, utf8_error.start) + 1
    return (f"not valid UTF-8 (bad byte 0x{data[utf8_error.start]:02x} at offset {utf8_error.start}, line {line}) "
            "and not readable as UTF-16, GB18030 or Big5 Chinese text: check the file's encoding and re-save it as UTF-8")


# ---------------------------------------------------------------- HTML pages
class _PageText(HTMLParser):
    """Visible text of a saved web page, with every removed piece recorded.

    The stdlib parser is enough: it never raises on broken markup, keeps
    positions (getpos) so removed pieces can be recorded, and adds no
    dependency; BeautifulSoup/lxml would add a package for no gain here.
    Block elements end a line; script, style, title and page chrome (nav,
    header, footer, aside…) are dropped; whitespace runs collapse as a
    browser would (the ideographic space U+3000 is not HTML white space and stays).
    """

    # Not "head": its end tag may be omitted, which would hide the whole page.
    SKIP = frozenset({"script", "style", "title", "noscript", "template", "nav", "header", "footer",
                      "aside", "select", "button", "iframe", "svg", "object", "canvas"})
    BLOCK = frozenset({"p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
                       "tr", "td", "th", "table", "section", "article", "main", "blockquote", "pre", "hr",
                       "body", "html", "center", "form", "fieldset", "figure", "figcaption", "address"})
    VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source",
                      "track", "wbr", "param"})

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", page)]
        self.events: list[tuple[int, str | None]] = []  # (start offset, kept text or None for markup)
        self.skip_depth: list[str] = []
        self.pre = 0
        self.out: list[str] = []
        self.breaks = 0

    def _at(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _break(self) -> None:
        if self.out and not self.out[-1].endswith("\n"):
            self.out.append("\n")
            self.breaks += 1

    def handle_starttag(self, tag, attrs):
        self.events.append((self._at(), None))
        if tag in self.SKIP and tag not in self.VOID:
            self.skip_depth.append(tag)
        if tag == "pre":
            self.pre += 1
        if tag in self.BLOCK and not self.skip_depth:
            self._break()

    def handle_startendtag(self, tag, attrs):
        self.events.append((self._at(), None))
        if tag in self.BLOCK and not self.skip_depth:
            self._break()

    def handle_endtag(self, tag):
        self.events.append((self._at(), None))
        if tag in self.skip_depth:
            while self.skip_depth and self.skip_depth.pop() != tag:
                pass
        if tag == "pre" and self.pre:
            self.pre -= 1
        if tag in self.BLOCK and not self.skip_depth:
            self._break()

    def handle_data(self, data):
        if self.skip_depth:
            self.events.append((self._at(), None))
            return
        if not self.pre:
            data = re.sub(r"[ \t\r\n\f]+", " ", data)
            if self.out and self.out[-1].endswith(("\n", " ")):
                data = data.lstrip(" ")
        self.events.append((self._at(), data))
        if data:
            self.out.append(data)

    def _markup(self, *_):
        self.events.append((self._at(), None))

    handle_comment = handle_decl = handle_pi = unknown_decl = _markup

    def result(self) -> tuple[str, tuple[tuple[int, int, str], ...], int]:
        self.feed(self.page)
        self.close()
        starts = [s for s, _ in self.events] + [len(self.page)]
        markup = []
        entity_and_space = 0
        for (start, kept), end in zip(self.events, starts[1:]):
            if kept is None:
                if end > start:
                    markup.append((start, end, "html_markup"))
            else:
                entity_and_space += (end - start) - len(kept)
        # Text before the parser's first event (leading white space) counts as markup too.
        if self.events and self.events[0][0] > 0:
            markup.insert(0, (0, self.events[0][0], "html_markup"))
        return "".join(self.out), tuple(markup), entity_and_space


def looks_like_html(text: str) -> bool:
    head = text[:4096]
    return bool(_HTML_START.match(head)) or len(_HTML_BLOCK_TAG.findall(head)) >= 8


def html_to_text(page: str) -> tuple[str, tuple[tuple[int, int, str], ...], int, int]:
    """A web page → (visible text, removed markup pieces, characters saved by entities and
    white-space collapsing, line breaks added)."""
    parser = _PageText(page)
    text, markup, squeezed = parser.result()
    return text, markup, squeezed, parser.breaks


# ---------------------------------------------------------------- entry point
def decode(data: bytes) -> Decoded:
    """Decode a raw file, or say why it cannot be read as text."""
    if not data:
        return Decoded(None, None, "empty file (0 bytes): nothing to read")
    if len(data) > MAX_FILE_BYTES:
        return Decoded(None, None, too_large(len(data)))
    got = _decode_bytes(data)
    if isinstance(got, str):
        return Decoded(None, None, got)
    text, encoding, dropped = got
    decoded_chars = len(text)
    if not text.strip():
        what = "only white space" if text else "only an incomplete character"
        return Decoded(None, encoding, f"no text: the file holds {what} ({len(data)} bytes); remove it or re-scrape the page")
    controls = len(_CONTROL.findall(text))
    if controls > max(8, _BINARY_CONTROL_SHARE * len(text)):
        return Decoded(None, encoding, f"binary file: {controls} of its {len(text)} characters are control characters "
                                       f"once read as {encoding}; not a speech: remove it or export it as text")
    removed: list[tuple[str, int]] = []
    markup: tuple[tuple[int, int, str], ...] = ()
    breaks = 0
    if looks_like_html(text):
        text, markup, squeezed, breaks = html_to_text(text)
        removed.append(("html_markup", sum(e - s for s, e, _ in markup)))
        removed.append(("html_entities_and_white_space", squeezed))
        encoding = f"{encoding}+html"
    for name, pattern in (("control_characters", _CONTROL), ("bidi_controls", _BIDI), ("stray_byte_order_marks", _STRAY_BOM)):
        text, n = pattern.subn("", text)
        removed.append((name, n))
    if not text.strip():
        return Decoded(None, encoding, "no visible text once markup and control characters are removed: "
                                       "not a speech page (an empty or script-only page?)")
    longest, where = _longest_line(text)
    if longest > MAX_LINE_CHARS:
        return Decoded(None, encoding, f"line {where} is {longest:,} characters long (limit {MAX_LINE_CHARS:,}): not "
                                       "prose but a data dump or minified page; break it into lines or remove it")
    return Decoded(text, encoding, None, tuple((k, n) for k, n in removed if n), breaks, decoded_chars, dropped, markup)


def _longest_line(text: str) -> tuple[int, int]:
    """(length, 1-based number) of the longest line, without splitting a huge text into a list."""
    best, best_no, start, no = 0, 1, 0, 1
    for m in re.finditer(r"\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]", text):
        if m.start() - start > best:
            best, best_no = m.start() - start, no
        start, no = m.end(), no + 1
    if len(text) - start > best:
        best, best_no = len(text) - start, no
    return best, best_no


def too_large(size: int) -> str:
    return (f"file too large: {size:,} bytes (limit {MAX_FILE_BYTES:,}); a speech page is well under 1 MB: "
            "split the file into one file per page, or remove it if it is not a speech")
