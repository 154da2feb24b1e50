"""The offline HTML page and the paste-in fragment: the chart plus the title, view and sources.

Every text from a timeline file is escaped here; plotly.js is inlined (or referenced once), and
nothing on the page asks the network for anything.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

from defense_timeline import __version__
from defense_timeline.timeline.model import Source, Timeline
from defense_timeline.view.options import (
    LIST_KINDS,
    OPTIONS,
    Filters,
    Option,
    ViewOptions,
    is_filter,
    values_of,
)
from defense_timeline.view.sources import for_view, source_words

PLOTLY_CONFIG = {"responsive": True, "displaylogo": False, "scrollZoom": False}
DEFAULT_HEIGHT = 900
FILTERS = tuple(opt for opt in OPTIONS if is_filter(opt))  # in the order they are described

# Offline by construction: the browser refuses any fetch; scripts and styles are inline only.
CSP = (
    "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; "
    "img-src data: blob:; font-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'"
)

PAGE_CSS = """
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --rule: #d1d9e0; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
  sans-serif; }
header, main, footer { max-width: 1800px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 20px; }
h1 { font-size: 1.55rem; line-height: 1.25; margin: 0 0 6px; font-weight: 650; }
h2 { font-size: 1.1rem; margin: 28px 0 8px; }
.description { margin: 0 0 6px; max-width: 75ch; }
.meta { margin: 0; color: var(--muted); font-size: 0.9rem; }
.meta span + span::before { content: "\\00b7"; margin: 0 0.5em; }
figure.chart { margin: 12px 0 0; border-top: 1px solid var(--rule); padding-top: 8px; }
.sources ol { margin: 0; padding-left: 2.2em; max-width: 110ch; }
.sources li { margin: 2px 0; }
.sources .kind, .sources .src-id { color: var(--muted); font-size: 0.85em; }
.sources .src-id { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
a { color: #0a5cc2; }
li:target { background: #fff8c5; }
footer { margin-top: 28px; padding-bottom: 24px; color: var(--muted); font-size: 0.8rem; }
@media print { header, main, footer { max-width: none; padding: 0; } a { color: inherit; } }
""".strip()


def is_web_url(url: str) -> bool:
    """Only http(s) URLs become links; anything else stays text."""
    return url.lower().startswith(("http://", "https://"))


def _view_date(timeline: Timeline, view: ViewOptions) -> date:
    """The day the chart shows the timeline as known on (a source's date in its view)."""
    timeline, view = for_view(timeline, view)
    return view.as_of or timeline.as_of


def meta_parts(timeline: Timeline, view: ViewOptions) -> list[str]:
    """The view described in short phrases (already escaped HTML)."""
    day = _view_date(timeline, view).isoformat()
    parts = [f'As known on <time datetime="{day}">{day}</time>']
    if view.source in timeline.sources:
        parts.append(escape(source_words(timeline, view.source), quote=False))
    if view.show_baseline:
        if view.baseline is not None:
            b = view.baseline.isoformat()
            parts.append(f'plan baseline: as known on <time datetime="{b}">{b}</time>')
        else:
            parts.append("plan baseline: as first planned")
    filt = describe_filters(view.filters)
    if filt:
        parts.append(escape(filt, quote=False))
    return parts


def describe_filters(filters: Filters) -> str:
    """The active filters in words, empty when everything is shown."""
    return describe_values(values_of(ViewOptions(filters=filters), FILTERS), FILTERS)


def describe_values(values: Mapping[str, Any], declared: tuple[Option, ...]) -> str:
    """Declared filters' values (by name) in words: the lists, the date window, the text."""
    words = [
        f"{o.plural}: {', '.join(values[o.name])}"
        for o in declared
        if o.kind in LIST_KINDS and values[o.name]
    ]
    days = [values[o.name] for o in declared if o.kind == "day"]
    if any(days):
        words.append("dates " + " – ".join(d.isoformat() if d else "…" for d in days))
    words += [
        f'matching "{values[o.name]}"' for o in declared if o.kind == "text" and values[o.name]
    ]
    return ("showing only " + "; ".join(words)) if words else ""


def source_item(source: Source) -> str:
    """One numbered source as an <li>: title (linked when http(s)), publisher, date, kind."""
    title = escape(source.title, quote=False)
    if source.url and is_web_url(source.url):
        title = f'<a href="{escape(source.url)}" rel="noopener noreferrer">{title}</a>'
    bits = [f"<cite>{title}</cite>"]
    if source.publisher:
        bits.append(escape(source.publisher, quote=False))
    if source.date is not None:
        bits.append(escape(source.date.text, quote=False))
    if source.url and not is_web_url(source.url):
        bits.append(escape(source.url, quote=False))
    text = ", ".join(bits)
    if source.kind:
        text += f' <span class="kind">({escape(source.kind, quote=False)})</span>'
    text += f' <span class="src-id">[{escape(source.id, quote=False)}]</span>'
    return f'<li id="source-{escape(source.id)}">{text}</li>'


def sources_list(timeline: Timeline) -> str:
    """The numbered list of every source of the timeline, in file order."""
    if not timeline.sources:
        return '<p class="no-sources">This timeline cites no sources.</p>'
    items = "\n".join(source_item(s) for s in timeline.sources.values())
    return f"<ol>\n{items}\n</ol>"


def chart_div(fig: Any, *, include_plotlyjs: bool, div_id: str, height: int | None) -> str:
    """The plotly <div> and the script that draws it, with no MathJax and no CDN."""
    import plotly.io as pio

    return pio.to_html(
        fig,
        config=PLOTLY_CONFIG,
        include_plotlyjs=include_plotlyjs,
        include_mathjax=False,
        full_html=False,
        div_id=div_id,
        default_width="100%",
        default_height=f"{height or DEFAULT_HEIGHT}px",
        validate=False,
    )


def new_div_id() -> str:
    """A fresh element id, so several charts can live on one page."""
    return f"defense-timeline-{uuid.uuid4().hex[:12]}"


def page_html(fig: Any, timeline: Timeline, view: ViewOptions) -> str:
    """A complete, self-contained page that works offline; the header replaces the chart title."""
    title = escape(timeline.title, quote=False)
    desc = escape(timeline.description, quote=False)
    meta = "".join(f"<span>{p}</span>" for p in meta_parts(timeline, view))
    chart = fig.to_dict()
    height = chart["layout"].get("height")
    div = chart_div(chart, include_plotlyjs=True, div_id=new_div_id(), height=height)
    origin = escape(Path(timeline.path).name, quote=False)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="defense-timeline {__version__}">
<title>{title}</title>
<style>
{PAGE_CSS}
</style>
</head>
<body>
<header>
<h1>{title}</h1>
{f'<p class="description">{desc}</p>' if desc else ""}
<p class="meta">{meta}</p>
</header>
<main>
<figure class="chart">
{div}
</figure>
<section class="sources" aria-labelledby="sources-heading">
<h2 id="sources-heading">Sources</h2>
{sources_list(timeline)}
</section>
</main>
<footer>Made with defense-timeline {__version__} from {origin}.</footer>
</body>
</html>
"""


def fragment_html(fig: Any, timeline: Timeline, view: ViewOptions, plotly_js: str) -> str:
    """A <figure> to paste into a report; plotly_js is "inline", "none" or a script URL."""
    inline = plotly_js == "inline"
    loader = ""
    if not inline and plotly_js != "none":
        loader = f'<script charset="utf-8" src="{escape(plotly_js)}"></script>\n'
    div_id = new_div_id()
    div = chart_div(fig, include_plotlyjs=inline, div_id=div_id, height=fig.layout.height)
    return f"""<figure class="defense-timeline" id="{div_id}-figure">
{loader}{div}
<figcaption>
<details class="defense-timeline-sources"><summary>Sources</summary>
{sources_list(timeline)}
</details>
</figcaption>
</figure>
"""
