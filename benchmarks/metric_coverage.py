"""How much of a built package's indicators have a named metric: the `other` share (METRICS.md: in a work
report `other` should be rare, under 10 % of rows).

    .venv/bin/jianghua build --raw ../shared/corpus/external --out /tmp/ext
    .venv/bin/python benchmarks/metric_coverage.py /tmp/ext [--top 30]

Prints the `other` share over all rows, by decade of the speech, and the metric_text written most often
on `other` rows (the nouns an alias or a rule could still name).
"""
from __future__ import annotations

import argparse
from pathlib import Path

import duckdb


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("package", type=Path)
    ap.add_argument("--top", type=int, default=20, help="how many of the most frequent other metric_texts")
    args = ap.parse_args()
    con = duckdb.connect(str(args.package / "jianghua.duckdb"), read_only=True)
    n, other = con.execute("SELECT count(*), count(*) FILTER (WHERE metric = 'other') FROM indicators").fetchone()
    print(f"indicators {n}, other {other} ({100 * other / max(n, 1):.2f} %)")
    for decade, rows, others in con.execute("""
            SELECT s.year // 10 * 10, count(*), count(*) FILTER (WHERE i.metric = 'other')
            FROM indicators i JOIN speeches s USING (speech_id) GROUP BY 1 ORDER BY 1""").fetchall():
        label = f"{decade}s" if decade is not None else "no year"
        print(f"  {label:8} {rows:6} rows, other {others:5} ({100 * others / rows:5.1f} %)")
    print(f"most frequent metric_text of other rows (top {args.top}):")
    for text, count in con.execute("""
            SELECT coalesce(metric_text, '(none)'), count(*) FROM indicators WHERE metric = 'other'
            GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?""", [args.top]).fetchall():
        print(f"  {count:4}  {text}")


if __name__ == "__main__":
    main()
