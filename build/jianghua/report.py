"""`jianghua report`: one static HTML page about a package, charts drawn as inline SVG.

The page must open anywhere, offline, from a zip or an e-mail attachment: no
CDN, no JavaScript, no external file. Charts are small SVG documents built
here (a charting library would be a JS dependency for five bar charts and two
heat maps). Every figure is computed by DuckDB from the package's Parquet
files, with the BI views of views.py created on top, so the report describes
exactly what a user downloads, and works for a package whose DuckDB file is
absent.

Each chart has its own signature colour (``CHART_COLOURS``) used by its
marks, so a screenshot shows which charts drew (tests/test_report.py).

Each chart is one function ``<key>_chart`` returning a ``Chart``; ``_gather``
lists them in page order, so a new chart is a function, a colour and one line
there. Fact charts count canonical speeches only (``is_canonical``) and say so
in their caption.
"""
from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .export import Package, open_package

TEMPLATE = "report.html.j2"
# One signature colour per chart (Okabe–Ito-like, distinct in print and for colour-blind readers).
CHART_COLOURS = {
    "table_rows": "#0072b2",
    "metric_status": "#e69f00",
    "metric_year": "#009e73",
    "deadline_calendar": "#cc79a7",
    "top_entities": "#56b4e9",
    "data_quality": "#d55e00",
    "headline_targets": "#882255",
}
# Secondary colours for the other series of a stacked chart (status estimate, target).
STATUS_COLOURS = {"actual": CHART_COLOURS["metric_status"], "estimate": "#f5d28c", "target": "#7a5a00"}
# The other series of the headline-targets chart (missed, no outcome yet).
OUTCOME_COLOURS = {"met": CHART_COLOURS["headline_targets"], "missed": "#e3a3c4", "no outcome in the package": "#c8c8c8"}
FONT = "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif"
TOP_METRICS = 20
TOP_ENTITIES = 10
YEAR_COLUMNS = 16
UPCOMING = 30


def _e(s) -> str:
    return html.escape("" if s is None else str(s), quote=True)


def _num(v: float) -> str:
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.1f}"


# ---------------------------------------------------------------- SVG charts
# Label columns are sized from the labels themselves, so no label is clipped by the SVG's edge or
# runs under a bar: text_width over-estimates a string's rendered width (CJK and ambiguous-width
# characters a full em, capitals and m/w 0.8 em, other Latin 0.6 em), and a label longer than a
# chart's maximum label width wraps onto more lines. Every label <text> carries data-box, the box it
# was given, which tests/test_report.py checks against the browser's getBBox.
def text_width(s: str, font_size: float) -> float:
    """An upper estimate of the width of ``s`` in px at ``font_size`` (see above)."""
    em = 0.0
    for ch in s:
        if unicodedata.east_asian_width(ch) in "WFA":
            em += 1.0
        elif ch.isupper() or ch in "mwMW%@":
            em += 0.8
        else:
            em += 0.6
    return em * font_size


def wrap_label(label: str, max_width: float, font_size: float) -> list[str]:
    """``label`` cut into lines no wider than ``max_width``: between words of Latin text, anywhere in
    Chinese; a single Latin word wider than that keeps its own line (the column widens to it)."""
    lines, line = [], ""
    for token in re.findall(r"[A-Za-z0-9_.,:%+()\-]+\s*|\s+|.", label):  # "(3)" stays whole
        if line and text_width((line + token).rstrip(), font_size) > max_width:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


def _label_svg(lines: list[str], x: float, top: float, height: float, font_size: float,
               box: tuple[float, float, float, float], anchor: str = "end") -> str:
    """A label of one or more lines, vertically centred in [top, top + height]."""
    lh = round(font_size * 1.25, 1)
    first = top + height / 2 - lh * (len(lines) - 1) / 2 + font_size * 0.35
    spans = "".join(f'<tspan x="{x:.1f}" dy="{0 if i == 0 else lh}">{_e(line)}</tspan>'
                    for i, line in enumerate(lines))
    return (f'<text class="label" x="{x:.1f}" y="{first:.1f}" text-anchor="{anchor}" '
            f'data-box="{",".join(f"{v:.1f}" for v in box)}">{spans}</text>')


def _rows_layout(labels: list[str], max_label_width: float, font_size: float, row: int):
    """Wrapped labels, the label column's width, and each row's (top, height)."""
    wrapped = [wrap_label(lab, max_label_width, font_size) for lab in labels]
    label_width = max((text_width(line, font_size) for lines in wrapped for line in lines), default=0) + 12
    heights = [max(row, round(font_size * 1.25 * len(lines)) + 8) for lines in wrapped]
    tops = [sum(heights[:i]) for i in range(len(heights))]
    return wrapped, label_width, list(zip(tops, heights))


def hbar_svg(items: list[tuple[str, float]], colour: str, *, max_label_width: float = 300, plot_width: int = 420,
             suffix: str = "", max_value: float | None = None) -> str:
    """Horizontal bars, one per (label, value), value printed at the bar's end."""
    fs, pad = 12, 6
    wrapped, lw, rows = _rows_layout([lab for lab, _ in items], max_label_width, fs, 22)
    values = [f"{_num(v)}{suffix}" for _, v in items]
    width = round(lw + plot_width + 8 + max((text_width(v, fs) for v in values), default=0) + 4)
    height = pad * 2 + sum(h for _, h in rows)
    top = max_value if max_value is not None else max((v for _, v in items), default=0) or 1
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-family="{FONT}" font-size="{fs}">']
    for (label, value), lines, text, (y, h) in zip(items, wrapped, values, rows):
        y += pad
        w = 0 if not value else max(1.0, plot_width * value / top)
        parts.append(_label_svg(lines, lw - 6, y, h, fs, (0, y, lw - 6, y + h)))
        parts.append(f'<rect class="mark" x="{lw:.1f}" y="{y + h / 2 - 8}" width="{w:.1f}" height="16" '
                     f'fill="{colour}"><title>{_e(label)}: {_e(text)}</title></rect>')
        parts.append(f'<text x="{lw + w + 4:.1f}" y="{y + h / 2 + 4}" fill="#333">{_e(text)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def stacked_hbar_svg(rows: list[tuple[str, dict[str, float]]], series: dict[str, str], *,
                     max_label_width: float = 340, plot_width: int = 440) -> str:
    """Horizontal stacked bars: rows of (label, {series: value}), series → colour, with a legend."""
    fs, pad, legend = 12, 6, 24
    wrapped, lw, layout = _rows_layout([lab for lab, _ in rows], max_label_width, fs, 22)
    totals = [_num(sum(v.values())) for _, v in rows]
    legend_width = sum(16 + text_width(name, fs) + 24 for name in series)
    width = round(max(lw + plot_width + 8 + max((text_width(t, fs) for t in totals), default=0) + 4,
                      lw + legend_width))
    height = legend + pad * 2 + sum(h for _, h in layout)
    top = max((sum(v.values()) for _, v in rows), default=0) or 1
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-family="{FONT}" font-size="{fs}">']
    x = lw
    for name, colour in series.items():
        parts.append(f'<rect x="{x:.1f}" y="6" width="12" height="12" fill="{colour}"/>'
                     f'<text x="{x + 16:.1f}" y="16">{_e(name)}</text>')
        x += 16 + text_width(name, fs) + 24
    for (label, values), lines, total, (y, h) in zip(rows, wrapped, totals, layout):
        y += legend + pad
        parts.append(_label_svg(lines, lw - 6, y, h, fs, (0, y, lw - 6, y + h)))
        x0 = lw
        for name, colour in series.items():
            v = values.get(name, 0)
            if not v:
                continue
            w = max(1.0, plot_width * v / top)
            parts.append(f'<rect class="mark" x="{x0:.1f}" y="{y + h / 2 - 8}" width="{w:.1f}" height="16" '
                         f'fill="{colour}"><title>{_e(label)}, {_e(name)}: {_num(v)}</title></rect>')
            x0 += w
        parts.append(f'<text x="{x0 + 4:.1f}" y="{y + h / 2 + 4}" fill="#333">{total}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _mix(colour: str, t: float) -> str:
    """The colour at intensity t in [0, 1], from near-white to ``colour``."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    lo = 0xf4
    return "#" + "".join(f"{round(lo + (c - lo) * t):02x}" for c in (r, g, b))


def heatmap_svg(row_labels: list[str], col_labels: list[str], counts: dict[tuple[str, str], float], colour: str,
                *, cell: int = 34) -> str:
    """A grid of cells, darker for larger counts; the largest cell is exactly ``colour``; zero cells stay blank.
    Row labels stay on one line (the label column fits the widest); a column is widened to fit its label."""
    fs = 11
    top = max(counts.values(), default=0) or 1
    head = 22
    lw = max((text_width(r, fs) for r in row_labels), default=0) + 12
    cw = max([cell] + [text_width(c, fs) + 6 for c in col_labels])
    width = round(lw + cw * len(col_labels) + 10)
    height = head + cell * len(row_labels) + 6
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-family="{FONT}" font-size="{fs}">']
    for j, c in enumerate(col_labels):
        x = lw + j * cw
        parts.append(_label_svg([c], x + cw / 2, 0, head, fs, (x, 0, x + cw, head), anchor="middle"))
    for i, r in enumerate(row_labels):
        y = head + i * cell
        parts.append(_label_svg([r], lw - 6, y, cell, fs, (0, y, lw - 6, y + cell)))
        for j, c in enumerate(col_labels):
            x = lw + j * cw
            v = counts.get((r, c), 0)
            if v:
                t = 0.25 + 0.75 * v / top  # a single item must still be visible
                fg = "#fff" if t > 0.6 else "#222"
                parts.append(f'<rect class="mark" x="{x + 1:.1f}" y="{y + 1}" width="{cw - 2:.1f}" '
                             f'height="{cell - 2}" fill="{_mix(colour, t) if v < top else colour}">'
                             f'<title>{_e(r)} {_e(c)}: {_num(v)}</title></rect><text x="{x + cw / 2:.1f}" '
                             f'y="{y + cell / 2 + 4}" text-anchor="middle" fill="{fg}">{_num(v)}</text>')
            else:
                parts.append(f'<rect x="{x + 1:.1f}" y="{y + 1}" width="{cw - 2:.1f}" height="{cell - 2}" '
                             f'fill="#f7f7f7"/>')
    parts.append("</svg>")
    return "".join(parts)


# ---------------------------------------------------------------- figures from the package
@dataclass
class Chart:
    key: str
    title: str
    note: str
    svg: str | None
    """None when there is nothing to draw (the page says so instead)."""


@dataclass
class ReportData:
    version: str
    created: str
    pipeline_version: str
    counts: list[tuple[str, int]]
    canonical_speeches: int
    """Speeches that are not a variant copy of another (is_canonical)."""
    charts: list[Chart] = field(default_factory=list)
    upcoming: list[dict] = field(default_factory=list)
    rejected: list[dict] = field(default_factory=list)
    quality: list[tuple[str, int, int]] = field(default_factory=list)
    """(what, how many, out of)."""


def _connect(pkg: Package):
    """An in-memory DuckDB over the package's Parquet files, with the BI views on top."""
    import duckdb

    from . import views

    con = duckdb.connect()
    for name in pkg.table_names:
        path = str(pkg.parquet(name)).replace("'", "''")
        con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{path}')")
    views.create_views(con, set(pkg.table_names))
    return con


def _rows(con, sql: str) -> list[dict]:
    cur = con.execute(sql)
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def gather(pkg: Package) -> ReportData:
    con = _connect(pkg)
    try:
        return _gather(con, pkg)
    finally:
        con.close()


def _gather(con, pkg: Package) -> ReportData:
    meta = pkg.descriptor
    counts = [(n, con.execute(f"SELECT count(*) FROM {n}").fetchone()[0]) for n in pkg.table_names]
    data = ReportData(version=pkg.version, created=str(meta.get("created", "")),
                      pipeline_version=str(meta.get("x-jianghua", {}).get("pipeline_version", "")), counts=counts,
                      canonical_speeches=con.execute("SELECT count(*) FROM speeches WHERE is_canonical").fetchone()[0])
    data.charts = [table_rows_chart(counts), metric_status_chart(con), metric_year_chart(con),
                   headline_targets_chart(con, "targets" in pkg.table_names), deadline_calendar_chart(con),
                   top_entities_chart(con)]
    data.quality = _quality(con)
    data.charts.append(data_quality_chart(data.quality))
    # The first dated deadlines, each speech once (variant copies would repeat its rows).
    data.upcoming = _rows(con, f"""
        SELECT calendar_date, calendar_precision, due_part, kind, responsible, task, span_text, jurisdiction,
               speech_title
        FROM deadline_calendar WHERE calendar_date IS NOT NULL AND is_canonical
        ORDER BY calendar_date, speech_id, deadline_id LIMIT {UPCOMING}""")
    data.rejected = _rows(con, "SELECT source_file, error FROM sources WHERE status = 'rejected' ORDER BY source_file")
    return data


# One function per chart. The fact charts count canonical speeches only (is_canonical): a speech
# published in several copies (variants.py) would otherwise be counted once per copy.
CANONICAL_NOTE = "Counted over canonical speeches only: a speech published in several copies counts once."


def table_rows_chart(counts: list[tuple[str, int]]) -> Chart:
    return Chart("table_rows", "Rows per table",
                 "How many rows each published table holds (all rows, variant copies of a speech included).",
                 hbar_svg([(n, float(k)) for n, k in counts], CHART_COLOURS["table_rows"], max_label_width=160)
                 if any(k for _, k in counts) else None)


def _metric_label(code: str, name_zh: str | None) -> str:
    return f"{code} {name_zh or ''}".strip()


def metric_status_chart(con) -> Chart:
    """Indicators of the most frequent metrics, each bar split by status."""
    rows = _rows(con, f"""
        WITH facts AS (SELECT * FROM indicator_facts WHERE is_canonical),
             top AS (SELECT metric, count(*) AS n FROM facts GROUP BY metric ORDER BY n DESC, metric
                     LIMIT {TOP_METRICS})
        SELECT f.metric, any_value(f.metric_name_zh) AS name_zh, f.status, count(*) AS n, any_value(top.n) AS total
        FROM facts f JOIN top USING (metric)
        GROUP BY f.metric, f.status ORDER BY total DESC, f.metric""")
    grouped: dict[str, dict[str, float]] = {}
    for r in rows:
        grouped.setdefault(_metric_label(r["metric"], r["name_zh"]), {})[r["status"]] = float(r["n"])
    return Chart(
        "metric_status", "Indicators by metric and status",
        f"The {TOP_METRICS} most frequent metrics; each bar split into actual figures, estimates (预计) and "
        f"targets. {CANONICAL_NOTE}",
        stacked_hbar_svg(list(grouped.items()), STATUS_COLOURS) if grouped else None)


def headline_targets_chart(con, has_targets: bool = True) -> Chart:
    """The year's main targets (targets.is_headline) per metric, split by whether the next year's report says
    they were met. A package from before 0.2.0 has no targets table: no chart."""
    rows = [] if not has_targets else _rows(con, """
        SELECT t.metric, any_value(m.name_zh) AS name_zh,
               CASE WHEN t.outcome_met THEN 'met' WHEN NOT t.outcome_met THEN 'missed'
                    ELSE 'no outcome in the package' END AS outcome,
               count(*) AS n
        FROM targets t JOIN speeches s USING (speech_id) LEFT JOIN metrics m USING (metric)
        WHERE t.is_headline AND s.is_canonical
        GROUP BY t.metric, outcome""")
    totals: dict[str, int] = {}
    grouped: dict[str, dict[str, float]] = {}
    for r in rows:
        totals[r["metric"]] = totals.get(r["metric"], 0) + r["n"]
    for r in sorted(rows, key=lambda r: (-totals[r["metric"]], r["metric"])):
        grouped.setdefault(_metric_label(r["metric"], r["name_zh"]), {})[r["outcome"]] = float(r["n"])
    top = dict(list(grouped.items())[:TOP_METRICS])
    return Chart(
        "headline_targets", "Headline targets and whether they were met",
        f"Targets stated in a speech's statement of the year's main targets (主要预期目标是：…), for the "
        f"{TOP_METRICS} metrics set most often; met or missed by the actual figure the next year's report of the "
        f"same place gives (左右: within 0.5 points). {CANONICAL_NOTE}",
        stacked_hbar_svg(list(top.items()), OUTCOME_COLOURS) if top else None)


def metric_year_chart(con) -> Chart:
    rows = _rows(con, f"""
        WITH facts AS (SELECT * FROM indicator_facts WHERE is_canonical),
             top AS (SELECT metric, count(*) AS n FROM facts GROUP BY metric ORDER BY n DESC, metric
                     LIMIT {TOP_METRICS})
        SELECT metric, any_value(metric_name_zh) AS name_zh, year, count(*) AS n, any_value(top.n) AS total
        FROM facts JOIN top USING (metric) GROUP BY metric, year ORDER BY total DESC, metric""")
    known = sorted({r["year"] for r in rows if r["year"] is not None})
    # Decades of reports (1954–2026 in the external corpus) would make cells too small to read:
    # beyond YEAR_COLUMNS years, the older ones are grouped by decade.
    recent = known[-YEAR_COLUMNS:][0] if len(known) > YEAR_COLUMNS else None

    def column(year: int | None) -> str:
        if year is None:
            return "unknown"
        return f"{year // 10 * 10}s" if recent is not None and year < recent else str(year)

    labels = {r["metric"]: _metric_label(r["metric"], r["name_zh"]) for r in rows}
    counts: dict[tuple[str, str], float] = {}
    for r in rows:
        key = (labels[r["metric"]], column(r["year"]))
        counts[key] = counts.get(key, 0.0) + float(r["n"])
    columns = list(dict.fromkeys(column(y) for y in known)) + (["unknown"] if None in {r["year"] for r in rows} else [])
    grouped = f" Years before {recent} are grouped by decade." if recent is not None else ""
    return Chart(
        "metric_year", "Indicators by metric and year",
        "Number of indicators per metric and year of the speech (unknown: the speech's year could not be "
        f"inferred).{grouped} {CANONICAL_NOTE}",
        heatmap_svg(list(dict.fromkeys(labels[r["metric"]] for r in rows)), columns, counts,
                    CHART_COLOURS["metric_year"], cell=36) if rows else None)


def deadline_calendar_chart(con) -> Chart:
    """Deadlines on a calendar: year × month."""
    cal = _rows(con, """
        SELECT year(calendar_date) AS y, month(calendar_date) AS m, count(*) AS n
        FROM deadline_calendar WHERE is_canonical AND calendar_date IS NOT NULL AND calendar_precision <> 'year'
        GROUP BY ALL ORDER BY y, m""")
    undated = con.execute("SELECT count(*) FROM deadline_calendar WHERE is_canonical AND "
                          "(calendar_precision IS NULL OR calendar_precision = 'year')").fetchone()[0]
    months = [f"{m}月" for m in range(1, 13)]
    years = [str(y) for y in sorted({r["y"] for r in cal})]
    return Chart(
        "deadline_calendar", "Deadlines on a calendar",
        f"Deadlines per month they fall due. {undated} more have no month "
        f"(recurring, masked, relative, or only a year). {CANONICAL_NOTE}",
        heatmap_svg(years, months, {(str(r["y"]), f"{r['m']}月"): float(r["n"]) for r in cal},
                    CHART_COLOURS["deadline_calendar"], cell=40) if cal else None)


def top_entities_chart(con) -> Chart:
    """The most mentioned names per entity type (mentions, and in how many speeches), small multiples."""
    ents = _rows(con, f"""
        SELECT type, name, count(*) AS n, count(DISTINCT speech_id) AS speeches FROM entity_mentions
        WHERE is_canonical
        GROUP BY type, name QUALIFY row_number() OVER (PARTITION BY type ORDER BY count(*) DESC, name) <= {TOP_ENTITIES}
        ORDER BY type, n DESC, name""")
    svg = None
    if ents:
        svgs = []
        for etype in dict.fromkeys(r["type"] for r in ents):
            items = [(f"{r['name']} ({r['speeches']})", float(r["n"])) for r in ents if r["type"] == etype]
            svgs.append(f'<h4>{_e(etype)}</h4>' + hbar_svg(items, CHART_COLOURS["top_entities"],
                                                            max_label_width=220, plot_width=150))
        svg = '<div class="multiples">' + "".join(f"<div>{s}</div>" for s in svgs) + "</div>"
    return Chart("top_entities", "Top entities",
                 f"The {TOP_ENTITIES} most mentioned names of each type; in brackets, in how many speeches. "
                 f"{CANONICAL_NOTE}", svg)


def _quality(con) -> list[tuple[str, int, int]]:
    q = con.execute("""
        SELECT (SELECT count(*) FROM speeches WHERE masked_count > 0), (SELECT count(*) FROM speeches),
               (SELECT count(*) FROM indicators WHERE is_masked), (SELECT count(*) FROM indicators),
               (SELECT count(*) FROM deadlines WHERE is_masked), (SELECT count(*) FROM deadlines),
               (SELECT count(*) FROM speeches WHERE year IS NULL),
               (SELECT count(*) FROM speeches WHERE year_conflict IS NOT NULL),
               (SELECT count(*) FROM speeches WHERE NOT is_canonical),
               (SELECT count(*) FROM sources WHERE status = 'rejected'), (SELECT count(*) FROM sources)
    """).fetchone()
    n_sp = q[1]
    return [
        ("speeches with masked figures (X, *, ×)", q[0], n_sp),
        ("indicators masked", q[2], q[3]),
        ("deadlines masked", q[4], q[5]),
        ("speeches with unknown year", q[6], n_sp),
        ("speeches whose text contradicts their year", q[7], n_sp),
        ("speeches that are variants of another", q[8], n_sp),
        ("source files rejected", q[9], q[10]),
    ]


def data_quality_chart(quality: list[tuple[str, int, int]]) -> Chart:
    items = [(what, 100.0 * k / total if total else 0.0) for what, k, total in quality]
    return Chart(
        "data_quality", "Data quality",
        "Share of rows (%) with each problem, over all rows (variant copies included); the table below gives "
        "the counts.",
        hbar_svg(items, CHART_COLOURS["data_quality"], max_label_width=320, plot_width=360, suffix="%",
                 max_value=100.0) if any(total for _, _, total in quality) else None)


# ---------------------------------------------------------------- HTML
def render(data: ReportData) -> str:
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("jianghua", "templates"),
                             autoescape=jinja2.select_autoescape(["html", "j2"]),
                             trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    return env.get_template(TEMPLATE).render(d=data, colours=CHART_COLOURS, status_colours=STATUS_COLOURS,
                                             generated=dt.date.today().isoformat() if not data.created
                                             else data.created)


def write_report(package: Path, out: Path) -> Path:
    """Render the report of the package at ``package`` into the HTML file ``out``."""
    pkg = open_package(package)
    page = render(gather(pkg))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return out
