"""Variant groups (variants.py): versions of one text share a group across
files; the canonical one is the most complete, least masked. Speeches here are
written for the test in the corpus style."""
from __future__ import annotations

import random

from jianghua.metadata import describe_speech, masked_count
from jianghua.script import to_simplified
from jianghua.variants import assign_variants, normalize

SPEECH_A = [
    "同志们：",
    "今天我们召开全县重点工作推进会，主要任务是总结前一阶段工作，查找短板弱项，安排部署下一步重点任务。",
    "今年以来，面对突如其来的新冠肺炎疫情，全县上下坚决贯彻上级决策部署，统筹推进疫情防控和经济社会发展，积极推动复工复产。",
    "一、认清形势，增强做好工作的责任感",
    "1-8月份，全县规模以上工业增加值同比增长3.6%，固定资产投资增长5.2%，一般公共预算收入完成9.4亿元。",
    "清水镇、石门乡进度较快，河口镇、龙潭乡进度滞后，要查找原因，迎头赶上。",
    "二、突出重点，推动项目建设提速提效",
    "要紧盯28个重点项目，实行周调度、月通报，县发改局要在9月底前完成项目库清理，县财政局要做好资金保障。",
    "要打赢脱贫攻坚收官战，巩固提升脱贫成果，做好第七次全国人口普查入户登记工作。",
    "三、转变作风，确保各项任务落到实处",
    "各级领导干部要以上率下，敢于担当，对工作推进不力的单位，县委县政府督查室要及时通报。",
    "同志们，做好今年各项工作任务艰巨，我们要坚定信心，攻坚克难，确保全面完成全年目标任务。",
]

SPEECH_B = [
    "同志们：",
    "这次全市文化旅游发展大会，是市委市政府研究决定召开的一次重要会议，目的是推动文旅产业转型升级。",
    "近年来，全市文化旅游产业规模不断扩大，接待游客人次和旅游总收入连续保持两位数增长。",
    "第一，要坚持规划引领，科学编制文旅产业发展规划，统筹景区、线路和服务设施布局。",
    "第二，要坚持项目带动，谋划一批投资规模大、带动能力强的文旅综合体，力争年内签约落地。",
    "第三，要坚持品牌塑造，讲好历史文化故事，办好节庆赛事活动，提升城市知名度和美誉度。",
    "第四，要坚持融合发展，推动文旅与农业、体育、康养深度融合，培育乡村旅游精品线路。",
    "同志们，文旅产业前景广阔，大有可为，希望大家乘势而上，为建设文旅强市作出新的贡献。",
]


def row(speech_id: str, text: str, script: str = "hans") -> dict:
    return {"speech_id": speech_id, "text": text, "n_chars": len(text), "masked_count": masked_count(text),
            "script": script}


def masked(text: str) -> str:
    """What copy sites do: place names and figures replaced by XX / X."""
    for name in ("清水镇", "石门乡", "河口镇", "龙潭乡"):
        text = text.replace(name, "XX镇")
    for figure in ("3.6", "5.2", "9.4", "28"):
        text = text.replace(figure, "X")
    return text


def test_copies_with_masks_and_a_rewritten_title_year_share_one_group_with_the_true_year():
    original = "\n".join(SPEECH_A)
    # copy site: masks, a paragraph inserted, lines broken differently, title year rewritten
    copy = masked("\n".join(SPEECH_A[:3] + ["会前，我们用半天时间实地察看了部分项目现场，总体进展顺利。"] + SPEECH_A[3:]))
    copy = copy.replace("，全县上下坚决", "，\n全县上下坚决")
    other = "\n".join(SPEECH_B)
    corpus = [
        ("f1-1", "第一篇：县长在全县重点工作推进会上的讲话[大全]", original),
        ("f2-3", "县长在2024年全县重点工作推进会上的讲话", copy),
        ("f2-1", "在全市文化旅游发展大会上的讲话", other),
    ]
    speeches = []
    for sid, title, text in corpus:
        meta = describe_speech(title, text, text, [])
        speeches.append({**row(sid, text), "year": meta["year"], "year_conflict": meta["year_conflict"]})
    groups = assign_variants(speeches)
    assert groups["f1-1"] == ("f1-1", True)  # unmasked original is canonical
    assert groups["f2-3"] == ("f1-1", False)
    assert groups["f2-1"] == ("f2-1", True)
    by_id = {s["speech_id"]: s for s in speeches}
    assert by_id["f1-1"]["year"] == by_id["f2-3"]["year"] == 2020
    assert "2024年" in by_id["f2-3"]["year_conflict"]


def test_canonical_is_the_most_complete_least_masked_version():
    full = "\n".join(SPEECH_A)
    truncated = "\n".join(SPEECH_A[:-3])
    heavy = masked(full)
    g = assign_variants([row("c", heavy), row("b", truncated), row("a", full)])
    assert g == {"a": ("a", True), "b": ("a", False), "c": ("a", False)}


def test_a_copy_with_one_more_paragraph_is_more_complete():
    longer = "\n".join(SPEECH_A + ["会后，各乡镇要把会议精神传达到每一名干部，抓紧制定落实方案。"])
    g = assign_variants([row("a", "\n".join(SPEECH_A)), row("b", longer)])
    assert g == {"a": ("b", False), "b": ("b", True)}


def test_different_speeches_are_not_grouped():
    g = assign_variants([row("a", "\n".join(SPEECH_A)), row("b", "\n".join(SPEECH_B))])
    assert g == {"a": ("a", True), "b": ("b", True)}


def test_an_excerpt_is_not_a_version():
    # a few sentences shared by two speeches (a quoted passage) do not make them versions
    text_b = "\n".join(SPEECH_B + SPEECH_A[4:6])
    g = assign_variants([row("a", "\n".join(SPEECH_A)), row("b", text_b)])
    assert g["a"] != g["b"]


def test_traditional_copy_of_a_simplified_speech():
    simplified = "\n".join(SPEECH_A)
    from jianghua.script import _converter
    traditional = _converter("s2t").convert(simplified)
    assert to_simplified(traditional, "hant") != traditional or traditional != simplified
    g = assign_variants([row("a", simplified), row("b", traditional, "hant")])
    assert g["a"][0] == g["b"][0]


def test_result_does_not_depend_on_input_order():
    rows = [row("a", "\n".join(SPEECH_A)), row("b", masked("\n".join(SPEECH_A))),
            row("c", "\n".join(SPEECH_B)), row("d", "\n".join(SPEECH_B[:-1])), row("e", "短文。")]
    expected = assign_variants(rows)
    for seed in range(5):
        shuffled = rows[:]
        random.Random(seed).shuffle(shuffled)
        assert assign_variants(shuffled) == expected
    # exactly one canonical per group, and the group is named after it
    for sid, (group, canonical) in expected.items():
        assert expected[group] == (group, True)
        assert canonical == (sid == group)


def test_short_texts_group_only_when_identical():
    g = assign_variants([row("a", "谢谢大家！"), row("b", "谢谢大家！"), row("c", "祝大家新年快乐！"), row("d", "")])
    assert g["a"] == ("a", True) and g["b"] == ("a", False)
    assert g["c"] == ("c", True) and g["d"] == ("d", True)


def test_normalize_ignores_masks_numbers_punctuation_and_line_breaks():
    assert normalize("增长3.6%，\n完成9.4亿元。") == normalize("增长X%，完成X亿元")
    assert normalize("XX县、XX镇") == normalize("X县X镇")


def test_many_speeches_run_without_comparing_all_pairs():
    # 400 distinct synthetic speeches plus copies of 20 of them: exactly 20 groups of two
    rnd = random.Random(7)
    vocab = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    rows = []
    for i in range(400):
        text = "".join(rnd.choice(vocab) for _ in range(600))
        rows.append(row(f"s{i:03d}", text))
        if i % 20 == 0:
            rows.append(row(f"t{i:03d}", text[:300] + "XX县" + text[300:]))
    g = assign_variants(rows)
    pairs = {sid: grp for sid, (grp, _) in g.items()}
    assert sum(1 for sid, grp in pairs.items() if sid != grp) == 20
    assert all(pairs[f"t{i:03d}"] == f"s{i:03d}" for i in range(0, 400, 20))
