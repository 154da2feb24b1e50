"""HTML from TimelineJS text fields reduced to plain text, with the standard library's parser."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BREAKS = frozenset("br p div li ul ol h1 h2 h3 h4 h5 h6 blockquote tr table section".split())
_HIDDEN = frozenset(("script", "style", "template"))
_SPACES = re.compile(r"[ \t\r\f\v]+")
_LINES = re.compile(r"\s*\n\s*")


class _Text(HTMLParser):
    """Collects the text of a fragment: character data, entities resolved, hidden parts skipped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(self.hidden - 1, 0)
        elif tag in _BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def plain_text(fragment: str) -> str:
    """The text a reader sees in an HTML fragment: tags dropped, entities resolved, blocks on
    their own lines, runs of spaces collapsed."""
    if "<" not in fragment and "&" not in fragment:
        return _LINES.sub("\n", _SPACES.sub(" ", fragment)).strip()
    parser = _Text()
    parser.feed(fragment)
    parser.close()
    text = _SPACES.sub(" ", "".join(parser.parts).replace("\xa0", " "))
    return _LINES.sub("\n", text).strip()
