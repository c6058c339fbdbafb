"""Every site form, sent with mistakes, shows all its errors at once: an error summary at the
top names each field and links to it; each error sits by its field, tied to it by
`aria-describedby` and `aria-invalid`; all in the visitor's language."""

import pytest
from bs4 import BeautifulSoup

from portal.demo_legal import seed_legal
from portal.models import ContactPage
from portal.operators import create_operator

pytestmark = pytest.mark.django_db

SUMMARY_TITLES = {
    "fr": "Veuillez corriger ce qui suit",
    "nl": "Verbeter het volgende",
    "de": "Bitte korrigieren Sie Folgendes",
    "en": "Please correct the following",
}
REQUIRED = {
    "fr": "Champ requis.",
    "nl": "Dit is een verplicht veld.",
    "de": "Dieses Feld muss ausgefüllt werden.",
    "en": "This field is required.",
}


def assert_accessible_errors(response, code, fields):
    """The named fields are all invalid, each error tied to its field and in the summary."""
    soup = BeautifulSoup(response.content, "html.parser")
    summary = soup.select_one("[data-error-summary]")
    assert summary is not None, "no error summary"
    assert summary.get("role") == "alert"
    assert summary.h2.get_text(strip=True) == SUMMARY_TITLES[code]
    links = {link["href"]: link.get_text(" ", strip=True) for link in summary.select("a")}
    invalid = soup.select("[aria-invalid=true]")
    assert sorted(control["name"] for control in invalid) == sorted(fields)
    for control in invalid:
        label = soup.select_one(f"label[for={control['id']}]").get_text(" ", strip=True)
        described = [soup.find(id=ref) for ref in control["aria-describedby"].split()]
        errors = [node for node in described if node and "errorlist" in node.get("class", [])]
        assert errors, f"{control['name']}: no error tied to it"
        message = errors[0].li.get_text(strip=True)
        assert links[f"#{control['id']}"].startswith(label.rstrip("*: \xa0")), control["name"]
        assert message in links[f"#{control['id']}"]
    return soup


@pytest.fixture
def contact_pages(home):
    seed_legal(home)
    return {page.locale.language_code: page for page in ContactPage.objects.live()}


@pytest.mark.parametrize("code", ["fr", "nl", "de", "en"])
def test_contact_form(client, contact_pages, code):
    response = client.post(
        contact_pages[code].url, {"name": "", "email": "", "subject": "", "message": ""}
    )
    assert response.status_code == 400
    soup = assert_accessible_errors(response, code, ["name", "email", "subject", "message"])
    assert REQUIRED[code] in soup.select_one("[data-error-summary]").get_text()


@pytest.mark.parametrize("code", ["fr", "de"])
def test_idea_proposal(member_client, site, code):
    create_operator(name="Communauté", kind="community", slug="communaute")
    response = member_client.post(
        f"/{code}/lab/propose/", {"title": "", "kind": "nonsense", "summary": "", "website": ""}
    )
    assert response.status_code in (200, 400)
    assert_accessible_errors(response, code, ["title", "kind", "summary"])


@pytest.mark.parametrize("code", ["nl", "en"])
def test_profile(member_client, site, code):
    response = member_client.post(
        f"/{code}/accounts/profile/", {"first_name": "x" * 200, "preferred_language": "xx"}
    )
    assert response.status_code == 400
    assert_accessible_errors(response, code, ["first_name", "preferred_language"])


@pytest.mark.parametrize("code", ["fr", "en"])
def test_log_in(client, site, code):
    response = client.post(f"/{code}/accounts/login/", {"login": "", "password": ""})
    assert_accessible_errors(response, code, ["login", "password"])


@pytest.mark.parametrize("code", ["de", "nl"])
def test_sign_up(client, site, code):
    response = client.post(
        f"/{code}/accounts/signup/",
        {"email": "not-an-address", "password1": "", "password2": "", "preferred_language": ""},
    )
    assert_accessible_errors(
        response, code, ["email", "password1", "password2", "preferred_language"]
    )


def test_the_honeypot_stays_out_of_sight_and_of_the_tab_order(client, contact_pages):
    soup = BeautifulSoup(client.get(contact_pages["fr"].url).content, "html.parser")
    trap = soup.select_one("input[name=website]")
    assert trap["tabindex"] == "-1"
    assert trap.find_parent(class_="honeypot")["aria-hidden"] == "true"
