from django.core.management import call_command

import pytest

from lab.models import ExpertProfile, LabBriefPage, VolunteerSignup

pytestmark = pytest.mark.django_db


def test_seed_demo_adds_six_briefs_in_four_languages_and_is_idempotent(client):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    counts = (LabBriefPage.objects.count(), VolunteerSignup.objects.count())
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (LabBriefPage.objects.count(), VolunteerSignup.objects.count()) == counts

    french = LabBriefPage.objects.filter(locale__language_code="fr")
    assert french.count() >= 6
    assert len({brief.get_parent().pk for brief in french}) >= 4
    assert french.filter(proposed_by__isnull=False, live=True).exists()
    assert VolunteerSignup.objects.filter(status="waitlisted").exists()
    assert ExpertProfile.objects.filter(member__email="expert@maillon.be").exists()
    for code in ("nl", "de", "en"):
        translations = LabBriefPage.objects.filter(locale__language_code=code, alias_of=None)
        assert translations.count() == french.count()
    dutch = LabBriefPage.objects.get(locale__language_code="nl", slug="zonnedaken")
    assert dutch.tasks.get().title == "Opmeting van de daken"
    page = client.get(dutch.url).content.decode()
    assert "Zonnedaken voor de scholen van Namen" in page
    assert "badge--expert" in page
    assert "2 / 2" in page
    assert client.get("/de/lab/").status_code == 200
    graduated = LabBriefPage.objects.get(slug="ressourcerie-liege", locale__language_code="fr")
    assert graduated.status == "graduated"
    campaign = graduated.graduation.campaign
    assert campaign.live
    english = campaign.get_translations().get(locale__language_code="en", alias_of=None)
    assert english.title == "A reuse centre for Liège"
    assert campaign.url in client.get(graduated.url).content.decode()
