"""Flat views for BI tools, as data: each view is a list of columns (expression + comment).

Superset, Metabase, Power BI and Excel users point at one table and drag
columns; they do not write joins. These views put each indicator, deadline and
entity mention on one row together with its speech's year, jurisdiction, level
and title and its section heading. They are created in the published DuckDB
file (``create_views``, called by ``publish.write_duckdb``) with COMMENT ON
VIEW / COLUMN, so the descriptions reflect through SQLAlchemy like the tables'.

A column whose expression is ``alias.column`` of a base table takes that
column's description from ``schemas/*.yaml`` (the single source of truth); a
computed column carries its own comment.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import schema

# The aliases the FROM clauses below use, to find a column's base table.
_ALIASES = {"t": "targets", "i": "indicators", "d": "deadlines", "e": "entities", "s": "speeches", "sec": "sections",
            "m": "metrics", "src": "sources"}


@dataclass(frozen=True)
class ViewColumn:
    name: str
    expr: str
    comment: str | None = None
    """None: the description of the base-table column ``expr`` names."""

    def description(self) -> str:
        if self.comment is not None:
            return self.comment
        alias, _, column = self.expr.partition(".")
        return schema.table(_ALIASES[alias]).field(column).description


@dataclass(frozen=True)
class View:
    name: str
    comment: str
    columns: tuple[ViewColumn, ...]
    from_sql: str
    order_by: str
    group_by: str | None = None

    def tables(self) -> set[str]:
        """The tables the view reads."""
        return set(re.findall(r"(?:FROM|JOIN) (\w+)", self.from_sql))

    def create_sql(self) -> str:
        cols = ",\n    ".join(f"{c.expr} AS {c.name}" for c in self.columns)
        group = f"\nGROUP BY {self.group_by}" if self.group_by else ""
        return (f"CREATE OR REPLACE VIEW {self.name} AS\nSELECT\n    {cols}\n{self.from_sql}{group}\n"
                f"ORDER BY {self.order_by}")


def _c(name: str, expr: str | None = None, comment: str | None = None) -> ViewColumn:
    return ViewColumn(name, expr or name, comment)


# Speech context every fact view repeats, so a chart can slice by it without a join.
_SPEECH = (
    _c("year", "s.year"),
    _c("jurisdiction", "s.jurisdiction"),
    _c("admin_level", "s.admin_level"),
    _c("admin_code", "s.admin_code"),
    _c("speaker_title", "s.speaker_title"),
    _c("speech_title", "s.title", "Title of the speech (speeches.title)."),
    _c("is_canonical", "s.is_canonical",
       "True for the one canonical version of a speech published several times; filter on it to count each "
       "speech once (speeches.is_canonical)."),
    _c("section_heading", "sec.heading",
       "Heading of the section the row stands in (sections.heading); null in the preamble and closing."),
    _c("section_path", "sec.path", "Dotted position of that section in the speech, e.g. 2.3 (sections.path)."),
)

# A window of the speech around an entity mention (DuckDB substr is 1-based, in code points).
_CONTEXT_CHARS = 30

# The target_panel's metrics: (column prefix, metric, measure, words for the comments).
_PANEL_METRICS = (
    ("gdp_growth", "gdp", "growth", "GDP growth (%)"),
    ("cpi", "cpi", "growth", "consumer-price rise (%)"),
    ("unemployment", "unemployment_rate", "share", "surveyed urban unemployment rate (%)"),
)


def _panel_columns(prefix: str, metric: str, measure: str, words: str) -> tuple[ViewColumn, ...]:
    """One metric's headline target and outcome: at most one headline row per metric and measure per speech,
    so any_value() picks that row."""
    where = f"FILTER (WHERE t.metric = '{metric}' AND t.measure = '{measure}')"
    return (
        _c(f"{prefix}_target", f"any_value(t.value) {where}",
           f"Headline target for {words}: the value (the low end of a range); null when the speech states none."),
        _c(f"{prefix}_target_max", f"any_value(t.value_max) {where}",
           f"High end of a range target for {words} (6.5%－7% → 7); else null."),
        _c(f"{prefix}_comparator", f"any_value(t.comparator) {where}",
           f"How the {words} target is stated: approx (左右), gte (以上), lte (以内), range, eq (targets.comparator)."),
        _c(f"{prefix}_outcome", f"any_value(t.outcome_value) {where}",
           f"Actual {words} for that year, from the next year's review in the package; null when none is found."),
        _c(f"{prefix}_met", f"any_value(t.outcome_met) {where}",
           f"Whether the {words} outcome met the target (targets.outcome_met); null without an outcome."),
    )


VIEWS: tuple[View, ...] = (
    View(
        name="indicator_facts",
        comment=("One row per indicator with its metric names, its speech's year, jurisdiction, level and title, "
                 "and its section heading: the indicators table flattened for BI tools, no joins needed."),
        columns=(
            _c("indicator_id", "i.indicator_id"),
            _c("speech_id", "i.speech_id"),
            *_SPEECH,
            _c("metric", "i.metric"),
            _c("metric_name_zh", "m.name_zh", "Canonical Simplified Chinese name of the metric (metrics.name_zh)."),
            _c("metric_name_en", "m.name_en", "English name of the metric (metrics.name_en)."),
            _c("metric_text", "i.metric_text"),
            _c("subject", "i.subject"),
            _c("status", "i.status"),
            _c("commitment", "i.commitment"),
            _c("measure", "i.measure"),
            _c("direction", "i.direction"),
            _c("comparator", "i.comparator"),
            _c("value", "i.value"),
            _c("value_max", "i.value_max"),
            _c("unit", "i.unit"),
            _c("value_base", "i.value_base"),
            _c("signed_value", "CASE WHEN i.direction = 'down' THEN -i.value ELSE i.value END",
               "value with a minus sign for a fall (direction down): growth rates on one axis."),
            _c("period_text", "i.period_text"),
            _c("is_masked", "i.is_masked"),
            _c("span_text", "i.span_text"),
            _c("sentence", "i.sentence"),
        ),
        from_sql=("FROM indicators i\n"
                  "JOIN speeches s ON s.speech_id = i.speech_id\n"
                  "JOIN sections sec ON sec.section_id = i.section_id\n"
                  "LEFT JOIN metrics m ON m.metric = i.metric"),
        order_by="i.speech_id, i.char_start, i.char_end, i.indicator_id",
    ),
    View(
        name="deadline_calendar",
        comment=("One row per deadline with a calendar date to plot (due_date, else the first day of the known "
                 "month or year), who is responsible, the task, and its speech's year, jurisdiction and title."),
        columns=(
            _c("deadline_id", "d.deadline_id"),
            _c("speech_id", "d.speech_id"),
            *_SPEECH,
            _c("kind", "d.kind"),
            _c("calendar_date",
               "COALESCE(d.due_date, CASE WHEN d.due_year IS NOT NULL "
               "THEN make_date(CAST(d.due_year AS INTEGER), CAST(COALESCE(d.due_month, 1) AS INTEGER), 1) END)",
               "A date to put the deadline on a calendar: due_date when known, else the first day of the due month "
               "(or of the due year); null when the year is unknown."),
            _c("calendar_precision",
               "CASE WHEN d.due_date IS NOT NULL THEN 'day' WHEN d.due_year IS NOT NULL AND d.due_month IS NOT NULL "
               "THEN 'month' WHEN d.due_year IS NOT NULL THEN 'year' END",
               "How exact calendar_date is: day (due_date), month or year; null when there is no date."),
            _c("due_year", "d.due_year"),
            _c("due_month", "d.due_month"),
            _c("due_day", "d.due_day"),
            _c("due_part", "d.due_part"),
            _c("due_date", "d.due_date"),
            _c("recurrence", "d.recurrence"),
            _c("is_masked", "d.is_masked"),
            _c("responsible", "d.responsible"),
            _c("task", "d.task"),
            _c("span_text", "d.span_text"),
        ),
        from_sql=("FROM deadlines d\n"
                  "JOIN speeches s ON s.speech_id = d.speech_id\n"
                  "JOIN sections sec ON sec.section_id = d.section_id"),
        order_by="calendar_date NULLS LAST, d.speech_id, d.char_start, d.deadline_id",
    ),
    View(
        name="entity_mentions",
        comment=("One row per entity mention with the words around it, its section heading and its speech's year, "
                 "jurisdiction, level and title."),
        columns=(
            _c("entity_id", "e.entity_id"),
            _c("speech_id", "e.speech_id"),
            *_SPEECH,
            _c("type", "e.type"),
            _c("name", "e.name"),
            _c("entity_admin_code", "e.admin_code",
               "For places, the 6-digit GB/T 2260 code of the place mentioned (entities.admin_code)."),
            _c("span_text", "e.span_text"),
            _c("context",
               f"substr(s.text, CAST(greatest(e.char_start - {_CONTEXT_CHARS}, 0) + 1 AS BIGINT), "
               f"CAST(e.char_end - greatest(e.char_start - {_CONTEXT_CHARS}, 0) + {_CONTEXT_CHARS} AS BIGINT))",
               f"The mention with up to {_CONTEXT_CHARS} characters of the speech on each side."),
            _c("char_start", "e.char_start"),
            _c("char_end", "e.char_end"),
        ),
        from_sql=("FROM entities e\n"
                  "JOIN speeches s ON s.speech_id = e.speech_id\n"
                  "JOIN sections sec ON sec.section_id = e.section_id"),
        order_by="e.speech_id, e.char_start, e.char_end, e.entity_id",
    ),
    View(
        name="speech_overview",
        comment=("One row per speech without its long text: metadata plus how many indicators, targets, entities "
                 "and deadlines were extracted from it. A light table for dashboards and Excel."),
        columns=(
            _c("speech_id", "s.speech_id"),
            _c("source_file", "s.source_file"),
            _c("title", "s.title"),
            _c("year", "s.year"),
            _c("published_date", "s.published_date"),
            _c("jurisdiction", "s.jurisdiction"),
            _c("admin_level", "s.admin_level"),
            _c("admin_code", "s.admin_code"),
            _c("speaker_title", "s.speaker_title"),
            _c("meeting", "s.meeting"),
            _c("script", "s.script"),
            _c("n_chars", "s.n_chars"),
            _c("masked_count", "s.masked_count"),
            _c("variant_group", "s.variant_group"),
            _c("is_canonical", "s.is_canonical"),
            _c("n_indicators", "(SELECT count(*) FROM indicators x WHERE x.speech_id = s.speech_id)",
               "Number of indicators extracted from the speech."),
            _c("n_targets",
               "(SELECT count(*) FROM indicators x WHERE x.speech_id = s.speech_id AND x.status = 'target')",
               "Number of those indicators that are targets (status target)."),
            _c("n_entities", "(SELECT count(*) FROM entities x WHERE x.speech_id = s.speech_id)",
               "Number of entity mentions in the speech."),
            _c("n_deadlines", "(SELECT count(*) FROM deadlines x WHERE x.speech_id = s.speech_id)",
               "Number of deadlines in the speech."),
        ),
        from_sql="FROM speeches s",
        order_by="s.speech_id",
    ),
    View(
        name="target_panel",
        comment=("One row per jurisdiction and year with a statement of main targets: the headline GDP growth, CPI "
                 "and unemployment targets of the year's (canonical) work report beside the outcomes the next "
                 "year's report gives, for a BI tool's jurisdiction × year panel."),
        columns=(
            _c("jurisdiction", "s.jurisdiction"),
            _c("admin_code", "s.admin_code"),
            _c("admin_level", "s.admin_level"),
            _c("target_year", "t.target_year"),
            _c("speech_id", "s.speech_id", "The speech that sets the targets (speeches.speech_id)."),
            _c("speech_title", "s.title", "Title of that speech (speeches.title)."),
            _c("n_headline_targets", "count(*)",
               "Number of headline targets the speech states (all metrics, targets.is_headline)."),
            *(col for spec in _PANEL_METRICS for col in _panel_columns(*spec)),
        ),
        from_sql=("FROM targets t\n"
                  "JOIN speeches s ON s.speech_id = t.speech_id\n"
                  "WHERE t.is_headline AND s.is_canonical"),
        group_by="s.jurisdiction, s.admin_code, s.admin_level, t.target_year, s.speech_id, s.title",
        order_by="s.admin_code NULLS LAST, s.jurisdiction, t.target_year, s.speech_id",
    ),
)

VIEW_NAMES = tuple(v.name for v in VIEWS)


def _sql_str(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def view_ddl(v: View) -> list[str]:
    stmts = [v.create_sql(), f"COMMENT ON VIEW {v.name} IS {_sql_str(v.comment)}"]
    stmts += [f"COMMENT ON COLUMN {v.name}.{c.name} IS {_sql_str(c.description())}" for c in v.columns]
    return stmts


def create_views(con, available: set[str] | None = None) -> None:
    """Create every BI view with its comments on an open DuckDB connection holding the tables; with
    ``available``, only the views those tables allow (an older package has no targets table)."""
    for v in VIEWS:
        if available is not None and not v.tables() <= available:
            continue
        for stmt in view_ddl(v):
            con.execute(stmt)


def dictionary_markdown() -> str:
    """The views' part of docs/DATA_DICTIONARY.md (append after the tables)."""
    lines = ["## Views for BI tools (DuckDB only)", "",
             "Flattened joins in `jianghua.duckdb`, for tools that want one table per chart. They hold no data of "
             "their own: every value comes from the tables above.", ""]
    for v in VIEWS:
        lines += [f"### {v.name}", "", v.comment, "", "| column | description |", "|---|---|"]
        lines += [f"| {c.name} | {c.description().replace('|', chr(92) + '|')} |" for c in v.columns]
        lines.append("")
    return "\n".join(lines)
