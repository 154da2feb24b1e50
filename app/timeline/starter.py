"""The starter timeline `defense-timeline new` writes: every field once, each with a comment.

It validates as written (with no warnings, so also under --strict): tests load it.
"""

from __future__ import annotations

from datetime import date

from defense_timeline.timeline.dates import calendar_from

_STARTER = """\
# A defense-timeline file. Check it with: defense-timeline validate {name}
# Editors that read JSON Schema complete and check fields with the next line, once the
# schema is beside this file: defense-timeline schema --output timeline.schema.json
# yaml-language-server: $schema=timeline.schema.json

title: My defence-planning timeline        # shown above the chart
description: What this timeline follows.   # optional, shown under the title
as_of: {today}                       # the day this file describes the world as of
calendar: {calendar}   # FY dates in this calendar: JP, UK, US, AU
                       # or a custom one: {{start: "04-01", named_by: start}}

sources:                         # every statement cites one of these by id
  - id: white-paper
    title: Defence White Paper   # the headline or document title
    publisher: Ministry of Defence
    date: 2024-07                # publication date: items citing it are known from then
    url: https://example.org/white-paper
    kind: official document      # news report, official document, anonymous official,
                                 # press release, analysis, reference or other
  - id: news
    title: Programme delayed, officials say
    date: 2025-02-10
    kind: news report

lanes:                           # drawn top to bottom
  - id: plans
    label: Plans and strategies
    color: "#0072B2"             # optional: the default is a colour-blind-safe palette
  - id: programmes
    label: Programmes
    order: 2                     # optional position (default: order in the file)
    calendar: US                 # optional: this lane's fiscal years are US ones

items:
  # A period: start, and end or duration (or neither: open-ended).
  - id: plan-2024
    kind: period                 # period, event, deadline or milestone
    lane: plans
    title: Defence plan 2024
    status: approved             # optional: as stated (the state as of a day is derived)
    start: FY2024                # dates: 2024, 2024-07, 2024-07-18, 2024-Q3, 2024-H2,
    duration: ~5y                # FY2024, FY2024-25, 2024-02-01/2024-02-18; end in ? ~ %
    notes: About five years; "~" widens the end by a year each side.
    tags: [plan]
    sources:
      - id: white-paper
        quote: The plan covers the five years from FY2024.

  # An event: one date, no status needed.
  - id: review-announced
    kind: event
    lane: plans
    title: Review of the plan announced
    date: 2025-02                # known to the month
    informs: [plan-2028]         # links: depends_on, informs, implements, supersedes
    sources: [news]

  # The successor: supersedes ends plan-2024 the day before this one starts.
  - id: plan-2028
    kind: period
    lane: plans
    title: Defence plan 2028
    start: 2028?                 # "?": uncertain
    end: 2032~                   # "~": approximate (one year each side)
    supersedes: [plan-2024]
    reported: 2025-02-10         # optional: when it became known (default: its sources' date)
    sources: [news]

  # A deadline that was met late: done records when it was actually met.
  - id: first-delivery
    kind: deadline
    lane: programmes
    title: First aircraft delivered
    date: FY2025                 # in this lane's US calendar: 2024-10-01 to 2025-09-30
    calendar: US                 # optional: an item's own calendar
    implements: [plan-2024]
    quantities:
      - count: 12
        what: aircraft
    sources: [white-paper]
    updates:                     # later statements, in date order; each overrides what it names
      - as_of: 2025-12           # any date: a month counts as known from its last day
        done: 2025-11-20
        status: completed
        notes: Delivered two months after the deadline.
        sources: [news]

  # A milestone that depends on the deadline.
  - id: full-capability
    kind: milestone
    lane: programmes
    title: Full operating capability
    date: 2027-H2
    depends_on: [first-delivery]
    sources: [white-paper]
"""


def starter_text(calendar: str = "JP", today: date | None = None, name: str = "FILE") -> str:
    """The starter timeline for a calendar preset (refused with a DateError if unknown)."""
    preset = calendar_from(calendar).name
    day = (today or date.today()).isoformat()
    return _STARTER.format(calendar=preset, today=day, name=name)
