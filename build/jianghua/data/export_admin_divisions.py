"""Export China's administrative divisions (GB/T 2260 codes) into admin_divisions.tsv.

Run ONCE, in a scratch virtual environment that has the source package, never in
the project's own environment (cpca pulls in pandas and pyahocorasick, which the
runtime does not need):

    python3 -m venv /tmp/cpca-venv
    /tmp/cpca-venv/bin/pip install cpca==0.5.5
    /tmp/cpca-venv/bin/python build/jianghua/data/export_admin_divisions.py

The output is deterministic (sorted by code), so re-running it with the same
package version gives a byte-identical file. See README.md for provenance.

Source: cpca's ``resources/adcodes.csv`` (12-digit codes; the first 6 digits are
the GB/T 2260 code). Placeholder rows that name no place (市辖区, 县,
省直辖县级行政区划, 自治区直辖县级行政区划) are dropped; a county whose
prefecture is such a placeholder gets its province as parent.
"""
from __future__ import annotations

import csv
import io
import sys
from importlib import metadata, resources
from pathlib import Path

SOURCE_PACKAGE = "cpca"
PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
OUT = Path(__file__).with_name("admin_divisions.tsv")


def level_of(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "prefecture"
    return "county"


def main() -> int:
    version = metadata.version(SOURCE_PACKAGE)
    raw = resources.files("cpca.resources").joinpath("adcodes.csv").read_text(encoding="utf-8")
    rows = {}
    placeholders = set()
    for rec in csv.DictReader(io.StringIO(raw)):
        code = rec["adcode"][:6]
        if rec["name"] in PLACEHOLDERS:
            placeholders.add(code)
            continue
        rows[code] = rec["name"]
    out = io.StringIO()
    out.write(f"# source: {SOURCE_PACKAGE} {version} resources/adcodes.csv (MIT); "
              "exported by export_admin_divisions.py\n")
    out.write("code\tname\tlevel\tparent_code\n")
    for code in sorted(rows):
        level = level_of(code)
        parent = ""
        if level == "prefecture":
            parent = code[:2] + "0000"
        elif level == "county":
            pref = code[:4] + "00"
            parent = pref if pref in rows else code[:2] + "0000"
        out.write(f"{code}\t{rows[code]}\t{level}\t{parent}\n")
    OUT.write_text(out.getvalue(), encoding="utf-8")
    print(f"wrote {len(rows)} divisions to {OUT} (dropped {len(placeholders)} placeholders)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
