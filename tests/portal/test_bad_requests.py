"""Whatever a client sends, the portal answers a clear 4xx in its language, never a 500."""

import json

import pytest

from campaigns.models import PledgeStatus
from tests.factories.campaigns import CampaignPageFactory, PledgeFactory

pytestmark = pytest.mark.django_db

DEEP = "[" * 5000 + "]" * 5000
PLEDGE = {"campaign": "CAMPAIGN", "amount": 2500, "email": "lou@example.org", "name": "Lou"}
IDEA = {"title": "Idée", "kind": "idea", "summary": "Un résumé."}


@pytest.fixture
def campaign(operator):
    return CampaignPageFactory(parent=operator, title="Vélo-atelier", slug="velo")


@pytest.mark.parametrize(
    "query",
    [
        "?search=velo&search_operator=xor",
        "?type=campaigns.CampaignPage&deadline=demain",
        "?offset=99999999999999999999999",
        "?limit=99999999999999999999999",
        "?offset=" + "9" * 5000,
        "?id=" + "9" * 5000,
        "?search=%00",
        "?search=%22",
        "?search=velo%00",
        "?site=%00",
        "?html_path=%00",
        "?%00=1",
        "?child_of=99999999999999999999999",
        "?descendant_of=99999999999999999999999",
        "?id=99999999999999999999999",
        "?translation_of=99999999999999999999999",
    ],
)
def test_odd_page_api_parameters_are_400(client, campaign, query):
    response = client.get(f"/api/v2/pages/{query}", headers={"accept-language": "en"})
    assert response.status_code == 400, response.content
    assert "message" in response.json()


@pytest.mark.parametrize("endpoint", ["images", "documents"])
@pytest.mark.parametrize(
    "query",
    ["?search=%22", "?search=%00", "?offset=99999999999999999999999", "?search_operator=xor"],
)
def test_odd_media_api_parameters_are_400(client, site, endpoint, query):
    response = client.get(f"/api/v2/{endpoint}/{query}")
    assert response.status_code == 400, response.content


@pytest.mark.parametrize("url", ["/api/v1/me/", "/api/v1/pledges/"])
def test_deeply_nested_json_is_400(member_client, site, url):
    method = member_client.patch if url == "/api/v1/me/" else member_client.post
    response = method(url, DEEP, content_type="application/json", headers={"accept-language": "nl"})
    assert response.status_code == 400, response.content
    assert response.json()["errors"]["non_field_errors"]


@pytest.mark.parametrize(
    ("url", "body"),
    [
        ("/api/v1/pledges/", {"campaign": 2**70, "amount": 2500, "email": "a@b.be", "name": "A"}),
        (
            "/api/v1/pledges/",
            {"campaign": "CAMPAIGN", "amount": 2**70, "email": "a@b.be", "name": "A"},
        ),
        ("/api/v1/signups/", {"task": 2**70}),
        ("/api/v1/applications/", {"role": 2**70, "motivation": "Envie."}),
        ("/api/v1/advice/", {"page": 2**70, "comment": "Bonne idée."}),
        ("/api/v1/advice/", {"page": "CAMPAIGN", "parent": 2**70, "comment": "Bonne idée."}),
        ("/api/v1/ideas/", {"title": "Idée", "kind": "idea", "summary": "S", "category": 2**70}),
        (
            "/api/v1/ideas/",
            {"title": "Idée", "kind": "idea", "summary": "S", "territory": 2**70},
        ),
        (
            "/api/v1/ideas/",
            {"title": "Idée", "kind": "idea", "summary": "S", "budget_eur": 2**70},
        ),
    ],
)
def test_integers_beyond_64_bits_are_400(member_client, campaign, url, body):
    body = {key: campaign.pk if value == "CAMPAIGN" else value for key, value in body.items()}
    response = member_client.post(url, json.dumps(body), content_type="application/json")
    assert response.status_code == 400, response.content
    too_big = next(field for field, value in body.items() if value == 2**70)
    assert too_big in response.json()["errors"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/pledges/99999999999999999999999/",
        "/api/v1/signups/99999999999999999999999/",
        "/api/v1/applications/99999999999999999999999/",
        "/api/v1/advice/99999999999999999999999/flag/",
        "/api/v1/advice/?page_id=99999999999999999999999",
        "/api/v2/pages/99999999999999999999999/",
        "/api/v2/images/99999999999999999999999/",
        "/api/v2/documents/99999999999999999999999/",
    ],
)
def test_ids_beyond_64_bits_are_not_a_500(member_client, campaign, url):
    response = member_client.get(url)
    assert response.status_code in (400, 403, 404, 405), response.content


@pytest.mark.parametrize(
    "query",
    [
        "?search=velo%20AND",
        "?search=velo*",
        "?search=NEAR(velo",
        "?search=-velo",
        "?search=%22velo",
    ],
)
def test_search_syntax_never_reaches_the_engine(client, campaign, query):
    response = client.get(f"/api/v2/pages/{query}")
    assert response.status_code == 200, response.content


@pytest.mark.parametrize(
    "query", ["?id=abc", "?id=99999999999999999999999", "?id=%00", "?html_path=%00"]
)
def test_find_view_with_odd_ids_is_not_a_500(client, campaign, query):
    response = client.get(f"/api/v2/pages/find/{query}")
    assert response.status_code in (400, 404), response.content


def test_v2_errors_speak_the_request_language(client, site):
    response = client.get(
        "/api/v2/pages/?search_operator=xor&search=velo", headers={"accept-language": "de"}
    )
    assert response.status_code == 400
    assert response.json()["message"] == "search_operator muss „and“ oder „or“ sein."


@pytest.mark.parametrize(
    "body", [DEEP, json.dumps({"payment_method": "pm_" + "x" * 5000}), '{"payment_method": 5}']
)
def test_the_card_recovery_page_refuses_odd_bodies(client, campaign, body):
    pledge = PledgeFactory(campaign=campaign, status=PledgeStatus.ACTION_REQUIRED)
    response = client.post(
        f"/en/pledges/{pledge.token}/pay/", body, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "errors": {"payment_method": ["This is not a Stripe payment method id."]}
    }


@pytest.mark.parametrize(
    "path",
    [
        "lab/briefs/{big}/follow/",
        "lab/tasks/{big}/signup/",
        "advice/{big}/edit/",
        "advice/{big}/delete/",
        "advice/{big}/flag/",
        "advice/{big}/answers/",
        "campaign-updates/{big}/",
    ],
)
def test_ids_beyond_64_bits_in_web_addresses_are_404(member_client, site, path):
    url = "/fr/" + path.format(big="99999999999999999999999")
    assert member_client.get(url).status_code == 404
    assert member_client.post(url, {"comment": "Bonne idée."}).status_code == 404
