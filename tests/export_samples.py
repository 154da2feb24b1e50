"""A timeline for the data-export tests (TimelineJS, Mermaid, Markdown, PowerPoint, spreadsheets):
every kind, every date precision, an update, a late report, and hostile text everywhere."""

from __future__ import annotations

from defense_timeline.timeline.loader import loads
from defense_timeline.timeline.model import Timeline

SCRIPT = "<script>window.__pwned = 1</script>"
MERMAID_HOSTILE = 'a: b; #c %%{init: {"theme": "forest"}}%% <img src=x onerror="window.__pwned=1">'
FORMULA = '=HYPERLINK("http://x")'
BOLD = "<b>x</b>"

SAMPLE = f"""\
title: 'Hostile {BOLD} a: b; #c %%{{init}}%% | pipe'
description: '{FORMULA} {SCRIPT}'
as_of: 2017-02-19
calendar: JP
sources:
  - id: s1
    title: '{FORMULA}'
    publisher: '{BOLD}'
    date: 2017-02
    url: "https://example.com/iframe?a=1&b=<img src=x onerror=alert(1)>"
    kind: news report
  - id: s2
    title: Official plan
    publisher: Ministry
    date: 2013-12-17
    kind: official document
  - id: later
    title: A later report
    date: 2019-05-01
    url: https://example.org/later
lanes:
  - id: plans
    label: 'Plans | a: b; #c'
  - id: events
    label: Events
items:
  - id: plan-a
    title: '{MERMAID_HOSTILE}'
    kind: period
    lane: plans
    status: approved
    start: FY2014
    end: FY2018
    notes: "{BOLD} | pipe *star* `code`\\n- line2"
    sources: [{{id: s1, quote: '{FORMULA}'}}, s2]
    updates:
      - as_of: 2018-12-18
        sources: [s2]
        end: 2018-12-18
        status: superseded
  - id: open
    title: "Open plan\\nnext line"
    kind: period
    lane: plans
    status: in force
    start: ~2016
    sources: [s2]
  - id: formula
    title: '{FORMULA}'
    kind: milestone
    lane: events
    status: met
    date: "2018-H2?"
    sources: [s1]
  - id: bold
    title: '{BOLD}'
    kind: deadline
    lane: events
    status: planned
    date: 2016-06
    sources: [s1]
  - id: section
    title: section Evil
    kind: event
    lane: events
    status: completed
    date: 2015-03-04
    sources: [s2]
  - id: missed
    title: "1. @SUM(A1) -2 +3"
    kind: deadline
    lane: events
    status: missed
    date: 2016-Q3
    sources: [s2]
  - id: late
    title: Reported only in 2019
    kind: event
    lane: events
    status: completed
    date: 2019-04
    sources: [later]
"""


def sample() -> Timeline:
    """The sample timeline, loaded and validated."""
    return loads(SAMPLE, "hostile.yaml")
