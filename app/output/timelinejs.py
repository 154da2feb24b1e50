"""The view as TimelineJS 3 JSON (Knight Lab): a title slide, then one event per item.

Each date goes at its precision (a year-only date has only a year; a quarter, half or fiscal
year runs from its first month to its last), with the date as written in display_date; the lane
is the group; periods have an end_date. TimelineJS puts headline, text, group, credit and
caption into the page as HTML, so every file text is escaped here, and a media URL is
percent-encoded so that no character of it can leave the attribute or text it lands in.
"""

from __future__ import annotations

import contextlib
import json
from datetime import date
from html import escape
from typing import Any
from urllib.parse import quote

import pandas as pd
from defense_timeline.errors import DateError
from defense_timeline.output.htmlpage import is_web_url
from defense_timeline.output.rows import Citation, citations, items_by_id, view_day, view_frame
from defense_timeline.timeline.calendars import Calendar
from defense_timeline.timeline.dates import parse_date
from defense_timeline.timeline.model import Timeline
from defense_timeline.view.options import ViewOptions

# The characters a URL keeps as they are: its structure and existing %-escapes.
URL_SAFE = ";/?:@&=+$,-_.!~*()#%[]"
MONTH_PRECISIONS = ("month", "quarter", "half", "fiscal_year")


def esc(text: object) -> str:
    """File text as HTML text (TimelineJS renders its fields as HTML)."""
    return escape(str(text), quote=True)


def date_object(day: date, precision: str, written: str) -> dict[str, Any]:
    """A TimelineJS date: a year, a year and month, or a day, as precise as the date is known."""
    obj: dict[str, Any] = {"year": day.year}
    if precision == "day":
        obj.update(month=day.month, day=day.day)
    elif precision in MONTH_PRECISIONS:
        obj["month"] = day.month
    obj["display_date"] = esc(written)
    return obj


def _nominal_start(row: dict, calendar: Calendar | None) -> date:
    """The first day the start names: an approximate date's own, not its widened window's."""
    if row["approximate"]:
        with contextlib.suppress(DateError):
            return parse_date(row["start_text"], calendar).nominal[0]
    return row["start"].date()


def _dates(row: dict, calendar: Calendar | None) -> dict[str, Any]:
    """start_date, end_date and display_date of one frame row."""
    start = _nominal_start(row, calendar)
    out: dict[str, Any] = {
        "start_date": date_object(start, row["start_precision"], row["start_text"]),
        "display_date": esc(row["dates_text"]),
    }
    if row["kind"] == "period":
        if not pd.isna(row["end"]):
            out["end_date"] = date_object(row["end"].date(), row["end_precision"], row["end_text"])
    elif row["start_precision"] in ("quarter", "half", "fiscal_year"):  # a window of months
        out["end_date"] = date_object(row["end"].date(), "month", row["end_text"])
    return out


def _text(row: dict, cited: list[Citation]) -> str:
    """The slide's body: kind and status, quantities, notes, then each source with its quote."""
    parts = [f"<p>{esc(row['kind'].capitalize())} · {esc(row['status'])}</p>"]
    if row["quantities"]:
        parts.append(f"<p>{esc(row['quantities'])}</p>")
    if row["notes"]:
        parts.append(f"<p>{esc(row['notes'])}</p>".replace("\n", "<br>"))
    for c in cited:
        quoted = f"“{esc(c.quote)}” — " if c.quote else ""
        name = esc(c.source.title)
        if is_web_url(c.source.url):
            name = f'<a href="{esc(safe_url(c.source.url))}">{name}</a>'
        more = ", ".join(
            esc(x) for x in (c.source.publisher, c.source.date and c.source.date.text) if x
        )
        parts.append(f"<blockquote>{quoted}{name}{f' ({more})' if more else ''}</blockquote>")
    return "".join(parts)


def safe_url(url: str) -> str:
    """The URL with every character that could end an attribute or start markup %-encoded."""
    return quote(url, safe=URL_SAFE)


def _media(cited: list[Citation]) -> dict[str, str] | None:
    """The first cited source with a web link, as the slide's media (TimelineJS embeds what it
    knows how to, an image, a video, a PDF, ...; any other page shows its caption and credit)."""
    for c in cited:
        if is_web_url(c.source.url):
            url = safe_url(c.source.url)
            return {
                "url": url,
                "link": url,  # a click on the media opens the source
                "link_target": "_blank",
                "caption": esc(c.source.title),
                "credit": esc(c.source.publisher),
            }
    return None


def timelinejs_data(timeline: Timeline, view: ViewOptions) -> dict[str, Any]:
    """The TimelineJS document of the view: title slide and one event per item."""
    df = view_frame(timeline, view)
    items = items_by_id(timeline)
    day = view_day(timeline, view).isoformat()
    events = []
    for row in df.to_dict("records"):
        cited = citations(timeline, items[row["id"]], row["n_statements"])
        event = {
            **_dates(row, items[row["id"]].calendar or timeline.calendar),
            "text": {"headline": esc(row["title"]), "text": _text(row, cited)},
            "group": esc(row["lane_label"]),
            "unique_id": f"item-{row['id']}",
        }
        media = _media(cited)
        if media:
            event["media"] = media
        events.append(event)
    intro = f"<p>{esc(timeline.description)}</p>" if timeline.description else ""
    title = {"text": {"headline": esc(timeline.title), "text": f"{intro}<p>As known on {day}</p>"}}
    return {"title": title, "events": events}


def timelinejs_bytes(timeline: Timeline, view: ViewOptions) -> bytes:
    """The TimelineJS JSON file of the view."""
    data = timelinejs_data(timeline, view)
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
