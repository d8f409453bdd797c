"""Deadlines: time expressions that bind a task to a future time (ANNOTATION.md §5).

    extract_deadlines(doc) -> list[dict]   one row per expression, sorted by span

The rules are data (rules/deadlines.yaml): expression families as regexes,
cue words that make a mention due / scheduled, and the contexts that make it
no deadline at all (past events, statistics periods, plan years). This module
only runs them, resolves the date and finds the task clause and who is charged.

Why our own rules and not JioNLP's time parser: measured on the dev answer
files (25 gold deadlines in 3 speeches), ``jionlp.ner.extract_time`` 1.5.31
found 18 of them and 76 other time expressions (P 0.19, R 0.72): it has no
notion of past vs. binding, and misses 一旬一调度, 一月一通报, X月底, “十四五”期末,
会后, “双节”期间, 节日期间; it also misreads 1-8月份 and 9、10月份 (CHINESE_NLP.md).
Every row would still need all of the cue logic below, and it costs 246 MB plus
a GPLv3 dependency that writes into site-packages. Our rules parse the few date
forms we accept; cn2an converts Chinese numerals on the extracted groups only.
"""
from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import cn2an
import yaml

from ..document import SpeechDoc
from .scan import fast

_MASK = re.compile(r"[Xx×*＊]")
_SENTENCE_END = "。！？；;!?\n"
_CLAUSE_END = _SENTENCE_END + "，,：:"
_RECURRENCE = {"天": "daily", "日": "daily", "周": "weekly", "星期": "weekly", "旬": "dekad", "月": "monthly",
               "季": "quarterly", "季度": "quarterly", "年": "yearly"}
_PART = {"底": "end", "末": "end", "初": "start", "上旬": "early", "中旬": "mid", "下旬": "late",
         "上中旬": "mid", "中下旬": "late"}
# the last day a part of a month allows (None: the month's last day)
_PART_LAST_DAY = {"start": 10, "early": 10, "mid": 20}


# ---------------------------------------------------------------- rules
@dataclass(frozen=True)
class Family:
    name: str
    regex: re.Pattern[str]
    kind: str
    bare: str = "keep"
    due_cues: tuple[str, ...] = ()
    sched_cues: tuple[str, ...] = ()
    needs_any: tuple[str, ...] = ()
    month: int | None = None
    part: str | None = None
    fixed_kind: bool = False
    cue_kind: str | None = None
    needs_routine: bool = False
    year_range: bool = False
    dateless: bool = False


@dataclass(frozen=True)
class Rules:
    families: tuple[Family, ...]
    blockers: tuple[re.Pattern[str], ...]
    cues: dict[str, re.Pattern[str]]
    resp: dict[str, re.Pattern[str]]


@lru_cache(maxsize=1)
def rules() -> Rules:
    spec = yaml.safe_load(resources.files("jianghua").joinpath("rules/deadlines.yaml").read_text("utf-8"))
    atoms = spec["atoms"]

    def expand(pattern: str) -> str:
        for key, value in atoms.items():
            pattern = pattern.replace("{" + key + "}", value)
        return pattern

    families = tuple(
        Family(name=f["name"], regex=re.compile(expand(f["pattern"])), kind=f["kind"], bare=f.get("bare", "keep"),
               due_cues=tuple(f.get("due_cues", ())), sched_cues=tuple(f.get("sched_cues", ())),
               needs_any=tuple(f.get("needs_any", ())), month=f.get("month"), part=f.get("part"),
               fixed_kind=bool(f.get("fixed_kind")), cue_kind=f.get("cue_kind"),
               needs_routine=bool(f.get("needs_routine")), year_range=bool(f.get("year_range")),
               dateless=bool(f.get("dateless")))
        for f in spec["families"])
    return Rules(families=families,
                 blockers=tuple(re.compile(expand(p)) for p in spec["blockers"]),
                 cues={k: re.compile(v) for k, v in spec["cues"].items()},
                 resp={k: re.compile(v) for k, v in spec["responsible"].items()})


# ---------------------------------------------------------------- text helpers
def _bounds(s: str, start: int, end: int, stops) -> tuple[int, int]:
    """The stretch around s[start:end] up to (not including) the nearest stop characters."""
    a = start
    while a > 0 and s[a - 1] not in stops:
        a -= 1
    b = end
    while b < len(s) and s[b] not in stops:
        b += 1
    return a, b


def _sentence_bounds(s: str, start: int, end: int) -> tuple[int, int]:
    return _bounds(s, start, end, _SENTENCE_END)


def _clause_bounds(s: str, start: int, end: int) -> tuple[int, int]:
    return _bounds(s, start, end, _CLAUSE_END)


def _number(text: str | None) -> int | None:
    """Digits, full-width digits or Chinese numerals → int; masks and blanks → None."""
    if not text or _MASK.search(text):
        return None
    text = unicodedata.normalize("NFKC", text)
    if text.isdigit():
        return int(text)
    try:
        return int(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError):
        return None


# ---------------------------------------------------------------- candidates
@dataclass
class Candidate:
    family: Family
    start: int
    end: int
    groups: dict[str, str | None]
    kind: str = ""


def _blocked_spans(s: str, r: Rules) -> list[tuple[int, int]]:
    return [m.span() for rx in r.blockers for m in fast(rx).finditer(s)]


def _overlaps(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(min(a[1], b[1]) > max(a[0], b[0]) for b in spans)


def _window_right(s: str, end: int, stop: int) -> str:
    """Rest of the clause after the expression plus the next clause, not past `stop`."""
    _, clause_end = _clause_bounds(s, end, end)
    if clause_end < len(s) and s[clause_end] not in _SENTENCE_END:
        _, clause_end = _clause_bounds(s, clause_end + 1, clause_end + 1)
    return s[end:min(clause_end, stop)]


def _first_marker(text: str, r: Rules) -> str | None:
    """'future' or 'past', whichever cue comes first in the text."""
    f, p = r.cues["future"].search(text), r.cues["past"].search(text)
    if f and (not p or f.start() < p.start()):
        return "future"
    return "past" if p else None


def _decide_kind(c: Candidate, s: str, next_start: int, r: Rules, year: int | None = None) -> str | None:
    """The row's kind, or None when the mention binds nothing (past, statistics, no cue)."""
    fam, g, cues = c.family, c.groups, r.cues
    clause_start, clause_end = _clause_bounds(s, c.start, c.end)
    sent_start, _ = _sentence_bounds(s, c.start, c.end)
    left = s[clause_start:c.start]
    right = s[c.end:clause_end]
    if fam.needs_any and not any(g.get(k) for k in fam.needs_any) and not any(
            cues[n].search(right if n.endswith("right") else left) for n in fam.due_cues):
        return None
    # contexts that rule out any deadline
    if cues["neg_left"].search(left) or cues["neg_clause_left"].search(left) or cues["neg_right"].search(right):
        return None
    if cues["past_sentence"].search(s[sent_start:c.start]):
        return None
    written_year = _number(g.get("year"))
    if written_year and year and written_year < year:  # a year before the speech is past
        return None
    if fam.year_range and (cues["year_range_left"].search(left) or cues["year_figure_right"].search(right)):
        return None
    if fam.kind == "recurring":
        if cues["rate_left"].search(s[max(0, c.start - 2):c.start]) or cues["rate_right"].search(right):
            return None
        if cues["recurring_past_left"].search(left):  # 城镇实行了每周五天工作制
            return None
        if fam.needs_routine and (cues["statistic"].search(left + right) or not (
                cues["routine"].search(s[sent_start:c.start]) or cues["routine"].search(right))):
            return None
        return "recurring"
    if fam.fixed_kind:
        return "due" if g.get("before") else fam.kind
    after = s[c.end:min(clause_end, next_start)]
    if g.get("before"):
        if cues["past"].match(after):  # 3月底前已完成
            return None
        return "due"
    # the rest of the clause tells of the past: 从7月份开始虽然…有所好转
    if _first_marker(after, r) == "past":
        return None
    # the clause reports figures of the period and asks nothing: 从8月份起逐月回落
    if cues["statistic"].search(left + right) and not cues["obligation"].search(s[sent_start:c.start] + right):
        return None

    def hit(names: tuple[str, ...]) -> bool:
        return any(cues[n].search(right if n.endswith("right") else left) for n in names)

    if hit(fam.due_cues):
        # a year reached in a narration of history: 到1956年，…又比1955年增加了
        if fam.year_range and _first_marker(_window_right(s, c.end, len(s)), r) == "past":
            return None
        return fam.cue_kind or "due"
    if hit(fam.sched_cues):
        # …but not when the sentence goes on to tell the past: 从7月份开始，虽然…有所好转
        if _first_marker(_window_right(s, c.end, next_start), r) == "past":
            return None
        return "scheduled"
    if fam.bare == "drop":
        return None
    if fam.bare == "future":
        return "scheduled" if _first_marker(_window_right(s, c.end, next_start), r) == "future" else None
    # bare keep: still not when the clause narrates a past event (9月中旬丰收在即, …召开了)
    if fam.kind in ("due", "scheduled") and _first_marker(_window_right(s, c.end, next_start), r) == "past":
        return None
    return fam.kind


def _candidates(s: str, r: Rules) -> list[Candidate]:
    blocked = _blocked_spans(s, r)
    found = []
    for fam in r.families:
        for m in fast(fam.regex).finditer(s):  # scan.py: same matches, skipping in C
            if m.end() > m.start() and not _overlaps(m.span(), blocked):
                found.append(Candidate(fam, m.start(), m.end(), m.groupdict()))
    return found


def _select(cands: list[Candidate]) -> list[Candidate]:
    """Non-overlapping, longest first (9月底前 beats 9月), then leftmost."""
    order = sorted(cands, key=lambda c: (-(c.end - c.start), c.start))
    chosen: list[Candidate] = []
    for c in order:
        if not _overlaps((c.start, c.end), [(x.start, x.end) for x in chosen]):
            chosen.append(c)
    return sorted(chosen, key=lambda c: (c.start, c.end))


# ---------------------------------------------------------------- dates
def _plan_end_year(numeral: str) -> int | None:
    """Last year of the n-th five-year plan: 十四五 → 2025 (valid from the 6th plan on)."""
    n = _number("十" + numeral)
    return 1955 + 5 * n if n and n >= 6 else None


def _speech_floor(s: str, year: int | None, r: Rules) -> dt.date | None:
    """A lower bound of the speech's date: the latest past event dated in its text.

    Only day-precise dates read as past (3月18日，…主持召开; 9月16日召开的) count:
    a deadline resolved to an earlier day must belong to the next year.
    """
    if year is None:
        return None
    best = None
    for m in re.finditer(r"(?<![\d年])(1[0-2]|0?[1-9])月([12]\d|3[01]|0?[1-9])[日号](?!前|之前|以前)", s):
        if _first_marker(_window_right(s, m.end(), len(s)), r) != "past" and not re.search(
                r"(?:截至|截止|自)$", s[max(0, m.start() - 3):m.start()]):
            continue
        try:
            d = dt.date(year, int(m.group(1)), int(m.group(2)))
        except ValueError:
            continue
        best = max(best, d) if best else d
    return best


def _resolve(c: Candidate, kind: str, year: int | None, floor: dt.date | None) -> dict:
    g, fam = c.groups, c.family
    row = {"due_year": None, "due_month": None, "due_day": None, "due_part": None, "due_date": None,
           "recurrence": None, "is_masked": False}
    if kind == "recurring":
        row["recurrence"] = _RECURRENCE[g["period"]]
        return row
    if kind == "duration" or fam.dateless:
        return row
    masked = any(g.get(k) and _MASK.search(g[k]) for k in ("year", "month", "day"))
    row["is_masked"] = bool(masked)
    explicit_year = _number(g.get("year"))
    rel = g.get("rel") or ""
    if g.get("plan"):
        explicit_year = _plan_end_year(g["plan"])
    if explicit_year is not None:
        y = explicit_year
    elif year is not None and not (g.get("year") and masked):
        y = year + 1 if rel.startswith(("明", "次")) else year
    else:
        y = None
    month = _number(g.get("month")) or _number(g.get("cmonth")) or fam.month
    part = _PART.get(g.get("part") or "") or fam.part
    if g.get("half"):
        month, part = (6 if g["half"] == "上半年" else 12), "end"
    if g.get("quarter"):
        q = _number(g["quarter"].lstrip("第"))
        # a quarter is not a month: only a task due within it gets the quarter's last month
        month = q * 3 if kind == "due" and q else None
        part = "end" if g.get("before") in ("末", "底") else None
        if kind != "due":
            part = None
    if kind == "scheduled" and g.get("half"):
        month, part = None, None
    if g.get("month") and _MASK.search(g["month"]):
        month = None
    day = _number(g.get("day"))
    row.update(due_year=y, due_month=month if month and 1 <= month <= 12 else None,
               due_day=day if day and 1 <= day <= 31 else None, due_part=part)
    row["due_date"] = _due_date(row)
    # never before the speech: a date before a past event of the text is next year's
    if row["due_date"] and floor and row["due_date"] < floor and explicit_year is None and not rel:
        row["due_year"] = y + 1
        row["due_date"] = _due_date(row)
    return row


def _due_date(row: dict) -> dt.date | None:
    y, m, d = row["due_year"], row["due_month"], row["due_day"]
    if y is None or m is None:
        return None
    last = calendar.monthrange(y, m)[1]
    if d is not None:
        return dt.date(y, m, min(d, last))
    return dt.date(y, m, min(_PART_LAST_DAY.get(row["due_part"], last), last))


# ---------------------------------------------------------------- task and responsible
def _task(s: str, text: str, start: int, end: int) -> str:
    """The clause holding the expression; when nothing follows the expression in
    it (市发改委要在4月底前，制定…), the next clause too."""
    a, b = _clause_bounds(s, start, end)
    rest = s[end:b].strip("之前以后内，, ")
    if len(rest) < 2 and b < len(s) and s[b] not in _SENTENCE_END:
        _, b = _clause_bounds(s, b + 1, b + 1)
    return text[a:b].strip()


def _subject(chunk: str, r: Rules, *, cut: bool = True) -> tuple[str, str | None]:
    """('agent', name) / ('pronoun', None) / ('anaphora', None) / ('none', None)."""
    rr = r.resp
    chunk = chunk.strip("“”\"' ")
    prev = None
    while prev != chunk:
        prev = chunk
        chunk = rr["strip_leading"].sub("", chunk)
        chunk = re.sub(f"^(?:{rr['charge_left'].pattern})", "", chunk)
    if "的" in chunk:
        chunk = chunk.rsplit("的", 1)[1]
    if cut:
        m = rr["subject_cut"].search(chunk, 1)
        if m:
            chunk = chunk[:m.start()]
    chunk = chunk.strip("，, 、")
    if not chunk:
        return "none", None
    if rr["pronoun"].match(chunk):
        return "pronoun", None
    if rr["anaphora"].match(chunk):
        return "anaphora", None
    bare = re.sub(r"[（(][^）)]*[）)]", "", chunk).rstrip("等")
    if len(chunk) <= 40 and rr["agent_suffix"].search(bare):
        return "agent", chunk
    return "none", None


def _clause_subjects(s: str, a: int, b: int, r: Rules,
                     skip: tuple[int, int] | None = None) -> list[tuple[str, str | None, int]]:
    """Subjects the clause s[a:b] charges, in reading order: X牵头, 由X负责, X要…, 希望X…."""
    rr = r.resp
    text = s[a:b]
    if skip:  # the deadline itself is not part of a subject
        text = text[:skip[0] - a] + "\x00" * (skip[1] - skip[0]) + text[skip[1] - a:]
    out = []
    # X牵头 / 由X牵头: kept with 牵头, as written (住建、发改牵头); department short
    # names (住建, 发改) are agents here even without an organ suffix
    m = re.search(r"^(?:由)?([^\x00]{1,30}?牵头)(?!单位|部门|责任|抓总)", text)
    if m and not rr["pronoun"].match(m.group(1)[:-2]):
        out.append(("agent", m.group(1), a + m.start()))
    m = re.search(r"由([^\x00]{1,30}?)负责", text)
    if m:
        kind, name = _subject(m.group(1), r, cut=False)
        if kind == "agent":
            out.append(("agent", name, a + m.start()))
    for m in rr["modal"].finditer(text):
        head = text[:m.start()]
        if "\x00" in head:
            head = head[head.rfind("\x00") + 1:]
        kind, name = _subject(head, r)
        if kind != "none":
            out.append((kind, name, a + m.start()))
            break
        if head.strip():
            break
    m = re.match(f"^(?:{rr['charge_left'].pattern})([^\x00]{{1,40}})", text)
    if m and not out:
        # the longest prefix ending like an agent: 希望这些县（市、区）明确… → 这些县（市、区）
        chunk = m.group(1)
        for i in range(len(chunk), 0, -1):
            piece = chunk[:i]
            bare = re.sub(r"[（(][^）)]*[）)]", "", piece)
            if "（" in bare or "(" in bare:  # inside a parenthesis
                continue
            if rr["agent_suffix"].search(bare) and not rr["subject_cut"].search(piece, 1):
                out.append(("agent", piece, a))
                break
    return out


def find_responsible(s: str, text: str, start: int, end: int, r: Rules | None = None) -> str | None:
    """Who the sentence charges with the task at s[start:end], as written, or None.

    Reads the clause of the expression first (市发改委要在4月底前), then the clauses
    before it in the sentence (各县市人民政府要参照…，在3月底前成立…), then the ones
    after it (…将于9月2日抵达湖南，永顺县要做好迎检工作). A pronoun (我们要…) stops the
    search with None; 此项工作要于… borrows the previous sentence's subject.
    """
    r = r or rules()
    sent_a, sent_b = _sentence_bounds(s, start, end)
    clauses = []
    a = sent_a
    for i in range(sent_a, sent_b + 1):
        if i == sent_b or s[i] in _CLAUSE_END:
            if i > a:
                clauses.append((a, i))
            a = i + 1
    own = next((k for k, (ca, cb) in enumerate(clauses) if ca <= start < cb), None)
    if own is None:
        return None
    ca, cb = clauses[own]
    # the clause's own words before the time: 市发改委6月X日前…, 州政府从8月中下旬开始
    kind, name = _subject(r.resp["time_prefix"].sub("", s[ca:start]), r)
    if kind == "agent":
        return _as_written(s, text, ca, start, name)
    if kind == "pronoun":
        return None
    if kind == "anaphora":
        return _previous_sentence_subject(s, text, sent_a, r)
    order = [own] + list(range(own - 1, -1, -1)) + list(range(own + 1, len(clauses)))
    if not (s[clauses[own][0]:start] + s[end:clauses[own][1]]).strip("之前以后内 "):
        # the time stands alone as a topic (10月份，我将逐一调度…): the next clause says who
        order = [own] + list(range(own + 1, min(own + 2, len(clauses)))) + list(range(own - 1, -1, -1)) + \
            list(range(own + 2, len(clauses)))
    for k in order:
        ca, cb = clauses[k]
        subs = _clause_subjects(s, ca, cb, r, skip=(start, end) if k == own else None)
        for kind, name, at in subs:
            if kind == "agent":
                return _as_written(s, text, ca, cb, name)
            if kind == "pronoun":
                return None
            if kind == "anaphora":
                return _previous_sentence_subject(s, text, sent_a, r)
    return None


def _as_written(s: str, text: str, a: int, b: int, name: str) -> str:
    """The subject in the speech's own script (found on the Simplified view)."""
    at = s.find(name, a, b)
    return text[at:at + len(name)] if at >= 0 else name


def _previous_sentence_subject(s: str, text: str, sent_start: int, r: Rules) -> str | None:
    """此项工作要于9月底前完成: the subject that opens the previous sentence, if any."""
    if sent_start <= 0:
        return None
    pa, pb = _sentence_bounds(s, sent_start - 1, sent_start - 1)
    _, first_end = _clause_bounds(s, pa, pa)
    subs = _clause_subjects(s, pa, min(first_end, pb), r)
    if subs and subs[0][0] == "agent":
        return _as_written(s, text, pa, first_end, subs[0][1])
    return None


# ---------------------------------------------------------------- entry point
def extract_deadlines(doc: SpeechDoc) -> list[dict]:
    r = rules()
    s = doc.simplified
    floor = _speech_floor(s, doc.year, r)
    cands = _candidates(s, r)
    starts = sorted({c.start for c in cands})
    kept = []
    for c in cands:
        i = bisect.bisect_left(starts, c.end)
        nxt = starts[i] if i < len(starts) else len(s)
        kind = _decide_kind(c, s, nxt, r, doc.year)
        if kind:
            c.kind = kind
            kept.append(c)
    rows = []
    for c in _select(kept):
        row = {"char_start": c.start, "char_end": c.end, "span_text": doc.text[c.start:c.end], "kind": c.kind}
        row.update(_resolve(c, c.kind, doc.year, floor))
        row["task"] = _task(s, doc.text, c.start, c.end)
        row["responsible"] = find_responsible(s, doc.text, c.start, c.end, r)
        rows.append(row)
    rows.sort(key=lambda x: (x["char_start"], x["char_end"]))
    return rows
