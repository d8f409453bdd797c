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

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from ..document import SpeechDoc
from .. import places
from .scan import fast

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
        "gov_group": re.compile(f"{level}{g['level_group']}"),
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
        # 纪委 alone, or glued to the verb before it when 监委 follows (移交纪委监委问责)
        "party_bare": re.compile(f"(?:(?<![{CJK}])纪委|纪委(?=监委))(?!{title_after})"),
        "general_offices": re.compile(g["general_offices"]),
        "supervision": re.compile(g["supervision"]),
        "dept_list_tail": re.compile(g["dept_list_tail"]),
        "dept_word": re.compile(f"(?:{_alt(g['dept_word_stems'])})部门"),
        "trade": re.compile(f"(?:{_alt(c['trade_suffixes'])})"),
        "company_list_tail": re.compile(c["list_tail"]),
        "phase": re.compile(pj["phase"]),
        "place_list_tail": re.compile(r["place_list_tail"].lstrip("^")),  # used with match(s, pos)
        "scenic": re.compile(_alt(r["scenic_suffixes"])),
        "landform": re.compile(f"[{r['landform_ends']}]$"),
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
    given_titles = set(pr["given_name_titles"])
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
            before = s[a - 1] if a > 0 else "。"
            # a leader is often named by the given name alone right after punctuation
            # (刚才，彦芳书记的讲话); otherwise the name starts with a surname
            given = n == 2 and before in PUNCT and m.group(0).removeprefix("常务") in given_titles
            if not (name[0] in surnames or name[:2] in compound or given):
                continue
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
    # a name found beside a title names the same person elsewhere (贯彻落实彦芳书记讲话精神)
    out.extend(_recurring(s, [c for c in out if len(c.name) >= 2 and s[c.start:c.end] == c.name], rank=2))
    return out


def _recurring(s: str, found: list[Cand], rank: int) -> list[Cand]:
    """Every other occurrence of names found by a context rule."""
    names = {c.name: c for c in found}
    if not names:
        return []
    out = []
    for m in re.finditer(_alt(names), s):
        c = names[m.group(0)]
        out.append(Cand(m.start(), m.end(), c.type, c.name, c.admin_code, rank=rank))
    return out


def _bodies(s: str, place_cands: list[Cand]) -> list[Cand]:
    cp = _compiled()
    out = []
    for m in fast(cp["gov_lexicon"]).finditer(s):
        out.append(Cand(m.start(), m.end(), "gov_body", m.group(0)))
    for m in fast(cp["gov_level"]).finditer(s):
        out.append(Cand(m.start(), m.end(), "gov_body", m.group(0)))
    for m in fast(cp["gov_dept"]).finditer(s):
        out.append(Cand(m.start(), m.end(), "gov_body", m.group(0), rank=1))
    for m in fast(cp["gov_group"]).finditer(s):
        out.append(Cand(m.start(), m.end(), "gov_body", m.group(0)))
    for key in ("founded", "typed", "agency"):
        for m in fast(cp[key]).finditer(s):
            g = 1 if m.groups() else 0
            out.append(Cand(m.start(g), m.end(g), "gov_body", m.group(g)))
    for m in fast(cp["party_lexicon"]).finditer(s):
        out.append(Cand(m.start(), m.end(), "party_body", m.group(0)))
    for m in fast(cp["party_centre"]).finditer(s):
        out.append(Cand(m.start(), m.end(), "party_body", m.group(0), rank=2))
    for m in fast(cp["party_level"]).finditer(s):
        out.append(Cand(m.start(), m.end(), "party_body", m.group(0)))
    for m in fast(cp["party_bare"]).finditer(s):
        out.append(Cand(m.start(), m.end(), "party_body", m.group(0)))
    for m in fast(cp["general_offices"]).finditer(s):
        typ = "party_body" if m.group(0) == "中办" else "gov_body"
        out.append(Cand(m.start(), m.end(), typ, m.group(0)))
    for m in fast(cp["supervision"]).finditer(s):
        out.append(Cand(m.start(), m.end(), "gov_body", m.group(0)))
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
        # the list must not run on into a longer word (农业水利, 交通运输业); 部门 is fine
        if b < len(s) and s[b] in "业厅局委部" and s[b:b + 2] != "部门":
            continue
        for it in re.finditer(names, m.group(0)):
            out.append(Cand(a + it.start(), a + it.end(), "gov_body", it.group(0), rank=2))
    # any items right before 等部门 / 两个部门 are departments named as written (城管执法、市场监管等部门)
    cp = _compiled()
    prefix = re.compile(g["dept_item_prefix"])
    known = set(g["dept_word_stems"]) | set(g["short_names"])
    stop = set(g["dept_item_stop"])
    for m in fast(cp["dept_list_tail"]).finditer(s):
        if m.start() == 0 or s[m.start() - 1] in PUNCT:
            continue
        items = _list_items(s, m.start())
        bare = m.group(0) == "部门"
        if bare and len(items) < 2:
            continue
        kept = []
        for a, b in items:
            # 省市气象 → 气象; but 市场监管 is a name (a one-character level only before a known one)
            p = prefix.match(s[a:b])
            if p and s[a:b] not in known and (p.end() > 1 or s[a + p.end():b] in known):
                a += p.end()
            item = s[a:b]
            if (not (2 <= len(item) <= (4 if bare else 6)) or item in stop or MASK.search(item)
                    or re.search("[的和与及各]|部门|单位|具体|指标|项目|重视", item)):
                break
            kept.append(Cand(a, b, "gov_body", item, rank=3))
        else:  # one item that names no department spoils the list (扛指标、扛项目的经济部门)
            # after a bare 部门 one item at least must be a known field (not 生产、建设部门)
            if not bare or any(s[c.start:c.end] in known for c in kept):
                out.extend(kept)
    # a field name + 部门 is a department named by its function (工信部门, 绩效督查部门)
    for m in cp["dept_word"].finditer(s):
        out.append(Cand(m.start(), m.end(), "gov_body", m.group(0), rank=2))
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
    # items of a list of areas: 加强酉水河、栖凤湖等重点区域; 高望界、天桥山等景区
    listed = []
    for m in re.finditer("等", s):
        if not cp["place_list_tail"].match(s, m.start()):
            continue
        for a, b in _list_items(s, m.start()):
            item = s[a:b]
            # a proper name of a landform (酉水河, 高望界), not 矿山、城区进出口、景区景点
            if (3 <= len(item) <= 6 and _specific(item) and cp["landform"].search(item)
                    and not re.search("[的和与及各]", item)):
                listed.append(Cand(a, b, "place", item, rank=2))
    # scenic areas: 矮寨奇观景区 (not 4A级景区, 旅游景区)
    for m in cp["scenic"].finditer(s):
        a = _stem_start(s, m.start())
        if 3 <= m.start() - a <= 8 and _specific(s[a:m.start()]):  # not 促进景区
            listed.append(Cand(a, m.end(), "place", s[a:m.end()], rank=1))
    out.extend(listed)
    out.extend(_recurring(s, [c for c in listed if c.rank == 2], rank=3))
    # numbered slogans are no places: “六个望花”
    out = [c for c in out if not re.search(r"[一二三四五六七八九十两0-9]个$", s[max(0, c.start - 2):c.start])]
    # named zones: place-like stem + 开发区/示范区/都市圈 …
    for m in cp["zone_suffix"].finditer(s):
        a = _stem_start(s, m.start())
        stem = s[a:m.start()]
        # 睢阳区和示范区 joins two places; it names no zone
        if re.search("[区县市镇乡][和与及]", stem):
            continue
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
    regions = set(rules()["regions"])  # 成渝地区电子信息 is an industry of a region
    for base in [p for p in place_cands if p.name not in regions] + list(out):
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
    # a two-character trade name + a firm ending, the name standing alone after punctuation or
    # a verb (支持汉瑞科技加快重整, 抓好宏泰锰业): 金融科技创新, 推动实业发展 are no firms
    generic = set(rules()["generic_words"])
    for m in cp["trade"].finditer(s):
        a = m.start() - 2
        stem = s[a:m.start()] if a >= 0 else ""
        if (not re.fullmatch(f"[{CJK}]{{2}}", stem) or stem in generic or stem in stop
                or _stem_start(s, m.start()) != a
                or re.match("创新|发展|产业|企业|行业|园|人才|成果|含量|进步|水平|服务|支撑|手段|领域|化", s[m.end():])):
            continue
        out.append(Cand(a, m.end(), "company", s[a:m.end()], rank=1))
    # items of a list before 等…企业, 两家…企业
    tail = cp["company_list_tail"]
    for m in re.finditer("等|[两三四五六七八九十]家", s):
        if not tail.match(s, m.start()):
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
        b = m.end()
        ph = cp["phase"].match(s, b)  # 罗凤公路一期工程
        if ph:
            b = ph.end()
        suffix_hits.append((a, b, specific))
        if specific:
            out.append(Cand(a, b, "project", s[a:b]))
    for m in fast(cp["numbered"]).finditer(s):
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
    # the chosen spans, disjoint and kept sorted: only the one starting last before c.end can
    # overlap c (a bisection, not a scan of every chosen span)
    starts: list[int] = []
    ends: list[int] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.rank, c.start, c.type)):
        if c.end <= c.start:
            continue
        k = bisect.bisect_left(starts, c.end)
        if k and ends[k - 1] > c.start:
            continue
        chosen.append(c)
        starts.insert(k, c.start)
        ends.insert(k, c.end)
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
