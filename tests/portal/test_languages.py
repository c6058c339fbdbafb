from django.core.management.base import BaseCommand

import pytest

from portal.demo import seed_home

pytestmark = pytest.mark.django_db

LANGUAGES = ["fr", "nl", "de", "en"]


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("nl-BE,nl;q=0.9", "/nl/"),
        ("de", "/de/"),
        ("en-GB,en;q=0.8", "/en/"),
        ("ja", "/fr/"),
        ("", "/fr/"),
    ],
)
def test_root_redirects_by_accept_language(client, site, accept, expected):
    response = client.get("/", headers={"accept-language": accept} if accept else {})
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.parametrize(
    ("code", "intro"),
    [
        ("fr", "Le maillon manquant"),
        ("nl", "De ontbrekende schakel"),
        ("de", "Das fehlende Glied"),
        ("en", "The missing link"),
    ],
)
def test_home_page_in_each_language(client, site, code, intro):
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{code}">' in html
    assert intro in html
    for other in LANGUAGES:
        assert f'hreflang="{other}" href="http://testserver/{other}/"' in html
    assert 'hreflang="x-default" href="http://testserver/fr/"' in html


def test_unknown_language_prefix_is_a_404_in_the_visitors_language(client, site):
    response = client.get("/xx/quelque-chose/", headers={"accept-language": "nl"}, follow=True)
    assert response.redirect_chain == [("/nl/xx/quelque-chose/", 302)]
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_unknown_page_is_a_404_in_the_page_language(client, site):
    response = client.get("/de/gibt-es-nicht/")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()


def test_bad_request_page_speaks_the_visitors_language(client, site):
    response = client.get("/", headers={"host": "evil.example", "accept-language": "de"})
    assert response.status_code == 400
    assert "Ungültige Anfrage" in response.content.decode()
    # Under a language prefix, the page's language wins.
    response = client.get("/nl/", headers={"host": "evil.example", "accept-language": "de"})
    assert response.status_code == 400
    assert "Ongeldig verzoek" in response.content.decode()


def test_hreflang_links_follow_the_address_make_run_serves(client, site, settings):
    """`make run PORT=8001` seeds with BASE_URL on that port, even over a demo seeded on 8000:
    the Site moves along, so absolute links (hreflang) point where the portal answers."""
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8001"
    seed_home(BaseCommand())

    html = client.get("/fr/", headers={"host": "127.0.0.1:8001"}).content.decode()
    assert '<link rel="alternate" hreflang="nl" href="http://127.0.0.1:8001/nl/">' in html
    assert '<link rel="alternate" hreflang="x-default" href="http://127.0.0.1:8001/fr/">' in html
