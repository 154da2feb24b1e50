"""The `defense-timeline` command line: a thin layer over the library, a module per command."""

from defense_timeline.cli import commands as _commands  # noqa: F401  (registers the commands)
from defense_timeline.cli import new as _new  # noqa: F401  (registers `new`)
from defense_timeline.cli.base import main
from defense_timeline.cli.viewopts import build_view, click_option, command_options, option_values

__all__ = ["build_view", "click_option", "command_options", "main", "option_values"]
