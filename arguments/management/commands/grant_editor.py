"""Make a user an editor (a member of the "editors" group), or no longer one with --revoke.
The admin's user page does the same with the group's box."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from arguments.workbench.access import GROUP


class Command(BaseCommand):
    help = "Make a user an editor of the record (the workbench), or revoke it."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--revoke", action="store_true", help="Take the editor role away instead."
        )

    def handle(self, *args, username: str, revoke: bool, **options):
        user_model = get_user_model()
        try:
            user = user_model.objects.get(**{user_model.USERNAME_FIELD: username})
        except user_model.DoesNotExist:
            raise CommandError(f"no user named {username!r}") from None
        try:
            group = Group.objects.get(name=GROUP)
        except Group.DoesNotExist:
            raise CommandError(f"the {GROUP!r} group is missing: run manage.py migrate") from None
        if revoke:
            user.groups.remove(group)
            self.stdout.write(f"{username} is no longer an editor.")
        else:
            user.groups.add(group)
            self.stdout.write(f"{username} is an editor.")
