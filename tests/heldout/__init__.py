"""Held-out generator of North American EPD PDFs (independent of the reader)."""
