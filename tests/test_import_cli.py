"""`defense-timeline import`: exit codes, stdout or an atomic -o, nothing written on error, hostile
inputs refused with one clean line, and the round trip YAML -> table -> YAML."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from urllib.parse import unquote

import pytest
from click.testing import CliRunner
from defense_timeline.cli import main
from defense_timeline.output.rows import citations
from defense_timeline.timeline.imports import xlsxfile
from defense_timeline.timeline.loader import load, loads
from defense_timeline.view.frame import timeline_frame

from tests.data import DEFAULT_TIMELINE, PROGRAMS_TIMELINE
from tests.import_support import FORMS, xlsx_bytes

GOOD = "Title,Date,Lane,Link\nTreaty signed,2017-02-03,Diplomacy,https://example.org/t\n"
BAD = "Title,Date\nFine,2017\nBroken,2017-13\nAlso broken,20177\n"


def run(*args: object):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


def test_import_to_stdout(tmp_path):
    src = tmp_path / "plans.csv"
    src.write_text(GOOD)
    result = run("import", src, "--as-of", "2017-02", "--title", "Treaties")
    assert result.exit_code == 0
    timeline = loads(result.stdout)
    assert timeline.title == "Treaties" and timeline.as_of == date(2017, 2, 28)
    assert [i.id for i in timeline.items] == ["treaty-signed"]
    # the link has no date: one line says so, and how to give it one; the import succeeds
    assert result.stderr == (
        'plans.csv:D2: warning: source "example-org" has no date, so item "treaty-signed" is '
        'shown in every view as "report date unknown"; date it in a "source date" (or '
        '"published") column, or give its rows a "reported" date\n'
    )
    dated = tmp_path / "dated.csv"
    dated.write_text(GOOD.replace("Link\n", "Link,Published\n").replace("/t\n", "/t,2017-02-04\n"))
    result = run("import", dated, "--as-of", "2017-02")
    assert result.exit_code == 0 and result.stderr == ""
    assert loads(result.stdout).item("treaty-signed").reported == date(2017, 2, 4)


def test_import_to_a_file_writes_a_valid_timeline(tmp_path):
    src, out = tmp_path / "plans.csv", tmp_path / "plans.yaml"
    src.write_text(GOOD)
    out.write_text("an older import\n")
    result = run("import", src, "-o", out)
    assert result.exit_code == 0
    assert result.stdout == f"wrote {out} (1 item)\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plans.csv", "plans.yaml"]
    assert load(out).item("treaty-signed").base.start.first == date(2017, 2, 3)
    assert run("validate", out).exit_code == 0


def test_every_problem_at_once_exit_1_and_nothing_written(tmp_path):
    src, out = tmp_path / "plans.csv", tmp_path / "plans.yaml"
    src.write_text(BAD)
    out.write_text("the good file that was there\n")
    result = run("import", src, "-o", out)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f'plans.csv:B3: "2017-13" has no month 13 {FORMS}',
        f'plans.csv:B4: "20177" is not a date {FORMS}',
    ]
    assert result.stdout == ""
    assert out.read_text() == "the good file that was there\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plans.csv", "plans.yaml"]


def test_the_input_is_never_replaced(tmp_path):
    src = tmp_path / "plans.csv"
    src.write_text(GOOD)
    result = run("import", src, "-o", src)
    assert result.exit_code == 1
    assert result.stderr == f"{src}: is the file being imported; give another -o\n"
    assert src.read_text() == GOOD


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "xml"], "Invalid value for '--from'"),
        (["--calendar", "JPN2"], "error: Invalid value for --calendar: unknown calendar"),
        (["--as-of", "2017-H3"], 'error: Invalid value for --as-of: "2017-H3" is not a date'),
    ],
)
def test_bad_options(tmp_path, args, message):
    src = tmp_path / "plans.csv"
    src.write_text(GOOD)
    result = run("import", src, *args)
    assert result.exit_code in (1, 2)
    assert message in result.stderr


def test_format_from_suffix_or_from_option(tmp_path):
    src = tmp_path / "plans.txt.data"
    src.write_text(GOOD)
    result = run("import", src)
    assert result.exit_code == 1
    assert result.stderr == (
        "error: cannot tell the format of plans.txt.data: give --from csv, xlsx or timelinejs "
        "(or name it .csv, .tsv, .txt, .xlsx, .xlsm, .json)\n"
    )
    assert run("import", src, "--from", "csv").exit_code == 0


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("bin.csv", b"Title,Date\nA,2017\x00\n", "bin.csv:2:7: NUL byte: a CSV file is text, "
         "not binary data"),
        ("latin.csv", "Title,Date\nCaf\u00e9,2017\n".encode("latin-1"),
         "latin.csv:2:4: byte 0xe9 is not UTF-8 text; save the file as CSV UTF-8 (in Excel: "
         "Save As, CSV UTF-8)"),
        ("cell.csv", b'Title,Date\n"' + b"x" * 200_000 + b'",2017\n', "cell.csv:2: row 2 cannot "
         "be read as CSV: field larger than field limit (131072)"),
        ("old.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500, "old.xlsx: an .xls or "
         "password-protected workbook; save it as .xlsx without a password"),
        ("text.xlsx", b"Title,Date\n", "text.xlsx: not an .xlsx workbook (the file is not a "
         "zip archive)"),
        ("empty.json", b"", "empty.json:1:1: not JSON: Expecting value"),
        ("list.json", b"[1, 2]", 'list.json: expected a TimelineJS object {"events": [...]}, '
         "got a list"),
        ("deep.json", b"[" * 100_000, "deep.json: not JSON this tool reads (nested too deeply, "
         "or a number too long)"),
    ],
)  # fmt: skip
def test_hostile_inputs_get_one_clean_line(tmp_path, name, data, message):
    src = tmp_path / name
    src.write_bytes(data)
    result = run("import", src, "-o", tmp_path / "out.yaml")
    assert result.exit_code == 1
    assert result.stderr == message + "\n"
    assert not (tmp_path / "out.yaml").exists()


def test_utf16_csv_as_excel_saves_unicode_text(tmp_path):
    src = tmp_path / "u.csv"
    src.write_bytes("Title\tDate\nCafé\t2017\n".encode("utf-16"))
    timeline = loads(run("import", src).stdout)
    assert timeline.items[0].base.title == "Café"


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path):
    src = tmp_path / "big.csv"
    src.write_text(GOOD * 10)
    result = run("import", src, "--max-bytes", "100")
    assert result.exit_code == 1
    assert result.stderr.startswith("big.csv: file is ")
    assert "over the 100 bytes limit (raise it with --max-bytes)" in result.stderr


def test_a_zip_bomb_is_refused_before_openpyxl(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", b"\0" * (xlsxfile.MAX_UNPACKED + 1))
    src = tmp_path / "bomb.xlsx"
    src.write_bytes(buffer.getvalue())
    assert src.stat().st_size < 1_000_000
    result = run("import", src)
    assert result.exit_code == 1
    assert result.stderr == (
        "bomb.xlsx: the workbook unpacks to 200 MB, over the 200 MB limit: "
        "is it an .xlsx saved by a spreadsheet?\n"
    )


def test_a_damaged_workbook_is_one_line(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", b"<not xml")
    src = tmp_path / "damaged.xlsx"
    src.write_bytes(buffer.getvalue())
    result = run("import", src)
    assert result.exit_code == 1
    assert result.stderr.startswith("damaged.xlsx: cannot be read as an .xlsx workbook (")


def test_a_far_away_cell_does_not_widen_every_row(tmp_path):
    data = xlsx_bytes({"Plans": [["Title", "Date"], ["A", 2017]]})
    # a workbook whose sheet has a cell in its last column: rows are read MAX_COLS wide
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data))
    book["Plans"]["XFD2"] = "far away"
    src = tmp_path / "wide.xlsx"
    book.save(src)
    timeline = loads(run("import", src).stdout)
    assert [i.base.title for i in timeline.items] == ["A"]


@pytest.mark.parametrize("path", [DEFAULT_TIMELINE, PROGRAMS_TIMELINE])
def test_round_trip_yaml_table_yaml_keeps_every_item_and_interval(tmp_path, path):
    original = load(path)
    table = tmp_path / "table.csv"
    assert run("table", path, "-o", table).exit_code == 0
    calendar = original.calendar.name if original.calendar else "JP"
    result = run("import", table, "--calendar", calendar, "--as-of", original.as_of)
    assert result.exit_code == 0, result.stderr
    again = loads(result.stdout)
    assert _intervals(again) == _intervals(original)
    assert any(row[-1] for row in _intervals(again).values())  # the links came back too
    used = {item.lane for item in original.items if item.known_on(original.as_of)}
    lanes = {(lane.id, lane.label) for lane in original.lanes if lane.id in used}
    assert {(lane.id, lane.label) for lane in again.lanes} == lanes


def _intervals(timeline) -> dict:
    """Each item known on the file's date, its interval and its links to the other such items
    (a link to an item not yet known cannot be in a table of that date)."""
    frame = timeline_frame(timeline, timeline.as_of, None)
    cols = ["id", "title", "kind", "lane", "status", "start", "end", "start_precision", "links"]
    known = set(frame["id"])
    return {
        row[0]: (*row[:-1], tuple(link for link in row[-1] if link[1] in known))
        for row in frame[cols].itertuples(index=False, name=None)
    }


def _export_shaped_xlsx(path, out) -> None:
    """A workbook as the XLSX export writes it: sheet Items with the table's columns, and sheet
    Sources (id, title, publisher, date, url, kind)."""
    import csv

    table = list(csv.reader(io.StringIO(run("table", path).stdout)))
    timeline = load(path)
    sources = [["id", "title", "publisher", "date", "url", "kind"]] + [
        [s.id, s.title, s.publisher, s.date.text if s.date else None, s.url, s.kind]
        for s in timeline.sources.values()
    ]
    out.write_bytes(xlsx_bytes({"Items": table, "Sources": sources}))


@pytest.mark.parametrize("path", [DEFAULT_TIMELINE, PROGRAMS_TIMELINE])
def test_round_trip_through_the_export_shaped_workbook(tmp_path, path):
    original = load(path)
    book = tmp_path / "timeline.xlsx"
    _export_shaped_xlsx(path, book)
    result = run("import", book, "--calendar", "JP", "--as-of", original.as_of)
    assert result.exit_code == 0, result.stderr
    again = loads(result.stdout)
    assert _intervals(again) == _intervals(original)
    cited = {ref.id for item in again.items for ref in item.sources}
    assert {again.sources[c] for c in cited} == {original.sources[c] for c in cited}


@pytest.mark.parametrize("path", [DEFAULT_TIMELINE, PROGRAMS_TIMELINE])
@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".json"])
def test_round_trip_through_the_real_exports(tmp_path, path, suffix):
    """YAML -> export (xlsx, csv, TimelineJS json) -> import keeps every item and interval."""
    original = load(path)
    out = tmp_path / f"exported{suffix}"
    fmt = ["--format", "timelinejs"] if suffix == ".json" else []
    assert run("export", path, "-o", out, *fmt).exit_code == 0
    result = run("import", out, "--calendar", "JP", "--as-of", original.as_of)
    assert result.exit_code == 0, result.stderr
    again = loads(result.stdout)
    if suffix == ".json":  # TimelineJS has no lane ids: the lanes come back by their labels
        assert _slides(again) == _slides(original)
        assert again.title == original.title and again.as_of == original.as_of
        assert again.warnings == ()  # every source came back with its date
        # without --as-of the title slide's "As known on" is the file's date
        assert loads(run("import", out, "--calendar", "JP").stdout).as_of == original.as_of
        return
    assert _intervals(again) == _intervals(original)


def _slides(timeline) -> dict:
    """What a TimelineJS slide keeps of each item known on the file's date: id, title, kind,
    status, interval, lane label, and the sources cited by then, each once with its first quote
    as the export writes them (title, link, publisher, date, quote); a link as the address it is
    (the export %-encodes it)."""
    frame = timeline_frame(timeline, timeline.as_of, None)
    cols = ["id", "title", "kind", "status", "start", "end", "start_text", "lane_label"]
    items = {item.id: item for item in timeline.items}
    out = {}
    for *row, n in frame[[*cols, "n_statements"]].itertuples(index=False, name=None):
        cited = [
            (c.source.title, unquote(c.source.url), c.source.publisher, c.source.date, c.quote)
            for c in citations(timeline, items[row[0]], n)
        ]
        out[row[0]] = (*row[1:], cited)
    return out


def test_a_cell_in_the_last_row_is_found_without_reading_a_million_empty_rows(tmp_path):
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes({"P": [["Title", "Date"], ["A", 2017]]})))
    book["P"]["A1048576"] = "far"
    src = tmp_path / "tall.xlsx"
    book.save(src)
    result = run("import", src)
    assert result.exit_code == 1
    assert result.stderr == 'tall.xlsx:P!A1048576: missing required field "date"\n'
