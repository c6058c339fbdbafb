"""The feed: what followed campaigns, briefs, operators and members do, in the reader's language,
page by page, in a constant number of queries."""

import pytest

from members import feed
from members.models import EventKind, FeedEvent, Target
from members.receivers import check_milestones
from tests.factories import MemberFactory
from tests.factories.campaigns import PledgeFactory
from tests.members.conftest import client_for

pytestmark = pytest.mark.django_db


def follow(member, target, page):
    from members.follows import follow_key

    follow_key(member, target, page.translation_key)


def post_update(holder, campaign, title="Les premiers vélos"):
    response = client_for(holder).post(
        f"/fr/campaign-updates/{campaign.pk}/", {"title": title, "body": "Dix vélos réparés."}
    )
    assert response.status_code == 302


def test_a_followed_campaigns_update_is_in_the_feed_in_each_readers_language(holder, live_campaign):
    reader = MemberFactory(preferred_language="nl")
    stranger = MemberFactory()
    follow(reader, Target.CAMPAIGN, live_campaign)
    post_update(holder, live_campaign)

    client = client_for(reader)
    english = client.get("/api/v1/feed/", headers={"Accept-Language": "en"}).json()
    assert english["count"] == 1
    item = english["results"][0]
    assert item["kind"] == "campaign_update"
    assert item["text"] == "New update on Vélo-atelier de Namur: Les premiers vélos"
    assert item["url"] == "http://testserver/en/nestup/velo-atelier/"
    dutch = client.get("/nl/me/feed/").content.decode()
    assert "Nieuwe update bij Vélo-atelier de Namur: Les premiers vélos" in dutch
    assert 'href="/nl/nestup/velo-atelier/"' in dutch
    assert client_for(stranger).get("/api/v1/feed/").json()["count"] == 0


def test_milestones_are_recorded_once(live_campaign, member):
    follow(member, Target.CAMPAIGN, live_campaign)
    PledgeFactory(campaign=live_campaign, amount=30_000)
    check_milestones(live_campaign.translation_key)
    assert not FeedEvent.objects.filter(kind=EventKind.MILESTONE).exists()
    PledgeFactory(campaign=live_campaign, amount=30_000)
    check_milestones(live_campaign.translation_key)
    check_milestones(live_campaign.translation_key)
    PledgeFactory(campaign=live_campaign, amount=50_000)
    check_milestones(live_campaign.translation_key)
    milestones = FeedEvent.objects.filter(kind=EventKind.MILESTONE)
    assert sorted(event.detail["milestone"] for event in milestones) == ["goal", "half"]
    texts = [item["text"] for item in feed.present(list(feed.events_for(member)), "en")]
    assert "Vélo-atelier de Namur has reached its goal!" in texts


def test_a_pledge_that_counts_records_the_milestone_after_commit(
    live_campaign, member, django_capture_on_commit_callbacks
):
    follow(member, Target.CAMPAIGN, live_campaign)
    with django_capture_on_commit_callbacks(execute=True):
        PledgeFactory(campaign=live_campaign, amount=60_000)
    assert FeedEvent.objects.filter(kind=EventKind.MILESTONE).count() == 1


def test_new_projects_of_followed_members_and_new_briefs_of_followed_operators(
    holder, live_campaign, operator, brief, member
):
    from members.follows import follow_key

    follow_key(member, Target.MEMBER, holder.pk)
    follow(member, Target.OPERATOR, operator)
    brief.save_revision().publish()
    texts = [item["text"] for item in feed.present(list(feed.events_for(member)), "en")]
    assert "Inès Lambert has a new project: Vélo-atelier de Namur" in texts
    assert "Nest'up has a new brief: Un potager sur le toit" in texts


def _fill(campaign, count):
    for n in range(count):
        feed.record(
            EventKind.CAMPAIGN_UPDATE,
            f"test:{campaign.pk}:{n}",
            target=Target.CAMPAIGN,
            key=campaign.translation_key,
            subject=campaign,
            titles={"fr": f"Nouvelle {n}"},
        )
        feed.record(
            EventKind.MILESTONE,
            f"test-milestone:{campaign.pk}:{n}",
            target=Target.CAMPAIGN,
            key=campaign.translation_key,
            subject=campaign,
            milestone="half",
        )


@pytest.mark.parametrize("count", [2, 30])
def test_the_feed_costs_the_same_queries_at_any_size(
    live_campaign, member, count, django_assert_max_num_queries
):
    follow(member, Target.CAMPAIGN, live_campaign)
    _fill(live_campaign, count)
    client = client_for(member)
    client.get("/fr/me/feed/")  # warm the site's caches
    with django_assert_max_num_queries(12):
        page = client.get("/fr/me/feed/")
    assert page.status_code == 200
    with django_assert_max_num_queries(10):
        api = client.get("/api/v1/feed/?page=1")
    assert len(api.json()["results"]) == min(2 * count, 20)
    if count > 10:
        assert client.get("/api/v1/feed/?page=2").json()["previous"]
        assert "?page=2" in page.content.decode()


def test_an_answer_to_my_advice_is_in_my_feed_only(brief, member):
    from lab.advice import post_advice

    answerer = MemberFactory(first_name="Paul", last_name="Schmitz")
    mine = post_advice(brief, member, "Un substrat léger, pas plus de 20 cm.")
    post_advice(brief, answerer, "Et une étanchéité vérifiée d'abord.", parent=mine)
    post_advice(brief, member, "Merci !", parent=mine)  # answering oneself is no news
    texts = [item["text"] for item in feed.present(list(feed.events_for(member)), "en")]
    assert texts == ["Paul Schmitz answered your advice on Un potager sur le toit."]
    assert list(feed.events_for(answerer)) == []


def test_closing_a_campaign_is_a_milestone(operator, member):
    import datetime

    from django.utils import timezone

    from campaigns.closing import run_closing
    from tests.factories.campaigns import CampaignPageFactory

    now = timezone.now()
    ended = CampaignPageFactory(
        parent=operator,
        title="Fournil coopératif",
        starts_at=now - datetime.timedelta(days=40),
        deadline=now - datetime.timedelta(days=1),
    )
    follow(member, Target.CAMPAIGN, ended)
    run_closing(now)
    run_closing(now)
    texts = [item["text"] for item in feed.present(list(feed.events_for(member)), "en")]
    assert texts == ["Fournil coopératif is closed."]


def test_the_proposer_reads_that_their_idea_was_accepted(
    member, member_client, community_moderator
):
    from lab.models import LabBriefPage
    from tests.lab.test_ideas import moderate, propose

    propose(member_client)
    page = LabBriefPage.objects.get(proposed_by=member, alias_of__isnull=True)
    moderate(community_moderator, page, "approve")
    texts = [item["text"] for item in feed.present(list(feed.events_for(member)), "en")]
    assert "The idea Un frigo solidaire à Jambes has been accepted." in texts
