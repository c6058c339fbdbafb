"""The headless side: Wagtail API v2 for pages, /api/v1/ for the portal's own API."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest

from portal.translation import translate
from tests.factories import ContentPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(operator):
    page = ContentPageFactory(
        parent=operator, title="Atelier vélo", slug="atelier-velo", summary="Réparer ensemble."
    )
    translate(
        page,
        "nl",
        {
            "Atelier vélo": "Fietsatelier",
            "atelier-velo": "fietsatelier",
            "Réparer ensemble.": "Samen herstellen.",
        },
    )
    return page


def test_pages_filter_by_locale(client, published, django_assert_max_num_queries):
    response = client.get("/api/v2/pages/?locale=nl&type=portal.ContentPage&fields=summary")
    assert response.status_code == 200
    items = response.json()["items"]
    assert [(i["title"], i["summary"], i["meta"]["locale"]) for i in items] == [
        ("Fietsatelier", "Samen herstellen.", "nl")
    ]


def test_page_listing_query_count_does_not_grow_with_pages(
    client, published, django_assert_max_num_queries
):
    url = "/api/v2/pages/?locale=fr&type=portal.ContentPage&fields=summary"
    with CaptureQueriesContext(connection) as one_page:
        client.get(url)
    for n in range(8):
        ContentPageFactory(parent=published.get_parent(), title=f"Page {n}", slug=f"p-{n}")
    with django_assert_max_num_queries(len(one_page)):
        response = client.get(url)
    assert len(response.json()["items"]) == 9
    assert len(one_page) <= 12


def test_operator_fields_are_exposed(client, operator):
    response = client.get(f"/api/v2/pages/{operator.pk}/")
    data = response.json()
    assert data["kind"] == "incubator"
    assert data["meta"]["type"] == "portal.OperatorPage"
    assert "editors_group" not in data


def test_drafts_and_private_pages_never_leak(client, operator, published):
    draft = ContentPageFactory(
        parent=operator, title="Brouillon secret", slug="brouillon", live=False
    )
    private = ContentPageFactory(parent=operator, title="Réservé", slug="reserve")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    titles = [i["title"] for i in client.get("/api/v2/pages/?limit=100").json()["items"]]
    assert "Atelier vélo" in titles
    assert "Brouillon secret" not in titles and "Réservé" not in titles
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404
    assert client.get(f"/api/v2/pages/{private.pk}/").status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "?locale=xx",
        "?type=nope.Nothing",
        "?limit=abc",
        "?offset=-1",
        "?child_of=abc",
        "?order=nonexistent",
        "?unknown=1",
        "?fields=doesnotexist",
    ],
)
def test_malformed_page_api_parameters_are_400(client, site, query):
    response = client.get(f"/api/v2/pages/{query}")
    assert response.status_code == 400
    assert "message" in response.json()


def test_v1_errors_are_json_in_the_request_language(client, site):
    response = client.get("/api/v1/operators/?lang=xx", headers={"accept-language": "nl"})
    assert response.status_code == 400
    assert response.json() == {"errors": {"lang": ["Onbekende taal: kies fr, nl, de of en."]}}


def test_v1_operators_in_one_language(
    client, operator, other_operator, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        response = client.get("/api/v1/operators/?lang=de")
    assert response.status_code == 200
    results = response.json()["results"]
    assert {r["language"] for r in results} == {"de"}
    assert {r["slug"] for r in results} == {"nestup", "gre-liege"}


def test_v1_me_requires_a_member(client, site):
    response = client.get("/api/v1/me/", headers={"accept-language": "de"})
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Session realm="Maillon"'
    assert response.json()["errors"]["non_field_errors"] == ["Anmeldedaten fehlen."]


def test_v1_me_updates_language_and_rejects_bad_values(member_client, member):
    response = member_client.patch(
        "/api/v1/me/",
        {"preferred_language": "xx"},
        content_type="application/json",
        headers={"accept-language": "fr"},
    )
    assert response.status_code == 400
    assert "preferred_language" in response.json()["errors"]
    assert "n'est pas un choix valide" in response.json()["errors"]["preferred_language"][0]
    response = member_client.patch(
        "/api/v1/me/", {"preferred_language": "en"}, content_type="application/json"
    )
    assert response.status_code == 200
    member.refresh_from_db()
    assert member.preferred_language == "en"


def test_v1_non_json_body_is_a_400(member_client, member):
    response = member_client.patch(
        "/api/v1/me/",
        "{not json",
        content_type="application/json",
        headers={"accept-language": "en"},
    )
    assert response.status_code == 400
    assert "JSON parse error" in response.json()["errors"]["non_field_errors"][0]


def test_openapi_schema_and_docs(client, site):
    schema = client.get("/api/v1/schema/", headers={"accept": "application/json"})
    assert schema.status_code == 200
    assert "/api/v1/operators/" in schema.content.decode()
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "cdn" not in html.lower() and "redoc" in html.lower()


def test_unknown_api_paths_answer_json_404(client, site):
    response = client.get("/api/v1/nothing-here/", headers={"accept-language": "nl"})
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"errors": {"non_field_errors": ["Niet gevonden."]}}
    response = client.get("/api/v2/nothing-here/")
    assert response.status_code == 404
    assert "message" in response.json()


def test_every_operation_documents_its_error_answers(client, site):
    schema = client.get("/api/v1/schema/?format=json").json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            answers = set(operation["responses"])
            assert {"400", "403", "404", "429"} <= answers, (method, path)
            if method in ("post", "patch", "put", "delete"):
                assert "409" in answers, (method, path)
    assert "401" in schema["paths"]["/api/v1/me/"]["get"]["responses"]
    assert "401" not in schema["paths"]["/api/v1/operators/"]["get"]["responses"]
    advice = schema["paths"]["/api/v1/advice/"]["get"]["parameters"]
    assert {"name": "page_id", "required": True}.items() <= next(
        p for p in advice if p["name"] == "page_id"
    ).items()


def test_links_follow_the_request_and_base_url_not_the_seeded_site(client, published, settings):
    published.get_site().__class__.objects.update(hostname="127.0.0.1", port=8000)
    response = client.get(f"/api/v2/pages/{published.pk}/")
    assert response.json()["meta"]["html_url"] == "http://testserver/fr/nestup/atelier-velo/"
    listing = client.get("/api/v2/pages/?type=portal.ContentPage").json()["items"]
    assert listing[0]["meta"]["html_url"] == "http://testserver/fr/nestup/atelier-velo/"
    settings.WAGTAILADMIN_BASE_URL = "https://maillon.be"
    published.refresh_from_db()
    assert published.full_url == "https://maillon.be/fr/nestup/atelier-velo/"
