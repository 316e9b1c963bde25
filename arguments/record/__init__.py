"""The record: the debate as stored (models, fixtures, history, backups), its light rows and
query parameters, and the seam (`extensions`) through which other apps add to it."""
