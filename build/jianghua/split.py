"""Stage 2, split: the decoded text of one file → its speeches and its page furniture.

A speech starts at an explicit title line (第一篇：…, 篇二：…) or at a short
line naming a 讲话/报告 that is followed, past page furniture and repeated
titles, by a salutation (同志们：, 各位委员、同志们:, 各位代表：). Lines between
a title and its salutation that are all short are front matter: a table of
contents, a byline, a photo caption, breadcrumbs. A title-like line only starts
a new speech once the speech above has shown body text. Every line of the file ends up in exactly one place: a speech's title,
a speech's body, or the furniture list with the reason it was removed.
The patterns are data: rules/split.yaml.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

from .clean import strip_edges
from .markers import starts_heading



@dataclass(frozen=True)
class Line:
    number: int
    """0-based index of the line in the file."""
    text: str
    """The line as it stood, without its line break."""


@dataclass
class RawSpeech:
    ordinal: int
    title_raw: str
    title_line: int | None
    body: list[Line]
    furniture: list[tuple[Line, str]] = field(default_factory=list)
    """Page-furniture lines from this speech's stretch of the file, with the reason."""


@dataclass
class SplitResult:
    speeches: list[RawSpeech]
    furniture: list[tuple[Line, str]]
    """Every removed non-blank line of the file, with the reason."""


@dataclass(frozen=True)
class _Rules:
    explicit_title: re.Pattern[str]
    title_words: re.Pattern[str]
    title_max_chars: int
    opening: re.Pattern[str]
    opening_within_lines: int
    toc_line_max_chars: int
    furniture: tuple[tuple[str, re.Pattern[str]], ...]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    spec = yaml.safe_load(resources.files("jianghua").joinpath("rules/split.yaml").read_text("utf-8"))
    return _Rules(
        explicit_title=re.compile(spec["explicit_title"]),
        title_words=re.compile(spec["title_words"]),
        title_max_chars=spec["title_max_chars"],
        opening=re.compile(spec["opening"]),
        opening_within_lines=spec["opening_within_lines"],
        toc_line_max_chars=spec["toc_line_max_chars"],
        furniture=tuple((name, re.compile(p)) for name, p in spec["furniture"].items()),
    )


# Line kinds
BLANK, FURNITURE, EXPLICIT, TOC, TITLE, OPENING, TEXT = "blank", "furniture", "explicit", "toc", "title", "opening", "text"
_SENTENCE_END = tuple("。！？!?；;，,")


def classify(line: str) -> tuple[str, str | None]:
    """The kind of a raw line, and for furniture the reason."""
    rules = _rules()
    s = strip_edges(line)
    if not s:
        return BLANK, None
    for name, pattern in rules.furniture:
        if pattern.search(s):
            return FURNITURE, name
    m = rules.explicit_title.match(s)
    if m and strip_edges(m.group("rest")):
        return (TOC, None) if starts_heading(strip_edges(m.group("rest"))) else (EXPLICIT, None)
    if rules.opening.match(s):
        return OPENING, None
    if (len(s) <= rules.title_max_chars and rules.title_words.search(s)
            and not s.endswith(_SENTENCE_END) and not starts_heading(s)):
        return TITLE, None
    return TEXT, None


def _squash(s: str) -> str:
    return re.sub(r"[\s\u3000,，、]+", "", s)


def _is_title_fragment(line: str, title: str) -> bool:
    """A repeated title broken over lines: each piece is a substring of the title."""
    piece = _squash(line)
    return len(piece) >= 4 and piece in _squash(title)


def split_speeches(text: str) -> SplitResult:
    rules = _rules()
    raw_lines = text.splitlines()
    lines = [Line(i, t) for i, t in enumerate(raw_lines)]
    kinds = [classify(t) for t in raw_lines]
    n = len(lines)

    def opening_follows(i: int) -> bool:
        j, seen = i + 1, 0
        while j < n and seen < rules.opening_within_lines and kinds[j][0] in (BLANK, FURNITURE, TITLE):
            seen += kinds[j][0] != BLANK
            j += 1
        return j < n and kinds[j][0] == OPENING

    def has_body(a: int, b: int) -> bool:
        """Lines a..b-1 hold speech text: a salutation or a line too long for a title block."""
        return any(kinds[k][0] == OPENING or (kinds[k][0] == TEXT and len(strip_edges(raw_lines[k])) > rules.toc_line_max_chars)
                   for k in range(a, b))

    starts: list[int] = []
    first_content = next((i for i, (k, _) in enumerate(kinds) if k not in (BLANK, FURNITURE)), None)
    for i, (kind, _) in enumerate(kinds):
        if kind == EXPLICIT:
            starts.append(i)
        elif kind == TITLE and (opening_follows(i) or not starts and not has_body(first_content, i)):
            if not starts:
                # The first title of the file; breadcrumbs and page chrome above it are front matter.
                starts.append(i)
            elif has_body(starts[-1] + 1, i):
                starts.append(i)
            # else: a repeated title, a byline or a photo caption in the title block of the speech above
    if first_content is not None and (not starts and any(k == TEXT for k, _ in kinds)
                                      or starts and starts[0] > first_content and has_body(first_content, starts[0])):
        starts.insert(0, first_content)
    implicit_start = bool(starts) and kinds[starts[0]][0] not in (TITLE, EXPLICIT)

    furniture: list[tuple[Line, str]] = []
    owner: list[RawSpeech | None] = []  # speech each furniture entry belongs to
    speeches: list[RawSpeech] = []

    def drop(i: int, reason: str, speech: RawSpeech | None) -> None:
        furniture.append((lines[i], reason))
        owner.append(speech)

    # Furniture before the first speech belongs to it (发布时间 above a title).
    leading = [i for i in range(0, starts[0] if starts else n) if kinds[i][0] != BLANK]
    for si, s in enumerate(starts):
        e = starts[si + 1] if si + 1 < len(starts) else n
        has_title = not (si == 0 and implicit_start)
        speech = RawSpeech(0, strip_edges(lines[s].text) if has_title else "", s if has_title else None, [])
        idx = s + 1 if has_title else s
        # Repeated titles, chrome and a table of contents before the body.
        while idx < e and (kinds[idx][0] in (BLANK, FURNITURE, TITLE, TOC) or (
                has_title and kinds[idx][0] == TEXT and _is_title_fragment(raw_lines[idx], speech.title_raw))):
            idx += 1
        opening = next((k for k in range(idx, e) if kinds[k][0] == OPENING), None)
        toc_end = idx
        if opening is not None and opening > idx and all(
                len(strip_edges(raw_lines[k])) <= rules.toc_line_max_chars for k in range(idx, opening)):
            toc_end = opening
        for k in range(s + 1 if has_title else s, toc_end):
            kind, reason = kinds[k]
            if kind == BLANK:
                continue
            if k < idx:
                reason = reason or ("repeated_title" if kind in (TITLE, TEXT) else "front_matter")
            else:
                reason = "front_matter"
            drop(k, reason, speech)
        for k in range(toc_end, e):
            kind, reason = kinds[k]
            if kind == BLANK:
                continue
            if kind == FURNITURE:
                drop(k, reason or "furniture", speech)
            else:
                speech.body.append(lines[k])
        if speech.body:
            speeches.append(speech)
        else:
            if has_title:
                drop(s, "title_without_body", None)
            for k, (ln, reason) in enumerate(furniture):
                if owner[k] is speech:
                    owner[k] = None
    for i in leading:
        drop(i, kinds[i][1] or "front_matter", speeches[0] if speeches else None)

    for ordinal, speech in enumerate(speeches, start=1):
        speech.ordinal = ordinal
    for (ln, reason), sp in zip(furniture, owner):
        if sp is not None:
            sp.furniture.append((ln, reason))
    order = sorted(range(len(furniture)), key=lambda k: furniture[k][0].number)
    for speech in speeches:
        speech.furniture.sort(key=lambda item: item[0].number)
    return SplitResult(speeches, [furniture[k] for k in order])
