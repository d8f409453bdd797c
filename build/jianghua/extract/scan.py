"""Faster scanning with the rules' regexes, same matches (issue 8: speed).

Why: Python's ``re`` skips ahead in C only when a pattern *starts* with a
literal or a character class. Most rule patterns start with something optional
(``{REL}(?:{Y}年)?{CM}月``, ``[“"]?十…五``), so the engine tries the whole pattern
at every character of a speech: 20 such patterns cost more than all the rest
of an extractor.

What: :func:`fast` reads the pattern's parse tree for the set of characters a
match can start with, and compiles a *skipper* ``[F](?<=(?=P)[F])``: it starts
with the class ``F`` (so ``re`` jumps between candidate characters in C), and
the lookbehind asks whether ``P`` itself matches at that character. The match
itself then comes from ``P.match`` at that position, so groups, spans and the
order of matches are exactly those of ``P.finditer`` / ``P.search``.

When the analysis is unsure (a pattern that may match the empty string, a
negated class or ``.`` first, a backreference…) the wrapper simply uses ``P``.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

try:  # the parser of the re module: private, so any surprise means "no skipper"
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - other Python versions
    _c = _p = None

_CATEGORY_CLASS = {}
if _c is not None:
    _CATEGORY_CLASS = {_c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_NOT_DIGIT: r"\D", _c.CATEGORY_SPACE: r"\s",
                       _c.CATEGORY_NOT_SPACE: r"\S", _c.CATEGORY_WORD: r"\w", _c.CATEGORY_NOT_WORD: r"\W"}


def _first_items(seq) -> tuple[list | None, bool]:
    """Class items one of which starts any match of the node sequence ``seq``, and whether
    ``seq`` can match the empty string. ``None``: could start with anything (or unknown)."""
    out: list = []
    for op, av in seq:
        if op is _c.LITERAL:
            return out + [(_c.LITERAL, av)], False
        if op is _c.IN:
            if any(o is _c.NEGATE for o, _ in av):
                return None, False
            return out + list(av), False
        if op is _c.SUBPATTERN:
            if av[1] or av[2]:  # local flags (?i:…): the class would not follow them
                return None, False
            sub, empty = _first_items(av[3].data)
        elif op is _c.BRANCH:
            sub, empty = [], False
            for alt in av[1]:
                items, alt_empty = _first_items(alt.data)
                if items is None:
                    return None, False
                sub += items
                empty = empty or alt_empty
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            lo, _, body = av
            sub, empty = _first_items(body.data)
            empty = empty or lo == 0
        elif op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
            continue  # zero width: the next node still gives the first character
        else:  # ANY, NOT_LITERAL, GROUPREF, atomic groups, …: give up
            return None, False
        if sub is None:
            return None, False
        out += sub
        if not empty:
            return out, False
    return out, True


def _skips_already(seq) -> bool:
    """re skips ahead by itself when a pattern starts with a literal, a class or a
    choice of literals (re._compiler._compile_info): a skipper would only add calls."""
    while seq and seq[0][0] is _c.SUBPATTERN:
        seq = seq[0][1][3].data
    if not seq:
        return False
    op, av = seq[0]
    if op in (_c.LITERAL, _c.IN):
        return True
    return op is _c.BRANCH and all(alt.data and alt.data[0][0] is _c.LITERAL for alt in av[1])


def _class(items: list) -> str | None:
    parts = []
    for op, av in items:
        if op is _c.LITERAL:
            parts.append(re.escape(chr(av)))
        elif op is _c.RANGE:
            parts.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is _c.CATEGORY and av in _CATEGORY_CLASS:
            parts.append(_CATEGORY_CLASS[av])
        else:
            return None
    return "[" + "".join(dict.fromkeys(parts)) + "]"


@lru_cache(maxsize=None)
def _skipper(regex: re.Pattern[str]) -> re.Pattern[str] | None:
    if _p is None:
        return None
    try:
        tree = _p.parse(regex.pattern, regex.flags)
        if tree.getwidth()[0] == 0:  # an empty match would change how finditer advances
            return None
        if _skips_already(tree.data):
            return None
        items, empty = _first_items(tree.data)
        cls = _class(items) if items and not empty else None
        if cls is None:
            return None
        return re.compile(f"{cls}(?<=(?={regex.pattern}){cls})", regex.flags)
    except (re.error, AttributeError, TypeError, ValueError, RecursionError):
        return None


class Fast:
    """``regex`` with the same ``finditer`` / ``search`` / ``findall`` results, found faster."""
    __slots__ = ("regex", "pattern", "_skip")

    def __init__(self, regex: re.Pattern[str]):
        self.regex = regex
        self.pattern = regex.pattern
        self._skip = _skipper(regex)

    def finditer(self, s: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        end = len(s) if endpos is None else endpos
        if self._skip is None:
            yield from self.regex.finditer(s, pos, end)
            return
        skip, match = self._skip.search, self.regex.match
        # never empty (see _skipper), so the next match starts where this one ends, as in finditer
        while (hit := skip(s, pos, end)) is not None:
            m = match(s, hit.start(), end)
            yield m
            pos = m.end()

    def search(self, s: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        end = len(s) if endpos is None else endpos
        if self._skip is None:
            return self.regex.search(s, pos, end)
        hit = self._skip.search(s, pos, end)
        return None if hit is None else self.regex.match(s, hit.start(), end)

    def findall(self, s: str, pos: int = 0, endpos: int | None = None) -> list:
        if self._skip is None:
            return self.regex.findall(s, pos, len(s) if endpos is None else endpos)
        n = self.regex.groups
        return [m.group() if n == 0 else m.group(1) or "" if n == 1 else m.groups("")
                for m in self.finditer(s, pos, endpos)]


@lru_cache(maxsize=None)
def fast(regex: re.Pattern[str] | str) -> Fast:
    """The fast twin of ``regex`` (a compiled pattern or a pattern string), cached."""
    return Fast(re.compile(regex) if isinstance(regex, str) else regex)
