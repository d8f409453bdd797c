"""The section tree of a cleaned speech (ANNOTATION.md §2, sections in DATA_MODEL.md)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from jianghua.script import detect_script, to_simplified
from jianghua.sections import find_sections


def tree(*paragraphs: str) -> tuple[str, list[dict]]:
    text = "\n".join(paragraphs)
    return text, find_sections(text, to_simplified(text, detect_script(text)))


def outline(rows: list[dict]) -> list[tuple]:
    """(kind, level, path, marker, heading) per row: what a reader of the table sees."""
    return [(r["kind"], r["level"], r["path"], r["marker"], r["heading"]) for r in rows]


def check_partition(text: str, rows: list[dict]) -> None:
    """Spans: sorted, top level tiles the text, children inside parents, tree links valid."""
    assert [r["char_start"] for r in rows] == sorted(r["char_start"] for r in rows)
    top = [r for r in rows if r["parent_path"] is None]
    assert top[0]["char_start"] == 0 and top[-1]["char_end"] == len(text)
    assert all(a["char_end"] == b["char_start"] for a, b in zip(top, top[1:]))
    by_path = {r["path"]: r for r in rows}
    assert len(by_path) == len(rows)
    for r in rows:
        assert 1 <= r["level"] <= 5 and r["char_start"] < r["char_end"]
        if r["parent_path"] is not None:
            parent = by_path[r["parent_path"]]
            assert parent["char_start"] <= r["char_start"] and r["char_end"] <= parent["char_end"]
            assert r["level"] == parent["level"] + 1 and r["path"].startswith(parent["path"] + ".")
        if r["kind"] == "heading":
            assert text[r["char_start"]:].startswith(r["marker"])


# ---------------------------------------------------------------- the tree
def test_preamble_headings_by_nesting_and_closing():
    text, rows = tree(
        "同志们：",
        "今天召开全县重点项目推进会，我讲三点意见。",
        "第一，全力抓好项目建设。项目是经济发展的生命线。",
        "一要加快前期手续办理。发改、自然资源等部门要压缩审批时限。",
        "二要强化要素保障。要优先保障重点项目用地。",
        "第二，持续优化营商环境。环境就是生产力。",
        "一要深化审批改革。全面推行一网通办。",
        "同志们，任务艰巨，使命光荣，让我们撸起袖子加油干！",
    )
    assert outline(rows) == [
        ("preamble", 1, "0", None, None),
        ("heading", 1, "1", "第一，", "全力抓好项目建设"),
        ("heading", 2, "1.1", "一要", "加快前期手续办理"),
        ("heading", 2, "1.2", "二要", "强化要素保障"),
        ("heading", 1, "2", "第二，", "持续优化营商环境"),
        ("heading", 2, "2.1", "一要", "深化审批改革"),
        ("closing", 1, "3", None, None),
    ]
    assert [r["ordinal"] for r in rows] == [0, 1, 1, 2, 2, 1, 3]
    assert text[rows[-1]["char_start"]:].startswith("同志们，任务艰巨")
    assert rows[0]["char_end"] == text.index("第一，")
    check_partition(text, rows)


def test_level_follows_nesting_not_marker_style():
    # 一要 is level 1 when it is the first style met, 1. below it level 2
    text, rows = tree(
        "一要认清形势抓统筹。今年以来经济运行承压。",
        "1.稳住工业基本盘。",
        "2.扩大有效投资。",
        "二要紧盯指标抓调度。各部门要对号入座。",
    )
    assert [(r["level"], r["marker"]) for r in rows] == [(1, "一要"), (2, "1."), (2, "2."), (1, "二要")]
    check_partition(text, rows)


def test_a_standalone_heading_line_is_the_whole_heading():
    _, rows = tree("前言。", "一、坚持问题导向，紧盯年度目标", "今年以来，我们主要做了以下工作。",
                   "（一）扬优势、补短板。", "要持续发力。")
    assert [r["heading"] for r in rows[1:]] == ["坚持问题导向，紧盯年度目标", "扬优势、补短板"]


def test_traditional_text_keeps_its_script_and_finds_its_closing():
    text, rows = tree("各位委員、同志們:", "一、準確把握形勢,進一步增強發展信心", "一年來,全區經濟穩中向好。",
                      "1.持續優化營商環境。堅持以企業需求為導向。", "同志們,讓我們攜手奮進!")
    assert outline(rows) == [("preamble", 1, "0", None, None),
                             ("heading", 1, "1", "一、", "準確把握形勢,進一步增強發展信心"),
                             ("heading", 2, "1.1", "1.", "持續優化營商環境"),
                             ("closing", 1, "2", None, None)]
    check_partition(text, rows)


# ---------------------------------------------------------------- body text is not a heading
def test_enumerators_inside_a_paragraph_are_not_sections():
    text, rows = tree("（三）加快重大项目建设。一是加快推进机场建设。目前可研已上报。二是推进高速公路建设。",
                      "（四）抓好安全生产。要压实责任。")
    assert [r["marker"] for r in rows] == ["（三）", "（四）"]
    check_partition(text, rows)


def test_a_paragraph_opening_a_run_of_enumerators_is_body_text():
    # 一是 opens the paragraph but 二是 follows in it: a list in running text
    _, rows = tree("二、抓好重点工作", "一是加快实施扶贫项目，提高竣工率。二是推进产业扶贫。三是抓好易地搬迁后续帮扶。",
                   "三、转变作风")
    assert [r["marker"] for r in rows] == ["二、", "三、"]


def test_a_paragraph_continuing_an_inline_run_is_body_text():
    _, rows = tree("（一）稳住就业。一是落实援企稳岗政策。二是拓宽高校毕业生就业渠道。",
                   "三是做好农民工返岗服务。对重点企业实行专员服务。")
    assert [r["marker"] for r in rows] == ["（一）"]


def test_numbers_opening_body_paragraphs_are_not_sections():
    _, rows = tree("1-8月份，全市规模以上工业增加值同比增长2.3%。",
                   "1、2月份受疫情影响，主要指标均为负增长。",
                   "1.5万户市场主体享受了减税降费政策。",
                   "一、二季度经济运行总体平稳。")
    assert outline(rows) == [("preamble", 1, "0", None, None)]


def test_a_number_out_of_sequence_is_not_a_section():
    # a new style must start at 1; 3、 after the (一) list does not open a list of its own
    _, rows = tree("一、稳增长", "（一）扩大投资。要抓项目。", "3、其余县区也要加快进度。", "（二）促进消费。要搞活市场。")
    assert [r["marker"] for r in rows] == ["一、", "（一）", "（二）"]


# ---------------------------------------------------------------- scraping faults repaired
def test_a_short_heading_glued_after_the_final_sentence_starts_a_section():
    text, rows = tree(
        "三、狠抓工作落实,进一步提升解决问题的能力",
        "一是要坚持目标导向。",
        "大家要紧盯目标任务,实行清单化管理,确保各项目标任务落实落地。二是要坚持问题导向。",
        "各级干部要善于发现问题、敢于直面问题。三是要坚持效果导向。",
        "要以项目看成败,以结果论英雄。",
    )
    assert outline(rows) == [
        ("heading", 1, "1", "三、", "狠抓工作落实,进一步提升解决问题的能力"),
        ("heading", 2, "1.1", "一是", "要坚持目标导向"),
        ("heading", 2, "1.2", "二是", "要坚持问题导向"),
        ("heading", 2, "1.3", "三是", "要坚持效果导向"),
    ]
    glued = rows[2]
    assert glued["char_start"] == text.index("二是要坚持问题导向")
    assert rows[1]["char_end"] == glued["char_start"]
    check_partition(text, rows)


def test_a_heading_glued_without_a_full_stop_at_the_paragraph_end():
    _, rows = tree("一、要优化经济结构", "（一）要坚持调结构。", "要推进供给侧改革。", "二、要推进三大攻坚",
                   "（一）巩固脱贫成效。", "要防止返贫。三、要强化市场运作,激发发展活力", "（一）要加大招商力度。")
    assert [(r["level"], r["marker"], r["heading"]) for r in rows] == [
        (1, "一、", "要优化经济结构"), (2, "（一）", "要坚持调结构"), (1, "二、", "要推进三大攻坚"),
        (2, "（一）", "巩固脱贫成效"), (1, "三、", "要强化市场运作,激发发展活力"), (2, "（一）", "要加大招商力度")]


def test_a_short_last_sentence_continuing_an_inline_run_is_not_glued():
    _, rows = tree("（二）抓好民生实事。一是办好十件实事。二是稳定就业。",
                   "要确保零就业家庭动态清零。",
                   "一是做好防汛工作。二是做好秋粮收购。")
    assert [r["marker"] for r in rows] == ["（二）"]


def test_a_heading_glued_to_its_first_child_is_split():
    text, rows = tree("三、坚持结果导向，加快补齐短板（一）补齐指标增速较低的短板。1-8月份，全市工业增加值增长2.3%。",
                      "（二）推动创新发展。要加大研发投入。")
    assert outline(rows) == [("heading", 1, "1", "三、", "坚持结果导向，加快补齐短板"),
                             ("heading", 2, "1.1", "（一）", "补齐指标增速较低的短板"),
                             ("heading", 2, "1.2", "（二）", "推动创新发展")]
    assert rows[1]["char_start"] == text.index("（一）")
    check_partition(text, rows)


def test_a_lost_heading_leaves_a_gap_in_the_markers_not_in_the_ordinals():
    _, rows = tree("一、稳增长。要抓投资。", "二、促改革。要抓落实。", "四、防风险。要守底线。")
    assert [(r["marker"], r["ordinal"], r["path"]) for r in rows] == [("一、", 1, "1"), ("二、", 2, "2"), ("四、", 3, "3")]


def test_list_items_after_a_lead_in_sentence_are_sections():
    # the first item runs on after the lead-in, the next ones open paragraphs (ANNOTATION.md §2:
    # a marker at the start of a paragraph starts a section)
    _, rows = tree("（一）深化财税改革。主要措施是：一是完善转移支付制度。",
                   "二是推进预算绩效管理。要全面实施绩效评价。",
                   "三是加强债务管理。要坚决遏制隐性债务增量。")
    assert [(r["level"], r["marker"], r["ordinal"]) for r in rows] == [(1, "（一）", 1), (2, "二是", 1), (2, "三是", 2)]


def test_a_bracketed_list_after_run_in_enumerators_is_their_sibling():
    # a report whose part headings carry no marker: the review lists 一是…, the tasks （一）…
    _, rows = tree("过去一年主要做了以下工作。", "一是经济运行稳中向好。地区生产总值增长5%。",
                   "二是民生保障持续加强。新增就业5万人。", "今年要重点做好以下工作。",
                   "（一）扩大有效需求。要促消费扩投资。", "（二）建设现代化产业体系。要抓好链主企业。")
    assert [(r["level"], r["marker"]) for r in rows[1:]] == [(1, "一是"), (1, "二是"), (1, "（一）"), (1, "（二）")]


def test_a_top_level_list_after_an_opening_list_starts_at_level_one():
    _, rows = tree("会议有三项议程。", "一是传达上级会议精神。", "二是通报经济运行情况。",
                   "一、认清形势", "（一）经济运行承压。要正视困难。", "二、抓好落实")
    assert [(r["level"], r["marker"]) for r in rows[1:]] == [(1, "一是"), (1, "二是"), (1, "一、"), (2, "（一）"), (1, "二、")]


# ---------------------------------------------------------------- preamble and closing
def test_no_preamble_when_the_text_opens_with_a_heading_and_no_closing_without_cue():
    text, rows = tree("一要认清形势。要保持定力。", "二要抓好调度。要盯紧指标。", "形势逼人，时不等人！")
    assert [r["kind"] for r in rows] == ["heading", "heading"]
    assert rows[-1]["char_end"] == len(text)


def test_a_comrades_paragraph_inside_the_last_section_is_not_the_closing():
    _, rows = tree("一、抓好安全生产", "同志们，安全生产责任重于泰山。", "要压实各方责任。", "要开展隐患排查。",
                   "要加强应急值守。", "要做好物资储备。")
    assert [r["kind"] for r in rows] == ["heading"]


def test_the_body_of_a_standalone_last_heading_is_not_the_closing():
    _, rows = tree("一、抓好安全生产", "同志们，要压实各方责任，开展隐患排查。")
    assert [r["kind"] for r in rows] == ["heading"]


def test_a_speech_without_headings_is_one_preamble():
    text, rows = tree("同志们：", "今天的会议很重要。", "同志们，让我们共同努力！")
    assert outline(rows) == [("preamble", 1, "0", None, None)]
    assert (rows[0]["char_start"], rows[0]["char_end"]) == (0, len(text))
    assert find_sections("", "") == []


# ---------------------------------------------------------------- invariants on generated speeches
PARAGRAPHS = [
    "同志们：", "今天开会，我讲几点意见。", "一、认清形势", "二、突出重点，狠抓落实", "（一）抓项目。要加快建设。",
    "（二）抓招商。要引大引强。", "第一，稳增长。要抓投资。", "第二，防风险。要守底线。", "一是加强领导。要高位推动。",
    "二是强化考核。要奖优罚劣。", "一要抓统筹。要统筹兼顾。", "1.优化环境。要提升服务。", "2.推进改革。要简政放权。",
    "(1)加强监管。", "全市经济稳中向好。一是工业增长。二是投资回升。", "要抓好落实。二是要坚持问题导向。",
    "1-8月份，全市投资增长2%。", "同志们，让我们共同努力！", "三、加强作风建设（一）转变作风。要深入基层。",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PARAGRAPHS), min_size=1, max_size=14))
def test_spans_always_partition_the_text_into_a_tree(paragraphs):
    text, rows = tree(*paragraphs)
    check_partition(text, rows)
    assert [r for r in rows if r["kind"] == "preamble"] in ([], [rows[0]])
    assert all(r["kind"] != "closing" or r is rows[-1] for r in rows)
    assert find_sections(text, text) == rows  # deterministic


# ---------------------------------------------------------------- indents, appendices
def test_paragraphs_indented_with_em_spaces_open_sections():
    text, rows = tree("各位代表：",
                      "\u2003\u2003现在，我代表省人民政府向大会报告工作。",
                      "\u2003\u2003一、2024年工作回顾",
                      "\u2003\u2003过去一年，全省经济稳中有进。",
                      "\u2003\u2003（一）经济运行回升向好。全省生产总值增长5%。",
                      "\u2003\u2003二、2025年主要任务",
                      "\u2003\u2003今年要抓好以下工作。")
    check_partition(text, rows)
    assert [r[1:] for r in outline(rows) if r[0] == "heading"] == [
        (1, "1", "一、", "2024年工作回顾"), (2, "1.1", "（一）", "经济运行回升向好"),
        (1, "2", "二、", "2025年主要任务")]


def test_a_heading_and_its_body_parted_only_by_an_indent():
    # one raw line: heading, then the body's paragraph indent, no full stop between
    text, rows = tree("同志们：", "一、坚持问题导向，确保完成全年任务\u3000\u3000今年以来，全市经济稳中有进。",
                      "二、抓好当前重点工作", "要抓好安全生产。")
    assert [r["heading"] for r in rows if r["kind"] == "heading"] == ["坚持问题导向，确保完成全年任务", "抓好当前重点工作"]


def test_numbered_entries_of_an_appendix_are_not_sections():
    text, rows = tree("各位代表：",
                      "一、过去一年工作回顾", "全省经济稳中有进，民生持续改善，改革开放不断深化，各项事业全面进步。" * 3,
                      "二、今年主要任务", "要扩大有效需求，加快建设现代化产业体系，保障和改善民生。" * 3,
                      "各位代表，让我们团结奋斗，再创新的辉煌！",
                      "名词解释",
                      "1.“两重”：国家重大战略实施和重点领域安全能力建设。",
                      "2.“两新”：大规模设备更新和消费品以旧换新。")
    check_partition(text, rows)
    assert [r[3] for r in outline(rows) if r[0] == "heading"] == ["一、", "二、"]
    assert rows[-1]["kind"] == "closing" and rows[-1]["char_end"] == len(text)
    # 附件 said early in a speech does not end its outline
    text, rows = tree("同志们：", "附件所列任务要逐项落实。", "一、抓项目", "要加快建设。", "二、抓招商", "要扩大开放。")
    assert [r[3] for r in outline(rows) if r[0] == "heading"] == ["一、", "二、"]
