"""Django's makemessages, also finding the plural sentences that
arguments/standing/acceptability.py marks with its own ngettext_noop (a pure module cannot
import Django's translation functions), and never reading node_modules (the tests' axe-core)."""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=ngettext_noop:1,2"]

    def handle(self, *args, **options):
        options["ignore_patterns"] = [*options["ignore_patterns"], "node_modules"]
        return super().handle(*args, **options)
