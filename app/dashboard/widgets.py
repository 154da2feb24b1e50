"""Building blocks of the control groups: labelled fields, sections, segmented radios, buttons,
and Control: which component shows a view option and how its value reads back."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from dash import dcc, html


@dataclass(frozen=True, slots=True)
class Control:
    """The component property that shows one view option, and how its value reads back."""

    id: str
    prop: str = "value"
    read: Callable[[Any], Any] | None = None  # None: as every control of the option's kind


def field(label: str, control: Any, for_id: str | None = None, hint: str = "") -> html.Div:
    """A labelled control; the label names the control for screen readers."""
    label_id = {"id": f"{for_id}-label"} if for_id else {}
    children = [html.Label(label, htmlFor=for_id, className="field-label", **label_id)]
    if hint:
        children.append(html.Span(hint, className="field-hint"))
    return html.Div([*children, control], className="field")


def section(title: str, *children: Any, class_name: str = "") -> html.Section:
    """A titled section of the control panel."""
    return html.Section(
        [html.H2(title, className="panel-title"), *children],
        className=f"panel-section {class_name}".strip(),
    )


def radio(cid: str, options: tuple[tuple[str, str], ...], value: str) -> dcc.RadioItems:
    """Segmented radio buttons from (value, label) pairs."""
    return dcc.RadioItems(
        id=cid,
        options=[{"label": label, "value": v} for v, label in options],
        value=value,
        inline=True,
        className="segmented",
        labelClassName="segmented-option",
    )


def button(label: str, cid: str, title: str = "", class_name: str = "btn btn-small") -> html.Button:
    """A small button that counts its clicks; title: its tooltip."""
    extra = {"title": title} if title else {}
    return html.Button(label, id=cid, className=class_name, n_clicks=0, **extra)
