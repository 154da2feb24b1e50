"""The offline HTML page and the paste-in fragment: the chart plus the title, view and sources.

Every text from a timeline file is escaped here; plotly.js is inlined (or referenced once), and
nothing on the page asks the network for anything.
"""

from __future__ import annotations

import uuid
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

from defense_timeline import __version__
from defense_timeline.output import alttext
from defense_timeline.output.fitted import fitted_chart, trace_types
from defense_timeline.output.plotlyjs import page_plotly_js
from defense_timeline.timeline.model import Source, Timeline
from defense_timeline.view.describe import describe_filters
from defense_timeline.view.options import ViewOptions
from defense_timeline.view.sources import for_view, source_words

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
.sources, figcaption { content-visibility: auto; contain-intrinsic-size: auto 40em; }
.sources li { margin: 2px 0; }
figcaption .summary { margin: 8px 0 4px; max-width: 110ch; }
figcaption table { border-collapse: collapse; font-size: 0.85rem; margin: 6px 0; }
figcaption th, figcaption td { border-bottom: 1px solid var(--rule); padding: 3px 8px;
  text-align: left; vertical-align: top; }
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


def sources_list(timeline: Timeline, cited: set[str] | None = None) -> str:
    """The numbered list of the timeline's sources in file order: those in cited, else all."""
    shown = [s for s in timeline.sources.values() if cited is None or s.id in cited]
    if not shown:
        return '<p class="no-sources">The items shown cite no sources.</p>'
    items = "\n".join(source_item(s) for s in shown)
    return f"<ol>\n{items}\n</ol>"


def new_div_id() -> str:
    """A fresh element id, so several charts can live on one page."""
    return f"defense-timeline-{uuid.uuid4().hex[:12]}"


def _words(timeline: Timeline, view: ViewOptions, df: Any, div_id: str) -> str:
    """The chart in words: the summary sentence, and the items table behind a disclosure."""
    sentence = escape(alttext.summary_sentence(timeline, view, df), quote=False)
    return (
        f'<p class="summary" id="{div_id}-summary">{sentence}</p>\n'
        f'<details class="items"><summary>The items shown, as a table</summary>\n'
        f"{alttext.items_table(df, timeline)}\n</details>"
    )


def page_html(charts: list[tuple[int, Any]], timeline: Timeline, view: ViewOptions) -> str:
    """A complete, self-contained page that works offline; the header replaces the chart title.

    charts: (width, Chart) laid out for the widths the page may be drawn at.
    """
    title = escape(timeline.title, quote=False)
    desc = escape(timeline.description, quote=False)
    meta = "".join(f"<span>{p}</span>" for p in meta_parts(timeline, view))
    div_id = new_div_id()
    div = fitted_chart(charts, div_id, page_plotly_js(trace_types(charts)))
    df = charts[0][1].placement.df  # the rows drawn, in row order
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
<figure class="chart" aria-describedby="{div_id}-summary">
{div}
<figcaption>
{_words(timeline, view, df, div_id)}
</figcaption>
</figure>
<section class="sources" aria-labelledby="sources-heading">
<h2 id="sources-heading">Sources</h2>
{sources_list(timeline, alttext.cited_sources(df))}
</section>
</main>
<footer>Made with defense-timeline {__version__} from {origin}.</footer>
</body>
</html>
"""


def fragment_html(
    charts: list[tuple[int, Any]], timeline: Timeline, view: ViewOptions, plotly_js: str
) -> str:
    """A <figure> to paste into a report; plotly_js is "inline", "none" or a script URL."""
    from plotly.offline import get_plotlyjs

    inline = plotly_js == "inline"  # the full bundle: other plotly charts beside may need it
    loader = ""
    if not inline and plotly_js != "none":
        loader = f'<script charset="utf-8" src="{escape(plotly_js)}"></script>\n'
    div_id = new_div_id()
    div = fitted_chart(charts, div_id, get_plotlyjs() if inline else None)
    df = charts[0][1].placement.df  # the rows drawn, in row order
    described = f'style="margin:1em 0" aria-describedby="{div_id}-summary"'
    return f"""<figure class="defense-timeline" id="{div_id}-figure" {described}>
{loader}{div}
<figcaption>
{_words(timeline, view, df, div_id)}
<details class="defense-timeline-sources"><summary>Sources</summary>
{sources_list(timeline, alttext.cited_sources(df))}
</details>
</figcaption>
</figure>
"""
