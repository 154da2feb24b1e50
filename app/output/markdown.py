"""The view as a Markdown report: title, the Mermaid gantt block, the items as a table and the
numbered sources they cite; it renders as a chart where Markdown renders Mermaid (GitHub, GitLab,
Obsidian, Quarto) and as a readable table everywhere.

File text never becomes Markdown or HTML: the characters Markdown gives a meaning to are
backslash-escaped, `<` and `&` are entities, and a link's URL is %-encoded.
"""

from __future__ import annotations

import re
from urllib.parse import quote

import pandas as pd
from defense_timeline.output.htmlpage import is_web_url
from defense_timeline.output.mermaid import gantt
from defense_timeline.output.rows import cited_sources, view_day, view_frame
from defense_timeline.timeline.model import Source, Timeline
from defense_timeline.view.describe import describe_filters, said_status
from defense_timeline.view.options import ViewOptions

_PUNCT = re.compile(r"([\\`*_\[\]#|~>])")  # emphasis, code, links, headings, cells, quotes
_LINE_START = re.compile(r"^(\d+[.)]|[-+=])")  # what would start a list or a heading line
URL_SAFE = ";/?:@&=+$,-_.!~*#%"  # no brackets or parentheses: they end a Markdown link
COLUMNS = ("#", "Item", "Kind", "Status", "Lane", "Dates as written", "Start", "End", "Sources")


def md(value: object) -> str:
    """File text as one line of Markdown text that shows exactly that text."""
    line = " ".join(str(value).split())
    line = line.replace("&", "&amp;").replace("<", "&lt;")
    line = _PUNCT.sub(r"\\\1", line)
    return _LINE_START.sub(lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1], line)


def _day(value: object) -> str:
    """A resolved day as YYYY-MM-DD, or a dash when there is none (an open end)."""
    return "–" if pd.isna(value) else value.date().isoformat()


def _source_line(n: int, source: Source) -> str:
    """One numbered source: title (linked when http(s)), publisher, date, kind, id."""
    title = md(source.title)
    if is_web_url(source.url):
        title = f"[{title}]({quote(source.url, safe=URL_SAFE)})"
    bits = [title] + [md(x) for x in (source.publisher, source.date and source.date.text) if x]
    if source.url and not is_web_url(source.url):
        bits.append(md(source.url))
    kind = f" ({md(source.kind)})" if source.kind else ""
    return f"{n}. {', '.join(bits)}{kind} \\[{md(source.id)}\\]"


def items_table(df: pd.DataFrame, numbers: dict[str, int]) -> list[str]:
    """The items as a Markdown table, one row each, citing sources by their number."""
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for i, row in enumerate(df.to_dict("records"), start=1):
        cited = ", ".join(str(numbers[s]) if s in numbers else md(s) for s in row["sources"])
        cells = [
            str(i),
            md(row["title"]),
            row["kind"],
            said_status(row["status"]),
            md(row["lane_label"]),
            md(row["dates_text"]),
            _day(row["start"]),
            _day(row["end"]),
            cited,
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def markdown(timeline: Timeline, view: ViewOptions) -> str:
    """The Markdown report of the view."""
    df = view_frame(timeline, view)
    sources = cited_sources(timeline, df)
    numbers = {s.id: n for n, s in enumerate(sources, start=1)}
    meta = f"As known on {view_day(timeline, view).isoformat()}"
    shown = describe_filters(view.filters)
    if shown:
        meta += f"; {md(shown)}"
    lines = [f"# {md(timeline.title)}", ""]
    if timeline.description:
        lines += [md(timeline.description), ""]
    lines += [f"*{meta}. {len(df)} item{'' if len(df) == 1 else 's'}.*", ""]
    lines += ["```mermaid", gantt(timeline, view).rstrip("\n"), "```", ""]
    lines += ["## Items", "", *items_table(df, numbers), ""]
    lines += ["## Sources", ""]
    lines += [_source_line(n, s) for n, s in enumerate(sources, start=1)] or ["None cited."]
    return "\n".join(lines) + "\n"


def markdown_bytes(timeline: Timeline, view: ViewOptions) -> bytes:
    """The .md file of the view."""
    return markdown(timeline, view).encode("utf-8")
