import html

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

import pytest

from campaigns.models import CampaignPage, MatchFund
from projects.models import Project, ProposalTerms
from tests.conftest import staff_of
from tests.factories import CategoryFactory, MemberFactory
from tests.factories.campaigns import CampaignPageFactory
from tests.projects.conftest import client_for, png_file

pytestmark = pytest.mark.django_db


def form_data(operator, **changes):
    data = {
        "operator": operator.pk,
        "title": "Un fournil de quartier",
        "summary": "Du pain cuit au bois pour tout le quartier.",
        "story": "Un four à bois.\n\nDes miches le samedi.",
        "video_url": "https://vimeo.com/76979871",
        "goal": "1 500,50",
        "funding_model": "flexible",
        "duration_days": "20",
        "cover_alt": "Un four à pain",
        "tiers-TOTAL_FORMS": "2",
        "tiers-INITIAL_FORMS": "0",
        "tiers-0-title": "Une miche",
        "tiers-0-minimum_amount": "5",
        "tiers-1-title": "",
        "tiers-1-minimum_amount": "",
        "budget-TOTAL_FORMS": "1",
        "budget-INITIAL_FORMS": "0",
        "budget-0-label": "Four",
        "budget-0-amount": "1200",
    }
    data.update(changes)
    return data


def test_propose_from_the_site_with_image_and_tiers(member, member_client, operator):
    ProposalTerms.objects.create(operator=operator, accepts_proposals=True)
    form = member_client.get("/fr/projects/propose/")
    assert form.status_code == 200
    assert "Nest&#x27;up" in form.content.decode() or "Nest'up" in form.content.decode()
    response = member_client.post(
        "/fr/projects/propose/", form_data(operator, cover_image=png_file())
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    campaign = CampaignPage.objects.get(project_holder=member, alias_of__isnull=True)
    assert campaign.goal == 150_050
    assert campaign.hero_image.description == "Un four à pain"
    assert [tier.title for tier in campaign.reward_tiers.all()] == ["Une miche"]
    project = Project.objects.get(campaign=campaign)
    assert project.video_url == "https://vimeo.com/76979871"
    assert project.budget_lines == [{"label": "Four", "amount": 120_000}]
    listing = html.unescape(member_client.get("/fr/projects/").content.decode())
    assert "Un fournil de quartier" in listing and "En attente" in listing or "attend" in listing


def test_site_form_errors_are_400_in_the_visitors_language(member_client, operator):
    ProposalTerms.objects.create(operator=operator, accepts_proposals=True)
    response = member_client.post(
        "/de/projects/propose/",
        form_data(operator, goal="zwölf", duration_days="90", **{"tiers-0-minimum_amount": "x"}),
    )
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "Geben Sie einen Betrag in Euro an" in page
    assert not CampaignPage.objects.filter(title="Un fournil de quartier").exists()


def test_operator_restricted_to_a_category(member_client, operator, site):
    terms = ProposalTerms.objects.create(operator=operator, accepts_proposals=True)
    food = CategoryFactory(name="Alimentation", slug="alimentation")
    culture = CategoryFactory(name="Culture", slug="culture")
    terms.categories.add(food)
    response = member_client.post("/fr/projects/propose/", form_data(operator, category=culture.pk))
    assert response.status_code == 400
    assert "cette catégorie" in html.unescape(response.content.decode())
    response = member_client.post("/fr/projects/propose/", form_data(operator, category=food.pk))
    assert response.status_code == 302


def test_unverified_member_cannot_propose(operator):
    unverified = MemberFactory(confirmed=False)
    unverified.save()
    assert client_for(unverified).get("/fr/projects/propose/").status_code == 403


def test_my_maillon_link_is_registered(rf, member):
    from wagtail import hooks

    request = rf.get("/nl/me/")
    request.user = member
    with translation.override("nl"):
        links = [hook(request) for hook in hooks.get_hooks("register_my_maillon_link")]
        assert {"url": "/nl/projects/", "label": "Mijn projecten", "order": 20} in [
            {**link, "label": str(link["label"])} for link in links if link
        ]


def test_gdpr_hooks_export_and_erase(member_client, member, operator):
    from wagtail import hooks

    ProposalTerms.objects.create(operator=operator, accepts_proposals=True)
    member_client.post("/fr/projects/propose/", form_data(operator))
    (export,) = [
        h
        for h in hooks.get_hooks("register_member_data_export")
        if h.__module__.startswith("projects.")
    ]
    assert export(member)["projects"][0]["video_url"] == "https://vimeo.com/76979871"
    (erase,) = [
        h for h in hooks.get_hooks("register_member_erase") if h.__module__.startswith("projects.")
    ]
    erase(member)
    assert not Project.objects.filter(holder=member).exists()


def test_admin_amounts_are_typed_in_euros(operator):
    moderator = client_for(staff_of(operator, "moderator"))
    campaign = CampaignPageFactory(parent=operator, goal=123_450)
    page = moderator.get(f"/admin/pages/{campaign.pk}/edit/").content.decode()
    assert 'value="1234.50"' in page and "goal (EUR)" in page.replace("objectif", "goal")
    response = moderator.get("/admin/campaigns/match-funds/new/")
    assert response.status_code == 200
    form = {
        "operator": operator.pk,
        "name": "Fonds communal",
        "total": "2 500,75",
        "ratio_fund": "1",
        "ratio_crowd": "1",
        "cap_per_pledge": "50",
        "trigger_percent": "0",
        "active": "on",
    }
    response = moderator.post("/admin/campaigns/match-funds/new/", form)
    assert response.status_code == 302, html.unescape(response.content.decode())[-3000:]
    fund = MatchFund.objects.get(name="Fonds communal")
    assert (fund.total, fund.cap_per_pledge) == (250_075, 5_000)


def test_cover_must_be_an_image_of_allowed_type(member_client, operator):
    ProposalTerms.objects.create(operator=operator, accepts_proposals=True)
    fake = SimpleUploadedFile("cover.jpg", b"GIF89a not really", content_type="image/jpeg")
    response = member_client.post("/fr/projects/propose/", form_data(operator, cover_image=fake))
    assert response.status_code == 400
    response = member_client.post(
        "/fr/projects/propose/", form_data(operator, cover_image=png_file(), cover_alt="")
    )
    assert response.status_code == 400


def test_moderators_set_their_sections_terms_in_the_admin(operator, other_operator):
    moderator = client_for(staff_of(operator, "moderator"))
    page = moderator.get("/admin/projects_terms/new/")
    assert page.status_code == 200
    assert "GRE Liège" not in page.content.decode()
    response = moderator.post(
        "/admin/projects_terms/new/", {"operator": other_operator.pk, "accepts_proposals": "on"}
    )
    assert response.status_code == 200  # the form again: not a choice of theirs
    assert not ProposalTerms.objects.exists()
    response = moderator.post(
        "/admin/projects_terms/new/", {"operator": operator.pk, "accepts_proposals": "on"}
    )
    assert response.status_code == 302
    assert ProposalTerms.objects.get().operator_id == operator.pk
    editor = client_for(staff_of(operator, "editor"))
    assert editor.get("/admin/projects_terms/new/").status_code in (302, 403)


def test_holder_edits_from_the_site_after_a_rejection(member, member_client, operator):
    from tests.projects.conftest import moderate

    ProposalTerms.objects.create(operator=operator, accepts_proposals=True)
    member_client.post("/fr/projects/propose/", form_data(operator))
    campaign = CampaignPage.objects.get(project_holder=member, alias_of__isnull=True)
    moderate(staff_of(operator, "moderator"), campaign, "reject", "Un objectif plus modeste ?")
    edit_url = f"/fr/projects/{campaign.pk}/edit/"
    page = html.unescape(member_client.get(edit_url).content.decode())
    assert "Un objectif plus modeste ?" in page and 'value="1500.50"' in page
    tier = campaign.reward_tiers.get()
    data = form_data(
        operator,
        goal="900",
        **{"tiers-INITIAL_FORMS": "1", "tiers-0-id": str(tier.pk), "tiers-0-minimum_amount": "6"},
    )
    response = member_client.post(edit_url, data)
    assert response.status_code == 302, html.unescape(response.content.decode())[-2000:]
    state = campaign.workflow_states.order_by("-created_at").first()
    assert state.status == "in_progress"
    campaign.refresh_from_db()
    revision = campaign.get_latest_revision_as_object()
    assert revision.goal == 90_000
    assert [t.minimum_amount for t in revision.reward_tiers.all()] == [600]
