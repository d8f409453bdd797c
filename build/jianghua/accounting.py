"""Accounting: proof that no text of an accepted file was lost on the way to speeches.

What is checked, precisely (issue 7). Let T be the text ingest returns for a
file (decoded characters, minus the ingest removals it records, plus the line
breaks it records adding) and L = T.splitlines(keepends=True) its lines.
A character is *visible* unless it is white space (str.isspace) or one of the
invisible padding characters cleaning strips (ZWSP, BOM): cleaning joins
lines and drops white space, so white space is the only thing it may remove.

1. Ingest:  decoded characters = len(T) - line breaks added + Σ removed
   (control characters, bidi marks, HTML markup… each with its count), and
   for an HTML page the removed markup pieces are disjoint and inside the page.
2. Lines:   every line of T with a visible character is in exactly one place:
   a speech's title line, a speech's body, or the furniture list (with a reason).
   Every other line is white space only.
3. Order:   for each speech, the visible characters of its body lines, in
   order, ARE the visible characters of its cleaned text (nothing dropped,
   nothing added, nothing reordered); its title_raw is its title line stripped.
4. Sum:     visible(T) = Σ visible(speech texts) + Σ visible(titles) + Σ visible(furniture).

So len(decoded file) = speech text + titles + furniture + white space + what
ingest removed (and recorded) - what it added. Any difference raises
AccountingError naming the file: a bug to fix, never a file to skip.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .ingest import Decoded
from .split import SplitResult

_INVISIBLE = re.compile(r"[\s\u200b\ufeff]+")


class AccountingError(RuntimeError):
    """Text of an accepted file went missing between ingest and the speech rows."""


def visible(s: str) -> str:
    return _INVISIBLE.sub("", s)


@dataclass
class Ledger:
    """Where every character of one accepted file went."""
    decoded_chars: int
    speech_chars: int = 0
    """Visible characters in speeches.text."""
    title_chars: int = 0
    furniture_chars: int = 0
    """Visible characters of recorded page-furniture lines."""
    white_space: int = 0
    """White space, line breaks included (dropped or rewritten by cleaning)."""
    ingest_removed: dict[str, int] = field(default_factory=dict)
    ingest_added: int = 0
    dropped_bytes: int = 0

    @property
    def balanced(self) -> bool:
        return self.decoded_chars == (self.speech_chars + self.title_chars + self.furniture_chars + self.white_space
                                      + sum(self.ingest_removed.values()) - self.ingest_added)


def account(source_file: str, decoded: Decoded, split: SplitResult, speech_texts: list[str]) -> Ledger:
    """Check that the speeches and furniture of ``split`` hold all of ``decoded.text``; raise if not."""
    def fail(msg: str) -> None:
        raise AccountingError(f"{source_file}: text lost between ingest and speeches: {msg} "
                              "(a pipeline bug, not a bad file: please report it with this file)")

    text = decoded.text or ""
    ledger = Ledger(decoded.decoded_chars, ingest_removed=dict(decoded.removed), ingest_added=decoded.added_breaks,
                    dropped_bytes=decoded.dropped_bytes)
    # 1. ingest
    if decoded.decoded_chars != len(text) - decoded.added_breaks + sum(ledger.ingest_removed.values()):
        fail(f"ingest decoded {decoded.decoded_chars} characters but kept {len(text)}, added "
             f"{decoded.added_breaks} and recorded {sum(ledger.ingest_removed.values())} as removed")
    end = 0
    for s, e, _ in decoded.markup:
        if not end <= s < e <= decoded.decoded_chars:
            fail(f"HTML markup piece {s}-{e} overlaps another or lies outside the page")
        end = e

    # 2. lines
    lines = text.splitlines(keepends=True)
    owner: dict[int, str] = {}

    def claim(number: int, who: str) -> None:
        if not 0 <= number < len(lines):
            fail(f"{who} claims line {number + 1}, which the file does not have")
        if number in owner:
            fail(f"line {number + 1} is both in {owner[number]} and in {who}")
        owner[number] = who

    if len(split.speeches) != len(speech_texts):
        fail(f"{len(split.speeches)} speeches were split but {len(speech_texts)} were cleaned")
    for sp, cleaned in zip(split.speeches, speech_texts):
        who = f"speech {sp.ordinal}"
        if sp.title_line is not None:
            claim(sp.title_line, f"{who} (title)")
            if visible(sp.title_raw) != visible(lines[sp.title_line]):
                fail(f"{who}: title_raw {sp.title_raw[:40]!r} is not line {sp.title_line + 1}")
            ledger.title_chars += len(visible(sp.title_raw))
        body = []
        for ln in sp.body:
            claim(ln.number, who)
            body.append(ln.text)
        # 3. order
        kept, cleaned_visible = visible("".join(body)), visible(cleaned)
        if kept != cleaned_visible:
            at = next((i for i, (a, b) in enumerate(zip(kept, cleaned_visible)) if a != b),
                      min(len(kept), len(cleaned_visible)))
            fail(f"{who}: the cleaned text differs from its body lines at visible character {at} "
                 f"(lines {kept[max(0, at - 10):at + 10]!r} vs text {cleaned_visible[max(0, at - 10):at + 10]!r})")
        ledger.speech_chars += len(cleaned_visible)
    for ln, reason in split.furniture:
        if not reason:
            fail(f"furniture line {ln.number + 1} has no recorded reason")
        claim(ln.number, f"furniture ({reason})")
        ledger.furniture_chars += len(visible(ln.text))
    for i, line in enumerate(lines):
        v = visible(line)
        if i not in owner and v:
            fail(f"line {i + 1} ({v[:30]!r}…) is in no speech and not recorded as furniture")
        ledger.white_space += len(line) - len(v)
    # 4. sum (also covers white space inside owned lines)
    if len(visible(text)) != ledger.speech_chars + ledger.title_chars + ledger.furniture_chars:
        fail(f"{len(visible(text))} visible characters in the file but {ledger.speech_chars} in speeches, "
             f"{ledger.title_chars} in titles and {ledger.furniture_chars} in furniture")
    if not ledger.balanced:
        fail(f"the ledger does not balance: {ledger}")
    return ledger
