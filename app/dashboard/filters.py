"""The filters: a picker per list filter declared in view.options (lanes, kinds, statuses, tags),
the text search and the date window; their layout and their callbacks."""

from __future__ import annotations

from typing import Any

from dash import Dash, Input, Output, State, dcc, html, no_update
from defense_timeline.dashboard import ids
from defense_timeline.dashboard.served import ServedFiles, resolve
from defense_timeline.dashboard.widgets import Control, button, field, section
from defense_timeline.timeline.model import Timeline
from defense_timeline.view.options import (
    LIST_KINDS,
    OPTIONS,
    Filters,
    Option,
    ViewOptions,
    is_filter,
    option,
)

LISTS = tuple(o for o in OPTIONS if is_filter(o) and o.kind in LIST_KINDS)
BLANK = {"names": [], "choices": [], "text": "", "day": None}  # a control showing "all"


def list_controls(lists: tuple[Option, ...] = LISTS) -> dict[str, Control]:
    """One multiple-choice picker per list filter, named after the option."""
    return {o.name: Control(ids.filter_id(o.name)) for o in lists}


CONTROLS: dict[str, Control] = {
    **list_controls(),
    "search": Control(ids.SEARCH),
    "window_start": Control(ids.WINDOW, "start_date"),
    "window_end": Control(ids.WINDOW, "end_date"),
}


def list_options(opt: Option, timeline: Timeline | None) -> list[dict]:
    """The picker's options: the values of the list the timeline offers."""
    if timeline is None or opt.offered is None:
        return []
    return [{"label": label, "value": value} for value, label in opt.offered(timeline)]


def cleared(controls: dict[str, Control] = CONTROLS) -> dict[str, Any]:
    """Every filter control's value when it lets everything through."""
    return {name: BLANK[option(name).kind] for name in controls}


# ---------------------------------------------------------------- layout


def _picker(opt: Option, timeline: Timeline | None, chosen: tuple[str, ...]) -> html.Div:
    dropdown = dcc.Dropdown(
        id=ids.filter_id(opt.name),
        options=list_options(opt, timeline),
        value=list(chosen),
        multi=True,
        placeholder=f"All {opt.plural}",
        searchable=True,
    )
    return field(opt.label, dropdown, ids.filter_id(opt.name))


def _search(text: str) -> html.Div:
    box = dcc.Input(
        id=ids.SEARCH,
        type="search",
        value=text,
        debounce=0.3,
        placeholder="Titles, notes, ids, tags",
    )
    return field(option("search").label, box, ids.SEARCH)


def _window(f: Filters) -> html.Div:
    window = dcc.DatePickerRange(
        id=ids.WINDOW,
        start_date=f.window_start.isoformat() if f.window_start else None,
        end_date=f.window_end.isoformat() if f.window_end else None,
        display_format="YYYY-MM-DD",
        clearable=True,
        start_date_placeholder_text=option("window_start").label,
        end_date_placeholder_text=option("window_end").label,
        start_date_id=f"{ids.WINDOW}-start",
        end_date_id=f"{ids.WINDOW}-end",
        className="date-input",
    )
    return field("Date window", window, f"{ids.WINDOW}-start")


def filter_section(timeline: Timeline | None, view: ViewOptions) -> html.Section:
    """Text search, a picker per list filter and a date window."""
    f = view.filters
    return section(
        "Filters",
        _search(f.search),
        *[_picker(o, timeline, getattr(f, o.name)) for o in LISTS],
        _window(f),
        html.Div(
            button("Clear filters", ids.RESET, class_name="btn btn-small btn-quiet"),
            className="button-row",
        ),
    )


# ---------------------------------------------------------------- callbacks


def _value_outputs() -> dict[str, Output]:
    return {name: Output(c.id, c.prop, allow_duplicate=True) for name, c in CONTROLS.items()}


def refreshed(timeline: Timeline | None, picked: bool) -> dict[str, Any]:
    """The pickers' options for a timeline; a timeline just picked also clears every filter."""
    values = cleared() if picked and timeline is not None else dict.fromkeys(CONTROLS, no_update)
    return {"options": {o.name: list_options(o, timeline) for o in LISTS}, "values": values}


def register(app: Dash, served: ServedFiles) -> None:
    """Options follow the timeline and its live edits; a new timeline or a click clears all."""

    # one callback per trigger: a pick's reset must not be dropped by the stamp change after it
    outputs = {
        "options": {
            o.name: Output(ids.filter_id(o.name), "options", allow_duplicate=True) for o in LISTS
        },
        "values": _value_outputs(),
    }

    @app.callback(
        output=outputs,
        inputs={"key": Input(ids.TIMELINE, "value")},
        state={"uploads": State(ids.UPLOADS, "data")},
        prevent_initial_call=True,
    )
    def _picked(key, uploads):
        loaded = resolve(served, key, uploads)
        return refreshed(loaded.timeline if loaded else None, True)

    @app.callback(
        output=outputs,
        inputs={"stamp": Input(ids.STAMP, "data")},
        state={"key": State(ids.TIMELINE, "value"), "uploads": State(ids.UPLOADS, "data")},
        prevent_initial_call=True,
    )
    def _saved(stamp, key, uploads):
        loaded = resolve(served, key, uploads)
        return refreshed(loaded.timeline if loaded else None, False)

    @app.callback(
        output=_value_outputs(),
        inputs={"n": Input(ids.RESET, "n_clicks")},
        prevent_initial_call=True,
    )
    def _clear(n):
        return cleared()
