"""The one figure builder (chart.figure.build_figure) and its parts: rows, marks, text, legend,
axes, and the large-chart path. Every chart of every output comes from here."""
