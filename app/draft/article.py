"""An article as plain text: bytes decoded, HTML and Markdown reduced to text, its publication
date found, its sentences located (offsets into the text, for highlighting)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser

import yaml
from defense_timeline.errors import UsageError

MAX_ARTICLE_BYTES = 2_000_000  # a long feature is ~100 kB; anything this big is not an article
MAX_TAGS = 100_000  # a news page has a few thousand; html.parser reads ~30,000 a second
MAX_TEXT_CHARS = 300_000  # the article's text once markup is gone: about 50,000 words
NO_DATE = (
    'no publication date found in the article (no "date YYYY-MM-DD" line, dateline or '
    "published-date meta tag); give it with --published YYYY-MM-DD"
)
TOO_BIG = f"the article is over the {MAX_ARTICLE_BYTES // 1_000_000} MB limit for an article"
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "head", "iframe"})
_BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 section article header footer tr table blockquote "
    "figcaption pre hr dd dt".split()
)
_META_KEYS = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "dc.date",
    "dc.date.issued",
    "pubdate",
    "publish-date",
    "sailthru.date",
)
_MONTHS = "January February March April May June July August September October November December"
_MONTH_NUM = {m[:3].lower(): i for i, m in enumerate(_MONTHS.split(), start=1)}
_MON = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_FULL_DATE = re.compile(
    rf"(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})|(?P<d1>\d{{1,2}})\s+(?P<m1>{_MON}),?\s+(?P<y1>\d{{4}})"
    rf"|(?P<m2>{_MON})\s+(?P<d2>\d{{1,2}}),?\s+(?P<y2>\d{{4}})"
)
_DATE_LINE = re.compile(
    r"\A\s*(?:date|published|publication date|posted)\s*:?\s*(?=\d|[A-Z])", re.IGNORECASE
)
_DATELINE = re.compile(r"\A\s*[A-Z][A-Z .'’-]{1,40}(?:,\s*[A-Z][A-Za-z .]{1,30})?\s*[,(—–-]\s*")
_FRONT = re.compile(r"\A---[ \t]*\n(.{0,20000}?)\n---[ \t]*\n", re.DOTALL)
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Adm|Sgt|Sen|Rep|Gov|Prof|St|No|Jan|Feb|Mar|Apr|"
    r"Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Inc|Co|Corp|Ltd|vs|etc|approx)|\b[A-Z]|\b(?:[A-Z]\.)+[A-Z])\.$"
)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*(?=\s+[\"'“‘(]?[A-Z0-9])|[.!?][\"'”’)]*\s*$")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the article: its verbatim text and where it is in the article's text."""

    text: str  # whitespace runs collapsed to one space: the quote
    start: int
    end: int


@dataclass(slots=True)
class Article:
    """An article reduced to text, with what its header or markup says about it."""

    text: str
    published: date | None = None
    title: str = ""
    publisher: str = ""
    url: str = ""
    calendar: str = ""
    sentences: list[Sentence] = field(default_factory=list)


class _TextOfHtml(HTMLParser):
    """The visible text of an HTML page (scripts and styles dropped) and its date metadata."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.meta: dict[str, str] = {}
        self.title: list[str] = []
        self.skipping = 0
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        """Note date metadata and the title; skip what is not shown; blocks break paragraphs."""
        values = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = values.get("property") or values.get("name") or values.get("itemprop") or ""
            if key.lower() in _META_KEYS and "content" in values:
                self.meta.setdefault(key.lower(), values["content"])
        elif tag == "time" and "datetime" in values:
            self.meta.setdefault("time", values["datetime"])
        if tag == "title":
            self.in_title = True
        if tag in _SKIP_TAGS:
            self.skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        """Close a skipped or block element."""
        if tag == "title":
            self.in_title = False
        if tag in _SKIP_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        """Keep visible text (and the title's)."""
        if self.in_title:
            self.title.append(data)
        elif not self.skipping:
            self.parts.append(data)


def decode(data: bytes, name: str = "ARTICLE") -> str:
    """UTF-8 text of an article, refusing what is too big or is not text."""
    if len(data) > MAX_ARTICLE_BYTES:
        raise UsageError(f"{name}: {TOO_BIG}")
    if b"\x00" in data:
        raise UsageError(f"{name}: the article holds NUL bytes: it is not text")
    text = data.decode("utf-8-sig", errors="replace")
    if text.count("\ufffd") > max(16, len(text) // 100):
        raise UsageError(f"{name}: the article is not UTF-8 text")
    return text


def _is_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or "<body" in head or "<p>" in head


def _markdown_text(text: str) -> str:
    """Markdown reduced to its words: headings, quote marks, bullets, emphasis and link targets."""
    text = re.sub(r"!?\[([^\]\n]{0,500})\]\([^)\n]{0,2000}\)", r"\1", text)
    text = re.sub(r"(?m)^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+)", "", text)
    text = re.sub(r"(?m)^#{1,6}[ \t]*(.*)$", r"\1\n", text)
    return re.sub(r"(\*\*|__)(?=\S)(.{1,300}?)(?<=\S)\1", r"\2", text)


def _iso(value: str) -> date | None:
    """A date from the start of an ISO timestamp, or from a written full date."""
    match = _FULL_DATE.search(value[:80])
    if match is None:
        return None
    try:
        if match["iso"]:
            return date.fromisoformat(match["iso"])
        day, month, year = (
            (match["d1"], match["m1"], match["y1"])
            if match["d1"]
            else (match["d2"], match["m2"], match["y2"])
        )
        return date(int(year), _MONTH_NUM[month[:3].lower()], int(day))
    except (ValueError, KeyError):
        return None


def _front_matter(article: Article, text: str) -> str:
    """Markdown front matter (---/---): date, title, publisher, url and calendar; the rest."""
    match = _FRONT.match(text)
    if match is None:
        return text
    try:
        data = yaml.safe_load(match[1])
    except yaml.YAMLError:
        return text
    if not isinstance(data, dict):
        return text
    for key in ("date", "published"):
        value = data.get(key)
        if isinstance(value, date):
            article.published = value
        elif isinstance(value, str) and _iso(value):
            article.published = _iso(value)
    for key in ("title", "publisher", "url", "calendar"):
        if isinstance(data.get(key), str):
            setattr(article, key, data[key].strip())
    return text[match.end() :]


def _header_date(article: Article, text: str) -> str:
    """A leading "date 2017-02-19" line or a dateline ("LONDON, 2 June 2025 —"); the rest."""
    for pattern in (_DATE_LINE, _DATELINE):
        match = pattern.match(text)
        if match is None:
            continue
        when = _FULL_DATE.match(text, match.end())
        if when is not None and _iso(when[0]):
            if article.published is None:
                article.published = _iso(when[0])
            rest = text[when.end() :]
            return re.sub(r"\A[ \t]*\)?[ \t]*[-—–:|]?[ \t]*", "", rest)
    return text


def read_article(data: bytes | str, name: str = "ARTICLE") -> Article:
    """The text of an article (text, Markdown or HTML) and what it says about itself."""
    text = decode(data, name) if isinstance(data, bytes) else data
    if len(text) > MAX_ARTICLE_BYTES:
        raise UsageError(f"{name}: {TOO_BIG}")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    article = Article("")
    if _is_html(text):
        if text.count("<") > MAX_TAGS:
            raise UsageError(f"{name}: the page has over {MAX_TAGS:,} tags: not an article")
        parser = _TextOfHtml()
        parser.feed(text)
        parser.close()
        for key in (*_META_KEYS, "time"):
            if key in parser.meta and _iso(parser.meta[key]):
                article.published = _iso(parser.meta[key])
                break
        article.title = " ".join("".join(parser.title).split())[:300]
        text = "".join(parser.parts)
    else:
        text = _markdown_text(_front_matter(article, text))
    text = re.sub(r"[ \t\f\v]+", " ", text)
    text = re.sub(r"\n\s*\n\s*", "\n\n", text).strip()
    article.text = _header_date(article, text).strip()
    if len(article.text) > MAX_TEXT_CHARS:
        raise UsageError(
            f"{name}: the article's text is over {MAX_TEXT_CHARS:,} characters; draft it in parts"
        )
    article.sentences = split_sentences(article.text)
    return article


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of a text, paragraph by paragraph, abbreviations (Feb., U.S.) kept whole."""
    found: list[Sentence] = []
    for para in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", text):
        begin, body = para.start(), para.group()
        start = 0
        for end in _SENTENCE_END.finditer(body):
            if _ABBREV.search(body[max(start, end.start() - 12) : end.start() + 1]):
                continue
            _add(found, body, begin, start, end.end())
            start = end.end()
        _add(found, body, begin, start, len(body))
    return found


def _add(found: list[Sentence], body: str, begin: int, start: int, end: int) -> None:
    piece = body[start:end]
    lead = len(piece) - len(piece.lstrip())
    words = " ".join(piece.split())
    if words:
        found.append(Sentence(words, begin + start + lead, begin + start + len(piece.rstrip())))


def published_or_error(article: Article, given: date | None, name: str = "ARTICLE") -> date:
    """The publication date given, else the one the article states, else a clear error."""
    if given is not None:
        return given
    if article.published is None:
        raise UsageError(f"{name}: {NO_DATE}")
    return article.published
