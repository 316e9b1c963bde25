"""Readers' proposals decided by editors, theses attached to questions, and the
corrections log's entries written from the workbench (issue 22, points 6 and 8)."""
