"""Entities (ANNOTATION.md §4): one test per rule family, with sentences that
must and must not give rows. The sentences are written for these tests in the
style of the corpus."""
from __future__ import annotations

from jianghua.document import SpeechDoc
from jianghua.extract.entities import extract_entities
from jianghua.script import detect_script, to_simplified


def doc(text: str, jurisdiction: str | None = None) -> SpeechDoc:
    script = detect_script(text)
    return SpeechDoc(text=text, simplified=to_simplified(text, script), script=script, jurisdiction=jurisdiction)


def rows(text: str, jurisdiction: str | None = None) -> list[dict]:
    return extract_entities(doc(text, jurisdiction))


def found(text: str, jurisdiction: str | None = None) -> list[tuple[str, str]]:
    return [(r["span_text"], r["type"]) for r in rows(text, jurisdiction)]


# ---------------------------------------------------------------- contract
def test_rows_follow_the_extractor_contract():
    text = "會上，區委、區政府要求市財政局和撫順特鋼加快推進項目。"
    d = doc(text)
    out = extract_entities(d)
    assert out, "expected rows"
    for r in out:
        assert set(r) == {"char_start", "char_end", "span_text", "type", "name", "admin_code"}
        assert d.text[r["char_start"]:r["char_end"]] == r["span_text"]
    assert out == sorted(out, key=lambda r: (r["char_start"], r["char_end"]))
    assert extract_entities(d) == out  # deterministic


def test_traditional_span_keeps_its_script_and_name_is_simplified():
    out = rows("今年撫順特鋼完成稅收三億元，區委高度重視。")
    by_type = {r["type"]: r for r in out}
    assert by_type["company"]["span_text"] == "撫順特鋼"
    assert by_type["company"]["name"] == "抚顺特钢"
    assert by_type["party_body"]["span_text"] == "區委"
    assert by_type["party_body"]["name"] == "区委"


# ---------------------------------------------------------------- bodies
def test_level_prefix_and_organ():
    got = found("县政府已经安排，县发改委、县住建局和省财政厅要加强协调。")
    assert ("县政府", "gov_body") in got
    assert ("县发改委", "gov_body") in got
    assert ("县住建局", "gov_body") in got
    assert ("省财政厅", "gov_body") in got


def test_party_and_government_pair_gives_two_mentions():
    got = found("全县上下要把县委县政府的部署落到实处。")
    assert got == [("县委", "party_body"), ("县政府", "gov_body")]


def test_party_organ_as_a_title_is_no_mention():
    # 县委书记 names a person's office, not the organ
    assert ("县委", "party_body") not in found("县委书记强调，要狠抓落实。")


def test_place_prefixed_organ_is_one_longest_mention():
    got = found("如果没有柘城县政府的支持，这件事办不成。")
    assert got == [("柘城县政府", "gov_body")]


def test_bare_organs_and_national_ones():
    got = found("近日，国务院办公厅印发通知，财政部和商务局也提出要求，安委会要督促落实。")
    assert ("国务院办公厅", "gov_body") in got
    assert ("财政部", "gov_body") in got
    assert ("商务局", "gov_body") in got
    assert ("安委会", "gov_body") in got


def test_organ_words_inside_other_words_are_no_mention():
    # 财政部门, 教育部署, 办法 are not 财政部, 教育部, …办
    got = found("财政部门要抓好教育部署，完善推进办法。")
    assert not any(t == "gov_body" for _, t in got)


def test_subunit_of_an_organ():
    assert ("县政府督查室", "gov_body") in found("县政府督查室要跟踪问效。")


def test_short_department_names_in_a_list():
    got = found("由交通、水利牵头，税务、统计等部门配合。")
    assert [s for s, t in got if t == "gov_body"] == ["交通", "水利", "税务", "统计"]


def test_field_words_not_about_departments_are_no_mention():
    # a list of sectors, not of departments
    assert found("在交通、水利、能源等领域谋划一批好项目。") == []


def test_party_centre():
    got = found("坚决贯彻党中央决策部署和中央决策部署，中央政治局会议强调。")
    assert ("党中央", "party_body") in got
    assert ("中央", "party_body") in got
    assert ("中央政治局", "party_body") in got
    # 中央 as an adjective is no organ
    assert found("用好中央预算内投资。") == []


# ---------------------------------------------------------------- people
def test_named_person_with_title_stripped():
    out = rows("会上，赵明远县长作了部署，刚才，李娟同志也谈了意见。")
    people = [(r["span_text"], r["name"]) for r in out if r["type"] == "person"]
    assert people == [("赵明远", "赵明远"), ("李娟", "李娟")]


def test_leader_lexicon_and_alias():
    out = rows("深入学习习近平总书记重要讲话精神，落实习总书记的指示。")
    assert [r["name"] for r in out if r["type"] == "person"] == ["习近平", "习近平"]


def test_surname_and_title_refer_back_to_the_named_person():
    out = rows("周海涛书记在报告中作了阐述。刚刚周书记也讲到。")
    assert [r["name"] for r in out if r["type"] == "person"] == ["周海涛", "周海涛"]


def test_masked_and_generic_names_are_no_person():
    got = found("刚才，**同志讲得很好，XX同志也作了发言，各位同志、负责同志要落实。")
    assert not any(t == "person" for _, t in got)


# ---------------------------------------------------------------- places
def test_counties_with_codes():
    out = rows("其中宁陵县5家，夏邑县3家。", jurisdiction="商丘市")
    assert [(r["span_text"], r["admin_code"]) for r in out] == [("宁陵县", "411423"), ("夏邑县", "411426")]


def test_short_prefecture_name_and_regions():
    got = found("要主动对接长三角、珠三角，学习驻马店的做法，融入黄河流域生态保护。")
    assert got == [("长三角", "place"), ("珠三角", "place"), ("驻马店", "place"), ("黄河流域", "place")]


def test_generic_places_are_no_mention():
    assert found("全市各县市区和园区、我区要抓好落实。") == []


def test_county_short_name_only_near_its_own_jurisdiction():
    text = "民权发展要有新气象。"
    assert found(text) == []
    assert found(text, jurisdiction="商丘市") == [("民权", "place")]


def test_numbered_slogan_is_no_place():
    assert found("建设“六个望花”。", jurisdiction="望花区") == []


def test_township_and_named_zone():
    got = found("做好塔峪现代农业发展区规划，培育壮大塔峪镇财力，推进城乡融合。")
    assert ("塔峪现代农业发展区", "place") in got
    assert ("塔峪镇", "place") in got
    assert not any(s.startswith("城乡") for s, _ in got)


def test_generic_zone_is_no_place():
    assert found("打造承接产业示范区和创新创业示范区。") == []


# ---------------------------------------------------------------- companies
def test_banks_with_branches_and_legal_names():
    got = found("其中兴业银行柘城支行、国家铁路集团有限公司都表示支持，各银行业金融机构要跟进。")
    assert ("兴业银行柘城支行", "company") in got
    assert ("国家铁路集团有限公司", "company") in got
    assert len(got) == 2


def test_place_plus_industry_and_its_short_form():
    got = found("抚顺新钢铁完成税收，要支持新钢铁技术改造。")
    assert got == [("抚顺新钢铁", "company"), ("新钢铁", "company")]


def test_list_before_leading_enterprises():
    assert ("华丰源", "company") in found("瞄准华丰源等农业产业化龙头企业精准招商。")


def test_generic_company_words_are_no_mention():
    assert found("要把政府平台公司打造成市场主体，引导企业集团做强。") == []


# ---------------------------------------------------------------- documents
def test_bracketed_titles_and_named_plans():
    out = rows("认真落实《关于加快乡村振兴的实施意见》，做好“十四五”规划编制。")
    docs_ = [(r["span_text"], r["name"]) for r in out if r["type"] == "document"]
    assert docs_ == [("《关于加快乡村振兴的实施意见》", "关于加快乡村振兴的实施意见"), ("“十四五”规划", "“十四五”规划")]


def test_unbracketed_title_after_a_verb_of_issuing():
    got = found("省政府办公厅下发了关于加强耕地保护的通知，要求严格执行。")
    assert ("关于加强耕地保护的通知", "document") in got


def test_plan_period_alone_is_no_document():
    assert found("明年是“十四五”的开局之年，“十四五”期间要统筹实施。") == []


# ---------------------------------------------------------------- projects
def test_named_facilities_by_suffix_with_place_inside():
    out = rows("目前，柘城机场正在申报，夏邑县纺织工业园已经成型。")
    assert [(r["span_text"], r["type"]) for r in out] == [("柘城机场", "project"), ("夏邑县纺织工业园", "project")]


def test_generic_facilities_are_no_project():
    assert found("四是加快推进保税物流中心建设，积极创建国家和省级农业产业园。") == []


def test_items_of_a_project_list():
    got = found("要加快青石岭、兴隆大道、城北污水厂等重点项目前期工作。")
    assert [s for s, t in got if t == "project"] == ["青石岭", "兴隆大道", "城北污水厂"]


def test_sector_list_before_projects_is_no_project():
    assert found("统筹基础设施、民生和社会事业等项目。") == []


def test_quoted_number_programme():
    out = rows("加快推进“246”工程建设。")
    assert [(r["span_text"], r["name"], r["type"]) for r in out] == [("“246”工程", "246工程", "project")]


def test_nested_names_give_the_longest_mention():
    out = rows("睢县食品工业园要加快建设。", jurisdiction="商丘市")
    assert [(r["span_text"], r["type"]) for r in out] == [("睢县食品工业园", "project")]
