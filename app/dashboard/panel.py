"""The control panel and the view it describes.

Every view option a link carries has a control (CONTROLS, keyed by option name, gathered from
the control groups). One callback reads them all into a PageState, then writes the view query
(the chart and the table follow it), the address bar and the share link.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from dash import Dash, Input, Output, State, dcc, html, no_update
from defense_timeline.dashboard import display, filters, ids, time_travel, zoom
from defense_timeline.dashboard.served import ServedFiles
from defense_timeline.dashboard.state import (
    LINKED,
    MAX_TEXT,
    PageState,
    chart_query,
    iso_day,
    to_query,
)
from defense_timeline.dashboard.timeline_picker import timeline_section
from defense_timeline.dashboard.widgets import Control
from defense_timeline.timeline.model import Timeline
from defense_timeline.view.options import Option, view_of

CONTROLS: dict[str, Control] = {
    **time_travel.CONTROLS,
    **filters.CONTROLS,
    **display.CONTROLS,
    **zoom.CONTROLS,
}

# How a control's value reads back into its option's value, by the option's kind (a flag's
# control says how it reads: a radio button or a checkbox).
READ: dict[str, Callable[[Option, Any], Any]] = {
    "day": lambda opt, raw: iso_day(raw),
    "names": lambda opt, raw: tuple(raw or ()),
    "choices": lambda opt, raw: tuple(raw or ()),
    "text": lambda opt, raw: (raw or "").strip(),
    "name": lambda opt, raw: (raw or "")[:MAX_TEXT],
    "choice": lambda opt, raw: raw if raw in opt.choices else opt.default,
}


LISTED = ("names", "choices")  # the kinds whose controls hold a list of strings


def shaped(opt: Option, control: Control, raw: Any) -> Any:
    """A control's value from a client as its kind of control holds it (a string, or a list of
    strings), else None: a hand-made request's dict, number or nested list reads as unset."""
    if isinstance(raw, list):
        listed = opt.kind in LISTED or control.read is not None
        return [v for v in raw if isinstance(v, str)] if listed else None
    return raw if isinstance(raw, str) and opt.kind not in LISTED else None


def read_value(opt: Option, control: Control, raw: Any) -> Any:
    """An option's value from its control's value."""
    raw = shaped(opt, control, raw)
    return control.read(raw) if control.read else READ[opt.kind](opt, raw)


def read_values(
    raw: Mapping[str, Any],
    controls: Mapping[str, Control] = CONTROLS,
    linked: tuple[Option, ...] = LINKED,
) -> dict[str, Any]:
    """Each linked option's value from its control's value (raw, by option name)."""
    return {o.name: read_value(o, controls[o.name], raw.get(o.name)) for o in linked}


def collect_state(key: str | None, raw: Mapping[str, Any], item: str | None) -> PageState:
    """The page state the controls describe: raw holds each control's value by option name."""
    raw = raw if isinstance(raw, Mapping) else {}
    key = key if isinstance(key, str) else None
    item = item if isinstance(item, str) else None
    return PageState(timeline=key, view=view_of(read_values(raw)), item=item or None)


def share_link(href: str | None, query: str) -> str:
    """The full link to a view: this page's address with the view's query."""
    base = (href if isinstance(href, str) else "").split("?", 1)[0].split("#", 1)[0]
    return base + query


def share_box() -> html.Div:
    """The link to the view on screen, and a button that copies it."""
    return html.Div(
        [
            html.Label("Link to this view", htmlFor=ids.SHARE, className="visually-hidden"),
            dcc.Input(id=ids.SHARE, readOnly=True, value="", className="share-input"),
            html.Button(
                "Copy link",
                id=ids.COPY,
                type="button",
                n_clicks=0,
                title="Copy the link to this view",
                className="copy-button",
            ),
            html.Span(id=ids.COPIED, className="copy-status", role="status"),
        ],
        className="share",
    )


# The link to the clipboard and a status saying so (cleared when the link changes).
COPY_JS = """async function (n, link) {
    const ctx = window.dash_clientside.callback_context;
    const clicked = ctx.triggered.some((t) => t.prop_id === "COPY.n_clicks");
    if (!clicked || !link) { return ""; }
    try {
        await navigator.clipboard.writeText(link);
    } catch (e) {
        const field = document.getElementById("SHARE");
        field.select();
        document.execCommand("copy");
    }
    return "Copied";
}"""


def control_panel(
    timeline: Timeline | None,
    state: PageState,
    options: list[dict],
    key: str | None,
    keeps: bool = False,
    notice: html.Div | None = None,
) -> html.Aside:
    """The whole left panel for a page state; keeps: the server keeps uploads; notice: what the
    upload box says at first."""
    return html.Aside(
        [
            timeline_section(options, key, keeps, notice),
            time_travel.time_section(timeline, state.view),
            filters.filter_section(timeline, state.view),
            display.display_section(state.view, timeline),
        ],
        className="control-panel",
        **{"aria-label": "View controls"},
    )


def register(app: Dash, served: ServedFiles) -> None:
    """Controls -> the view query (chart and table follow it), the address bar, the link; the
    copy button; the display controls' own callback."""
    display.register(app, served)
    app.clientside_callback(
        COPY_JS.replace("SHARE", ids.SHARE).replace("COPY", ids.COPY),
        Output(ids.COPIED, "children"),
        Input(ids.COPY, "n_clicks"),
        Input(ids.SHARE, "value"),
        prevent_initial_call=True,
    )

    @app.callback(
        output={
            "view": Output(ids.VIEW, "data"),
            "search": Output(ids.URL, "search"),
            "link": Output(ids.SHARE, "value"),
        },
        inputs={
            "key": Input(ids.TIMELINE, "value"),
            "controls": {name: Input(c.id, c.prop) for name, c in CONTROLS.items()},
            "item": Input(ids.SELECTED, "data"),
        },
        state={"previous": State(ids.VIEW, "data"), "href": State(ids.URL, "href")},
    )
    def _collect(key, controls, item, previous, href):
        query = to_query(collect_state(key, controls, item))
        view_query = chart_query(query)
        return {
            "view": no_update if view_query == previous else view_query,
            "search": query,
            "link": share_link(href, query),
        }
