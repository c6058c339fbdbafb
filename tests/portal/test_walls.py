"""portal.walls: who is staff of which section, and the walls it puts on every admin view."""

from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale

import pytest

from campaigns.models import CampaignPage, MatchFund, Pledge
from lab.models import ExpertProfile, LabBriefPage
from portal import walls
from portal.models import OperatorPage
from tests.conftest import staff_of
from tests.factories import MemberFactory
from tests.factories.campaigns import CampaignPageFactory, MatchFundFactory, PledgeFactory
from tests.factories.lab import (
    ExpertProfileFactory,
    LabBriefPageFactory,
    TeamApplicationFactory,
    TeamRoleFactory,
    VolunteerSignupFactory,
    VolunteerTaskFactory,
)

pytestmark = pytest.mark.django_db

PEOPLE = ["editor", "moderator", "member", "anonymous", "superuser"]


def person(kind, operator, django_user_model):
    if kind in ("editor", "moderator"):
        return staff_of(operator, kind)
    if kind == "member":
        return MemberFactory()
    if kind == "superuser":
        return django_user_model.objects.create_superuser(email="root@example.org", password="x")
    return AnonymousUser()


def owned_objects(operator):
    """One object of every walled kind in the operator's section."""
    campaign = CampaignPageFactory(parent=operator, first_published_at=timezone.now())
    brief = LabBriefPageFactory(parent=operator, first_published_at=timezone.now())
    role = TeamRoleFactory(brief=brief)
    task = VolunteerTaskFactory(brief=brief)
    dutch = Locale.objects.get(language_code="nl")
    return {
        "section": operator,
        "dutch section": operator.get_translation(dutch),
        "campaign": campaign,
        "brief": brief,
        "match fund": MatchFundFactory(operator=operator),
        "expert": ExpertProfileFactory(verified_by_operator=operator),
        "pledge": PledgeFactory(campaign=campaign),
        "application": TeamApplicationFactory(role=role),
        "sign-up": VolunteerSignupFactory(task=task),
    }


@pytest.fixture
def both(operator, other_operator):
    return {"A": owned_objects(operator), "B": owned_objects(other_operator)}


@pytest.mark.parametrize("kind", PEOPLE)
def test_walls_matrix(kind, operator, other_operator, both, django_user_model):
    """Staff of A hold their role on A's objects only; members and visitors hold none."""
    for side, home in (("A", operator), ("B", other_operator)):
        user = person(kind, home, django_user_model)
        for owner, objects in both.items():
            for name, obj in objects.items():
                ours = kind == "superuser" or (owner == side and kind in ("editor", "moderator"))
                moderates = kind == "superuser" or (owner == side and kind == "moderator")
                label = f"{kind} of {side} on {owner}'s {name}"
                assert walls.is_staff(user, obj) is ours, label
                assert walls.is_staff(user, obj, walls.MODERATOR) is moderates, label
                rows = type(obj).objects.filter(pk=obj.pk)
                assert walls.within_sections(rows, user).exists() is ours, label
                walled = walls.within_sections(rows, user, walls.MODERATOR)
                assert walled.exists() is moderates, label
        sections = set(walls.sections_of(user).values_list("translation_key", flat=True))
        expected = {
            "editor": {home.translation_key},
            "moderator": {home.translation_key},
            "superuser": {operator.translation_key, other_operator.translation_key},
        }.get(kind, set())
        assert sections == expected
        assert walls.sections_of(user).count() == 4 * len(expected)  # every locale's copy
        if kind == "superuser":
            user.delete()


def test_members_are_nobodys_staff(operator, other_operator, django_user_model):
    member = MemberFactory()
    staff = [staff_of(operator, "editor"), staff_of(other_operator, "moderator")]
    root = django_user_model.objects.create_superuser(email="root@example.org", password="x")
    listed = set(walls.members())
    assert member in listed
    assert not listed & {*staff, root}
    assert set(walls.staff_of(operator)) == {staff[0]}
    assert set(walls.staff_of(other_operator, walls.MODERATOR)) == {staff[1]}
    assert not walls.staff_of(operator, walls.MODERATOR).exists()


def assert_refused(response):
    """Not found, forbidden, or Wagtail's redirect to the dashboard for a refused permission."""
    if response.status_code == 302:
        assert response["Location"] == "/admin/"
    else:
        assert response.status_code in (403, 404)


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def their_fund(other_operator):
    return MatchFundFactory(operator=other_operator, name="Fonds liégeois")


@pytest.mark.parametrize("view", ["edit", "delete", "history", "usage"])
def test_defect_1_match_fund_views_are_walled(view, moderator, their_fund):
    response = logged_in(moderator).get(f"/admin/campaigns/match-funds/{view}/{their_fund.pk}/")
    assert response.status_code == 404
    assert "Fonds liégeois" not in response.content.decode()


def test_defect_1_match_fund_cannot_be_taken_over_or_deleted(
    operator, moderator, their_fund, other_operator
):
    client = logged_in(moderator)
    taken = client.post(
        f"/admin/campaigns/match-funds/edit/{their_fund.pk}/",
        {"operator": operator.pk, "name": "À nous", "total": 1, "ratio_fund": 1, "ratio_crowd": 1},
    )
    assert taken.status_code == 404
    assert client.post(f"/admin/campaigns/match-funds/delete/{their_fund.pk}/").status_code == 404
    their_fund.refresh_from_db()
    assert (their_fund.operator_id, their_fund.name) == (other_operator.pk, "Fonds liégeois")


def test_defect_1_match_fund_form_offers_own_operator_and_campaigns(
    operator, other_operator, moderator
):
    ours = MatchFundFactory(operator=operator)
    own_campaign = CampaignPageFactory(parent=operator, title="Notre campagne")
    CampaignPageFactory(parent=other_operator, title="Leur brouillon", live=False)
    client = logged_in(moderator)
    for url in (
        "/admin/campaigns/match-funds/new/",
        f"/admin/campaigns/match-funds/edit/{ours.pk}/",
    ):
        response = client.get(url)
        form = response.context["form"]
        assert set(form.fields["operator"].queryset) == set(
            OperatorPage.objects.filter(translation_key=operator.translation_key)
        )
        assert own_campaign in form.fields["campaigns"].queryset
        assert "Leur brouillon" not in response.content.decode()
    moved = client.post(
        f"/admin/campaigns/match-funds/edit/{ours.pk}/",
        {
            "operator": other_operator.pk,
            "name": "Fuite",
            "total": 1,
            "ratio_fund": 1,
            "ratio_crowd": 1,
        },
    )
    assert moved.status_code == 200  # the form refuses the choice
    ours.refresh_from_db()
    assert ours.operator_id == operator.pk


@pytest.mark.parametrize("view", ["edit", "delete", "history", "usage", "copy"])
def test_defect_1_expert_views_are_walled(view, moderator, other_operator):
    theirs = ExpertProfileFactory(verified_by_operator=other_operator, domains="Hydrologie")
    response = logged_in(moderator).get(f"/admin/lab_experts/{view}/{theirs.pk}/")
    assert_refused(response)
    assert "Hydrologie" not in response.content.decode()
    assert logged_in(moderator).post(f"/admin/lab_experts/delete/{theirs.pk}/").status_code == 404
    assert ExpertProfile.objects.filter(pk=theirs.pk).exists()


def test_pledges_stay_read_only_and_walled(editor, moderator, other_operator):
    campaign = CampaignPageFactory(parent=other_operator, first_published_at=timezone.now())
    theirs = PledgeFactory(campaign=campaign)
    for user in (editor, moderator):
        client = logged_in(user)
        assert client.get(f"/admin/campaigns/pledges/inspect/{theirs.pk}/").status_code == 404
        assert client.post(f"/admin/campaigns/pledges/delete/{theirs.pk}/").status_code in (
            302,
            403,
            404,
        )
    assert Pledge.objects.filter(pk=theirs.pk).exists()


@pytest.fixture
def their_draft(other_operator):
    return CampaignPageFactory(parent=other_operator, title="Brouillon secret", live=False)


def test_defect_5_move_confirmation_hides_their_draft(operator, editor, their_draft):
    ours = CampaignPageFactory(parent=operator, title="Notre page", live=False)
    client = logged_in(editor)
    response = client.get(f"/admin/pages/{ours.pk}/move/{their_draft.pk}/confirm/")
    assert response.status_code == 404
    assert "Brouillon secret" not in response.content.decode()


def test_defect_5_move_confirmation_refused_into_another_section(operator, other_operator, editor):
    ours = CampaignPageFactory(parent=operator, title="Notre page", live=False)
    response = logged_in(editor).get(f"/admin/pages/{ours.pk}/move/{other_operator.pk}/confirm/")
    assert_refused(response)


def test_moves_within_own_section_still_confirm(operator, moderator):
    ours = LabBriefPageFactory(parent=operator, title="Notre idée", live=False)
    response = logged_in(moderator).get(f"/admin/pages/{ours.pk}/move/{operator.pk}/confirm/")
    assert response.status_code == 200
    assert "Notre idée" in response.content.decode()


def test_defect_5_page_types_report_hides_their_titles(editor, their_draft):
    response = logged_in(editor).get("/admin/reports/page-types-usage/")
    assert response.status_code == 200
    assert "Brouillon secret" not in response.content.decode()


@pytest.mark.parametrize("action", ["delete", "move", "publish", "unpublish"])
def test_defect_5_bulk_confirmation_hides_their_draft(action, editor, their_draft):
    url = f"/admin/bulk/wagtailcore/page/{action}/?id={their_draft.pk}&next=/admin/"
    client = logged_in(editor)
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 404
        assert "Brouillon secret" not in response.content.decode()
    their_draft.refresh_from_db()
    assert their_draft.title == "Brouillon secret"


def test_defect_5_page_chooser_shows_own_and_shared_pages_only(
    operator, other_operator, editor, their_draft, home
):
    ours = CampaignPageFactory(parent=operator, title="Notre brouillon", live=False)
    client = logged_in(editor)

    def chooser(url):
        response = client.get(url)
        return (
            response.json()["html"]
            if response["Content-Type"] == "application/json"
            else (response.content.decode())
        )

    assert "Brouillon secret" not in chooser(f"/admin/choose-page/{other_operator.pk}/")
    assert "Notre brouillon" in chooser(f"/admin/choose-page/{operator.pk}/")
    assert other_operator.title in chooser(f"/admin/choose-page/{home.pk}/")
    search = chooser("/admin/choose-page/search/?q=brouillon")
    assert "Notre brouillon" in search and "Brouillon secret" not in search
    assert client.get(f"/admin/choose-page/{their_draft.pk}/").status_code == 404
    chosen = client.get(f"/admin/choose-page/chosen-multiple/?id={their_draft.pk}&id={ours.pk}")
    assert chosen.status_code == 404


def test_defect_5_explorer_and_revisions_of_their_draft(editor, their_draft):
    client = logged_in(editor)
    for url in (f"/admin/pages/{their_draft.pk}/", f"/admin/pages/{their_draft.pk}/history/"):
        response = client.get(url)
        assert response.status_code in (403, 404)
        assert "Brouillon secret" not in response.content.decode()


def test_defect_8_expert_form_lists_members_only(operator, other_operator, moderator):
    member = MemberFactory(email="membre@example.org")
    their_staff = staff_of(other_operator, "moderator")
    own_staff = staff_of(operator, "editor")
    form = logged_in(moderator).get("/admin/lab_experts/new/").context["form"]
    choices = set(form.fields["member"].queryset)
    assert member in choices
    assert not choices & {their_staff, own_staff, moderator}


def test_defect_8_project_holder_lists_members_only(operator, other_operator, moderator):
    member = MemberFactory()
    their_staff = staff_of(other_operator, "editor")
    campaign = CampaignPageFactory(parent=operator, project_holder=None)
    response = logged_in(moderator).get(f"/admin/pages/{campaign.pk}/edit/")
    holders = set(response.context["form"].fields["project_holder"].queryset)
    assert member in holders
    assert their_staff not in holders and moderator not in holders
    brief = LabBriefPageFactory(parent=operator)
    response = logged_in(moderator).get(f"/admin/pages/{brief.pk}/edit/")
    assert their_staff not in set(response.context["form"].fields["proposed_by"].queryset)


def test_defect_4_admin_api_images_and_documents_are_walled(operator, other_operator, editor):
    Image, Document = get_image_model(), get_document_model()
    Image.objects.create(
        title="Notre logo", file=get_test_image_file(), collection=operator.collection
    )
    theirs = Image.objects.create(
        title="Leur logo", file=get_test_image_file(), collection=other_operator.collection
    )
    their_doc = Document.objects.create(
        title="Leur budget",
        collection=other_operator.collection,
        file=SimpleUploadedFile("budget.pdf", b"%PDF-1.4"),
    )
    client = logged_in(editor)
    images = client.get("/admin/api/main/images/").json()
    assert [item["title"] for item in images["items"]] == ["Notre logo"]
    assert client.get(f"/admin/api/main/images/{theirs.pk}/").status_code == 404
    assert client.get("/admin/api/main/documents/").json()["items"] == []
    assert client.get(f"/admin/api/main/documents/{their_doc.pk}/").status_code == 404


def test_superusers_see_everything(django_user_model, their_fund, their_draft):
    root = django_user_model.objects.create_superuser(email="root@example.org", password="x")
    client = logged_in(root)
    assert client.get(f"/admin/campaigns/match-funds/edit/{their_fund.pk}/").status_code == 200
    assert client.get(f"/admin/pages/{their_draft.pk}/").status_code == 200
    assert MatchFund.objects.count() == 1
    assert CampaignPage.objects.filter(pk=their_draft.pk).exists()
    assert LabBriefPage.objects.count() == 0
