"""A corpus of hostile raw files, generated at test time (nothing big is committed).

``make(raw_dir, outside_dir)`` writes the files and returns what each must
become: ``Expect(status, needle)``: status "ok" (ingested; needle must be in
the text of one of its speeches) or "rejected" (needle must be in
sources.error). Speeches are written in the corpus style, not copied from it.
"""
from __future__ import annotations

import os
import random
from dataclasses import dataclass
from pathlib import Path

TITLE = "在全县经济工作会议上的讲话"
SPEECH = (f"{TITLE}\n同志们：\n"
          "今年全县地区生产总值增长6.5%，一般公共预算收入完成12.3亿元，城乡居民收入稳步提高。\n"
          "一、坚定信心，全力以赴稳增长\n"
          "我们要扎实推进重点项目建设，确保年底前全面完成各项目标任务。\n"
          "二、守牢底线，抓好安全生产\n"
          "要压实各方责任，坚决遏制重特大事故发生，确保全县大局和谐稳定。\n")
SECOND = ("在全市安全生产工作会议上的讲话\n同志们：\n"
          "今天召开会议，主要任务是部署下半年安全生产工作。\n"
          "要深入开展隐患排查整治，力争6月底前完成全部整改。\n")
BIG_BYTES = 50 * 1024 * 1024
LONG_LINE_CHARS = 5_000_000


@dataclass(frozen=True)
class Expect:
    status: str
    needle: str


def _html(title: str, body: str) -> str:
    paras = "\n".join(f"<p>{line}</p>" for line in body.splitlines())
    return (f"<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\"><title>{title}-某某县人民政府</title>"
            "<script>document.write('<p>广告</p>')</script></head>\n<body><nav>首页 &gt; 领导讲话</nav>"
            f"<div class=\"content\"><h2>{title}</h2>\n{paras}</div><footer>版权所有 &copy; 某某县</footer></body></html>")


def make(raw: Path, outside: Path, big: bool = True) -> dict[str, Expect]:
    """Write the hostile corpus into ``raw`` (and a target file into ``outside``)."""
    raw.mkdir(parents=True, exist_ok=True)
    outside.mkdir(parents=True, exist_ok=True)
    rng = random.Random(7)
    body = SPEECH.split("\n", 1)[1]
    files: dict[str, tuple[bytes, Expect]] = {
        "empty.txt": (b"", Expect("rejected", "empty file")),
        "blank.txt": (" \r\n\t\n\u3000\n".encode("utf-8"), Expect("rejected", "no text")),
        "image.png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rng.randrange(256) for _ in range(4000)),
                      Expect("rejected", "binary file")),
        "controls_only.txt": (bytes(range(1, 9)) * 200, Expect("rejected", "binary file")),
        "garbage.txt": (b"\x80\xff" * 500, Expect("rejected", "not valid UTF-8")),
        "truncated_utf8.txt": (SPEECH.encode("utf-8") + "确保".encode("utf-8")[:4], Expect("ok", "确保全县大局和谐稳定")),
        "truncated_gbk.txt": (SPEECH.encode("gbk") + "确".encode("gbk")[:1], Expect("ok", "压实各方责任")),
        "mixed_encodings.txt": (SPEECH.encode("utf-8") + ("第二篇：" + SECOND).encode("gbk"),
                                Expect("ok", "隐患排查整治")),
        "utf16le_nobom.txt": (SPEECH.encode("utf-16-le"), Expect("ok", "一般公共预算收入")),
        "utf16be_nobom.txt": (SPEECH.encode("utf-16-be"), Expect("ok", "一般公共预算收入")),
        "speech.html": (_html(TITLE, body).encode("utf-8"), Expect("ok", "城乡居民收入稳步提高")),
        "speech_gbk.htm": (_html(TITLE, body).replace('charset="utf-8"', 'charset="gbk"').encode("gbk"),
                           Expect("ok", "城乡居民收入稳步提高")),
        "nul_bytes.txt": (SPEECH.replace("增长", "增\x00长").encode("utf-8") + b"\x00",
                          Expect("ok", "生产总值增长6.5%")),
        "control_chars.txt": (SPEECH.replace("扎实", "扎\x07实\x1b").replace("。", "。\x7f", 1).encode("utf-8"),
                              Expect("ok", "扎实推进")),
        "rtl_marks.txt": (SPEECH.replace("确保", "\u202e确保\u202c").replace("要", "\u200f要", 1).encode("utf-8"),
                          Expect("ok", "确保年底前")),
        "讲话 稿 2024（定稿）.txt": (SPEECH.encode("utf-8"), Expect("ok", "扎实推进重点项目建设")),
        "crlf_and_bom.txt": (b"\xef\xbb\xbf" + SPEECH.replace("\n", "\r\n").encode("utf-8"), Expect("ok", "稳增长")),
        "one_line.txt": (("数据" * (LONG_LINE_CHARS // 2)).encode("utf-8"), Expect("rejected", "characters long")),
        "dir.txt/inner.txt": (SECOND.encode("utf-8"), Expect("ok", "隐患排查整治")),
    }
    if big:
        files["big_50mb.txt"] = (b"", Expect("rejected", "file too large"))
    for name, (data, _) in files.items():
        path = raw / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    if big:  # written in chunks: the generator itself must not hold 50 MB
        chunk = (SPEECH * 200).encode("utf-8")
        with open(raw / "big_50mb.txt", "wb") as f:
            written = 0
            while written < BIG_BYTES:
                f.write(chunk)
                written += len(chunk)
    expect = {name: e for name, (_, e) in files.items()}

    (outside / "secret.txt").write_text(SPEECH, encoding="utf-8")
    os.symlink(outside / "secret.txt", raw / "link_outside.txt")
    expect["link_outside.txt"] = Expect("rejected", "outside the raw folder")
    os.symlink(outside, raw / "link_outside_dir")
    expect["link_outside_dir"] = Expect("rejected", "outside the raw folder")
    os.symlink(raw / "nowhere.txt", raw / "broken_link.txt")
    expect["broken_link.txt"] = Expect("rejected", "broken symbolic link")
    os.symlink("crlf_and_bom.txt", raw / "link_inside.txt")  # inside raw: read like the file
    expect["link_inside.txt"] = Expect("ok", "稳增长")
    (raw / "empty_dir.txt").mkdir()  # a directory named like a file, holding nothing: not a source
    os.mkfifo(raw / "pipe.txt")
    expect["pipe.txt"] = Expect("rejected", "not a regular file")
    return expect
