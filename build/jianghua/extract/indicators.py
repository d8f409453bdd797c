"""Indicators: one row per quantitative figure (DATA_MODEL.md, ANNOTATION.md §3).

How a figure becomes a row:
1. numbers.find_value_exprs finds every number/mask with its unit on the
   Simplified view; dates, durations, ordinals, slogans, codes and counts of
   meetings/documents/policy items are dropped (rules/indicators.yaml).
2. Its words decide the rest, nearest first: the metric is the alias in the
   figure's clause (or the head noun after a count), never the denominator of a
   share (研发经费占GDP比重), in order for a 分别 list (A、B分别为x、y), else the
   previous figure's metric in the same sentence when the clause only names a subject
   (虞城县2.1%、民权县2.0%); measure, comparator, status come from cue words
   right around it, in its clause, then its sentence; period and subject are
   carried along the paragraph as speakers do (1-8月份，… ；…).
3. In a work report the part a figure stands in decides its status first
   (_positions): the review of the past → actual even beside target words,
   the plan after it → target unless said of the past; plan periods
   (“十五五”期间, 今后五年, 到2030年, 年均) are kept in period_text.
Offsets come from the Simplified view, which has the length of the original,
so span_text is sliced from doc.text.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

from ..document import SpeechDoc
from ..metrics import OTHER, AliasHit, find_aliases, for_family, generic_head_at, in_scope, is_fallback_head
from ..numbers import ValueExpr, find_value_exprs, value_base
from .scan import fast

SENTENCE_END = "。；！？!?;\n"
CLAUSE_END = SENTENCE_END + "，,：:"
_CJK = re.compile(r"[\u4e00-\u9fff]")
_SENTENCE_END_RE = re.compile(f"[{re.escape(SENTENCE_END)}]")


# ---------------------------------------------------------------- rules
@dataclass(frozen=True)
class Rules:
    raw: dict
    unit_family: dict[str, str]
    units: tuple[str, ...]
    period_re: re.Pattern[str]
    reset_re: re.Pattern[str]
    subject_area_re: re.Pattern[str]
    subject_name_re: re.Pattern[str]
    deadline_opener: re.Pattern[str]
    opener_strip: re.Pattern[str]
    yao_re: re.Pattern[str]
    rank_lead: re.Pattern[str]

    def words(self, key: str) -> list[str]:
        return self.raw[key]


@lru_cache(maxsize=1)
def rules() -> Rules:
    raw = yaml.safe_load(resources.files("jianghua").joinpath("rules/indicators.yaml").read_text("utf-8"))
    fam = {}
    for family, words in raw["units"].items():
        for w in words:
            fam.setdefault(w, family)
    periods = re.compile("|".join(f"(?:{p})" for p in raw["period_patterns"]))
    reset = re.compile("|".join(map(re.escape, raw["period_reset"])))
    area = re.compile(raw["subject_area"])
    suffixes = "|".join(map(re.escape, sorted(raw["subject_suffixes"], key=len, reverse=True)))
    # A named owner: CJK name ending in a place/body suffix, maybe with a parenthesis: 其他县（区）.
    name = re.compile(rf"(?:其他|其余)?[\u4e00-\u9fffX]{{1,8}}?(?:{suffixes})(?:[（(][^）)]{{1,4}}[）)])?")
    not_modal = "|".join(map(re.escape, raw["not_modal_yao"]))
    yao = re.compile(rf"(?:{not_modal})|要")
    return Rules(raw, fam, tuple(fam), periods, reset, area, name, re.compile(raw["deadline_opener"]),
                 re.compile(raw["opener_strip"]), yao, re.compile(raw["rank_lead"]))


@lru_cache(maxsize=None)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


@lru_cache(maxsize=None)
def _words(key: str) -> tuple[str, ...]:
    """The rule words under ``key`` as a tuple, built once (str.startswith/endswith take tuples)."""
    return tuple(rules().words(key))


@lru_cache(maxsize=None)
def _words_re(key: str) -> re.Pattern[str]:
    """Any of the rule words under ``key``, compiled once (not per figure)."""
    return re.compile("|".join(rules().words(key)))


@lru_cache(maxsize=1)
def _name_list_re() -> re.Pattern[str]:
    """A list of named owners ending the text: 虞城县、民权县 (see _subject)."""
    name_re = rules().subject_name_re.pattern
    return re.compile(rf"((?:{name_re})(?:[、和及与](?:{name_re}))*)$")


@lru_cache(maxsize=1)
def _owner_verb_re() -> re.Pattern[str]:
    """A named owner followed by one of the subject verbs: 各县（市、区）共谋划了 (see _subject)."""
    r = rules()
    verbs = "|".join(map(re.escape, sorted(r.words("subject_verbs"), key=len, reverse=True)))
    suffixes = "|".join(map(re.escape, sorted(r.words("subject_suffixes"), key=len, reverse=True)))
    # the name starts after the lead-in (只有睢县, 我们提出每个县): no function characters inside it
    core = r"[^\W\d有们提出只是在对和与了的其]"
    name = rf"(?:(?:每个|每|各|其他|其余){core}{{0,6}}?|{core}{{1,6}}?)(?:{suffixes})(?:[（(][^）)]{{1,4}}[）)])?"
    return re.compile(rf"(?:[^，。；]*?(?<![\u4e00-\u9fff])|[^，。；]*?(?:有|提出|其中))?({name})(?:{verbs})")


@lru_cache(maxsize=1)
def _filler_re() -> re.Pattern[str]:
    """Cue and filler words removed from a clause to see whether it names anything of its own."""
    r = rules()
    # 增加 is filler, 增加值 (value added) a metric's own word
    return re.compile("|".join(re.escape(w) + ("(?!值)" if w == "增加" else "") for w in sorted(
        r.words("growth_up") + r.words("growth_down") + r.words("share_cues") + r.words("target_cues")
        + r.words("residue_fillers"),
        key=len, reverse=True)))


@lru_cache(maxsize=1)
def _document_after() -> re.Pattern[str]:
    """A document noun right after a count, with a short qualifier between (137件行政法规, 9件地方性法规),
    not an adjective made of it (政策性岗位)."""
    nouns = "|".join(sorted(map(re.escape, rules().words("document_nouns")), key=len, reverse=True))
    return re.compile(rf"[\u4e00-\u9fff]{{0,3}}?(?:{nouns})(?!性)")


def _head(phrase: str) -> str:
    """The noun after a figure: its phrase without a comparator or 的, nor an alternative unit in brackets
    (8.1万套（间）保障性租赁住房)."""
    return re.sub(r"^(?:[（(][\u4e00-\u9fff]{1,2}[）)])?(?:以上|以下|左右|多|余|及以上)?的?", "", phrase)


def _residue(clause: str, r: Rules) -> str:
    """The words a clause has of its own once periods, owners, cue and filler words are gone."""
    rest = r.period_re.sub("", clause)
    rest = re.sub(r"[一二三四五六七八九○〇零0-9０-９]{4}年", "", rest)
    # a span of years: 五年平均每年, 比上个五年
    rest = re.sub(r"(?:(?<![\u4e00-\u9fff])|上一?个|前|近|过去|在)[两二三四五六七八九十]{1,2}年(?:来|间|中|前)?", "", rest)
    rest = r.subject_name_re.sub("", rest)
    rest = r.subject_area_re.sub("", rest)
    rest = _filler_re().sub("", rest)
    rest = re.sub(r"[XＸ*＊0-9.%％]+|[零〇○一二两三四五六七八九十百千万亿]{2,}", "", rest)  # other figures: 比一九五七年的七百零四亿元
    return "".join(_CJK.findall(rest))


# ---------------------------------------------------------------- text structure
@dataclass
class _Layout:
    """Sentence and paragraph bounds of one speech, for any offset."""
    text: str
    sent_starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        # one C-level scan instead of a Python loop over every character
        self.sent_starts = [0] + [m.end() for m in _SENTENCE_END_RE.finditer(self.text)]

    def sentence(self, pos: int) -> tuple[int, int]:
        k = bisect.bisect_right(self.sent_starts, pos) - 1
        start = self.sent_starts[k]
        end = self.sent_starts[k + 1] if k + 1 < len(self.sent_starts) else len(self.text)
        return start, end

    def paragraph(self, pos: int) -> tuple[int, int]:
        start = self.text.rfind("\n", 0, pos) + 1
        end = self.text.find("\n", pos)
        return start, len(self.text) if end < 0 else end


def _clause_start(s: str, pos: int, floor: int) -> int:
    i = pos
    while i > floor and s[i - 1] not in CLAUSE_END:
        i -= 1
    return i


def _clause_end(s: str, pos: int, stops: str = CLAUSE_END + "、") -> int:
    i = pos
    while i < len(s) and s[i] not in stops:
        i += 1
    return i


def _last(words: list[str], text: str) -> tuple[int, str] | None:
    """Rightmost occurrence of any of ``words`` in ``text`` (longest on ties): (end offset, word)."""
    best = None
    for w in words:
        k = text.rfind(w)
        if k >= 0:
            cand = (k + len(w), len(w), w)
            if best is None or cand[:2] > best[:2]:
                best = cand
    return (best[0], best[2]) if best else None


# ---------------------------------------------------------------- candidates
@dataclass
class _Fig:
    start: int
    end: int
    expr: ValueExpr | None
    family: str
    value: float | None
    value_max: float | None
    unit: str | None
    is_masked: bool
    negative: bool = False
    more: bool = False
    is_range: bool = False
    rank: bool = False
    row: dict = field(default_factory=dict)


def _family(unit: str | None, r: Rules) -> str | None:
    if unit is None:
        return None
    u = unit.replace("％", "%")
    if u in r.unit_family:
        return r.unit_family[u]
    stripped = u.lstrip("十百千万亿")
    if not stripped:
        return r.raw["bare_multiplier_family"]
    return r.unit_family.get(stripped)


def _milestone(head: str, r: Rules) -> bool:
    """Whether ``head`` is a threshold (万亿元台阶, 大关): it names no metric of its own."""
    return bool(_compiled(r.raw["milestone_head"]).match(head))


def _in_short_quote(s: str, start: int, end: int, limit: int) -> bool:
    left = max(s.rfind("“", 0, start), s.rfind('"', 0, start))
    if left < 0 or start - left > limit:
        return False
    if s.rfind("”", left, start) >= 0:
        return False
    right = s.find("”", end)
    return 0 <= right - left <= limit + 1


def _candidates(s: str, r: Rules) -> list[_Fig]:
    figs: list[_Fig] = []
    stop_nouns = r.words("count_stop_nouns")
    growth_words = tuple(r.words("growth_up") + r.words("growth_down"))
    for e in find_value_exprs(s, r.units):
        fam = "fraction" if e.kind == "fraction" else _family(e.unit, r)
        before = s[max(0, e.start - 4):e.start]
        after = s[e.end:e.end + 6]
        start, end, unit = e.start, e.end, e.unit
        rank = False
        if e.unit is None and e.kind == "number" and r.rank_lead.search(s, max(0, e.start - 14), e.start):
            # a rank written without 位/名 (位列全省第*, 稳居全省第一), unless a tier (第一方阵)
            if not s.startswith(_words("count_stop_nouns"), e.end):
                fam, rank, start = "count", True, e.start - 1
        elif e.unit is None and e.is_masked and s[max(0, e.start - 4):e.start].endswith(growth_words):
            fam = "percent"  # 同比下降X: the mask swallowed the unit too
        if unit and unit.endswith("人") and s.startswith("口", e.end):
            # 300万人口: 人 begins the noun, the figure is a bare count
            unit, fam, end = unit[:-1] or None, "count", e.end - 1
        if fam is None or fam == "time":
            continue
        if before.endswith(_words("not_before")):
            continue
        if e.is_chinese and unit in r.words("indefinite_classifiers"):
            continue
        if unit in r.raw["units_need_head"] and not any(
                w in s[e.end:e.end + 6] for w in r.raw["units_need_head"][unit]):
            continue  # **所急需的项目: 所 is a particle, not the classifier of schools
        if unit in r.words("item_units") and re.sub(r"^(?:以上|多)", "", s[e.end:e.end + 6]).startswith(
                _words("item_verbs")):
            continue
        if unit in r.words("document_units") and (
                s.endswith(_words("document_nouns"), max(0, e.start - 6), e.start)
                or _document_after().match(s, e.end, e.end + 12)):
            continue  # 办理人大代表建议4249件, 审议地方性法规9项, 制定137件行政法规: counts of documents (ANNOTATION §3)
        if (fam == "count" or (fam == "money" and s.startswith("级", e.end))) and _milestone(s[e.end:e.end + 8], r):
            continue  # 连跨4个千亿台阶, 3个千亿级台阶: thresholds counted are rhetoric; the amount is said on its own
        if fam == "fraction" and s.startswith("一半", e.start) and before.endswith(_words("half_not_after")):
            continue  # 工作只做了一半: rhetoric
        if _in_short_quote(s, start, end, r.raw["slogan_max_chars"]):
            continue
        if re.match(r"[A-Za-zＡ-Ｚａ-ｚ+＋]", after) or re.search(r"[A-Za-zＡ-Ｚａ-ｚ+＋]$", before):
            continue
        if after.startswith(_words("name_suffixes")) and fam != "percent":
            continue
        if before.endswith(_words("demonstratives")):
            continue
        if e.unit in ("位", "名") or (e.unit or "").endswith(("位", "名")):
            cue = re.search(r"排|进入|位居|居|列", s[max(0, e.start - 8):e.start]) or (
                e.is_chinese and _words_re("rank_areas").search(
                    s[_clause_start(s, e.start, max(0, e.start - 20)):e.start]))
            if (before.endswith("第") and (cue or not e.is_chinese or r.rank_lead.search(s, max(0, e.start - 14), e.start))) \
                    or (before.endswith(("前", "后")) and (e.is_masked or e.is_chinese or cue)):
                # 第一位 with no rank word is rhetoric (放在第一位); 后三名 is a rank band
                start -= 1
                rank = True
            elif re.search(r"(?:前进|进|退|上升|下降|提升|提高|前移|后退)$", before):
                rank = True
            elif e.unit == "位" and not e.is_chinese:
                rank = bool(_words_re("rank_cues").search(s[max(0, e.start - 12):e.start]))
        if not rank and before.endswith("第"):
            continue  # an ordinal: 第三轮, 第八次
        phrase = s[e.end:_clause_end(s, e.end)]
        head = _head(phrase)
        if not head and s[e.end:e.end + 1] in ("、", "和", "及"):
            # 省12件、州20件民生实事: the first items of a list share the head of the last
            m = re.match(rf"[、和及][^，。；,;：:]{{0,12}}?(?:[0-9]+|[XＸ*＊]+|[一二三四五六七八九十两]+){re.escape(e.unit or '')}",
                         s[e.end:e.end + 30]) if e.unit else None
            if m:
                head = s[e.end + m.end():_clause_end(s, e.end + m.end())]
        if head.startswith(("目标", "任务", "预期目标")):
            head = ""  # 新增200家的目标任务: the figure is the aim, not a count of aims
        if fam == "count" and not rank:
            # a stop noun heading the phrase, or met before any metric name: 30项指标, 26个具体投向
            stop_at = min((k for w in stop_nouns if (k := head.find(w)) >= 0), default=-1)
            if stop_at == 0 and not head.startswith(("项目", "企业")):
                continue
            if stop_at > 0:
                hits = find_aliases(head)
                if not hits or hits[0].start > stop_at:
                    continue
        if fam == "measure" and re.match(r"[\u4e00-\u9fff]", phrase) and not re.match(r"(?:以上|以下|左右|以内)", phrase) \
                and (e.is_masked or phrase.startswith("级") or unit in r.words("spec_units")
                     or not s[max(0, e.start - 4):e.start].endswith(
                    _words("measure_lead_words"))):
            continue  # 古城子河9公里湿地公园, 30万千瓦级机组, xx分社: inside a name (not 建成5万亩有机基地)
        if e.is_chinese and not rank and e.kind == "number":
            if fam == "count":
                heads = r.words("chinese_count_heads")
                if phrase.startswith("的") or not any(h in head[:14] for h in heads):
                    continue
                if e.value == 1 and not before.endswith(tuple(v[-4:] for v in r.words("one_count_verbs"))):
                    continue
            elif fam == "measure":
                # 十七万三千吨, 五千亿斤: a sized amount, not 一米 or 三公里 said in passing, nor 十分 (very)
                if unit in r.words("chinese_measure_not_units") or not (
                        re.match(r"[万亿]", unit or "") or (e.value or 0) >= 10):
                    continue
            elif fam not in ("money",):
                continue
        if e.is_chinese and e.value is not None and e.value >= 1900 and fam not in ("money", "measure"):
            continue  # 一九五八: a year
        if fam == "fraction" and not e.is_chinese and e.value is not None and e.value >= 1:
            continue
        figs.append(_Fig(start, end, e, fam, e.value, e.value_max, (unit or "").replace("％", "%") or None,
                         e.is_masked, e.negative, e.more, e.is_range, rank))
    # 为零 / 为0: a count reported as nothing (入库数为零的民权县, 其他县（区）为0).
    for m in re.finditer(r"(?<=[为是])(零|0)(?![0-9.．%％万亿个家户项])(?=[，,。；;、的]|$)", s):
        figs.append(_Fig(m.start(1), m.end(1), None, "count", 0.0, None, None, False))
    figs.sort(key=lambda f: (f.start, f.end))
    layout = _Layout(s)
    kept = []
    for f in figs:
        if f.expr is None:  # a zero needs a metric in its clause or a figure before it in the sentence
            sent = layout.sentence(f.start)
            named = [h for h in find_aliases(s, _clause_start(s, f.start, sent[0]), f.start) if h.metric != "rank"]
            if not named and not any(g.expr is not None and sent[0] <= g.start < f.start for g in figs):
                continue
        kept.append(f)
    figs = kept
    out: list[_Fig] = []
    for f in figs:
        if out and f.start < out[-1].end:
            continue
        out.append(f)
    return out


# ---------------------------------------------------------------- fields
def _measure(f: _Fig, s: str, clause: str, prev: _Fig | None, r: Rules) -> tuple[str, str | None]:
    if f.rank:
        return "rank", None
    if f.family != "percent" and f.family != "fraction":
        return "level", None
    if f.negative:
        return "growth", "down"
    cues = [(w, "up") for w in r.words("growth_up")] + [(w, "down") for w in r.words("growth_down")]
    best = None
    for w, d in cues:
        k = clause.rfind(w)
        if k >= 0 and clause.startswith(("到", "至"), k + len(w)):
            continue  # 由50%上升到60%, 提高到65.2%: the level reached, not a rate of change
        if k >= 0 and (best is None or (k + len(w), len(w)) > best[:2]):
            best = (k + len(w), len(w), "growth", d)
    for w in r.words("share_cues"):
        k = clause.rfind(w)
        if k >= 0 and (best is None or (k + len(w), len(w)) > best[:2]):
            best = (k + len(w), len(w), "share", None)
    if s.endswith(_words("share_right_before"), 0, f.start):
        return "share", None  # 完成70%路基工程: the part of a whole that is done
    if best:
        if best[2] == "growth" and f.unit in ("个百分点", "百分点") and any(
                w in clause[best[0]:] for w in r.words("gap_down")):
            return "growth", "down"  # 增长*%左右、差既定目标*个百分点
        return best[2], best[3]
    if prev is not None and prev.row.get("measure") in ("growth", "share") and prev.family == f.family:
        direction = prev.row.get("direction")
        if prev.row["measure"] == "growth" and f.unit in ("个百分点", "百分点") and any(
                w in clause for w in r.words("gap_down")):
            direction = "down"  # 增长3%，低于全省1.2个百分点: a shortfall of the growth rate
        return prev.row["measure"], direction
    if f.family == "fraction":
        return "share", None  # 专项债的1/3: a part of a whole
    return "level", None


def _comparator(f: _Fig, s: str, r: Rules) -> str:
    if f.is_range:
        return "range"
    after = s[f.end:f.end + 4]
    for comp, words in r.raw["after_comparator"].items():
        if any(after.startswith(w) for w in words):
            return comp
    if f.more:
        return "gt"
    # a per-unit word may stand between (不低于每人10元); 达到/为 may follow the comparator (超过了, 不到)
    raw = re.sub(r"(?:每人|每户|每年|每月|每天|人均|户均)$", "", s[max(0, f.start - 10):f.start])
    best = None
    for before in (raw, re.sub(r"[了达到在为至]{0,2}$", "", raw)):
        for comp, words in r.raw["before_comparator"].items():
            for w in words:
                if before.endswith(w) and (best is None or len(w) > best[0]):
                    best = (len(w), comp)
    return best[1] if best else "eq"


def _status(f: _Fig, s: str, sent: tuple[int, int], para_estimate: bool, r: Rules,
            fig_ends: frozenset[int] = frozenset(), where: str | None = None,
            year: int | None = None, period: str | None = None, past_period: bool = False) -> tuple[str, str | None]:
    """``where``: the figure's part of a work report (_positions), review or plan, or None;
    ``period``: its period_text (Simplified); ``past_period``: that text is a year before the speech (_past_period)."""
    lead = s[sent[0]:f.start]
    for w in r.words("not_target_cues"):
        lead = lead.replace(w, "#" * len(w))
    # 新增200家的目标任务: 目标 naming an earlier figure makes that one an aim, not the figures after it
    for m in re.finditer(r"(?:以上|左右|以内)?的(?:预期|硬)?目标(?:任务)?", lead):
        if sent[0] + m.start() in fig_ends:
            lead = lead[:m.start()] + "#" * (m.end() - m.start()) + lead[m.end():]
    if para_estimate or any(w in lead for w in r.words("estimate_cues")):
        return "estimate", None
    if where == "review" and not any(w in lead for w in r.words("review_aim_cues")):
        return "actual", None  # a result, even next to target words: 完成年度目标, 增速高于预期目标
    # the nearest aim word before the figure, unless a past marker sits between
    lead_yao = r.yao_re.sub(lambda m: m.group() if m.group() == "要" else "#" * len(m.group()), lead)
    cue = _last([w for w in r.words("target_cues") if w != "要"], lead)
    k = lead_yao.rfind("要")
    if k >= 0 and (cue is None or k + 1 > cue[0]):
        cue = (k + 1, "要")
    target = False
    if cue is not None:
        between = lead[cue[0]:]
        target = not any(p in between for p in r.words("past_markers"))
        colon = re.search("[：:]", between)
        if colon and colon.start() > 3 and "目标" not in cue[1]:
            target = False  # 要抓好两个方面：一方面…下降**%: the aim word governs what precedes the colon
    if not target and (s.startswith(_words("target_after_cues"), f.end)
                       or s.startswith(_words("target_after_cues"), f.end + 2)):
        target = True
    if not target and re.match(r"[^，。；;,的]{0,8}?(?:任务|目标)", s[f.end:f.end + 12]):
        target = True  # 完成今年新开1万亩茶叶任务: the figure sizes a task
    if not target and _announced_list(s, sent[0], f.start, r):
        target = True
    opener = r.opener_strip.sub("", lead)
    if not target and r.deadline_opener.match(opener):
        target = True
    plan = next((w for w in r.words("plan_openers") if opener.startswith(w)), None)
    if not target and plan and not opener.startswith("的", len(plan)):  # 今年发展的300余亩: attributive, a fact
        target = not any(p in lead for p in r.words("past_markers"))
    if not target and (where == "plan" or (period and _future_period(period, year, r))):
        # the plan states what is to be (地区生产总值增长5%左右), unless the sentence so far, back over its
        # ；-parts, says the figure is past (１９８６年同１９７８年相比，…增长１０２％；国民收入…增长９４．９％)
        target = not _past_in_plan(s[_full_sentence_start(s, sent[0]):f.start], year, r)
    if target and past_period:
        target = False  # 而1948年的钢产量不过十五万八千吨: a year of its own before the speech is the past
    if not target:
        return "actual", None
    hard = _last(r.words("hard_commitment"), lead)
    soft = _last(r.words("soft_commitment"), lead)
    if hard and (not soft or hard[0] >= soft[0]):
        return "target", "hard"
    if soft:
        return "target", "soft"
    return "target", None


def _subject(f: _Fig, s: str, clause_start: int, alias_start: int | None, r: Rules) -> tuple[int, int] | None:
    """Offsets of whose figure it is, when named."""
    # A list item right before the figure: 有虞城县2.1%、民权县2.0%; 睢阳区、宁陵县各1家; 民权县、柘城县为0.
    near = s[clause_start:f.start]
    trimmed = re.sub(r"(?:各|均|都|为|是|达到|达|完成|实现|共|分别)+$", "", near)
    m = _name_list_re().search(trimmed)
    if m:
        a = clause_start + m.start(1)
        pre = re.match(r"^(?:.*?的有|其中|有|的|在|对|从|实现|仅)", s[a:clause_start + m.end(1)])
        if pre:
            a += pre.end()
        name = s[a:clause_start + m.end(1)]
        if name and not re.search(r"(?:低于|高于|平均|水平)", name):
            return a, clause_start + m.end(1)
    head_end = alias_start if alias_start is not None else clause_start
    m = r.subject_area_re.search(s, clause_start, head_end) if head_end > clause_start else None
    m = m or r.subject_area_re.match(s, clause_start, f.start)
    if m:
        return m.start(), m.end()
    if alias_start is None:
        # the figure is named after it: an owner opening the clause, then a verb (睢县上报了一个…)
        m = _owner_verb_re().match(s, clause_start, f.start)
        if m:
            return m.start(1), m.end(1)
    if head_end > clause_start:
        head = s[clause_start:head_end]
        lead = re.match(r"^(?:.*?(?:截至[^，]*|[0-9一二三四五六七八九十]+[-—至][0-9一二三四五六七八九十]+月份?|预计到年末|预计|今年|去年|全年))?", head)
        a = clause_start + (lead.end() if lead else 0)
        b = head_end
        tail = re.search(r"(?:完成|实现|的|对)+$", s[a:b])
        if tail:
            b = a + tail.start()
        front = re.match(r"(?:在|对|从|实现|仅)", s[a:b])
        if front and b - a - front.end() >= 2:
            a += front.end()  # 在全省, 实现省: the place, not the preposition
        if b > a and r.subject_name_re.fullmatch(s, a, b):
            return a, b
    return None


def _period(s: str, para: tuple[int, int], clause_start: int, pos: int, r: Rules) -> tuple[int, int] | None:
    """The latest period before the figure: in its own clause, or opening a clause earlier in the paragraph."""
    last = None
    prefix = _compiled(r.raw["period_carry_prefix"])
    for m in fast(r.period_re).finditer(s, para[0], pos):  # scan.py: same matches, found faster
        own = m.start() >= clause_start
        opener = prefix.fullmatch(s[_clause_start(s, m.start(), para[0]):m.start()])
        if own or opener:
            last = (m.start(), m.end())
    for m in r.reset_re.finditer(s, para[0], pos):
        if last is None or m.start() >= last[1]:
            last = None
    avg = s.rfind(r.raw["average_word"], clause_start, pos)
    if avg >= 0 and (last is None or not _compiled(r.raw["multi_year_period"]).search(s[last[0]:last[1]])):
        return avg, avg + len(r.raw["average_word"])  # 地区生产总值年均增长5.5%: a yearly average over a plan period
    return last


def _alias_phrase(s: str, h: AliasHit, lo: int, hi: int) -> tuple[int, int]:
    """Where the metric is written around alias ``h`` (inside ``s[lo:hi]``): with 新增 or a money threshold
    in front (新增地方债, 500万元以上重点项目), with the enterprise/project noun it qualifies behind
    (新增资质内 → 新增资质内建筑企业), without a leading 完成 (完成税收 → 税收)."""
    a, b = h.start, h.end
    if s.startswith("完成", a) and b - a > 3:
        a += 2
    lead = re.search(r"(?:新增|(?:[0-9.]+|[一二三四五六七八九十百千]+)?[万亿]元?(?:及)?以上的?)$", s[lo:a])
    if lead:
        a = lo + lead.start()
    tail = re.fullmatch(r"[\u4e00-\u9fff]{1,6}?(?:企业|项目)", s[b:hi])
    if tail:
        b = hi
    return a, b


# lead words only where no metric name can start with them (not 在建, 对口, 要素)
_OTHER_LEAD = re.compile(r"(?:其中|同比|分别|共计|共|累计|全年|今年|去年|预计|我们|我市|我县|我区|要力争|力争|确保|争取|"
                         r"并对|还要对|要对|仅|“|\"|（|\(| )+")
_OTHER_TAIL = re.compile(r"(?:达到了|达到|达|完成了|完成|实现了|实现|为|是|在|保持在|超过了|超过|突破|不低于|不得|增长|下降|"
                         r"上浮|下浮|均|都|各|了|已|约|近|将近|要|力争|(?<![高初集空])中|”|\"|（|）|\(|\)| )+$")


def _other_text(s: str, t: str, a: int, b: int) -> str:
    """``t[a:b]`` as the metric's name: without lead-in (其中, 我们要力争, 并对) and trailing verbs or cues,
    found on the Simplified view (the word lists are Simplified) and sliced from the original."""
    lead = _OTHER_LEAD.match(s, a, b)
    a = lead.end() if lead else a
    tail = _OTHER_TAIL.search(s, a, b)
    return t[a:tail.start() if tail else b]


# ---------------------------------------------------------------- the extractor
def extract_indicators(doc: SpeechDoc) -> list[dict]:
    r = rules()
    s, t = doc.simplified, doc.text
    layout = _Layout(s)
    positions = _positions(s, doc.year, r)
    position_starts = [p[0] for p in positions]
    figs = _candidates(s, r)
    fig_ends = frozenset(f.end for f in figs)
    rows: list[dict] = []
    prev_in_sentence: _Fig | None = None
    prev_metric_fig: _Fig | None = None  # the last non-rank figure of the sentence: what a bare clause continues
    last_count: _Fig | None = None  # the last count of the sentence: what a total after a growth rate sums
    wr = doc.is_work_report  # the later codes name a metric only in a work report (metrics.work_report_codes)
    prev_sentence = None
    prev_para = None
    para_subject: str | None = None
    for f in figs:
        sent = layout.sentence(f.start)
        para = layout.paragraph(f.start)
        if sent != prev_sentence:
            prev_in_sentence = prev_metric_fig = last_count = None
        if para != prev_para:
            para_subject = None
        cstart = _clause_start(s, f.start, sent[0])
        clause = s[cstart:f.start]
        measure, direction = _measure(f, s, clause, prev_in_sentence, r)

        # metric: the head noun after a count, else the nearest alias in the clause, else carried
        metric, metric_text, alias_start, bare_text = None, None, None, None
        phrase = s[f.end:_clause_end(s, f.end)]
        head = _head(phrase)
        if head in r.words("level_heads") and s.startswith("、", f.end + len(phrase)):
            # 新建8个国家级、36个省级临床重点专科: the counted noun follows the list of levels
            phrase = head = s[f.end:_clause_end(s, f.end, CLAUSE_END)]
        if f.rank:
            metric = "rank"
            hit = _last(r.words("rank_cues"), s[sent[0]:f.start])
            metric_text = _other_text(s, t, cstart, f.start) or (hit[1] if hit else None)
        elif f.family == "count" and f.expr is not None and (f.unit or "个").startswith("个") and (
                place := _counted_place(f.unit, head, r)):
            # 5个县还没有新增…, 3个乡镇新增…为零: counts places; the metric named later is not what is counted.
            # Places are counted in 个; another unit counts what the place word qualifies (2.9万所乡镇卫生院)
            metric, metric_text = in_scope(r.raw["place_count_metric"], wr), place
        elif f.family == "count" and f.expr is not None and f.unit in r.raw["new_enterprise_units"] \
                and s.endswith("新增", 0, f.start) and head.startswith(_words("new_enterprise_heads")):
            # 新增1家规模工业: a newly registered enterprise of a statistical class
            metric, metric_text = "new_enterprises", t[f.start - 2:f.start] + t[f.end + len(phrase) - len(head):f.end + len(phrase)]
        elif f.family in ("count", "money", "measure") and head and re.match(r"[“\"]?[\u4e00-\u9fff0-9]", head) \
                and f.expr is not None and not head.startswith(("目标", "任务", "预期目标")) \
                and not (_listed_after(prev_metric_fig, f, s)
                         and not find_aliases(s, f.end, f.end + len(phrase), work_report=wr, family=f.family)):
            hits = find_aliases(s, f.end + (len(phrase) - len(head)), f.end + len(phrase), work_report=wr,
                                family=f.family)
            if f.family == "measure" and not hits:
                pass  # 完成134公里架空线入地: only a named metric after a measure; else the clause before names it
            elif hits and all(is_fallback_head(h.alias) for h in hits) and find_aliases(
                    s, cstart, f.start, work_report=wr, family=f.family):
                pass  # 中央财政安排423亿元资金: funds are of the metric named before them
            elif hits:
                # the thing counted, not a rate said of it (155个计划建设项目开复工率只有**%)
                counted = [h for h in hits if for_family(h.metric, "count") in ("projects", "new_enterprises")]
                h = counted[0] if counted and f.family == "count" else hits[-1]
                lo = f.end + (len(phrase) - len(head))
                a, b = _alias_phrase(s, h, lo, h.end)
                if h in counted and re.fullmatch(r"[\u4e00-\u9fff]{1,12}", s[lo:a]):
                    a = lo  # the counted noun with what qualifies it: 集中开工的重点项目, 手续齐全的入库项目
                if f.family == "money" and phrase.startswith(("以上", "及以上")):
                    a = f.start  # a threshold names a class: 500万元以上重点项目
                metric, metric_text = for_family(h.metric, f.family), t[a:b]
                if metric == OTHER:  # a report code's word outside a report: the noun as written (国家二级铁路物流基地)
                    metric_text = t[lo:b + len(generic_head_at(s, b))]
                if a == lo and s.endswith("新增", 0, f.start):
                    metric_text = t[f.start - 2:f.start] + metric_text  # 新增1.848万亿地方债: 新增地方债
            elif not head.startswith(_words("head_not_noun")) and not _milestone(head, r) and (
                    f.family == "count" or not (re.match(r"(?:以上|以下|左右|，|。)", phrase)
                                                or _names_metric_before(s, cstart, f.start, prev_metric_fig, wr))):
                # money before a noun names it (8000亿元专项再贷款) unless its clause already named
                # the metric (纳税超过100万企业, 专项债的1/3、也就是1万多亿提前…)
                metric = OTHER
                h0 = f.end + len(phrase) - len(head)
                metric_text = _other_text(s, t, h0, min(h0 + 20, f.end + len(phrase)))
        if metric is None:
            hits = find_aliases(s, cstart, f.start, work_report=wr, family=f.family)
            listed = len(hits) >= 2 and all(re.sub(r"[（(][^）)]*[）)]|[“”]", "", s[a.end:b.start]) in ("、", "和", "及", "与")
                                            for a, b in zip(hits, hits[1:]))
            values = [g for g in figs if hits[-1].end <= g.start < _clause_end(s, hits[-1].end, CLAUSE_END)] \
                if listed else []
            if listed and "分别" in s[hits[-1].end:f.start] and len(values) == len(hits):
                # A、B分别为4.8%左右和4.3%左右: the values follow the metrics in order
                hits = [hits[next(k for k, g in enumerate(values) if g is f)]]
            elif listed and len({h.metric for h in hits}) >= 2 and re.search("[均都]|分别", s[hits[-1].end:f.start]):
                # one figure shared by a list of metrics (A、B、C五项指标均增长5%): other, the list as written
                metric, metric_text = OTHER, t[hits[0].start:_clause_end(s, hits[-1].end, "，,。；均都分别")]
                hits = []
            hits = _numerators(s, cstart, f.start, hits)
            if hits:
                h = hits[-1]
                a, b = _alias_phrase(s, h, cstart, f.start)
                metric, metric_text, alias_start = for_family(h.metric, f.family), t[a:b], a
                rate = re.match(r"[\u4e00-\u9fff]{0,6}?率", s[h.end:f.start])
                if f.family == "percent" and rate and for_family(h.metric, "count") in ("projects", "new_enterprises"):
                    # 项目申报通过率**%: a rate said of projects, not a count of them
                    metric, metric_text = OTHER, t[h.start:h.end + rate.end()]
        if metric is None and prev_in_sentence is None and cstart > sent[0] and (
                f.start - cstart <= 4 or len(_residue(clause, r)) < 2 or _SHARE_OPENER.match(clause)):
            # a bare verb clause (…的宏观调控目标，定为百分之八至九; 钢的产量，一九五八年比一九五七年增长了…)
            # or a share (经济总量跨过3个万亿元大关，占全国比重由7.2%…): the metric named just before it
            before = _clause_start(s, cstart - 1, sent[0])
            hits = _numerators(s, before, cstart - 1, find_aliases(s, before, cstart - 1, work_report=wr,
                                                                  family=f.family))
            topic = len(_residue(clause, r)) < 2 and s.endswith(_words("topic_measure_nouns"), before, cstart - 1)
            back = before
            # only a verb clause with no noun of its own after the figure either (not 占…的四分之一, 43所高校、…)
            walk = wr and not topic and not _SHARE_OPENER.match(clause) and not re.match(r"[\u4e00-\u9fff]", head) \
                and not re.search(r"[所个][\u4e00-\u9fff]", f.unit or "")
            while walk and not hits and back > sent[0]:
                # no figure before it in the sentence: the clauses before all set the topic (继续推进保障性安居工程
                # 建设，在确保质量的前提下，基本建成500万套)
                back, end = _clause_start(s, back - 1, sent[0]), back - 1
                hits = _numerators(s, back, end, find_aliases(s, back, end, work_report=wr, family=f.family))
            if hits:
                h = hits[-1]
                metric, metric_text = for_family(h.metric, f.family), t[h.start:h.end]
                if measure == "level" and f.family == "percent" and any(
                        w in s[h.start:cstart] for w in r.words("growth_up")):
                    measure, direction = "growth", "up"
            elif topic:
                # no code named before either: a clause before that ends in what is measured says what the
                # figure is (生产资料在工业总产值中所占的比重，将由1955年的46%…; 糖的产量，比上一年增加…)
                bare_text = _other_text(s, t, before, cstart - 1)
                if wr and (product := _one_character_product(s, before, cstart - 1, r)):
                    metric, metric_text = product[0], t[product[1]:product[1] + 1]  # 糖的产量，比上一年…
                if measure == "level" and f.family == "percent" and re.search("比重|比例|占比", s[before:cstart]):
                    measure = "share"
        prev_m = prev_metric_fig
        if metric is None:
            bare = re.sub(r"(?:同比|分别|均|都|各)*(?:增长|下降|增速|增幅)?(?:了|达到|达|为)?$", "", s[cstart:f.start])
            for word, by_family in r.raw["bare_word_metrics"].items():
                if bare.endswith(word) and f.family in by_family and not bare[:-len(word)].endswith(
                        _words("bare_word_blockers")) and in_scope(by_family[f.family], wr) != OTHER:
                    # 投资X万以上的…项目; XX投资分别下降X%: no alias, the bare word says enough
                    metric, metric_text = by_family[f.family], _other_text(s, t, cstart, cstart + len(bare))
        if metric is None and wr and f.family in ("measure", "percent") and (
                product := _one_character_product(s, cstart, f.start, r)):
            metric, metric_text = product[0], t[product[1]:product[1] + 1]
        if metric is None and f.family == "count" and last_count is not None and prev_m is not last_count \
                and re.match(r"(?:总量|总数|累计|合计|共计|总计)", clause):
            prev_m = last_count  # 新登记经营主体320万户、增长13%，总量达2037.7万户: the total of the count before
        if metric is None and prev_m is not None:
            # within one clause only the words since the previous figure count (经营主体达1095.2万户、增长5.9%)
            words = _residue(s[prev_m.end:f.start] if prev_m.start >= cstart else clause, r)
            # a bare clause (也就是1万多亿), or one repeating the end of the previous metric (财政总收入…，XX总收入…)
            # a count never continues a percentage (…增长9.94%，新增国家级开发区1家): its noun was stripped as an owner
            # a clause opening with 占 gives the share of the previous figure (…9万亿元，占全国比重6.5%),
            # one opening with 其中 a part of it (进出口总值增长12.3%，其中对中亚五国增长48.1%), and a value listed
            # right after it is of its metric (分别增长4.8%、22.3%; 分别达到52个和204项)
            listed = _listed_after(prev_m, f, s)
            if (len(words) < 2 or words in re.sub(r"[XＸ*＊]+", "", prev_m.row["metric_text"] or "") or listed
                    or _SHARE_OPENER.match(clause) or clause.startswith("其中")) and not (
                    f.family == "count" and prev_m.family in ("percent", "fraction")
                    and _filler_re().sub("", clause)):
                # …except a level said by filler words alone (旅客吞吐量增长16.6%，突破8700万人次)
                pm = prev_m.row
                metric = for_family(pm["metric"], f.family) if pm["metric"] in ("projects", "project_investment") \
                    else pm["metric"]
                metric_text = pm["metric_text"]
        if metric is None:
            metric = OTHER
            h0 = f.end + len(phrase) - len(head)
            metric_text = bare_text or _other_text(s, t, cstart, f.start) or _other_text(
                s, t, h0, min(h0 + 20, f.end + len(phrase))) or None
        if metric == OTHER and f.family == "count" and (noun := re.search(r"(?<=所)[\u4e00-\u9fff]+$", f.unit or "")) \
                and (hits := find_aliases(s, f.end - len(noun[0]), f.end, work_report=wr, family="count")):
            # 43所高校、职业院校和538所中小学…结对: the unit is the counted noun
            metric, metric_text = hits[-1].metric, t[f.end - len(noun[0]):f.end]
        if metric == OTHER and wr and f.family in ("count", "percent") and (
                ben := _beneficiaries(s, cstart, f, phrase)) and (
                carried := _measure_before(s, sent[0], cstart, prev_metric_fig)):
            # 改造老旧小区2187个，惠及居民约21万户; 5700多万人受益: people a measure reaches, counted with no metric
            # of their own (惠及企业2.2万户 stays enterprises), are of the measure's metric
            metric, metric_text = carried, t[ben[0]:ben[1]]

        per = _period(s, para, cstart, f.start, r)
        where = _position_at(positions, position_starts, f.start)
        if where == "plan" and _compiled(r.raw["review_para_openers"]).search(s, para[0], sent[0]):
            where = None  # 2011年是…开局之年。过去一年，…。国内生产总值增长10.3%: the paragraph looks back
        status, commitment = _status(f, s, sent, _para_has_estimate(s, para, f.start, r), r, fig_ends,
                                     where, doc.year, s[per[0]:per[1]] if per else None,
                                     per is not None and _past_period(s, per, doc.year, r))
        sub = _subject(f, s, cstart, alias_start, r)
        subject = t[sub[0]:sub[1]] if sub else None
        if subject is None and prev_in_sentence is not None:
            subject = prev_in_sentence.row.get("subject")
        if subject is None and para_subject and s[sent[0] - 1:sent[0]] in "；;" and prev_para == para:
            subject = para_subject
        value = f.value
        row = {
            "char_start": f.start,
            "char_end": f.end,
            "span_text": t[f.start:f.end],
            "sentence": t[sent[0]:sent[1]].strip(),
            "metric": metric,
            "metric_text": metric_text or None,
            "subject": subject,
            "value": None if f.is_masked else value,
            "value_max": None if f.is_masked else f.value_max,
            "unit": f.unit,
            "value_base": None if f.is_masked else value_base(value, f.unit),
            "measure": measure,
            "direction": direction if measure == "growth" else None,
            "comparator": _comparator(f, s, r),
            "commitment": commitment,
            "status": status,
            "period_text": t[per[0]:per[1]] if per else None,
            "is_masked": f.is_masked,
        }
        f.row = row
        rows.append(row)
        prev_in_sentence = f
        if metric != "rank":
            prev_metric_fig = f
            if f.family == "count":
                last_count = f
        prev_sentence = sent
        prev_para = para
        if subject:
            para_subject = subject
    rows.sort(key=lambda x: (x["char_start"], x["char_end"]))
    return rows


# a clause that opens with 占 gives the share of the figure or metric before it; an adverb may come first
# (…的支出，共占本年支出的46.89%; …，约占全国的三分之一)
_SHARE_OPENER = re.compile(r"(?:共|约|大约|只|仅|也|则|就|已|将)?(?:分别|均|的)?占")


def _numerators(s: str, lo: int, hi: int, hits: list[AliasHit]) -> list[AliasHit]:
    """The hits of s[lo:hi] that name what a share measures: X占Y的比重, X相当于Y的比例, X在Y中的比重
    measure X; Y is only the denominator."""
    within = re.search(r"在[^，,。；]{1,12}?中(?:所占)?的?(?:比重|比例|占比)", s[lo:hi])
    within_at = lo + within.start() if within else -1
    share_word = s.rfind("占", lo, hi)
    if within and share_word >= within_at:
        share_word = -1  # the 所占 of 在Y中所占的比重: Y starts at 在
    share_of = max(share_word, s.rfind("相当于", lo, hi), within_at)
    return [h for h in hits if h.end <= share_of] if share_of >= 0 else hits


def _listed_after(prev: _Fig | None, f: _Fig, s: str) -> bool:
    """The figure is listed right after one of the same family whose metric is known (分别增长4.8%、6.2%;
    连跨5万亿元、6万亿元两个台阶): it is of that metric unless it names its own."""
    return prev is not None and prev.family == f.family and prev.row["metric"] != OTHER \
        and re.fullmatch(r"[、和及与]", s[prev.end:f.start]) is not None


def _names_metric_before(s: str, cstart: int, pos: int, prev: _Fig | None, work_report: bool) -> bool:
    """The figure's list item already names its metric (纳税超过100万企业), or is a bare restatement
    of the previous figure (专项债的1/3、也就是1万多亿): not in an earlier item (地方债、央行8000亿元…)."""
    seg = s[max(cstart, s.rfind("、", cstart, pos) + 1):pos]
    return bool(find_aliases(seg, work_report=work_report)) or (
        prev is not None and re.fullmatch(r"(?:也就是|即|约|合计|共计)", seg) is not None)


def _beneficiaries(s: str, cstart: int, f: _Fig, phrase: str) -> tuple[int, int] | None:
    """Where a count of beneficiaries says so: 惠及居民约21万户 (before the figure), 5700多万人受益 (after it)."""
    before = _words_re("beneficiary_words").search(s, max(cstart, f.start - 8), f.start)
    if before:
        end = f.start - len(re.search(r"(?:约|近|超过|超|达到|达|共|累计)*$", s[before.end():f.start]).group())
        return before.start(), end
    after = _words_re("beneficiary_words").search(phrase, 0, 8)
    return (f.end, f.end + after.end()) if after else None


def _measure_before(s: str, sent_start: int, cstart: int, prev: _Fig | None) -> str | None:
    """The metric of the measure a beneficiary count follows: the figure before it in the sentence, else the
    last metric named before it (落实国家育儿补贴政策，惠及154万户家庭)."""
    if prev is not None:
        return prev.row["metric"] if prev.row["metric"] not in (OTHER, "rank") else None
    hits = find_aliases(s, sent_start, cstart)
    return for_family(hits[-1].metric, "count") if hits else None


def _one_character_product(s: str, lo: int, hi: int, r: Rules) -> tuple[str, int] | None:
    """The code and offset of the one character by which s[lo:hi] names a product and nothing else (纸四万吨,
    糖增加了2.3倍, 如铁增长…, 糖的产量): the product lists of the 1950s–80s reports. Not aliases in
    metrics.yaml: as an alias one character would match inside every word that holds it (电 of 电商)."""
    one = re.fullmatch(r"(?:例如|如|像)?(.)(?:产量)?", _residue(s[lo:hi], r))
    if not one or one[1] not in r.raw["one_character_products"]:
        return None
    return r.raw["one_character_products"][one[1]], s.index(one[1], lo, hi)


def _counted_place(unit: str | None, head: str, r: Rules) -> str | None:
    """The administrative unit a count counts (县 in 5个县还没有…, 村 in 300个村都…), else None. The unit must
    end the noun (县还…, 县（市）, 县市获评), not begin or qualify one (市场, 村民, 村级站点, 行政村生活污水治理)."""
    heads = r.words("place_count_heads")
    word = (unit or "")[1:]
    if word not in heads:
        word = next((w for w in heads if head.startswith(w)), "")
        head = head[len(word):]
    if word and (not head or not _CJK.match(head[0]) or head.startswith(_words("place_head_followers"))):
        return word
    return None


def _full_sentence_start(s: str, pos: int) -> int:
    """Start of the sentence holding ``pos`` back over its ；-parts (_Layout.sentence stops at ；)."""
    return max(s.rfind(c, 0, pos) for c in "。！？!?\n") + 1


def _para_has_estimate(s: str, para: tuple[int, int], pos: int, r: Rules) -> bool:
    """预计 carries over the ；-joined clauses of its sentence (预计到年末，A完成…；B完成…。), not past its 。."""
    lead = s[max(para[0], _full_sentence_start(s, pos)):pos]
    return any(w in lead for w in r.words("estimate_cues"))


def _announces_aims(lead_in: str, r: Rules) -> bool:
    """The sentence before a colon announces aims (主要预期目标是：, 继续办好以下民生实事：), not topics
    (这里我重点强调以下几个方面：) nor a review (主要做了以下工作：)."""
    last = re.split(r"[。！？!?]", lead_in)[-1]
    if any(p in last for p in r.words("past_markers")):
        return False
    return any(w in last for w in r.words("list_aim_words"))


def _announced_list(s: str, pos: int, fig: int, r: Rules, max_item: int = 150) -> bool:
    """The figure is an item of a list announced as aims: paragraphs after 主要预期目标是：⏎, or
    enumerated sentences after a colon in its own paragraph (…民生实事：一是新建农村公路80公里。二是…)."""
    p_start = s.rfind("\n", 0, pos) + 1
    colon = max(s.rfind("：", p_start, fig), s.rfind(":", p_start, fig))
    if colon >= 0:
        items = [x for x in re.split(r"(?<=[。！？!?])", s[colon + 1:fig]) if x]
        if items and all(re.match(r.raw["list_item_opener"], x) for x in items):
            return _announces_aims(s[p_start:colon], r)
    for _ in range(12):
        if p_start == 0:
            return False
        prev_end = p_start - 1
        prev_start = s.rfind("\n", 0, prev_end) + 1
        prev = s[prev_start:prev_end]
        if prev.endswith(("：", ":")):
            return _announces_aims(prev, r)
        if len(prev) > max_item:
            return False
        p_start = prev_start
    return False


# ---------------------------------------------------------------- status by position (work reports)
_TOP_HEADING = re.compile(r"[一二三四五六七八九十]+、|第[一二三四五六七八九十]+部分")
_YEAR4 = re.compile(r"(?<![0-9０-９一二三四五六七八九○〇零])((?:19|20)[0-9]{2}|(?:１９|２０)[０-９]{2}|"
                    r"[一二][九〇○零][一二三四五六七八九○〇零]{2})年")
_YEAR_DIGITS = str.maketrans("○〇零一二三四五六七八九０１２３４５６７８９", "0001234567890123456789")


def _year_of(m: re.Match[str]) -> int:
    """The year a _YEAR4 match names: 2024年, 一九五八年."""
    return int(m.group(1).translate(_YEAR_DIGITS))


def _positions(s: str, year: int | None, r: Rules) -> list[tuple[int, int, str]]:
    """(start, end, "review" | "plan") of the lines of a work report: the review sections the metadata
    knows (metadata._review_sections), headings of achievements and runs of paragraphs opening with
    过去一年/五年来…; the plan is everything after the first review (二、2025年主要预期目标, 三、重点工作)
    except later reviews. A speech with no review has no positions: cue words alone decide."""
    from ..metadata import _review_sections  # lazy: metadata imports extract.scan

    known = [(a, e) for a, e, _ in _review_sections(s)]
    extra = _compiled(r.raw["review_heading_extra"])
    opens_review = _compiled(r.raw["review_para_openers"])
    opens_plan = _compiled(r.raw["plan_para_openers"])
    out: list[tuple[int, int, str]] = []
    state, seen_review, pos = None, False, 0
    cut = -1  # a known review ends early at a paragraph of plans (今年是“十五五”开局之年): up to here it is plan
    for line in s.split("\n"):
        head = line.lstrip()
        known_end = next((e for a, e in known if a <= pos < e), None)
        if any(a == pos for a, _ in known):
            # a review the metadata knows runs on past its end to the next heading or plan paragraph
            # (各位代表！2025年主要目标任务的完成… is no plan heading)
            state = "review"
        elif _TOP_HEADING.match(head):
            state = "review" if extra.search(head[:40]) else ("plan" if seen_review else None)
        elif opens_review.search(head[:12]):
            state = "review"
        elif (state == "review" or known_end is not None) and (m := opens_plan.match(head)):
            y = _YEAR4.search(m.group())
            plan_no = re.search(r"十[一二三四五六七八九]五", m.group())
            # a year or plan period before the speech's is still the review (“十四五”时期，全省… in 2026)
            if plan_no and _future_period(plan_no.group(), year, r) or not plan_no and (
                    not y or year is None or _year_of(y) >= year):
                state = "plan"
                cut = known_end if known_end is not None else cut
        kind = "review" if known_end is not None and pos >= cut else state
        if kind == "review":
            seen_review = True
        if kind and line.strip():
            out.append((pos, pos + len(line), kind))
        pos += len(line) + 1
    return out


def _position_at(positions: list[tuple[int, int, str]], starts: list[int], pos: int) -> str | None:
    k = bisect.bisect_right(starts, pos) - 1
    return positions[k][2] if k >= 0 and pos < positions[k][1] else None


_PLAN_NO = {c: i for i, c in enumerate("一二三四五六七八九", 1)}


_OWN_YEAR = re.compile(r"(?:从|自|在|到|至)?([0-9０-９一二三四五六七八九○〇零]{4})年")


def _past_period(s: str, per: tuple[int, int], year: int | None, r: Rules) -> bool:
    """The period opens with a year of its own before the speech's (1948年的钢产量, 到一九三三年), not a
    base of comparison (比2025年增长2%) nor a period still to come."""
    m = _OWN_YEAR.match(s, per[0], per[1])
    return bool(m) and year is not None and not s.endswith(("比", "较", "同", "与", "和", "于"), 0, per[0]) \
        and _year_of(m) < year and not _future_period(s[per[0]:per[1]], year, r)


def _future_period(period: str, year: int | None, r: Rules) -> bool:
    """The period is still to come for a speech of ``year``: 今后五年, 明年, 到2030年, “十五五”期间
    (the Nth five-year plan from the 6th, 1981-1985, on ends in 1985 + 5·(N-6))."""
    if _compiled(r.raw["future_period"]).search(period):
        return True
    m = re.match(r"^(?:到|至)((?:19|20)[0-9]{2})年", period)
    if m:
        return year is None or int(m.group(1)) >= year
    m = re.search(r"十([一二三四五六七八九])五", period)
    if m and "以来" not in period:
        return year is not None and 1985 + 5 * (10 + _PLAN_NO[m.group(1)] - 6) >= year
    return False


def _past_in_plan(lead: str, year: int | None, r: Rules) -> bool:
    """In the plan part, the sentence so far says the figure is past: a past marker (去年, 已经) or a
    year before the speech's (2024年…增长5.4%), unless the plan's own time comes after it
    (去年已经建成2万套，今年再建3万套)."""
    now = max((m.end() for m in _compiled(r.raw["plan_present"]).finditer(lead)), default=0)
    lead = lead[now:]
    if _compiled(r.raw["plan_past_markers"]).search(lead):
        return True
    # a base of comparison is no past statement (比一九五七年增长百分之十, 由2025年的…提高到)
    return year is not None and any(_year_of(m) < year and not re.search(r"(?:比|较|由|从|同|与)$", lead[:m.start()])
                                    for m in _YEAR4.finditer(lead))
