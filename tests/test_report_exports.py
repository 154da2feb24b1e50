"""Exports say what they show: the filters, only the sources of the items shown, a text
alternative; PDFs name the timeline and come on A4, Letter or a 16:9 slide page."""

from __future__ import annotations

import io
import re
import struct
from html.parser import HTMLParser

import pytest
from defense_timeline import load
from defense_timeline.chart.figure import build_figure
from defense_timeline.output.render import export_many, render
from defense_timeline.timeline.loader import loads
from defense_timeline.view.options import PAGE_PT, Filters, ViewOptions

from tests.data import ROOT
from tests.test_export import HOSTILE, SAMPLE

PROGRAMS = ROOT / "timeline_data" / "japan_defense_programs.yaml"


@pytest.fixture(scope="module")
def sample():
    return loads(SAMPLE, "sample.yaml")


class _Text(HTMLParser):
    """The text of an HTML document by the element it is in (by class or tag)."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.found: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        cls = dict(attrs).get("class") or ""
        self.stack.append(cls.split()[0] if cls else tag)

    def handle_endtag(self, tag):
        if self.stack:
            self.stack.pop()

    def handle_data(self, data):
        for where in set(self.stack):
            self.found.setdefault(where, []).append(data)

    def text(self, where: str) -> str:
        return "".join(self.found.get(where, []))


def _parsed(html: str) -> _Text:
    parser = _Text()
    parser.feed(html)
    return parser


def test_filtered_chart_states_its_filters_in_the_title(sample):
    view = ViewOptions(filters=Filters(lanes=("plans",), kinds=("period",)), width=1200)
    title = build_figure(sample, view).layout.title.text
    assert "showing only lanes: plans; kinds: period" in title
    assert "showing only" not in build_figure(sample, ViewOptions(width=1200)).layout.title.text


def test_html_page_states_filters_and_lists_only_the_sources_of_the_items_shown(sample):
    view = ViewOptions(filters=Filters(lanes=("events",)))
    page = _parsed(render(sample, "html", view=view).decode())
    assert "showing only lanes: events" in page.text("meta")
    assert "First report" in page.text("sources")  # cited by the review, in the events lane
    assert "Official plan" not in page.text("sources")  # cited only by the plans
    everything = _parsed(render(sample, "html").decode())
    assert "First report" in everything.text("sources")
    assert "Official plan" in everything.text("sources")


def test_bundled_page_filtered_to_two_lanes_lists_fewer_sources():
    timeline = load(PROGRAMS)
    view = ViewOptions(filters=Filters(lanes=("strategy",)))
    html = render(timeline, "html", view=view).decode()
    listed = set(re.findall(r'<li id="source-([^"]+)"', html))
    assert 0 < len(listed) < len(timeline.sources)
    cited = {
        ref.id
        for item in timeline.items
        if item.lane == "strategy"
        for state in item.states
        for ref in state.sources
    }
    assert listed <= cited


def test_html_has_a_summary_sentence_and_the_items_table(sample):
    for fragment in (False, True):
        html = render(sample, "html", fragment=fragment).decode()
        page = _parsed(html)
        summary = page.text("summary")
        assert summary.startswith("Sample plans, as known on 2017-02-19: 3 items (2 periods, ")
        assert "in 2 lanes (Plans; Events)" in summary
        rows = re.findall(r'<tr><th scope="row">([^<]*)</th>', html)
        assert rows == ["Plan A", "Plan B", "Review due"]
        assert "FY2014 – FY2018" in page.text("tbody") and "Official plan" in page.text("tbody")
        assert re.search(r'aria-describedby="([^"]+)-summary"', html)


def test_text_alternative_escapes_file_text():
    html = render(loads(HOSTILE, "hostile.yaml"), "html").decode()
    table = html[html.index("<table>") : html.index("</table>")]
    assert "<img" not in table and "&lt;img src=x onerror=alert('item')&gt;" in table
    summary = html[html.index('class="summary"') :].split("</p>")[0]
    assert "<script" not in summary and "&lt;script&gt;" in summary


def _pdf(data: bytes):
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(data))


@pytest.mark.browser
def test_pdf_names_the_timeline_and_fills_an_a4_or_letter_landscape_page(sample, tmp_path):
    outs = export_many(
        sample,
        [
            (tmp_path / "a4.pdf", ViewOptions(page="a4")),
            (tmp_path / "letter.pdf", ViewOptions(page="letter")),
            (tmp_path / "free.pdf", ViewOptions(width=900, height=500)),
            (tmp_path / "slide.png", ViewOptions(page="slide")),
        ],
    )
    for path, page in zip(outs[:2], ("a4", "letter"), strict=True):
        pdf = _pdf(path.read_bytes())
        assert pdf.metadata.title == "Sample plans"
        assert "Kaleido" not in str(pdf.metadata)
        assert len(pdf.pages) == 1
        box = pdf.pages[0].mediabox
        assert (float(box.width), float(box.height)) == pytest.approx(PAGE_PT[page], abs=0.01)
    assert PAGE_PT["a4"] == pytest.approx((841.89, 595.28)) and PAGE_PT["letter"] == (792, 612)
    free = _pdf(outs[2].read_bytes())
    assert free.metadata.title == "Sample plans"
    assert float(free.pages[0].mediabox.width) == pytest.approx(900 * 0.75, abs=1)
    png = outs[3].read_bytes()
    assert struct.unpack(">II", png[16:24]) == (1920, 1080)  # 16:9 for slides
