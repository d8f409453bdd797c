"""Entities (ANNOTATION.md §4): bodies, companies, places, people, documents, projects.

No NER model works offline here (notes/CHINESE_NLP.md: jieba tags 夏邑县 as a
person, LAC/HanLP need the network), and the genre is narrow, so mentions are
found by rules kept as data in rules/entities.yaml:
- lexicons of fixed names (国务院, 党中央, 习近平, 国开行, 粤港澳大湾区);
- the administrative-division gazetteer (places.py, GB/T 2260 codes);
- compounds STEM + SUFFIX where the suffix gives the type (…机场 → project,
  …有限公司 → company, …示范区 → place, 市 + 发改委 → gov_body); the stem runs
  back from the suffix to punctuation or a boundary word and must not be made
  of generic words only (保税物流中心 is no name, 商丘保税物流中心 is);
- lists: the items of 甲、乙等重点项目 are projects, of 发改、财政等部门
  departments, of 甲等龙头企业 companies.
Candidates that overlap resolve to the longest (nested names give the longest
mention only, e.g. 虞城县食品工业园 not 虞城县).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from ..document import SpeechDoc
from .. import places

CJK = "一-鿿"
MASK = re.compile(r"[Xx×*＊]")
PUNCT = "，。；：！？、,.;:!?（）()《》“”\"'‘’【】[]—…·\n 　"


@dataclass
class Cand:
    start: int
    end: int
    type: str
    name: str
    admin_code: str | None = None
    rank: int = 0
    """Tie-break among candidates of the same span: lower wins."""


# ---------------------------------------------------------------- rules
@lru_cache(maxsize=None)
def rules() -> dict:
    return yaml.safe_load(resources.files("jianghua").joinpath("rules/entities.yaml").read_text("utf-8"))


def _alt(words) -> str:
    """Regex alternation, longest first (so 自然资源和规划 wins over 自然资源)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=None)
def _compiled() -> dict[str, re.Pattern]:
    r = rules()
    g, p, c, pj = r["gov"], r["party"], r["company"], r["project"]
    not_after = f"(?<![{g['prefix_not_after']}])"
    # 部门 after 财政部: look back one character, then ahead (财政部|门); 部署 after 政府 is fine
    not_before = "".join(f"(?<!{re.escape(w[0])}(?={re.escape(w[1:])}))" for w in g["suffix_not_before"])
    level = f"(?:{not_after}(?:{_alt(g['level_prefixes'])}))"
    dept = f"(?:{_alt(g['department_stems'])})(?:{_alt(g['department_suffixes'])}){not_before}"
    whole = f"(?:{_alt(g['whole'])}){not_before}"
    title_after = p["title_after"]
    party_levels = [x for x in g["level_prefixes"] if x not in ("国家", "县市", "市县", "县市区")]
    return {
        "gov_lexicon": re.compile(f"(?:{_alt(g['lexicon'])}){not_before}"),
        "gov_level": re.compile(f"{level}(?:{whole}|{dept})"),
        "gov_dept": re.compile(dept),
        "gov_after_place": re.compile(f"(?:{whole}|{dept})"),
        "subunit": re.compile(g["subunit"]),
        "founded": re.compile(g["founded"]),
        "typed": re.compile(g["typed"]),
        "agency": re.compile(g["agency"]),
        "party_lexicon": re.compile(f"(?:{_alt(p['lexicon'])})(?!{title_after})"),
        "party_centre": re.compile(p["bare_centre"]),
        "party_level": re.compile(
            f"(?:(?<![{g['prefix_not_after']}])(?:{_alt(party_levels)}))(?:{_alt(p['level_organs'])})(?!{title_after})"),
        "party_after_place": re.compile(f"(?:{_alt(p['level_organs'])})(?!{title_after})"),
        "party_bare": re.compile(f"(?<![{CJK}])纪委(?!{title_after})"),
        "company_lexicon": re.compile(f"(?:{_alt(c['lexicon'])})"),
        "company_suffix": re.compile(_alt([s for s in c["suffixes"] if s not in c["suffixes_after_name_only"]])),
        "industry_after_name": re.compile(
            f"([{CJK}]?)({_alt(c['suffixes_after_name_only'])})(?!产业|行业|工业|企业|加工|项目|基地|集群|园|业)"),
        "bank": re.compile(c["bank"]),
        # 高速 is also an adverb (高速增长)
        "project_suffix": re.compile(f"(?:{_alt(pj['suffixes'])})(?!增长|发展|度|运转|前进|推进|运行)"),
        "numbered": re.compile(pj["numbered"]),
        "zone_suffix": re.compile(_alt(r["zone"]["suffixes"])),
        "regions": re.compile(_alt(r["regions"])),
        "township": re.compile(r["township"]["suffix"]),
        "boundary": re.compile(_alt(r["boundary_words"])),
        "generic": re.compile(_alt(r["generic_words"])),
        "doc_plan": re.compile(r["document"]["plan"]),
        "doc_unbracketed": re.compile(r["document"]["unbracketed"]),
    }


# ---------------------------------------------------------------- helpers
def _segment_start(s: str, end: int) -> int:
    """Start of the punctuation-free run that ends at ``end``."""
    i = end
    while i > 0 and s[i - 1] not in PUNCT:
        i -= 1
    return i


def _stem_start(s: str, end: int, floor: int | None = None) -> int:
    """Where a name ending at ``end`` starts: after the last boundary word of its run."""
    start = _segment_start(s, end) if floor is None else floor
    seg = s[start:end]
    cut = 0
    for m in _compiled()["boundary"].finditer(seg):
        cut = max(cut, m.end())
    return start + cut


def _specific(stem: str) -> bool:
    """Something of two CJK characters is left once generic words, numbers and measure words go."""
    if not stem or MASK.search(stem):
        return False
    rest = _compiled()["generic"].sub("", stem)
    rest = re.sub(r"[0-9A-Za-z０-９.%]+[个批类项家座条所]?|[一二三四五六七八九十百千两]+[个批类项家座条所大]", "", rest)
    return len(re.findall(f"[{CJK}]", rest)) >= 2


def _list_items(s: str, end: int) -> list[tuple[int, int]]:
    """Items of a 、-list ending at ``end`` (the last item ends there), left to right."""
    items = []
    pos = end
    while True:
        i = pos
        while i > 0 and s[i - 1] not in PUNCT:
            i -= 1
        items.append((i, pos))
        if i > 0 and s[i - 1] == "、":
            pos = i - 1
            continue
        break
    items.reverse()
    # the first item starts after a boundary word (加快大兴寨 → 大兴寨)
    first_s, first_e = items[0]
    items[0] = (_stem_start(s, first_e, first_s), first_e)
    return items


def _items_after(s: str, end: int, last: re.Pattern) -> list[tuple[int, int]]:
    """Items that continue a list after ``end`` (、甲、乙项目为突破口 → 甲, 乙项目), each cut
    after its last ``last`` match; stops at the first item without one."""
    out = []
    pos = end
    while pos < len(s) and s[pos] == "、":
        a = pos + 1
        b = a
        while b < len(s) and s[b] not in PUNCT:
            b += 1
        hits = list(last.finditer(s, a, b))
        if not hits:
            break
        out.append((a, hits[-1].end()))
        pos = hits[-1].end()
        if pos != b:
            break
    return out


def _strip_quoted_tail(s: str, a: int, b: int) -> int:
    """新钢铁“绿色智造” → end of 新钢铁."""
    m = re.search(r"“[^”]*”$", s[a:b])
    return a + m.start() if m else b


# ---------------------------------------------------------------- families
def _documents(s: str) -> list[Cand]:
    out = []
    max_len = rules()["document"]["max_title"]
    for m in re.finditer(r"《([^《》\n]{1,%d})》" % max_len, s):
        out.append(Cand(m.start(), m.end(), "document", m.group(1)))
    for m in _compiled()["doc_plan"].finditer(s):
        out.append(Cand(m.start(), m.end(), "document", m.group(0)))
    for m in _compiled()["doc_unbracketed"].finditer(s):
        out.append(Cand(m.start(1), m.end(1), "document", m.group(1)))
    return out


def _people(s: str) -> list[Cand]:
    pr = rules()["person"]
    out: list[Cand] = []
    for alias, name in pr["aliases"].items():
        for m in re.finditer(re.escape(alias), s):
            out.append(Cand(m.start(), m.end(), "person", name))
    for m in re.finditer(_alt(pr["lexicon"]), s):
        out.append(Cand(m.start(), m.end(), "person", m.group(0)))
    surnames = set(pr["surnames"])
    compound = set(pr["compound_surnames"])
    bad = set(pr["not_in_name"])
    stop = set(pr["stop_names"])
    titles = re.compile(f"(?:常务)?(?:{_alt(pr['titles'])})")
    for m in titles.finditer(s):
        t = m.start()
        best = None
        for n in (3, 2):
            a = t - n
            if a < 0:
                continue
            name = s[a:t]
            if any(ch in bad for ch in name) or name in stop:
                continue
            if not (name[0] in surnames or name[:2] in compound):
                continue
            before = s[a - 1] if a > 0 else "。"
            # a name stands after punctuation or after the organ it heads (发改委何立峰主任)
            if not (before in PUNCT or before in "委社局厅部会院行司办府"):
                continue
            best = (a, name)
            break
        if best:
            a, name = best
            if not any(c.start <= a < c.end for c in out):
                out.append(Cand(a, t, "person", name))
            continue
        # surname + title for someone named in full earlier: 纪书记 → 纪政
        a = t - 1
        if a >= 0 and s[a] in surnames:
            prev = [c for c in out if c.name[0] == s[a] and c.end <= a and len(c.name) > 1]
            if prev:
                out.append(Cand(a, m.end(), "person", prev[-1].name, rank=1))
    return out


def _bodies(s: str, place_cands: list[Cand]) -> list[Cand]:
    cp = _compiled()
    out = []
    for m in cp["gov_lexicon"].finditer(s):
        out.append(Cand(m.start(), m.end(), "gov_body", m.group(0)))
    for m in cp["gov_level"].finditer(s):
        out.append(Cand(m.start(), m.end(), "gov_body", m.group(0)))
    for m in cp["gov_dept"].finditer(s):
        out.append(Cand(m.start(), m.end(), "gov_body", m.group(0), rank=1))
    for key in ("founded", "typed", "agency"):
        for m in cp[key].finditer(s):
            g = 1 if m.groups() else 0
            out.append(Cand(m.start(g), m.end(g), "gov_body", m.group(g)))
    for m in cp["party_lexicon"].finditer(s):
        out.append(Cand(m.start(), m.end(), "party_body", m.group(0)))
    for m in cp["party_centre"].finditer(s):
        out.append(Cand(m.start(), m.end(), "party_body", m.group(0), rank=2))
    for m in cp["party_level"].finditer(s):
        out.append(Cand(m.start(), m.end(), "party_body", m.group(0)))
    for m in cp["party_bare"].finditer(s):
        out.append(Cand(m.start(), m.end(), "party_body", m.group(0)))
    # a place name right before an organ makes one body: 睢县政府, 商丘市委
    for p in place_cands:
        for key, typ in (("gov_after_place", "gov_body"), ("party_after_place", "party_body")):
            m = cp[key].match(s, p.end)
            if m:
                out.append(Cand(p.start, m.end(), typ, s[p.start:m.end()]))
    # sub-units of an organ: 州政府督查室, 国务院复工复产调研组
    for c in list(out):
        if c.type == "gov_body":
            m = cp["subunit"].match(s, c.end)
            if m and not any(ch in PUNCT for ch in m.group(0)):
                out.append(Cand(c.start, m.end(), "gov_body", s[c.start:m.end()]))
    out.extend(_short_departments(s))
    return out


def _short_departments(s: str) -> list[Cand]:
    g = rules()["gov"]
    names = _alt(g["short_names"])
    after, before = re.compile(g["list_after"]), re.compile(g["list_before"])
    out = []
    for m in re.finditer(f"(?:{names})(?:(?:、|和|及|与)(?:{names}))+", s):
        a, b = m.span()
        if not (after.search(s[b:b + 10]) or before.search(s[max(0, a - 4):a])):
            continue
        # the list must not run on into a longer word (农业水利, 交通运输业)
        if b < len(s) and s[b] in "业厅局委部":
            continue
        for it in re.finditer(names, m.group(0)):
            out.append(Cand(a + it.start(), a + it.end(), "gov_body", it.group(0), rank=2))
    return out


def _places(s: str, jurisdiction_code: str | None) -> list[Cand]:
    cp = _compiled()
    out = []
    local = places.county_short_names_within(jurisdiction_code)
    local_full = set(places.county_full_names_within(jurisdiction_code))
    stop = set(rules()["places"]["ambiguous_short_names"])
    full_stop = set(rules()["places"]["ambiguous_full_names"])
    for a, b, name in places.place_matcher().find(s):
        glued = a > 0 and re.match(f"[{CJK}]", s[a - 1]) and s[a - 1] not in "、和及与"
        if name in stop or (name in full_stop and glued):
            continue
        # 范县, 康县: two-character names are too often the tail of a word (规范县级) unless they
        # lie in the speech's own prefecture
        if len(name) == 2 and name[-1] in "县区旗" and glued and name not in local_full:
            continue
        out.append(Cand(a, b, "place", name, places.resolve_admin_code(name, jurisdiction_code)))
    if local:
        for m in re.finditer(_alt(local), s):
            out.append(Cand(m.start(), m.end(), "place", m.group(0), local[m.group(0)], rank=1))
    for m in cp["regions"].finditer(s):
        out.append(Cand(m.start(), m.end(), "place", m.group(0)))
    tw = rules()["township"]
    stems, stem_not = set(tw["stop_stems"]), set(tw["stem_not"])
    for m in cp["township"].finditer(s):
        a = _stem_start(s, m.start())
        stem = s[a:m.start()]
        if 2 <= len(stem) <= 3 and stem not in stems and not (set(stem) & stem_not) and _specific(stem):
            out.append(Cand(a, m.end(), "place", s[a:m.end()], rank=1))
    # numbered slogans are no places: “六个望花”
    out = [c for c in out if not re.search(r"[一二三四五六七八九十两0-9]个$", s[max(0, c.start - 2):c.start])]
    # named zones: place-like stem + 开发区/示范区/都市圈 …
    for m in cp["zone_suffix"].finditer(s):
        a = _stem_start(s, m.start())
        stem = s[a:m.start()]
        starts_with_place = any(c.start == a and c.end <= m.start() for c in out)
        # 沈抚改革创新示范区: a short proper part first, generic words after it
        lead = re.match(f"[{CJK}]{{2,3}}", cp["generic"].sub("|", stem))
        if starts_with_place or (lead and stem.startswith(lead.group(0)) and _specific(stem)
                                 and len(cp["generic"].sub("", stem)) <= 3):
            out.append(Cand(a, m.end(), "place", s[a:m.end()]))
    return out


def _companies(s: str, place_cands: list[Cand]) -> list[Cand]:
    cp = _compiled()
    c = rules()["company"]
    out = []
    for m in cp["company_lexicon"].finditer(s):
        out.append(Cand(m.start(), m.end(), "company", m.group(0), rank=1))
    # place or known company + industry word: 抚顺特钢, 抚顺新钢铁, 五得利面粉
    for base in place_cands + list(out):
        m = cp["industry_after_name"].match(s, base.end)
        if m:
            out.append(Cand(base.start, m.end(), "company", s[base.start:m.end()]))
    stop = set(c["stop_stems"])
    for m in cp["company_suffix"].finditer(s):
        a = _stem_start(s, m.start())
        stem = s[a:m.start()]
        legal = m.group(0) in c["legal_suffixes"]
        if (len(stem) >= 2 and stem not in stop and not stem.endswith(tuple(stop))
                and not MASK.search(stem) and (legal or _specific(stem))):
            out.append(Cand(a, m.end(), "company", s[a:m.end()]))
    bank_stop = set(c["bank_stop_stems"])
    for m in re.finditer("银行", s):
        if s[m.end():m.end() + 1] == "业":
            continue
        a = _stem_start(s, m.start())
        stem = s[a:m.start()]
        if not (2 <= len(stem) <= 6) or MASK.search(stem) or any(w in stem for w in bank_stop):
            continue
        b = m.end()
        br = re.match(f"[{CJK}]{{2,4}}?(?:分行|支行)", s[b:])
        if br:
            b += br.end()
        out.append(Cand(a, b, "company", s[a:b]))
    # items of a list before 等…企业
    tail = re.compile(c["list_tail"])
    for m in re.finditer("等", s):
        if not tail.match(s[m.start():]):
            continue
        for a, b in _list_items(s, m.start()):
            b = _strip_quoted_tail(s, a, b)
            b = a + len(re.sub(r"(?:转型发展|精细发展|改造升级|盘活升级|发展|升级|改造)$", "", s[a:b]))
            item = s[a:b]
            # 石化产业 is an industry, not a firm
            if 2 <= len(item) <= 8 and _specific(item) and not re.search("(产业|行业|经济|农业|工业)$", item):
                out.append(Cand(a, b, "company", item, rank=2))
    # a company named in full once is named by its short form later: 抚顺新钢铁 → 新钢铁
    short = {}
    for x in out:
        for p in place_cands:
            if p.start == x.start and p.end < x.end and x.end - p.end >= 3:
                short[s[p.end:x.end]] = True
    if short:
        for m in re.finditer(_alt(short), s):
            out.append(Cand(m.start(), m.end(), "company", m.group(0), rank=3))
    return out


def _projects(s: str) -> list[Cand]:
    cp = _compiled()
    out = []
    suffix_hits = []
    for m in cp["project_suffix"].finditer(s):
        a = _stem_start(s, m.start())
        specific = _specific(s[a:m.start()])
        suffix_hits.append((a, m.end(), specific))
        if specific:
            out.append(Cand(a, m.end(), "project", s[a:m.end()]))
    for m in cp["numbered"].finditer(s):
        out.append(Cand(m.start(), m.end(), "project", re.sub("[“”]", "", m.group(0))))
    # lists of projects: 甲、乙等重点项目; 甲、乙项目; lists where an item is a named facility
    tail = re.compile(rules()["project"]["list_tail"])
    reject = re.compile(r"设施|领域|行业|方面|类|等|工作|问题|政策|资金|国债|专项债|债券|企业")
    item_end = re.compile(f"(?:{cp['project_suffix'].pattern}|项目)")
    ends = [m.start() for m in re.finditer("等", s) if tail.match(s[m.start():])]
    ends += [b for a, b, sp in suffix_hits]
    for end in sorted(set(ends)):
        items = _list_items(s, end) + _items_after(s, end, item_end)
        has_tail = bool(tail.match(s[end:]))
        if len(items) < 2 and not has_tail:
            continue
        # a named facility among the items makes the others projects too (锦州路商业街区、…、冷链物流项目)
        has_named = any(_specific(s[a:b]) and cp["project_suffix"].search(s[a:b]) for a, b in items)
        if not (has_tail or has_named):
            continue
        if any(reject.search(s[a:b]) for a, b in items):
            continue
        n_suffixed = sum(1 for a, b in items if item_end.search(s[a:b]))
        if not has_tail and n_suffixed * 2 < len(items):
            continue
        for a, b in items:
            item = s[a:b]
            if not (2 <= len(item) <= 20) or MASK.search(item):
                continue
            hit = item_end.search(item)
            suffixed = hit is not None and hit.start() > 0
            if _specific(item) or (suffixed and has_named):
                out.append(Cand(a, b, "project", item, rank=1))
    return out


# ---------------------------------------------------------------- resolve
def _resolve(cands: list[Cand]) -> list[Cand]:
    """Longest first; among equal spans the lowest rank; no two chosen overlap."""
    chosen: list[Cand] = []
    taken: list[tuple[int, int]] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.rank, c.start, c.type)):
        if c.end <= c.start:
            continue
        if any(c.start < b and a < c.end for a, b in taken):
            continue
        chosen.append(c)
        taken.append((c.start, c.end))
    return sorted(chosen, key=lambda c: (c.start, c.end))


def _normalize(c: Cand) -> str:
    name = c.name
    if c.type == "project":
        name = re.sub("[“”]", "", name)
    return name


def extract_entities(doc: SpeechDoc) -> list[dict]:
    s = doc.simplified
    jcode = places.resolve_admin_code(doc.jurisdiction) if doc.jurisdiction else None
    place_cands = _places(s, jcode)
    cands = (_documents(s) + _people(s) + _bodies(s, place_cands) + place_cands
             + _companies(s, place_cands) + _projects(s))
    rows = []
    for c in _resolve(cands):
        span = doc.text[c.start:c.end]
        if c.type in ("person", "place") and MASK.search(s[c.start:c.end]):
            continue  # a masked name (**同志, X省) is not a mention
        rows.append({"char_start": c.start, "char_end": c.end, "span_text": span, "type": c.type,
                     "name": _normalize(c), "admin_code": c.admin_code if c.type == "place" else None})
    return rows
