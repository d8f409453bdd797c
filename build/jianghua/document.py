"""The one object every extraction stage reads: a cleaned speech.

Extractors are pure functions ``extract(doc: SpeechDoc) -> list[dict]``. Each
dict holds ``char_start``, ``char_end`` and ``span_text`` (offsets into
``doc.text``, end exclusive) plus the table's own columns. The pipeline adds
the row id, ``speech_id`` and ``section_id``, so extractors never see them.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SpeechDoc:
    text: str
    """Cleaned speech body in its own script; every offset indexes into it."""
    simplified: str
    """The same text converted to Simplified, code point for code point
    (``len(simplified) == len(text)``), so a match found here has the same
    offsets in ``text``. Equal to ``text`` for Simplified speeches."""
    script: str
    """``hans`` or ``hant``."""
    title: str = ""
    """Cleaned title, in the speech's own script."""
    year: int | None = None
    """Year the speech was given, when known (resolves 年底前, 9月底前 …)."""
    admin_level: str = "unknown"
    jurisdiction: str | None = None

    @property
    def is_work_report(self) -> bool:
        """A government work report (政府工作报告), the kind of speech METRICS.md gives its
        later codes to; the title says so, built from the file name when the file has none."""
        return "政府工作报告" in self.title or "政府工作報告" in self.title
