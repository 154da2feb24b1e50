"""A minimal valid timeline as YAML text, for loader tests that check exact lines and columns,
and the hostile inputs the loader must refuse (tests/test_hostile.py checks what each gets,
benchmarks/hostile.py how fast)."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from defense_timeline.errors import InvalidTimeline
from defense_timeline.timeline import loader, yamlread

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


# Hostile inputs ----------------------------------------------------------------------------

BILLION_LAUGHS = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{key}: &{key} [{', '.join([f'*{prev}'] * 9)}]\n"
    for prev, key in zip("abcdefgh", "bcdefghi", strict=True)
)
BIG_FILE = "big.yaml"
Source = str | bytes | Path


@dataclass(frozen=True)
class Hostile:
    """A hostile input, made when asked for (some are megabytes), and how the loader reads it."""

    make: Callable[[Path], Source]  # given a scratch folder
    max_bytes: int | None = None  # the loader's size limit, when not its default
    libyaml: bool = True  # False: read with the pure-Python parser

    def refuse(self, source: Source) -> list[str]:
        """The problem lines the loader reports for the made source (it must refuse it)."""
        options = {} if self.max_bytes is None else {"max_bytes": self.max_bytes}
        saved, yamlread.USE_LIBYAML = yamlread.USE_LIBYAML, self.libyaml and yamlread.USE_LIBYAML
        try:
            if isinstance(source, Path):
                loader.load(source, **options)
            else:
                loader.loads(source, "t.yaml", **options)
        except InvalidTimeline as refused:
            return [str(p) for p in refused.problems]
        finally:
            yamlread.USE_LIBYAML = saved
        raise AssertionError("the loader accepted a hostile input")


def _big_file(folder: Path) -> Path:
    """12.3 MB of spaces: over the 10 MB limit."""
    path = folder / BIG_FILE
    path.write_bytes(b" " * 12_300_000)
    return path


def _misspelt_references(count: int) -> str:
    """count periods, each depending on a misspelt item id (each gets a did-you-mean search)."""
    return doc(
        "".join(period(f"depends_on: [item-{i}x]\n", item_id=f"item-{i}") for i in range(count))
    )


HOSTILE: dict[str, Hostile] = {
    "file over the size limit": Hostile(_big_file),
    "endless stream": Hostile(lambda _: Path("/dev/zero"), max_bytes=1000),
    "non-UTF-8 byte": Hostile(lambda _: b"title: ok\nnotes: caf\xe9 au lait\n"),
    "NUL byte": Hostile(lambda _: b"title: ok\nnotes: a\x00b\n"),
    "several documents": Hostile(lambda _: doc(period()) + "---\ntitle: second\n"),
    "billion laughs": Hostile(lambda _: BILLION_LAUGHS),
    "alias bomb in a big file": Hostile(
        lambda _: "".join(f"k{i}: v\n" for i in range(15_000)) + BILLION_LAUGHS
    ),
    "alias inside its own anchor": Hostile(lambda _: "title: &x [a, *x]\n"),
    "deep flow nesting": Hostile(lambda _: "title: " + "[" * 50_000 + "]" * 50_000),
    "deep block nesting": Hostile(lambda _: "".join("  " * i + "-\n" for i in range(150))),
    "deep nesting, Python parser": Hostile(
        lambda _: "".join("  " * i + "- \n" for i in range(3000)), libyaml=False
    ),
    "200,000 unknown fields": Hostile(lambda _: "".join(f"k{i}: v\n" for i in range(200_000))),
    "200,000 duplicate fields": Hostile(lambda _: doc(period()) + "notes: x\n" * 200_000),
    "4,000 misspelt references": Hostile(lambda _: _misspelt_references(4000)),
}
