"""Drafting from an article: every documented expression at its interval, the source article's
statements at the gold intervals, publication-date detection and the drafted file."""

from __future__ import annotations

import re
from datetime import date

import pytest
import yaml
from defense_timeline.draft import draft_article
from defense_timeline.draft.article import read_article, split_sentences
from defense_timeline.errors import DefenseTimelineError, UsageError

from tests.data import ROOT

SOURCE = ROOT / "benchmarks" / "draft_eval" / "source_article_2017-02-19.txt"
GOLD = ROOT / "benchmarks" / "draft_eval" / "gold.yaml"


def _readme_rows() -> list[list[str]]:
    """The rows of the README's table of expressions (section "Draft from an article")."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Draft from an article", 1)[1].split("\n## ", 1)[0]
    table = section.split("| expression | example sentence |", 1)[1].split("\n\n", 1)[0]
    rows = [line for line in table.splitlines()[2:] if line.startswith("| ")]
    return [[cell.strip() for cell in row.strip("|").split(" | ")] for row in rows]


ROWS = _readme_rows()


def test_the_readme_documents_every_form_the_issue_names():
    forms = " ".join(row[0] for row in ROWS)
    for form in (
        "Feb. 3", "3 February 2017", "December 2013", "in 2013", "fiscal 2019", "FY2019",
        "fiscal 2019 to 2023", "2024-25", "2024-25 to 2033-34", "the second half of next year",
        "the first quarter", "this month", "earlier this month", "last December", "next year",
        "next month", "last year", "on Tuesday", "said Saturday", "by June",
        "by the end of the year", "by fiscal 2023", "due in 2026", "through March 2019",
        "from 2018 to 2020", "between 2019 and 2021", "over five years from fiscal 2014",
        "in the coming years", "in the next parliament",
    ):  # fmt: skip
        assert f"`{form}`" in forms, form
    assert len(ROWS) >= 35


@pytest.mark.parametrize("row", ROWS, ids=[r[0] for r in ROWS])
def test_each_documented_expression_resolves_to_its_interval(row):
    _form, sentence, published, drafted, interval = row
    day, calendar = published.split(", ")
    draft = draft_article(sentence, published=date.fromisoformat(day), calendar=calendar)
    timeline = draft.timeline()
    if drafted == "no item":
        assert timeline.items == ()
        return
    kind, fields = re.fullmatch(r"(\w+) `(.*)`", drafted).groups()
    item, written = timeline.items[-1], draft.items[-1]
    assert item.kind == kind
    assert written.dates == dict(pair.split(": ") for pair in fields.split(", "))
    first, _, last = interval.partition(" .. ")
    base = item.base
    if last == "(open)":  # a period with a start only runs on
        assert (base.start.first, base.end) == (date.fromisoformat(first), None)
    else:
        assert (base.start.first, (base.end or base.start).last) == (
            date.fromisoformat(first),
            date.fromisoformat(last or first),
        )
    assert "draft" in item.tags
    assert base.sources[0].quote in sentence


def test_the_source_article_drafts_every_gold_statement_with_its_sentence():
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))["articles"][0]
    assert gold["file"] == SOURCE.name
    draft = draft_article(SOURCE.read_bytes())  # no calendar: JP inferred from the article
    assert draft.calendar.name == "JP" and draft.calendar_inferred
    timeline = draft.timeline()
    assert timeline.as_of == date(2017, 2, 19)
    assert [s.id for s in timeline.sources.values()] == ["article"]
    sentences = {s.text for s in draft.article.sentences}
    free = list(timeline.items)
    for g in gold["statements"]:
        hit = next(
            it
            for it in free
            if g["in"] in it.base.sources[0].quote
            and (it.base.end or it.base.start).last == g["end"]
            and (g["kind"] == "deadline" or it.base.start.first == g["start"])
        )
        assert hit.base.sources[0].quote in sentences
        free.remove(hit)
    assert free == []  # nothing drafted that is not a dated statement of the article


def test_hedges_quantities_and_kinds_of_the_source_article():
    items = draft_article(SOURCE.read_bytes()).timeline().items
    by_quote = {}
    for it in items:
        by_quote.setdefault(it.base.sources[0].quote[:40], []).append(it)
    due = next(it for it in items if it.kind == "deadline")
    assert due.base.start.text == "2017-06?" and due.base.start.uncertain
    h2 = next(it for it in items if it.base.start.text == "2018-H2?")
    assert h2.kind == "milestone"
    bought = [str(q) for it in items for q in it.base.quantities]
    assert bought == [
        "17 Osprey tilt-rotor aircraft",
        "52 amphibious vehicles",
        "3 drones for surveillance",
    ]
    formed = next(it for it in items if "formed" in it.base.title)
    assert (formed.kind, formed.base.start.text) == ("milestone", "2018")


@pytest.mark.parametrize(
    ("text", "day"),
    [
        (" date 2017-02-19 Japan plans to update its guidelines.", date(2017, 2, 19)),
        ("---\ntitle: T\ndate: 2023-04-24\n---\nThe review was released.", date(2023, 4, 24)),
        ("LONDON, 17 July 2024 — The review was launched.", date(2024, 7, 17)),
        ("WASHINGTON (Oct. 27, 2022) - The strategy was released.", date(2022, 10, 27)),
        ("Published: 2 June 2025\n\nThe review was published.", date(2025, 6, 2)),
        (
            '<html><head><meta property="article:published_time" '
            'content="2024-04-17T12:30:00+10:00"></head><body><p>Text.</p></body></html>',
            date(2024, 4, 17),
        ),
        (
            '<html><head><meta name="og:published_time" content="2021-09-16"></head>'
            "<body><p>Text.</p></body></html>",
            date(2021, 9, 16),
        ),
        (
            '<html><body><time datetime="2020-07-01">1 July</time><p>Text.</p></body></html>',
            date(2020, 7, 1),
        ),
        ("The plan was approved in 2013.", None),
    ],
)
def test_publication_date_detection(text, day):
    assert read_article(text).published == day


def test_the_date_line_and_dateline_are_not_part_of_the_first_sentence():
    article = read_article("LONDON, 17 July 2024 — The review was launched on Tuesday.")
    assert [s.text for s in article.sentences] == ["The review was launched on Tuesday."]
    article = read_article(SOURCE.read_bytes())
    assert article.sentences[0].text.startswith("Japan plans to update")


def test_published_given_wins_and_no_date_is_a_clear_error():
    draft = draft_article(" date 2017-02-19 It was approved last year.", published=date(2020, 5, 1))
    assert draft.items[0].dates == {"date": "2019"}
    with pytest.raises(UsageError) as err:
        draft_article("It was approved last year.", name="note.txt")
    assert str(err.value) == (
        'note.txt: no publication date found in the article (no "date YYYY-MM-DD" line, '
        "dateline or published-date meta tag); give it with --published YYYY-MM-DD"
    )


def test_sentences_keep_abbreviations_whole_and_offsets_point_into_the_text():
    text = "The U.S. and Japan met on Feb. 3 in Tokyo. Gen. Smith said so. It ended."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "The U.S. and Japan met on Feb. 3 in Tokyo.",
        "Gen. Smith said so.",
        "It ended.",
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)


def test_html_is_text_scripts_and_styles_dropped():
    html = (
        "<html><head><title>T</title><style>p {color: red} 2031</style>"
        "<script>var d = 'approved in 2030'; alert(1)</script></head><body>"
        "<p>The Cabinet <b>approved</b> the plan in 2013 &amp; said <i>more</i>.</p>"
        "<script>document.write('<p>It ends in 2040.</p>')</script></body></html>"
    )
    draft = draft_article(html, published=date(2017, 2, 19), calendar="JP")
    quotes = [it.sentence.text for it in draft.items]
    assert quotes == ["The Cabinet approved the plan in 2013 & said more."]
    assert "alert" not in draft.article.text and "2040" not in draft.article.text
    assert draft.source["title"] == "T"


def test_markup_in_a_text_article_stays_text_in_the_yaml():
    line = 'The <img src=x onerror=alert(1)> plan: !!python/object "x" was approved in 2013.'
    draft = draft_article(line, published=date(2017, 2, 19))
    data = yaml.safe_load(draft.yaml_text())
    assert data["items"][0]["sources"][0]["quote"] == line
    assert draft.timeline().items[0].base.sources[0].quote == line


def test_a_bad_url_is_refused():
    with pytest.raises(UsageError, match=r"--url must be an http\(s\) URL"):
        draft_article("In 2013 it began.", published=date(2017, 1, 1), url="javascript:alert(1)")


def test_keep_drops_removed_items_and_the_rest_still_validates():
    draft = draft_article(SOURCE.read_bytes())
    keep = {it.id for it in draft.items[:3]}
    assert {it.id for it in draft.timeline(keep).items} == keep


def test_the_panel_shows_the_article_with_kept_sentences_marked():
    from dash import html
    from defense_timeline.dashboard.draft_panel import highlighted, inputs_from

    draft = draft_article(SOURCE.read_bytes())
    paragraphs = highlighted(draft, {draft.items[0].id})
    texts = [
        "".join(c if isinstance(c, str) else c.children for c in p.children) for p in paragraphs
    ]
    assert texts == draft.article.text.split("\n\n")
    marks = [c for p in paragraphs for c in p.children if isinstance(c, html.Mark)]
    assert [m.children for m in marks] == [draft.items[0].sentence.text]
    with pytest.raises(DefenseTimelineError, match="Published must be a day YYYY-MM-DD"):
        inputs_from("text", "2017-02-30", "JP")
    assert inputs_from("text", "", "<script>")["calendar"] == "auto"


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        (
            "Abe’s Cabinet approved the current 10-year guidelines in 2013.",
            "Abe’s Cabinet approved the current 10-year guidelines",
        ),
        (
            "On Feb. 3, the ruling party's panels launched a joint study.",
            "The ruling party's panels launched a joint study",
        ),
        (
            "The strategy responds to the Review, which was released on 24 April last year.",
            "The strategy responds to the Review, which was released",
        ),
        (
            "The Secretary told Parliament on 2 June 2025 that 12 submarines would be built.",
            "The Secretary told Parliament that 12 submarines would be built",
        ),
    ],
)
def test_titles_come_from_the_clause_without_its_date(sentence, title):
    (item,) = draft_article(sentence, published=date(2024, 4, 17)).items
    assert item.title == title
