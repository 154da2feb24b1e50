"""The dashboard opens CSV, XLSX and TimelineJS files like a YAML file: converted on upload,
their problems shown at their cells; and (browser) a CSV dropped on the real page is drawn."""

from __future__ import annotations

import base64
import json

import pytest
from defense_timeline.dashboard import timeline_picker
from defense_timeline.dashboard.served import resolve

from tests.dashboard_support import GOOD, texts
from tests.import_support import xlsx_bytes
from tests.server import BackgroundServer

CSV = "Title,Start,End,Group,Link\nTreaty,2017-02-03,,Diplomacy,https://example.org/t\n"


def data_url(raw: bytes) -> str:
    return "data:application/octet-stream;base64," + base64.b64encode(raw).decode()


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("plans.csv", CSV.encode()),
        ("plans.xlsx", xlsx_bytes({"Plans": [["Title", "Start"], ["Treaty", 2017]]})),
        (
            "events.json",
            json.dumps(
                {"events": [{"start_date": {"year": 2017}, "text": {"headline": "Treaty"}}]}
            ).encode(),
        ),
    ],
)
def test_an_uploaded_spreadsheet_or_timelinejs_file_opens(served, name, raw):
    store, message, options, key = timeline_picker.receive_upload(served, data_url(raw), name, None)
    assert f"Opened {name}" in texts(message)
    loaded = resolve(served, key, store)
    assert [item.id for item in loaded.timeline.items] == ["treaty"]
    assert loaded.timeline.title == name.split(".")[0]
    assert options[-1]["label"] == f"{name.split('.')[0]} — {name} (uploaded)"


def test_an_uploaded_csv_with_errors_shows_its_cells(served):
    bad = CSV.replace("2017-02-03", "2017-H3")
    store, message, _options, key = timeline_picker.receive_upload(
        served, data_url(bad.encode()), "plans.csv", None
    )
    assert store is timeline_picker.no_update and key is timeline_picker.no_update
    assert 'plans.csv:B2: "2017-H3" is not a date' in texts(message)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("served")
    (folder / "small.yaml").write_text(GOOD, encoding="utf-8")
    with BackgroundServer([folder]) as server:
        yield server


@pytest.mark.browser
def test_a_csv_dropped_on_the_page_is_drawn(page, site):
    page.goto(site.url + "/")
    page.wait_for_selector("#gantt .js-plotly-plot .main-svg")
    assert ".csv" in page.get_attribute("#upload input[type=file]", "accept")
    page.set_input_files(
        "#upload input[type=file]",
        files=[{"name": "plans.csv", "mimeType": "text/csv", "buffer": CSV.encode()}],
    )
    page.wait_for_function("document.querySelector('#timeline-title').textContent === 'plans'")
    assert "Opened plans.csv" in page.inner_text("#upload-errors")
    page.wait_for_function(
        """() => {
          const gd = document.querySelector('#gantt .js-plotly-plot');
          const treaty = c => (Array.isArray(c) ? c[0] : c) === 'treaty';
          return gd && gd.data.some(t => (t.customdata || []).some(treaty));
        }"""
    )
    assert page.console_errors == []
