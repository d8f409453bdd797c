"""Stage split: where speeches start and what is page furniture (ANNOTATION.md §1)."""
from __future__ import annotations

from jianghua.split import split_speeches

BODY = "今天我们召开全区经济工作会议，主要任务是总结工作、部署任务。"


def test_explicit_titles_start_speeches_and_repeated_titles_are_furniture():
    text = "\n".join([
        "第一篇：在全市经济工作会议上的讲话[大全]",
        "在全市经济工作会议上的讲话",
        BODY,
        "第二篇：在全县项目推进会上的讲话",
        "同志们：",
        "今天召开项目推进会。",
    ])
    r = split_speeches(text)
    assert [s.title_raw for s in r.speeches] == ["第一篇：在全市经济工作会议上的讲话[大全]", "第二篇：在全县项目推进会上的讲话"]
    assert [ln.text for ln in r.speeches[0].body] == [BODY]
    assert [(ln.number, why) for ln, why in r.furniture] == [(1, "repeated_title")]


def test_a_speech_title_followed_by_a_salutation_starts_a_speech():
    text = "\n".join(["在区委经济工作会议上的讲话", "同志们:", BODY, "在县委经济工作会议上的講話", "同志們:", "剛才,書記講得很好。"])
    r = split_speeches(text)
    assert len(r.speeches) == 2
    assert r.speeches[1].title_raw == "在县委经济工作会议上的講話"
    assert r.speeches[1].body[0].text == "同志們:"


def test_a_title_line_inside_a_body_without_salutation_is_body_text():
    text = "\n".join(["在全市大会上的讲话", "同志们：", BODY, "学习总书记重要讲话", "要认真学习贯彻。"])
    r = split_speeches(text)
    assert len(r.speeches) == 1
    assert "学习总书记重要讲话" in [ln.text for ln in r.speeches[0].body]


def test_table_of_contents_between_title_and_salutation_is_not_speech():
    text = "\n".join([
        "第二篇：在重点工作推进会上讲话（通用）",
        "篇",
        "篇一：",
        "一、坚持问题导向 （一）扬优势（二）抓关键。",
        "二、落实好帮扶机制",
        "篇二 第一，要坚决打赢收官战。",
        "第二，要全力以赴稳增长。",
        "同志们：",
        BODY,
    ])
    r = split_speeches(text)
    assert len(r.speeches) == 1
    assert [ln.text for ln in r.speeches[0].body] == ["同志们：", BODY]
    reasons = dict((ln.number, why) for ln, why in r.furniture)
    assert reasons[1] == "lone_pian" and reasons[2] == "lone_pian"
    assert {reasons[k] for k in (3, 4, 5, 6)} == {"front_matter"}


def test_web_page_chrome_is_furniture_and_kept_with_its_speech():
    text = "\n".join([
        "2023年市长在经济运行调度会上讲话", "", "发布时间:2023-03-03 12:00:21", "",
        "下面是小编为大家整理的2022年市长在经济运行调度会上讲话,供大家参考。", "",
        "2022年市长在经济运行调度会上讲话", "同志们:", BODY, "推荐访问:", "版权所有:某某秘书网 2005-2024",
    ])
    r = split_speeches(text)
    assert len(r.speeches) == 1
    sp = r.speeches[0]
    assert sp.title_raw == "2023年市长在经济运行调度会上讲话"
    assert [ln.text for ln in sp.body] == ["同志们:", BODY]
    assert [why for _, why in sp.furniture] == ["publish_date", "editor_intro", "repeated_title", "recommend", "copyright"]


def test_bylines_captions_and_breadcrumbs_above_the_salutation_are_front_matter():
    text = "\n".join(["当前位置：", "首页", ">", "要闻", "2026年某省政府工作报告", "发表时间：", "2026-02-09 09:45:30",
                     "——2026年1月27日在某省第十四届人民代表大会第四次会议上", "省长 张三",
                     "张三作政府工作报告。本报记者 李四 摄", "各位代表：", BODY])
    r = split_speeches(text)
    assert [s.title_raw for s in r.speeches] == ["2026年某省政府工作报告"]
    assert [ln.text for ln in r.speeches[0].body] == ["各位代表：", BODY]
    reasons = {ln.text: why for ln, why in r.furniture}
    assert reasons["2026-02-09 09:45:30"] == "date_line" and reasons["首页"] == "front_matter"
    assert reasons["张三作政府工作报告。本报记者 李四 摄"] in ("repeated_title", "front_matter")


def test_a_file_without_a_title_is_one_untitled_speech():
    r = split_speeches("五年来，我国各族人民团结奋斗。\n经济建设取得很大成就。")
    assert len(r.speeches) == 1 and r.speeches[0].title_raw == ""
    assert len(r.speeches[0].body) == 2


def test_every_line_is_accounted_for_once():
    text = "\n".join(["第一篇：在会上的讲话", "在会上的讲话", "同志们：", BODY, "", "推荐访问:", "第二篇：在另一会上的讲话", BODY])
    r = split_speeches(text)
    used = [sp.title_line for sp in r.speeches] + [ln.number for sp in r.speeches for ln in sp.body]
    used += [ln.number for ln, _ in r.furniture]
    blank = [i for i, ln in enumerate(text.splitlines()) if not ln.strip()]
    assert sorted(used + blank) == list(range(len(text.splitlines())))


def test_a_photo_caption_above_the_title_is_furniture_not_the_title():
    text = "\n".join(["政府工作报告。 省日报记者 王明 摄", "政府工作报告", "（2026年1月27日在某省第十四届人民代表大会第四次会议上）",
                      "各位代表：", "现在，我代表省人民政府向大会报告工作，请予审议。"])
    r = split_speeches(text)
    assert [s.title_raw for s in r.speeches] == ["政府工作报告"]
    assert (0, "photo_credit") in [(ln.number, why) for ln, why in r.furniture]
    # a sentence about reporters is text
    assert split_speeches("同志们：\n要加强新闻记者队伍建设。").speeches[0].body[-1].text == "要加强新闻记者队伍建设。"
