"""Draft a timeline from a news article: every dated statement an item, quoted, for review.

article (read, reduce HTML/Markdown to text, find the publication date, split sentences) ->
when (temporal expressions to date expressions of timeline.dates) -> spans (spans, deadlines)
-> items (titles, kinds, hedges, quantities) -> document (a timeline file, validated).
"""

from defense_timeline.draft.article import NO_DATE, Article, read_article
from defense_timeline.draft.document import Draft, draft_article

__all__ = ["NO_DATE", "Article", "Draft", "draft_article", "read_article"]
