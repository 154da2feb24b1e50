"""A draft as a timeline file: the article its one source, `as_of` its publication date, one
item per dated statement tagged `draft`; checked by the project's loader before it is given out."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import yaml
from defense_timeline.draft.article import Article, published_or_error, read_article
from defense_timeline.draft.items import DraftItem, draft_items
from defense_timeline.draft.when import Context
from defense_timeline.errors import UsageError
from defense_timeline.timeline.dates import Calendar, calendar_from
from defense_timeline.timeline.loader import loads
from defense_timeline.timeline.model import Timeline

SOURCE_ID = "article"
LANE_ID = "draft"
_COUNTRY_WORDS = {
    "JP": r"Japan\w*|Tokyo|Self-Defense|Diet|yen",
    "US": r"Pentagon|U\.S\.|United States|American|Washington|Congress",
    "UK": r"Britain|British|UK|U\.K\.|United Kingdom|London|Whitehall|Ministry of Defence",
    "AU": r"Australia\w*|Canberra",
}


def infer_calendar(text: str) -> str | None:
    """The calendar of the country an article is most about (by its words), or None."""
    counts = {
        name: len(re.findall(rf"\b(?:{words})\b", text)) for name, words in _COUNTRY_WORDS.items()
    }
    best = max(counts, key=counts.get)
    return best if counts[best] else None


@dataclass(slots=True)
class Draft:
    """The article, the items drafted from it and the timeline file that holds them."""

    article: Article
    published: date
    calendar: Calendar | None
    items: list[DraftItem]
    source: dict = field(default_factory=dict)
    calendar_inferred: bool = False  # True when the calendar came from the article's words

    def document(self, keep: set[str] | None = None) -> dict:
        """The timeline file as plain data (only the items whose ids are in keep, if given)."""
        return _document(self, keep)

    def yaml_text(self, keep: set[str] | None = None) -> str:
        """The timeline file as YAML: plain strings only (yaml.safe_dump)."""
        return to_yaml(self.document(keep))

    def timeline(self, keep: set[str] | None = None, name: str = "<draft>") -> Timeline:
        """The draft loaded by the project's loader: it validates, or InvalidTimeline says why."""
        return loads(self.yaml_text(keep), name)


def to_yaml(document: dict) -> str:
    """YAML of a draft document, keys in the order written, Unicode kept."""
    header = "# Drafted by `defense-timeline draft`: review every item against its quote.\n"
    body = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)
    return header + body


def _slug(title: str) -> str:
    words = re.findall(r"[a-z0-9]+", title.lower())
    return "-".join(words[:6])[:48].strip("-") or "item"


def _assign_ids(items: list[DraftItem]) -> None:
    seen: dict[str, int] = {}
    for item in items:
        base = _slug(item.title)
        seen[base] = seen.get(base, 0) + 1
        item.id = base if seen[base] == 1 else f"{base}-{seen[base]}"


def _item_data(item: DraftItem) -> dict:
    data: dict = {
        "id": item.id,
        "title": item.title,
        "kind": item.kind,
        "lane": LANE_ID,
        **item.dates,
        "tags": ["draft"],
    }
    if item.quantities:
        data["quantities"] = [dict(q) for q in item.quantities]
    if item.notes:
        data["notes"] = item.notes
    data["sources"] = [{"id": SOURCE_ID, "quote": item.sentence.text}]
    return data


def _document(draft: Draft, keep: set[str] | None) -> dict:
    items = [it for it in draft.items if keep is None or it.id in keep]
    title = draft.source.get("title") or f"Article of {draft.published.isoformat()}"
    document: dict = {
        "title": f"Draft: {title}"[:300],
        "description": (
            "Drafted from one article by defense-timeline draft: every item quotes its sentence "
            "and is tagged draft. Review each before keeping it."
        ),
        "as_of": draft.published.isoformat(),
    }
    if draft.calendar is not None:
        document["calendar"] = (
            draft.calendar.name
            if draft.calendar.name != "custom"
            else {
                "start": f"{draft.calendar.start_month:02d}-{draft.calendar.start_day:02d}",
                "named_by": draft.calendar.named_by,
            }
        )
    source = {"id": SOURCE_ID, "title": title}
    for key in ("publisher", "url"):
        if draft.source.get(key):
            source[key] = draft.source[key]
    source["date"] = draft.published.isoformat()
    source["kind"] = "news report"
    document["sources"] = [source]
    document["lanes"] = [{"id": LANE_ID, "label": "Drafted from the article"}]
    document["items"] = [_item_data(it) for it in items]
    return document


def draft_article(
    data: bytes | str,
    *,
    published: date | None = None,
    calendar: object = None,  # JP, US, UK, AU or a custom one; default: the article's country
    source_title: str | None = None,
    publisher: str | None = None,
    url: str | None = None,
    name: str = "ARTICLE",
) -> Draft:
    """Draft a timeline from an article (text, Markdown or HTML; bytes or str)."""
    article = read_article(data, name)
    day = published_or_error(article, published, name)
    chosen = calendar if calendar not in (None, "") else (article.calendar or None)
    inferred = chosen is None
    if inferred:
        chosen = infer_calendar(article.text)
    cal = calendar_from(chosen) if chosen is not None else None
    items = draft_items(article.sentences, Context(day, cal))
    _assign_ids(items)
    source = {
        "title": _one_line(source_title or article.title),
        "publisher": _one_line(publisher or article.publisher),
        "url": (url or article.url or "").strip(),
    }
    if source["url"] and not re.match(r"https?://\S+\Z", source["url"]):
        raise UsageError(f"--url must be an http(s) URL, got {source['url'][:80]!r}")
    return Draft(article, day, cal, items, source, inferred and cal is not None)


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())[:300]
