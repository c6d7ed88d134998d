"""Printed deal documents: rich text laid out by Qt and written to US-letter PDFs."""
