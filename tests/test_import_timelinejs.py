"""Import of Knight Lab's TimelineJS: its JSON and its Google-Sheets template (as CSV and XLSX),
with the title slide, groups, eras, display dates and HTML text reduced to plain text."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from defense_timeline.errors import InvalidTimeline
from defense_timeline.timeline.dates import calendar_from
from defense_timeline.timeline.imports import ImportOptions, convert
from defense_timeline.timeline.imports.plaintext import plain_text

from tests.import_support import D, spans, xlsx_bytes

AS_OF = date(2017, 2, 19)
OPTIONS = ImportOptions(calendar=calendar_from("JP"), as_of=AS_OF)

EVENTS = {
    "title": {
        "text": {
            "headline": "Japan&rsquo;s <i>defence</i> plans",
            "text": "<p>As reported on 19 February 2017.</p>",
        }
    },
    "events": [
        {
            "start_date": {"year": "2013", "month": "12", "day": "17"},
            "end_date": {"year": 2018},
            "text": {"headline": "Guidelines", "text": "<p>Ten years, <b>cut short</b>.</p>"},
            "group": "Guidelines",
            "media": {"url": "https://example.org/ndpg", "credit": "Ministry of Defense"},
            "unique_id": "ndpg-2013",
        },
        {
            "start_date": {"year": 2018, "month": 7},
            "display_date": "2018-H2?",
            "text": {"headline": "Next guidelines <script>alert(1)</script>"},
            "group": "Guidelines",
        },
        {
            "start_date": {"year": 2016, "month": 8},
            "text": {
                "text": "<p>A slide with no headline takes its text's first line.</p><p>x</p>"
            },
        },
        {
            "start_date": {"year": 2017},
            "text": {"headline": "LDP proposal", "text": "Due &amp; <a href='#'>discussed</a>"},
            "group": "LDP",
            "display_date": "Spring 2017",
            "media": {"url": "https://example.org/ldp", "credit": "Kyodo, 2017-02-18"},
        },
    ],
    "eras": [
        {
            "start_date": {"year": 2012, "month": 12, "day": 26},
            "end_date": {"year": 2020, "month": 9, "day": 16},
            "text": {"headline": "Second Abe cabinet"},
        }
    ],
}


def test_timelinejs_json_keeps_every_slide_and_its_interval():
    imported = convert(json.dumps(EVENTS).encode(), "events.json", options=OPTIONS)
    timeline = imported.timeline
    assert timeline.title == "Japan’s defence plans"
    assert timeline.description == "As reported on 19 February 2017."
    assert spans(timeline) == {
        "ndpg-2013": ("period", "guidelines", D(2013, 12, 17), D(2018, 12, 31)),
        "next-guidelines": ("event", "guidelines", D(2018, 7, 1), D(2018, 12, 31)),
        "a-slide-with-no-headline-takes-its-text-s-first": (
            "event",
            "items",
            D(2016, 8, 1),
            D(2016, 8, 31),
        ),
        "ldp-proposal": ("event", "ldp", D(2017, 1, 1), D(2017, 12, 31)),
        "second-abe-cabinet": ("period", "eras", D(2012, 12, 26), D(2020, 9, 16)),
    }
    assert [lane.label for lane in timeline.lanes] == ["Guidelines", "Items", "LDP", "Eras"]
    ndpg = timeline.item("ndpg-2013").base
    assert ndpg.notes == "Ten years, cut short."
    assert timeline.sources[ndpg.sources[0].id].title == "Ministry of Defense"
    assert timeline.sources[ndpg.sources[0].id].url == "https://example.org/ndpg"
    # the display date is the date as written when it agrees with the date object
    assert timeline.item("next-guidelines").base.start.text == "2018-H2?"
    assert timeline.item("next-guidelines").base.title == "Next guidelines"
    untitled = timeline.item("a-slide-with-no-headline-takes-its-text-s-first").base
    assert untitled.title == "A slide with no headline takes its text's first line."
    ldp = timeline.item("ldp-proposal").base
    assert ldp.notes == "Due & discussed\n\nDate as shown: Spring 2017"
    # a credit ending in a day dates its source; the display date never does
    source = timeline.sources[ldp.sources[0].id]
    assert (source.title, source.date.text) == ("Kyodo", "2017-02-18")
    assert timeline.item("ldp-proposal").reported == D(2017, 2, 18)
    assert ndpg.status == ""  # TimelineJS states no status: none is invented
    assert [str(w) for w in imported.warnings] == [
        "events.json:events[1]: warning: no source cited",
        "events.json:events[2]: warning: no source cited",
        "events.json:eras[0]: warning: no source cited",
        'events.json:events[0]: warning: source "ministry-of-defense" has no date, so item '
        '"ndpg-2013" is shown in every view as "report date unknown"; end its media credit '
        'with its date ("Kyodo, 2017-02-19")',
    ]


@pytest.mark.parametrize(
    ("credit", "title", "dated"),
    [
        ("The Japan Times (2017-02)", "The Japan Times", "2017-02"),
        ("Kyodo; 2017-02-19", "Kyodo", "2017-02-19"),
        ("AP Photo 2015", "AP Photo 2015", None),  # a year alone may be a copyright: not taken
        ("Kyodo, 2017-02-30", "Kyodo, 2017-02-30", None),  # not a day
        ("2017-02-19", "example.org/a", "2017-02-19"),  # no name: titled by the link
    ],
)
def test_a_media_credit_dates_its_source_only_by_a_day_or_month(credit, title, dated):
    slide = {
        "start_date": {"year": 2017},
        "text": {"headline": "x"},
        "media": {"url": "https://example.org/a", "credit": credit},
    }
    data = json.dumps({"events": [slide]}).encode()
    timeline = convert(data, "e.json", options=OPTIONS).timeline
    (source,) = timeline.sources.values()
    assert (source.title, source.date.text if source.date else None) == (title, dated)


def test_the_exports_kind_and_status_line_comes_back():
    events = [
        {"start_date": {"year": 2018, "month": 12}, "text": {"headline": "Due",
         "text": "<p>Deadline · missed</p><p>Late &amp; short.</p>"}},
        {"start_date": {"year": 2017}, "text": {"headline": "Plan", "text": "<p>Period · </p>"}},
        {"start_date": {"year": 2017}, "text": {"headline": "Said",
         "text": "<p>Milestone · finished</p>"}},  # not a status: stays text
    ]  # fmt: skip
    timeline = convert(json.dumps({"events": events}).encode(), "e.json", options=OPTIONS).timeline
    got = {i.id: (i.kind, i.base.status, i.base.notes) for i in timeline.items}
    assert got == {
        "due": ("deadline", "missed", "Late & short."),
        "plan": ("period", "", ""),
        "said": ("event", "", "Milestone · finished"),
    }


def test_broken_timelinejs_json_names_each_json_path():
    broken = {
        "events": [
            {"start_date": {"year": 2017}, "text": {"headline": "Fine"}},
            {"start_date": {"year": 2017, "month": 13}, "text": {"headline": "Month 13"}},
            {"start_date": {"year": 2017, "day": 3}, "text": {"headline": "Day, no month"}},
            {"start_date": {"year": 2017, "month": "2", "day": "30"}, "text": {"headline": "x"}},
            {"text": {"headline": "No date"}},
            {"start_date": {"year": "MMXVII"}, "text": ["not", "an object"]},
            "not a slide",
            {"start_date": {"year": 2019}, "end_date": {"year": 2018}, "text": {"headline": "y"}},
        ]
    }
    with pytest.raises(InvalidTimeline) as caught:
        convert(json.dumps(broken).encode(), "events.json", options=OPTIONS)
    assert [str(p) for p in caught.value.problems] == [
        "events.json:events[1].start_date.month: 13 is not a month (1 to 12)",
        "events.json:events[2].start_date.day: a day needs a month",
        'events.json:events[3].start_date.day: "2017-02-30" is not a real day '
        "(February 2017 has 28 days)",
        "events.json:events[4]: missing start_date (every TimelineJS slide but the title has one)",
        "events.json:events[5].text: expected an object, got a list",
        'events.json:events[5].start_date.year: "MMXVII" is not a year (expected a whole number)',
        "events.json:events[6]: expected a slide object, got text",
        "events.json:events[7].end_date: end: end 2018 is before start 2019",
    ]


def test_json_syntax_errors_are_located_by_line_and_column():
    with pytest.raises(InvalidTimeline) as caught:
        convert(b'{"events": [\n  {"start_date": }\n]}', "events.json", options=OPTIONS)
    assert str(caught.value) == "events.json:2:18: not JSON: Expecting value"


TEMPLATE = [
    "Year Month Day Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,"
    "Media Credit,Media Caption,Media Thumbnail,Type,Group,Background".replace(" ", ",", 3),
]
TEMPLATE_ROWS = [
    ["", "", "", "", "", "", "", "", "", "Japan's plans", "<p>From a <b>sheet</b></p>", "", "",
     "", "", "title", "", ""],
    ["2013", "12", "17", "", "2018", "", "", "", "", "Guidelines", "Ten years", "https://e.org/a",
     "MOD", "", "", "", "Guidelines", ""],
    ["2017", "", "", "", "", "", "", "", "", "LDP proposal", "", "", "Kyodo", "", "", "", "LDP",
     ""],
    ["2012", "12", "26", "", "2020", "9", "16", "", "", "Abe cabinet", "", "", "", "", "", "era",
     "", ""],
]  # fmt: skip


def _template_csv(rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(TEMPLATE[0].split(","))
    writer.writerows(rows)
    return out.getvalue().encode()


EXPECTED_TEMPLATE = {
    "guidelines": ("period", "guidelines", D(2013, 12, 17), D(2018, 12, 31)),
    "ldp-proposal": ("event", "ldp", D(2017, 1, 1), D(2017, 12, 31)),
    "abe-cabinet": ("period", "eras", D(2012, 12, 26), D(2020, 9, 16)),
}


def test_the_google_sheets_template_as_csv():
    timeline = convert(_template_csv(TEMPLATE_ROWS), "sheet.csv", options=OPTIONS).timeline
    assert timeline.title == "Japan's plans" and timeline.description == "From a sheet"
    assert spans(timeline) == EXPECTED_TEMPLATE
    ldp = timeline.item("ldp-proposal").base
    assert timeline.sources[ldp.sources[0].id].title == "Kyodo"
    said = convert(_template_csv(TEMPLATE_ROWS), "sheet.csv", "timelinejs", options=OPTIONS)
    assert spans(said.timeline) == EXPECTED_TEMPLATE  # --from timelinejs: the template sheet


def test_the_google_sheets_template_as_xlsx_with_number_cells():
    header = TEMPLATE[0].split(",")
    rows = [[int(c) if c.isdigit() else (c or None) for c in row] for row in TEMPLATE_ROWS]
    data = xlsx_bytes({"Timeline": [header, *rows]})
    timeline = convert(data, "sheet.xlsx", options=OPTIONS).timeline
    assert spans(timeline) == EXPECTED_TEMPLATE


def test_template_problems_name_the_cell():
    rows = [r[:] for r in TEMPLATE_ROWS]
    rows[1][1] = "Dec"
    rows[2][0] = ""
    assert _problems(_template_csv(rows), "sheet.csv") == [
        'sheet.csv:B3: "Dec" is not a month (expected a whole number)',
        "sheet.csv:A4: a slide needs a Year (or Type: title)",
    ]


def _problems(data: bytes, name: str) -> list[str]:
    with pytest.raises(InvalidTimeline) as caught:
        convert(data, name, options=OPTIONS)
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>One</p><p>Two &amp; three</p>", "One\nTwo & three"),
        ("a<br>b", "a\nb"),
        ("<script>alert(1)</script>x<style>p{}</style>", "x"),
        ("<img src=x onerror=alert(1)>", ""),
        ("plain  text", "plain text"),
        ("5 < 6 &lt;b&gt;", "5 < 6 <b>"),
    ],
)
def test_html_is_reduced_to_plain_text(html, text):
    assert plain_text(html) == text


def test_the_exports_citations_and_view_date_come_back():
    """The blockquotes the export writes per source (quote, linked or plain title, publisher,
    date) are sources again; the title slide's "As known on" is the file's date."""
    text = (
        "<p>Period · approved</p><p>Notes &amp; more.</p>"
        '<blockquote>“Said (once).” — <a href="https://e.org/a?x=1&amp;y=2">Report (2017)'
        "</a> (Kyodo (wire), 2017-02-18)</blockquote>"
        "<blockquote>White paper (annex) (Ministry, FY2016)</blockquote>"
        "<blockquote>Untitled note</blockquote>"
        '<blockquote><script>x()</script><a href="javascript:x()">Odd <b>link</b></a>'
    )  # the last one never closed
    data = {
        "title": {"text": {"headline": "T", "text": "<p>About.</p><p>As known on 2017-02-19</p>"}},
        "events": [
            {
                "start_date": {"year": 2014},
                "text": {"headline": "Plan", "text": text},
                "unique_id": "item-plan-2014",
                "media": {"url": "https://e.org/a?x=1&y=2", "credit": "Kyodo (wire)"},
            }
        ],
    }
    options = ImportOptions(calendar=calendar_from("JP"))
    imported = convert(json.dumps(data).encode(), "e.json", options=options)
    timeline = imported.timeline
    assert (timeline.description, timeline.as_of) == ("About.", D(2017, 2, 19))
    plan = timeline.item("plan-2014")
    assert (plan.kind, plan.base.status, plan.base.notes) == ("period", "approved", "Notes & more.")
    cited = [
        (s.title, s.url, s.publisher, s.date.text if s.date else None, ref.quote)
        for ref in plan.base.sources
        for s in [timeline.sources[ref.id]]
    ]
    assert cited == [
        ("Report (2017)", "https://e.org/a?x=1&y=2", "Kyodo (wire)", "2017-02-18", "Said (once)."),
        ("White paper (annex)", "", "Ministry", "FY2016", ""),
        ("Untitled note", "", "", None, ""),
        ("Odd link", "", "", None, ""),  # not a web link: a source named by its text
    ]
    assert [str(w) for w in imported.warnings] == []  # a dated source: the report date is known
