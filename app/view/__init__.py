"""A timeline as seen on a date: the view options, the frame (one row per item, as known then),
its filters and the tables written from it."""
