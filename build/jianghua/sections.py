"""Stage structure: the heading tree of a cleaned speech (ANNOTATION.md §2).

``find_sections(text, simplified)`` returns one row per section, sorted by
``char_start``: an optional preamble (text before the first heading), the
numbered headings, and an optional closing (the final 同志们… remarks).
Spans partition the text: every character after the preamble belongs to one
top-level section, a parent's span covers its children.

How a heading is recognized, in words (the patterns are rules/markers.yaml):

* A section starts at the beginning of a paragraph with an ordinal marker.
  An enumerator inside a paragraph (……。一是……。二是……) does not.
* Level follows nesting, not marker style: the first style met is level 1,
  a different style met inside it level 2, and so on. A style already open
  on the stack closes everything below it and continues its own list.
* Ordinals must follow on: a new style starts at 1, a known one continues
  at its last number + 1 (a restart at 1, or a gap where a heading was lost,
  is accepted for a paragraph-start marker). That keeps body paragraphs that
  merely start with a number (a stray 3、 under a （一） list) out of the tree.
* A paragraph opening 一是 that itself goes on with 二是 is a run of
  enumerators in body text, not a heading, nor is a paragraph continuing
  that run. But when the list's first item runs on after a lead-in sentence
  (……主要措施是：一是……。) and the next items open paragraphs, those are
  sections (the literal rule: a marker opening a paragraph).
* Two conventions of Chinese official writing override pure nesting, for
  outlines whose upper headings carry no marker (rules/markers.yaml):
  一、 is always level 1 (top_styles), and a （一） list never nests inside
  a run of 一是/一要 paragraphs (never_inside).
* Repairs of scraping faults that survive cleaning:
  - a short heading glued after the final 。 of the previous paragraph
    (……落实落地。二是要坚持问题导向。) starts a section when it continues a
    list of real headings in earlier paragraphs;
  - a heading line glued to its first child's heading with no space
    (三、加快补齐短板（一）补齐……。) is split at the child's bracketed marker.
* The closing is the last paragraph opening 同志们 (or another cue) among
  the final few paragraphs, after the last heading and its body.
* An appendix after the speech (名词解释, 附件, 注：…, in the second half of
  the text) ends the outline: its numbered entries are not sections.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .markers import Marker, last_sentence_start, match_marker, section_rules

MAX_LEVEL = 5  # schemas/sections.yaml: level 1–5


@dataclass
class _Cand:
    pos: int
    marker: Marker
    para: int
    kind: str  # start | glued | child | inline (inline: never a heading, kept for the run checks)
    accepted: bool = False
    level: int = 0
    ordinal: int = 0
    path: str = ""
    parent_path: str | None = None
    head_end: int = 0
    children: int = 0
    child: "_Cand | None" = field(default=None, repr=False)


def _paragraphs(simplified: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for piece in simplified.split("\n"):
        end = start + len(piece)
        if piece.strip():
            out.append((start, end))
        start = end + 1
    return out


def _first_sentence_end(s: str, start: int, end: int) -> int:
    """The first sentence end, or a run of two or more spaces: a heading and its
    body on one raw line, parted only by the body's indent (……任务　　省委…)."""
    ends = section_rules()["sentence_end"]
    for i in range(start, end):
        if s[i] in ends or (s[i].isspace() and i + 1 < end and s[i + 1].isspace()):
            return i
    return end


@lru_cache(maxsize=None)
def _one_of(chars: str) -> re.Pattern[str]:
    return re.compile("[" + "".join(map(re.escape, chars)) + "]")


def _candidates(s: str, paras: list[tuple[int, int]]) -> list[_Cand]:
    """Every marker that could matter, in text order, each tagged with its kind."""
    rules = section_rules()
    lead = rules["sentence_end"] + rules["after_sentence_end"] + "：:，,"
    out: list[_Cand] = []
    for pi, (ps, pe) in enumerate(paras):
        while ps < pe and s[ps].isspace():  # any indent: U+3000, U+2003 (em space) …
            ps += 1
        # glued heading: the paragraph's last sentence is a marker plus a short sentence
        glued_at = None
        k = last_sentence_start(s, ps, pe)
        if k > ps:
            m = match_marker(s, k)
            tail_end = pe
            while tail_end > k and s[tail_end - 1] in rules["heading_trim"]:
                tail_end -= 1
            if m and tail_end - k - len(m.text) <= rules["glued_heading_max_chars"]:
                glued_at = k
        first_end = _first_sentence_end(s, ps, pe)
        opener = match_marker(s, ps)

        def first_child(i: int, m: Marker) -> bool:
            # 三、加快补齐短板（一）补齐……: a bracketed 1 inside the opener's first sentence
            return (opener is not None and m.number == 1 and m.style != opener.style
                    and m.style in rules["inline_child_styles"]
                    and ps + len(opener.text) + rules["inline_child_min_chars"] <= i < first_end)

        if opener is not None:
            out.append(_Cand(ps, opener, pi, "start"))
        # only positions after punctuation or at a bracket can hold a marker: find them in C
        # rather than looking at every character of the paragraph
        after_lead = [m.end() for m in _one_of(lead).finditer(s, ps, pe - 1)]
        brackets = [m.start() for m in _one_of("（(").finditer(s, ps + 1, min(pe, first_end))]
        for i in sorted(set(after_lead).union(brackets)) if brackets else after_lead:
            if s[i - 1] in lead:  # after punctuation: an enumerator in running text, or a repair
                m = match_marker(s, i)
                if m is not None:
                    kind = "glued" if i == glued_at else "child" if first_child(i, m) else "inline"
                    out.append(_Cand(i, m, pi, kind))
            elif s[i] in "（(" and i < first_end:  # a child glued straight after a character
                m = match_marker(s, i)
                if m is not None and first_child(i, m):
                    out.append(_Cand(i, m, pi, "child"))
    return out


class _Tree:
    """The open path of the outline while walking the candidates in order."""

    def __init__(self) -> None:
        self.stack: list[_Cand] = []
        self.top_count = 0
        self.last: dict[tuple[str, int], _Cand] = {}  # latest occurrence of (style, number)

    def _place(self, c: _Cand) -> int | None:
        """The level ``c`` takes in the tree, or None when it is not a heading."""
        style, n = c.marker.style, c.marker.number
        prev = self.last.get((style, n - 1)) if n > 1 else None
        lead_in = False
        if prev is not None and not prev.accepted:
            # ……主要措施是：一是……。 ⏎ 二是……。 ⏎ 三是……: the list's first item runs on in a
            # paragraph of the same section, the items that open paragraphs are sections
            # (ANNOTATION.md §2). Any other predecessor in body text (……。一是……。二是…… in
            # one paragraph, or a paragraph continuing such a run) makes this one body text too.
            parent_start = self.stack[-1].pos if self.stack else -1
            if not (c.kind == "start" and prev.kind == "inline" and prev.pos > parent_start):
                return None
            lead_in = True
        if c.kind == "glued" and (prev is None or prev.para == c.para):
            return None  # only a list of real headings can be continued by a glued one
        depth = next((i for i, o in enumerate(self.stack) if o.marker.style == style), None)
        if depth is not None:
            last = self.stack[depth].marker.number
            if n == last + 1:
                return depth + 1
            if c.kind == "start" and (n == 1 or lead_in or (n > last + 1 and prev is None)):
                # a new list of the same style under the same parent (its first item may run on
                # in body text), or a skip: a heading of the list was lost in scraping
                return depth + 1
            return None
        if style in section_rules()["top_styles"] and (n == 1 or c.kind == "start"):
            return 1  # 一、 opens the outline (二、 when 一、 was lost), never nests in a list
        if n == 1:
            depth = len(self.stack)
            outer = section_rules()["never_inside"].get(style, [])
            while depth and self.stack[depth - 1].marker.style in outer:
                depth -= 1  # e.g. a （一） list after a run of 一是 paragraphs is their sibling
            return depth + 1 if depth < MAX_LEVEL else None
        if lead_in:
            return len(self.stack) + 1 if len(self.stack) < MAX_LEVEL else None
        if not self.stack and c.kind == "start" and prev is None:
            return 1  # the speech's first heading is not number 1 (its predecessor was lost)
        return None

    def offer(self, c: _Cand) -> None:
        level = self._place(c) if c.kind != "inline" else None
        if level is not None:
            del self.stack[level - 1:]
            parent = self.stack[-1] if self.stack else None
            if parent is None:
                self.top_count += 1
                c.ordinal = self.top_count
                c.path = str(c.ordinal)
            else:
                parent.children += 1
                c.ordinal = parent.children
                c.path = f"{parent.path}.{c.ordinal}"
                c.parent_path = parent.path
            c.level = level
            c.accepted = True
            self.stack.append(c)
        self.last[(c.marker.style, c.marker.number)] = c


def _run_on(same_para: list[_Cand], c: _Cand) -> bool:
    """A paragraph-start 一是 whose own paragraph goes on with 二是 (even as its short last sentence)."""
    return any(o.pos > c.pos and o.marker.style == c.marker.style and o.marker.number == c.marker.number + 1
               for o in same_para)


def find_sections(text: str, simplified: str) -> list[dict]:
    """The section rows of one cleaned speech, sorted by ``char_start`` (see module doc)."""
    assert len(text) == len(simplified)
    rules = section_rules()
    paras = _paragraphs(simplified)
    back = _back_matter(simplified, paras)
    cands = [c for c in _candidates(simplified, paras) if c.para < back]
    by_para: dict[int, list[_Cand]] = {}
    for c in cands:
        by_para.setdefault(c.para, []).append(c)
    tree = _Tree()
    for c in cands:
        same_para = by_para[c.para]
        if c.kind == "start" and _run_on(same_para, c):
            c.kind = "inline"
        if c.kind == "child":
            opener = same_para[0] if same_para[0].kind == "start" else None
            if opener is None or not opener.accepted or opener.child is not None:
                c.kind = "inline"
            else:
                opener.child = c
        tree.offer(c)
    heads = [c for c in cands if c.accepted]
    if not heads:
        return [_row("preamble", 1, 0, None, None, "0", None, 0, len(text))] if text.strip() else []

    # heading text: to the first sentence end, or to the glued child's marker
    for c in heads:
        pe = paras[c.para][1]
        hs = c.pos + len(c.marker.text)
        while hs < pe and simplified[hs].isspace():
            hs += 1
        he = _first_sentence_end(simplified, hs, pe)
        if c.child is not None and c.child.accepted:
            he = min(he, c.child.pos)
        c.head_end = he

    # closing: the last 同志们… paragraph after the last heading (and after its body)
    closing_start = None
    last = heads[-1]
    first_body_para = last.para + 1
    if _heading_fills_paragraph(simplified, last, paras):
        first_body_para += 1
    for pi in range(back - 1, max(first_body_para, back - rules["closing_max_paragraphs"]) - 1, -1):
        ps, pe = paras[pi]
        if simplified[ps:pe].lstrip().startswith(tuple(rules["closing_cues"])):
            closing_start = ps
            break

    end_of_all = closing_start if closing_start is not None else len(text)
    rows = []
    if heads[0].pos > 0 and text[:heads[0].pos].strip():
        rows.append(_row("preamble", 1, 0, None, None, "0", None, 0, heads[0].pos))
    for i, c in enumerate(heads):
        end = next((o.pos for o in heads[i + 1:] if o.level <= c.level), end_of_all)
        hs = c.pos + len(c.marker.text)
        heading = text[hs:c.head_end].strip().rstrip(rules["heading_trim"])
        rows.append(_row("heading", c.level, c.ordinal, text[c.pos:hs], heading or None, c.path, c.parent_path,
                         c.pos, end))
    if closing_start is not None:
        ordinal = tree.top_count + 1
        rows.append(_row("closing", 1, ordinal, None, None, str(ordinal), None, closing_start, len(text)))
    if rows[0]["char_start"] > 0:  # only white space before the first heading: it starts the text
        rows[0]["char_start"] = 0
    return rows


def _back_matter(s: str, paras: list[tuple[int, int]]) -> int:
    """Index of the first paragraph of an appendix after the speech (名词解释, 附件…,
    注：…), or len(paras). Its numbered entries (1.“两重”：是指…) are no sections;
    its text stays inside the last section's span. Only in the second half of the
    text: a speech may say 附件 in passing early on."""
    cues = tuple(section_rules()["back_matter_cues"])
    half = len(s) // 2
    for pi, (ps, pe) in enumerate(paras):
        if ps >= half and s[ps:pe].lstrip().startswith(cues):
            return pi
    return len(paras)


def _heading_fills_paragraph(s: str, c: _Cand, paras: list[tuple[int, int]]) -> bool:
    """The heading has no body in its own paragraph (a standalone or glued heading)."""
    pe = paras[c.para][1]
    rest = s[c.head_end:pe].strip().strip(section_rules()["heading_trim"]).strip()
    return not rest


def _row(kind, level, ordinal, marker, heading, path, parent_path, start, end) -> dict:
    return {"kind": kind, "level": level, "ordinal": ordinal, "marker": marker, "heading": heading,
            "path": path, "parent_path": parent_path, "char_start": start, "char_end": end}
