"""The date grammar of dates.py as regular expressions, for the JSON Schema editors check files
with; kept next to the parser, which is the authority.
"""

from __future__ import annotations

# The same grammar as regular expressions, for the JSON Schema that editors check files with.
# The parser above is the authority; tests/test_jsonschema.py holds the two to the same answer
# on every date the suite, the bundled files and the README use. Only the parser refuses:
# a day past its month's end (2017-02-30, 2017-02-29, 2017-04-31), an FYyyyy-yy whose yy is not
# the year after yyyy (FY2023-25), and what depends on the calendar (any FY without one, FY9999
# in JP, FY0001 in US, FYyyyy-yy in a calendar whose fiscal year is the calendar year).

# What str.strip() removes, spelt out because ECMA-262's \s (editors) is another set.
SPACE = r"[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"


def _digits(low: int, high: int) -> str:
    """A regex for low to high ASCII digits."""
    if high == 0:
        return ""
    if low < high:
        return f"[0-9]{{{low},{high}}}"
    return "[0-9]" if high == 1 else f"[0-9]{{{high}}}"


def _not_all_zeros(most: int, fewest: int = 1) -> str:
    """Digits, fewest to most of them, not all 0 (the parser refuses a year 0000 or a 0y)."""
    forms = []
    for zeros in range(most):
        low, high = max(fewest - zeros - 1, 0), most - zeros - 1
        forms.append("0" * zeros + "[1-9]" + _digits(low, high))
    return f"({'|'.join(forms)})"


_YEAR = _not_all_zeros(4, 4)
_MONTH = "(0[1-9]|1[0-2])"
_DAY = "(0[1-9]|[12][0-9]|3[01])"
_PART = f"({_MONTH}(-{_DAY})?|[Qq][1-4]|[Hh][12])"  # _parse_text's 10- and 7-character forms
_QUALIFIER = "[?~%]?"
_CALENDAR_DATE = f"~?{_YEAR}(-{_PART})?{_QUALIFIER}"  # _parse_text's calendar forms
_FISCAL = f"~?[Ff][Yy]{_YEAR}(-([0-9]{{2}}|[0-9]{{4}}))?{_QUALIFIER}"  # _fiscal, any case
DATE_PATTERN = f"^{SPACE}*({_CALENDAR_DATE}(/{_CALENDAR_DATE})?|{_FISCAL}){SPACE}*$"
DAY_PATTERN = f"^{SPACE}*{_YEAR}-{_MONTH}-{_DAY}{SPACE}*$"  # a day without ? or ~
DURATION_PATTERN = f"^{SPACE}*~?{_not_all_zeros(6)}[ymwdYMWD]{SPACE}*$"
