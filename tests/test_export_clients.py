"""The TimelineJS and Mermaid exports opened in the real client libraries (installed from the npm
registry by `make test`, served from localhost, never a CDN) in headless Chromium."""

from __future__ import annotations

import pytest
from defense_timeline.output.markdown import markdown
from defense_timeline.output.mermaid import gantt
from defense_timeline.output.render import render
from defense_timeline.timeline.loader import load
from defense_timeline.view.frame import timeline_frame
from defense_timeline.view.options import ViewOptions

from tests.clients import MERMAID, TIMELINEJS
from tests.data import DEFAULT_TIMELINE
from tests.export_samples import FORMULA, MERMAID_HOSTILE, sample

pytestmark = pytest.mark.browser

TIMELINEJS_PAGE = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<link rel="icon" href="data:,"><title>TimelineJS export</title>
<link rel="stylesheet" href="{TIMELINEJS}/css/timeline.css">
<script src="{TIMELINEJS}/js/timeline.js"></script>
</head><body>
<div id="timeline-embed" style="width: 1200px; height: 700px"></div>
<script>
fetch("data.json").then(r => r.json()).then(data => {{
  window.tl = new TL.Timeline("timeline-embed", data, {{
    script_path: location.origin + "{TIMELINEJS}/js/",
  }});
}});
</script>
</body></html>
"""

MERMAID_PAGE = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<link rel="icon" href="data:,"><title>Mermaid export</title>
<script src="{MERMAID}"></script>
</head><body><div id="out"></div>
<script>
mermaid.initialize({{startOnLoad: false, securityLevel: "strict"}});
window.draw = async (text) => {{
  await mermaid.parse(text);
  const {{svg}} = await mermaid.render("g", text);
  document.getElementById("out").innerHTML = svg;
  return svg;
}};
</script>
</body></html>
"""

# A media URL that cannot load offline is the only console error TimelineJS may report.
MEDIA_MISS = ("Failed to load resource", "net::ERR_")


def open_timelinejs(page, site, data: bytes) -> None:
    """Serve the export with the TimelineJS page and wait for its slides."""
    (site.folder / "data.json").write_bytes(data)
    (site.folder / "index.html").write_text(TIMELINEJS_PAGE, encoding="utf-8")
    page.goto(site.url + "/index.html")
    page.wait_for_selector(".tl-slide .tl-headline", state="attached", timeout=30_000)


@pytest.mark.parametrize("which", ["sample", "default"])
def test_timelinejs_shows_a_slide_per_item(page, static_site, which):
    timeline = sample() if which == "sample" else load(DEFAULT_TIMELINE)
    open_timelinejs(page, static_site, render(timeline, "timelinejs"))
    df = timeline_frame(timeline)
    slides = page.locator(".tl-slide")
    assert slides.count() == len(df) + 1  # the title slide, then one per item
    headlines = page.eval_on_selector_all(
        ".tl-slide .tl-headline",
        "els => els.map(e => e.textContent.trim().split(/\\s+/).join(' '))",
    )
    assert headlines[0] == timeline.title
    assert sorted(headlines[1:]) == sorted(" ".join(t.split()) for t in df["title"])
    markers = page.locator(".tl-timemarker")
    assert markers.count() == len(df)
    assert page.evaluate("window.__pwned") is None
    errors = [e for e in page.console_errors if not any(m in e for m in MEDIA_MISS)]
    assert errors == []


def test_timelinejs_shows_file_text_as_text(page, static_site):
    open_timelinejs(page, static_site, render(sample(), "timelinejs"))
    texts = page.eval_on_selector_all(
        ".tl-slide .tl-text-content", "els => els.map(e => e.textContent)"
    )
    assert any(f"“{FORMULA}” — " in t for t in texts)
    assert any("<b>x</b> | pipe" in t for t in texts)
    assert page.locator(".tl-slide script, .tl-slide img[src='x'], .tl-slide b").count() == 0
    groups = page.eval_on_selector_all(
        ".tl-timegroup-message", "els => els.map(e => e.textContent)"
    )
    assert "Plans | a: b; #c" in groups
    assert page.evaluate("window.__pwned") is None


def draw_mermaid(page, site, text: str) -> None:
    """Render a gantt block with the real Mermaid library."""
    (site.folder / "index.html").write_text(MERMAID_PAGE, encoding="utf-8")
    page.goto(site.url + "/index.html")
    page.wait_for_function("() => Boolean(window.mermaid && window.draw)")
    page.evaluate("text => window.draw(text)", text)


def svg_texts(page) -> list[str]:
    """Every text Mermaid drew."""
    return page.eval_on_selector_all("#out svg text", "els => els.map(e => e.textContent.trim())")


@pytest.mark.parametrize("which", ["sample", "default"])
def test_mermaid_draws_a_task_per_item_without_error(page, static_site, which):
    timeline = sample() if which == "sample" else load(DEFAULT_TIMELINE)
    draw_mermaid(page, static_site, gantt(timeline, ViewOptions()))
    df = timeline_frame(timeline)
    ids = page.eval_on_selector_all("#out svg rect[id^='g-i_']", "els => els.map(e => e.id)")
    items = [i for i in ids if i != "g-i_view_date"]
    assert len(items) == len(df) == len(set(items))
    milestones = page.locator("#out svg rect.milestone").count()
    assert milestones == int((df["kind"] != "period").sum())
    assert page.locator("#out svg rect.vert").count() == 1  # the view date
    texts = svg_texts(page)
    for title in df["title"]:
        assert any(t.startswith(" ".join(title.split())) for t in texts), title
    assert not any("Syntax error" in t for t in texts)
    assert page.console_errors == []


def test_mermaid_shows_hostile_text_as_text(page, static_site):
    draw_mermaid(page, static_site, gantt(sample(), ViewOptions()))
    texts = svg_texts(page)
    assert MERMAID_HOSTILE in texts  # the directive and the markup are words on the chart
    assert "section Evil" in texts  # not a section
    assert "Plans | a: b; #c" in texts  # the lane's section title
    assert "Hostile <b>x</b> a: b; #c %%{init}%% | pipe" in texts
    assert page.locator("#out svg img, #out svg script").count() == 0
    assert page.evaluate("window.__pwned") is None


def test_markdown_reports_block_renders(page, static_site):
    report = markdown(sample(), ViewOptions())
    block = report.split("```mermaid\n", 1)[1].split("```", 1)[0]
    draw_mermaid(page, static_site, block)
    assert page.locator("#out svg rect[id^='g-i_']").count() == len(timeline_frame(sample())) + 1
