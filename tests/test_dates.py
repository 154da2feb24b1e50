"""Date expressions, calendars and durations: every form, calendar, leap rule and message."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from defense_timeline.errors import DateError, DefenseTimelineError
from defense_timeline.timeline.dates import (
    EXPECTED,
    FORMS,
    PRESETS,
    Calendar,
    DateSpec,
    Duration,
    calendar_from,
    end_from_duration,
    fiscal_year_bounds,
    fiscal_year_of,
    parse_date,
    parse_duration,
)

D = date
JP, UK, US, AU = (PRESETS[n] for n in ("JP", "UK", "US", "AU"))
JUL_START = Calendar("custom", 7, 1, "start")
JUL_END = Calendar("custom", 7, 1, "end")
NO_CAL = (
    "is a fiscal year but no calendar is set "
    '(add calendar: JP, US, UK, AU or {start: "MM-DD", named_by: start|end})'
)
WANT_DATE = 'expected a date such as 2017-02-03 or "2018-H2?", got '
NOT_DURATION = (
    "is not a duration (expected a whole number of years, months, weeks or days: "
    "5y, 18m, 6w, 30d, optionally ~ for about)"
)


def span(value, calendar=None):
    """(first, last, precision) of a parsed expression."""
    spec = parse_date(value, calendar)
    return spec.first, spec.last, spec.precision


def error(func, *args) -> str:
    with pytest.raises(DateError) as info:
        func(*args)
    return str(info.value)


@pytest.mark.parametrize(
    "text, first, last, precision",
    [
        ("2017-02-03", D(2017, 2, 3), D(2017, 2, 3), "day"),
        ("2017-06", D(2017, 6, 1), D(2017, 6, 30), "month"),
        ("2017-01", D(2017, 1, 1), D(2017, 1, 31), "month"),
        ("2017-12", D(2017, 12, 1), D(2017, 12, 31), "month"),
        ("2013", D(2013, 1, 1), D(2013, 12, 31), "year"),
        ("0001", D(1, 1, 1), D(1, 12, 31), "year"),
        ("9999-12-31", D(9999, 12, 31), D(9999, 12, 31), "day"),
        ("2018-Q1", D(2018, 1, 1), D(2018, 3, 31), "quarter"),
        ("2018-Q2", D(2018, 4, 1), D(2018, 6, 30), "quarter"),
        ("2018-Q3", D(2018, 7, 1), D(2018, 9, 30), "quarter"),
        ("2018-Q4", D(2018, 10, 1), D(2018, 12, 31), "quarter"),
        ("2018-q4", D(2018, 10, 1), D(2018, 12, 31), "quarter"),
        ("2018-H1", D(2018, 1, 1), D(2018, 6, 30), "half"),
        ("2018-H2", D(2018, 7, 1), D(2018, 12, 31), "half"),
        ("  2018-H2 \n", D(2018, 7, 1), D(2018, 12, 31), "half"),
    ],
)
def test_calendar_free_forms(text, first, last, precision):
    assert span(text) == (first, last, precision)
    assert span(text, US) == (first, last, precision)  # a calendar changes nothing here


@pytest.mark.parametrize(
    "text, first, last",
    [
        ("2016-02", D(2016, 2, 1), D(2016, 2, 29)),  # divisible by 4
        ("2017-02", D(2017, 2, 1), D(2017, 2, 28)),
        ("2000-02", D(2000, 2, 1), D(2000, 2, 29)),  # divisible by 400
        ("1900-02", D(1900, 2, 1), D(1900, 2, 28)),  # by 100, not 400
        ("2100-02", D(2100, 2, 1), D(2100, 2, 28)),
        ("2016-02-29", D(2016, 2, 29), D(2016, 2, 29)),
        ("2000-02-29", D(2000, 2, 29), D(2000, 2, 29)),
        ("2016-Q1", D(2016, 1, 1), D(2016, 3, 31)),
    ],
)
def test_leap_years(text, first, last):
    assert span(text)[:2] == (first, last)


@pytest.mark.parametrize(
    "text, message",
    [
        ("2017-02-29", '"2017-02-29" is not a real day (February 2017 has 28 days)'),
        ("1900-02-29", '"1900-02-29" is not a real day (February 1900 has 28 days)'),
        ("2016-02-30", '"2016-02-30" is not a real day (February 2016 has 29 days)'),
        ("2017-02-30", '"2017-02-30" is not a real day (February 2017 has 28 days)'),
        ("2017-04-31", '"2017-04-31" is not a real day (April 2017 has 30 days)'),
        ("2017-01-00", '"2017-01-00" is not a real day (January 2017 has 31 days)'),
        ("~2017-02-30?", '"~2017-02-30?" is not a real day (February 2017 has 28 days)'),
        ("2017-13", '"2017-13" has no month 13' + f" ({EXPECTED})"),
        ("2017-00", '"2017-00" has no month 0' + f" ({EXPECTED})"),
        ("2017-13-01", '"2017-13-01" has no month 13' + f" ({EXPECTED})"),
        ("0000", '"0000" has no year 0 (years run from 0001 to 9999)'),
        ("0000-05-01", '"0000-05-01" has no year 0 (years run from 0001 to 9999)'),
        ("FY0000", '"FY0000" has no year 0 (years run from 0001 to 9999)'),
        (
            "FY2023-25",
            '"FY2023-25" is not a fiscal year (the one that starts in 2023 is FY2023-24)',
        ),
        (
            "FY1999-01",
            '"FY1999-01" is not a fiscal year (the one that starts in 1999 is FY1999-00)',
        ),
    ],
)
def test_impossible_dates(text, message):
    assert error(parse_date, text, JP) == message


@pytest.mark.parametrize(
    "text",
    [
        "2018-H3",
        "2018-H0",
        "2018-Q0",
        "2018-Q5",
        "2018-X1",
        "20170203",
        "2017-02-03T10:00",
        "17",
        "201",
        "20170",
        "-2017",
        "+2017",
        "",
        "   ",
        "~",
        "?",
        "~?",
        "??2017",
        "~~2017",
        "FY",
        "２０１７",  # full-width digits
        "2017-0٢",  # Arabic-Indic digit
        "2017-W05",
    ],
)
def test_not_a_date(text):
    assert error(parse_date, text, JP) == f'"{text.strip()}" is not a date ({EXPECTED})'


def test_readme_example_message_and_long_or_odd_text_stays_one_line():
    assert error(parse_date, "2018-H3") == (
        '"2018-H3" is not a date (expected YYYY (2017), YYYY-MM (2017-03), YYYY-MM-DD '
        "(2017-03-15), YYYY-Qn (2017-Q2), YYYY-Hn (2018-H2), FYnnnn (FY2019), FYyyyy-yy "
        "(FY2024-25), FYyyyy-yyyy (FY2024-2025), FIRST/LAST (2017-02-01/2017-02-18); any may end "
        'in "?" uncertain, "~" approximate or "%" both (2028~))'
    )
    long = error(parse_date, "x" * 500)
    assert long.startswith('"' + "x" * 40 + '…" is not a date') and "\n" not in long
    assert error(parse_date, 'a\n"b') == f'"a\\n\\"b" is not a date ({EXPECTED})'


@pytest.mark.parametrize(
    "text, approximate, uncertain",
    [
        ("2023", False, False),
        ("~2023", True, False),
        ("2023?", False, True),
        ("~2023?", True, True),
        (" ~2023? ", True, True),
    ],
)
def test_flags(text, approximate, uncertain):
    spec = parse_date(text)
    assert (spec.approximate, spec.uncertain) == (approximate, uncertain)
    assert spec.nominal == (D(2023, 1, 1), D(2023, 12, 31)) and spec.precision == "year"
    # about 2023: one year each side (the documented widening)
    first, last = (D(2022, 1, 1), D(2024, 12, 31)) if approximate else spec.nominal
    assert (spec.first, spec.last) == (first, last)
    assert spec.text == text.strip()


@pytest.mark.parametrize(
    "text, precision",
    [
        ("~2023-12-16", "day"),
        ("2018-H2?", "half"),
        ("~2018-Q3?", "quarter"),
        ("2017-06?", "month"),
        ("~FY2019", "fiscal_year"),
        ("FY2023-24?", "fiscal_year"),
    ],
)
def test_flags_on_every_form(text, precision):
    spec = parse_date(text, JP)
    assert spec.precision == precision
    assert spec.approximate == text.startswith("~")
    assert spec.uncertain == text.endswith("?")


def test_int_and_date_inputs():
    assert parse_date(2013) == DateSpec("2013", D(2013, 1, 1), D(2013, 12, 31), "year")
    assert parse_date(D(2017, 2, 3)) == DateSpec("2017-02-03", D(2017, 2, 3), D(2017, 2, 3), "day")
    assert parse_date(2019, JP).precision == "year"  # an int is a calendar year, never a FY
    assert error(parse_date, 13) == f'"13" is not a date ({EXPECTED})'
    assert error(parse_date, 20170203) == f'"20170203" is not a date ({EXPECTED})'
    assert error(parse_date, 0) == '"0" is not a date (' + EXPECTED + ")"


@pytest.mark.parametrize(
    "value, got",
    [
        (2018.5, "2018.5 (a number)"),
        (2018.0, "2018.0 (a number)"),
        (True, "true (a yes/no value)"),
        (False, "false (a yes/no value)"),
        (None, "an empty value"),
        (["2017"], "a list"),
        ({"start": 2017}, "a mapping"),
        (datetime(2017, 2, 3, 10, 30), "2017-02-03 10:30:00 (a date with a time of day)"),
        (b"2017", "a bytes"),
    ],
)
def test_wrong_types(value, got):
    assert error(parse_date, value, JP) == WANT_DATE + got


def test_date_error_is_a_clean_timeline_error():
    with pytest.raises(DefenseTimelineError):
        parse_date("nope")
    with pytest.raises(ValueError):
        parse_date("nope")


# Fiscal years ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "calendar, text, first, last",
    [
        (JP, "FY2019", D(2019, 4, 1), D(2020, 3, 31)),
        (UK, "FY2019", D(2019, 4, 1), D(2020, 3, 31)),
        (US, "FY2019", D(2018, 10, 1), D(2019, 9, 30)),
        (AU, "FY2019", D(2018, 7, 1), D(2019, 6, 30)),
        (JUL_START, "FY2019", D(2019, 7, 1), D(2020, 6, 30)),
        (JUL_END, "FY2019", D(2018, 7, 1), D(2019, 6, 30)),
        (Calendar("custom", 1, 1, "end"), "FY2019", D(2019, 1, 1), D(2019, 12, 31)),
        (Calendar("custom", 1, 1, "start"), "FY2019", D(2019, 1, 1), D(2019, 12, 31)),
        (Calendar("custom", 3, 1, "start"), "FY2015", D(2015, 3, 1), D(2016, 2, 29)),
        (Calendar("custom", 3, 1, "start"), "FY2016", D(2016, 3, 1), D(2017, 2, 28)),
        (JP, "fy2019", D(2019, 4, 1), D(2020, 3, 31)),
        (AU, "FY2023-24", D(2023, 7, 1), D(2024, 6, 30)),
        (UK, "FY2023-24", D(2023, 4, 1), D(2024, 3, 31)),
        (JP, "FY2023-24", D(2023, 4, 1), D(2024, 3, 31)),
        (US, "FY2023-24", D(2023, 10, 1), D(2024, 9, 30)),
        (JUL_START, "FY2023-24", D(2023, 7, 1), D(2024, 6, 30)),
        (JP, "FY1999-00", D(1999, 4, 1), D(2000, 3, 31)),
        (US, "FY9999", D(9998, 10, 1), D(9999, 9, 30)),
        (JP, "FY0001", D(1, 4, 1), D(2, 3, 31)),
    ],
)
def test_fiscal_years(calendar, text, first, last):
    spec = parse_date(text, calendar)
    assert (spec.first, spec.last, spec.precision, spec.text) == (first, last, "fiscal_year", text)


def test_article_facts_japan():
    """The MTDP runs FY2014-FY2018, i.e. through March 2019; the next one starts in FY2019."""
    fy2014, fy2018, fy2019 = (parse_date(t, JP) for t in ("FY2014", "FY2018", "FY2019"))
    assert fy2014.first == D(2014, 4, 1)
    assert fy2018.last == D(2019, 3, 31) == parse_date("2019-03").last
    assert fy2019.first == D(2019, 4, 1)
    assert (fy2019.first - fy2018.last).days == 1
    bounds = [fiscal_year_bounds(y, JP) for y in range(2019, 2024)]
    assert bounds[-1] == (D(2023, 4, 1), D(2024, 3, 31))
    for (_, last), (first, _) in zip(bounds, bounds[1:], strict=False):
        assert (first - last).days == 1


@pytest.mark.parametrize(
    "calendar, day, name",
    [
        (JP, D(2019, 3, 31), 2018),
        (JP, D(2019, 4, 1), 2019),
        (UK, D(2020, 3, 31), 2019),
        (US, D(2018, 9, 30), 2018),
        (US, D(2018, 10, 1), 2019),
        (AU, D(2018, 6, 30), 2018),
        (AU, D(2018, 7, 1), 2019),
        (JUL_START, D(2019, 7, 1), 2019),
        (JUL_END, D(2019, 7, 1), 2020),
        (Calendar("custom", 1, 1, "end"), D(2019, 6, 1), 2019),
    ],
)
def test_fiscal_year_of(calendar, day, name):
    assert fiscal_year_of(day, calendar) == name
    first, last = fiscal_year_bounds(name, calendar)
    assert first <= day <= last


@pytest.mark.parametrize("calendar", [JP, UK, US, AU, JUL_START, JUL_END])
def test_fiscal_year_of_agrees_with_bounds_every_day(calendar):
    day = D(2015, 1, 1)
    while day.year < 2018:
        first, last = fiscal_year_bounds(fiscal_year_of(day, calendar), calendar)
        assert first <= day <= last
        day = D.fromordinal(day.toordinal() + 1)


@pytest.mark.parametrize("text", ["FY2019", "~FY2019?", "FY2023-24"])
def test_fiscal_year_needs_a_calendar(text):
    assert error(parse_date, text) == f'"{text}" {NO_CAL}'


@pytest.mark.parametrize(
    "calendar, text, message",
    [
        (JP, "FY9999", '"FY9999" falls outside the years 0001 to 9999 in the JP calendar'),
        (US, "FY0001", '"FY0001" falls outside the years 0001 to 9999 in the US calendar'),
        (
            Calendar("custom", 1, 1, "start"),
            "FY2023-24",
            '"FY2023-24" spans two years but this calendar\'s fiscal year is the calendar year '
            "(write FY2023)",
        ),
    ],
)
def test_fiscal_year_out_of_range(calendar, text, message):
    assert error(parse_date, text, calendar) == message


def test_fiscal_year_bounds_out_of_range():
    assert error(fiscal_year_bounds, 9999, JP) == (
        "fiscal year 9999 falls outside the years 0001 to 9999"
    )


# Calendars ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        ("JP", Calendar("JP", 4, 1, "start")),
        ("jp", Calendar("JP", 4, 1, "start")),
        (" uk ", Calendar("UK", 4, 1, "start")),
        ("US", Calendar("US", 10, 1, "end")),
        ("Au", Calendar("AU", 7, 1, "end")),
        ({"start": "07-01", "named_by": "end"}, JUL_END),
        ({"start": "07-01", "named_by": "start"}, JUL_START),
        ({"named_by": "start", "start": "01-01"}, Calendar("custom", 1, 1, "start")),
        ({"start": "02-28", "named_by": "end"}, Calendar("custom", 2, 28, "end")),
        (JP, JP),
    ],
)
def test_calendar_from(value, expected):
    assert calendar_from(value) == expected


SHAPE = '{start: "MM-DD", named_by: start|end}'
PRESET_LIST = f"JP, US, UK, AU or {SHAPE}"


@pytest.mark.parametrize(
    "value, message",
    [
        ("JPN", f'unknown calendar "JPN" (did you mean "JP"? expected {PRESET_LIST})'),
        ("Japan", f'unknown calendar "Japan" (did you mean "JP"? expected {PRESET_LIST})'),
        ("GB", f'unknown calendar "GB" (did you mean "UK"? expected {PRESET_LIST})'),
        ("USA", f'unknown calendar "USA" (did you mean "US"? expected {PRESET_LIST})'),
        ("fiscal", f'unknown calendar "fiscal" (expected {PRESET_LIST})'),
        ("", f'unknown calendar "" (expected {PRESET_LIST})'),
        (5, f"expected a calendar: {PRESET_LIST}, got 5 (a number)"),
        (None, f"expected a calendar: {PRESET_LIST}, got an empty value"),
        (["JP"], f"expected a calendar: {PRESET_LIST}, got a list"),
        (
            {"start": "02-29", "named_by": "end"},
            'calendar start "02-29" is not a day of every year (try "03-01")',
        ),
        (
            {"start": "7-1", "named_by": "end"},
            'calendar start "7-1" is not a day of the year (expected "MM-DD")',
        ),
        (
            {"start": "13-01", "named_by": "end"},
            'calendar start "13-01" is not a day of the year (expected "MM-DD")',
        ),
        (
            {"start": "04-31", "named_by": "end"},
            'calendar start "04-31" is not a day of the year (expected "MM-DD")',
        ),
        (
            {"start": 701, "named_by": "end"},
            'calendar start 701 (a number) is not a day of the year (expected "MM-DD")',
        ),
        (
            {"start": "07-01", "named_by": "ending"},
            'calendar named_by must be start or end, got "ending"',
        ),
        ({"start": "07-01"}, f"calendar is missing named_by (expected {SHAPE})"),
        ({"named_by": "end"}, f"calendar is missing start (expected {SHAPE})"),
        (
            {"start": "07-01", "named_by": "end", "nameby": 1},
            f'calendar has an unknown key "nameby" (did you mean "named_by"? expected {SHAPE})',
        ),
        (
            {"begin": "07-01", "named_by": "end"},
            f'calendar has an unknown key "begin" (expected {SHAPE})',
        ),
    ],
)
def test_calendar_errors(value, message):
    assert error(calendar_from, value) == message


def test_calendars_are_hashable_and_checked_on_construction():
    assert len({JP, calendar_from("jp"), UK}) == 2  # UK has the same dates but another name
    with pytest.raises(DateError):
        Calendar("custom", 2, 29, "start")
    with pytest.raises(DateError):
        Calendar("custom", 7, 1, "middle")  # type: ignore[arg-type]


# Durations ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, amount, unit, approximate",
    [
        ("5y", 5, "y", False),
        ("18m", 18, "m", False),
        ("6w", 6, "w", False),
        ("30d", 30, "d", False),
        ("~10y", 10, "y", True),
        (" 1d ", 1, "d", False),
        ("5Y", 5, "y", False),
    ],
)
def test_parse_duration(text, amount, unit, approximate):
    assert parse_duration(text) == Duration(text.strip(), amount, unit, approximate)


@pytest.mark.parametrize(
    "value",
    ["5 years", "0y", "-5y", "+5y", "5", "y", "", "~", "5.5y", "5yr", "10y?", "~~5y", "1234567d"],
)
def test_not_a_duration(value):
    assert error(parse_duration, value) == f'"{value}" {NOT_DURATION}'


@pytest.mark.parametrize(
    "value, message",
    [
        (5, f'"5" {NOT_DURATION}'),
        (2.5, f'"2.5" {NOT_DURATION}'),
        (None, "expected a duration such as 5y or ~10y, got an empty value"),
        (True, "expected a duration such as 5y or ~10y, got true (a yes/no value)"),
        (["5y"], "expected a duration such as 5y or ~10y, got a list"),
    ],
)
def test_duration_wrong_types(value, message):
    assert error(parse_duration, value) == message


@pytest.mark.parametrize(
    "start, calendar, duration, last",
    [
        ("FY2014", JP, "5y", D(2019, 3, 31)),  # README: start FY2014, duration 5y
        ("2017-01-31", None, "1m", D(2017, 2, 27)),  # 01-31 + 1m clamps to 02-28
        ("2016-01-31", None, "1m", D(2016, 2, 28)),  # leap year: clamps to 02-29
        ("2020-02-29", None, "1y", D(2021, 2, 27)),  # the documented clamping rule
        ("2020-02-29", None, "4y", D(2024, 2, 28)),
        ("2017-06", None, "18m", D(2018, 11, 30)),  # counts from the first day of start
        ("2017-11-15", None, "3m", D(2018, 2, 14)),  # across a year end
        ("2017-02-03", None, "1d", D(2017, 2, 3)),  # one day: ends the day it starts
        ("2017-02-03", None, "30d", D(2017, 3, 4)),
        ("2017-02-03", None, "6w", D(2017, 3, 16)),
        ("2017", None, "1y", D(2017, 12, 31)),
    ],
)
def test_end_from_duration(start, calendar, duration, last):
    end = end_from_duration(parse_date(start, calendar), parse_duration(duration))
    assert (end.first, end.last, end.precision, end.text) == (last, last, "day", duration)


@pytest.mark.parametrize(
    "start, duration, approximate, uncertain",
    [
        ("2013-12-17", "10y", False, False),
        ("2013-12-17", "~10y", True, False),
        ("~2013-12-17", "10y", True, False),
        ("2013-12-17?", "10y", False, True),
        ("~2013?", "~10y", True, True),
    ],
)
def test_end_from_duration_flags(start, duration, approximate, uncertain):
    end = end_from_duration(parse_date(start), parse_duration(duration))
    assert (end.approximate, end.uncertain) == (approximate, uncertain)


@pytest.mark.parametrize("duration", ["100y", "999999d", "999999m"])
def test_end_from_duration_past_9999(duration):
    assert error(end_from_duration, parse_date("9990"), parse_duration(duration)) == (
        f'"{duration}" from 9990 ends after the year 9999'
    )


# --- issue 8: EDTF qualifiers after a date, widened approximate dates, split fiscal years,
# ranges, and messages that list the forms and suggest the likely fix.


@pytest.mark.parametrize(
    "text, first, last, precision, uncertain, approximate",
    [
        ("2028~", D(2027, 1, 1), D(2029, 12, 31), "year", False, True),
        ("2028?", D(2028, 1, 1), D(2028, 12, 31), "year", True, False),
        ("2028%", D(2027, 1, 1), D(2029, 12, 31), "year", True, True),
        ("2023-07-18~", D(2023, 7, 17), D(2023, 7, 19), "day", False, True),
        ("~2023-07-18", D(2023, 7, 17), D(2023, 7, 19), "day", False, True),
        ("2023-07-18?", D(2023, 7, 18), D(2023, 7, 18), "day", True, False),
        ("2017-02~", D(2017, 1, 1), D(2017, 3, 31), "month", False, True),
        ("2017-01~", D(2016, 12, 1), D(2017, 2, 28), "month", False, True),
        ("2018-Q3~", D(2018, 4, 1), D(2018, 12, 31), "quarter", False, True),
        ("2018-H2%", D(2018, 1, 1), D(2019, 6, 30), "half", True, True),
        ("FY2019~", D(2018, 4, 1), D(2021, 3, 31), "fiscal_year", False, True),
        ("FY2033-34?", D(2033, 4, 1), D(2034, 3, 31), "fiscal_year", True, False),
        ("FY2033-2034", D(2033, 4, 1), D(2034, 3, 31), "fiscal_year", False, False),
        ("fy2033-2034%", D(2032, 4, 1), D(2035, 3, 31), "fiscal_year", True, True),
        ("2017-02-01/2017-02-18", D(2017, 2, 1), D(2017, 2, 18), "range", False, False),
        ("2017-02/2017-03?", D(2017, 2, 1), D(2017, 3, 31), "range", True, False),
        ("2017/2018~", D(2017, 1, 1), D(2019, 12, 31), "range", False, True),
        ("9999~", D(9998, 1, 1), D(9999, 12, 31), "year", False, True),  # kept within 9999
        ("0001-01-01~", D(1, 1, 1), D(1, 1, 2), "day", False, True),
    ],
)
def test_qualifiers_after_every_form(text, first, last, precision, uncertain, approximate):
    spec = parse_date(text, JP)
    assert (spec.first, spec.last, spec.precision) == (first, last, precision)
    assert (spec.uncertain, spec.approximate) == (uncertain, approximate)


def test_an_approximate_day_is_a_window_not_one_day():
    spec = parse_date("~2023-07-18")
    assert spec.first != spec.last and spec.nominal == (D(2023, 7, 18), D(2023, 7, 18))


def test_split_fiscal_years_alike_in_every_calendar():
    for cal in (JP, US):
        long, short = parse_date("FY2033-2034", cal), parse_date("FY2033-34", cal)
        assert (long.first, long.last, long.precision) == (short.first, short.last, short.precision)
    assert error(parse_date, "FY2033-2035", JP) == (
        '"FY2033-2035" is not a fiscal year (the one that starts in 2033 is FY2033-34)'
    )


@pytest.mark.parametrize(
    "text, fix",
    [
        ("2024-25", "FY2024-25"),
        ("2024-2025", "FY2024-25"),
        ("2024/25", "FY2024-25"),
        ("FY2023/24", "FY2023-24"),
        ("2023-07-18 ~", "2023-07-18~"),
        ("2017 ?", "2017?"),
        ("~ 2017", "~2017"),
        ("FY 2019", "FY2019"),
        ("FY19", "FY2019"),
        ("2017/02/03", "2017-02-03"),
        ("2017-2-3", "2017-02-03"),
        ("2018-2", "2018-02"),
        ("June 2017", "2017-06"),
        ("15 March 2017", "2017-03-15"),
        ("c. 2028", "2028~"),
        ("about 2028-06", "2028-06~"),
        ("Q2 2017", "2017-Q2"),
        ("2017?~", "2017%"),
        ("2017??", "2017?"),
        ("2017-02-01 / 2017-02-18", "2017-02-01/2017-02-18"),
    ],
)
def test_date_errors_suggest_the_likely_fix(text, fix):
    what = "has no month 25" if text == "2024-25" else "is not a date"
    assert error(parse_date, text, JP) == f'"{text}" {what}: did you mean "{fix}"? ({EXPECTED})'


def test_every_shape_error_lists_the_forms_with_an_example_each():
    for form, example in FORMS:
        assert f"{form} ({example})" in EXPECTED
        parse_date(example, JP)  # each example is itself a valid date
    assert '"?" uncertain, "~" approximate or "%" both' in EXPECTED


def test_a_range_must_run_forward():
    assert error(parse_date, "2017-03/2017-02") == (
        '"2017-03/2017-02" ends before it starts (write the earlier date first)'
    )
    assert error(parse_date, "FY2017/FY2018", JP) == f'"FY2017/FY2018" is not a date ({EXPECTED})'


@pytest.mark.parametrize(
    "start, duration, first, last",
    [
        ("2013-12-17", "~10y", D(2022, 12, 16), D(2024, 12, 16)),  # about ten years: ±1 year
        ("2017-02-03", "~30d", D(2017, 3, 3), D(2017, 3, 5)),
        ("2017-02-03", "~6w", D(2017, 3, 9), D(2017, 3, 23)),
        ("FY2014~", "5y", D(2018, 3, 31), D(2020, 3, 31)),  # counted from the nominal FY2014
    ],
)
def test_approximate_durations_widen_the_end(start, duration, first, last):
    end = end_from_duration(parse_date(start, JP), parse_duration(duration))
    assert (end.first, end.last, end.approximate) == (first, last, True)


def test_a_long_text_gets_no_suggestion_and_no_slow_search():
    text = "1" * 200_000 + "??"
    assert error(parse_date, text) == f'"{"1" * 40}…" is not a date ({EXPECTED})'
