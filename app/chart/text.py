"""Every piece of text the chart shows: escaped labels, hover cards and plan-against-outcome slips.

Text from a timeline file never reaches plotly unescaped: plotly renders a subset of HTML in
hover cards, labels and titles, so each file string goes through esc() exactly once.
"""

from __future__ import annotations

import html
import textwrap
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from defense_timeline.timeline.model import Source
from defense_timeline.view.describe import said_status, state_line

WRAP = 80
DASH = " – "  # between the dates of an interval
BRIEF_ITEMS = 1000  # from this many drawn items: brief hover cards (the full card is in the
# dashboard's details panel and the export's table), which were most of the figure's bytes
DAY_MS = 86_400_000
LABEL_PX = 11  # font size of item labels
ELLIPSIS = "…"

# Advance widths (in em) of the chart's Arial-metric fonts (vocabulary.FONT: Helvetica, Arial,
# Liberation Sans), rounded up into classes: labels are laid out from these before any browser
# draws them. Other characters count as 0.6 em, East Asian wide ones as 1 em.
_EM_CLASSES = {
    0.23: "ijl'|",
    0.28: "ftI!,./:;[]\\ ",
    0.34: 'r()-`{}"',
    0.5: "cksvxyzJ*^",
    0.56: "0123456789abdeghnopquL#$?_+<=>~",
    0.62: "FTZ",
    0.67: "ABEKPSVXY&",
    0.73: "wCDHNRU",
    0.78: "GOQ",
    0.84: "mM",
    0.95: "W@%",
}
_EM = {ch: em for em, chars in _EM_CLASSES.items() for ch in chars}
BOLD = 1.1  # bold text is about this much wider


def _em(ch: str) -> float:
    """Advance width of one character in em."""
    em = _EM.get(ch)
    if em is None:
        em = 1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.6
    return em


def text_px(text: str, size: float, bold: bool = False) -> float:
    """About how many pixels wide text is drawn at this font size (a little generous)."""
    return sum(_em(ch) for ch in text) * size * (BOLD if bold else 1.0) * 1.03


_LATIN1_EM = np.array([_em(chr(code)) for code in range(256)])


def texts_px(texts: list[str], size: float) -> np.ndarray:
    """text_px of many texts at once: one numpy pass over their characters (Latin-1 text; any
    other falls back to text_px), so fifty thousand titles cost milliseconds, not seconds."""
    try:
        codes = np.frombuffer("".join(texts).encode("latin-1"), dtype=np.uint8)
    except UnicodeEncodeError:
        return np.array([text_px(text, size) for text in texts], dtype=float)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    ends = np.cumsum(lengths)
    running = np.concatenate(([0.0], np.cumsum(_LATIN1_EM[codes])))
    return (running[ends] - running[ends - lengths]) * size * 1.03


def fit_text(text: str, px: float, size: float, bold: bool = False) -> str:
    """text, or its start with an ellipsis, whichever fits in px ("" when nothing does)."""
    if text_px(text, size, bold) <= px:
        return text
    room = px - text_px(ELLIPSIS, size, bold)
    used, n = 0.0, 0
    scale = size * (BOLD if bold else 1.0) * 1.03
    while n < len(text) and used + _em(text[n]) * scale <= room:
        used += _em(text[n]) * scale
        n += 1
    head = text[:n].rstrip()
    return head + ELLIPSIS if head else ""


def wrap_px(text: str, px: float, size: float, lines: int, bold: bool = False) -> list[str]:
    """text broken at spaces into lines that fit px, at most `lines` (the last one shortened)."""
    out: list[str] = []
    words = " ".join(text.split()).split(" ")
    while words and words != [""]:
        line = words.pop(0)
        while words and text_px(f"{line} {words[0]}", size, bold) <= px:
            line += " " + words.pop(0)
        if len(out) == lines - 1 and words:  # the last line: cut at a word's end if one fits
            cut = fit_text(f"{line} {' '.join(words)}", px, size, bold)
            line = cut[: cut.rfind(" ")] + " " + ELLIPSIS if " " in cut[len(line) :] else cut
            words = []
        out.append(fit_text(line, px, size, bold))
    return out


def esc(text: object) -> str:
    """File text made safe for plotly's HTML subset."""
    return html.escape(str(text), quote=False)


def wrapped(text: str, width: int = WRAP, lines: int = 4) -> str:
    """Escaped text broken into at most `lines` hover lines of about `width` characters."""
    if len(text) <= width:
        return esc(text)
    parts = textwrap.wrap(text, width, max_lines=lines, placeholder=" …")
    return "<br>".join(esc(p) for p in parts)


def label_text(title: str, uncertain: bool, approximate: bool) -> str:
    """An item's label (unescaped): its title, "~" when approximate, "?" when uncertain (the
    chart shortens it at the end only where it does not fit)."""
    return " ".join(title.split()) + (" ~" if approximate else "") + (" ?" if uncertain else "")


def iso_days(values: pd.Series) -> list[str]:
    """YYYY-MM-DD strings of a datetime column ("" for NaT)."""
    days = values.to_numpy().astype("datetime64[D]")
    out = np.datetime_as_string(days, unit="D")
    return np.where(np.isnat(days), "", out).tolist()


def real_dates(kind: str, start: str, end: str) -> str:
    """The interval a row stands for, "2018-07-01 – 2018-12-31", one day once, open end named."""
    if not end:
        return f"{start}{DASH}open-ended"
    if kind != "period" and start == end:
        return start
    return f"{start}{DASH}{end}"


def slip_text(row: Mapping[str, object]) -> str:
    """How an item stands against its plan, in view.slips' words: "planned: A – B; now ends C,
    5.0 years earlier; status was planned" ("" when nothing changed)."""
    parts = [esc(row["change"])] if row["change"] else []
    planned = row["planned_dates_text"]
    if planned and said_status(row["status"]) != said_status(row["planned_status"]):
        parts.append(f"status was {said_status(row['planned_status']) or 'not stated'}")
    if planned and parts:
        parts.insert(0, f"planned: {esc(planned)}")
    return "; ".join(parts)


def _source_line(ids: tuple[str, ...], sources: Mapping[str, Source]) -> str:
    """'Sources: title; title' with unknown ids shown as ids, at most three named."""
    titles = [sources[i].title if i in sources else i for i in ids]
    more = f"; and {len(titles) - 3} more" if len(titles) > 3 else ""
    return "Sources: " + "; ".join(wrapped(t, WRAP, 2) for t in titles[:3]) + more


def hover_texts(df: pd.DataFrame, sources: Mapping[str, Source]) -> list[str]:
    """One full hover card per row: title, dates, kind and status, the slip, sources, notes."""
    cols = {name: df[name].tolist() for name in _HOVER_COLUMNS}
    for name in ("start", "end"):
        cols[f"{name}_iso"] = iso_days(df[name])
    keys = list(cols)
    rows = zip(*cols.values(), strict=True)
    return [_card(dict(zip(keys, vals, strict=True)), sources) for vals in rows]


WHEN, LAST_FIELD, END_FIELD = "%{customdata[2]}", "%{customdata[3]}", "%{customdata[4]}"
BRIEF_TEMPLATE = f"<b>%{{customdata[1]}}</b><br>{WHEN}<br>{LAST_FIELD}<extra></extra>"
PERIOD_LINE = "Period · "  # how a period's last brief line starts


@dataclass(frozen=True)
class Cards:
    """Each row's hover card: whole cards (a trace sends each once, in its meta), or the
    brief card's escaped fields, sent as customdata columns after the id under one template
    per trace (its markup once per trace, not once per card)."""

    whole: np.ndarray | None = None
    fields: tuple[np.ndarray, ...] = ()
    template: str = BRIEF_TEMPLATE

    def columns(self, rows: np.ndarray, periods: bool) -> tuple[tuple[np.ndarray, ...], str]:
        """The brief fields of these rows and their template; for rows all periods, the
        kind their last line starts with is written once, in the template."""
        title, when, what = (field[rows] for field in self.fields)
        if not periods:
            return (title, when, what), self.template
        what = np.array([w.removeprefix(PERIOD_LINE) for w in what.tolist()], dtype=object)
        start, end = np.array([w.split(DASH, 1) for w in when.tolist()], dtype=object).T
        template = self.template.replace(LAST_FIELD, PERIOD_LINE + LAST_FIELD)
        return (title, start, what, end), template.replace(WHEN, WHEN + DASH + END_FIELD)


def hover_cards(df: pd.DataFrame, sources: Mapping[str, Source]) -> Cards:
    """Each row's hover card: the full card, or the brief one from BRIEF_ITEMS rows on."""
    if len(df) < BRIEF_ITEMS:
        return Cards(whole=np.array(hover_texts(df, sources), dtype=object))
    return Cards(fields=tuple(np.array(f, dtype=object) for f in brief_fields(df)))


def brief_fields(df: pd.DataFrame) -> tuple[list[str], list[str], list[str]]:
    """The three lines of a large chart's brief hover card (a click shows the rest), escaped:
    title; dates as read; kind and deadline state, and whether the plan was revised."""
    start, end = iso_days(df["start"]), iso_days(df["end"])
    titles = [wrapped(t, WRAP, 3) for t in df["title"].tolist()]
    when = [real_dates(*row) for row in zip(df["kind"].tolist(), start, end, strict=True)]
    what = [
        state_line(kind, state, None) + (" · revised" if revised else "")  # see PERIOD_LINE
        for kind, state, revised in zip(
            df["kind"].tolist(), df["state"].tolist(), df["revised"].tolist(), strict=True
        )
    ]
    return titles, when, what


_HOVER_COLUMNS = (
    "title kind status state lane_label dates_text change planned_dates_text "
    "planned_status quantities sources quote notes reported n_statements"
).split()


def _card(row: dict, sources: Mapping[str, Source]) -> str:
    """The hover card of one row."""
    real = real_dates(row["kind"], row["start_iso"], row["end_iso"])
    lines = [f"<b>{wrapped(row['title'], WRAP, 3)}</b>", real]
    if row["dates_text"] != real:
        lines[-1] += f"  (written: {esc(row['dates_text'])})"
    lines.append(
        f"{state_line(row['kind'], row['state'], row['status'])} · {esc(row['lane_label'])}"
    )
    change = slip_text(row)
    if change:
        lines.append(change)
    return "<br>".join(lines + _details(row, sources))


def _details(row: dict, sources: Mapping[str, Source]) -> list[str]:
    """Quantities, sources, first quote, notes and reporting of one row."""
    lines = []
    if row["quantities"]:
        lines.append(f"Quantities: {wrapped(row['quantities'])}")
    if row["sources"]:
        lines.append(_source_line(row["sources"], sources))
    if row["quote"]:
        lines.append(f"<i>“{wrapped(row['quote'])}”</i>")
    if row["notes"]:
        lines.append(wrapped(row["notes"]))
    reported = row["reported"]
    known = f"reported {reported:%Y-%m-%d}" if not pd.isna(reported) else "report date unknown"
    plural = "s" if row["n_statements"] != 1 else ""
    lines.append(
        f"<span style='color:#666'>{known} · {row['n_statements']} statement{plural}</span>"
    )
    return lines
