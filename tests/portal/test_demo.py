"""The demo seed, seeded once for the whole module: it takes half a minute, and the portal's,
the campaigns' and the lab's checks all read the same content.

The module's tests run on one xdist worker (tests/conftest.py, SHARED_WORKER), inside a
transaction rolled back at the end, so the rest of the suite never sees the demo.
"""

from io import StringIO

from django.core.management import call_command
from django.db import transaction

from wagtail.models import Page, Revision

import pytest

from campaigns.demo import CAMPAIGNS
from campaigns.models import CampaignIndexPage, CampaignPage, MatchFund, Pledge
from lab.models import ExpertProfile, LabBriefPage, VolunteerSignup
from portal.models import HomePage, OperatorPage, User

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        Page.objects.count(),
        Revision.objects.count(),
        User.objects.count(),
        OperatorPage.objects.count(),
        LabBriefPage.objects.count(),
        VolunteerSignup.objects.count(),
        Pledge.objects.count(),
    )


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """Seed twice (the second run must change nothing); yield both snapshots; roll back."""
    with django_db_blocker.unblock(), transaction.atomic():
        # As on a fresh database: without the test site (tests/conftest.py) of other modules.
        HomePage.objects.all().delete()
        output = StringIO()
        call_command("seed_demo", stdout=output)
        first = snapshot()
        call_command("seed_demo", stdout=output)
        yield first, snapshot(), output.getvalue()
        transaction.set_rollback(True)


def test_seeding_twice_changes_nothing(seeded):
    first, second, _output = seeded
    assert second == first


def test_seed_prints_the_logins_at_the_served_address(seeded):
    output = seeded[2]
    assert "editor@nestup.be" in output
    assert "Portal: http://testserver/   Admin: http://testserver/admin/" in output


def test_portal_sections_and_home_pages_are_real_translations(seeded, client):
    sections = OperatorPage.objects.filter(locale__language_code="fr")
    assert {s.kind for s in sections} >= {
        "incubator",
        "agency",
        "creative_hub",
        "commune",
        "community",
    }
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


def test_demo_log_ins(seeded, client):
    editor = User.objects.get(email="editor@nestup.be")
    assert editor.groups.filter(name="Nest'up — editors").exists()
    assert client.login(email="member@maillon.be", password="maillon-demo")


def test_six_translated_campaigns(seeded, client):
    french = CampaignPage.objects.filter(
        locale__language_code="fr", slug__in=[spec["slug"] for spec in CAMPAIGNS]
    )
    assert french.count() == 6
    for campaign in french:
        for language in ("nl", "de", "en"):
            copy = CampaignPage.objects.get(
                translation_key=campaign.translation_key, locale__language_code=language
            )
            assert copy.alias_of_id is None
            assert copy.title != campaign.title or language == "en"
    statuses = {campaign.status for campaign in french}
    assert {"live", "successful", "unsuccessful"} <= statuses
    assert any(c.is_open and c.days_left <= 1 for c in french)
    assert MatchFund.objects.count() == 2
    assert any(c.matched > 0 for c in french)
    assert any(c.reward_tiers.exists() for c in french)
    assert Pledge.objects.filter(tax_declaration__isnull=True).count() == 14  # tax.demo adds gifts
    assert CampaignIndexPage.objects.count() == 4

    dutch_index = CampaignIndexPage.objects.get(locale__language_code="nl")
    html = client.get(dutch_index.url).content.decode()
    assert "Solidaire fietswerkplaats in Namen" in html
    german = CampaignPage.objects.get(slug="solidarische-fahrradwerkstatt-in-namur")
    assert "Mitgliedskarte" in client.get(german.url).content.decode()


def test_two_campaigns_show_a_whole_plan_with_the_regions_conditional_match(seeded, client):
    from campaigns.financing import plan_of

    planned = [c for c in CampaignPage.objects.filter(locale__language_code="fr") if plan_of(c)]
    assert len(planned) == 2
    for campaign in planned:
        kinds = {line.kind: line for line in plan_of(campaign).lines}
        assert {"crowd", "grant", "loan", "match_fund"} <= set(kinds)
        assert kinds["match_fund"].status == "conditional"
        assert kinds["match_fund"].so_far > 0
        german = CampaignPage.objects.get(
            translation_key=campaign.translation_key, locale__language_code="de"
        )
        html = client.get(german.url).content.decode()
        assert "Finanzierungsplan" in html
        assert "Kofinanzierung der Wallonischen Region, wenn das Ziel erreicht wird" in html


def test_six_lab_briefs_in_four_languages(seeded, client):
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


def test_a_brief_graduated_into_a_translated_campaign(seeded, client):
    graduated = LabBriefPage.objects.get(slug="ressourcerie-liege", locale__language_code="fr")
    assert graduated.status == "graduated"
    campaign = graduated.graduation.campaign
    assert campaign.live
    english = campaign.get_translations().get(locale__language_code="en", alias_of=None)
    assert english.title == "A reuse centre for Liège"
    assert campaign.url in client.get(graduated.url).content.decode()


def test_every_demo_text_is_written_in_the_four_languages():
    """A text added to demo/fr.toml but forgotten in another language's file fails here."""
    from portal import demo_data

    incomplete = []

    def walk(node, path):
        if isinstance(node, dict):
            languages = {key for key in node if key in demo_data.LANGUAGES}
            # `names` are an operator's other-language names; its French name is `name`.
            expected = set(demo_data.LANGUAGES) - ({"fr"} if path.endswith(".names") else set())
            if languages and languages != expected:
                incomplete.append(f"{path}: {sorted(languages)}")
            for key, value in node.items():
                walk(value, f"{path}.{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{path}[{index}]")

    walk(demo_data.load(), "demo")
    assert demo_data.load()["campaigns"]["campaigns"], "the demo has campaigns"
    assert not incomplete


def test_an_approved_beneficiary_with_deductible_gifts_over_two_years(seeded):
    from django.utils import timezone

    from tax.models import Attestation, Beneficiary

    beneficiary = Beneficiary.objects.get(legal_name="ASBL Potagers Partagés de Liège")
    this_year = timezone.localdate().year
    assert beneficiary.is_approved_on(timezone.localdate())
    years = set(Attestation.objects.filter(beneficiary=beneficiary).values_list("year", flat=True))
    assert years == {this_year - 2, this_year - 1}
    member = Attestation.objects.filter(email="member@maillon.be")
    assert member.count() == 2 and member.first().user is not None


def test_a_member_proposed_campaign_went_through_moderation(seeded, client):
    from projects.models import Project, ProposalTerms

    project = Project.objects.select_related("campaign", "holder").get()
    assert project.holder.email == "member@maillon.be"
    assert project.campaign.live and project.launched_at is not None
    assert project.campaign.reward_tiers.count() == 2
    assert ProposalTerms.objects.filter(accepts_proposals=True).count() == 2
    assert client.get(project.campaign.url).status_code == 200


def test_public_profiles_and_follows(seeded, client):
    from members.models import Follow

    assert client.get("/fr/members/nina-peeters/").status_code == 200
    assert client.get("/de/members/paul-schmitz/").status_code == 200
    nina = User.objects.get(email="member@maillon.be")
    assert {row.target for row in Follow.objects.filter(member=nina)} == {
        "campaign",
        "operator",
        "member",
    }
