"""`defense-timeline draft`: propose a timeline file from a news article, every item quoted."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click
from defense_timeline.cli.base import CliError, emit, main
from defense_timeline.errors import UsageError

DRAFT_HELP = """Draft a timeline from a news article (text, Markdown or HTML; - for stdin).

\b
One item per dated statement, its sentence quoted and tagged "draft";
dates at the precision the text gives, resolved against the publication
date and the calendar. The article's publication date is taken from a
"date YYYY-MM-DD" line, a dateline or an HTML meta tag unless --published
gives it. The result validates; review every item before keeping it.
"""


def _read(article: str) -> tuple[bytes, str]:
    """The article's bytes (bounded) and the name to show in messages."""
    from defense_timeline.draft.article import MAX_ARTICLE_BYTES

    if article == "-":
        return sys.stdin.buffer.read(MAX_ARTICLE_BYTES + 1), "<stdin>"
    path = Path(article)
    if not path.exists():
        raise CliError(f"{path}: no such file")
    if path.is_dir():
        raise CliError(f"{path}: is a directory, not an article")
    with path.open("rb") as fh:
        return fh.read(MAX_ARTICLE_BYTES + 1), str(path)


def _day(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(f"--published must be a day YYYY-MM-DD, got {value!r}") from None


@main.command("draft", help=DRAFT_HELP)
@click.argument("article")
@click.option("--published", metavar="YYYY-MM-DD", help="The article's publication date.")
@click.option(
    "--calendar",
    metavar="JP|US|UK|AU",
    help="Fiscal-year calendar (default: the country the article is most about).",
)
@click.option("--source-title", metavar="TEXT", help="Title of the article (its source entry).")
@click.option("--publisher", metavar="TEXT", help="Publisher of the article.")
@click.option("--url", metavar="URL", help="The article's http(s) URL.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write here (atomically).")
def draft_command(
    article: str,
    published: str | None,
    calendar: str | None,
    source_title: str | None,
    publisher: str | None,
    url: str | None,
    output: Path | None,
) -> None:
    """Draft a timeline file from an article; it is validated before it is written."""
    from defense_timeline.draft import draft_article

    data, name = _read(article)
    draft = draft_article(
        data,
        published=_day(published),
        calendar=calendar,
        source_title=source_title,
        publisher=publisher,
        url=url,
        name=name,
    )
    text = draft.yaml_text()
    draft.timeline(name=str(output) if output else "<draft>")  # InvalidTimeline: nothing written
    emit(text, output)
    if draft.calendar_inferred:
        cal = draft.calendar.name
        click.echo(
            f"calendar: {cal} (inferred from the article; give --calendar to change)", err=True
        )
    n = len(draft.items)
    where = str(output) if output else "stdout"
    click.echo(f"{where}: {n} item{'' if n == 1 else 's'} drafted from {name}", err=True)
