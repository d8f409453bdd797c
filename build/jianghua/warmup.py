"""Preloaded by the worker pool's forkserver (runner.py): one tiny speech runs
through the whole pipeline here, so every worker forked from the server starts
with the rules parsed, the regexes compiled and the gazetteer indexed, instead
of spending a quarter of a second building them on its first file."""
from .pipeline import process_file

SAMPLE = (
    "在全市经济工作会议上的讲话\n同志们：\n"
    "一、认清形势\n今年以来，全市地区生产总值增长5%左右，固定资产投资完成86.4亿元。"
    "市发改委要在9月底前完成项目谋划，每月调度一次。\n同志们，让我们共同努力。\n"
).encode("utf-8")

process_file("warmup.txt", SAMPLE)
