"""Per report, the headline targets of a built package, for checking by hand.

    .venv/bin/jianghua build --raw ../shared/corpus/external --out /tmp/ext
    .venv/bin/python benchmarks/targets_check.py /tmp/ext [--gdp] [--file SUBSTRING]

Prints, for every speech, its headline rows (metric, measure, value, comparator,
the sentence) and a summary line: how many speeches have exactly one headline
GDP growth row, and which have none although a GDP growth target row exists
(the cases to look at first). --gdp prints only the GDP part.
"""
from __future__ import annotations

import argparse
from pathlib import Path

import duckdb


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("package", type=Path)
    ap.add_argument("--gdp", action="store_true", help="only the GDP growth summary")
    ap.add_argument("--file", default="", help="only speeches whose source_file contains this")
    args = ap.parse_args()
    con = duckdb.connect(str(args.package / "jianghua.duckdb"), read_only=True)
    rows = con.execute("""
        SELECT s.source_file, s.year, t.metric, t.measure, t.direction, t.value, t.value_max, t.comparator, t.unit,
               t.is_headline, t.period, i.span_text, i.sentence
        FROM speeches s LEFT JOIN targets t USING (speech_id) LEFT JOIN indicators i USING (indicator_id)
        WHERE s.source_file LIKE '%' || ? || '%'
        ORDER BY s.source_file, i.char_start""", [args.file]).fetchall()
    by_file: dict[str, list] = {}
    for r in rows:
        by_file.setdefault(r[0], []).append(r)
    one, none_with_gdp, none, several = 0, [], [], []
    for f, rs in by_file.items():
        head = [r for r in rs if r[9]]
        gdp_head = [r for r in head if r[2] == "gdp" and r[3] == "growth"]
        gdp_any = [r for r in rs if r[2] == "gdp" and r[3] == "growth" and r[10] == "year"]
        if len(gdp_head) == 1:
            one += 1
        elif len(gdp_head) > 1:
            several.append(f)
        elif gdp_any:
            none_with_gdp.append((f, gdp_any[0][11], gdp_any[0][12][:80]))
        else:
            none.append(f)
        if not args.gdp:
            print(f"== {f} ({rs[0][1]}): {len(head)} headline rows")
            for r in head:
                rng = f"-{r[6]:g}" if r[6] is not None else ""
                print(f"   {r[2]}/{r[3]} {r[4] or ''} {r[5]}{rng}{r[8] or ''} {r[7]}  «{r[11]}»")
    print(f"speeches {len(by_file)}: exactly one headline GDP growth row {one}; several {len(several)}; "
          f"none but a GDP growth target row exists {len(none_with_gdp)}; no GDP growth target {len(none)}")
    for f, span, sent in none_with_gdp:
        print(f"   no headline: {f}  «{span}» {sent}")
    for f in several:
        print(f"   several: {f}")
    if args.gdp:
        for f in none:
            print(f"   no gdp target: {f}")


if __name__ == "__main__":
    main()
