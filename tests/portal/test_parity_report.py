"""The translation parity report, read through the Wagtail admin by an operator's staff."""

import csv
import io

from django.test import Client

from wagtail.users.models import UserProfile
from wagtail_localize.synctree import create_aliases_for_new_page

import pytest

from portal.translation import translate
from tests.factories import ContentPageFactory

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/translation-parity/"


def french_page(parent, title, slug):
    page = ContentPageFactory(parent=parent, title=title, slug=slug, summary="Un résumé.")
    page.save_revision().publish()
    create_aliases_for_new_page(page)
    return page


def translate_into(page, language):
    translate(
        page,
        language,
        {page.title: f"{page.title} ({language})", page.slug: page.slug, "Un résumé.": language},
    )


@pytest.fixture
def pages(operator, other_operator):
    translated = french_page(operator, "Horaires", "horaires")
    for language in ("nl", "de", "en"):
        translate_into(translated, language)
    alias = french_page(operator, "Tarifs", "tarifs")
    outdated = french_page(operator, "Équipe", "equipe")
    translate_into(outdated, "nl")
    outdated.title = "Notre équipe"
    outdated.save_revision().publish()
    elsewhere = french_page(other_operator, "Chez GRE", "chez-gre")
    return {"translated": translated, "alias": alias, "outdated": outdated, "other": elsewhere}


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def export(user, **filters):
    response = client_for(user).get(REPORT, {**filters, "export": "csv"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(content)))


def rows_by_title(rows, title_heading):
    return {row[title_heading]: row for row in rows}


def test_editor_sees_the_state_of_each_copy_of_their_own_pages(editor, pages):
    rows = rows_by_title(export(editor), "Original français")
    assert set(rows) == {"Nest'up", "Horaires", "Tarifs", "Notre équipe"}
    assert rows["Horaires"]["Néerlandais"] == "Traduite"
    assert rows["Horaires"]["Anglais"] == "Traduite"
    assert rows["Tarifs"]["Allemand"] == "Texte français (alias)"
    assert rows["Notre équipe"]["Néerlandais"] == "Pas à jour"
    assert rows["Notre équipe"]["Allemand"] == "Texte français (alias)"
    assert rows["Horaires"]["Section"] == "Nest'up"
    assert rows["Horaires"]["Type de page"] == "Page de contenu"


def test_the_report_page_lists_the_same_in_the_staff_members_language(editor, pages):
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "de"
    profile.save()
    html = client_for(editor).get(REPORT).content.decode()
    assert "Übersetzungsstand" in html
    assert "Veraltet" in html
    assert "Horaires" in html
    assert "Chez GRE" not in html


def test_filters_by_language_state_type_and_section(editor, operator, pages):
    rows = export(editor, locale="nl", state="outdated")
    assert [row["Original français"] for row in rows] == ["Notre équipe"]
    assert "Allemand" not in rows[0]
    titles = [row["Original français"] for row in export(editor, locale="de", state="alias")]
    assert titles == ["Nest'up", "Tarifs", "Notre équipe"]
    titles = [row["Original français"] for row in export(editor, state="translated")]
    assert titles == ["Horaires"]
    content_type = pages["alias"].content_type_id
    titles = {row["Original français"] for row in export(editor, content_type=content_type)}
    assert titles == {"Horaires", "Tarifs", "Notre équipe"}
    titles = {row["Original français"] for row in export(editor, section=operator.pk)}
    assert titles == {"Nest'up", "Horaires", "Tarifs", "Notre équipe"}


def test_another_operators_section_is_not_a_filter_choice(editor, other_operator, pages):
    response = client_for(editor).get(REPORT, {"section": other_operator.pk})
    assert "Chez GRE" not in response.content.decode()
    rows = export(editor, section=other_operator.pk)
    assert all(row["Section"] == "Nest'up" for row in rows)


def test_superusers_see_every_section(django_user_model, pages):
    admin = django_user_model.objects.create_superuser(email="root@example.org", password="x")
    titles = {row["Original français"] for row in export(admin)}
    assert {"Horaires", "Chez GRE", "GRE Liège"} <= titles


def test_anonymous_visitors_and_members_are_kept_out(client, member, pages):
    response = client.get(REPORT)
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    response = client_for(member).get(REPORT)
    assert response.status_code in (302, 403)
    assert "Horaires" not in response.content.decode()


def test_nonsense_filters_are_ignored_not_a_server_error(editor, pages):
    response = client_for(editor).get(
        REPORT, {"state": "bogus", "locale": "xx", "section": "abc", "content_type": "-1"}
    )
    assert response.status_code == 200
    assert "Horaires" in response.content.decode()
