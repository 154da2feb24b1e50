"""What a drawn chart shows, measured in Chromium: the boxes of its item labels, of its items'
bars and markers, of the plot, the title, the legends and the modebar (for the layout tests)."""

from __future__ import annotations

from dataclasses import dataclass

# Runs in the page: every plotly chart's label boxes (getBoundingClientRect of the SVG text),
# its items' marks (from the drawn traces' data and bar shapes' paths, through the axes' own
# pixel mapping) and the boxes of the chrome around the plot.
MEASURE_JS = """
() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(gd => {
  const full = gd._fullLayout, xa = full.xaxis, ya = full.yaxis;
  const rect = gd.getBoundingClientRect();
  const px = v => rect.left + xa._offset + xa.l2p(typeof v === 'number' ? v : xa.d2l(v));
  const py = v => rect.top + ya._offset + ya.l2p(v);
  const box = el => { const r = el.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
  const labels = [], marks = [];
  // Only hover targets carry item ids (chart.parts.item_customdata): a bar over each span, and
  // each point marker. A mark or label belongs to the nearest target on its row.
  const targets = [];
  gd.calcdata.forEach(cd => {
    const t = cd[0] && cd[0].trace;
    if (!t || !t.customdata || t.xaxis !== 'x') return;
    cd.forEach((d, i) => {
      const c = t.customdata[i], id = Array.isArray(c) ? c[0] : c;
      if (t.type === 'bar') targets.push([id, Math.min(d.s0, d.s1), Math.max(d.s0, d.s1), d.p]);
      else targets.push([id, d.x, d.x, d.y]);
    });
  });
  const owner = (x, y) => {
    let best = null, gap = Infinity;
    for (const [id, a, b, ty] of targets) {
      if (Math.abs(ty - y) > 0.5) continue;
      const d = x < a ? a - x : x > b ? x - b : 0;
      if (d < gap) { gap = d; best = id; }
    }
    return best;
  };
  gd.querySelectorAll('.scatterlayer .trace').forEach(g => {
    const cd = g.__data__; if (!cd || !cd[0]) return;
    const tr = cd[0].trace;
    if (tr.name === 'labels') {
      g.querySelectorAll('.textpoint').forEach(t => {
        const d = t.__data__; const text = t.querySelector('text');
        if (text && text.textContent) labels.push({id: owner(d.x, d.y), text: text.textContent,
          ...box(text)});
      });
    } else if (tr.name === 'markers') {
      const half = tr.marker.size / 2;
      for (let i = 0; i < tr.x.length; i++) {
        const x = px(tr.x[i]), y = py(tr.y[i]);
        marks.push({id: owner(tr.x[i], tr.y[i]), left: x - half, right: x + half,
          top: y - half, bottom: y + half});
      }
    }
  });
  full.shapes.forEach(s => {  // bars and date windows: path shapes of strokes "Mx0,yHx1"
    if (s.type !== 'path' || (s.name !== 'bars' && s.name !== 'date windows')) return;
    const half = s.line.width / 2;
    for (const [, a, y, b] of s.path.matchAll(/M([^,]+),([^H]+)H([^MZ]+)/g)) {
      const left = px(Number(a)), right = px(Number(b)), top = py(Number(y)) - half;
      marks.push({id: owner((Number(a) + Number(b)) / 2, Number(y)), left: Math.min(left, right),
        right: Math.max(left, right), top, bottom: top + 2 * half});
    }
  });
  if (marks.some(m => m.id === null) || labels.some(l => l.id === null))
    throw new Error('a mark or label is on no row of an item');
  const one = sel => { const el = gd.querySelector(sel); return el ? box(el) : null; };
  const legends = Array.from(gd.querySelectorAll('g.legend, g.legend2')).map(box);
  const modebar = gd.querySelector('.modebar');
  return {
    labels, marks, legends,
    plot: {left: rect.left + xa._offset, right: rect.left + xa._offset + xa._length,
           top: rect.top + ya._offset, bottom: rect.top + ya._offset + ya._length},
    title: one('.g-gtitle .gtitle'),
    title_lines: Array.from(gd.querySelectorAll('.g-gtitle .gtitle tspan.line')).map(box),
    modebar: modebar && modebar.getBoundingClientRect().width ? box(modebar) : null,
    width: rect.width,
  };
})
"""

SLACK = 0.5  # px: boxes that touch are not overlapping


@dataclass(frozen=True)
class Box:
    """A rectangle on the page in CSS pixels."""

    left: float
    right: float
    top: float
    bottom: float

    def overlaps(self, other: Box) -> bool:
        """Whether the two boxes share more than a sliver."""
        return (
            min(self.right, other.right) - max(self.left, other.left) > SLACK
            and min(self.bottom, other.bottom) - max(self.top, other.top) > SLACK
        )


def _box(d: dict) -> Box:
    """A Box from the measured dict."""
    return Box(d["left"], d["right"], d["top"], d["bottom"])


def measure(page) -> list[dict]:
    """The measurements of every plotly chart on the page."""
    return page.evaluate(MEASURE_JS)


def layout_problems(chart: dict) -> list[str]:
    """Everything wrong with one measured chart's labels and chrome, in words (empty: none)."""
    problems = []
    labels = [(lab, _box(lab)) for lab in chart["labels"]]
    plot = _box(chart["plot"])
    for n, (lab, b) in enumerate(labels):
        if b.left < plot.left - 1 or b.right > plot.right + 1:
            problems.append(f"label {lab['text']!r} runs past the plot ({b} vs {plot})")
        for other, ob in labels[n + 1 :]:
            if b.overlaps(ob):
                problems.append(f"labels {lab['text']!r} and {other['text']!r} overlap")
        for mark in chart["marks"]:
            if mark["id"] != lab["id"] and b.overlaps(_box(mark)):
                problems.append(f"label {lab['text']!r} lies on the mark of {mark['id']!r}")
    mode = chart["modebar"] and _box(chart["modebar"])
    lines = chart["title_lines"] or [chart["title"]]
    chrome = [("title", line) for line in lines] + [("legend", lg) for lg in chart["legends"]]
    for name, where in chrome:
        if mode and where and mode.overlaps(_box(where)):
            problems.append(f"the modebar covers the {name}")
    return problems
