import datetime
import html

from django.core import mail
from django.utils import timezone

import pytest
from django_comments_xtd.models import XtdComment

from lab.models import LabBriefPage
from tests.conftest import staff_of
from tests.factories import MemberFactory
from tests.factories.lab import ExpertProfileFactory, LabBriefPageFactory
from tests.lab.conftest import client_for

pytestmark = pytest.mark.django_db

ADVICE = "/api/v1/advice/"


def give(client, page, text="Un substrat léger, type pouzzolane.", **extra):
    return client.post(ADVICE, {"page": page.pk, "comment": text, **extra}, "application/json")


def test_expert_advice_carries_the_badge_everywhere(client, operator, brief):
    expert = ExpertProfileFactory(verified_by_operator=operator).member
    assert give(client_for(expert), brief).status_code == 201
    assert (
        give(client_for(MemberFactory()), brief, "Moi je mettrais du terreau.").status_code == 201
    )
    page = html.unescape(client.get(brief.url).content.decode())
    assert page.count('class="badge badge--expert"') == 1
    listed = client.get(f"{ADVICE}?page_id={brief.pk}").json()["results"]
    assert [row["is_expert"] for row in listed] == [True, False]
    experts_only = client.get(f"{ADVICE}?page_id={brief.pk}&experts=1").json()["results"]
    assert [row["comment"] for row in experts_only] == ["Un substrat léger, type pouzzolane."]
    filtered_page = client.get(f"{brief.url}?advice=experts").content.decode()
    assert "terreau" not in filtered_page and "pouzzolane" in filtered_page


def test_replies_and_opt_in_follow_up(brief, django_capture_on_commit_callbacks):
    asker, quiet, replier = MemberFactory(), MemberFactory(), MemberFactory()
    first = give(client_for(asker), brief, "Question ?", followup=True).json()
    give(client_for(quiet), brief, "Autre fil.")
    with django_capture_on_commit_callbacks(execute=True):
        reply = give(client_for(replier), brief, "Réponse.", parent=first["id"])
    assert reply.status_code == 201
    assert reply.json()["replies_to"] == first["id"]
    assert [m.to for m in mail.outbox] == [[asker.email]]


def test_edit_within_the_window_and_delete_own(member, member_client, brief):
    comment_id = give(member_client, brief).json()["id"]
    response = member_client.patch(
        f"{ADVICE}{comment_id}/", {"comment": "Corrigé."}, "application/json"
    )
    assert response.status_code == 200
    XtdComment.objects.filter(pk=comment_id).update(
        submit_date=timezone.now() - datetime.timedelta(hours=1)
    )
    late = member_client.patch(
        f"{ADVICE}{comment_id}/", {"comment": "Trop tard."}, "application/json"
    )
    assert late.status_code == 403
    other = client_for(MemberFactory())
    assert other.delete(f"{ADVICE}{comment_id}/").status_code == 403
    assert member_client.delete(f"{ADVICE}{comment_id}/").status_code == 204
    assert XtdComment.objects.get(pk=comment_id).comment == "Corrigé."
    assert client_for(member).get(f"{ADVICE}?page_id={brief.pk}").json()["results"] == []


@pytest.mark.parametrize("text", ["", "   ", "x" * 100_000])
def test_empty_or_huge_advice_is_a_400(member_client, brief, text):
    response = give(member_client, brief, text)
    assert response.status_code == 400
    assert "comment" in response.json()["errors"]
    assert not XtdComment.objects.exists()


def test_no_advice_on_a_draft_or_unknown_page(member_client, operator):
    draft = LabBriefPageFactory(parent=operator, live=False)
    for page_id in (draft.pk, 987654, operator.pk):
        response = member_client.post(
            ADVICE, {"page": page_id, "comment": "Bonjour"}, "application/json"
        )
        assert response.status_code == 400
        assert "page" in response.json()["errors"]
    assert not XtdComment.objects.exists()


def test_anonymous_cannot_post_but_can_read(client, brief):
    assert give(client, brief).status_code in (401, 403)
    assert client.get(f"{ADVICE}?page_id={brief.pk}").status_code == 200


def test_flag_once_then_moderator_hides_and_it_vanishes(client, operator, other_operator, brief):
    comment_id = give(client_for(MemberFactory()), brief).json()["id"]
    flagger = client_for(MemberFactory())
    assert flagger.post(f"{ADVICE}{comment_id}/flag/").status_code == 201
    assert flagger.post(f"{ADVICE}{comment_id}/flag/").status_code == 409

    outsider = client_for(staff_of(other_operator, "moderator"))
    assert "pouzzolane" not in outsider.get("/admin/lab/advice/").content.decode()
    assert outsider.post(f"/admin/lab/advice/{comment_id}/hide/").status_code == 404

    moderator = client_for(staff_of(operator, "moderator"))
    assert "pouzzolane" in moderator.get("/admin/lab/advice/").content.decode()
    assert moderator.post(f"/admin/lab/advice/{comment_id}/hide/").status_code == 302
    assert "pouzzolane" not in client.get(brief.url).content.decode()
    assert client.get(f"{ADVICE}?page_id={brief.pk}").json()["results"] == []


def test_owner_marks_advice_as_answering_a_question(client, brief, question):
    owner = MemberFactory()
    LabBriefPage.objects.filter(pk=brief.pk).update(proposed_by=owner)
    comment_id = give(client_for(MemberFactory()), brief).json()["id"]
    stranger = client_for(MemberFactory())
    stranger.post(f"/fr/advice/{comment_id}/answers/", {"question": question.pk})
    assert LabBriefPage.objects.get(pk=brief.pk).counters.questions_answered == 0
    client_for(owner).post(f"/fr/advice/{comment_id}/answers/", {"question": question.pk})
    brief = LabBriefPage.objects.get(pk=brief.pk)
    assert brief.counters.questions_answered == 1
    assert "knowledge" not in brief.needs


def test_page_form_posts_advice(member_client, brief):
    response = member_client.post(
        f"/fr/advice/on/{brief.pk}/", {"comment": "Pensez au poids.", "next": brief.url}
    )
    assert response.status_code == 302
    assert "Pensez au poids." in member_client.get(brief.url).content.decode()


def test_advice_list_queries_are_bounded(client, operator, brief, django_assert_max_num_queries):
    for _i in range(3):
        give(client_for(ExpertProfileFactory(verified_by_operator=operator).member), brief)
    for _i in range(3):
        give(client_for(MemberFactory()), brief)
    with django_assert_max_num_queries(6):
        response = client.get(f"{ADVICE}?page_id={brief.pk}")
    assert len(response.json()["results"]) == 6


def test_campaigns_have_advice_threads_too(client, operator, member_client):
    from tests.factories.campaigns import CampaignPageFactory

    campaign = CampaignPageFactory(parent=operator)
    response = give(member_client, campaign, "Pensez aux primes régionales.")
    assert response.status_code == 201
    listed = client.get(f"{ADVICE}?page_id={campaign.pk}").json()["results"]
    assert [row["comment"] for row in listed] == ["Pensez aux primes régionales."]
    draft = CampaignPageFactory(parent=operator, live=False)
    assert give(member_client, draft).status_code == 400


@pytest.mark.parametrize(
    "path", ["/api/v1/advice/{id}/", "/api/v1/signups/{id}/", "/api/v1/applications/{id}/"]
)
def test_an_id_beyond_64_bits_is_a_404_not_a_server_error(member_client, path):
    url = path.format(id="353530486959202124769035026432")
    assert member_client.delete(url).status_code == 404
    assert member_client.get(url).status_code == 404
