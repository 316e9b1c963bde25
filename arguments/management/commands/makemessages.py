"""Django's makemessages, also finding the plural sentences that
arguments/standing/acceptability.py marks with its own ngettext_noop (a pure module cannot
import Django's translation functions)."""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=ngettext_noop:1,2"]
