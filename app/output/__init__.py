"""Files made from a chart: the offline HTML page, the report fragment, PNG/SVG/PDF images and
plotly JSON, each rendered in memory and written atomically (see output.render)."""
