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
    # 财政部门 is the finance department named by its field (below), never 财政部
    assert got == [("财政部门", "gov_body")]


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


# ---------------------------------------------------------------- review round: more forms of §4
def test_department_named_by_field_and_department():
    got = found("协调交通部门做好农机保障，人社部门、商务部门要加强对接。")
    assert [s for s, t in got if t == "gov_body"] == ["交通部门", "人社部门", "商务部门"]


def test_any_items_before_deng_bumen_are_departments():
    got = found("对此，城管执法、市场监管等部门要靠前服务；供销、粮储等部门做好收购，卫健等部门要跟进。")
    assert [s for s, t in got if t == "gov_body"] == ["城管执法", "市场监管", "供销", "粮储", "卫健"]


def test_two_departments_and_level_words_before_a_list():
    got = found("这不是发改、财政两个部门的事情。根据省市气象、水文部门预测，汛期偏早。")
    assert [s for s, t in got if t == "gov_body"][:3] == ["发改", "财政", "气象"]


def test_lists_before_bumen_that_name_no_department():
    # duties, adjectives and kinds of work before 部门 are no department names
    assert found("把任务落实到具体领导、具体部门，有些方面、有些部门还不到位。") == []
    assert found("一些扛指标、扛项目的经济部门刚刚调整，生产、建设部门要配合。") == []


def test_whole_city_government_system_is_no_organ():
    assert found("全市政府系统要带头过紧日子。") == []


def test_working_groups_and_survey_teams():
    got = found("对照州指导帮办组发现的问题，县统计局、国家统计局湘南调查队要认真研究。")
    assert ("州指导帮办组", "gov_body") in got
    assert ("国家统计局湘南调查队", "gov_body") in got


def test_general_office_and_supervision_commission():
    got = found("前不久，中办印发通知；对落实不到位的，移交纪委监委问责。")
    assert got == [("中办", "party_body"), ("纪委", "party_body"), ("监委", "gov_body")]
    assert found("各项手续要集中办理。") == []


def test_party_centre_first_in_a_list_of_organs():
    got = found("要落实好中央、市委出台的帮扶政策，抓好中央、省交办问题整改。")
    assert [s for s, t in got if t == "party_body"] == ["中央", "市委", "中央"]
    assert found("用好中央、省级预算内资金。") == []


def test_leader_named_by_given_name_then_again_without_title():
    out = rows("刚才，振邦书记作了讲话。我们要贯彻落实振邦书记讲话精神，陈宏远院士团队要做好指导。")
    assert [(r["span_text"], r["name"]) for r in out if r["type"] == "person"] == [
        ("振邦", "振邦"), ("振邦", "振邦"), ("陈宏远", "陈宏远")]


def test_offices_before_a_title_are_no_given_name():
    assert found("会上，第一书记作了发言，国家主席出席。") == []


def test_companies_in_lists_of_central_firms_and_counted_firms():
    got = found("最近像华信集团、中国电装、国家电投等多个央企与我市对接。积极引导宏泰、恒源两家锰企业整合。")
    for name in ("华信集团", "中国电装", "国家电投", "宏泰", "恒源"):
        assert (name, "company") in got


def test_two_character_trade_name_with_a_firm_ending():
    got = found("全力抓好宏泰锰业技术改造，加快湘源酒业扩产，加强与光大集团的合作。")
    assert [s for s, t in got if t == "company"] == ["宏泰锰业", "湘源酒业", "光大集团"]
    # a verb or a generic word before the ending is no trade name
    assert found("促进实业发展，引导智能科技赋能，推动家用电器消费。") == []


def test_landforms_in_a_list_of_areas_and_their_later_mentions():
    got = found("加强清水河、白鹭湖等重点区域巡查，实施白鹭湖周边治理。加快龙门峡、天台山等景区开发。")
    assert [s for s, t in got if t == "place"] == ["清水河", "白鹭湖", "白鹭湖", "龙门峡", "天台山"]
    # kinds of area in the same kind of list are no names
    assert found("对矿山、打砂场等重点区域予以生态修复，抓好城区进出口、景区景点等重点区域绿化。") == []


def test_scenic_area_zone_and_region_names():
    got = found("要抓好青龙奇峰景区创建5A工作，做好金鲤保护区调规，加强与长株潭、成渝地区的对接。")
    assert ("青龙奇峰景区", "place") in got
    assert ("金鲤保护区", "place") in got
    assert ("长株潭", "place") in got and ("成渝地区", "place") in got
    assert found("重点监测景区接待游客，促进景区提质。") == []


def test_production_lines_avenues_and_phases_are_projects():
    got = found("加快云峰陶瓷生产线建设，凤鸣大道一期工程要抓紧征拆。")
    assert ("云峰陶瓷生产线", "project") in got
    assert ("凤鸣大道一期工程", "project") in got


def test_kinds_of_supply_before_deng_xiangmu_are_no_projects():
    assert found("有序对接、协调水、电、运、油、气等项目要素保障。") == []


def test_two_places_joined_by_he_are_no_zone():
    out = rows("梁园区、睢阳区和示范区等县区要加快进度。", jurisdiction="商丘市")
    assert ("睢阳区", "place") in [(r["span_text"], r["type"]) for r in out]
    assert not any("示范区" in r["span_text"] and r["type"] == "place" for r in out)
