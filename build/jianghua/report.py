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
"""
from __future__ import annotations

import datetime as dt
import html
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
}
# Secondary colours for the other series of a stacked chart (status estimate, target).
STATUS_COLOURS = {"actual": CHART_COLOURS["metric_status"], "estimate": "#f5d28c", "target": "#7a5a00"}
FONT = "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif"
TOP_METRICS = 20
TOP_ENTITIES = 10
UPCOMING = 30


def _e(s) -> str:
    return html.escape("" if s is None else str(s), quote=True)


def _num(v: float) -> str:
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.1f}"


# ---------------------------------------------------------------- SVG charts
def hbar_svg(items: list[tuple[str, float]], colour: str, *, label_width: int = 220, width: int = 720,
             suffix: str = "", max_value: float | None = None) -> str:
    """Horizontal bars, one per (label, value), value printed at the bar's end."""
    row, pad = 22, 6
    height = pad * 2 + row * len(items)
    top = max_value if max_value is not None else max((v for _, v in items), default=0) or 1
    plot = width - label_width - 70
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-family="{FONT}" font-size="12">']
    for i, (label, value) in enumerate(items):
        y = pad + i * row
        w = 0 if not value else max(1.0, plot * value / top)
        parts.append(f'<text x="{label_width - 6}" y="{y + 15}" text-anchor="end">{_e(label)}</text>')
        parts.append(f'<rect class="mark" x="{label_width}" y="{y + 3}" width="{w:.1f}" height="{row - 6}" '
                     f'fill="{colour}"><title>{_e(label)}: {_num(value)}{suffix}</title></rect>')
        parts.append(f'<text x="{label_width + w + 4:.1f}" y="{y + 15}" fill="#333">{_num(value)}{suffix}</text>')
    parts.append("</svg>")
    return "".join(parts)


def stacked_hbar_svg(rows: list[tuple[str, dict[str, float]]], series: dict[str, str], *,
                     label_width: int = 260, width: int = 760) -> str:
    """Horizontal stacked bars: rows of (label, {series: value}), series → colour, with a legend."""
    row, pad, legend = 22, 6, 24
    height = legend + pad * 2 + row * len(rows)
    top = max((sum(v.values()) for _, v in rows), default=0) or 1
    plot = width - label_width - 60
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-family="{FONT}" font-size="12">']
    x = label_width
    for name, colour in series.items():
        parts.append(f'<rect x="{x}" y="6" width="12" height="12" fill="{colour}"/>'
                     f'<text x="{x + 16}" y="16">{_e(name)}</text>')
        x += 110
    for i, (label, values) in enumerate(rows):
        y = legend + pad + i * row
        parts.append(f'<text x="{label_width - 6}" y="{y + 15}" text-anchor="end">{_e(label)}</text>')
        x0 = float(label_width)
        for name, colour in series.items():
            v = values.get(name, 0)
            if not v:
                continue
            w = max(1.0, plot * v / top)
            parts.append(f'<rect class="mark" x="{x0:.1f}" y="{y + 3}" width="{w:.1f}" height="{row - 6}" '
                         f'fill="{colour}"><title>{_e(label)}, {_e(name)}: {_num(v)}</title></rect>')
            x0 += w
        parts.append(f'<text x="{x0 + 4:.1f}" y="{y + 15}" fill="#333">{_num(sum(values.values()))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _mix(colour: str, t: float) -> str:
    """The colour at intensity t in [0, 1], from near-white to ``colour``."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    lo = 0xf4
    return "#" + "".join(f"{round(lo + (c - lo) * t):02x}" for c in (r, g, b))


def heatmap_svg(row_labels: list[str], col_labels: list[str], counts: dict[tuple[str, str], float], colour: str,
                *, label_width: int = 220, cell: int = 34) -> str:
    """A grid of cells, darker for larger counts; the largest cell is exactly ``colour``; zero cells stay blank."""
    top = max(counts.values(), default=0) or 1
    head = 22
    width = label_width + cell * len(col_labels) + 10
    height = head + cell * len(row_labels) + 6
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-family="{FONT}" font-size="11">']
    for j, c in enumerate(col_labels):
        parts.append(f'<text x="{label_width + j * cell + cell / 2}" y="15" text-anchor="middle">{_e(c)}</text>')
    for i, r in enumerate(row_labels):
        y = head + i * cell
        parts.append(f'<text x="{label_width - 6}" y="{y + cell / 2 + 4}" text-anchor="end">{_e(r)}</text>')
        for j, c in enumerate(col_labels):
            x = label_width + j * cell
            v = counts.get((r, c), 0)
            if v:
                t = 0.25 + 0.75 * v / top  # a single item must still be visible
                fg = "#fff" if t > 0.6 else "#222"
                parts.append(f'<rect class="mark" x="{x + 1}" y="{y + 1}" width="{cell - 2}" height="{cell - 2}" '
                             f'fill="{_mix(colour, t) if v < top else colour}"><title>{_e(r)} {_e(c)}: {_num(v)}'
                             f'</title></rect><text x="{x + cell / 2}" y="{y + cell / 2 + 4}" text-anchor="middle" '
                             f'fill="{fg}">{_num(v)}</text>')
            else:
                parts.append(f'<rect x="{x + 1}" y="{y + 1}" width="{cell - 2}" height="{cell - 2}" fill="#f7f7f7"/>')
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
    views.create_views(con)
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
                      pipeline_version=str(meta.get("x-jianghua", {}).get("pipeline_version", "")), counts=counts)
    c = CHART_COLOURS
    data.charts.append(Chart("table_rows", "Rows per table", "How many rows each published table holds.",
                             hbar_svg([(n, float(k)) for n, k in counts], c["table_rows"], label_width=120)
                             if any(k for _, k in counts) else None))

    # Indicators by metric (top metrics by count), split by status.
    by_status = _rows(con, f"""
        WITH top AS (SELECT metric, count(*) AS n FROM indicator_facts GROUP BY metric
                     ORDER BY n DESC, metric LIMIT {TOP_METRICS})
        SELECT f.metric, any_value(f.metric_name_zh) AS name_zh, f.status, count(*) AS n, any_value(top.n) AS total
        FROM indicator_facts f JOIN top USING (metric)
        GROUP BY f.metric, f.status ORDER BY total DESC, f.metric""")
    grouped: dict[str, dict[str, float]] = {}
    for r in by_status:
        label = f"{r['metric']} {r['name_zh'] or ''}".strip()
        grouped.setdefault(label, {})[r["status"]] = float(r["n"])
    data.charts.append(Chart(
        "metric_status", "Indicators by metric and status",
        f"The {TOP_METRICS} most frequent metrics; each bar split into actual figures, estimates (预计) and targets.",
        stacked_hbar_svg(list(grouped.items()), STATUS_COLOURS) if grouped else None))

    # Indicators by metric and speech year.
    by_year = _rows(con, f"""
        WITH top AS (SELECT metric, count(*) AS n FROM indicator_facts GROUP BY metric
                     ORDER BY n DESC, metric LIMIT {TOP_METRICS})
        SELECT metric, coalesce(CAST(year AS VARCHAR), 'unknown') AS year, count(*) AS n, any_value(top.n) AS total
        FROM indicator_facts JOIN top USING (metric) GROUP BY ALL ORDER BY total DESC, metric""")
    metrics_order = list(dict.fromkeys(r["metric"] for r in by_year))
    years = sorted({r["year"] for r in by_year}, key=lambda y: (y == "unknown", y))
    data.charts.append(Chart(
        "metric_year", "Indicators by metric and year",
        "Number of indicators per metric and year of the speech (unknown: the speech's year could not be inferred).",
        heatmap_svg(metrics_order, years, {(r["metric"], r["year"]): float(r["n"]) for r in by_year},
                    c["metric_year"], label_width=200, cell=36) if by_year else None))

    # Deadlines on a calendar: year × month.
    cal = _rows(con, """
        SELECT year(calendar_date) AS y, month(calendar_date) AS m, count(*) AS n
        FROM deadline_calendar WHERE calendar_date IS NOT NULL AND calendar_precision <> 'year'
        GROUP BY ALL ORDER BY y, m""")
    undated = con.execute("SELECT count(*) FROM deadline_calendar WHERE calendar_precision IS NULL "
                          "OR calendar_precision = 'year'").fetchone()[0]
    months = [f"{m}月" for m in range(1, 13)]
    cal_years = [str(y) for y in sorted({r["y"] for r in cal})]
    data.charts.append(Chart(
        "deadline_calendar", "Deadlines on a calendar",
        f"Deadlines per month they fall due. {undated} more have no month "
        f"(recurring, masked, relative, or only a year).",
        heatmap_svg(cal_years, months, {(str(r["y"]), f"{r['m']}月"): float(r["n"]) for r in cal},
                    c["deadline_calendar"], label_width=60, cell=40) if cal else None))
    data.upcoming = _rows(con, f"""
        SELECT calendar_date, calendar_precision, due_part, kind, responsible, task, span_text, jurisdiction,
               speech_title
        FROM deadline_calendar WHERE calendar_date IS NOT NULL
        ORDER BY calendar_date, speech_id, deadline_id LIMIT {UPCOMING}""")

    # Top entities per type (mentions, and in how many speeches).
    ents = _rows(con, f"""
        SELECT type, name, count(*) AS n, count(DISTINCT speech_id) AS speeches FROM entity_mentions
        GROUP BY type, name QUALIFY row_number() OVER (PARTITION BY type ORDER BY count(*) DESC, name) <= {TOP_ENTITIES}
        ORDER BY type, n DESC, name""")
    if ents:
        svgs = []
        for etype in dict.fromkeys(r["type"] for r in ents):
            items = [(f"{r['name']} ({r['speeches']})", float(r["n"])) for r in ents if r["type"] == etype]
            svgs.append(f'<h4>{_e(etype)}</h4>' + hbar_svg(items, c["top_entities"], label_width=200, width=400))
        ent_svg = '<div class="multiples">' + "".join(f"<div>{s}</div>" for s in svgs) + "</div>"
    else:
        ent_svg = None
    data.charts.append(Chart(
        "top_entities", "Top entities",
        f"The {TOP_ENTITIES} most mentioned names of each type; in brackets, in how many speeches.", ent_svg))

    # Data quality.
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
    data.quality = [
        ("speeches with masked figures (X, *, ×)", q[0], n_sp),
        ("indicators masked", q[2], q[3]),
        ("deadlines masked", q[4], q[5]),
        ("speeches with unknown year", q[6], n_sp),
        ("speeches whose text contradicts their year", q[7], n_sp),
        ("speeches that are variants of another", q[8], n_sp),
        ("source files rejected", q[9], q[10]),
    ]
    items = [(what, 100.0 * k / total if total else 0.0) for what, k, total in data.quality]
    data.charts.append(Chart(
        "data_quality", "Data quality", "Share of rows (%) with each problem; the table below gives the counts.",
        hbar_svg(items, c["data_quality"], label_width=300, suffix="%", max_value=100.0)
        if any(total for _, _, total in data.quality) else None))
    data.rejected = _rows(con, "SELECT source_file, error FROM sources WHERE status = 'rejected' ORDER BY source_file")
    return data


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
