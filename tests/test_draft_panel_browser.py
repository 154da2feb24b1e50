"""The dashboard's "Draft from an article" panel in real headless Chromium: paste or upload an
article, draft it, see the chart and the highlighted sentences, remove an item, download it."""

from __future__ import annotations

import shutil

import pytest
from defense_timeline.dashboard.draft_panel import NO_DATE_HINT
from defense_timeline.timeline.loader import loads

from tests.data import DEFAULT_TIMELINE, ROOT
from tests.server import BackgroundServer

pytestmark = pytest.mark.browser

SOURCE = ROOT / "benchmarks" / "draft_eval" / "source_article_2017-02-19.txt"
DRAWN = """() => {
  const gd = document.querySelector('#draft-graph .js-plotly-plot');
  if (!gd || !gd.data) return [];
  const ids = new Set();
  for (const t of gd.data) if (t.customdata)
    for (const c of t.customdata) if (c) ids.add(Array.isArray(c) ? c[0] : c);
  return [...ids].sort();
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("served")
    shutil.copy(DEFAULT_TIMELINE, folder / DEFAULT_TIMELINE.name)
    with BackgroundServer([folder]) as server:
        yield server


@pytest.fixture()
def ui(page, site):
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.goto(site.url + "/")
    page.wait_for_selector("#draft-text")
    page.locator("#draft-text").scroll_into_view_if_needed()
    yield page
    assert page.dialogs == [], f"a dialog opened: {page.dialogs}"
    assert page.console_errors == []


def _draft(page, text: str, published: str = "") -> None:
    page.fill("#draft-text", text)
    if published:
        page.fill("#draft-published", published)
        page.keyboard.press("Enter")
    page.click("#draft-run")


def test_draft_the_source_article_chart_highlights_remove_and_download(ui, tmp_path):
    _draft(ui, SOURCE.read_text(encoding="utf-8"))
    ui.wait_for_function(
        "document.querySelector('#draft-message').textContent === "
        "'13 items drafted, published 2017-02-19, calendar JP.'"
    )
    ui.wait_for_function(f"({DRAWN})().length === 13")
    marks = ui.locator("#draft-article mark.draft-hl")
    assert marks.count() == 7  # the seven sentences that hold a dated statement
    assert marks.first.inner_text().startswith("The plan comes after Prime Minister Shinzo Abe")
    assert ui.locator("#draft-keep input[type=checkbox]:checked").count() == 13

    formed = ui.locator("#draft-keep label", has_text="will be formed")
    formed.locator("input").uncheck()
    ui.wait_for_function(f"({DRAWN})().length === 12")
    ui.wait_for_function("document.querySelectorAll('#draft-article mark.draft-hl').length === 6")
    assert "will be formed next year" not in " ".join(marks.all_inner_texts())

    with ui.expect_download() as info:
        ui.click("#draft-download-button")
    saved = tmp_path / "draft.yaml"
    info.value.save_as(saved)
    assert info.value.suggested_filename == "draft.yaml"
    timeline = loads(saved.read_text(encoding="utf-8"), "draft.yaml")
    assert len(timeline.items) == 12
    assert not any("formed" in it.base.title for it in timeline.items)
    ui.screenshot(path=str(tmp_path / "panel.png"), full_page=True)


def test_hostile_text_stays_text_and_a_missing_date_is_explained(ui):
    hostile = "The <img src=x onerror=alert(1)> plan <b>was</b> approved in 2013."
    _draft(ui, hostile)
    ui.wait_for_function(
        f"document.querySelector('#draft-message').textContent === {NO_DATE_HINT!r}"
    )
    _draft(ui, hostile, published="2017-02-19")
    ui.wait_for_function("document.querySelectorAll('#draft-article mark.draft-hl').length === 1")
    mark = ui.locator("#draft-article mark.draft-hl")
    assert mark.inner_text() == hostile
    assert ui.locator("#draft-article img, #draft-article b").count() == 0
    label = ui.locator("#draft-keep label").first.inner_text()
    assert label.startswith("The <img src=x onerror=alert(1)> plan <b>was</b> approved")


def test_upload_a_file_fills_the_text(ui, tmp_path):
    article = tmp_path / "dsr.md"
    shutil.copy(ROOT / "benchmarks" / "draft_eval" / "au_dsr_2023.md", article)
    ui.set_input_files("#draft-upload input[type=file]", str(article))
    ui.wait_for_function("document.querySelector('#draft-text').value.includes('Houston')")
    ui.click("#draft-run")
    ui.wait_for_function(
        "document.querySelector('#draft-message').textContent === "
        "'4 items drafted, published 2023-04-24, calendar AU.'"
    )
    ui.wait_for_function(f"({DRAWN})().length === 4")
    labels = ui.locator("#draft-keep label").all_inner_texts()
    assert labels[2].endswith("(event, 2023-02-14)")
    assert labels[3].endswith("(deadline, 2024)")
