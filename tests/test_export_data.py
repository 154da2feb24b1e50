"""Data exports checked against the frame: TimelineJS JSON, Mermaid, Markdown, xlsx and csv.

Every item of the view is there with its dates at their precision, filters and the view date
apply, and hostile text stays text in each format.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from datetime import date, datetime

import pytest
from click.testing import CliRunner
from defense_timeline.cli import main
from defense_timeline.errors import ExportError
from defense_timeline.output.markdown import markdown, md
from defense_timeline.output.mermaid import gantt, text
from defense_timeline.output.render import FORMATS, export, format_of, render
from defense_timeline.output.timelinejs import timelinejs_data
from defense_timeline.view.frame import FRAME_COLUMNS, timeline_frame
from defense_timeline.view.options import Filters, ViewOptions
from openpyxl import load_workbook

from tests.export_samples import BOLD, FORMULA, MERMAID_HOSTILE, SAMPLE, sample

LATER = ViewOptions(as_of=date(2020, 1, 1))
EVENTS = ViewOptions(filters=Filters(lanes=("events",)))


def frame_ids(view: ViewOptions = ViewOptions()) -> list[str]:  # noqa: B008
    """The ids the frame of the view holds, in order."""
    df = timeline_frame(sample(), view.as_of, view.baseline)
    if view.filters.lanes:
        df = df[df["lane"].isin(view.filters.lanes)]
    return df["id"].tolist()


def test_every_format_is_registered_and_chosen_by_suffix():
    for name in ("timelinejs", "mermaid", "md", "pptx", "xlsx", "csv"):
        assert name in FORMATS
    assert format_of("a.mmd") == "mermaid"
    assert format_of("a.md") == "md"
    assert format_of("a.pptx") == "pptx"
    assert format_of("a.XLSX") == "xlsx"
    assert format_of("a.csv") == "csv"
    assert format_of("a.timeline.json") == "timelinejs"
    assert format_of("a.json") == "json"  # plotly's JSON keeps the plain suffix
    assert format_of("a.json", "timelinejs") == "timelinejs"
    with pytest.raises(ExportError, match=r"\.timeline\.json"):
        format_of("a.doc")


# --- TimelineJS ------------------------------------------------------------------------------


def test_timelinejs_has_an_event_per_item_with_dates_at_their_precision():
    data = timelinejs_data(sample(), ViewOptions())
    events = {e["unique_id"].removeprefix("item-"): e for e in data["events"]}
    assert list(events) == frame_ids()
    plan = events["plan-a"]
    assert plan["start_date"] == {"year": 2014, "month": 4, "display_date": "FY2014"}
    assert plan["end_date"] == {"year": 2019, "month": 3, "display_date": "FY2018"}
    assert plan["display_date"] == "FY2014 – FY2018"
    assert plan["group"] == "Plans | a: b; #c"
    assert events["open"]["start_date"] == {"year": 2016, "display_date": "~2016"}
    assert "end_date" not in events["open"]  # open-ended
    assert events["section"]["start_date"] == {
        "year": 2015,
        "month": 3,
        "day": 4,
        "display_date": "2015-03-04",
    }
    assert "end_date" not in events["section"]
    assert events["bold"]["start_date"] == {"year": 2016, "month": 6, "display_date": "2016-06"}
    assert "end_date" not in events["bold"]  # a month is one TimelineJS date
    half = events["formula"]  # a half is a window of months
    assert half["start_date"] == {"year": 2018, "month": 7, "display_date": "2018-H2?"}
    assert half["end_date"] == {"year": 2018, "month": 12, "display_date": "2018-H2?"}


def test_timelinejs_title_slide_text_quotes_and_media():
    data = timelinejs_data(sample(), ViewOptions())
    title = data["title"]["text"]
    assert title["headline"] == "Hostile &lt;b&gt;x&lt;/b&gt; a: b; #c %%{init}%% | pipe"
    assert "As known on 2017-02-19" in title["text"]
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in title["text"]
    plan = next(e for e in data["events"] if e["unique_id"] == "item-plan-a")
    assert plan["text"]["headline"] == (
        "a: b; #c %%{init: {&quot;theme&quot;: &quot;forest&quot;}}%% "
        "&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;"
    )
    body = plan["text"]["text"]
    assert "“=HYPERLINK(&quot;http://x&quot;)” — " in body  # the quote, as text
    assert "Official plan" in body and "Ministry" in body  # every cited source
    assert "&lt;b&gt;x&lt;/b&gt; | pipe" in body
    media = plan["media"]  # the first source with a link, %-encoded so it stays a URL
    assert media["url"] == "https://example.com/iframe?a=1&b=%3Cimg%20src=x%20onerror=alert(1)%3E"
    assert media["link"] == media["url"]
    assert media["credit"] == "&lt;b&gt;x&lt;/b&gt;"
    section = next(e for e in data["events"] if e["unique_id"] == "item-section")
    assert "media" not in section  # s2 has no URL


def test_timelinejs_follows_the_view_date_and_filters():
    later = timelinejs_data(sample(), LATER)["events"]
    assert [e["unique_id"] for e in later] == [f"item-{i}" for i in frame_ids(LATER)]
    plan = next(e for e in later if e["unique_id"] == "item-plan-a")
    assert plan["end_date"] == {"year": 2018, "month": 12, "day": 18, "display_date": "2018-12-18"}
    events = timelinejs_data(sample(), EVENTS)["events"]
    assert {e["group"] for e in events} == {"Events"}
    assert len(events) == len(frame_ids(EVENTS))


def test_no_raw_markup_in_any_timelinejs_string():
    def strings(node):
        if isinstance(node, dict):
            for value in node.values():
                yield from strings(value)
        elif isinstance(node, list):
            for value in node:
                yield from strings(value)
        elif isinstance(node, str):
            yield node

    for value in strings(json.loads(render(sample(), "timelinejs"))):
        assert "<script" not in value and "<img" not in value and "<b>" not in value


# --- Mermaid ---------------------------------------------------------------------------------

TASK = re.compile(r"^    (?P<text>[^:\n]+) :(?P<data>[^#;\n]+)$")


def tasks(block: str) -> dict[str, tuple[str, list[str]]]:
    """Task lines of a gantt block as the Mermaid grammar reads them: id -> (text, data)."""
    found = {}
    for line in block.splitlines()[6:]:
        if line.startswith("    section "):
            continue
        match = TASK.match(line)
        assert match, f"not a task line Mermaid reads: {line!r}"
        data = [d.strip() for d in match["data"].split(",")]
        tags = [d for d in data if d in ("done", "active", "crit", "milestone", "vert")]
        found[data[len(tags)]] = (match["text"], data)
    return found


def test_mermaid_has_a_task_per_item_in_its_lane_section():
    block = gantt(sample(), ViewOptions())
    assert block.startswith("gantt\n")
    found = tasks(block)
    ids = [tid for tid in found if tid != "i_view_date"]
    assert ids == [f"i_{i.replace('-', '_')}" for i in frame_ids()]
    assert all(re.fullmatch(r"[A-Za-z0-9_]+", tid) for tid in found)
    lines = block.splitlines()
    assert lines.index("    section Plans | a#58; b#59; #35;c") < lines.index("    section Events")
    assert found["i_plan_a"][1] == ["active", "i_plan_a", "2014-04-01", "2019-04-01"]
    assert found["i_open"][0] == "Open plan next line ~ (open-ended)"
    assert found["i_section"][1] == ["done", "milestone", "i_section", "2015-03-04", "0d"]
    # a deadline past due with no outcome is critical; its month is its window
    assert found["i_bold"][1] == ["crit", "milestone", "i_bold", "2016-06-01", "2016-07-01"]
    assert found["i_missed"][1][0] == "crit"
    assert found["i_formula"][0] == "=HYPERLINK(#34;http#58;//x#34;) ?"
    assert found["i_formula"][1] == ["done", "milestone", "i_formula", "2018-07-01", "2019-01-01"]
    assert found["i_view_date"] == (
        "As known on 2017-02-19",
        ["vert", "i_view_date", "2017-02-19", "0d"],
    )


def test_mermaid_text_is_never_syntax():
    block = gantt(sample(), ViewOptions())
    assert "%%" not in block and "<" not in block and ">" not in block
    title = block.splitlines()[1]
    assert (
        title
        == "    title Hostile #60;b#62;x#60;/b#62; a#58; b#59; #35;c #37;#37;{init}#37;#37; | pipe"
    )
    assert text("section Evil") == "#115;ection Evil"  # would start a section
    assert text("Title case") == "#84;itle case"
    assert text("2017-01-01 x") == "#50;017-01-01 x"
    assert text("a\nb\r\nc") == "a b c"
    assert text(MERMAID_HOSTILE) == (
        "a#58; b#59; #35;c #37;#37;{init#58; {#34;theme#34;#58; #34;forest#34;}}#37;#37; "
        "#60;img src=x onerror=#34;window.__pwned=1#34;#62;"
    )


def test_mermaid_follows_the_view_date_and_filters():
    later = tasks(gantt(sample(), LATER))
    assert later["i_plan_a"][1] == ["done", "i_plan_a", "2014-04-01", "2018-12-19"]
    assert "i_late" in later and later["i_view_date"][1][2] == "2020-01-01"
    events = tasks(gantt(sample(), EVENTS))
    assert sorted(events) == sorted([f"i_{i}" for i in frame_ids(EVENTS)] + ["i_view_date"])


def test_mmd_file_is_the_block(tmp_path):
    out = export(sample(), tmp_path / "t.mmd")
    assert out.read_text(encoding="utf-8") == gantt(sample(), ViewOptions())


# --- Markdown --------------------------------------------------------------------------------


def test_markdown_report_has_the_block_a_row_per_item_and_the_sources():
    report = markdown(sample(), ViewOptions())
    block = report.split("```mermaid\n", 1)[1].split("```", 1)[0]
    assert block == gantt(sample(), ViewOptions())
    rows = [ln for ln in report.splitlines() if re.match(r"\| \d+ \|", ln)]
    assert len(rows) == len(frame_ids())
    first = rows[0]
    cells = re.split(r"(?<!\\)\|", first)[1:-1]
    assert [c.strip() for c in cells] == [
        "1",
        md(MERMAID_HOSTILE),
        "period",
        "approved",
        "Plans \\| a: b; \\#c",
        "FY2014 – FY2018",
        "2014-04-01",
        "2019-03-31",
        "1, 2",
    ]
    assert "| open-ended" not in report and "| – | 2 |" in report  # the open end
    assert (
        '1. [\\=HYPERLINK("http://x")](https://example.com/iframe?a=1&b=%3Cimg%20src=x%20onerror=alert%281%29%3E)'
        in report
    )
    assert "2. Official plan, Ministry, 2013-12-17 (official document) \\[s2\\]" in report
    assert "A later report" not in report  # only the sources the items shown cite
    assert "3. [A later report](https://example.org/later)" in markdown(sample(), LATER)


def test_markdown_escapes_markup():
    assert md(BOLD) == "&lt;b\\>x&lt;/b\\>"
    assert md("a | b") == "a \\| b"
    assert (
        md("*x* _y_ `z` [l](u) # h ~~s~~")
        == "\\*x\\* \\_y\\_ \\`z\\` \\[l\\](u) \\# h \\~\\~s\\~\\~"
    )
    assert md("1. not a list") == "1\\. not a list"
    assert md("- not a list") == "\\- not a list"
    assert md("a &amp; b") == "a &amp;amp; b"
    report = markdown(sample(), ViewOptions())
    assert "<b>" not in report and "<script" not in report and "<img" not in report


# --- Spreadsheets ----------------------------------------------------------------------------


def test_csv_export_is_the_table_of_the_view_with_formulas_defused():
    rows = list(csv.DictReader(io.StringIO(render(sample(), "csv").decode("utf-8"))))
    df = timeline_frame(sample())
    assert [r["id"] for r in rows] == df["id"].tolist()
    assert list(rows[0]) == list(FRAME_COLUMNS)
    for row, (_, want) in zip(rows, df.iterrows(), strict=True):
        assert row["start"] == want["start"].date().isoformat()
        assert row["start_text"] == want["start_text"] and row["end_text"] == want["end_text"]
    by_id = {r["id"]: r for r in rows}
    assert by_id["formula"]["title"] == "'" + FORMULA
    assert by_id["open"]["end"] == ""
    assert by_id["plan-a"]["sources"] == "s1;s2"
    events = list(csv.DictReader(io.StringIO(render(sample(), "csv", view=EVENTS).decode())))
    assert [r["id"] for r in events] == frame_ids(EVENTS)


def test_xlsx_items_and_sources_sheets(tmp_path):
    out = export(sample(), tmp_path / "t.xlsx")
    book = load_workbook(out)
    assert book.sheetnames == ["Items", "Sources", "Timeline"]
    about = {r[0].value: r[1].value for r in book["Timeline"].iter_rows(min_row=2)}
    assert about["title"] == "Hostile <b>x</b> a: b; #c %%{init}%% | pipe"
    assert about["description"].startswith(FORMULA)  # text, not a formula
    assert (about["as_of"], about["calendar"], about["view_date"]) == (
        "2017-02-19",
        "JP",
        "2017-02-19",
    )
    items = book["Items"]
    header = [c.value for c in items[1]]
    assert header == list(FRAME_COLUMNS)
    col = {name: i for i, name in enumerate(header)}
    rows = [list(r) for r in items.iter_rows(min_row=2)]
    df = timeline_frame(sample())
    assert [r[col["id"]].value for r in rows] == df["id"].tolist()
    for row, (_, want) in zip(rows, df.iterrows(), strict=True):
        assert row[col["start"]].value == datetime.combine(
            want["start"].date(), datetime.min.time()
        )
        assert row[col["start"]].number_format == "yyyy-mm-dd"
        assert row[col["start_text"]].value == want["start_text"]
        assert row[col["end_text"]].value == (want["end_text"] or None)
        assert row[col["title"]].value == want["title"]
        assert row[col["title"]].data_type == "s"
    formula = next(r for r in rows if r[col["id"]].value == "formula")
    assert formula[col["title"]].value == FORMULA  # the text itself, typed as text
    assert formula[col["uncertain"]].value is True
    assert formula[col["n_statements"]].value == 1
    sources = [[c.value for c in r] for r in book["Sources"].iter_rows()]
    assert sources[0] == ["id", "title", "publisher", "date", "url", "kind"]
    assert sources[1][:4] == ["s1", FORMULA, BOLD, "2017-02"]
    assert len(sources) == 4
    with zipfile.ZipFile(out) as z:
        xml = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/"))
    assert "<f>" not in xml  # no formula anywhere


def test_a_custom_calendar_is_written_as_the_file_writes_it():
    from defense_timeline.output.sheets import calendar_text
    from defense_timeline.timeline.calendars import calendar_from

    assert calendar_text(calendar_from({"start": "07-01", "named_by": "end"})) == (
        '{start: "07-01", named_by: end}'
    )
    assert calendar_text(calendar_from("us")) == "US"
    assert calendar_text(None) == ""


def test_xlsx_refuses_a_cell_excel_cannot_hold(tmp_path):
    big = SAMPLE.replace("Open plan\\nnext line", "x" * 40_000)
    from defense_timeline.timeline.loader import loads

    out = tmp_path / "big.xlsx"
    with pytest.raises(ExportError, match=r"Items!B3: title has 40,000 characters; an Excel cell"):
        export(loads(big, "big.yaml"), out)
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_xlsx_keeps_control_characters_out_of_the_xml(tmp_path):
    from defense_timeline.timeline.loader import loads

    odd = SAMPLE.replace('"Open plan\\nnext line"', '"bell\\x07 here"')
    book = load_workbook(export(loads(odd, "odd.yaml"), tmp_path / "odd.xlsx"))
    titles = [r[1].value for r in book["Items"].iter_rows(min_row=2)]
    assert "bell\ufffd here" in titles


# --- Command line ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "args", "check"),
    [
        ("t.timeline.json", [], lambda b: json.loads(b)["events"]),
        ("t.json", ["--format", "timelinejs"], lambda b: json.loads(b)["events"]),
        ("t.mmd", [], lambda b: b.startswith(b"gantt\n")),
        ("t.md", [], lambda b: b.startswith(b"# Hostile")),
        ("t.csv", [], lambda b: b.startswith(b"id,title,")),
        ("t.xlsx", [], lambda b: b[:2] == b"PK"),
        ("t.pptx", [], lambda b: b[:2] == b"PK"),
    ],
)
def test_cli_export_writes_each_format(tmp_path, name, args, check):
    src = tmp_path / "hostile.yaml"
    src.write_text(SAMPLE, encoding="utf-8")
    out = tmp_path / name
    result = CliRunner().invoke(main, ["export", str(src), "-o", str(out), *args])
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote {out}\n"
    assert check(out.read_bytes())


def test_cli_export_several_formats_from_one_view(tmp_path):
    src = tmp_path / "hostile.yaml"
    src.write_text(SAMPLE, encoding="utf-8")
    outs = [tmp_path / n for n in ("a.mmd", "a.timeline.json", "a.csv")]
    args = ["export", str(src), "--as-of", "2020-01-01", "--lane", "events"]
    result = CliRunner().invoke(main, [*args, *sum((["-o", str(o)] for o in outs), [])])
    assert result.exit_code == 0, result.output
    ids = frame_ids(ViewOptions(as_of=date(2020, 1, 1), filters=Filters(lanes=("events",))))
    assert "i_late" in outs[0].read_text()
    assert len(json.loads(outs[1].read_text())["events"]) == len(ids)
    assert [r["id"] for r in csv.DictReader(io.StringIO(outs[2].read_text()))] == ids


# --- Dashboard downloads ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("which", "name", "head"),
    [
        ("dl-pptx", "small_as-of-2020-01-01_kinds-1.pptx", b"PK"),
        ("dl-xlsx", "small_as-of-2020-01-01_kinds-1.xlsx", b"PK"),
        ("dl-md", "small_as-of-2020-01-01_kinds-1.md", b"# Small test timeline"),
        ("dl-mermaid", "small_as-of-2020-01-01_kinds-1.mmd", b"gantt\n"),
        ("dl-timelinejs", "small_as-of-2020-01-01_kinds-1.timeline.json", b'{\n "title"'),
    ],
)
def test_dashboard_downloads_the_view_in_each_data_format(served, which, name, head):
    import base64

    from defense_timeline.dashboard import downloads

    from tests.dashboard_support import query

    view = dict(filters=Filters(kinds=("period",)))
    got = downloads.download(served, which, query(**view), None)
    assert got["filename"] == name
    data = base64.b64decode(got["content"])
    assert data.startswith(head)
    loaded = served.load("small")
    fmt = downloads.DOWNLOADS[which][0]
    if fmt in ("pptx", "xlsx"):  # zip files carry their time of writing: compare the content
        want = timeline_frame(loaded.timeline)
        want = want[want["kind"] == "period"]["id"].tolist()
        if fmt == "xlsx":
            got_ids = [
                r[0].value for r in load_workbook(io.BytesIO(data))["Items"].iter_rows(min_row=2)
            ]
        else:
            from pptx import Presentation

            shapes = Presentation(io.BytesIO(data)).slides[0].shapes
            got_ids = [s.name.removeprefix("item ") for s in shapes if s.name.startswith("item ")]
        assert got_ids == want
    else:
        assert data == render(loaded.timeline, fmt, view=ViewOptions(**view))  # the same export


# --- Every bundled timeline at every date something was stated --------------------------------


@pytest.mark.parametrize("name", ["japan_defense_2017.yaml", "japan_defense_programs.yaml"])
def test_bundled_timelines_export_every_item_at_every_statement_date(name):
    from defense_timeline.timeline.loader import load

    from tests.data import DATA

    timeline = load(DATA / name)
    for day in timeline.statement_dates():
        view = ViewOptions(as_of=day)
        ids = timeline_frame(timeline, day)["id"].tolist()
        events = timelinejs_data(timeline, view)["events"]
        assert [e["unique_id"] for e in events] == [f"item-{i}" for i in ids]
        found = tasks(gantt(timeline, view))
        assert len(found) == len(ids) + 1  # and the view date
        rows = list(csv.DictReader(io.StringIO(render(timeline, "csv", view=view).decode())))
        assert [r["id"] for r in rows] == ids
        report = markdown(timeline, view)
        assert len([ln for ln in report.splitlines() if re.match(r"\| \d+ \|", ln)]) == len(ids)


def test_an_item_with_no_stated_status_exports_an_empty_status_everywhere():
    """status is optional: no report writes "nan" for it, none fails on it."""
    from tests.timeline_builder import item, timeline

    tl = timeline([item("quiet", status=None), item("said", status="approved")])
    lines = markdown(tl, ViewOptions()).splitlines()
    assert "| 1 | Quiet | period |  | " in "\n".join(lines)
    assert "| 2 | Said | period | approved | " in "\n".join(lines)
    page = render(tl, "html").decode()
    assert "<td>period</td><td></td>" in page and "<td>nan</td>" not in page
    for fmt in FORMATS:
        if fmt not in ("png", "svg", "pdf"):
            assert render(tl, fmt)
