"""Store the search stems of every claim, participant and source again: needed once the
stemming rules (arguments/search/text.py) change, as rows keep the stems of their last save."""

from django.core.management.base import BaseCommand
from django.db import transaction

from arguments.record.models import Claim, Participant, Source
from arguments.search.index import restem


class Command(BaseCommand):
    help = "Recompute the stored search stems of claims, participants and sources."

    def handle(self, **options):
        with transaction.atomic():
            for model in (Participant, Source, Claim):
                count = restem(model)
                self.stdout.write(f"{model._meta.verbose_name_plural}: {count}")
