"""The item details panel: what an item is, its plan against its outcome, every statement's sources.

Everything here is built from the model (no pandas), and all file text stays plain text.
"""

from __future__ import annotations

from datetime import date

from dash import html
from defense_timeline.dashboard import ids
from defense_timeline.dashboard.layout import source_entry
from defense_timeline.timeline.model import Item, SourceRef, State, Timeline
from defense_timeline.timeline.states import state_of
from defense_timeline.view.describe import baseline_state, dates_text, spec_text
from defense_timeline.view.frame import timeline_frame
from defense_timeline.view.options import ViewOptions
from defense_timeline.view.slips import done_of, slip
from defense_timeline.view.sources import for_view
from defense_timeline.vocabulary import LINK_WORDS

POINT_KINDS = ("event", "deadline", "milestone")


def empty_details(message: str = "") -> list:
    """The panel before anything is selected."""
    return [
        html.H2("Details", className="card-title"),
        html.P(
            message
            or "Click a bar in the chart or a row in the table to see the item's "
            "dates, plan against outcome, history and sources.",
            className="muted hint",
        ),
    ]


def state_dates(item: Item, state: State) -> str:
    """The dates of one statement, as written and resolved."""
    return dates_text(state, item.kind in POINT_KINDS, resolved=True)


def slip_text(
    item: Item, baseline: State | None, current: State, day: date, words: str | None = None
) -> str:
    """How far the current statement moved from the baseline as of day, in view.slips' words
    (words: the frame's `change` for the item, which also knows an end set by a successor)."""
    if words is None:
        words = slip(baseline, current, item.kind, done_of(current, item.kind, day)).words
    if baseline is None:
        return "; ".join(
            w for w in ("no baseline: not yet reported on the baseline date", words) if w
        )
    return words or "on plan"


def _frame_change(timeline: Timeline, view: ViewOptions, item_id: str, day: date) -> str | None:
    """The frame's `change` words for the item as of day (None when the frame has no row)."""
    df = timeline_frame(timeline, day, view.baseline)
    found = df.index[df["id"] == item_id]
    return str(df.at[found[0], "change"] or "") if len(found) else None


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _row(label: str, value) -> html.Div:
    return html.Div([html.Dt(label), html.Dd(value)], className="kv")


def _status(status: str) -> html.Span:
    return html.Span(status, className=f"badge status-{status.replace(' ', '-')}")


def _citation(timeline: Timeline, ref: SourceRef) -> html.Li:
    """One cited source with its quote; the title links only for http(s) URLs."""
    source = timeline.sources.get(ref.id)
    body = source_entry(source) if source is not None else [html.Span(ref.id)]
    children = [html.Div(body, className="citation-source")]
    if ref.quote:
        children.append(html.Blockquote(ref.quote, className="quote"))
    return html.Li(children, className="citation")


def _statement(timeline: Timeline, item: Item, index: int, state: State, view_day: date) -> html.Li:
    """One dated statement of the item's history."""
    if index == 0:
        when = f"First reported {item.reported.isoformat()}" if item.reported else "Base statement"
    else:
        when = f"Update of {state.as_of_text or state.as_of.isoformat()}"
    later = (index == 0 and item.reported is not None and item.reported > view_day) or (
        index > 0 and state.as_of > view_day
    )
    head = [html.Span(when, className="statement-date")]
    if state.status:
        head.append(_status(state.status))
    if later:
        head.append(html.Span("after the view date", className="badge badge-later"))
    body = [
        html.Div(head, className="statement-head"),
        html.Div(state_dates(item, state), className="statement-dates"),
    ]
    if state.title and (index == 0 or state.title != item.states[index - 1].title):
        body.append(html.Div(state.title, className="statement-title"))
    if state.notes:
        body.append(html.P(state.notes, className="statement-notes"))
    if state.quantities:
        body.append(html.Div("; ".join(str(q) for q in state.quantities), className="muted"))
    if state.sources:
        body.append(
            html.Ul([_citation(timeline, ref) for ref in state.sources], className="citations")
        )
    else:
        body.append(html.Div("No source cited", className="warning-text"))
    return html.Li(body, className="statement later" if later else "statement")


def _goto(timeline: Timeline, target: str, relation: str) -> html.Li:
    """A button that selects a related item."""
    try:
        title = timeline.item(target).base.title
    except KeyError:
        return html.Li(f"{relation}: {target} (not in this file)", className="muted")
    return html.Li(
        [
            html.Span(relation, className="relation"),
            html.Button(
                title,
                id={"type": ids.GOTO, "item": target},
                className="link-button",
                n_clicks=0,
                title=f"Show {target}",
            ),
        ]
    )


def related(timeline: Timeline, item: Item) -> list[html.Li]:
    """Links from this item, then links to it from others."""
    rows = [_goto(timeline, link.target, LINK_WORDS[link.kind]) for link in item.links]
    for other in timeline.items:
        for link in other.links:
            if link.target == item.id:
                rows.append(_goto(timeline, other.id, f"{LINK_WORDS[link.kind]} (from)"))
    return rows


def _state_rows(timeline: Timeline, item: Item, current: State, day: date) -> list:
    """The state as of the view date, the status as stated, when it was done, and whether the
    report date is known."""
    rows = [_row("State", f"{state_of(timeline, item, day)} (as of {day.isoformat()})")]
    rows.append(_row("Status", _status(current.status) if current.status else "none stated"))
    if current.done is not None:
        rows.append(_row("Done", spec_text(current.done)))
    if item.reported is None:
        rows.append(_row("Reported", "report date unknown (no dated source)"))
    return rows


def _facts(timeline: Timeline, view: ViewOptions, item: Item, current: State, day: date) -> list:
    """The key-value rows of an item: kind, lane, state, dates, baseline, change, quantities."""
    baseline = baseline_state(item, view.baseline)
    base_label = (
        "as first planned" if view.baseline is None else f"as stated on {view.baseline.isoformat()}"
    )
    change = _frame_change(timeline, view, item.id, day)
    facts = [
        _row("Kind", item.kind),
        _row("Lane", next((ln.label for ln in timeline.lanes if ln.id == item.lane), item.lane)),
        *_state_rows(timeline, item, current, day),
        _row("Dates", state_dates(item, current)),
        _row(
            "Baseline",
            [
                state_dates(item, baseline) if baseline else "not yet reported",
                html.Div(base_label, className="muted small"),
            ],
        ),
        _row("Change", slip_text(item, baseline, current, day, change)),
    ]
    if current.quantities:
        facts.append(_row("Quantities", "; ".join(str(q) for q in current.quantities)))
    if item.tags:
        facts.append(_row("Tags", ", ".join(item.tags)))
    return facts


def details_panel(timeline: Timeline, item_id: str, view: ViewOptions) -> list:
    """Everything known about one item, as of the view date, with its full sourced history (in
    a source's view: only that source's statements)."""
    timeline, view = for_view(timeline, view)
    try:
        item = timeline.item(item_id)
    except KeyError:
        return empty_details(f"No item {item_id!r} in this timeline.")
    day = view.as_of or timeline.as_of
    known = item.known_on(day)
    current = item.state_as_of(day)
    facts = _facts(timeline, view, item, current, day)
    children = [
        html.H2("Details", className="card-title"),
        html.H3(current.title, className="details-title"),
        html.Div(f"id: {item.id}", className="muted mono"),
    ]
    if not known:
        children.append(
            html.Div(
                f"Not yet reported on {day.isoformat()} (first reported "
                f"{item.reported.isoformat()}).",
                className="warning-text",
            )
        )
    children.append(html.Dl(facts, className="facts"))
    if current.notes:
        children.append(html.P(current.notes, className="details-notes"))
    links = related(timeline, item)
    if links:
        children += [html.H4("Related items"), html.Ul(links, className="related")]
    history = [_statement(timeline, item, i, s, day) for i, s in enumerate(item.states)]
    children += [
        html.H4(f"History and sources ({_count(len(item.states), 'statement')})"),
        html.Ol(history, className="history"),
    ]
    return children
