"""Model fields that clean their text on every path to the database: forms and the admin
(`to_python`), the API, importers, `bulk_create`, `update()` and fixtures
(`get_prep_value`). See `arguments.record.text`."""

from __future__ import annotations

from django.db import models

from arguments.record.text import clean_text


class CleanText:
    multiline = False

    def to_python(self, value):
        value = super().to_python(value)
        return clean_text(value, self.multiline) if isinstance(value, str) else value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return clean_text(value, self.multiline) if isinstance(value, str) else value

    def deconstruct(self):
        # The column is the plain field's: migrations need not know about the cleaning (and
        # the historical models of old migrations keep working unchanged).
        name, _path, args, kwargs = super().deconstruct()
        return name, f"django.db.models.{self.__class__.__mro__[2].__name__}", args, kwargs


class CleanCharField(CleanText, models.CharField):
    """One line of user text: newlines and tabs become spaces."""


class CleanTextField(CleanText, models.TextField):
    """A longer user text: newlines and tabs kept."""

    multiline = True
