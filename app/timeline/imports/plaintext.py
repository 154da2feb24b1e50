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


class _Quoted(_Text):
    """The text outside <blockquote>s, and each blockquote's text before its first link, the
    link's text and href, and the text after it."""

    def __init__(self) -> None:
        super().__init__()
        self.quotes: list[dict[str, str]] = []
        self._open: dict[str, str] | None = None
        self._part = "before"

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _HIDDEN or self.hidden:
            super().handle_starttag(tag, attrs)
        elif tag == "blockquote" and self._open is None:
            self._open, self._part = {"before": "", "link": "", "href": "", "after": ""}, "before"
        elif tag == "a" and self._open is not None and self._part == "before":
            self._open["href"], self._part = dict(attrs).get("href") or "", "link"
        elif self._open is None:
            super().handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN or self.hidden:
            super().handle_endtag(tag)
        elif tag == "blockquote" and self._open is not None:
            self.quotes.append({k: _squeezed(v) for k, v in self._open.items()})
            self._open = None
        elif tag == "a" and self._open is not None and self._part == "link":
            self._part = "after"
        elif self._open is None:
            super().handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self._open is not None and not self.hidden:
            self._open[self._part] += data
        else:
            super().handle_data(data)


def _squeezed(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


def split_quotes(fragment: str) -> tuple[str, list[dict[str, str]]]:
    """(plain text outside blockquotes, each blockquote as {"before", "link", "href",
    "after"}: its text around its first link, as plain text)."""
    parser = _Quoted()
    parser.feed(fragment)
    parser.close()
    if parser._open is not None:  # a blockquote never closed runs to the end
        parser.handle_endtag("blockquote")
    text = _SPACES.sub(" ", "".join(parser.parts).replace("\xa0", " "))
    return _LINES.sub("\n", text).strip(), parser.quotes
