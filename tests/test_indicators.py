"""extract/indicators.py: one row per figure, with the words around it (ANNOTATION.md §3).

Sentences are written in the corpus style, not copied from the gold files.
"""
from __future__ import annotations

import opencc
import pytest

from jianghua.document import SpeechDoc
from jianghua.extract.indicators import extract_indicators
from jianghua.metrics import metric_codes

COLUMNS = {"char_start", "char_end", "span_text", "sentence", "metric", "metric_text", "subject", "value", "value_max",
           "unit", "value_base", "measure", "direction", "comparator", "commitment", "status", "period_text",
           "is_masked"}


# the later metric codes are a work report's (METRICS.md): sentences of those reports are read under this title
REPORT_TITLE = "2025年政府工作报告"


def rows(text: str, title: str = "") -> list[dict]:
    return extract_indicators(SpeechDoc(text=text, simplified=text, script="hans", title=title))


def row(text: str, span: str, title: str = "") -> dict:
    found = [r for r in rows(text, title) if r["span_text"] == span]
    assert len(found) == 1, [r["span_text"] for r in rows(text, title)]
    return found[0]


def in_report_rows(text: str) -> list[dict]:
    return rows(text, REPORT_TITLE)


def in_report_row(text: str, span: str) -> dict:
    return row(text, span, REPORT_TITLE)


def spans(text: str) -> list[str]:
    return [r["span_text"] for r in rows(text)]


# ---------------------------------------------------------------- the contract
def test_rows_follow_the_contract():
    text = "1-6月份，全县一般公共预算收入完成5.6亿元，同比增长4.1%。\n要确保全年新增规上工业企业20家以上。"
    out = rows(text)
    assert [r["span_text"] for r in out] == ["5.6亿元", "4.1%", "20家"]
    for r in out:
        assert set(r) == COLUMNS
        assert text[r["char_start"]:r["char_end"]] == r["span_text"]
        assert r["metric"] in metric_codes()
    assert out == sorted(out, key=lambda r: (r["char_start"], r["char_end"]))
    assert rows(text) == out  # deterministic


def test_level_and_growth_of_one_metric():
    text = "1-6月份，全县一般公共预算收入完成5.6亿元，同比增长4.1%。"
    level, growth = rows(text)
    assert (level["metric"], level["measure"], level["value"], level["unit"]) == ("general_budget_revenue", "level", 5.6, "亿元")
    assert level["value_base"] == pytest.approx(5.6e8)
    assert (growth["metric"], growth["measure"], growth["direction"]) == ("general_budget_revenue", "growth", "up")
    assert growth["subject"] == "全县" and growth["period_text"] == "1-6月份" and growth["status"] == "actual"
    assert level["sentence"] == text


# ---------------------------------------------------------------- lists over subjects
def test_one_metric_over_several_places():
    text = "上半年，全市固定资产投资同比增长3.5%，低于全市平均水平的有安平县2.2%、桃源区1.8%，临江区-4.6%。"
    out = rows(text)
    assert [r["subject"] for r in out] == ["全市", "安平县", "桃源区", "临江区"]
    assert {r["metric"] for r in out} == {"fixed_asset_investment"}
    assert [r["measure"] for r in out] == ["growth"] * 4
    assert (out[-1]["value"], out[-1]["direction"]) == (4.6, "down")
    assert {r["period_text"] for r in out} == {"上半年"}


def test_masked_list_gives_one_row_per_mask():
    text = "三项指标分别增长X%、X%、X%。"
    out = rows(text)
    assert len(out) == 3 and all(r["is_masked"] and r["value"] is None for r in out)
    assert all(r["measure"] == "growth" for r in out)


def test_shared_count_and_zero():
    text = "全市新增限上商贸企业12家，其中东城区5家，南山县、北岭县各2家，其他县（区）为0。"
    out = rows(text)
    assert [r["span_text"] for r in out] == ["12家", "5家", "2家", "0"]
    assert out[2]["subject"] == "南山县、北岭县"
    assert out[3]["value"] == 0 and out[3]["unit"] is None and out[3]["subject"] == "其他县（区）"
    assert {r["metric"] for r in out} == {"new_enterprises"}


def test_figure_shared_by_a_list_of_metrics_is_other():
    text = "规上工业增加值、社零额、外贸进出口三项指标均增长6%以上。"
    r = row(text, "6%")
    assert r["metric"] == "other" and "社零额" in r["metric_text"] and r["comparator"] == "gte"


# ---------------------------------------------------------------- measure, comparator
@pytest.mark.parametrize("text, span, measure", [
    ("全县工业对税收贡献率达61%。", "61%", "share"),
    ("一般公共预算收入完成年度预算目标的92%。", "92%", "share"),
    ("全市地区生产总值居全省第6位。", "第6位", "rank"),
    ("进入全省前X位。", "前X位", "rank"),
    ("全年贷款余额达到320亿元。", "320亿元", "level"),
])
def test_measure(text, span, measure):
    assert row(text, span)["measure"] == measure


@pytest.mark.parametrize("text, span, comparator", [
    ("力争地区生产总值增长6%左右。", "6%", "approx"),
    ("确保固定资产投资增长10%以上。", "10%", "gte"),
    ("城镇登记失业率控制在4%以内。", "4%", "lte"),
    ("总投资不低于30亿元。", "30亿元", "gte"),
    ("有的企业超过了150%。", "150%", "gt"),
    ("共谋划储备项目600多个。", "600多个", "gt"),
    ("耕地保有率已将近85%。", "85%", "approx"),
    ("全年目标为增长5.5%—6%。", "5.5%—6%", "range"),
    ("完成投资8亿元。", "8亿元", "eq"),
])
def test_comparator(text, span, comparator):
    assert row(text, span)["comparator"] == comparator


def test_range_values():
    r = row("今年主要预期目标是：地区生产总值增长5%-5.5%。", "5%-5.5%")
    assert (r["value"], r["value_max"], r["comparator"]) == (5.0, 5.5, "range")


def test_decrease_words_set_direction_down():
    r = row("全县规模以上工业增加值下降2.4%。", "2.4%")
    assert (r["measure"], r["direction"], r["value"]) == ("growth", "down", 2.4)
    r = row("全市进出口总额负增长X%。", "X%")
    assert (r["direction"], r["is_masked"], r["metric"]) == ("down", True, "foreign_trade")


# ---------------------------------------------------------------- status and commitment
@pytest.mark.parametrize("text, span, status, commitment", [
    ("今年要确保全社会固定资产投资增长8%。", "8%", "target", "hard"),
    ("力争社会消费品零售总额突破200亿元。", "200亿元", "target", "soft"),
    ("预计到年末，全县地区生产总值完成96亿元。", "96亿元", "estimate", None),
    ("去年，全县地区生产总值完成90亿元。", "90亿元", "actual", None),
    ("各地要抓好上次10个集中签约项目的落地。", "10个", "actual", None),
    ("坚持项目为王，实现亿元以上项目开工30个以上。", "30个", "target", None),
])
def test_status(text, span, status, commitment):
    r = row(text, span)
    assert (r["status"], r["commitment"]) == (status, commitment)


def test_estimate_carries_along_the_paragraph():
    text = "预计全年，全县税收收入完成3.1亿元；外贸进出口完成2.2亿元。"
    assert [r["status"] for r in rows(text)] == ["estimate", "estimate"]


def test_aims_announced_before_a_list_of_paragraphs():
    text = "今年经济社会发展的主要预期目标是：\n国内生产总值增长7%左右。\n城镇新增就业900万人以上。"
    out = rows(text)
    assert [r["status"] for r in out] == ["target", "target"]
    assert (out[0]["metric"], out[0]["measure"], out[0]["comparator"]) == ("gdp", "growth", "approx")


def test_work_report_gdp_target():
    text = ("今年主要预期目标是：全省地区生产总值增长5.5%左右，在实际工作中努力争取更好结果；"
            "地方一般公共预算收入增长3%；城镇新增就业60万人以上。")
    gdp = [r for r in rows(text) if r["metric"] == "gdp"]
    assert len(gdp) == 1
    g = gdp[0]
    assert (g["span_text"], g["value"], g["value_max"], g["comparator"], g["measure"], g["status"]) == \
        ("5.5%", 5.5, None, "approx", "growth", "target")
    assert g["subject"] == "全省"


# ---------------------------------------------------------------- metric
def test_head_noun_after_a_count_names_the_metric():
    text = "目前已落地5个亿元以上项目，另有X家重点企业正在洽谈。"
    assert row(text, "5个")["metric"] == "projects"
    other = row(text, "X家")
    assert other["metric"] == "other" and other["metric_text"] == "重点企业正在洽谈"


def test_money_threshold_of_a_project_class():
    r = row("全市79个1000万元以上重点项目全部开工。", "1000万元")
    assert (r["metric"], r["comparator"]) == ("project_investment", "gte")


def test_unknown_metric_is_other_with_its_words():
    r = row("全县“实际网办率”要达到70%以上。", "70%")
    assert r["metric"] == "other" and "网办率" in r["metric_text"] and r["measure"] == "share"


def test_chinese_numeral_count_of_projects():
    r = row("本月只有东城区上报了一个完整的入库项目。", "一个")
    assert (r["value"], r["metric"], r["unit"]) == (1, "projects", "个")


# ---------------------------------------------------------------- not indicators
@pytest.mark.parametrize("text", [
    "3月18日，市委召开常委会议。",                       # a date
    "要在9月底前完成全部整改。",                          # a deadline
    "集中攻坚奋战100天，利用一个月的时间开展整治。",       # durations
    "围绕6大领域20个方面开展对接。",                       # counts of policy items
    "制定了3个清单和5项措施。",
    "重点抓好以下四个方面工作。",
    "第二，要抓好项目建设。第三轮集中开工即将启动。",     # ordinals
    "深入实施“135”工程和“1+3”评估体系。",                # slogans and codes
    "加快5G基站建设，培育4S店和500强企业。",
    "这4个县都取得了明显成效。",                          # a reference, not a measurement
    "要联系一个产业链、一家龙头企业。",                   # 一 as the article
    "2024年是“十四五”规划的收官之年。",                   # the year of a plan
    "一分部署，九分落实。",                               # rhetoric
])
def test_non_indicators(text):
    assert spans(text) == []


# ---------------------------------------------------------------- scripts
def test_traditional_text_keeps_offsets_and_spans():
    simp = "全区规上工业增加值完成48.3亿元，同比增长7.2%。"
    trad = opencc.OpenCC("s2t").convert(simp)
    out = extract_indicators(SpeechDoc(text=trad, simplified=simp, script="hant"))
    assert [r["span_text"] for r in out] == ["48.3億元", "7.2%"]
    assert out[0]["unit"] == "亿元" and out[0]["metric"] == "industrial_value_added"
    assert out[0]["metric_text"] == "規上工業增加值" and out[0]["subject"] == "全區"
    for r in out:
        assert trad[r["char_start"]:r["char_end"]] == r["span_text"]


# ---------------------------------------------------------------- review round (rind): rules met in unseen speeches
def test_estimate_stops_at_the_end_of_its_sentence():
    text = "受减税影响，预计全年减少税费收入2亿元，增收困难。1-6月，全县财政总收入下降6%。"
    assert [r["status"] for r in rows(text)] == ["estimate", "actual"]


def test_a_colon_that_announces_topics_is_not_a_list_of_aims():
    text = "下面我讲两点意见：\n一要认清形势。一季度全县生产总值增长3%，低于全市1.5个百分点。"
    assert [r["status"] for r in rows(text)] == ["actual", "actual"]


def test_enumerated_items_after_an_aim_colon_are_targets():
    text = "继续办好一批民生实事：一是新建农村公路60公里。二是改造农村危房150户。"
    assert [r["status"] for r in rows(text)] == ["target", "target"]


def test_present_facts_after_an_aim_word_are_actual():
    text = "要抓好消费帮扶，目前全县消费帮扶销售额3.2亿元，为年度目标任务的48%。"
    out = rows(text)
    assert [(r["status"], r["measure"]) for r in out] == [("actual", "level"), ("actual", "share")]


def test_aim_named_after_a_figure_does_not_govern_later_clauses():
    text = "1-6月全县新增“四上”企业12家，离今年新增60家的目标任务差距较大，有3个乡镇新增“四上”企业为零。"
    r12, r60, r3, zero = rows(text)
    assert (r12["metric"], r12["status"]) == ("new_enterprises", "actual")
    assert (r60["metric"], r60["status"]) == ("new_enterprises", "target")
    assert (r3["metric"], r3["status"]) == ("other", "actual")  # counts towns, not enterprises
    assert zero["status"] == "actual"


def test_a_gap_in_percentage_points_is_a_growth_shortfall():
    text = "预计上半年全县生产总值增长4%左右、差年度目标2个百分点。"
    gap = row(text, "2个百分点")
    assert (gap["metric"], gap["measure"], gap["direction"], gap["status"]) == ("gdp", "growth", "down", "estimate")


@pytest.mark.parametrize("text, span, comparator", [
    ("普查经费要按照不低于每人8元的标准落实。", "8元", "gte"),
    ("两项比重实现程度还不到40%。", "40%", "lt"),
])
def test_comparator_across_per_unit_words_and_达到_endings(text, span, comparator):
    assert row(text, span)["comparator"] == comparator


def test_cut_by_a_percentage_is_a_decrease():
    r = row("将一般性支出压减15%以上。", "15%")
    assert (r["measure"], r["direction"], r["comparator"]) == ("growth", "down", "gte")


def test_ranks_written_without_a_unit():
    text = "1-5月，全县规上工业增加值增长*%、位列全市第*，社零额增幅稳居全市第一。"
    assert [(r["span_text"], r["measure"]) for r in rows(text)] == [("*%", "growth"), ("第*", "rank"),
                                                                    ("第一", "rank")]
    assert spans("我们始终把群众利益放在第一位。") == []
    assert spans("全县综合实力稳居全省第一方阵。") == []


def test_rank_bands_in_chinese_numerals():
    r = row("全县园区从去年的后三名中摆脱出来。", "后三名")
    assert (r["measure"], r["value"]) == ("rank", 3)


def test_a_bare_restatement_keeps_the_metric_of_the_figure_before():
    text = "今年专项债券将提前下达的1/3、也就是1万多亿提前使用。"
    third, money = rows(text)
    assert (third["metric"], third["measure"]) == ("debt", "share")
    assert (money["metric"], money["value"], money["comparator"]) == ("debt", 10000, "gt")


def test_masked_subjects_repeat_the_end_of_the_metric():
    text = "1-6月，全市财政总收入下降X%，XX总收入分别下降X%、X%。"
    assert [r["metric"] for r in rows(text)] == ["fiscal_revenue"] * 3


def test_bare_investment_word():
    text = "要全面清理本地区投资X万以上的各类项目，XX投资分别下降X%、X%。"
    assert [r["metric"] for r in rows(text)] == ["project_investment", "fixed_asset_investment", "fixed_asset_investment"]


def test_units_of_the_1950s_reports():
    # 公尺, 公方, 马力, 匹: the metric units and the cloth measures of the first five-year plans
    text = ("完成土方１４亿多公方，棉布将增加约五百七十八万匹，内燃机2，000万马力，获得金牌33枚，"
            "房屋建筑面积约有一亿五千万平方公尺。")
    assert [(r["span_text"], r["unit"], r["metric"]) for r in in_report_rows(text)] == [
        ("１４亿多公方", "亿公方", "other"), ("五百七十八万匹", "万匹", "industrial_products"),
        ("2，000万马力", "万马力", "industrial_products"), ("33枚", "枚", "culture_sports"),
        ("一亿五千万平方公尺", "平方公尺", "housing")]


def test_one_character_names_a_product_in_a_list_of_products():
    text = "钢四十二万七千吨，电五十三万千瓦，煤一千三百万吨，纸四万吨，糖增加了2.3倍。"
    assert [(r["metric"], r["metric_text"]) for r in in_report_rows(text)] == [
        ("industrial_products", "钢"), ("energy_output", "电"), ("energy_output", "煤"),
        ("industrial_products", "纸"), ("industrial_products", "糖")]
    assert in_report_row("重要产品的产量都有显著增长，如铁增长百分之五十六。", "百分之五十六")["metric_text"] == "铁"
    assert in_report_row("糖的产量，比上一年增加十七万三千吨。", "十七万三千吨")["metric"] == "industrial_products"
    # the character inside a word is no product: 纸 of 纸质, 电 of 电商
    assert in_report_row("电商交易额增长12%。", "12%")["metric"] != "energy_output"


def test_a_share_clause_opening_with_an_adverb_is_of_the_metric_before():
    text = "１９５５年国家决算用于经济建设方面的支出，共占本年支出的４６．８９％。"
    r = in_report_row(text, "４６．８９％")
    assert (r["metric"], r["measure"]) == ("general_budget_expenditure", "share")


@pytest.mark.parametrize("text, span, metric, metric_text", [
    ("开工改造城镇老旧小区2187个，惠及居民约21万户。", "21万户", "housing", "惠及居民"),
    ("连续第7年提高企业退休人员基本养老金，全年人均增加1680元，5700多万人受益；", "5700多万人", "social_security", "受益"),
    ("落实国家育儿补贴政策，惠及154万户家庭。", "154万户", "social_security", "惠及"),
    # beneficiaries counted with a noun that names a metric keep it
    ("重构债权融资增信体系，发放信用贷款1110亿元、惠及企业2.2万户。", "2.2万户", "enterprises", "企业"),
])
def test_beneficiaries_of_a_measure_are_of_its_metric(text, span, metric, metric_text):
    r = in_report_row(text, span)
    assert (r["metric"], r["metric_text"]) == (metric, metric_text)


def test_beneficiaries_with_no_measure_before_stay_other():
    assert in_report_row("全年共惠及居民约21万户。", "21万户")["metric"] == "other"


def test_a_bare_verb_clause_takes_the_topic_named_further_back():
    text = "继续推进保障性安居工程建设，在确保质量的前提下，基本建成500万套，新开工700万套以上。"
    assert in_report_row(text, "500万套")["metric"] == "housing"
    # not a count in a unit that is a noun itself (43所高校): it names what it counts
    text = "推进乡村振兴，京蒙协作成效显著，43所高校、538所中小学结对帮扶。"
    assert (in_report_row(text, "43所高校")["metric"], in_report_row(text, "43所高校")["metric_text"]) == (
        "education_health", "高校")


def test_masked_figure_that_lost_its_unit():
    r = row("一季度区级财政收入同比下降X，排名靠后。", "X")
    assert (r["metric"], r["measure"], r["direction"], r["unit"], r["is_masked"]) == (
        "fiscal_revenue", "growth", "down", None, True)


def test_sizes_of_works_are_figures_but_specs_inside_names_are_not():
    text = "围绕10万亩茶叶开发，完成200公里河道整治，推进城南河3公里景观带、30万千瓦级机组和新建500千伏线路建设。"
    assert spans(text) == ["10万亩", "200公里"]


def test_counts_of_problems_and_schools_are_figures():
    text = "审计发现问题120个，已整改85个；加快4所乡镇学校建设，争取**所急需的资金。"
    assert spans(text) == ["120个", "85个", "4所"]


@pytest.mark.parametrize("text", [
    "对省定10件、市定15件民生实事要加快进度。",           # a list sharing one stop noun
    "确保每个部门至少有1项获省政府督查激励。",             # items that win something: policy works
    "建设一批标准厂房，谋划一批重点项目。",                  # 一批: indefinite
    "市政府组成6个督查组开展督查。",                        # teams
    "分差有时只有小数点后2位。",                            # decimal places
])
def test_non_indicators_met_in_review(text):
    assert spans(text) == []


def test_plan_verb_used_attributively_is_a_fact():
    assert row("今年发展的500余亩中药材长势较好。", "500余亩")["status"] == "actual"


def test_figure_sizing_a_task_is_a_target():
    assert row("在完成今年新开2万亩油茶任务的同时，抓好管护。", "2万亩")["status"] == "target"


def test_completed_percentage_of_works_is_a_share():
    assert row("力争年内完成60%主体工程。", "60%")["measure"] == "share"


def test_rate_said_of_projects_is_not_a_count_of_projects():
    r = row("库内项目申报通过率要达到**%以上。", "**%")
    assert (r["metric"], r["measure"]) == ("other", "share")


def test_population_is_a_bare_count_not_people_unit():
    r = row("涉及全县近30万人口。", "30万")
    assert (r["unit"], r["comparator"]) == ("万", "approx")


# ---------------------------------------------------------------- work-report metrics
# The codes METRICS.md gained for 政府工作报告 (unemployment_rate … patents) and the package's own
# families: the sentences are of the kinds those reports write.
@pytest.mark.parametrize("text, span, metric", [
    ("城镇调查失业率5.5%左右。", "5.5%", "unemployment_rate"),
    ("居民消费价格涨幅3%左右。", "3%", "cpi"),
    ("单位地区生产总值能耗下降2.5%左右。", "2.5%", "energy_intensity"),
    ("单位GDP二氧化碳排放下降3%。", "3%", "carbon_intensity"),
    ("粮食产量稳定在1300万吨以上。", "1300万吨", "grain_output"),
    ("全体居民人均可支配收入增长5.2%。", "5.2%", "resident_income"),
    ("城镇居民人均可支配收入增长4.6%。", "4.6%", "urban_income"),
    ("研究与试验发展经费投入强度达到2.6%。", "2.6%", "rd_intensity"),
    ("常住人口城镇化率提高到65.2%。", "65.2%", "urbanization"),
    ("空气质量优良天数比例达到90%以上。", "90%", "air_quality"),
    ("新改建农村公路1200公里。", "1200公里", "transport"),
    ("建设高标准农田80万亩。", "80万亩", "agriculture"),
    ("完成营造林110万亩。", "110万亩", "forest_coverage"),
    ("开工改造城镇老旧小区1500个。", "1500个", "housing"),
    ("新增基础教育学位4万个。", "4万个", "education_health"),
    ("新增新能源装机3000万千瓦。", "3000万千瓦", "energy_output"),
    ("技术合同成交额达到350亿元。", "350亿元", "innovation"),
    ("拟安排财政赤字2.18万亿元。", "2.18万亿元", "deficit"),
    ("每万人口高价值发明专利拥有量达到12件。", "12件", "patents"),
    ("人均地区生产总值达到9.8万元。", "9.8万元", "gdp_per_capita"),
    ("商品零售价格涨幅控制在3％以内。", "3％", "cpi"),     # the 1990s reports' inflation target
    ("推动21项“高效办成一件事”落地实施。", "21项", "government_services"),
    ("政务服务事项网上可办率达到98%。", "98%", "government_services"),
    ("建成绿色矿山437个。", "437个", "green_low_carbon"),
    ("新创建国家级中小企业特色产业集群2个。", "2个", "industrial_clusters"),
    ("新建宜居农房18393户。", "18393户", "housing"),
    ("新增受益学生25.48万人。", "25.48万人", "education_health"),
    ("新增国家级企业技术中心8家。", "8家", "innovation"),
    ("持续打好沙地歼灭战，水土保持率提升至77.4%。", "77.4%", "ecology"),
    ("消除中心城区易积水点位29处。", "29处", "utilities"),
    ("铁路货物发送量增长14.9%。", "14.9%", "transport"),
    ("取消和免征行政事业性收费348项。", "348项", "tax_cuts"),
    ("１９５６年国家预算规定社会文教事业支出增长１２％。", "１２％", "general_budget_expenditure"),
    ("全国职工的工资总额增长百分之五十六。", "百分之五十六", "resident_income"),
    ("食品、石化、医药、信息等产业增加值分别增长7.5%。", "7.5%", "industrial_value_added"),
    ("建设筹措7.5万套（间）保障性租赁住房。", "7.5万套", "housing"),   # an alternative unit in brackets
    ("提质升级700个乡镇（街道）应急消防管理站。", "700个乡镇", "safety"),
    ("全部取消了农业税、牧业税和特产税，每年减轻农民负担1335亿元。", "1335亿元", "tax_cuts"),
    ("加快打造6个万亿级产业，千亿级产业链达到12条。", "12条", "industrial_clusters"),
    # a clause that only holds or compares the level before it (连续8年稳定在, 快于全国, 增量占全国, 比上一个五年)
    ("粮食总产量1344亿斤，连续8年稳定在1300亿斤以上。", "1300亿斤", "grain_output"),
    ("民间投资增长2.8%，快于全国9.2个百分点。", "9.2个百分点", "fixed_asset_investment"),
    ("粮食增产169.8亿斤，增量占全国18.7%。", "18.7%", "grain_output"),
    ("对教育事业的投入达３２００亿元，比上一个五年增加１７１０亿元。", "１７１０亿元", "education_health"),
    ("民间投资逆势增长2.7%，高出全国平均水平9.1个百分点。", "9.1个百分点", "fixed_asset_investment"),
    ("一九五七年工业投资额完成六十五亿五千万元，超过原定的年度计划百分之四点一。", "百分之四点一", "fixed_asset_investment"),
    # a level said by a verb alone after a growth rate (突破 as 达到, also for a count after a percentage)
    ("国内生产总值增长6.6%，总量突破90万亿元。", "90万亿元", "gdp"),
    ("成都国际航空枢纽年旅客吞吐量增长16.6%，突破8700万人次、居全国第3位。", "8700万人次", "transport"),
    # the 1950s–80s reports: budget lines, products of daily use, ownership, posts and telegraphs
    ("１９５６年债款收入为７４２，２４１，０００元。", "７４２，２４１，０００元", "debt"),   # borrowing
    ("其他企业和事业收入６０３，９５３，０００元，比上年增长６．７７％。", "６．７７％", "fiscal_revenue"),
    ("总预备费７９０，７０３，０００元。", "７９０，７０３，０００元", "general_budget_expenditure"),
    ("１９５６年国家预算规定国防费支出为６，１４１，３９１，０００元。", "６，１４１，３９１，０００元", "general_budget_expenditure"),
    ("煤油增加了11倍，香烟增加了1.4倍。", "1.4倍", "industrial_products"),
    ("冶金机械三万吨，矿山机械二万七千吨。", "二万七千吨", "industrial_products"),
    ("猪牛羊肉由九百三十七万吨增加到一千四百六十二万吨。", "一千四百六十二万吨", "agriculture"),
    ("在工业总产值中，国营工业所占的比重由１９５４年的５９％上升到６３％。", "６３％", "ownership"),
    ("私营工业所占的比重则由１９５４年的２５％下降为１６％。", "１６％", "ownership"),
    ("全国私营工业有３，０００余户转为公私合营。", "３，０００余户", "ownership"),
    ("电报线路总长度将达到５３．７万公里，比上年增长６％。", "５３．７万公里", "transport"),
    ("五年内全国新建铁路铺轨二千公里，建成复线一千七百公里。", "一千七百公里", "transport"),
    ("新增加的采煤能力将达二千四百四十二万吨。", "二千四百四十二万吨", "energy_output"),
    ("１５个采煤沉陷区治理工程开始建设。", "１５个", "ecology"),
    ("在国家的基本建设投资中，非生产性的投资占百分之二十四点三。", "百分之二十四点三", "fixed_asset_investment"),
    ("１９７９年农民增加收入１０８亿元。", "１０８亿元", "rural_income"),
    ("全国农民从集体分得的平均收入增加了百分之十七点七。", "百分之十七点七", "rural_income"),
    ("同我国建交的国家已经达到１３５个。", "１３５个", "international_exchange"),
    ("被灾田地約二亿三千万亩，受灾人口約七千万人。", "二亿三千万亩", "safety"),
    ("专科防治所将达到６５０个，比上年增长１２５％。", "６５０个", "education_health"),
    ("国家为职工建筑的宿舍，一九五三年即有一千二百万平方公尺。", "一千二百万平方公尺", "housing"),
    # aliases met in the 1990–2024 reports
    ("开工建设城市地下综合管廊2000公里以上。", "2000公里", "utilities"),
    ("治理重点中小河流2.45万公里。", "2.45万公里", "utilities"),
    ("增加蓄洪容积130亿立方米。", "130亿立方米", "utilities"),
    ("居民区分类达标率从15%提高到90%。", "90%", "utilities"),
    ("建设300个惠民回收服务点。", "300个", "utilities"),
    ("设置13个国家医学中心。", "13个", "education_health"),
    ("农村妇女住院分娩率达到95%以上。", "95%", "education_health"),
    ("基本药物制度覆盖80%以上村卫生室。", "80%", "education_health"),
    ("今年高职院校大规模扩招100万人。", "100万人", "education_health"),
    ("设置12.4万间隔离房。", "12.4万间", "education_health"),
    ("住院费用跨省直接结算率达到60%。", "60%", "social_security"),
    ("参加新型农村合作医疗的人口8.14亿，参合率91.5%。", "91.5%", "social_security"),
    ("将农村部分计划生育家庭奖励扶助标准由人均600元提高到720元。", "720元", "social_security"),
    ("五年建成铁路新线1.6万公里。", "1.6万公里", "transport"),
    ("电气化线路5704公里。", "5704公里", "transport"),
    ("新增人行天桥无障碍电梯38座。", "38座", "transport"),
    ("铁路投资要保持在8000亿元以上。", "8000亿元", "fixed_asset_investment"),
    ("增加深松土地1.5亿亩。", "1.5亿亩", "agriculture"),
    ("粮改饲试点面积扩大到1000万亩以上。", "1000万亩", "agriculture"),
    ("推进农村承包地“三权”分置改革、确权面积超过80%。", "80%", "agriculture"),
    ("新增燃煤脱硫机组容量9712万千瓦。", "9712万千瓦", "emissions"),
    ("今年要淘汰燃煤小锅炉5万台。", "5万台", "emissions"),
    ("洪涝灾害造成直接经济损失2000多亿元。", "2000多亿元", "safety"),
    ("电梯智慧监管覆盖率超过97%。", "97%", "safety"),
    ("全国基础研究经费五年增长1倍。", "1倍", "rd_intensity"),
    ("新增电信用户4.94亿户。", "4.94亿户", "digital_economy"),
    ("全市累计布设物联终端超过3.7亿个。", "3.7亿个", "digital_economy"),
    ("整合信息系统1182个，归集公共数据超过390亿条。", "1182个", "digital_economy"),
    ("整合信息系统1182个，归集公共数据超过390亿条。", "390亿条", "digital_economy"),
    ("城乡电话总容量增长1.1倍。", "1.1倍", "digital_economy"),
    ("全部取消农业税，每年减轻农民负担1335亿元。", "1335亿元", "tax_cuts"),
    ("全面推开营改增试点，全年降低企业税负5700多亿元。", "5700多亿元", "tax_cuts"),
    ("全年要为市场主体减轻非税负担3000多亿元。", "3000多亿元", "tax_cuts"),
    ("将制造业企业加计扣除比例提高到100%。", "100%", "tax_cuts"),
    ("将交通运输业等行业现行10%的税率降至9%。", "9%", "tax_cuts"),
    ("新增减税降费超过1万亿元，缓税缓费7500多亿元。", "7500多亿元", "tax_cuts"),
    ("其中中央财政赤字9500亿元，由中央代地方发债4000亿元。", "4000亿元", "debt"),
    ("政府负债率控制在50%左右。", "50%", "debt"),
    ("去年全国财政比年度预算超收7239亿元。", "7239亿元", "fiscal_revenue"),
    ("今年中央政府投资总额9080亿元。", "9080亿元", "general_budget_expenditure"),
    ("新开工建设36项重点工程，投资总规模6000多亿元。", "6000多亿元", "project_investment"),
    ("货物通关时间压缩一半以上。", "一半", "foreign_trade"),
    ("贸易顺差连续两年下降，2010年比上年减少6.4%。", "6.4%", "foreign_trade"),
    ("新签和升级8个自由贸易协定。", "8个", "foreign_trade"),
    ("总门户累计接入服务事项3588项，网办率达到84%。", "84%", "government_services"),
    ("“一网通办”总门户接入事项达到2261个，线上办事651万件。", "651万件", "government_services"),
    ("企业开办时间缩短三分之一以上。", "三分之一", "government_services"),
    ("工商登记前置审批精简85%。", "85%", "government_services"),
    ("下放执法事项423项。", "423项", "government_administration"),
    ("非常设机构由85个减为26个。", "26个", "government_administration"),
    ("市政府系统全市性大会减少31%。", "31%", "government_administration"),
    ("同我国建交的国家总数现已达到155个。", "155个", "international_exchange"),
    ("我国同30个国家建立或恢复了外交关系。", "30个", "international_exchange"),
    ("40多位外国元首和政府首脑先后访华。", "40多位", "international_exchange"),
    ("农村居民人均居住面积由22.5平方米增加到26.5平方米。", "26.5平方米", "housing"),
    ("全年货币发行比年初计划少500亿元。", "500亿元", "finance"),
    ("去年价格上涨的翘尾影响约有1个百分点。", "1个百分点", "cpi"),
    ("一般工商业电价平均降低10%。", "10%", "energy_output"),
    ("全省工商业平均电价下降5分/千瓦时。", "5分", "energy_output"),
    ("引导约1亿人在中西部地区就近城镇化。", "1亿人", "urbanization"),
    ("留学回国人员达到54万人。", "54万人", "innovation"),
    ("来华工作的外国专家增加40%。", "40%", "innovation"),
    ("“十三五”时期经济年均增长保持在6.5%以上。", "6.5%", "gdp"),
    ("基本解决8000万人的温饱问题。", "8000万人", "poverty"),
    ("环保投入相当于全市生产总值的比例保持在3%左右。", "3%", "ecology"),
    ("15个采煤沉陷区治理工程开始建设。", "15个", "ecology"),
    ("新建25家示范性智慧菜场。", "25家", "retail_sales"),
    ("新一轮早餐工程新增网点3676个。", "3676个", "retail_sales"),
    ("培育高素质农民2400人以上。", "2400人", "employment"),
    ("整治国土面积18万平方公里。", "18万平方公里", "land"),
    # aliases met in the 2026 reports
    ("全省PM_2.5平均浓度下降12.1%。", "12.1%", "air_quality"),
    ("洞庭湖总磷浓度下降11.7%。", "11.7%", "water_quality"),
    ("完成12480个入河排污口整治。", "12480个", "water_quality"),
    ("12条入海河流稳定消劣。", "12条", "water_quality"),
    ("新增国家美丽海湾5个。", "5个", "water_quality"),
    ("建成“清水绿岸”河段406公里。", "406公里", "water_quality"),
    ("九龙江流域优质水比例提升14.3个百分点。", "14.3个百分点", "water_quality"),
    ("开展300条中型以上侵蚀沟治理。", "300条", "ecology"),
    ("向塔里木河流域胡杨林引洪补水24.3亿立方米。", "24.3亿立方米", "ecology"),
    ("新建和改善绿水长廊1272公里。", "1272公里", "ecology"),
    ("共建社区微花园50个。", "50个", "ecology"),
    ("累计完成生态建设1.23亿亩。", "1.23亿亩", "ecology"),
    ("共记录生物物种1.36万种。", "1.36万种", "ecology"),
    ("黄河上游水源涵养补给量增加近13亿立方米。", "13亿立方米", "ecology"),
    ("推动林下经济面积达260万亩。", "260万亩", "agriculture"),
    ("处置毁林毁草问题1.9万个。", "1.9万个", "forest_coverage"),
    ("更新改造老旧管线1000公里。", "1000公里", "utilities"),
    ("开挖疏浚沟渠11.76万公里。", "11.76万公里", "utilities"),
    ("库塘蓄水量首次突破100亿立方米。", "100亿立方米", "utilities"),
    ("压减地下水开采量21.5亿立方米。", "21.5亿立方米", "utilities"),
    ("“两污”处理率超98%。", "98%", "utilities"),
    ("新增1000处信号灯联网。", "1000处", "transport"),
    ("中心城区绿色出行比例提升至76.5%。", "76.5%", "transport"),
    ("布局建设5条铁路专用线、26条产业路。", "26条", "transport"),
    ("建成过江通道4座。", "4座", "transport"),
    ("实施30项市级疏堵工程。", "30项", "transport"),
    ("客货总周转量增长9.5%。", "9.5%", "transport"),
    ("京津城际全天运能提升19%。", "19%", "transport"),
    ("实际物流成本下降至15%左右。", "15%", "transport"),
    ("释放低空空域资源超12万平方公里。", "12万平方公里", "transport"),
    ("打通未贯通道路40条。", "40条", "transport"),
    ("飞行规模达2061万架次。", "2061万架次", "transport"),
    ("我区外送电能力突破2000万千瓦。", "2000万千瓦", "energy_output"),
    ("绿氢产量突破1万吨。", "1万吨", "energy_output"),
    ("完成6台亚临界机组替代。", "6台", "energy_output"),
    ("供应电煤3000万吨以上。", "3000万吨", "energy_output"),
    ("“疆煤外运”达到1.4亿吨。", "1.4亿吨", "energy_output"),
    ("完成非直供电小区改造100万户。", "100万户", "energy_output"),
    ("完成395台燃煤锅炉超低排放改造。", "395台", "emissions"),
    ("一般固体废弃物综合利用率达到74.1%。", "74.1%", "green_low_carbon"),
    ("装配式建筑面积占新建建筑比重超80%。", "80%", "green_low_carbon"),
    ("建成“无废城市细胞”5000多个。", "5000多个", "green_low_carbon"),
    ("农贸市场“禁塑”达标率达90%。", "90%", "green_low_carbon"),
    ("公共数据按需归集率达60%。", "60%", "digital_economy"),
    ("新建200个智能车间。", "200个", "digital_economy"),
    ("培育数智化转型优质服务商100家。", "100家", "digital_economy"),
    ("新建20个产业创新综合体。", "20个", "innovation"),
    ("新建70个博士创新站。", "70个", "innovation"),
    ("选派科技副总1787名、产业教授973名。", "973名", "innovation"),
    ("新增首台（套）重大技术装备25项。", "25项", "innovation"),
    ("转移转化成果1.25万项。", "1.25万项", "innovation"),
    ("培育认定省级工业设计中心20个以上。", "20个", "innovation"),
    ("基层诊疗量增长20%。", "20%", "education_health"),
    ("布局AED等群众可及急救设备700处。", "700处", "education_health"),
    ("为不少于5万名经济困难的严重精神障碍患者免费提供药物。", "5万名", "education_health"),
    ("“教共体”覆盖率达到85%。", "85%", "education_health"),
    ("鲁班工坊增至26个。", "26个", "education_health"),
    ("新建标准塑胶跑道2000公里以上。", "2000公里", "culture_sports"),
    ("微短剧平台海外内购收入超4亿美元。", "4亿美元", "culture_sports"),
    ("“川超”联赛观众超1亿人次。", "1亿人次", "culture_sports"),
    ("“八闽书房”辐射人群超700万人。", "700万人", "culture_sports"),
    ("参加职业伤害保障的新业态劳动者超640万人。", "640万人", "social_security"),
    ("打造银发综合体50个。", "50个", "social_security"),
    ("发放以工代赈劳务报酬4.19亿元。", "4.19亿元", "employment"),
    ("新培育认定乡村工匠2.7万人。", "2.7万人", "employment"),
    ("提前转移群众18.52万人次。", "18.52万人次", "safety"),
    ("三峡库区431处存量危岩全面除险清患。", "431处", "safety"),
    ("建成反诈工作站100个。", "100个", "safety"),
    ("为群众挽回非法集资损失10亿多元。", "10亿多元", "safety"),
    ("现行命案破案率达100%。", "100%", "safety"),
    ("有效应对50个热带气旋。", "50个", "safety"),
    ("加快建设2个海洋牧场。", "2个", "agriculture"),
    ("更新改造老旧渔船952艘。", "952艘", "agriculture"),
    ("新增热带优异果蔬20万亩。", "20万亩", "agriculture"),
    ("新增绿色有机食品基地面积536万亩。", "536万亩", "agriculture"),
    ("“一喷多促”3831万亩。", "3831万亩", "agriculture"),
    ("建设现代农事综合服务中心20个。", "20个", "agriculture"),
    ("猪牛羊禽肉223万吨。", "223万吨", "agriculture"),
    ("新建1000个粮油千亩高产片。", "1000个", "agriculture"),
    ("培育商圈140个。", "140个", "retail_sales"),
    ("带动商品销售2000多亿元。", "2000多亿元", "retail_sales"),
    ("建设城市一刻钟便民生活圈232个。", "232个", "retail_sales"),
    ("一般贸易占比达到42.1%。", "42.1%", "foreign_trade"),
    ("对非贸易额年均增长15%。", "15%", "foreign_trade"),
    ("新开通12个传统边贸点。", "12个", "foreign_trade"),
    ("银行业资产总额突破11万亿元。", "11万亿元", "finance"),
    ("完成并购重组397起。", "397起", "finance"),
    ("推动EF账户业务量累计突破5000亿元。", "5000亿元", "finance"),
    ("国有企业上缴税费增长7.4%。", "7.4%", "tax_revenue"),
    ("好办易办率超过90%。", "90%", "government_services"),
    ("调整实施行政职权3201项。", "3201项", "government_services"),
    ("低风险经营主体“无事不扰”率达99.11%。", "99.11%", "government_administration"),
    ("涉企行政执法检查总量下降24.2%。", "24.2%", "government_administration"),
    ("减少办公用房租赁费1.19亿元。", "1.19亿元", "government_administration"),
    ("“五上”企业总数增长9%。", "9%", "new_enterprises"),
    ("新设台企2612家。", "2612家", "enterprises"),
    ("新引入8家跨国药企。", "8家", "enterprises"),
    ("贸易伙伴覆盖155个国家或地区。", "155个", "international_exchange"),
    ("集中打造高端装备、新能源等4个万亿级新兴支柱产业。", "4个", "industrial_clusters"),
    ("设立5个自贸联动创新区。", "5个", "development_zones"),
    ("推动3个综保区高质量发展。", "3个", "development_zones"),
    ("新培育2518个典型村。", "2518个", "rural_development"),
    ("建成260个自治区美丽宜居村。", "260个", "rural_development"),
    ("95%以上的村集体经营性收入超过10万元。", "10万元", "rural_development"),
    ("城镇更新改造惠及390万人。", "390万人", "housing"),
    ("核心区平房申请式退租2006户。", "2006户", "housing"),
    ("改善农牧民居住条件2.67万户。", "2.67万户", "housing"),
    ("入境人数增长18.1%。", "18.1%", "tourism"),
    ("二产增加值增长6%左右。", "6%", "industrial_value_added"),
    ("化解“一地多证”160万亩。", "160万亩", "land"),
    ("供应工业“标准地”2.4万亩。", "2.4万亩", "land"),
    ("度电排放二氧化碳0.13千克。", "0.13千克", "carbon_intensity"),
    ("监测对象风险消除率达到78.8%。", "78.8%", "poverty"),
    ("黄河“几字弯”攻坚战完成治理982.19万亩。", "982.19万亩", "ecology"),
    ("培育高素质农民3000人以上。", "3000人", "employment"),
    ("生物多样性调查发现35种中国新记录。", "35种", "ecology"),
    # aliases met in the 2025 reports
    ("一般公共预算总收入5955.6亿元、增长0.8%。", "5955.6亿元", "fiscal_revenue"),
    ("一般贸易占比增至40.4%。", "40.4%", "foreign_trade"),
    ("共吸引约50万名境外采购商。", "50万名", "foreign_trade"),
    ("新型离岸国际贸易增长6%。", "6%", "foreign_trade"),
    ("服务外包合同金额增长6%。", "6%", "foreign_trade"),
    ("打造数据产品100个以上，培育数据开发利用机构100家以上。", "100家", "digital_economy"),
    ("上线行业大脑6个。", "6个", "digital_economy"),
    ("争取中央投资超2000亿元。", "2000亿元", "general_budget_expenditure"),
    ("力争主要农畜产品加工转化率达到75%以上。", "75%", "agriculture"),
    ("累计发布区域公用品牌56个。", "56个", "agriculture"),
    ("新增国家级海洋牧场6个。", "6个", "agriculture"),
    ("新建舍饲棚圈500万平方米以上。", "500万平方米", "agriculture"),
    ("绿色有机食品基地面积突破1亿亩。", "1亿亩", "agriculture"),
    ("秸秆综合利用率稳定在86%以上。", "86%", "agriculture"),
    ("新增农业产业强镇9个。", "9个", "agriculture"),
    ("统筹9.8亿元用于援企稳岗。", "9.8亿元", "employment"),
    ("供应工业“标准地”3.2万亩。", "3.2万亩", "land"),
    ("完成农用地整治23.8万亩。", "23.8万亩", "land"),
    ("盘活存量房地产用地4043公顷。", "4043公顷", "land"),
    ("全省工商业平均电价下降1分/千瓦时。", "1分", "energy_output"),
    ("储气能力达5200万立方米。", "5200万立方米", "energy_output"),
    ("外送能力达到2000万千瓦。", "2000万千瓦", "energy_output"),
    ("实现7000处信号灯联网。", "7000处", "transport"),
    ("内陆港达到51个。", "51个", "transport"),
    ("全社会物流成本下降0.4个百分点。", "0.4个百分点", "transport"),
    ("加密主次支路200公里。", "200公里", "transport"),
    ("川渝省际通道增至30个。", "30个", "transport"),
    ("新增农村物流综合性服务站点500个。", "500个", "transport"),
    ("加快建设3个先行启动区。", "3个", "development_zones"),
    ("新增1个省级境外经贸合作区。", "1个", "development_zones"),
    ("全区化工园区较低安全风险等级比例达60%。", "60%", "safety"),
    ("及时转移涉险群众40万人次。", "40万人次", "safety"),
    ("2130人因提前转移避免伤亡。", "2130人", "safety"),
    ("三峡库区存量危岩清患率超过90%。", "90%", "safety"),
    ("更新改造“四类管线”2000公里。", "2000公里", "utilities"),
    ("改造老旧管线1000公里。", "1000公里", "utilities"),
    ("开工建设20宗大中型水闸。", "20宗", "utilities"),
    ("完成中小河流治理651公里。", "651公里", "utilities"),
    ("提升改造城市排涝能力600立方米/秒。", "600立方米", "utilities"),
    ("开工建设提标加固海塘50公里。", "50公里", "utilities"),
    ("压减地下水开采量1.57亿立方米。", "1.57亿立方米", "utilities"),
    ("全区在线监测室温达标率99%以上。", "99%", "utilities"),
    ("全省产业技术创新联盟成员达96家。", "96家", "innovation"),
    ("全省公民具备科学素质比例达15%。", "15%", "innovation"),
    ("国家级工业设计中心增至11家。", "11家", "innovation"),
    ("遴选支持10个左右创新团队。", "10个", "innovation"),
    ("全面完成“山水工程”建设、累计治理修复面积82.28万亩。", "82.28万亩", "ecology"),
    ("除治复萌互花米草6861亩。", "6861亩", "ecology"),
    ("野生鸟类达到110余种。", "110余种", "ecology"),
    ("新建改建健身步道80条。", "80条", "culture_sports"),
    ("新建美丽宜居村1056个。", "1056个", "rural_development"),
    ("全面推动第二批2225个典型村建设。", "2225个", "rural_development"),
    ("建设精品村（场）100个。", "100个", "rural_development"),
    ("配置AED达每10万人45台。", "45台", "education_health"),
    ("新设本科专业22个。", "22个", "education_health"),
    ("新增博士硕士授权点106个。", "106个", "education_health"),
    ("26种医用耗材价格大幅降低。", "26种", "education_health"),
    ("县域就诊率达90%以上。", "90%", "education_health"),
    ("启动91家慢性病一体化门诊建设。", "91家", "education_health"),
    ("改造老旧病房10万平方米。", "10万平方米", "education_health"),
    ("为21.5万名城乡妇女免费开展“两癌”检查。", "21.5万名", "education_health"),
    ("实体书店数量超2100家。", "2100家", "culture_sports"),
    ("15件作品获中国新闻奖。", "15件", "culture_sports"),
    ("新建45个多功能运动场、100个校园足球场地。", "100个", "culture_sports"),
    ("保护修缮传统建筑1005栋。", "1005栋", "culture_sports"),
    ("发放租赁补贴惠及6.2万户。", "6.2万户", "housing"),
    ("保交房项目交付率94.6%。", "94.6%", "housing"),
    ("3万余户受灾群众住进新居。", "3万余户", "housing"),
    ("完成核心区平房2008户申请式退租。", "2008户", "housing"),
    ("推进片区更新120个。", "120个", "housing"),
    ("“四上”单位突破7万家。", "7万家", "new_enterprises"),
    ("因公出国（境）费用下降24%。", "24%", "government_administration"),
    ("完成15个商圈改造升级。", "15个", "retail_sales"),
    ("城市一刻钟便民生活圈达到190个。", "190个", "retail_sales"),
    ("带动家电销售735.4万件。", "735.4万件", "retail_sales"),
    ("建成“无废城市细胞”3500余个。", "3500余个", "green_low_carbon"),
    ("重点行业绿色化改造覆盖率85.6%。", "85.6%", "green_low_carbon"),
    ("磷石膏综合利用率达88.2%。", "88.2%", "green_low_carbon"),
    ("装配式建筑面积占新建建筑比例达80%以上。", "80%", "green_low_carbon"),
    ("建成“长者饭堂”3652个。", "3652个", "social_security"),
    ("完成重点区域林相改善6.88万亩。", "6.88万亩", "forest_coverage"),
    ("新增城乡绿化美化面积10.02万亩。", "10.02万亩", "forest_coverage"),
    ("高风险机构压降80%。", "80%", "finance"),
    ("跨境收支规模达1086.3亿美元。", "1086.3亿美元", "finance"),
    ("推动减退降税费超560亿元。", "560亿元", "tax_cuts"),
    ("全省万亿级产业达到6个。", "6个", "industrial_clusters"),
    ("培育98个特色专业镇。", "98个", "industrial_clusters"),
    ("建设1500万亩小麦、2000万亩玉米高产示范区。", "2000万亩", "grain_output"),
    ("4个省级粮库新建成投用。", "4个", "grain_output"),
    ("鄱阳湖区总磷浓度下降8.5%。", "8.5%", "water_quality"),
    ("285个水功能区达标率均为100%。", "285个", "water_quality"),
    ("风险消除率68.6%。", "68.6%", "poverty"),
    ("下放行政职权27项。", "27项", "government_services"),
    ("边境游突破500万人次。", "500万人次", "tourism"),
    ("12个观景点串珠成线。", "12个", "tourism"),
    ("实际使用内资增长16.9%。", "16.9%", "investment_attracted"),
    ("新增4对国际友城、23对友好合作伙伴。", "23对", "international_exchange"),
])
def test_work_report_metric(text, span, metric):
    assert in_report_row(text, span)["metric"] == metric


@pytest.mark.parametrize("text, span, metric", [
    ("研发经费占GDP比重达到2.5%。", "2.5%", "rd_intensity"),
    ("数字经济核心产业增加值占地区生产总值比重达到10%。", "10%", "digital_economy"),
    ("高技术制造业增加值占规模以上工业增加值比重达到15.8%。", "15.8%", "high_tech"),
    ("全社会研发经费支出相当于地区生产总值的比例达到2.8%。", "2.8%", "rd_intensity"),
])
def test_denominator_of_a_share_is_not_the_metric(text, span, metric):
    assert in_report_row(text, span)["metric"] == metric


def test_share_of_gdp_with_no_named_numerator_is_other_not_gdp():
    assert in_report_row("海洋生产总值占GDP比重达到14%左右。", "14%")["metric"] == "other"
    # per unit of output (万元生产总值用水量) the GDP is a denominator too
    assert in_report_row("碳排放强度下降20.5%，万元生产总值用水量下降22%。", "22%")["metric"] == "other"


@pytest.mark.parametrize("text, span", [
    # figures of a speech that the seed answers keep as other (no work-report code exists there)
    ("新增市场主体2500户。", "2500户"),
    ("国家铁路集团把商丘铁路物流基地列入了77个国家二级铁路物流基地。", "77个"),
    ("累计引进和培育150家以上华为云生态企业。", "150家"),
])
def test_speech_figures_the_answers_keep_as_other(text, span):
    assert row(text, span)["metric"] == "other"


@pytest.mark.parametrize("text, span", [
    # words that name a metric elsewhere but in these sentences only qualify what is measured
    ("基本农田保护率已将近90%。", "90%"),
    ("县乡道路不得超过3米。", "3米"),
    ("市政府已下拨X万元。", "X万元"),                    # 市政 inside 市政府
    ("这个数字比上年增长12%。", "12%"),                  # 数字: a number, not the digital economy
    ("将工业生产许可证再压减一半以上。", "一半"),        # 工业生产 inside a licence
])
def test_generic_words_do_not_name_a_metric(text, span):
    assert in_report_row(text, span)["metric"] == "other"


def test_measure_followed_by_a_named_metric_takes_it():
    # 完成134公里架空线入地: the metric follows a length or an area as it follows a count
    assert in_report_row("完成134公里架空线入地和杆箱整治。", "134公里")["metric"] == "utilities"
    assert in_report_row("新建3万亩粮食生产无人农场。", "3万亩")["metric"] == "agriculture"


def test_verb_after_a_count_is_not_its_noun():
    # 5G基站由1.9万座增加到14.3万座: 增加到… does not name what 1.9万座 counts; the clause before does
    rows_ = in_report_rows("5G基站由1.9万座增加到14.3万座。")
    assert [(r["span_text"], r["metric"]) for r in rows_] == [("1.9万座", "digital_economy"),
                                                              ("14.3万座", "digital_economy")]


def test_counts_by_level_take_the_noun_after_the_list():
    # 新建8个国家级、36个省级临床重点专科: 国家级 alone names no noun; the one after the list does
    out = in_report_rows("新建8个国家级、36个省级临床重点专科。")
    assert [(r["span_text"], r["metric"]) for r in out] == [("8个", "education_health"), ("36个", "education_health")]


def test_a_part_introduced_by_qizhong_keeps_the_metric_of_the_whole():
    r = row("全省进出口总值增长12.3%，其中对中亚五国增长48.1%。", "48.1%")
    assert (r["metric"], r["measure"]) == ("foreign_trade", "growth")


def test_a_count_before_a_jump_takes_the_noun_before_it():
    r = in_report_row("全国重点实验室从15家跃升到38家。", "15家")
    assert r["metric"] == "innovation"


def test_value_listed_right_after_another_keeps_its_metric():
    # …分别增长4.8%、6.2%: the second value of a bare list is of the metric of the first
    r = in_report_row("居民人均可支配收入城镇、农村分别增长4.8%、6.2%。", "6.2%")
    assert (r["metric"], r["measure"]) == ("resident_income", "growth")


def test_comparison_with_a_base_year_carries_the_metric():
    r = in_report_row("粮食产量达到39109万吨，比上年增产1199万吨。", "1199万吨")
    assert (r["metric"], r["metric_text"]) == ("grain_output", "粮食产量")


def test_metric_named_in_the_clause_before_a_comparison():
    assert in_report_row("例如，原煤的产量，一九五八年比一九五七年增长了百分之一百零七。", "百分之一百零七")["metric"] \
        == "energy_output"


def test_count_after_a_growth_rate_does_not_take_its_metric():
    r = row("亩均工业增加值增长9.9%，新增国家级开发区1家。", "1家")
    assert r["metric"] == "other"


def test_work_report_codes_are_other_in_any_other_speech():
    # METRICS.md gives the codes from unemployment_rate down to work reports; a county speech keeps them other
    text = "新改建农村公路1200公里，新增城镇就业1.2万人。"
    assert [(r["metric"], r["metric_text"]) for r in rows(text)] == [("other", "农村公路"), ("employment", "新增城镇就业")]
    assert [r["metric"] for r in in_report_rows(text)] == ["transport", "employment"]


def test_value_listed_after_another_ignores_a_noun_that_names_no_metric():
    # 连跨5万亿元、6万亿元两个台阶: 两个台阶 says how many steps, not what 6万亿元 measures
    out = in_report_rows("经济总量连跨5万亿元、6万亿元两个台阶。")
    assert [(r["span_text"], r["metric"]) for r in out] == [("5万亿元", "gdp"), ("6万亿元", "gdp")]


def test_a_span_of_years_before_an_average_carries_the_metric():
    r = in_report_row("１９９２年国民生产总值接近２４０００亿元，五年平均每年增长百分之七点九。", "百分之七点九")
    assert (r["metric"], r["measure"]) == ("gdp", "growth")


def test_a_total_after_an_increase_carries_its_metric():
    r = row("新增规模以上工业企业535户，总数达到3159户。", "3159户")
    assert r["metric"] == "new_enterprises"


def test_money_classes_listed_before_their_noun_take_it():
    # 千亿级、五百亿级外向型产业集群: 级 alone names nothing; the noun after the list does
    out = in_report_rows("加快培育千亿级、五百亿级外向型产业集群。")
    assert [r["metric"] for r in out] == ["industrial_clusters", "industrial_clusters"]


@pytest.mark.parametrize("text, span, metric, metric_text", [
    # places are counted in 个; 2.9万所乡镇卫生院 counts health centres
    ("今年要全面完成2.9万所乡镇卫生院建设任务。", "2.9万所", "education_health", "卫生院"),
    # a place word qualifying what follows is part of that noun
    ("建成610个乡镇养老服务中心。", "610个乡镇", "social_security", "养老服务"),
    ("完成2443个行政村生活污水治理。", "2443个", "utilities", "污水"),
    ("新建2个省实验室。", "2个", "innovation", "实验室"),
    # the place word ends the noun: the places are what is counted
    ("2147个县（市、区）实施城镇居民社会养老保险试点。", "2147个", "administrative_areas", "县"),
    ("潜江、松滋等10个县市获批国家新型城镇化试点。", "10个", "administrative_areas", "县市"),
    ("苍梧、昭平等10个县区通了新的高速公路。", "10个", "administrative_areas", "县区"),
    ("28个省份开展大病医疗保险试点。", "28个", "administrative_areas", "省份"),
])
def test_a_count_of_places_is_of_administrative_areas_unless_the_place_qualifies_a_noun(text, span, metric,
                                                                                         metric_text):
    r = in_report_row(text, span)
    assert (r["metric"], r["metric_text"]) == (metric, metric_text)


def test_a_count_of_places_outside_a_work_report_stays_other():
    # the seed speeches' answer files keep place counts as other (the code is a work-report family)
    assert row("5个县还没有新增规上企业。", "5个")["metric"] == "other"


@pytest.mark.parametrize("text, span, metric", [
    ("建成安居房7.5万套。", "7.5万套", "housing"),
    ("新增主城区园位1万个。", "1万个", "education_health"),
    ("新增农村幸福院773个。", "773个", "social_security"),
    ("培育垂直行业大模型80个。", "80个", "digital_economy"),
    ("新建7个750千伏输变电工程。", "7个", "energy_output"),
    ("安置分流职工110多万人。", "110多万人", "employment"),
    ("城镇职工家庭人均收入平均每年增长百分之六点九。", "百分之六点九", "urban_income"),
    ("国际友城达到96对。", "96对", "international_exchange"),
    ("与54个国家和地区开展科技合作。", "54个", "international_exchange"),
    ("累计识别监测对象81.4万人。", "81.4万人", "poverty"),
    ("群众安全感连续7年保持98%以上。", "98%", "safety"),
    ("改造城市危旧房5000套。", "5000套", "housing"),
    ("新签和升级6个自贸协定。", "6个", "foreign_trade"),
    ("兑现税费优惠政策144.8亿元，惠及经营主体14.1万户次。", "14.1万户次", "enterprises"),   # 户次: one unit
    ("兑现税费优惠政策144.8亿元，惠及经营主体14.1万户次。", "144.8亿元", "tax_cuts"),
])
def test_work_report_facility_and_income_names(text, span, metric):
    assert in_report_row(text, span)["metric"] == metric


@pytest.mark.parametrize("text, span, metric", [
    # funds name the metric only when nothing before them does
    ("安排产业发展资金30亿元。", "30亿元", "public_funds"),
    ("聚焦群众急难愁盼，投入567亿元办好民生实事。", "567亿元", "public_funds"),
    ("对种粮农民一次性发放200亿元补贴。", "200亿元", "public_funds"),
    ("全年中央财政用于“三农”的投入5955亿元。", "5955亿元", "general_budget_expenditure"),
    ("中央财政安排423亿元资金，支持十大重点节能工程。", "423亿元", "general_budget_expenditure"),
    ("落实畜牧业发展各类资金50.3亿元。", "50.3亿元", "agriculture"),
    ("为138万残疾人发放生活补贴和护理补贴。", "138万", "social_security"),
    # bodies, staffing, official spending, inspections, litigation
    ("国务院组成部门从40个减少到29个。", "29个", "government_administration"),
    ("政府议事协调机构压减71%。", "71%", "government_administration"),
    ("重点领域入企检查频次压减45%。", "45%", "government_administration"),
    ("行政机关负责人出庭应诉率首次达到100%。", "100%", "government_administration"),
    ("压减省级机关事业单位公用经费15%。", "15%", "government_administration"),
    ("把小学、初中学生人均公用经费分别提高到300元和500元。", "300元", "education_health"),
])
def test_public_funds_and_government_administration(text, span, metric):
    assert in_report_row(text, span)["metric"] == metric


@pytest.mark.parametrize("text, span, metric", [
    ("铁：全部建成后增加的年产能力将为五百七十五万吨。", "五百七十五万吨", "industrial_products"),
    ("生产钾肥749万吨、碳酸锂13.5万吨。", "13.5万吨", "industrial_products"),
    ("淘汰落后炼铁产能4659万吨。", "4659万吨", "industrial_products"),
    ("三年共开垦荒地三千六百万亩。", "三千六百万亩", "agriculture"),
    ("保护性耕作面积新增200万亩。", "200万亩", "agriculture"),
    ("新增铁路营运里程6100公里。", "6100公里", "transport"),
    ("铁路继续向西铺轨三百公里。", "三百公里", "transport"),
    ("新增10个自治区级现代产业学院。", "10个", "education_health"),
    ("攻克关键技术200项以上。", "200项", "innovation"),
    ("启动培育未来工厂23个。", "23个", "digital_economy"),
    ("200个高频事项实现“智慧好办”。", "200个", "government_services"),
    ("人大代表建议、政协提案办结率均为100%。", "100%", "government_services"),
    ("输转城乡富余劳动力519.2万人，劳务收入1637.5亿元。", "1637.5亿元", "employment"),
    ("推进1.27万户农民相对集中居住。", "1.27万户", "housing"),
    ("淘汰国三柴油车8.4万辆。", "8.4万辆", "emissions"),
    ("冰雪运动参与人次超630万。", "630万", "culture_sports"),
    # a generic noun right after a named metric is its noun: capacity of coal, the scale of AI, scenes of consumption
    ("退出煤炭产能1.5亿吨以上。", "1.5亿吨", "energy_output"),
    ("人工智能核心产业规模突破3000亿元。", "3000亿元", "digital_economy"),
    ("推出皖美消费新场景100个。", "100个", "retail_sales"),
    ("力争软件从业人员突破50万人。", "50万人", "digital_economy"),
])
def test_work_report_names_of_products_farming_transport_services(text, span, metric):
    assert in_report_row(text, span)["metric"] == metric


@pytest.mark.parametrize("text, span, metric, metric_text, measure", [
    # a clause of only a restated base and verbs continues the metric named before it
    ("钢产量，在五年计划的前三年共增加了一百五十万吨，而1956年这一年就增加了一百六十一万吨。", "一百六十一万吨",
     "industrial_products", "钢产量", "level"),
    ("全国粮食总产量，在过去四年中共增加了一千九百零五亿斤。", "一千九百零五亿斤", "grain_output", "粮食总产量", "level"),
    ("年底国家外汇储备达4033亿美元，比年初增加1168亿美元。", "1168亿美元", "finance", "外汇储备", "level"),
    # the denominator of 在Y中所占的比重 is not the metric; the topic clause names the share
    ("同时，生产资料在工业总产值中所占的比重，将由1955年的46%上升到47.2%。", "46%", "other",
     "生产资料在工业总产值中所占的比重", "share"),
    ("积累所占的比重，相应地由36.5%降到30%左右。", "36.5%", "other", "积累所占的比重", "share"),
])
def test_a_bare_clause_continues_the_topic_before_it(text, span, metric, metric_text, measure):
    r = in_report_row(text, span)
    assert (r["metric"], r["metric_text"], r["measure"]) == (metric, metric_text, measure)


def test_a_report_word_outside_a_report_leaves_the_noun_as_written():
    # 医生 names education_health only in a work report; elsewhere the row is other with its noun
    r = row("二是每个镇卫生院配备2名全科医生。", "2名")
    assert (r["metric"], r["metric_text"]) == ("other", "全科医生")


def test_a_count_before_an_adjective_made_of_a_document_noun_stays():
    assert in_report_row("提供政策性岗位超过3万个。", "3万个")["metric"] == "employment"


def test_funds_arranged_with_no_noun_are_public_funds_in_a_report_only():
    assert in_report_row("今年拟安排430亿元，用于补助低保住房困难家庭。", "430亿元")["metric"] == "public_funds"
    assert row("今年拟安排430亿元。", "430亿元")["metric"] == "other"


def test_funds_outside_a_work_report_name_nothing():
    # the figure keeps the words before it as its metric_text, not the bare 资金 of a report code
    assert row("签约资金100多亿元。", "100多亿元")["metric_text"] == "签约资金"


@pytest.mark.parametrize("text, span, metric", [
    ("新登记经营主体60.7万户。", "60.7万户", "enterprises"),
    ("新增限额以上商贸企业1000家。", "1000家", "enterprises"),
    ("新增国家级经开区3个、省级开发区5个。", "5个", "development_zones"),
    ("开展“源网荷储”一体化试点30个左右。", "30个", "development_zones"),
    # a generic noun right after a named metric is that metric's noun
    ("新增国家级专精特新“小巨人”企业15户。", "15户", "high_tech"),
    ("首批10个零碳产业园区启动建设。", "10个", "green_low_carbon"),
    ("总结推广3个城市医疗集团建设试点经验。", "3个", "education_health"),
])
def test_enterprise_and_zone_counts(text, span, metric):
    assert in_report_row(text, span)["metric"] == metric


@pytest.mark.parametrize("text, span", [
    ("累计释放企业现金流118亿元。", "118亿元"),       # 企业 counts enterprises, it names no sum of money
    ("企业通关时效提升80%以上。", "80%"),
])
def test_enterprises_name_only_counts(text, span):
    assert in_report_row(text, span)["metric"] == "other"


def test_growth_after_a_count_in_one_clause_is_of_the_count():
    r = in_report_row("全省经营主体达1095.2万户、增长5.9%，其中企业380.8万户。", "5.9%")
    assert (r["metric"], r["measure"]) == ("enterprises", "growth")
    r = in_report_row("五年累计新设各类市场主体225.1万户，比上个五年增长52.7%。", "52.7%")
    assert (r["metric"], r["measure"]) == ("enterprises", "growth")


@pytest.mark.parametrize("text, span, metric, measure", [
    # 增加 is a filler word, 增加值 is not: the growth is of value added, not of the enterprises
    ("规模以上工业企业达7.6万家、增加值增长3%。", "3%", "other", "growth"),
    # a total after a growth rate sums the count before it
    ("新登记经营主体320万户、增长13%，总量达2037.7万户，其中企业929.8万户。", "2037.7万户", "enterprises", "level"),
    # 比1980年预计增加: the base is the estimate for 1980; the clause names nothing of its own
    ("对外贸易，进出口总额559亿元，比1980年预计增加42亿元。", "42亿元", "foreign_trade", "level"),
    ("全国财政收入达到１６３７１亿元，按可比口径增加２４００亿元。", "２４００亿元", "fiscal_revenue", "level"),
])
def test_a_clause_naming_nothing_of_its_own_carries_the_metric_before(text, span, metric, measure):
    r = in_report_row(text, span)
    assert (r["metric"], r["measure"]) == (metric, measure)


def test_denominator_named_in_the_clause_before_is_not_the_metric():
    # 消费在国民收入中的比重，由…: the share's denominator (国民收入) is not what the bare clause measures
    assert in_report_row("消费在国民收入中的比重，由１９７８年的６３．５％上升到今年的７０％左右。", "７０％")["metric"] != "gdp"


@pytest.mark.parametrize("text, span, measure", [
    ("工业税收占全部税收比重从34.6%提升到49%。", "49%", "share"),
    ("常住人口城镇化率提高到67%。", "67%", "share"),
    ("将试点范围扩大到全国40%的县。", "40%", "level"),
    ("增速由5%提高到6%。", "6%", "growth"),                 # a rate of change that rises stays growth
])
def test_a_rise_to_a_value_gives_the_level_reached(text, span, measure):
    assert in_report_row(text, span)["measure"] == measure


@pytest.mark.parametrize("text, span", [
    ("新增206个户外职工爱心接力站。", "206个"),             # 职工 qualifies a station, it counts no workers
    ("十个职工以上的资本主义工业企业有四千多户。", "十个"),
])
def test_workers_as_a_qualifier_are_no_employment(text, span):
    assert in_report_row(text, span)["metric"] != "employment"


# ---------------------------------------------------------------- metric_text and subject as written
@pytest.mark.parametrize("text, span, metric_text", [
    ("全市新增资质内建筑企业40家。", "40家", "新增资质内建筑企业"),   # the enterprise noun the class word qualifies
    ("其中亿元以上项目15个。", "15个", "亿元以上项目"),                 # a money threshold defines the class
    ("79个500万元以上重点项目相继开复工。", "500万元", "500万元以上重点项目"),
    ("上次X个集中开工的重点项目。", "X个", "集中开工的重点项目"),        # the counted noun with its qualifier
    ("财政部提前下达了新增1.848万亿地方债。", "1.848万亿", "新增地方债"),
    ("抚顺特钢完成税收3.2亿元。", "3.2亿元", "税收"),                      # 完成 is the verb, not the metric
])
def test_metric_text_is_the_metric_as_written(text, span, metric_text):
    assert row(text, span)["metric_text"] == metric_text


@pytest.mark.parametrize("text, span, metric_text", [
    ("并对绩效奖金基数上浮20%。", "20%", "绩效奖金基数"),
    ("考核排名靠后的，还要对绩效奖金下浮20%。", "20%", "绩效奖金"),      # a clause inside the sentence
    ("“实际网办率”要达到70%以上。", "70%", "实际网办率"),
    ("我们要力争技工贸总收入达到X亿元。", "X亿元", "技工贸总收入"),
])
def test_other_metric_text_drops_lead_in_and_verbs(text, span, metric_text):
    r = row(text, span)
    assert (r["metric"], r["metric_text"]) == ("other", metric_text)


def test_other_metric_text_of_a_traditional_speech_is_trimmed_too():
    simp = "向上争取资金情况较好，总额达到5.4亿元。"
    trad = opencc.OpenCC("s2t").convert(simp)
    out = extract_indicators(SpeechDoc(text=trad, simplified=simp, script="hant"))
    assert [r["metric_text"] for r in out] == ["總額"]


@pytest.mark.parametrize("text, span, subject", [
    ("在全省X家省级及以上产业园区中，我市只有3家。", "X家", "全省"),
    ("本月只有睢县上报了一个手续齐全的入库项目。", "一个", "睢县"),
    ("各县（市、区）共谋划了1000多个项目。", "1000多个", "各县（市、区）"),
    ("我们提出每个县都要谋划建设一个农业产业园区。", "一个", "每个县"),
])
def test_subject_is_the_owner_without_its_lead_in(text, span, subject):
    assert row(text, span)["subject"] == subject


@pytest.mark.parametrize("text", [
    "办理省人大代表建议987件、省政协提案900件。",
    "提请省人大常委会审议地方性法规草案9件，立改废政府规章18项。",
])
def test_counts_of_documents_named_before_the_figure_are_not_indicators(text):
    assert spans(text) == []


@pytest.mark.parametrize("text", [
    "牵引性系统性改革深入推进，25项改革经验获中央改革办推广。",     # experiences and cases are policy items
    "龙泉村、姚磨村入选世界旅游联盟50个典型案例。",
    "五年国务院共向全国人大常委会提交39件法律议案。",
])
def test_counts_of_experiences_cases_and_bills_are_not_indicators(text):
    assert spans(text) == []


def test_amounts_in_chinese_numerals_are_indicators():
    # the 1950s-80s national reports write sizes in Chinese numerals (六亿一千八百万吨, 一千八百亿斤)
    assert spans("原煤由四亿八千三百万吨增加到六亿一千八百万吨。") == ["四亿八千三百万吨", "六亿一千八百万吨"]
    assert spans("进一步加强政府自身建设，十分重要。") == []                # 十分: "very"
    assert spans("每天走一米。") == []                                        # a small amount said in passing


def test_research_results_that_win_awards_stay_indicators():
    assert spans("5项成果获国家科学技术奖。") == ["5项"]


def test_count_of_service_matters_stays_an_indicator():
    assert spans("实现省X件事项网上一次办理。") == ["X件"]


def test_values_listed_with_fenbie_follow_their_metrics_in_order():
    out = in_report_rows("城镇调查失业率、居民消费价格涨幅分别控制在5.5%、3%左右。")
    assert [(r["span_text"], r["metric"]) for r in out] == [("5.5%", "unemployment_rate"), ("3%", "cpi")]
    out = in_report_rows("城镇调查失业率、城镇登记失业率分别为4.8%左右和4.3%左右。")
    assert [r["metric_text"] for r in out] == ["城镇调查失业率", "城镇登记失业率"]


def test_share_within_a_whole_measures_the_part():
    assert in_report_row("服务业增加值在国内生产总值中的比重提高4个百分点。", "4个百分点")["metric"] == "services_value_added"


def test_share_clause_after_a_figure_is_a_share_of_its_metric():
    r = row("经济总量超9万亿元，占全国比重升至6.5%。", "6.5%")
    assert (r["metric"], r["measure"]) == ("gdp", "share")


# ---------------------------------------------------------------- status by position (work reports)
# A work report reviews the past, then plans: a figure's part of the report decides its status
# before its cue words do (DATA_MODEL.md "Rules for the status of a figure").
def report_rows(text: str, year: int = 2026) -> dict[str, dict]:
    out = extract_indicators(SpeechDoc(text=text, simplified=text, script="hans", year=year, title=REPORT_TITLE))
    return {r["span_text"]: r for r in out}


def test_a_figure_of_a_year_before_the_speech_is_no_target():
    text = "第一个五年钢产量将达到一千六百三十万吨，而1948年的钢产量不过十五万八千吨。"
    rows_ = report_rows(text, year=1955)
    assert [rows_[s]["status"] for s in ("一千六百三十万吨", "十五万八千吨")] == ["target", "actual"]


REPORT = ("各位代表：\n一、2025年工作回顾\n"
          "过去一年，地区生产总值增长5.4%，增速高于预期目标。超额完成年度目标任务，城镇新增就业12万人。"
          "预计全年粮食产量达到1300万吨。\n"
          "二、2026年经济社会发展总体要求和主要预期目标\n"
          "今年经济社会发展的主要预期目标是：地区生产总值增长5%左右，城镇调查失业率5.5%左右。\n"
          "三、2026年重点工作\n实施重点项目120项，新改建农村公路1200公里。2025年已建成保障房2万套。\n")


@pytest.mark.parametrize("span, status", [
    ("5.4%", "actual"),      # review: a result, even beside 预期目标
    ("12万人", "actual"),    # review: 超额完成年度目标 is done, not aimed at
    ("1300万吨", "estimate"),  # 预计 in the review
    ("5%", "target"),        # the statement of the year's aims
    ("5.5%", "target"),
    ("120项", "target"),     # the plan states what is to be, with no aim word
    ("1200公里", "target"),
    ("2万套", "actual"),     # in the plan, but of a past year and 已
])
def test_status_by_position_in_a_work_report(span, status):
    assert report_rows(REPORT)[span]["status"] == status


def test_the_same_words_outside_a_report_keep_cue_word_status():
    # a leader's speech with no review section: 增速 beside 目标 is still read from cue words
    assert row("新增就业要达到12万人。", "12万人")["status"] == "target"
    assert row("城镇新增就业12万人，超额完成年度目标。", "12万人")["status"] == "actual"


def test_review_opened_by_a_paragraph_not_a_heading():
    text = ("各位代表：\n过去一年，全省地区生产总值增长5.8%。\n城乡居民收入增长6%，社会大局稳定。\n"
            "今年是“十五五”开局之年。全省地区生产总值增长5%左右。\n")
    rows_ = report_rows(text)
    assert [rows_[s]["status"] for s in ("5.8%", "6%", "5%")] == ["actual", "actual", "target"]


def test_achievement_heading_opens_a_review_and_a_past_plan_period_does_not_end_it():
    text = ("一、2025年主要工作和“十四五”发展成就\n“十四五”时期，全省地区生产总值年均增长5.5%。\n"
            "二、“十五五”时期的主要目标任务\n全省地区生产总值年均增长5%左右。\n")
    rows_ = report_rows(text)
    assert (rows_["5.5%"]["status"], rows_["5%"]["status"]) == ("actual", "target")


def test_plan_paragraph_inside_a_known_review_ends_it():
    text = ("“十四五”时期发展成就和2025年工作回顾\n刚刚过去的2025年，地区生产总值增长5.6%。\n"
            "今年经济社会发展的主要预期目标是：地区生产总值增长5%左右。\n一、重点工作\n")
    rows_ = report_rows(text)
    assert (rows_["5.6%"]["status"], rows_["5%"]["status"]) == ("actual", "target")


def test_a_known_review_runs_on_past_a_false_plan_heading_to_the_next_heading():
    text = ("一、2025年和“十四五”时期工作回顾\n2025年，地区生产总值增长5.1%。\n"
            "各位代表！2025年主要目标任务的完成，标志着“十四五”规划顺利收官。\n"
            "（一）大抓产业。新建5G基站8000个。\n二、2026年工作安排\n新建5G基站9000个。\n")
    rows_ = report_rows(text)
    assert [rows_[s]["status"] for s in ("5.1%", "8000个", "9000个")] == ["actual", "actual", "target"]


def test_an_unnumbered_plan_heading_ends_the_review():
    text = "2024年工作回顾\n过去一年，新建5G基站8000个。\n2025年工作安排建议\n新建5G基站9000个。\n"
    rows_ = report_rows(text, 2025)
    assert (rows_["8000个"]["status"], rows_["9000个"]["status"]) == ("actual", "target")


def test_a_plan_paragraph_looking_back_is_read_by_cue_words():
    text = ("一、过去五年工作回顾\n五年来，国内生产总值年均增长11.2%。\n二、今年的工作\n"
            "2011年是“十二五”开局之年。过去一年，国内生产总值增长10.3%。\n国内生产总值增长8%左右。\n")
    rows_ = report_rows(text, 2011)
    assert [rows_[s]["status"] for s in ("11.2%", "10.3%", "8%")] == ["actual", "actual", "target"]


def test_an_aim_restated_in_the_review_stays_a_target():
    text = "一、2024年工作回顾\n去年政府工作报告提出，物价涨幅要从14.8%降到10%左右，这一目标已经实现。\n"
    assert report_rows(text, 1995)["10%"]["status"] == "target"


def test_comparison_with_a_past_base_year_in_the_plan_is_still_a_target():
    text = "一、2025年工作回顾\n过去一年，经济平稳。\n二、2026年主要目标\n粮食产量比2025年增长2%。\n"
    assert report_rows(text)["2%"]["status"] == "target"


@pytest.mark.parametrize("sentence, span", [
    ("拟安排中央财政赤字2450亿元，比去年预算赤字减少500亿元。", "500亿元"),   # 去年 as a base
    ("教育投入将由去年的1076亿元增加到1562亿元。", "1562亿元"),
    ("做实重大项目前期工作，全年开工重点项目2000个以上。", "2000个"),         # 目前 inside 项目前期
    ("优化已建成设施运维管护，新建污水管网300公里。", "300公里"),               # 已建成 names what exists
])
def test_plan_words_that_look_past_but_are_not(sentence, span):
    text = "一、2025年工作回顾\n过去一年，经济平稳。\n二、2026年重点工作\n" + sentence + "\n"
    assert report_rows(text)[span]["status"] == "target"


def test_a_past_statement_in_the_plan_part_is_actual():
    text = "一、2025年工作回顾\n过去一年，经济平稳。\n二、2026年重点工作\n去年已经建成保障房2万套，今年再建3万套。\n"
    rows_ = report_rows(text)
    assert (rows_["2万套"]["status"], rows_["3万套"]["status"]) == ("actual", "target")


def test_a_past_year_opening_a_sentence_covers_its_semicolon_parts():
    # in the plan part: the year before the speech's opens the sentence, its ；-parts are past too
    text = ("一、1986年工作回顾\n过去一年，经济平稳。\n二、1987年主要任务\n１９８６年同１９７８年相比，国民生产总值由３４８０亿元"
            "增加到９３８０亿元，增长１０２％；国民收入由３０１０亿元增加到７７９０亿元，增长９４．９％。"
            "今年国民收入增长７％。\n")
    rows_ = report_rows(text, 1987)
    assert [rows_[s]["status"] for s in ("１０２％", "９４．９％", "７％")] == ["actual", "actual", "target"]


# ---------------------------------------------------------------- plan periods (period_text for the targets table)
@pytest.mark.parametrize("text, span, status, period", [
    ("“十五五”期间，全省地区生产总值年均增长5%左右。", "5%", "target", "“十五五”期间"),
    ("今后五年，全省地区生产总值年均增长5%左右。", "5%", "target", "今后五年"),
    ("到2030年，常住人口城镇化率达到70%。", "70%", "target", "到2030年"),
    ("“十四五”以来，地区生产总值年均增长6%。", "6%", "actual", "“十四五”以来"),   # looks back
    ("到2020年，常住人口城镇化率达到60%。", "60%", "actual", "到2020年"),           # past for a 2026 speech
    ("全省地区生产总值年均增长5.5%。", "5.5%", "actual", "年均"),                   # the average is the period
])
def test_plan_periods_are_kept_as_written(text, span, status, period):
    r = report_rows(text)[span]
    assert (r["status"], r["period_text"]) == (status, period)


def test_five_year_average_in_a_review_is_actual_with_its_period():
    text = "一、“十四五”时期的成就\n五年来，地区生产总值年均增长6.5%。\n二、今后五年的目标\n今后五年，地区生产总值年均增长5%左右。\n"
    rows_ = report_rows(text)
    assert (rows_["6.5%"]["status"], rows_["6.5%"]["period_text"]) == ("actual", "五年来")
    assert (rows_["5%"]["status"], rows_["5%"]["period_text"]) == ("target", "今后五年")


# ---------------------------------------------------------------- counts of items and fractions (ANNOTATION §3)
@pytest.mark.parametrize("text, span", [
    ("今年实施重点项目120项。", "120项"),             # projects are counted
    ("全年办理群众诉求5000件。", "5000件"),           # matters handled for people
    ("化解信访积案126件。", "126件"),
])
def test_counts_of_projects_and_matters_in_item_units_are_indicators(text, span):
    assert spans(text) == [span]


@pytest.mark.parametrize("text", [
    "出台政策措施20条。",
    "制定支持民营经济发展举措12项。",
    "工作只做了一半。",                               # a half as a figure of speech
    "修订或废止妨碍统一大市场和公平竞争的政策文件72份。",   # documents in 份, 个 and 件次 as well
    "制定行政法规29个。",
    "制定修订行政法规180件次。",
    "制定、修订137件行政法规。",                      # the count written before the document noun
    "《浙江省“千万工程”条例》等12件地方性法规提请人大审议通过。",
])
def test_counts_of_policy_items_and_rhetorical_halves_are_not_indicators(text):
    assert spans(text) == []


@pytest.mark.parametrize("text, span, value, measure, comparator", [
    ("将工业生产许可证再压减一半以上。", "一半", 0.5, "growth", "gte"),
    ("重污染天数减少一半。", "一半", 0.5, "growth", "eq"),
    ("占全省的一半。", "一半", 0.5, "share", "eq"),
    ("专项债的1/3用于重点项目。", "1/3", 1 / 3, "share", "eq"),
    ("三分之一的乡镇还没有新增项目。", "三分之一", 1 / 3, "share", "eq"),
])
def test_fractions_are_figures_without_a_unit(text, span, value, measure, comparator):
    r = row(text, span)
    assert (r["unit"], r["measure"], r["comparator"]) == (None, measure, comparator)
    assert r["value"] == pytest.approx(value)


def test_a_threshold_names_no_metric_and_its_count_is_rhetoric():
    found = in_report_rows("全省地区生产总值连跨4个千亿台阶，2024年达到1.3万亿元、增长5.8%。")
    assert [(x["span_text"], x["metric"], x["measure"]) for x in found] == [
        ("1.3万亿元", "gdp", "level"), ("5.8%", "gdp", "growth")]
    assert in_report_row("全疆地区生产总值同比增长6.1%、突破2万亿元大关。", "2万亿元")["metric"] == "gdp"
    assert spans("全省地区生产总值连跨3个千亿级台阶，2025年人均生产总值提升至7.6万元。") == ["7.6万元"]


def test_a_share_clause_after_a_threshold_is_of_the_metric_before():
    found = in_report_rows("经济总量连续跨过3个万亿元大关，占全国比重由2020年的7.2%提升至7.4%。")
    assert [(x["span_text"], x["metric"], x["measure"]) for x in found] == [
        ("7.2%", "gdp", "share"), ("7.4%", "gdp", "share")]
