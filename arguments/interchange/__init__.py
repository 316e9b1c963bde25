"""Exchanging debates with other tools: one pure document (document.py) that every importer
produces and every exporter reads, a module per format, and store.py, which alone touches the
database."""
