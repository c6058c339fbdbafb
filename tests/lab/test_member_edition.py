"""Members get the page shared by all members with their own small parts (portal.pagecache).

Each member's name, CSRF token and messages are theirs; a page showing something of a member's
own (a brief they follow, advice they wrote, a campaign they hold, an operator's staff) is
rendered for them, never taken from, nor put into, the shared edition.
"""

import re

from django.test import Client
from django.urls import reverse
from django.utils import translation

import pytest

from members.models import Follow
from tests.conftest import staff_of
from tests.factories import MemberFactory
from tests.factories.campaigns import CampaignPageFactory

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def page_cache(settings):
    from django.core.cache import cache

    cache.clear()
    settings.PAGE_CACHE_TIMEOUT = 600


def logged_in(member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    return client


def url(name, *args):
    with translation.override("fr"):
        return reverse(name, args=args)


def form_token(html, action):
    """The CSRF token of the form posting to `action`."""
    form = re.search(rf'<form[^>]*action="{re.escape(action)}"[^>]*>(.*?)</form>', html, re.S)
    assert form, action
    return TOKEN.search(form.group(1)).group(1)


def test_each_member_gets_their_own_name_token_and_messages(brief, django_assert_max_num_queries):
    aline, bruno = MemberFactory(first_name="Aline"), MemberFactory(first_name="Bruno")
    clients = {aline: logged_in(aline), bruno: logged_in(bruno)}
    for client in clients.values():
        client.get(brief.url)  # the edition, then what each member has of their own
    pages = {}
    for member, client in clients.items():
        with django_assert_max_num_queries(2):
            response = client.get(brief.url)
        assert response.status_code == 200
        assert "private" in response["Cache-Control"]
        pages[member] = response.content.decode()
    for member, other in ((aline, bruno), (bruno, aline)):
        html = pages[member]
        assert member.display_name in html and other.display_name not in html
        assert "maillon-slot" not in html and "maillon-csrf" not in html
        tokens = set(TOKEN.findall(html))
        assert tokens and not tokens & set(TOKEN.findall(pages[other]))


def test_a_members_forms_post_with_the_token_put_in_their_page(brief):
    aline, bruno = MemberFactory(first_name="Aline"), MemberFactory(first_name="Bruno")
    logged_in(bruno).get(brief.url)  # the edition exists before Aline comes
    client = logged_in(aline)
    html = client.get(brief.url).content.decode()
    action = url("lab_brief_follow", brief.pk)
    response = client.post(action, {"csrfmiddlewaretoken": form_token(html, action)})
    assert response.status_code == 302
    assert Follow.objects.filter(member=aline, target="brief").exists()
    # Her page now shows that she follows, and her message; Bruno's shows neither.
    html = client.get(brief.url).content.decode()
    assert "Stop following" in html or "Ne plus suivre" in html
    assert "notice--success" in html
    other = logged_in(bruno).get(brief.url).content.decode()
    assert "Stop following" not in other and "Ne plus suivre" not in other
    assert "notice--success" not in other
    # The header's log-out form takes the token filled in the shell.
    token = form_token(html, url("account_logout"))
    assert client.post(url("account_logout"), {"csrfmiddlewaretoken": token}).status_code == 302
    assert "_auth_user_id" not in client.session


def test_advice_a_member_wrote_is_theirs_to_edit_and_nobody_elses(brief):
    aline, bruno = MemberFactory(first_name="Aline"), MemberFactory(first_name="Bruno")
    client = logged_in(aline)
    html = client.get(brief.url).content.decode()
    action = url("lab_advice_post", brief.pk)
    token = form_token(html, action)
    client.post(action, {"csrfmiddlewaretoken": token, "comment": "Un substrat léger."})
    mine = client.get(brief.url).content.decode()
    assert "Un substrat léger." in mine and "/edit/" in mine and "/delete/" in mine
    others = logged_in(bruno).get(brief.url).content.decode()
    assert "Un substrat léger." in others
    assert "/edit/" not in others and "/delete/" not in others and "/flag/" in others


def test_the_project_holder_and_staff_get_their_own_tools(operator):
    holder = MemberFactory(first_name="Hélène")
    campaign = CampaignPageFactory(parent=operator, slug="atelier", project_holder=holder)
    campaign.save_revision().publish()
    plain = MemberFactory(first_name="Pierre")
    for member in (plain, holder, staff_of(operator, "moderator"), plain):
        html = logged_in(member).get(campaign.url).content.decode()
        is_plain = member == plain
        assert ('id="update-form"' in html) is not is_plain, member
        assert member.display_name in html
    moderator_html = logged_in(staff_of(operator, "moderator")).get(campaign.url).content.decode()
    assert 'href="/admin/"' in moderator_html
    assert 'href="/admin/"' not in logged_in(plain).get(campaign.url).content.decode()


def test_joining_a_group_ends_the_shared_edition_for_that_member(operator, brief):
    member = MemberFactory()
    client = logged_in(member)
    assert 'href="/admin/"' not in client.get(brief.url).content.decode()
    member.groups.add(operator.moderators_group)
    assert 'href="/admin/"' in client.get(brief.url).content.decode()
