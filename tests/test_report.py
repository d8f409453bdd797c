"""`jianghua report`: a static, offline HTML page whose charts draw in a real browser (headless Chromium)."""
from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import numpy as np
import pytest

from jianghua.cli import app
from jianghua.report import CHART_COLOURS, heatmap_svg, hbar_svg, text_width, wrap_label

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def report_html(built_package, tmp_path_factory, runner) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    r = runner.invoke(app, ["report", "--package", str(built_package), "--out", str(out)])
    assert r.exit_code == 0, r.output
    return out


def test_the_page_has_every_chart_and_needs_nothing_from_outside(report_html):
    page = report_html.read_text("utf-8")
    for key in CHART_COLOURS:
        m = re.search(rf'data-chart="{key}".*?</figure>', page, re.S)
        assert m and "<svg" in m.group(0), f"chart {key} has no SVG"
    # offline: no script, stylesheet, image or font fetched from anywhere
    assert not re.search(r'<(script|link|img|iframe)\b', page)
    assert not re.search(r'(src|href)="(https?:)?//', page)
    assert "@import" not in page and "url(" not in page


def test_counts_on_the_page_are_the_row_counts(report_html, built_package):
    import pyarrow.parquet as pq

    page = report_html.read_text("utf-8")
    for name in ("speeches", "indicators", "entities", "deadlines"):
        n = pq.ParquetFile(built_package / f"{name}.parquet").metadata.num_rows
        assert re.search(rf"<td>{name}</td><td class=\"n\">{n:,}</td>", page), name


def test_counts_on_the_page_are_by_canonical_speech(report_html, built_package):
    import duckdb

    con = duckdb.connect(str(built_package / "jianghua.duckdb"), read_only=True)
    canonical, variants = con.execute("select count(*) filter (where is_canonical), count(*) filter (where not "
                                      "is_canonical) from speeches").fetchone()
    undated = con.execute("select count(*) from deadline_calendar where is_canonical and "
                          "(calendar_precision is null or calendar_precision = 'year')").fetchone()[0]
    con.close()
    page = report_html.read_text("utf-8")
    assert variants, "the shipped corpus has variant copies; without them this test proves nothing"
    assert f"({canonical} canonical, {variants} variant copies)" in " ".join(page.split())
    assert f"{undated} more have no month" in page  # the calendar counts each speech once
    assert page.count("Counted over canonical speeches only") >= 4  # every fact chart says what it counts


def test_long_labels_wrap_between_words_and_within_the_width():
    label = "general_budget_expenditure 一般公共预算支出 关于进一步加强耕地保护的通知 (12)"
    lines = wrap_label(label, 150, 12)
    assert len(lines) > 1 and "".join(lines).replace(" ", "") == label.replace(" ", "")
    assert "general_budget_expenditure" in lines and "(12)" in lines[-1]  # words are not split
    assert all(text_width(line, 12) <= 170 for line in lines if line != "general_budget_expenditure")
    svg = hbar_svg([(label, 3.0), ("短", 1.0)], "#123456", max_label_width=150)
    assert svg.count("<tspan") == len(lines) + 1


def test_bars_are_proportional_and_zero_cells_are_left_blank():
    svg = hbar_svg([("甲", 10.0), ("乙", 5.0)], "#123456")
    widths = [float(w) for w in re.findall(r'class="mark"[^>]*width="([\d.]+)"', svg)]
    assert len(widths) == 2 and widths[0] == pytest.approx(2 * widths[1])
    grid = heatmap_svg(["2020"], ["1月", "2月"], {("2020", "2月"): 3.0}, "#123456")
    assert grid.count('class="mark"') == 1 and 'fill="#123456"' in grid  # the largest cell is the full colour


# ---------------------------------------------------------------- in a real browser
def _png_pixels(data: bytes) -> tuple[int, int, int, bytes]:
    """Decode an 8-bit RGB/RGBA, non-interlaced PNG (what Chromium writes) → (width, height, bpp, pixels)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, []
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and colour in (2, 6) and interlace == 0
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + length
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    out = bytearray(height * stride)
    prev = bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if f == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xFF
        elif f == 2:
            line = bytearray((np.frombuffer(line, np.uint8) + np.frombuffer(prev, np.uint8)).tobytes())
        elif f == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xFF
        elif f == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b, c = prev[i], prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        out[y * stride:(y + 1) * stride] = line
        prev = line
    return width, height, bpp, bytes(out)


def _count_colour(pixels: bytes, bpp: int, hex_colour: str) -> int:
    rgb = np.frombuffer(bytes.fromhex(hex_colour[1:]), np.uint8)
    px = np.frombuffer(pixels, np.uint8).reshape(-1, bpp)[:, :3]
    return int((px == rgb).all(axis=1).sum())


@pytest.mark.skipif(not CHROMIUM.exists(), reason="headless screenshot needs Debian's chromium at /usr/bin/chromium "
                                                   "(apt-get install -y chromium fonts-noto-cjk)")
def test_every_chart_draws_in_headless_chromium(report_html, tmp_path):
    shot = tmp_path / "report.png"
    # A narrow, tall window: every chart (they come first, each of bounded size) in one screenshot.
    cmd = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
           "--force-device-scale-factor=1", "--window-size=900,5600", f"--screenshot={shot}",
           report_html.as_uri()]
    subprocess.run(cmd, check=True, capture_output=True, timeout=60, cwd=tmp_path)
    width, height, bpp, pixels = _png_pixels(shot.read_bytes())
    assert (width, height) == (900, 5600)
    drawn = {key: _count_colour(pixels, bpp, colour) for key, colour in CHART_COLOURS.items()}
    # every chart painted marks in its own colour (a bar or cell is at least a few dozen pixels)
    assert all(n >= 40 for n in drawn.values()), drawn
    shutil.copy(shot, report_html.with_suffix(".png"))  # kept beside the HTML for a human look


# Injected into a copy of the page (the report itself has no script): every <text> of every chart must lie
# inside its SVG and, for a label, inside the box it was given (data-box), as the browser measures it.
LABEL_CHECK = """<script>
const cut = [];
for (const svg of document.querySelectorAll('figure.chart svg')) {
  const vb = svg.viewBox.baseVal;
  for (const t of svg.querySelectorAll('text')) {
    const b = t.getBBox();
    const boxes = [[vb.x, vb.y, vb.x + vb.width, vb.y + vb.height]];
    if (t.dataset.box) boxes.push(t.dataset.box.split(',').map(Number));
    for (const [x0, y0, x1, y1] of boxes)
      if (b.x < x0 - 1 || b.y < y0 - 1 || b.x + b.width > x1 + 1 || b.y + b.height > y1 + 1)
        cut.push(t.textContent + ' ' + [b.x, b.y, b.x + b.width, b.y + b.height].map(Math.round) + ' not in ' +
                 [x0, y0, x1, y1]);
  }
}
document.body.dataset.texts = document.querySelectorAll('figure.chart svg text').length;
document.body.dataset.cut = JSON.stringify(cut);
</script>"""


def _cut_labels(page: str, tmp_path: Path) -> tuple[int, list[str]]:
    import html
    import json

    probe = tmp_path / "probe.html"
    probe.write_text(page.replace("</body>", LABEL_CHECK + "</body>"), encoding="utf-8")
    dom = subprocess.run([str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", probe.as_uri()],
                         check=True, capture_output=True, timeout=60, cwd=tmp_path, text=True).stdout
    texts = re.search(r'data-texts="(\d+)"', dom)
    cut = re.search(r'data-cut="([^"]*)"', dom)
    assert texts and cut, "the check script did not run"
    return int(texts.group(1)), json.loads(html.unescape(cut.group(1)))


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")
def test_no_label_is_cut_in_headless_chromium(report_html, tmp_path):
    n, cut = _cut_labels(report_html.read_text("utf-8"), tmp_path)
    assert n > 100 and cut == []


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")
def test_the_label_check_catches_a_cut_label(tmp_path):
    # The layout bug this guards against: a fixed label column narrower than a long metric name.
    page = ('<html><body><figure class="chart"><svg xmlns="http://www.w3.org/2000/svg" width="120" height="22" '
            'viewBox="0 0 120 22" font-size="12"><text x="80" y="15" text-anchor="end" data-box="0,0,80,22">'
            'general_budget_expenditure 一般公共预算支出</text></svg></figure></body></html>')
    n, cut = _cut_labels(page, tmp_path)
    assert n == 1 and len(cut) == 2  # outside both the SVG and its box


def test_missing_package_is_a_clear_error(runner, tmp_path):
    r = runner.invoke(app, ["report", "--package", str(tmp_path), "--out", str(tmp_path / "r.html")])
    assert r.exit_code == 1 and "no package" in r.output


def test_a_package_from_before_the_targets_table_still_gets_a_report(runner, built_package, tmp_path):
    # 0.1.0 had no targets table: the report leaves out the target chart and view, and draws the rest.
    old = tmp_path / "old"
    shutil.copytree(built_package, old)
    (old / "targets.parquet").unlink()
    desc = old / "datapackage.json"
    meta = json.loads(desc.read_text("utf-8"))
    meta["resources"] = [r for r in meta["resources"] if r["name"] != "targets"]
    desc.write_text(json.dumps(meta, ensure_ascii=False), "utf-8")
    out = tmp_path / "report.html"
    r = runner.invoke(app, ["report", "--package", str(old), "--out", str(out)])
    assert r.exit_code == 0, r.output
    page = out.read_text("utf-8")
    assert f'fill="{CHART_COLOURS["metric_status"]}"' in page
    assert f'fill="{CHART_COLOURS["headline_targets"]}"' not in page
