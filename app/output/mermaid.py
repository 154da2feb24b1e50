"""The view as a Mermaid `gantt` block: a section per lane, a task per item, the view date as a
`vert` marker line (Mermaid 11+; `todayMarker` can only mark the reader's today).

Dates are whole days (`dateFormat YYYY-MM-DD`): a date known to the month, quarter, half or
(fiscal) year spans its whole window, and a point item with a window is a milestone drawn at
its middle, as in the chart. File text can never become Mermaid syntax: every character the
gantt grammar or Mermaid's directives, comments and entities give a meaning to is written as a
Mermaid entity (`#58;` for `:`), which Mermaid shows as the character itself.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pandas as pd
from defense_timeline.output.rows import view_day, view_frame
from defense_timeline.timeline.model import Timeline
from defense_timeline.view.frame import ordered_lanes
from defense_timeline.view.options import ViewOptions

# Characters with a meaning in Mermaid's gantt grammar (`:` ends a task's text; `#` and `;`
# end its data), its `%%` comments and `%%{...}%%` directives, its `#name;` entities and their
# placeholders (ﬂ, ¶), HTML, and quotes.
SPECIAL = set(':;#%<>&"`ﬂ¶')
# Words that start a statement when a line begins with them, whatever follows.
KEYWORD = re.compile(
    r"(gantt|dateformat|inclusiveenddates|topaxis|axisformat|tickinterval|includes|excludes"
    r"|todaymarker|weekday|weekend|title|accdescr|acctitle|section|click|href|call"
    r"|\d\d\d\d-\d\d-\d\d)",
    re.IGNORECASE,
)
# Mermaid tags by status; an overdue deadline (past due, no outcome) is critical too.
STATUS_TAGS = {
    "in force": "active",
    "approved": "active",
    "completed": "done",
    "met": "done",
    "superseded": "done",
    "cancelled": "done",
    "missed": "crit",
}
LAST_DAY = date.max - timedelta(days=1)  # an exclusive end must still be a date


def text(value: object) -> str:
    """File text as the text of a Mermaid statement: one line, special characters as entities,
    never starting like a statement."""
    line = " ".join(str(value).split())
    out = "".join(f"#{ord(c)};" if c in SPECIAL else c for c in line)
    if KEYWORD.match(out):
        out = f"#{ord(out[0])};{out[1:]}"
    return out


def safe_id(item_id: str, taken: set[str]) -> str:
    """A task id Mermaid accepts (letters, digits, _), unique in the block."""
    base = "i_" + re.sub(r"[^A-Za-z0-9_]", "_", item_id)
    tid, n = base, 1
    while tid in taken:
        n += 1
        tid = f"{base}_{n}"
    taken.add(tid)
    return tid


def _day(value: date) -> str:
    """A day as Mermaid's dateFormat YYYY-MM-DD reads it."""
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"


def task_line(row: dict, tid: str, chart_end: date) -> str:
    """One item as a task: its tags, id, first day and the day after its last."""
    tags = []
    state = STATUS_TAGS.get(row["status"])
    if row["deadline_state"] == "overdue":
        state = "crit"
    if state:
        tags.append(state)
    if row["kind"] != "period":
        tags.append("milestone")
    first = row["start"].date()
    last = chart_end if pd.isna(row["end"]) else row["end"].date()
    label = text(row["title"]) + (" ~" if row["approximate"] else "")
    label += (" ?" if row["uncertain"] else "") + (" (open-ended)" if pd.isna(row["end"]) else "")
    after = min(max(last, first), LAST_DAY) + timedelta(days=1)
    if row["kind"] != "period" and last == first:
        return f"    {label} :{', '.join([*tags, tid])}, {_day(first)}, 0d"
    return f"    {label} :{', '.join([*tags, tid])}, {_day(first)}, {_day(after)}"


def gantt(timeline: Timeline, view: ViewOptions) -> str:
    """The Mermaid gantt block (without a ``` fence) of the view."""
    df = view_frame(timeline, view)
    day = view_day(timeline, view)
    ends = [d.date() for d in df["end"] if not pd.isna(d)]
    chart_end = max([day, *ends])
    lines = [
        "gantt",
        f"    title {text(timeline.title)}",
        f"    accTitle: {text(timeline.title)}",
        f"    accDescr: {text(timeline.description or timeline.title)} (as known on {day})",
        "    dateFormat YYYY-MM-DD",
        "    axisFormat %Y",
    ]
    taken: set[str] = set()
    rows = df.to_dict("records")
    for lane in ordered_lanes(timeline):
        tasks = [
            task_line(r, safe_id(r["id"], taken), chart_end) for r in rows if r["lane"] == lane.id
        ]
        if tasks:
            lines += [f"    section {text(lane.label)}", *tasks]
    lines.append(
        f"    As known on {_day(day)} :vert, {safe_id('view_date', taken)}, {_day(day)}, 0d"
    )
    return "\n".join(lines) + "\n"


def mermaid_bytes(timeline: Timeline, view: ViewOptions) -> bytes:
    """The .mmd file of the view: the gantt block alone."""
    return gantt(timeline, view).encode("utf-8")
