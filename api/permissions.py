"""Who sees and who writes what through the API: the rules of the site's pages."""

from __future__ import annotations

from rest_framework.exceptions import APIException
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.settings import api_settings
from rest_framework.throttling import BaseThrottle, ScopedRateThrottle

from accounts.ratelimit import UNCOUNTED_RETRY_SECONDS, count_write
from annotations.models import Annotation
from arguments.record.models import MODERATE, Claim, Relation, Undercut
from debate.cache_outage import CacheUnavailable

# The API's write verbs: on the site every write is a POST, so all of them count.
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def is_moderator(user) -> bool:
    return user.is_authenticated and user.has_perm(MODERATE)


# What a reader may see. Moderators see everything; others never see a hidden proposal, a
# relation touching one, nor annotations and undercuts on them (the pages show only the
# reason, which the API does not need to repeat).


def visible_claims(user):
    return Claim.objects.visible_to(user)


def visible_relations(user):
    return Relation.objects.visible_to(user)


def visible_undercuts(user):
    undercuts = Undercut.objects.all()
    if is_moderator(user):
        return undercuts
    return undercuts.filter(
        debate__hidden_at__isnull=True,
        from_claim__hidden_at__isnull=True,
        relation__hidden_at__isnull=True,
        relation__from_claim__hidden_at__isnull=True,
        relation__to_claim__hidden_at__isnull=True,
    )


def visible_annotations(user):
    """Annotations on what the reader sees. Hidden and deleted ones stay in the list, as on
    the pages, so that threads keep their shape; the serializer blanks their content."""
    return Annotation.objects.on_visible_targets(user)


class ArgumentPermissions(BasePermission):
    """Claims and relations: anyone reads; any signed-in reader proposes (POST); moderators
    hide and restore proposals; the record is edited or deleted only by staff holding the
    model's permission, as in the admin."""

    CODENAMES = {"update": "change", "partial_update": "change", "destroy": "delete"}

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return True
        user = request.user
        if not user.is_authenticated:
            return False
        if view.action in ("hide", "restore"):
            return user.has_perm(MODERATE)
        if view.action == "create":
            return True
        model = view.queryset.model._meta
        codename = self.CODENAMES.get(view.action)
        return bool(
            codename
            and user.is_staff
            and user.has_perm(f"{model.app_label}.{codename}_{model.model_name}")
        )


class AnnotationPermissions(BasePermission):
    """Any signed-in reader annotates, replies and flags; only the author edits or deletes,
    and not once the annotation is deleted or hidden; moderators hide and restore."""

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return True
        if not request.user.is_authenticated:
            return False
        if view.action in ("hide", "restore"):
            return request.user.has_perm(MODERATE)
        return True

    def has_object_permission(self, request, view, annotation: Annotation) -> bool:
        if view.action in ("update", "partial_update", "destroy"):
            return annotation.can_edit(request.user)
        return True


class WritesUncounted(APIException):
    """The cache that counts writes is down: the write is refused, not let through uncounted."""

    status_code = 503
    default_detail = "The service that counts writes is unavailable; try again in a minute."
    default_code = "writes_uncounted"
    wait = UNCOUNTED_RETRY_SECONDS  # DRF sends it as Retry-After


class WriteRateThrottle(BaseThrottle):
    """The site's per-user write limit (annotations/ratelimit.py), counted under the same
    cache keys, so that the pages and the API draw on one budget."""

    def allow_request(self, request, view) -> bool:
        if request.method not in WRITE_METHODS or not request.user.is_authenticated:
            return True
        try:
            self.seconds_left = count_write(request.user)
        except CacheUnavailable as error:
            raise WritesUncounted from error
        return not self.seconds_left

    def wait(self) -> float:
        return self.seconds_left


class SettingsRateThrottle(ScopedRateThrottle):
    """DRF's scoped rate limit, with the rate read from the settings at each request rather
    than once at import, so that a change of REST_FRAMEWORK takes effect (in tests)."""

    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]
