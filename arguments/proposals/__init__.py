"""Readers' proposed arguments and relations, outside the record, and their moderation."""
