"""The view options of `table` and `export`, derived from the one declaration in view.options."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import click
from defense_timeline.errors import DefenseTimelineError, UsageError
from defense_timeline.timeline.model import Timeline
from defense_timeline.view.options import OPTIONS, Option, ViewOptions, option, view_of

# --help lists the view options in this order, as the README does; options declared later follow.
HELP_ORDER = (
    "--as-of",
    "--baseline",
    "--source",
    "--lane",
    "--kind",
    "--status",
    "--tag",
    "--from",
    "--to",
    "--search",
    "--width",
    "--height",
    "--fiscal-axis",
    "--color-by",
    "--rows",
    "--no-links",
    "--no-baseline",
)


def command_options(command: str, declared: tuple[Option, ...] = OPTIONS) -> list[Option]:
    """The declared options `table` or `export` offers, in --help order."""
    offered = [o for o in declared if o.flag and (command == "export" or not o.export_only)]
    rank = {flag: i for i, flag in enumerate(HELP_ORDER)}
    return sorted(offered, key=lambda o: rank.get(o.flag, len(rank)))


def click_option(opt: Option) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The click option of a declared view option; its value arrives under the option's name."""
    kwargs: dict[str, Any] = {"help": opt.help, "metavar": opt.metavar}
    if opt.kind in ("names", "choices"):
        kwargs["multiple"] = True
    if opt.kind in ("choices", "choice"):
        kwargs["type"] = click.Choice(opt.cli_choices or opt.choices, case_sensitive=False)
    if opt.kind == "choice" and opt.flag_value:  # the flag alone, or with a value
        kwargs.update(is_flag=False, flag_value=_cli_word(opt, opt.flag_value))
        kwargs["default"] = _cli_word(opt, opt.default)
    elif opt.kind == "choice":
        kwargs.update(default=_cli_word(opt, opt.default), show_default=True)
    elif opt.kind == "text":
        kwargs["default"] = opt.default
    elif opt.kind == "flag":
        kwargs["is_flag"] = True
    elif opt.kind == "pixels" and opt.cli_range:
        kwargs["type"] = click.IntRange(min=opt.cli_range[0], max=opt.cli_range[1])
    return click.option(opt.flag, opt.name, **kwargs)


def _cli_word(opt: Option, value: str) -> str:
    """A choice as the command line spells it (`--rows item` for the layout "rows")."""
    return opt.cli_choices[opt.choices.index(value)] if opt.cli_choices else value


def view_options(command: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorate a command with the view options it offers."""

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        for opt in reversed(command_options(command)):
            func = click_option(opt)(func)
        return func

    return decorate


def _day(opt: Option, text: str | None, timeline: Timeline) -> date | None:
    """A date option resolved in the timeline's calendar: its first or its last day."""
    if text is None:
        return None
    from defense_timeline.timeline.dates import parse_date

    try:
        spec = parse_date(text.strip(), timeline.calendar)
    except DefenseTimelineError as exc:
        raise UsageError(f"{opt.flag}: {exc}") from None
    return spec.last if opt.cli_last_day else spec.first


def _check_known(opt: Option, wanted: tuple[str, ...], timeline: Timeline) -> tuple[str, ...]:
    """Refuse a lane or tag the timeline does not have (a typo would silently show nothing)."""
    known = [value for value, _ in opt.offered(timeline)] if opt.offered else []
    for value in wanted:
        if value not in known:
            choices = ", ".join(known) if known else "none"
            raise UsageError(f"{opt.flag}: no {opt.noun} {value!r} in this timeline ({choices})")
    return tuple(wanted)


# How each kind of option's command-line value becomes its value in a view.
CLI_VALUES: dict[str, Callable[[Option, Any, Timeline], Any]] = {
    "day": _day,
    "names": _check_known,
    "name": lambda opt, given, tl: _check_known(opt, (given,), tl)[0] if given else "",
    "choices": lambda opt, given, _: tuple(given),
    "text": lambda opt, given, _: given or "",
    "choice": lambda opt, given, _: opt.choices[(opt.cli_choices or opt.choices).index(given)],
    "flag": lambda opt, given, _: (not opt.default) if given else opt.default,
    "pixels": lambda opt, given, _: given,
}


def option_values(
    timeline: Timeline, opts: dict[str, Any], declared: tuple[Option, ...] = OPTIONS
) -> dict[str, Any]:
    """The value of each declared option a command was given, by name; UsageError when bad."""
    values = {
        o.name: CLI_VALUES[o.kind](o, opts[o.name], timeline) for o in declared if o.name in opts
    }
    if values.get("source") and values.get("as_of"):
        first, second = option("source").flag, option("as_of").flag
        raise UsageError(f"{first} shows the timeline as of the source's date: leave out {second}")
    for first, last in (("window_start", "window_end"), ("x_from", "x_to")):
        start, stop = values.get(first), values.get(last)
        if start and stop and start > stop:
            raise UsageError(f"{option(first).flag} {start} is after {option(last).flag} {stop}")
    return values


def build_view(timeline: Timeline, opts: dict[str, Any]) -> ViewOptions:
    """ViewOptions and Filters from the parsed options of `table` or `export`."""
    return view_of(option_values(timeline, opts))
