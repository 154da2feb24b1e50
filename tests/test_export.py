"""Exports: offline HTML drawn in real Chromium, fragments, images via kaleido, atomic writes."""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest
from defense_timeline.chart.place import place
from defense_timeline.errors import BrowserNotFound, ExportError
from defense_timeline.output.alttext import cited_sources
from defense_timeline.output.images import BROWSER_MISSING, find_browser
from defense_timeline.output.render import export, export_many, format_of, render
from defense_timeline.timeline.loader import load, loads
from defense_timeline.timeline.model import SourceRef
from defense_timeline.view.frame import timeline_frame
from defense_timeline.view.options import ViewOptions

from tests.data import DEFAULT_TIMELINE, ROOT

SAMPLE = """\
title: Sample plans
description: A small timeline for the export tests.
as_of: 2017-02-19
calendar: JP
sources:
  - id: s1
    title: First report
    publisher: Example News
    date: 2017-02-19
    url: https://example.com/report?a=1&b=2
    kind: news report
  - id: s2
    title: Official plan
    publisher: Ministry
    date: 2013-12-17
    kind: official document
lanes:
  - id: plans
    label: Plans
  - id: events
    label: Events
items:
  - id: plan-a
    title: Plan A
    kind: period
    lane: plans
    status: approved
    start: FY2014
    end: FY2018
    sources: [s2]
  - id: plan-b
    title: Plan B
    kind: period
    lane: plans
    status: in force
    start: 2016-03
    sources: [s2]
  - id: review
    title: Review due
    kind: deadline
    lane: events
    status: planned
    date: 2017-06
    depends_on: [plan-a]
    sources: [s1]
"""

HOSTILE = """\
title: "<img src=x onerror=alert('title')> & <script>alert('t2')</script>"
description: "<b onmouseover=alert('d')>bold?</b>"
as_of: 2017-02-19
sources:
  - id: evil
    title: "<script>alert('source')</script>"
    publisher: "<img src=x onerror=alert('pub')>"
    date: 2017-01-01
    url: "https://example.com/?q=\\"><script>alert('url')</script>"
lanes:
  - {id: l, label: "<img src=x onerror=alert('lane')>"}
items:
  - id: x
    title: "<img src=x onerror=alert('item')>"
    kind: event
    lane: l
    status: planned
    date: 2017-01-10
    notes: "<script>alert('notes')</script>"
    sources: [evil]
"""


@pytest.fixture(scope="module")
def sample():
    return loads(SAMPLE, "sample.yaml")


# ---------------------------------------------------------------- formats and files


def test_format_comes_from_suffix_or_option():
    assert format_of("a/chart.HTML") == "html"
    assert format_of("chart.htm") == "html"
    assert [format_of(f"c.{s}") for s in ("png", "svg", "pdf", "json")] == [
        "png",
        "svg",
        "pdf",
        "json",
    ]
    assert format_of("chart.txt", "png") == "png"
    with pytest.raises(
        ExportError, match=r"chart\.txt: cannot tell the format from suffix '\.txt'"
    ):
        format_of("chart.txt")
    with pytest.raises(ExportError, match="unknown export format 'gif'"):
        format_of("chart.html", "gif")


def test_json_export_is_the_plotly_figure_with_item_ids(sample, tmp_path):
    out = export(sample, tmp_path / "fig.json")
    fig = json.loads(out.read_text())
    ids = _customdata_ids(fig["data"])
    assert {"plan-a", "plan-b", "review"} <= ids
    assert sorted(os.listdir(tmp_path)) == ["fig.json"]


def test_html_page_has_title_view_and_numbered_sources(sample, tmp_path):
    view = ViewOptions(baseline=sample.as_of.replace(year=2016))
    text = export(sample, tmp_path / "page.html", view=view).read_text()
    assert text.startswith("<!doctype html>")
    assert '<meta charset="utf-8">' in text
    assert "<title>Sample plans</title>" in text
    assert "A small timeline for the export tests." in text
    assert 'As known on <time datetime="2017-02-19">2017-02-19</time>' in text
    assert "plan baseline: as known on" in text and "2016-02-19" in text
    assert '<a href="https://example.com/report?a=1&amp;b=2" rel="noopener noreferrer">' in text
    assert text.count('<li id="source-') == 2
    assert "<script src" not in text and "<link" not in text
    assert "Content-Security-Policy" in text and "default-src 'none'" in text


def test_refuses_a_directory_and_a_missing_parent(sample, tmp_path):
    with pytest.raises(ExportError, match="is a directory"):
        export(sample, tmp_path)
    with pytest.raises(ExportError, match="no such directory"):
        export(sample, tmp_path / "nope" / "x.html")
    assert os.listdir(tmp_path) == []


def test_failed_write_leaves_the_old_file_and_no_temporary(sample, tmp_path, monkeypatch):
    out = tmp_path / "chart.html"
    out.write_bytes(b"old page\n")

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("defense_timeline.output.atomic.os.fsync", broken_fsync)
    with pytest.raises(ExportError, match="chart.html: cannot write: No space left on device"):
        export(sample, out)
    assert out.read_bytes() == b"old page\n"
    assert os.listdir(tmp_path) == ["chart.html"]


def test_failed_render_writes_none_of_several_outputs(sample, tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise ExportError("svg export failed: boom")

    monkeypatch.setattr("defense_timeline.output.images.ImageSession.start", lambda self: None)
    monkeypatch.setattr("defense_timeline.output.images.ImageSession.close", lambda self: None)
    monkeypatch.setattr("defense_timeline.output.images.ImageSession.render", broken)
    with pytest.raises(ExportError, match="boom"):
        export_many(sample, [tmp_path / "a.html", tmp_path / "b.svg"])
    assert os.listdir(tmp_path) == []


def test_new_files_get_normal_permissions_and_keep_existing_ones(sample, tmp_path):
    fresh = export(sample, tmp_path / "new.json")
    umask = os.umask(0)
    os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~umask
    kept = tmp_path / "kept.json"
    kept.write_text("{}")
    kept.chmod(0o640)
    export(sample, kept)
    assert kept.stat().st_mode & 0o777 == 0o640
    assert json.loads(kept.read_text())["data"]


def test_missing_browser_is_one_clear_error_and_writes_nothing(sample, tmp_path, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-such-chromium"))
    with pytest.raises(BrowserNotFound) as info:
        export_many(sample, [tmp_path / "a.html", tmp_path / "a.png"])
    assert str(info.value) == BROWSER_MISSING
    assert "\n" not in BROWSER_MISSING
    assert os.listdir(tmp_path) == []


def test_a_browser_that_dies_at_start_fails_fast_not_hangs(sample, tmp_path, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", shutil.which("true") or "/bin/true")
    with pytest.raises(ExportError, match=r"^image export could not start Chromium \(.*true\): "):
        export(sample, tmp_path / "a.png")
    assert os.listdir(tmp_path) == []


def test_browser_library_logs_never_reach_the_terminal(tmp_path):
    """A dead browser's leftover tasks and choreographer's logged tracebacks stay off stderr."""
    script = f"""
import logging
from defense_timeline.errors import ExportError
from defense_timeline.output.render import export
from defense_timeline.timeline.loader import loads
try:
    export(loads({SAMPLE!r}, "sample.yaml"), {str(tmp_path / "a.png")!r})
except ExportError as exc:
    print(exc)
try:
    raise ValueError("Expecting property name enclosed in double quotes")
except ValueError:
    logging.getLogger("choreographer.channels.pipe").exception("JSONError decoding message")
"""
    env = {**os.environ, "BROWSER_PATH": shutil.which("true") or "/bin/true"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env)
    assert done.stdout.startswith("image export could not start Chromium")
    assert done.stderr == ""


@pytest.fixture()
def chromium_starts(monkeypatch) -> list:
    """Every ImageSession.start, recorded and refused: a refused export must make none."""
    started = []

    def start(self):
        started.append(self)
        raise AssertionError("Chromium started")

    monkeypatch.setattr("defense_timeline.output.images.ImageSession.start", start)
    return started


@pytest.mark.parametrize(
    ("names", "options", "message"),
    [
        (["a.png"], {"fragment": True}, "a fragment is HTML; it cannot be written as png"),
        (["a.png", "b.html"], {"plotly_js": "javascript:x"}, "plotly_js must be"),
        (["a.png", "b.gif"], {}, "cannot tell the format from suffix '.gif'"),
        (["a.png"], {"fmt": "gif"}, "unknown export format 'gif'"),
        (["a.png", "missing/b.svg"], {}, "no such directory"),
        (["a.png", "."], {}, "is a directory"),
        (["a.png", ("b.png", ViewOptions(height=200))], {}, "a height of 200 px leaves no room"),
    ],
    ids=["fragment png", "plotly_js", "suffix", "format", "no folder", "a folder", "short image"],
)
def test_refusals_come_before_chromium_starts(
    sample, tmp_path, chromium_starts, names, options, message
):
    outputs = [(tmp_path / n[0], n[1]) if isinstance(n, tuple) else tmp_path / n for n in names]
    with pytest.raises(ExportError, match=re.escape(message)):
        export_many(sample, outputs, **options)
    assert chromium_starts == []
    assert os.listdir(tmp_path) == []


def test_an_unwritable_folder_is_refused_before_chromium_starts(
    sample, tmp_path, chromium_starts, monkeypatch
):
    locked = tmp_path / "locked"
    locked.mkdir()
    real_access = os.access
    monkeypatch.setattr(
        "defense_timeline.output.atomic.os.access",
        lambda path, mode: Path(path) != locked and real_access(path, mode),
    )
    with pytest.raises(ExportError, match="b.svg: cannot write: Permission denied"):
        export_many(sample, [tmp_path / "a.png", locked / "b.svg"])
    assert chromium_starts == []
    assert os.listdir(tmp_path) == ["locked"] and os.listdir(locked) == []


def test_render_refuses_a_short_image_before_chromium_starts(sample, chromium_starts):
    with pytest.raises(ExportError, match="a height of 200 px leaves no room"):
        render(sample, "png", view=ViewOptions(height=200))
    with pytest.raises(ExportError, match="unknown export format 'gif'"):
        render(sample, "gif")
    assert chromium_starts == []


def test_an_export_that_needs_chromium_starts_it_once(sample, tmp_path, chromium_starts):
    """The recording above sees a real start: the refusal tests do prove the order."""
    with pytest.raises(AssertionError, match="Chromium started"):
        export_many(sample, [tmp_path / "a.png", tmp_path / "a.svg", tmp_path / "a.html"])
    assert len(chromium_starts) == 1
    assert os.listdir(tmp_path) == []


def test_a_test_not_marked_browser_finds_no_chromium():
    """The conftest guard: unmarked tests cannot start Chromium, even where it is installed."""
    with pytest.raises(BrowserNotFound):
        find_browser()


def test_import_is_light_and_exposes_load_build_figure_export():
    probe = (
        "import sys, defense_timeline\n"
        "heavy = [m for m in ('pandas', 'plotly', 'click', 'dash') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
        "from defense_timeline import load, build_figure, export, export_many\n"
        "import defense_timeline.output.render\n"
        "from defense_timeline import export as again\n"
        "assert export is again is defense_timeline.output.render.export\n"
        "assert all(map(callable, (load, build_figure, export, export_many)))\n"
        "print('ok')\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert out.stdout == "ok\n"


# ---------------------------------------------------------------- in Chromium


def _customdata_ids(traces) -> set[str]:
    """Every item id carried in customdata (plain values or the first of a list)."""
    ids = set()
    for trace in traces:
        for value in trace.get("customdata") or ():
            ids.add(value[0] if isinstance(value, list) else value)
    return ids


def _open_offline(page, path: Path) -> list[str]:
    """Open a file with every non-local request aborted; returns what was blocked or dialogs."""
    blocked: list[str] = []

    def route(r):
        url = r.request.url
        if url.startswith(("file://", "data:", "blob:")):
            r.continue_()
        else:
            blocked.append(url)
            r.abort()

    def dialog(d):
        blocked.append(f"dialog: {d.message}")
        d.dismiss()

    page.route("**/*", route)
    page.on("dialog", dialog)
    page.goto(path.as_uri())
    page.wait_for_selector(".js-plotly-plot .main-svg")
    page.wait_for_load_state("networkidle")  # anything the page would fetch has been tried
    return blocked


DRAWN_IDS = """(gd) => {
  // Hover bars carry the ids of spans, markers their own (chart.parts, chart.points): a stroke
  // of a drawn bar or date-window path is the item's whose hover bar it lies in, on its row; a
  // drawn marker is its point's item.
  const targets = [];
  gd.calcdata.forEach(cd => {
    const t = cd[0] && cd[0].trace;
    if (!t || t.type !== 'bar' || !t.customdata) return;
    cd.forEach((d, i) => {
      const id = Array.isArray(t.customdata[i]) ? t.customdata[i][0] : t.customdata[i];
      targets.push([id, Math.min(d.s0, d.s1), Math.max(d.s0, d.s1), d.p]);
    });
  });
  const owner = (x, y) => {
    const hit = targets.find(([, a, b, ty]) => Math.abs(ty - y) <= 0.5 && a - 2e5 <= x &&
      x <= b + 2e5);
    return hit ? hit[0] : null;
  };
  const ids = new Set(), shapes = gd._fullLayout.shapes;
  for (const p of gd.querySelectorAll('.shapelayer path[data-index]')) {
    const s = shapes[Number(p.dataset.index)];
    if (!s || !['bars', 'date windows'].includes(s.name) || !p.getAttribute('d')) continue;
    for (const [, a, y, b] of s.path.matchAll(/M([^,]+),([^H]+)H([^MZ]+)/g)) {
      const id = owner((Number(a) + Number(b)) / 2, Number(y));
      if (id) ids.add(id);
    }
  }
  for (const g of gd.querySelectorAll('.scatterlayer .trace')) {
    const t = g.__data__ && g.__data__[0] && g.__data__[0].trace;
    if (!t || !t.customdata || t.mode !== 'markers') continue;
    for (const point of g.querySelectorAll('.point')) {
      const c = t.customdata[point.__data__.i];
      ids.add(Array.isArray(c) ? c[0] : c);
    }
  }
  return [...ids];
}"""


def drawn_ids(page, nth: int = 0) -> set[str]:
    """Ids of the items whose trace Chromium actually drew (a line path or marks)."""
    return set(page.locator(".js-plotly-plot").nth(nth).evaluate(DRAWN_IDS))


@pytest.mark.browser
def test_offline_page_of_the_default_timeline_draws_every_item(page, tmp_path):
    timeline = load(DEFAULT_TIMELINE)
    out = export(timeline, tmp_path / "japan.html")
    blocked = _open_offline(page, out)
    assert blocked == []
    assert page.console_errors == []
    ids = set(timeline_frame(timeline)["id"])
    assert len(ids) >= 10 and ids <= drawn_ids(page)
    cited = cited_sources(place(timeline, ViewOptions()).df)  # as of the view date
    assert 0 < page.locator(".sources li").count() == len(cited) < len(timeline.sources)
    assert page.title() == timeline.title
    page.screenshot(path=str(tmp_path / "page.png"), full_page=True)


@pytest.mark.browser
def test_hostile_text_stays_text_in_the_page(page, tmp_path):
    timeline = loads(HOSTILE, "hostile.yaml")
    src = timeline.sources["evil"]
    x = timeline.items[0]  # cites both: the page lists the sources of the items shown
    states = tuple(replace(s, sources=(*s.sources, SourceRef("js"))) for s in x.states)
    timeline = replace(
        timeline,
        sources={"evil": src, "js": replace(src, id="js", url="javascript:alert('js')")},
        items=(replace(x, states=states),),
    )
    out = export(timeline, tmp_path / "hostile.html")
    seen = _open_offline(page, out)
    box = page.locator(".js-plotly-plot .point").first.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_selector(".hoverlayer .hovertext")
    assert "<img src=x onerror=alert('item')>" in page.text_content(".hoverlayer")
    assert page.locator(".js-plotly-plot img, .js-plotly-plot script").count() == 0
    assert seen == []
    assert page.console_errors == []
    assert page.title() == timeline.title
    assert page.inner_text("h1") == timeline.title
    assert page.inner_text(".description") == timeline.description
    assert page.locator("header img, header b, .sources img, .sources script").count() == 0
    assert page.locator(".sources a").count() == 1
    assert page.get_attribute(".sources a", "href") == src.url
    assert page.locator(".sources cite").first.inner_text() == src.title
    assert "javascript:alert('js')" in page.inner_text(".sources")


@pytest.mark.browser
def test_two_fragments_share_one_plotly_js_on_a_page(sample, page, tmp_path):
    import plotly

    shutil.copy(Path(plotly.__file__).parent / "package_data" / "plotly.min.js", tmp_path)
    first = export(sample, tmp_path / "one.html", fragment=True, plotly_js="none").read_text()
    view = ViewOptions(as_of=sample.as_of.replace(year=2018))
    second = export(sample, tmp_path / "two.html", view=view, fragment=True, plotly_js="none")
    second = second.read_text()
    assert "<script" in first and "Plotly.react" in first and len(first) < 200_000
    host = tmp_path / "report.html"
    host.write_text(
        '<!doctype html><meta charset="utf-8"><title>report</title>'
        '<script src="plotly.min.js"></script>'
        f"<h1>Report</h1>{first}<p>Between the charts.</p>{second}"
    )
    assert _open_offline(page, host) == []
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length >= 2")
    assert page.console_errors == []
    plots = page.locator(".js-plotly-plot")
    assert plots.count() == 2
    assert plots.nth(0).get_attribute("id") != plots.nth(1).get_attribute("id")
    assert drawn_ids(page, 0) == {"plan-a", "plan-b", "review"}
    assert drawn_ids(page, 1) == {"plan-a", "plan-b", "review"}


def test_fragment_plotly_js_inline_none_or_one_script_src(sample, tmp_path):
    inline = export(sample, tmp_path / "i.html", fragment=True).read_text()
    none = export(sample, tmp_path / "n.html", fragment=True, plotly_js="none").read_text()
    url = export(sample, tmp_path / "u.html", fragment=True, plotly_js="js/plotly.min.js")
    url = url.read_text()
    assert len(inline) > 1_000_000 > len(none)
    # V8 compiles plotly.js as it loads (output.fitted.COMPILE_HINT): a comment opening it
    assert inline.count("allFunctionsCalledOnLoad") == 1
    assert "<script>//# allFunctionsCalledOnLoad\n/**\n* plotly.js v4." in inline
    assert "allFunctionsCalledOnLoad" not in none + url
    assert all("window.shapeLayers = {hook: hook}" in page for page in (inline, none, url))
    assert "<script src=" not in none and 'src="js/plotly.min.js"' not in none
    assert url.count('<script charset="utf-8" src="js/plotly.min.js"></script>') == 1
    assert not url.lstrip().startswith("<!doctype") and "<html" not in url
    with pytest.raises(ExportError, match="fragment is HTML"):
        export(sample, tmp_path / "f.png", fragment=True)
    cdn = export(sample, tmp_path / "c.html", fragment=True, plotly_js="https://cdn.x/p.js")
    assert 'src="https://cdn.x/p.js"' in cdn.read_text()


@pytest.mark.parametrize("bad", ["javascript:alert(1)", " JavaScript:x", "data:text/js,1", ""])
def test_fragment_loads_plotly_js_only_over_http_or_a_relative_path(sample, tmp_path, bad):
    with pytest.raises(ExportError, match="http\\(s\\) or relative URL"):
        export(sample, tmp_path / "f.html", fragment=True, plotly_js=bad)
    assert not (tmp_path / "f.html").exists()


# ---------------------------------------------------------------- images (kaleido)


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@pytest.mark.browser
def test_png_svg_pdf_of_the_requested_size_with_one_browser(sample, tmp_path, monkeypatch):
    import kaleido

    opened = []
    real_open = kaleido.Kaleido.open

    async def counting_open(self):
        opened.append(self)
        return await real_open(self)

    monkeypatch.setattr(kaleido.Kaleido, "open", counting_open)
    view = ViewOptions(width=900, height=500)
    outs = export_many(
        sample, [tmp_path / "c.png", tmp_path / "c.svg", tmp_path / "c.pdf"], view=view
    )
    assert len(opened) == 1
    assert _png_size(outs[0].read_bytes()) == (900, 500)
    root = ET.fromstring(outs[1].read_bytes())
    assert root.tag.endswith("svg")
    assert (float(root.get("width")), float(root.get("height"))) == (900, 500)
    assert "Plan A" in outs[1].read_text()
    pdf = outs[2].read_bytes()
    assert pdf.startswith(b"%PDF-") and b"%%EOF" in pdf[-64:]
    assert sorted(os.listdir(tmp_path)) == ["c.pdf", "c.png", "c.svg"]


@pytest.mark.browser
def test_png_and_svg_of_a_large_chart_keep_its_bars_as_vector_paths(tmp_path):
    from tests.timeline_builder import item, timeline

    items = [
        item(f"p{i}", start=f"{1990 + i % 20}-01-01", end=f"{2010 + i % 7}-12-31")
        for i in range(10_000)
    ]
    big = timeline(items, lanes=("a",), as_of="2030-01-01")
    assert place(big, ViewOptions()).geo.row_px < 0.5  # rows thinner than a bar: lod.py
    view = ViewOptions(width=900, height=700)
    png, svg = export_many(big, [tmp_path / "big.png", tmp_path / "big.svg"], view=view)
    assert _png_size(png.read_bytes()) == (900, 700)
    text = svg.read_text()
    root = ET.fromstring(text)
    assert (float(root.get("width")), float(root.get("height"))) == (900, 700)
    assert "<image" not in text  # no bitmap inside the vector image
    strokes = max(len(re.findall(r"[Mm]", d)) for d in re.findall(r' d="([^"]+)"', text))
    assert strokes > 1000  # the bars' one path of many strokes
