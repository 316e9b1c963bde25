"""Personas and debates shared by the tests.

Personas: alice and bob are readers with accounts; charlie is the site's administrator;
maud is a moderator; edith an editor (the workbench).
Anonymous visitors are the default client.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from arguments.record.fixture_format import read_debate_folder
from arguments.record.loading import store_debate
from arguments.record.models import Claim, Debate, Relation

ROOT = Path(__file__).resolve().parent.parent
SMALL_DEBATE = ROOT / "tests" / "data" / "small"
CONTROVERSY = ROOT / "fixtures" / "technofeodalisme"
SEEDS = Path(os.environ.get("CONTROVERSE_SEEDS", ROOT.parent / "shared" / "seeds"))

# Playwright's sync API runs an event loop in the test thread; Django's guard against
# database access from async code would otherwise trip on the live server fixtures.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Before PostgreSQL drops the test database, end the sessions that the live server's
    request threads may still hold (a browser's keep-alive connection outlives its test)."""
    yield
    from django.db import connection

    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: SQLite reuses ids after a rollback, so a map
    cached by an earlier test could otherwise match a later test's debate."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Personas are created in almost every test: a fast hasher keeps the suite quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def alice(django_user_model):
    return django_user_model.objects.create_user("alice", "alice@example.org", "alice-password")


@pytest.fixture
def bob(django_user_model):
    return django_user_model.objects.create_user("bob", "bob@example.org", "bob-password")


@pytest.fixture
def charlie(django_user_model):
    return django_user_model.objects.create_superuser(
        "charlie", "charlie@example.org", "charlie-password"
    )


@pytest.fixture
def maud(django_user_model):
    """A moderator: in the moderators group that the migrations create."""
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("maud", "maud@example.org", "maud-password")
    user.groups.add(Group.objects.get(name="moderators"))
    return user


@pytest.fixture
def edith(django_user_model):
    """An editor: in the editors group that the migrations create (made again after a
    transactional test's flush, which empties it)."""
    from django.contrib.auth.models import Group, Permission

    user = django_user_model.objects.create_user("edith", "edith@example.org", "edith-password")
    group, created = Group.objects.get_or_create(name="editors")
    if created:
        group.permissions.add(
            Permission.objects.get(codename="use_workbench", content_type__app_label="arguments")
        )
    user.groups.add(group)
    return user


@pytest.fixture
def small_debate(db) -> Debate:
    return store_debate(read_debate_folder(SMALL_DEBATE)).debate


@pytest.fixture
def controversy(db) -> Debate:
    return store_debate(read_debate_folder(CONTROVERSY)).debate


class TokenClient(APIClient):
    """The API's client whose `force_authenticate` signs in with a token, as real clients
    do, rather than behind the server's back: the readers' cache, before any view, sees a
    signed-in reader by the Authorization header she sends."""

    def force_authenticate(self, user=None, token=None):
        if user is None:
            self.credentials()
            return
        token, _created = Token.objects.get_or_create(user=user)
        self.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")


def change_debate(debate: Debate, **fields) -> None:
    """Change a debate as the site does: a save, which the readers' cache hears of (a
    QuerySet.update() would change the row behind the cache's back)."""
    for name, value in fields.items():
        setattr(debate, name, value)
    debate.save(update_fields=list(fields))


def grow(debate: Debate, count: int) -> None:
    """Add `count` claims to a debate, each arguing about an earlier one: a bigger debate
    of the same shape, to check that query counts do not depend on size."""
    target = debate.claims.theses().first()
    holder = target.holder
    source = target.source
    existing = debate.claims.count()
    for index in range(count):
        claim = Claim.objects.create(
            debate=debate,
            slug=f"grown-{existing + index}",
            statement=f"Argument ajouté numéro {index}",
            statement_en=f"Added argument number {index}",
            holder=holder,
            source=source,
            quotation=f"citation {index}",
            position=1000 + index,
        )
        Relation.objects.create(
            debate=debate,
            from_claim=claim,
            to_claim=target,
            kind=Relation.Kind.OBJECTION if index % 2 else Relation.Kind.SUPPORT,
            drawn_by=holder,
            source=source,
        )
        if index % 3 == 0:
            target = claim


@pytest.fixture
def assert_queries_do_not_grow(client, small_debate, django_assert_num_queries):
    """Check that a page takes `count` queries, and still does once the debate has grown."""

    def check(url: str, count: int, data: dict | None = None) -> None:
        with django_assert_num_queries(count):
            assert client.get(url, data).status_code == 200
        grow(small_debate, 30)
        with django_assert_num_queries(count):
            assert client.get(url, data).status_code == 200

    return check


@pytest.fixture
def assert_rows_kept_for_signed_in(client, small_debate, alice, django_assert_num_queries):
    """Check that a page made for a signed-in reader takes `count` queries (its rows come
    from the cache), and shows the record's next change at once, for as many."""

    def check(url: str, count: int) -> None:
        client.force_login(alice)
        assert client.get(url).status_code == 200
        with django_assert_num_queries(count):
            html = client.get(url).content.decode()
        assert "Argument ajouté numéro 0" not in html
        grow(small_debate, 30)  # claims of alice's, quoted from the essay
        assert "Argument ajouté numéro 0" in client.get(url).content.decode()
        with django_assert_num_queries(count):
            assert client.get(url).status_code == 200

    return check


@pytest.fixture
def english(settings):
    """Messages in English for tests that read them, in requests (no Accept-Language falls
    back to LANGUAGE_CODE) and in direct calls alike; the site's default stays French."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
