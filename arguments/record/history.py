"""Versions of an object kept by django-simple-history: listing them with their changes,
and restoring one. Shared by the claim, relation and annotation history pages."""

from django.shortcuts import get_object_or_404


def history_versions(history, fields: list[str], restore_url=None) -> list[dict]:
    """Versions newest first, each with its field changes against the one before, and, for
    a moderator (`restore_url` given), where to post to restore it."""
    records = list(history.select_related("history_user").order_by("-history_date"))
    versions = []
    for index, (newer, older) in enumerate(zip(records, [*records[1:], None], strict=True)):
        changes = newer.diff_against(older, included_fields=fields).changes if older else []
        url = restore_url(newer.history_id) if restore_url and index else ""
        versions.append({"record": newer, "changes": changes, "restore_url": url})
    return versions


# What moderators decided is not part of a version's content: restoring one keeps it, so
# that it neither shows what they hid nor hides again what they restored.
MODERATION_FIELDS = ("hidden_at", "hidden_reason", "hidden_by_id")


def restore_version(instance, history_id: int) -> None:
    """Save an earlier version as the current one: a new version, nothing erased."""
    restored = get_object_or_404(instance.history, history_id=history_id).instance
    for name in MODERATION_FIELDS:
        if hasattr(instance, name):
            setattr(restored, name, getattr(instance, name))
    if hasattr(instance, "readdress") and restored.slug != instance.slug:
        new_slug, restored.slug = restored.slug, instance.slug
        restored.readdress(new_slug)  # the address it leaves keeps leading to it
    restored._change_reason = f"restored version {history_id}"
    restored.save()
