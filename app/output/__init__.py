"""Files made from a view: the offline HTML page, the report fragment, PNG/SVG/PDF images and
plotly JSON, and for other tools a PowerPoint slide, xlsx/csv, Markdown, Mermaid and TimelineJS
JSON; each rendered in memory and written atomically (see output.render)."""
