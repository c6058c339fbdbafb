"""The demo seed is complete and idempotent; the message catalogues are complete."""

from django.core.management import call_command

from wagtail.models import Page, Revision

import pytest

from portal.catalogues import catalogue_paths, catalogue_problems, placeholders
from portal.models import OperatorPage, User

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        Page.objects.count(),
        Revision.objects.count(),
        User.objects.count(),
        OperatorPage.objects.count(),
    )


def test_seed_demo_is_complete_and_idempotent(client):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = snapshot()
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert snapshot() == first

    sections = OperatorPage.objects.filter(locale__language_code="fr")
    assert {s.kind for s in sections} >= {
        "incubator",
        "agency",
        "creative_hub",
        "commune",
        "community",
    }
    # Real translations, not aliases of the French.
    for code, phrase in [
        ("nl", "De ontbrekende schakel"),
        ("de", "Das fehlende Glied"),
        ("en", "The missing link"),
    ]:
        html = client.get(f"/{code}/").content.decode()
        assert phrase in html
        assert "Le maillon manquant" not in html
    assert not Page.objects.filter(alias_of__isnull=False, depth__lte=3).exists()
    assert "Stad Namen" in client.get("/nl/ville-de-namur/").content.decode()

    editor = User.objects.get(email="editor@nestup.be")
    assert editor.groups.filter(name="Nest'up — editors").exists()
    assert client.login(email="member@maillon.be", password="maillon-demo")


def test_catalogues_are_complete():
    problems = [p for path in catalogue_paths() for p in catalogue_problems(path)]
    assert problems == []


def test_catalogue_check_catches_mistakes(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Hello %(name)s"\nmsgstr "Hallo %(naam)s"\n\n'
        'msgid "Untranslated"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "Guess"\nmsgstr "Gok"\n',
        encoding="utf-8",
    )
    problems = catalogue_problems(po)
    assert len(problems) == 3
    assert any("placeholders differ" in p for p in problems)
    assert any("untranslated" in p for p in problems)
    assert any("fuzzy" in p for p in problems)
    assert placeholders("%(a)s and {b} and %d") == ["%(a)s", "%d", "{b}"]
