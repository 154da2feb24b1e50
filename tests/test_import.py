"""Import: spreadsheets and TimelineJS files written for these tests come in as timelines whose
every item has the interval the input meant; broken inputs are refused with every problem named
at its cell, row or JSON path."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime

import pytest
from defense_timeline.errors import InvalidTimeline, UsageError
from defense_timeline.timeline.dates import calendar_from
from defense_timeline.timeline.imports import ImportOptions, convert
from defense_timeline.timeline.imports.cells import FORMULA_START
from defense_timeline.timeline.loader import loads
from defense_timeline.timeline.model import Link
from defense_timeline.timeline.states import state_of
from defense_timeline.view.tables import FORMULA_START as EXPORT_FORMULA_START

from tests.import_support import FORMS, D, spans, xlsx_bytes

AS_OF = date(2017, 2, 19)
JP = ImportOptions(calendar=calendar_from("JP"), as_of=AS_OF)


def problems(data: bytes, name: str, options: ImportOptions = JP) -> list[str]:
    with pytest.raises(InvalidTimeline) as caught:
        convert(data, name, options=options)
    return [str(p) for p in caught.value.problems]


ANALYST_CSV = """\
Event,Begin,Until,Category,Type,Status,Link,Published,Source,Quote,Description,Tags
National Defense Program Guidelines,FY2014,FY2018,Guidelines,period,Adopted,\
https://www.mod.go.jp/ndpg,2013-12-17,MOD,The guidelines run ten years.,Set in 2013,guidelines; plan
Next guidelines due,2018-H2?,,Guidelines,Deadline,,https://example.org/jt,,,,,
"'=HYPERLINK(""http://evil.example"",""x"")",2019,,,,,,,,,,
Mid-term defense program,2014-04,~5y,Buildup,Programme,,https://www.mod.go.jp/ndpg,,,,,
Split fiscal year,2024-25,,Buildup,event,,,2017-02-18,Kyodo,,,
"""


def test_csv_with_synonyms_gives_every_item_its_interval():
    imported = convert(ANALYST_CSV.encode(), "plans.csv", options=JP)
    timeline = imported.timeline
    assert spans(timeline) == {
        "national-defense-program-guidelines": (
            "period", "guidelines", D(2014, 4, 1), D(2019, 3, 31)),
        "next-guidelines-due": ("deadline", "guidelines", D(2018, 7, 1), D(2018, 12, 31)),
        "hyperlink-http-evil-example-x": ("event", "items", D(2019, 1, 1), D(2019, 12, 31)),
        # "~5y": the span's last day, 2019-03-31, widened by a year each side
        "mid-term-defense-program": ("period", "buildup", D(2014, 4, 1), D(2020, 3, 31)),
        "split-fiscal-year": ("event", "buildup", D(2024, 4, 1), D(2025, 3, 31)),
    }  # fmt: skip
    assert [(lane.id, lane.label) for lane in timeline.lanes] == [
        ("guidelines", "Guidelines"),
        ("items", "Items"),
        ("buildup", "Buildup"),
    ]
    ndpg = timeline.item("national-defense-program-guidelines")
    assert ndpg.base.status == "approved" and ndpg.base.notes == "Set in 2013"  # "Adopted"
    assert ndpg.reported == D(2013, 12, 17)  # its source's date, from the Published column
    # no status is invented: an item without one has its state derived from its dates
    due = timeline.item("next-guidelines-due")
    assert due.base.status == "" and state_of(timeline, due, AS_OF) == "open"
    assert state_of(timeline, ndpg, AS_OF) == "running"
    assert ndpg.tags == ("guidelines", "plan")
    (ref,) = ndpg.base.sources
    assert ref.quote == "The guidelines run ten years."
    # a source per distinct URL: the NDPG link is cited twice, one source
    assert ref.id == timeline.item("mid-term-defense-program").base.sources[0].id
    assert timeline.sources[ref.id].url == "https://www.mod.go.jp/ndpg"
    assert timeline.sources[ref.id].title == "MOD"
    assert timeline.sources[ref.id].date.text == "2013-12-17"
    assert len(timeline.sources) == 3
    (kyodo,) = timeline.item("split-fiscal-year").base.sources
    assert timeline.sources[kyodo.id].date.text == "2017-02-18"
    assert timeline.item("split-fiscal-year").base.start.text == "FY2024-25"
    assert timeline.item("next-guidelines-due").base.start.uncertain
    # the export's "'" before a formula is removed, and the formula stays text
    assert timeline.item("hyperlink-http-evil-example-x").base.title == (
        '=HYPERLINK("http://evil.example","x")'
    )
    assert timeline.title == "plans"
    assert [str(w) for w in imported.warnings] == [
        'plans.csv:F2: warning: status "Adopted" is read as "approved"',
        'plans.csv:E5: warning: kind "Programme" is read as "period"',
        "plans.csv:A4: warning: no source cited",
        'plans.csv:G3: warning: source "example-org" has no date, so item "next-guidelines-due" '
        'is shown in every view as "report date unknown"; date it in a "source date" (or '
        '"published") column, or give its rows a "reported" date',
    ]
    assert loads(imported.text).items == timeline.items  # the text is the timeline


def test_the_formula_guard_undone_is_the_one_the_exports_put_on():
    assert FORMULA_START == EXPORT_FORMULA_START


def test_semicolon_separated_csv_with_a_bom():
    text = "\ufeffTitle;Date;Lane\nTreaty signed;2017-02-03;Diplomacy\n"
    timeline = convert(text.encode(), "x.csv", options=JP).timeline
    assert spans(timeline) == {
        "treaty-signed": ("event", "diplomacy", D(2017, 2, 3), D(2017, 2, 3))
    }
    treaty = timeline.item("treaty-signed")
    assert treaty.base.status == "" and state_of(timeline, treaty, AS_OF) == "past"


def test_broken_csv_rows_are_all_named_by_cell():
    text = (
        "title,start,end,kind,status\n"
        "Good,2017,2018,period,planned\n"
        "Bad start,2018-H3,,event,planned\n"
        "Bad end,2019,2017-02-30,period,planned\n"
        "Backwards,2019,2017,period,planned\n"
        "Unknown status,2019,,event,plannned\n"
        "Fiscal,FY2019,,event,planned\n"
    )
    assert problems(text.encode(), "plans.csv", ImportOptions(as_of=AS_OF)) == [
        f'plans.csv:B3: "2018-H3" is not a date {FORMS}',
        'plans.csv:C4: "2017-02-30" is not a real day (February 2017 has 28 days)',
        'plans.csv:B7: "FY2019" is a fiscal year but no calendar is set '
        "(give --calendar JP, US, UK or AU, or a calendar column)",
        "plans.csv:C5: end: end 2017 is before start 2019",
        'plans.csv:E6: status: unknown status "plannned" (did you mean "planned"?)',
    ]


def test_a_csv_without_a_header_row_is_refused():
    assert problems(b"a,b\n1,2\n", "x.csv") == [
        "x.csv: no header row: expected a row naming a title column (title, headline, name or "
        "event) and a date column (start, start date, from, begin or date)"
    ]


PLANS_ROWS = [
    ["Japan's plans, as kept by an analyst"],
    [],
    ["Name", "Start Date", "End Date", "Group", "Status", "URL", "Notes"],
    ["Guidelines", datetime(2013, 12, 17), "~2023", "Guidelines", "Approved", None, None],
    ["Buildup program", "FY2019", "FY2023", "Buildup", "planned", "https://example.org/a", None],
    ["Review", 2018, None, "Guidelines", "under_study", "https://example.org/a", None],
    ["Report", "2018-H2?", None, "Guidelines", None, None, '=HYPERLINK("http://x")'],
    ["Float year", 2020.0, None, None, None, None, None],
]


def test_xlsx_reads_real_dates_years_and_text_dates():
    data = xlsx_bytes({"Plans": PLANS_ROWS, "Other": [["nothing"]]})
    timeline = convert(data, "plans.xlsx", options=JP).timeline
    assert spans(timeline) == {
        # "~2023": the year widened by a year each side
        "guidelines": ("period", "guidelines", D(2013, 12, 17), D(2024, 12, 31)),
        "buildup-program": ("period", "buildup", D(2019, 4, 1), D(2024, 3, 31)),
        "review": ("event", "guidelines", D(2018, 1, 1), D(2018, 12, 31)),
        "report": ("event", "guidelines", D(2018, 7, 1), D(2018, 12, 31)),
        "float-year": ("event", "items", D(2020, 1, 1), D(2020, 12, 31)),
    }
    assert [timeline.item(i).base.status for i in ("guidelines", "review", "report")] == [
        "approved",
        "under study",
        "",  # none given: none invented
    ]
    # a formula written into a cell is never evaluated: its text stays text
    assert timeline.item("report").base.notes == '=HYPERLINK("http://x")'
    assert len(timeline.sources) == 1


def test_xlsx_problems_name_sheet_and_cell():
    rows = [
        ["Title", "Start", "End"],
        ["Fine", 2017, 2018],
        ["Third half", "2018-H3", None],
        ["Year zero", 0, None],
    ]
    data = xlsx_bytes({"Intro": [["see next sheet"]], "My plans": rows})
    options = ImportOptions(sheet="my plans", as_of=AS_OF)
    assert problems(data, "plans.xlsx", options) == [
        f"plans.xlsx:'My plans'!B3: \"2018-H3\" is not a date {FORMS}",
        "plans.xlsx:'My plans'!B4: 0 is not a year (years run from 0001 to 9999)",
    ]
    with pytest.raises(InvalidTimeline) as caught:
        convert(data, "plans.xlsx", options=ImportOptions(sheet="Plan", as_of=AS_OF))
    assert str(caught.value) == ('plans.xlsx: no sheet "Plan"; the sheets are "Intro", "My plans"')


def test_the_sheet_option_is_for_workbooks_only():
    with pytest.raises(UsageError, match="--sheet is for .xlsx workbooks"):
        convert(b"title,date\nx,2017\n", "x.csv", options=ImportOptions(sheet="Items"))


def test_the_readme_spreadsheet_imports_as_it_says():
    from tests.data import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (text,) = re.findall(r"```csv\n(.*?)```", readme, re.S)
    timeline = convert(text.encode(), "plans.csv", options=JP).timeline
    assert spans(timeline) == {
        "current-10-year-guidelines-approved": (
            "milestone", "guidelines", D(2013, 1, 1), D(2013, 12, 31)),
        "next-guidelines": ("milestone", "guidelines", D(2018, 7, 1), D(2018, 12, 31)),
        "ldp-joint-study": ("period", "ldp", D(2017, 2, 3), D(2017, 6, 30)),
        "next-buildup-plan": ("period", "buildup", D(2019, 4, 1), D(2024, 3, 31)),
    }  # fmt: skip
    assert len(timeline.sources) == 1 and not timeline.warnings
    ldp = timeline.item("ldp-joint-study")
    assert ldp.base.status == "" and state_of(timeline, ldp, AS_OF) == "running"
    assert ldp.reported == D(2017, 2, 19)  # the Published column dates the source


def test_ids_from_titles_are_unique_and_safe_and_given_ids_are_checked():
    text = "title,date,lane\n防衛計画,2017,防衛\n防衛計画,2018,防衛\nSame,2019,\nSame,2019,\n"
    timeline = convert(text.encode(), "x.csv", options=JP).timeline
    assert [(i.id, i.lane) for i in timeline.items] == [
        ("item-1", "lane-1"),
        ("item-2", "lane-1"),
        ("same", "items"),
        ("same-2", "items"),
    ]
    assert [(lane.id, lane.label) for lane in timeline.lanes] == [
        ("lane-1", "防衛"),
        ("items", "Items"),
    ]
    given = "id,title,date\nbad id!,A,2017\nb,B,2017\nb,C,2018\n"
    assert problems(given.encode(), "x.csv") == [
        'x.csv:A4: id "b" is used before, at A3',
        'x.csv:A2: id: an id may only hold letters, digits, "-", "_" and ".", got "bad id!"',
    ]
    assert problems(b"title,date\n\n", "x.csv") == [
        "x.csv: no items: no row below the header has a title or a date"
    ]


def test_links_and_depends_on_columns():
    text = (
        "id,title,date,links,after\n"
        "a,A,2017,,\n"
        "b,B,2018,informs:a;implements:gone,a\n"
        "c,C,2019,follows:a,\n"
    )
    assert problems(text.encode(), "l.csv") == [
        'l.csv:D4: "follows:a" is not a link (expected kind:id, the kind one of depends_on, '
        "informs, implements, supersedes)"
    ]
    imported = convert(text.replace("follows:a", "").encode(), "l.csv", options=JP)
    assert imported.timeline.item("b").links == (
        Link("depends_on", "a"),
        Link("informs", "a"),
    )
    assert (
        str(imported.warnings[0]) == 'l.csv:D3: warning: no item "gone" here; the link is left out'
    )


def test_a_formula_gives_its_saved_value_or_its_text_never_evaluated():
    rows = [
        ["Title", "Date"],
        ['=CONCATENATE("Guide","lines")', 2017],
        ['=HYPERLINK("http://x.example","y")', 2018],
    ]
    data = xlsx_bytes({"P": rows})
    # a spreadsheet saves the value it computed beside the formula: give A2 one, as Excel would
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    saved = b'<c r="A2" t="str"><f>CONCATENATE("Guide","lines")</f><v>Guidelines</v></c>'
    parts[sheet] = re.sub(rb'<c r="A2">.*?</c>', saved, parts[sheet])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, body in parts.items():
            archive.writestr(name, body)
    timeline = convert(out.getvalue(), "f.xlsx", options=JP).timeline
    assert [item.base.title for item in timeline.items] == [
        "Guidelines",
        '=HYPERLINK("http://x.example","y")',
    ]


def test_source_dates_one_per_row_or_one_per_source_and_the_first_is_kept():
    text = (
        "Title,Date,Link,Published\n"
        "A,2017,https://a.example/1,2017-02-19\n"
        "B,2018,https://a.example/1,2017-02-20\n"
        "C,2019,https://b.example/2; https://c.example/3,2016-05; 2016-06\n"
        "D,2020,,2017-01-01\n"
    )
    imported = convert(text.encode(), "s.csv", options=JP)
    dated = {s.url: s.date.text for s in imported.timeline.sources.values()}
    assert dated == {
        "https://a.example/1": "2017-02-19",
        "https://b.example/2": "2016-05",
        "https://c.example/3": "2016-06",
    }
    assert imported.timeline.item("b").reported == D(2017, 2, 19)
    assert imported.timeline.item("c").reported == D(2016, 5, 1)  # its earliest source
    assert [str(w) for w in imported.warnings] == [
        's.csv:D3: warning: source "a-example" is dated 2017-02-19 at D2: "2017-02-20" here is '
        "left out",
        "s.csv:D5: warning: a source date but no source or link in this row: left out",
        "s.csv:A5: warning: no source cited",
    ]
    wrong = text.replace("2016-05; 2016-06", "2016-05; 2016-06; 2016-07").replace("D,", "E,")
    wrong = wrong.replace("2017-02-20", "2017-02-31")
    assert problems(wrong.encode(), "s.csv") == [
        's.csv:D3: "2017-02-31" is not a real day (February 2017 has 28 days)',
        "s.csv:D4: 3 source dates for 2 sources: give one date, or one per source in order",
    ]


def test_one_line_per_undated_source_names_three_items_and_counts_the_rest():
    rows = "".join(f"Item {n},{2010 + n},Kyodo\n" for n in range(5))
    imported = convert(f"Title,Date,Source\n{rows}".encode(), "k.csv", options=JP)
    assert [str(w) for w in imported.warnings] == [
        'k.csv:C2: warning: source "kyodo" has no date, so 5 items ("item-0", "item-1", '
        '"item-2" and 2 more) are shown in every view as "report date unknown"; date it in a '
        '"source date" (or "published") column, or give its rows a "reported" date'
    ]
    reported = f"Title,Date,Source,Reported\n{rows.replace('Kyodo', 'Kyodo,2017-02')}"
    imported = convert(reported.encode(), "k.csv", options=JP)
    assert imported.warnings == ()  # every row has its own report date
    assert {i.reported for i in imported.timeline.items} == {D(2017, 2, 1)}


def test_done_column_gives_a_late_deadline_its_state():
    text = "Title,Date,Type,Done\nProposal due,2017-06,Deadline,2018-05\n"
    timeline = convert(text.encode(), "d.csv", options=JP).timeline
    due = timeline.item("proposal-due")
    assert due.base.done.text == "2018-05"
    assert state_of(timeline, due, D(2018, 6, 1)) == "met late"
    assert state_of(timeline, due, D(2017, 7, 1)) == "overdue"


def test_a_state_column_is_derived_and_not_read():
    text = "Title,Start,Status,State\nPlan,2014,Approved,running\n"
    timeline = convert(text.encode(), "s.csv", options=JP).timeline
    assert timeline.item("plan").base.status == "approved"


def _exported_book(calendar: str, as_of: object = "2017-02-19") -> bytes:
    """A workbook shaped as the XLSX export writes it: Items, Sources, Timeline (field, value)."""
    return xlsx_bytes(
        {
            "Items": [["title", "start", "sources"], ["Plan", "FY2019", "jt"]],
            "Sources": [["id", "title", "date"], ["jt", "The Japan Times", "2017-02-19"]],
            "Timeline": [
                ["field", "value"],
                ["title", "Plans"],
                ["description", "As reported."],
                ["as_of", as_of],
                ["calendar", calendar],
                ["view_date", "2020-01-01"],
            ],
        }
    )


def test_the_export_workbooks_timeline_sheet_gives_title_date_and_calendar():
    data = _exported_book('{start: "07-01", named_by: end}')
    timeline = convert(data, "t.xlsx").timeline
    assert (timeline.title, timeline.description) == ("Plans", "As reported.")
    assert timeline.as_of == D(2017, 2, 19)  # the file's own date, not the view's
    # FY2019 read with the sheet's calendar: named by its end, from 1 July
    assert spans(timeline) == {"plan": ("event", "items", D(2018, 7, 1), D(2019, 6, 30))}
    given = convert(data, "t.xlsx", options=ImportOptions(calendar=calendar_from("JP"), title="X"))
    assert given.timeline.item("plan").base.start.first == D(2019, 4, 1)  # what the user says
    assert given.timeline.title == "X"
    assert problems(_exported_book("JPN", datetime(2017, 2, 19)), "t.xlsx", ImportOptions()) == [
        't.xlsx:Timeline!B5: unknown calendar "JPN" (did you mean "JP"? expected JP, US, UK, AU '
        'or {start: "MM-DD", named_by: start|end})',
        't.xlsx:Items!B2: "FY2019" is a fiscal year but no calendar is set (give --calendar JP, '
        "US, UK or AU, or a calendar column)",
    ]
