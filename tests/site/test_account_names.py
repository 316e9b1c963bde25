"""User names that cannot pass for another account: mixed alphabets, whole-alphabet
look-alikes, and names equal to an existing one once case, compatibility forms and
look-alike letters are set aside. At sign-up and in the admin's account creation form."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from accounts.names import lookalike_of, script_problem, skeleton

# These tests read the messages in English.
pytestmark = pytest.mark.usefixtures("english")

CYRILLIC_A = "\u0430"  # drawn like the Latin « a »
UKRAINIAN_I = "\u0456"  # drawn like the Latin « i »


@pytest.mark.parametrize(
    "name",
    [f"{CYRILLIC_A}dmin", f"adm{UKRAINIAN_I}n", "pay\u03c1al", "\u03a1aul"],  # Greek rho
)
def test_names_mixing_alphabets_are_refused(name):
    assert "single alphabet" in script_problem(name)


def test_a_name_whose_every_letter_has_a_latin_lookalike_is_refused():
    assert "Latin" in script_problem("\u0430\u0441\u0435")  # « ace » in Cyrillic
    assert "Latin" in script_problem("\u0391\u0392\u0395")  # « ABE » in Greek capitals


@pytest.mark.parametrize(
    "name", ["alice", "élodie", "Jean-Marc.2", "Иван", "Σωκράτης", "李小龍", "user_42@site+x"]
)
def test_names_in_one_alphabet_pass(name):
    assert script_problem(name) is None


@pytest.mark.parametrize(
    ("name", "existing"),
    [
        ("Admin", "admin"),
        ("ADMIN", "admin"),
        ("Ian", "lan"),  # capital i and small L
        ("a1ice", "alice"),
        ("b0b", "BOB"),  # zero and capital o
        ("STRASSE", "straße"),
        (f"{CYRILLIC_A}lice", "alice"),
    ],
)
def test_names_that_read_the_same_as_an_existing_one(name, existing):
    assert lookalike_of(name, ["someone", existing]) == existing


def test_distinct_names_are_not_lookalikes():
    assert lookalike_of("alicia", ["alice", "bob"]) is None
    assert skeleton("alice") != skeleton("alicia")


def sign_up(client, username):
    password = "a-long-pass-phrase"
    data = {"username": username, "password1": password, "password2": password}
    return client.post("/accounts/signup/", data, headers={"Accept-Language": "en"})


@pytest.mark.parametrize(
    ("username", "message"),
    [
        (f"{CYRILLIC_A}lice", "mixes several"),
        ("ALICE", "already exists"),  # Django's own case-insensitive check
        ("a1ice", "too close to an existing account"),
        ("\uff41\uff4c\uff49\uff43\uff45", "already exists"),  # « alice » in full-width letters
        ("\u0430\u0441\u0435", "looks like a name in Latin letters"),
    ],
)
def test_signup_refuses_a_hostile_name(client, alice, username, message):
    response = sign_up(client, username)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert get_user_model().objects.count() == 1


def test_signup_accepts_a_name_in_another_alphabet(client, alice):
    assert sign_up(client, "Иван").status_code == 302
    assert get_user_model().objects.filter(username="Иван").exists()


def test_the_admin_cannot_create_a_lookalike_account_either(client, charlie, alice):
    client.force_login(charlie)
    data = {
        "username": f"{CYRILLIC_A}lice",
        "usable_password": "true",
        "password1": "a-long-pass-phrase",
        "password2": "a-long-pass-phrase",
    }
    response = client.post("/admin/auth/user/add/", data, headers={"Accept-Language": "en"})
    assert response.status_code == 200 and "mixes several" in response.content.decode()
    assert not get_user_model().objects.filter(username=data["username"]).exists()
    data["username"] = "dora"
    assert client.post("/admin/auth/user/add/", data).status_code == 302
    assert get_user_model().objects.filter(username="dora").exists()
