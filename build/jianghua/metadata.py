"""Speech metadata: the speeches table's descriptive columns (issues 2 and 6).

``describe_speech(title_raw, text, simplified, furniture, source_file)``
returns the cleaned title (built from the file name when the file has no title
line), the year the speech was given (with its evidence and any contradicting
year), the page's publication date, the level and place of the government
whose leader speaks, the speaker's office, the meeting and the number of
masked placeholders.

Rules are data: rules/offices.yaml (titles, offices, meetings, level cues,
jurisdiction cues, masks) and rules/dated_events.yaml (the documented lexicon
of dated events). Matching runs on the Simplified form; words quoted back
(year_evidence, meeting) are sliced from the speech's own script.

Place names come from the gazetteer in places.py (a packaged list of
administrative divisions); without it only names written with their suffix
after 我们 (我们望花区) are recognised.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import PurePosixPath

import yaml

from . import places
from .extract.scan import fast

LEVELS = ("province", "prefecture", "county", "township")
_YEAR = re.compile(r"(?<![0-9０-９])((?:19|20)[0-9]{2})年")


# ---------------------------------------------------------------- rules
def _load(name: str) -> dict:
    return yaml.safe_load(resources.files("jianghua").joinpath(f"rules/{name}").read_text("utf-8"))


@dataclass(frozen=True)
class _Event:
    pattern: re.Pattern[str]
    year: int | None
    dates: str
    weight: float
    means: str
    within: int | None = None


@dataclass(frozen=True)
class _Bound:
    pattern: re.Pattern[str]
    lo: int | None
    hi: int | None
    means: str


@lru_cache(maxsize=1)
def _year_rules():
    spec = _load("dated_events.yaml")
    events = [_Event(re.compile(e["pattern"]), e["year"], e["dates"], float(e["weight"]), e["means"])
              for e in spec["events"]]
    plan = spec["five_year_plan_events"]
    for name, start in spec["five_year_plans"].items():
        events += [
            _Event(re.compile(plan["start"].replace("{plan}", name)), start, "planned", 3.0,
                   f"{start} is the first year of the {name} plan"),
            _Event(re.compile(plan["end"].replace("{plan}", name)), start + 4, "planned", 3.0,
                   f"{start + 4} is the last year of the {name} plan"),
            _Event(re.compile(plan["drafting"].replace("{plan}", name)), start - 1, "same", 1.0,
                   f"the {name} plan is drafted in {start - 1}"),
        ]
    explicit = tuple(_Event(re.compile(e["pattern"]), None, e["dates"], float(e["weight"]), e["means"],
                            e.get("within")) for e in spec["explicit"])
    npc = spec["npc_sessions"]
    # year None: read from the match (its congress and session, see _match_year)
    explicit += tuple(_Event(re.compile(e["pattern"].replace("{name}", npc["name"])), None, e["dates"],
                             float(e["weight"]), e["means"]) for e in npc["events"])
    events = tuple(events)
    bounds = tuple(_Bound(re.compile(b["pattern"]), b.get("min"), b.get("max"), b["means"]) for b in spec["bounds"])
    return {
        "events": events, "explicit": explicit, "bounds": bounds,
        "year_end": re.compile(spec["year_end_cues"]), "year_start": re.compile(spec["year_start_cues"]),
        "review_heading": re.compile(spec["review_heading"]),
        "current_review": re.compile(spec["current_review"]),
        "several_years": re.compile(spec["several_years"]),
        "one_year": re.compile(spec["one_year"]),
        "plan_heading": re.compile(spec["plan_heading"]),
        "present_before": re.compile(spec["present_before"]),
        "retrospective": re.compile(spec["retrospective_cues"]),
        "future_before": re.compile(f"(?:{spec['future_before']})$"),
        "future_after": re.compile(f"^(?:{spec['future_after']})"),
        "furniture_dateline": re.compile(spec["furniture_dateline"]["pattern"]),
        "furniture_dateline_weight": float(spec["furniture_dateline"]["weight"]),
        "npc_first": npc["first_session"],
        "npc_irregular": npc["irregular"],
    }


_CN_NUMERAL = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}


def _cn_int(s: str) -> int | None:
    """一 … 九十九 as an int: 十四 → 14, 二十 → 20."""
    if not s or any(c not in _CN_NUMERAL for c in s):
        return None
    if "十" not in s:
        return _CN_NUMERAL[s] if len(s) == 1 else None
    tens, _, ones = s.partition("十")
    return (_CN_NUMERAL[tens] if tens else 1) * 10 + (_CN_NUMERAL[ones] if ones else 0)


def _match_year(m: re.Match[str]) -> int | None:
    """The year a match of an explicit rule names: its ``year`` group, or the
    year of the NPC session it names (congress and session, dated_events.yaml)."""
    groups = m.groupdict()
    if "congress" not in groups:
        return int(m.group("year"))
    rules = _year_rules()
    congress = _cn_int(groups["congress"])
    session = _cn_int(groups["session"]) if groups["session"] else 1
    if congress is None or session is None:
        return None
    if congress in rules["npc_irregular"]:
        years = rules["npc_irregular"][congress]
        return years[session - 1] if session <= len(years) else None
    first = rules["npc_first"].get(congress)
    return first + session - 1 if first else None


@lru_cache(maxsize=1)
def _office_rules():
    spec = _load("offices.yaml")
    tags = spec["title_tag_words"]
    brackets = "|".join(
        f"{re.escape(pair[0])}\\s*(?:{tags})(?:\\s*[、,，/]\\s*(?:{tags}))*\\s*{re.escape(pair[1])}"
        for pair in spec["title_tag_brackets"])
    offices = sorted(spec["offices"], key=lambda o: -len(o["title"]))
    nouns = spec["nouns"]
    noun_alt = "|".join(sorted(nouns, key=len, reverse=True))
    self_cues = []
    for cue in spec["self_cues"]:
        for noun in nouns:
            self_cues.append((noun, re.compile(cue["pattern"].replace("{noun}", re.escape(noun))), cue["weight"]))
    return {
        "prefix": re.compile(spec["title_prefix"]),
        "tags": re.compile(brackets, re.IGNORECASE),
        "strip": spec["title_strip"],
        "offices": offices,
        "office_re": re.compile("|".join(re.escape(o["title"]) for o in offices)),
        "office_level": {o["title"]: o["level"] for o in offices},
        "name_max": spec["speaker_name_max_chars"],
        "title_meeting": re.compile(spec["title_meeting"]),
        "opening_meeting": re.compile(spec["opening_meeting"]),
        "opening_window": spec["opening_window_chars"],
        "nouns": nouns,
        "noun_alt": noun_alt,
        "self_cues": self_cues,
        "absorb": [(a["noun"], a["absorbs"], re.compile(a["when"]), a["min_count"]) for a in spec.get("absorb", [])],
        "below": [(re.compile(b["pattern"]), b["level"], b["weight"]) for b in spec["below"]],
        "title_level": [(re.compile(c["pattern"]), c["level"]) for c in spec["title_level_cues"]],
        "jur_cues": spec["jurisdiction_cues"],
        "list_neighbour": re.compile(spec["list_neighbour"]),
        "jur_min": spec["jurisdiction_min_score"],
        "jur_margin": spec["jurisdiction_margin"],
        "mask_not": spec["mask_not"],
        "national": re.compile(spec["national_cues"]),
        "national_window": spec["national_window_chars"],
        "national_title": re.compile(spec["national_title"]),
        "tail": re.compile(spec["title_tail"]),
        "title_words": re.compile(_load("split.yaml")["title_words"]),
        "untitled_kinds": [(re.compile(k["pattern"]), k["kind"]) for k in spec["untitled_kinds"]],
        "untitled_default": spec["untitled_kind_default"],
        "untitled_national": spec["untitled_national_place"],
    }


# ---------------------------------------------------------------- entry point
def describe_speech(title_raw: str | None, text: str, simplified: str, furniture: list[str],
                    source_file: str | None = None) -> dict:
    """Metadata of one speech. ``text`` is the cleaned body in its own script,
    ``simplified`` the same text in Simplified (same length), ``furniture`` the
    page-furniture lines removed around this speech, ``source_file`` the file's
    path (its name titles a speech without a title line)."""
    hant = simplified != text
    untitled = not (title_raw or "").strip()
    # without a title line the file name stands in for it, for the year and level too
    named = file_name_title(source_file) if untitled and source_file else ""
    title = named if untitled else clean_title(title_raw)
    title_s = _to_simplified(title, hant)
    furniture_s = [_to_simplified(f, hant) for f in furniture]
    published = published_date(furniture)
    speaker = speaker_title(title_s)
    level, noun = admin_level(title_s, simplified, speaker)
    if level == "national":
        jurisdiction, jur_level = places.NATIONAL_NAME, None
    else:
        jurisdiction, jur_level = find_jurisdiction(simplified, noun)
    if jur_level and jur_level != level:
        level = jur_level  # a county-level city (永城市) speaking of 我市 is county level (DATA_MODEL.md)
    year, evidence, conflict = infer_year(title_s, text, simplified, furniture_s, published,
                                          title_label="文件名" if untitled else "标题", furniture=furniture)
    if untitled and not _office_rules()["title_words"].search(title):
        title = assembled_title(year, level, jurisdiction, named, simplified)
    return {
        "title": title,
        "year": year,
        "year_evidence": evidence,
        "year_conflict": conflict,
        "published_date": published,
        "admin_level": level,
        "jurisdiction": jurisdiction,
        "speaker_title": speaker,
        "meeting": find_meeting(title, title_s, text, simplified),
        "masked_count": masked_count(text),
    }


def _to_simplified(s: str, hant: bool) -> str:
    if not hant or not s:
        return s
    from .script import to_simplified
    return to_simplified(s, "hant")


# ---------------------------------------------------------------- title
def clean_title(title_raw: str) -> str:
    """第一篇：/篇二：/[大全]/（通用）/(兩篇)/leading commas removed, and a byline
    with a salutation run into the line (…报告  上海市市长　龚正  各位代表：)."""
    rules = _office_rules()
    t = (title_raw or "").strip()
    t = rules["prefix"].sub("", t, count=1)
    t = rules["tags"].sub("", t)
    t = rules["tail"].sub("", t)
    return t.strip(rules["strip"])


_FILE_NAME_PARTS = re.compile(r"[_\s\-]+")
_YEAR_PART = re.compile(r"(?:19|20)[0-9]{2}")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def file_name_title(source_file: str) -> str:
    """The title a file name gives (offices.yaml, above untitled_kinds):
    2026_上海市_政府工作报告.txt → 2026年上海市政府工作报告; parts without
    Chinese that are no year (serial numbers, hashes) are dropped, and so is a
    part the next one repeats (2025_2025年…报告 → 2025年…报告). May name no
    document (1954.txt → 1954年) or be empty (000_dde374de.txt)."""
    stem = PurePosixPath(source_file).stem
    parts = []
    for p in _FILE_NAME_PARTS.split(stem):
        if _YEAR_PART.fullmatch(p):
            parts.append(p + "年")
        elif _HAN.search(p):
            parts.append(p)
    kept = [p for i, p in enumerate(parts) if not (i + 1 < len(parts) and parts[i + 1].startswith(p))]
    return "".join(kept)


def assembled_title(year: int | None, level: str, jurisdiction: str | None, named: str, simplified: str) -> str:
    """[year年][place][kind] for a speech whose file has no title line and whose
    file name names no document (offices.yaml: untitled_kinds)."""
    rules = _office_rules()
    if level == "national":
        place = rules["untitled_national"]
    else:
        place = jurisdiction or _YEAR.sub("", named)
    window = simplified[:rules["national_window"]]
    kind = next((k for pattern, k in rules["untitled_kinds"] if pattern.search(window)), rules["untitled_default"])
    return f"{year}年{place}{kind}" if year else f"{place}{kind}"


def speaker_title(title_s: str) -> str | None:
    """The office the title names as the speaker's (Simplified), or None.

    Only the part before the meeting counts (市长在…会议上: before 在); when the
    title names several offices (区委副书记、区长), the last one is the speaker's
    office as addressed in the meeting."""
    rules = _office_rules()
    head = title_s
    cut = re.search(r"在|[：:]", title_s)
    if cut:
        head = title_s[:cut.start()]
    else:
        m = re.search(r"(?:的)?(?:讲话|发言|致辞|讲稿|报告)", title_s)
        head = title_s[:m.start()] if m else ""
    found = list(rules["office_re"].finditer(head))
    if not found:
        return None
    last = found[-1]
    # the office must end the head or be followed only by a name (市长张三在, 市长XX在)
    if len(head) - last.end() > rules["name_max"]:
        return None
    return last.group()


def find_meeting(title: str, title_s: str, text: str, simplified: str) -> str | None:
    """The meeting's name as the title gives it, else as the opening gives it."""
    rules = _office_rules()
    m = rules["title_meeting"].search(title_s)
    if m:
        return title[m.start("meeting"):m.end("meeting")].strip(rules["strip"])
    window = simplified[:rules["opening_window"]]
    m = rules["opening_meeting"].search(window)
    if m:
        return text[m.start("meeting"):m.end("meeting")]
    return None


# ---------------------------------------------------------------- masks
# A run of mask characters, optionally with a decimal point inside (X.X%).
_MASK_RUN = re.compile(r"[Xx*×＊Ｘｘ]+(?:[.．][Xx*×＊Ｘｘ]+)*")


def masked_count(text: str) -> int:
    """Masked placeholders (X, XX, x, *, **, ***, ×), each run counted once.

    Decided: lower-case x counts (新华社xx分社, 增长x%: copy sites mask with it
    too); a letter touching another ASCII letter is part of a Latin word (GDP,
    Excel, Xbox) and does not count; × between two digits is a multiplication
    sign; a few Latin-letter terms (X光, X射线) are listed in offices.yaml."""
    rules = _office_rules()
    n = 0
    for m in _MASK_RUN.finditer(text):
        s, e = m.start(), m.end()
        before = text[s - 1] if s else ""
        after = text[e] if e < len(text) else ""
        if (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha()):
            continue  # part of a Latin word
        if m.group() == "×" and before.isdigit() and after.isdigit():
            continue  # 3×5
        if m.group() in ("*", "＊") and (not after or after in "\n") and before in "。！？”":
            continue  # a footnote star after a sentence
        if any(text.startswith(term, s) for term in rules["mask_not"]):
            continue
        n += 1
    return n


# ---------------------------------------------------------------- publication date
_PUBLISHED = re.compile(
    r"(?:发布时间|發佈時間|發布時間|发表时间|發表時間|发布日期|發佈日期|时间|時間|日期)\s*[：:]\s*"
    r"(?P<y>(?:19|20)\d\d)\s*(?:[-/.年])\s*(?P<m>\d{1,2})\s*(?:[-/.月])\s*(?P<d>\d{1,2})")


def published_date(furniture: list[str]) -> dt.date | None:
    """The page's publication date from a 发布时间: line among the furniture."""
    for line in furniture:
        m = _PUBLISHED.search(line or "")
        if m:
            try:
                return dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
            except ValueError:
                continue
    return None


# ---------------------------------------------------------------- level
def admin_level(title_s: str, simplified: str, speaker: str | None) -> tuple[str, str | None]:
    """(admin_level, the noun the government calls itself: 市, 州, 区, 县 …).

    The speaker's office in the title settles the level; else an organ or
    meeting in the title (区委经济工作会议); else how the text names its own
    government (我市, 全区上下, 区委区政府) and its subordinate units (各县市区)."""
    rules = _office_rules()
    if not speaker and (rules["national"].search(simplified[:rules["national_window"]])
                        or rules["national_title"].search(title_s)):
        return "national", None
    nouns = rules["nouns"]
    noun_score: Counter[str] = Counter()
    for noun, pattern, weight in rules["self_cues"]:
        noun_score[noun] += weight * len(pattern.findall(simplified))
    for noun, absorbed, when, min_count in rules["absorb"]:
        if len(when.findall(simplified)) >= min_count:
            noun_score[noun] += noun_score.pop(absorbed, 0)
    level_score: Counter[str] = Counter()
    for noun, score in noun_score.items():
        level_score[nouns[noun]] += score
    for pattern, level, weight in rules["below"]:
        level_score[level] += weight * len(pattern.findall(simplified))
    level = None
    if speaker and rules["office_level"].get(speaker):
        level = rules["office_level"][speaker]
    else:
        head = title_s
        for pattern, lvl in rules["title_level"]:
            m = pattern.search(head)
            if m and (level is None or m.start() < first_at):
                level, first_at = lvl, m.start()
    if level is None:
        if not level_score or max(level_score.values()) <= 0:
            return "unknown", None
        level = max(LEVELS, key=lambda lv: (level_score[lv], -LEVELS.index(lv)))
    # the noun: the best-scoring noun of that level; for an office, its own noun (区长 → 区)
    same_level = [n for n in nouns if nouns[n] == level]
    noun = None
    if speaker:
        noun = next((n for n in same_level if speaker.startswith(n) or speaker.startswith("副" + n)
                     or speaker.startswith("常务副" + n)), None)
    if noun is None:
        best = max(same_level, key=lambda n: (noun_score[n], -same_level.index(n)), default=None)
        noun = best if best and noun_score[best] > 0 else None
    return level, noun


# ---------------------------------------------------------------- jurisdiction
# The suffix a division's name must end with to be what the speech calls itself.
_SUFFIX_FOR_NOUN = {"市": ("市",), "州": ("州",), "盟": ("盟",), "地区": ("地区",), "县": ("县",),
                    "区": ("区",), "旗": ("旗",), "省": ("省",), "自治区": ("自治区",), "镇": ("镇",), "乡": ("乡",),
                    "街道": ("街道",)}


def find_jurisdiction(simplified: str, noun: str | None) -> tuple[str | None, str | None]:
    """(the place the speaker's government is, Simplified official name; its level).

    Candidates are divisions of the kind the speech calls itself (我市 → names
    ending in 市) that the text names, by full or short name (商丘, 望花).
    Each mention scores 1 unless it sits in an enumeration (睢县、柘城县、);
    a self-referring context (我们望花区, 商丘区位优势, 确保湘西州) adds more.
    The leader must reach a minimum score and a margin over the runner-up:
    else None, since a wrong place is worse than none."""
    if not noun:
        return None, None
    rules = _office_rules()
    suffixes = _SUFFIX_FOR_NOUN.get(noun, (noun,))
    # surface name → (official name, level) for every candidate the text names
    found: dict[str, tuple[str, str]] = {}
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    mentions = places.place_matcher().find(simplified)
    # prefectures the text names: they break ties (朝阳区) and bound the county short names
    prefectures = Counter(d.code for _, _, name in mentions for d in places.candidates(name)
                          if d.level == "prefecture" and len(places.candidates(name)) == 1)
    homes = [places.by_code()[code] for code, _ in prefectures.most_common(5)]
    for s, e, name in mentions:
        divs = [d for d in places.candidates(name) if d.name.endswith(suffixes)]
        if noun in ("区", "县", "旗"):
            divs = [d for d in divs if d.level == "county"]
        if len(divs) > 1:
            divs = [d for d in divs if any(h.contains(d) for h in homes)]
        if len(divs) == 1:  # else unknown or ambiguous (城区, 朝阳区 in no named prefecture)
            found[name] = (divs[0].name, divs[0].level)
            spans[name].append((s, e))
    if noun in ("区", "县", "旗"):
        # county short names (望花, 古丈) look like ordinary words: only those of
        # the counties inside a prefecture the text names are looked for
        for home in homes:
            for short, code in places.county_short_names_within(home.code).items():
                div = places.by_code()[code]
                if not div.name.endswith(suffixes):
                    continue
                for m in re.finditer(re.escape(short), simplified):
                    if any(s <= m.start() < e for positions in spans.values() for s, e in positions):
                        continue
                    found.setdefault(short, (div.name, div.level))
                    spans[short].append((m.start(), m.end()))
    if not found:
        return None, None
    score: Counter[str] = Counter()
    for surface, positions in spans.items():
        official = found[surface][0]
        for s, e in positions:
            before = simplified[s - 1:s]
            # a suffix written after a short name (湘西州, 商丘市) belongs to the name
            end = e + next((len(x) for x in suffixes if simplified.startswith(x, e)), 0)
            after = simplified[end:end + 1]
            listed = bool(rules["list_neighbour"].match(before) or rules["list_neighbour"].match(after))
            score[official] += 0.25 if listed else 1
        for cue in rules["jur_cues"]:
            names = [re.escape(surface)]
            pat = re.compile(cue["pattern"].replace("{name}", f"(?:{'|'.join(names)})(?:{'|'.join(suffixes)})?"))
            score[official] += cue["weight"] * len(pat.findall(simplified))
    ranked = sorted(score.items(), key=lambda kv: (-kv[1], kv[0]))
    best, best_score = ranked[0]
    runner = ranked[1][1] if len(ranked) > 1 else 0
    if best_score < rules["jur_min"] or best_score < rules["jur_margin"] * runner:
        return None, None
    level = next(lv for off, lv in found.values() if off == best)
    return best, level


# ---------------------------------------------------------------- year
def infer_year(title_s: str, text: str, simplified: str, furniture_s: list[str],
               published: dt.date | None, *, title_label: str = "标题",
               furniture: list[str] | None = None) -> tuple[int | None, str | None, str | None]:
    """(year, evidence words, contradicting words) — see rules/dated_events.yaml.

    Dated events and explicit statements vote (each rule once, by its weight),
    and so does a dateline among the furniture (``furniture``: the lines as
    they stood, quoted back; ``furniture_s`` the same in Simplified);
    the leading year needs a weight of at least 2 and 1.5 times the runner-up,
    or the year is null. Bounds (疫情防控 → 2020–2022; the page's publication
    date) veto years outside them. A title year counts only when no event
    speaks and nothing contradicts it; ``title_label`` names where the title
    came from in year_evidence (标题, or 文件名 for a title made of the file name)."""
    rules = _year_rules()
    simplified = _digit_years(simplified)
    title_s = _digit_years(title_s)
    furniture_s = [_digit_years(f) for f in furniture_s]
    reviews = _review_sections(simplified)
    lo, hi = 1949, 2100
    for b in rules["bounds"]:
        if any(not _review_at(reviews, m.start()) for m in fast(b.pattern).finditer(simplified)):
            lo = max(lo, b.lo or lo)
            hi = min(hi, b.hi or hi)
    if published:
        hi = min(hi, published.year)
    year_end = len(fast(rules["year_end"]).findall(simplified))
    year_start = len(fast(rules["year_start"]).findall(simplified))
    planning_next = year_end > year_start  # a year-end meeting planning the next year

    votes: Counter[int] = Counter()
    words: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    for ev in rules["events"] + rules["explicit"]:
        # each rule votes once: its first match that says something of the speech's year
        # fast(): the same matches, skipping in C where no match can start (extract/scan.py)
        for m in fast(ev.pattern).finditer(simplified[:ev.within] if ev.within else simplified):
            review = _review_at(reviews, m.start())
            if review and rules["present_before"].search(simplified[max(0, m.start() - 4):m.start()]):
                review = None  # 今年是…: the present, even inside a review
            if review == "years" and ev.year is not None and ev.dates == "same":
                continue  # an event recalled in a review of several years
            y = ev.year if ev.year is not None else _match_year(m)
            if y is None:
                continue  # a congress the lexicon does not know
            if ev.dates == "previous" or (ev.dates == "reviewed" and not planning_next):
                y += 1
            elif review and not planning_next and ev.dates in ("same", "planned"):
                y += 1  # said of the year the report looks back on
            elif ev.dates == "planned" and planning_next and not review:
                y -= 1
            votes[y] += ev.weight
            start = m.start()
            while start > 0 and (text[start - 1].isdigit() or text[start - 1] == " ") and simplified[start - 1] == " ":
                start -= 1  # a spaced year (1 9 9 8年) read as padded digits: quote all of it
            words[y].append((start, m.end(), text[start:m.end()]))
            break
    for line_s, line in zip(furniture_s, furniture or furniture_s):
        m = rules["furniture_dateline"].match(line_s.strip())
        if m:
            y = int(m.group("year"))
            votes[y] += rules["furniture_dateline_weight"]
            words[y].append((-1, -1, line.strip()))  # before the text, never overlapping it
            break
    for y in list(votes):
        if not lo <= y <= hi:
            del votes[y]

    title_years = _title_years(title_s, furniture_s)
    year: int | None = None
    evidence = None
    if votes:
        ranked = votes.most_common()
        best, w = ranked[0]
        second = ranked[1][1] if len(ranked) > 1 else 0
        if w >= 2 and w >= 1.5 * second:
            year = best
            evidence = "；".join(_without_overlaps(words[best])[:4])
    if year is None and not votes and len(set(y for y, _ in title_years)) == 1:
        y, where = title_years[0]
        if lo <= y <= hi:
            year, evidence = y, f"{title_label}：{where}"
    # A report of year Y looks back on Y-1: the events of Y-1 agree with a title
    # year Y when the text reviews a year just past (and is no year-end meeting).
    if len(set(y for y, _ in title_years)) == 1 and not planning_next:
        y, where = title_years[0]
        retro = rules["retrospective"].search(simplified)
        strong = {v for v, w in votes.items() if w >= 2}
        if retro and lo <= y <= hi and year in (None, y - 1) and strong and strong <= {y, y - 1}:
            year = y
            evidence = f"{title_label}：{where}；{retro.group()}"

    conflicts = []
    if year is not None:
        for y, where in title_years:
            if y != year and not (y == year + 1 and planning_next):
                conflicts.append(f"{title_label}：{where}")
        for m in _YEAR.finditer(simplified):
            y = int(m.group(1))
            if y <= year or (y == year + 1 and planning_next):
                continue
            before = simplified[max(0, m.start() - 6):m.start()]
            after = simplified[m.end():m.end() + 4]
            if rules["future_before"].search(before) or rules["future_after"].search(after):
                continue
            if y == year + 1 and "了" not in before:
                continue  # next year's plans are normal; only a done deed in it is a contradiction
            conflicts.append(f"正文：{text[max(0, m.start() - 6):m.end() + 8]}")
    elif len(set(y for y, _ in title_years)) > 1:
        conflicts = [f"{title_label}：{where}" for _, where in title_years]
    conflict = " | ".join(dict.fromkeys(conflicts)) or None
    return year, evidence, conflict


_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_FULLWIDTH_RUN = re.compile("[０-９]+")
_CN_DIGITS = str.maketrans("〇○零一二三四五六七八九", "00012345678" + "9")
_CN_YEAR = re.compile(r"[〇○零一二三四五六七八九]{4}(?=年)")
_SPACED_YEAR = re.compile(r"(?<![0-9])([12]) ([0-9]) ([0-9]) ([0-9])(?=年)")


def _digit_years(s: str) -> str:
    """The same string, same length, with years written as ASCII digits: full-width
    digits (１９９１年) and Chinese year numerals (一九五八年) become 1991年, 1958年,
    so one set of year patterns reads them all; offsets stay valid."""
    # str.translate looks up every character of the speech: translate only the runs of digits
    s = _FULLWIDTH_RUN.sub(lambda m: m.group().translate(_FULLWIDTH_DIGITS), s)
    s = _CN_YEAR.sub(lambda m: m.group().translate(_CN_DIGITS), s)
    # 1 9 9 8年 (spaced by the source): padded in front to keep the length
    return _SPACED_YEAR.sub(lambda m: "   " + "".join(m.groups()), s) if " " in s else s


_TOP_HEADING = re.compile(r"[一二三四五六七八九十]+、|第[一二三四五六七八九十]+部分")


def _review_sections(simplified: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of the sections that look back: kind "year" (the year
    just past) or "years" (several years). See rules/dated_events.yaml."""
    rules = _year_rules()
    heads: list[tuple[int, str | None]] = []  # every top-level heading: (start, review kind)
    pos = 0
    for line in simplified.split("\n"):
        head = line.lstrip()[:40]
        numbered = bool(_TOP_HEADING.match(head))
        # unnumbered headings, often glued to their first paragraph (2024年工作回顾2024年是…)
        unnumbered = not numbered and ("工作回顾" in head[:30] or bool(rules["plan_heading"].search(head[:16])))
        if numbered or unnumbered:
            kind = None
            if (rules["review_heading"].search(head) and not rules["current_review"].search(head)
                    and not rules["plan_heading"].search(head[:16])):
                several = rules["several_years"].search(head) and not rules["one_year"].search(head)
                kind = "years" if several else "year"
            heads.append((pos, kind))
        pos += len(line) + 1
    out = []
    for i, (start, kind) in enumerate(heads):
        if kind:
            end = heads[i + 1][0] if i + 1 < len(heads) else len(simplified)
            out.append((start, end, kind))
    return out


def _review_at(reviews: list[tuple[int, int, str]], pos: int) -> str | None:
    return next((kind for s, e, kind in reviews if s <= pos < e), None)


def _without_overlaps(spans: list[tuple[int, int, str]]) -> list[str]:
    """Evidence words in text order; of two overlapping matches the longer one."""
    kept: list[tuple[int, int, str]] = []
    for s, e, w in sorted(spans, key=lambda x: (x[0] - x[1], x[0])):
        if all(e <= ks or s >= ke for ks, ke, _ in kept):
            kept.append((s, e, w))
    return [w for _, _, w in sorted(kept)]


def _title_years(title_s: str, furniture_s: list[str]) -> list[tuple[int, str]]:
    """Years written in the title and in the copies of it among the furniture
    (a repeated title line, 下面是小编为大家整理的…讲话)."""
    out = []
    lines = [title_s] + [f for f in furniture_s if re.search(r"讲话|发言|讲稿|致辞|报告", f or "")]
    for line in lines:
        for m in _YEAR.finditer(line):
            out.append((int(m.group(1)), line[max(0, m.start() - 4):m.end() + 10]))
    return out
