"""Write a timeline as an offline HTML page, a report fragment, PNG/SVG/PDF, plotly JSON, or as
data for other tools: TimelineJS JSON, Mermaid, a Markdown report, a PowerPoint slide, a
spreadsheet (xlsx, csv).

Python API for notebooks and report scripts:

    from defense_timeline import load, export, export_many
    export(load("japan.yaml"), "japan.html")
    export_many(timeline, ["a.png", "a.svg", "a.pdf"])   # one Chromium for all three

Every output is rendered in memory first and then written atomically, so a failed export
leaves any existing file untouched and no partial or temporary file behind.
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from defense_timeline.errors import ExportError
from defense_timeline.gc_pause import gc_paused
from defense_timeline.output.atomic import check_target, write_atomic
from defense_timeline.output.images import IMAGE_FORMATS, image_session
from defense_timeline.output.pdf import finish_pdf
from defense_timeline.timeline.model import Timeline
from defense_timeline.view.options import ViewOptions, paged

FORMAT_BY_SUFFIX = {
    ".html": "html",
    ".htm": "html",
    ".png": "png",
    ".svg": "svg",
    ".pdf": "pdf",
    ".json": "json",
    ".mmd": "mermaid",
    ".md": "md",
    ".pptx": "pptx",
    ".xlsx": "xlsx",
    ".csv": "csv",
}
TIMELINEJS_SUFFIX = ".timeline.json"  # x.timeline.json is TimelineJS; any other .json is plotly's
# Formats made from the view's rows, not from the plotly figure: format -> (module, function).
DATA_FORMATS = {
    "timelinejs": ("timelinejs", "timelinejs_bytes"),
    "mermaid": ("mermaid", "mermaid_bytes"),
    "md": ("markdown", "markdown_bytes"),
    "pptx": ("slides", "pptx_bytes"),
    "xlsx": ("sheets", "xlsx_bytes"),
    "csv": ("sheets", "csv_bytes"),
}
FIGURE_FORMATS = ("html", "png", "svg", "pdf", "json")
FORMATS = FIGURE_FORMATS + tuple(DATA_FORMATS)
DEFAULT_IMAGE_SIZE = (1600, 900)
DEFAULT_VIEW = ViewOptions()  # frozen, so one shared default is safe

Output = str | os.PathLike[str] | tuple[str | os.PathLike[str], ViewOptions]


def format_of(out: str | os.PathLike[str], fmt: str | None = None) -> str:
    """The output format: fmt when given, else from OUT's suffix; ExportError when unknown."""
    if fmt is not None:
        name = fmt.lower().lstrip(".")
        if name not in FORMATS:
            raise ExportError(f"unknown export format {fmt!r} (choose {', '.join(FORMATS)})")
        return name
    suffix = Path(out).suffix.lower()
    if Path(out).name.lower().endswith(TIMELINEJS_SUFFIX):
        return "timelinejs"
    if suffix in FORMAT_BY_SUFFIX:
        return FORMAT_BY_SUFFIX[suffix]
    known = " ".join([*FORMAT_BY_SUFFIX, TIMELINEJS_SUFFIX])
    what = f"suffix {suffix!r}" if suffix else "no suffix"
    raise ExportError(f"{out}: cannot tell the format from {what} (use one of {known} or --format)")


def _check_plotly_js(plotly_js: str) -> None:
    """Refuse a plotly_js value that would make an HTML page that cannot draw: a script comes
    only from a relative path or an http(s) URL."""
    scheme = re.match(r"\s*([A-Za-z][A-Za-z0-9+.-]*):", plotly_js or "")
    if (
        not plotly_js
        or not plotly_js.strip()
        or any(c in plotly_js for c in "\r\n\0")
        or (scheme and scheme.group(1).lower() not in ("http", "https"))
    ):
        raise ExportError(
            'plotly_js must be "inline", "none" or the http(s) or relative URL of plotly.js'
        )


def figure_view(view: ViewOptions, fmt: str, fragment: bool) -> ViewOptions:
    """The view a format draws: a full page's header shows the title, so its chart has none;
    an image takes its page's size."""
    if fmt in IMAGE_FORMATS:
        return paged(view)
    return dataclasses.replace(view, show_title=False) if fmt == "html" and not fragment else view


def image_size(fig: Any, view: ViewOptions) -> tuple[int, int]:
    """Width and height of an image: the view's, else the figure's, else 1600 x 900."""
    layout = fig.layout
    if view.height and layout.height and view.height < layout.height:
        raise ExportError(
            f"a height of {view.height} px leaves no room for the chart's title, legends and "
            f"plot: use at least {layout.height}"
        )
    width = view.width or layout.width or DEFAULT_IMAGE_SIZE[0]
    height = view.height or layout.height or DEFAULT_IMAGE_SIZE[1]
    return int(width), int(height)


def _check_request(fmt: str, *, fragment: bool = False, plotly_js: str = "inline") -> None:
    """Refuse what the arguments alone rule out, before any figure is built or browser started."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r} (choose {', '.join(FORMATS)})")
    if fragment and fmt != "html":
        raise ExportError(f"a fragment is HTML; it cannot be written as {fmt}")
    if fmt == "html":
        _check_plotly_js(plotly_js)


def render(
    timeline: Timeline,
    fmt: str,
    *,
    view: ViewOptions = DEFAULT_VIEW,
    fragment: bool = False,
    plotly_js: str = "inline",
    fig: Any = None,
) -> bytes:
    """The bytes of one output (no file is touched); fig: the view's figure if already built."""
    from defense_timeline.chart.figure import build_figure

    _check_request(fmt, fragment=fragment, plotly_js=plotly_js)
    if fmt not in IMAGE_FORMATS:
        with gc_paused():  # many small objects and no cycles: a large timeline's GC walks cost
            return _text_output(timeline, fmt, view, fragment, plotly_js, fig)
    if fig is None:
        fig = build_figure(timeline, figure_view(view, fmt, fragment))
    width, height = image_size(fig, paged(view))  # before Chromium starts: no browser wasted
    with image_session() as session:
        data = session.render(fig.to_dict(), fmt, width, height)
    return finish_pdf(data, timeline.title, view.page) if fmt == "pdf" else data


def _text_output(
    timeline: Timeline, fmt: str, view: ViewOptions, fragment: bool, plotly_js: str, fig: Any
) -> bytes:
    """render's outputs other than images."""
    from defense_timeline.chart.figure import build_figure
    from defense_timeline.output import htmlpage
    from defense_timeline.output.fitted import fitted_charts

    if fmt in DATA_FORMATS:
        module, function = DATA_FORMATS[fmt]
        writer = getattr(importlib.import_module(f"defense_timeline.output.{module}"), function)
        return writer(timeline, view)
    if fmt == "html":
        charts = fitted_charts(timeline, figure_view(view, fmt, fragment))
        if fragment:
            return htmlpage.fragment_html(charts, timeline, view, plotly_js).encode("utf-8")
        return htmlpage.page_html(charts, timeline, view).encode("utf-8")
    if fig is None:
        fig = build_figure(timeline, figure_view(view, fmt, fragment))
    return fig.to_json().encode("utf-8")


def export(
    timeline: Timeline,
    out: str | os.PathLike[str],
    *,
    view: ViewOptions = DEFAULT_VIEW,
    fmt: str | None = None,
    fragment: bool = False,
    plotly_js: str = "inline",
) -> Path:
    """Write one output atomically and return its path; the format comes from OUT's suffix."""
    return export_many(timeline, [out], view=view, fmt=fmt, fragment=fragment, plotly_js=plotly_js)[
        0
    ]


def export_many(
    timeline: Timeline,
    outputs: Iterable[Output],
    *,
    view: ViewOptions = DEFAULT_VIEW,
    fmt: str | None = None,
    fragment: bool = False,
    plotly_js: str = "inline",
) -> list[Path]:
    """Write several outputs (a path, or (path, ViewOptions)) with one Chromium for all images.

    Every refusal that needs no browser (target, format, fragment, plotly_js, image height)
    comes before Chromium starts; everything is rendered before anything is written, so a
    failure writes nothing.
    """
    jobs = [_job(item, view, fmt) for item in outputs]
    for _, _, job_fmt in jobs:
        _check_request(job_fmt, fragment=fragment, plotly_js=plotly_js)
    figures = _figures(timeline, jobs, fragment)
    needs_browser = any(f in IMAGE_FORMATS for _, _, f in jobs)
    with image_session() if needs_browser else contextlib.nullcontext():
        rendered = [
            (path, render(timeline, f, view=v, fragment=fragment, plotly_js=plotly_js, fig=fig))
            for (path, v, f), fig in zip(jobs, figures, strict=True)
        ]
    return [write_atomic(path, data) for path, data in rendered]


def _job(item: Output, view: ViewOptions, fmt: str | None) -> tuple[Path, ViewOptions, str]:
    """Normalise one requested output and check it can be written before any rendering."""
    if isinstance(item, tuple):
        out, item_view = item
    else:
        out, item_view = item, view
    path = check_target(out)
    return path, item_view, format_of(path, fmt)


def _figures(
    timeline: Timeline, jobs: list[tuple[Path, ViewOptions, str]], fragment: bool
) -> list[Any]:
    """Each job's figure, each distinct view built once; image sizes checked against them."""
    from defense_timeline.chart.figure import build_figure

    built: dict[ViewOptions, Any] = {}
    figures = []
    for _, view, fmt in jobs:
        if fmt in DATA_FORMATS or fmt == "html":  # html: laid out per width (output.fitted)
            figures.append(None)
            continue
        drawn = figure_view(view, fmt, fragment)
        if drawn not in built:
            built[drawn] = build_figure(timeline, drawn)
        if fmt in IMAGE_FORMATS:
            image_size(built[drawn], paged(view))
        figures.append(built[drawn])
    return figures


__all__: Sequence[str] = ("export", "export_many", "format_of", "render", "FORMATS")
