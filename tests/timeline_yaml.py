"""A minimal valid timeline as YAML text, for loader tests that check exact lines and columns."""

from __future__ import annotations

import textwrap

import pytest
from defense_timeline.errors import InvalidTimeline
from defense_timeline.timeline import loader

# The README's example, completed: its lanes, sources and links all resolve.
README_EXAMPLE = textwrap.dedent(
    """\
    # yaml-language-server: $schema=timeline.schema.json
    title: Japan's defence planning as reported on 2017-02-19
    description: The 2013 guidelines, their early revision, and what happened next.
    as_of: 2017-02-19
    calendar: JP
    sources:
      - id: jt-2017-02-19
        title: Japan may move defense guideline update up five years
        publisher: The Japan Times (Kyodo)
        date: 2017-02-19
        url: http://www.japantimes.co.jp/news/2017/02/19/national/
        kind: news report
      - id: mod-guidelines
        title: National Defense Program Guidelines for FY2019 and beyond
        date: 2018-12-18
        kind: official document
    lanes:
      - id: ldp
        label: Liberal Democratic Party
        order: 2
      - id: guidelines
        label: Defense guidelines (NDPG)
        color: "#0072B2"
        order: 1
    items:
      - id: ndpg-2013
        title: National Defense Program Guidelines for FY2014 and beyond
        kind: period
        lane: guidelines
        status: approved
        start: 2013-12-17
        duration: ~10y
        tags: [guidelines]
        notes: Set to run about ten years.
        quantities: [{count: 17, what: Osprey tilt-rotor aircraft}]
        sources:
          - {id: jt-2017-02-19, quote: "Abe's Cabinet approved the guidelines in 2013."}
        updates:
          - as_of: 2017-02-19
            sources: [jt-2017-02-19]
            end: "2018-H2?"
            status: planned
            notes: To be replaced about five years early.
          - as_of: 2018-12-18
            sources: [mod-guidelines]
            end: 2018-12-18
            status: superseded
      - id: ldp-proposal-due
        title: LDP proposal on the guidelines due
        kind: deadline
        lane: ldp
        status: planned
        date: 2017-06
        depends_on: [ndpg-2013]
        informs: [ndpg-2013]
        sources: [jt-2017-02-19]
    """
)

# A minimal valid head: items start on line 13 (ITEMS).
HEAD = textwrap.dedent(
    """\
    title: Test timeline
    as_of: 2017-02-19
    calendar: JP
    sources:
      - id: jt
        title: Japan Times report
        date: 2017-02-19
        url: https://www.japantimes.co.jp/
    lanes:
      - id: guidelines
        label: Guidelines
    items:
    """
)
ITEMS = 13


def doc(items: str, head: str = HEAD) -> str:
    """A timeline text: the head, then the items (written at column 1)."""
    return head + textwrap.dedent(items)


def problems(text: str, **kwargs) -> list[str]:
    """Every problem line the loader reports for text (which must be invalid)."""
    with pytest.raises(InvalidTimeline) as caught:
        loader.loads(text, "t.yaml", **kwargs)
    return [str(p) for p in caught.value.problems]


def period(extra: str = "", item_id: str = "a") -> str:
    """A valid period item (7 lines) plus extra field lines (written from column 1)."""
    return textwrap.dedent(
        f"""\
        - id: {item_id}
          title: A
          kind: period
          lane: guidelines
          status: planned
          start: 2017-06
          sources: [jt]
        """
    ) + textwrap.indent(textwrap.dedent(extra), "  ")
