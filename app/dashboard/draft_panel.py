"""The "Draft from an article" panel: paste or upload an article, draft its timeline, see the
chart beside the article with each item's sentence highlighted, remove items, download the YAML.

The article is drafted again from the stored inputs on each change (a 1,000-word article drafts
in about 0.1 s), so the server keeps nothing. All text reaches the page as Dash strings (escaped).
"""

from __future__ import annotations

import base64
import binascii
from datetime import date

from dash import Dash, Input, Output, State, ctx, dcc, html, no_update
from defense_timeline.chart.figure import build_figure
from defense_timeline.draft import NO_DATE, Draft, draft_article
from defense_timeline.draft.article import MAX_ARTICLE_BYTES, decode
from defense_timeline.errors import DefenseTimelineError, InvalidTimeline
from defense_timeline.view.options import ViewOptions

TEXT = "draft-text"
UPLOAD = "draft-upload"
PUBLISHED = "draft-published"
CALENDAR = "draft-calendar"
RUN = "draft-run"
MESSAGE = "draft-message"
STORE = "draft-inputs"
KEEP = "draft-keep"
GRAPH = "draft-graph"
CHART = "draft-chart"  # holds the graph once there is a draft: no empty plot on every page
ARTICLE = "draft-article"
DOWNLOAD_BUTTON = "draft-download-button"
DOWNLOAD = "draft-download"
NO_DATE_HINT = "No publication date found in the article: enter it under Published."
CALENDARS = ("auto", "JP", "US", "UK", "AU")
SHOWN_CHARS = 200_000  # the article text shown beside the chart, at most


def draft_card() -> html.Section:
    """The panel: inputs, then the draft chart beside the highlighted article, then the items."""
    inputs = html.Div(
        [
            html.Label("Article text", htmlFor=TEXT, className="control-label"),
            dcc.Textarea(
                id=TEXT,
                className="draft-text",
                placeholder="Paste the article (text, Markdown or HTML)…",
                maxLength=MAX_ARTICLE_BYTES,
                style={"width": "100%", "height": "140px"},
            ),
            dcc.Upload(
                id=UPLOAD,
                children=html.Span("…or drop or choose a file (text, Markdown, HTML; up to 2 MB)"),
                max_size=MAX_ARTICLE_BYTES,
                className="draft-upload upload",
            ),
            _options_row(),
            html.Div(id=MESSAGE, className="draft-message", role="status"),
        ],
        className="draft-inputs",
    )
    result = html.Div(
        [
            html.Div(
                id=CHART,
                style={"flex": "3 1 460px", "minWidth": 0},
            ),
            html.Div(
                id=ARTICLE,
                className="draft-article",
                role="region",
                style={"flex": "2 1 300px", "maxHeight": "520px", "overflowY": "auto"},
                **{"aria-label": "The article, each drafted sentence highlighted"},
            ),
        ],
        className="draft-result",
        style={"display": "flex", "flexWrap": "wrap", "gap": "12px", "alignItems": "flex-start"},
    )
    items = _items_block()
    return html.Section(
        [
            html.H2("Draft from an article", className="card-title"),
            inputs,
            dcc.Store(id=STORE),
            result,
            items,
        ],
        className="draft-card card",
        style={"marginTop": "14px", "padding": "12px 14px 14px"},
        **{"aria-label": "Draft from an article"},
    )


def _items_block() -> html.Div:
    """The drafted items as checkboxes (untick to remove) and the YAML download."""
    return html.Div(
        [
            html.H3("Items (untick to remove)", className="card-subtitle"),
            dcc.Checklist(id=KEEP, options=[], value=[], className="draft-keep"),
            html.Button("Download YAML", id=DOWNLOAD_BUTTON, n_clicks=0, className="button"),
            dcc.Download(id=DOWNLOAD),
        ],
        className="draft-items",
    )


def _options_row() -> html.Div:
    return html.Div(
        [
            html.Label("Published", htmlFor=PUBLISHED, className="control-label"),
            dcc.Input(
                id=PUBLISHED,
                type="text",
                placeholder="YYYY-MM-DD (if the article does not say)",
                maxLength=10,
                debounce=True,
            ),
            html.Label("Calendar", htmlFor=CALENDAR, className="control-label"),
            dcc.Dropdown(
                id=CALENDAR,
                options=[
                    {"label": c if c != "auto" else "from the article", "value": c}
                    for c in CALENDARS
                ],
                value="auto",
                clearable=False,
                style={"minWidth": "180px"},
            ),
            html.Button("Draft", id=RUN, n_clicks=0, className="button button-primary"),
        ],
        className="draft-options",
        style={"display": "flex", "flexWrap": "wrap", "gap": "8px", "alignItems": "center"},
    )


def inputs_from(text: object, published: object, calendar: object) -> dict:
    """The panel's inputs checked (DefenseTimelineError with a user message if not usable)."""
    if not isinstance(text, str) or not text.strip():
        raise DefenseTimelineError("Paste an article or upload a file first.")
    if len(text) > MAX_ARTICLE_BYTES:
        raise DefenseTimelineError("The article is over the 2 MB limit for an article.")
    day = None
    if isinstance(published, str) and published.strip():
        try:
            day = date.fromisoformat(published.strip()).isoformat()
        except ValueError:
            raise DefenseTimelineError("Published must be a day YYYY-MM-DD.") from None
    if calendar not in CALENDARS:
        calendar = "auto"
    return {"text": text, "published": day, "calendar": calendar}


def draft_of(inputs: dict) -> Draft:
    """The draft of stored inputs."""
    day = date.fromisoformat(inputs["published"]) if inputs.get("published") else None
    calendar = None if inputs.get("calendar") in (None, "auto") else inputs["calendar"]
    return draft_article(inputs["text"], published=day, calendar=calendar, name="the article")


def item_options(draft: Draft) -> list[dict]:
    """One checkbox per drafted item: its title and its dates as written."""
    options = []
    for it in draft.items:
        dates = " – ".join(v for k, v in it.dates.items() if k != "duration")
        if "duration" in it.dates:
            dates += f" for {it.dates['duration']}"
        options.append({"label": f"{it.title} ({it.kind}, {dates})", "value": it.id})
    return options


def highlighted(draft: Draft, keep: set[str]) -> list:
    """The article as paragraphs, each kept item's sentence in a <mark> (text, never markup)."""
    text = draft.article.text[:SHOWN_CHARS]
    quoted = {(it.sentence.start, it.sentence.end) for it in draft.items if it.id in keep}
    paragraphs, pieces, at = [], [], 0
    for sentence in draft.article.sentences:
        if sentence.end > len(text):
            break
        _plain(text[at : sentence.start], pieces, paragraphs)
        chunk = text[sentence.start : sentence.end]
        hit = (sentence.start, sentence.end) in quoted
        pieces.append(html.Mark(chunk, className="draft-hl") if hit else chunk)
        at = sentence.end
    _plain(text[at:], pieces, paragraphs)
    if pieces:
        paragraphs.append(html.P(pieces))
    if len(draft.article.text) > SHOWN_CHARS:
        paragraphs.append(html.P("… (the rest of the article is not shown)", className="muted"))
    return paragraphs


def _plain(gap: str, pieces: list, paragraphs: list) -> None:
    """Text between sentences; a blank line ends a paragraph."""
    parts = gap.split("\n\n")
    for n, part in enumerate(parts):
        if n > 0 and pieces:
            paragraphs.append(html.P(list(pieces)))
            pieces.clear()
        if part.strip() or (part and pieces):  # the space between two sentences stays
            pieces.append(part)


def _uploaded(contents: object) -> str:
    """The text of an uploaded file (a data: URL), or DefenseTimelineError."""
    if not isinstance(contents, str) or "," not in contents:
        raise DefenseTimelineError("The upload could not be read.")
    try:
        data = base64.b64decode(contents.split(",", 1)[1], validate=True)
    except (binascii.Error, ValueError):
        raise DefenseTimelineError("The upload could not be read.") from None
    return decode(data, "the upload")


def register(app: Dash, _served: object = None) -> None:
    """Attach the panel's callbacks."""
    _register_inputs(app)
    _register_outputs(app)


def _register_inputs(app: Dash) -> None:
    """An upload fills the text; Draft drafts it and lists its items."""

    @app.callback(
        Output(TEXT, "value"),
        Output(MESSAGE, "children", allow_duplicate=True),
        Input(UPLOAD, "contents"),
        prevent_initial_call=True,
    )
    def _upload(contents):
        try:
            return _uploaded(contents), ""
        except DefenseTimelineError as exc:
            return no_update, str(exc)

    @app.callback(
        Output(STORE, "data"),
        Output(KEEP, "options"),
        Output(KEEP, "value"),
        Output(MESSAGE, "children"),
        Input(RUN, "n_clicks"),
        State(TEXT, "value"),
        State(PUBLISHED, "value"),
        State(CALENDAR, "value"),
        prevent_initial_call=True,
    )
    def _run(_clicks, text, published, calendar):
        try:
            inputs = inputs_from(text, published, calendar)
            draft = draft_of(inputs)
        except DefenseTimelineError as exc:
            said = NO_DATE_HINT if NO_DATE in str(exc) else str(exc)
            return no_update, no_update, no_update, said
        n = len(draft.items)
        said = f"{n} item{'s' if n != 1 else ''} drafted"
        cal = draft.calendar.name if draft.calendar else "none"
        message = f"{said}, published {draft.published.isoformat()}, calendar {cal}."
        return inputs, item_options(draft), [it.id for it in draft.items], message


def _register_outputs(app: Dash) -> None:
    """The chart and the highlighted article follow the kept items; the YAML downloads them."""

    @app.callback(
        Output(CHART, "children"),
        Output(ARTICLE, "children"),
        Input(STORE, "data"),
        Input(KEEP, "value"),
        prevent_initial_call=True,
    )
    def _show(inputs, keep):
        try:
            draft = draft_of(inputs_from(*_stored(inputs)))
            kept = {k for k in keep or [] if isinstance(k, str)}
            timeline = draft.timeline(kept)
        except (DefenseTimelineError, InvalidTimeline):
            return [], no_update
        figure = build_figure(timeline, ViewOptions(as_of=draft.published))
        graph = dcc.Graph(id=GRAPH, figure=figure, className="draft-graph")
        return graph, highlighted(draft, kept)

    @app.callback(
        Output(DOWNLOAD, "data"),
        Input(DOWNLOAD_BUTTON, "n_clicks"),
        State(STORE, "data"),
        State(KEEP, "value"),
        prevent_initial_call=True,
    )
    def _download(_clicks, inputs, keep):
        if ctx.triggered_id != DOWNLOAD_BUTTON or not isinstance(inputs, dict):
            return no_update
        try:
            draft = draft_of(inputs_from(*_stored(inputs)))
        except DefenseTimelineError:
            return no_update
        kept = {k for k in keep or [] if isinstance(k, str)}
        return dcc.send_string(
            draft.yaml_text(kept), filename="draft.yaml", type="application/yaml"
        )


def _stored(inputs: object) -> tuple:
    """(text, published, calendar) of the store, whatever the browser sent."""
    if not isinstance(inputs, dict):
        return (None, None, None)
    return inputs.get("text"), inputs.get("published"), inputs.get("calendar")
