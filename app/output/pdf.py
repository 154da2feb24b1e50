"""A PDF from Chromium made fit for a report: its page exactly A4, Letter or a slide (landscape)
and its metadata naming the timeline, not the renderer's page ("Kaleido-fier"). Uses pypdf."""

from __future__ import annotations

import io

from defense_timeline import __version__
from defense_timeline.errors import ExportError
from defense_timeline.view.options import PAGE_PT


def finish_pdf(data: bytes, title: str, page: str) -> bytes:
    """The PDF with the timeline's title as its metadata and, unless page is "fit", each page
    scaled to exactly that page size in points."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PyPdfError

    try:
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
        if page in PAGE_PT:
            width, height = PAGE_PT[page]
            for sheet in writer.pages:
                sheet.scale_to(width, height)
        writer.add_metadata(
            {
                "/Title": title,
                "/Creator": f"defense-timeline {__version__}",
                "/Producer": f"defense-timeline {__version__} (Chromium, pypdf)",
            }
        )
        out = io.BytesIO()
        writer.write(out)
    except PyPdfError as exc:
        raise ExportError(f"pdf export produced an unreadable PDF: {exc}") from None
    return out.getvalue()
