"""GDPR self-service through HTTP: a member downloads their data, then deletes their account."""

import csv
import io
import json
import zipfile

from django.core.cache import cache
from django.test import Client

import pytest
from allauth.account.models import EmailAddress
from django_comments_xtd.models import XtdComment

from campaigns.models import PaymentEvent, Pledge, PledgeStatus
from lab import advice
from lab.models import ExpertProfile, TeamApplication, VolunteerSignup
from members import follows
from members.models import Follow
from portal.models import User
from tests.campaigns.conftest import campaign, localstripe, stripe_settings  # noqa: F401
from tests.factories import MemberFactory
from tests.factories.campaigns import PledgeFactory
from tests.factories.lab import (
    ExpertProfileFactory,
    TeamApplicationFactory,
    VolunteerSignupFactory,
)
from tests.lab.conftest import brief, category, territory  # noqa: F401

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()  # the counters are keyed by member id, which the next test reuses


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def lea(campaign, brief, operator):  # noqa: F811
    """A member who took part everywhere, under her name."""
    member = MemberFactory(first_name="Léa", last_name="Dupont", email="lea@example.org")
    PledgeFactory(
        campaign=campaign,
        backer=member,
        email=member.email,
        name="Léa Dupont",
        amount=4_200,
        status=PledgeStatus.PAID,
    )
    PledgeFactory(
        campaign=campaign,
        email="LEA@example.org",
        name="Léa D.",
        amount=1_000,
        status=PledgeStatus.PAID,
    )  # as a guest, before she had an account
    VolunteerSignupFactory(task=brief.tasks.get(), member=member)
    TeamApplicationFactory(role=brief.roles.get(), member=member, motivation="Je jardine.")
    follows.follow(member, "brief", brief.pk)
    ExpertProfileFactory(member=member, verified_by_operator=operator)
    advice.post_advice(brief, member, "Un substrat léger, pas plus de 20 cm.")
    return member


@pytest.fixture
def tom(campaign, brief):  # noqa: F811
    """Another member, who must come out of Léa's erasure untouched."""
    member = MemberFactory(first_name="Tom", last_name="Peeters", email="tom@example.org")
    PledgeFactory(
        campaign=campaign,
        backer=member,
        email=member.email,
        name="Tom Peeters",
        amount=3_000,
        status=PledgeStatus.PAID,
    )
    advice.post_advice(brief, member, "Pensez à l'étanchéité.")
    return member


def download(client, language="fr"):
    response = client.post(f"/{language}/me/data/")
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="maillon-')
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_the_zip_holds_each_file_as_json_and_csv(lea, tom):
    archive = download(logged_in(lea))
    files = {
        "account",
        "email_addresses",
        "contact_messages",
        "pledges",
        "campaign_updates",
        "ideas",
        "signups",
        "applications",
        "follows",
        "advice",
        "expert_profile",
    }
    assert set(archive.namelist()) >= {f"{name}.{ext}" for name in files for ext in ("json", "csv")}

    def rows(name):
        return json.loads(archive.read(f"{name}.json"))

    assert rows("account")[0]["email"] == "lea@example.org"
    assert rows("account")[0]["first_name"] == "Léa"
    assert rows("email_addresses") == [
        {"email": "lea@example.org", "verified": True, "primary": True}
    ]
    assert sorted(p["amount_cents"] for p in rows("pledges")) == [1_000, 4_200]  # not Tom's
    assert [s["task"] for s in rows("signups")] == ["Porter la terre"]
    assert [a["motivation"] for a in rows("applications")] == ["Je jardine."]
    assert [f["target"] for f in rows("follows")] == ["brief"]
    assert [a["text"] for a in rows("advice")] == ["Un substrat léger, pas plus de 20 cm."]
    assert rows("expert_profile")[0]["domains"] == "énergie, droit"

    table = list(csv.DictReader(io.StringIO(archive.read("pledges.csv").decode("utf-8-sig"))))
    assert {row["name"] for row in table} == {"Léa Dupont", "Léa D."}
    assert {row["amount_cents"] for row in table} == {"1000", "4200"}


def test_the_pages_need_a_member_and_speak_their_language(lea):
    assert "/accounts/login/" in Client().get("/fr/me/data/")["Location"]
    assert "/accounts/login/" in Client().post("/fr/me/delete/")["Location"]
    client = logged_in(lea)
    assert "Mijn gegevens downloaden" in client.get("/nl/me/data/").content.decode()
    assert "Mein Konto endgültig löschen" in client.get("/de/me/delete/").content.decode()
    profile = client.get("/en/accounts/profile/").content.decode()
    assert 'href="/en/me/data/"' in profile and 'href="/en/me/delete/"' in profile


def test_downloads_are_rate_limited(lea):
    client = logged_in(lea)
    for _ in range(5):
        download(client)
    response = client.post("/fr/me/data/")
    assert response.status_code == 429
    assert "Trop de téléchargements" in response.content.decode()


def test_a_wrong_password_deletes_nothing_and_says_so_in_the_members_language(lea):
    response = logged_in(lea).post("/nl/me/delete/", {"confirmation": "wrong"})
    assert response.status_code == 400
    assert "Dit is niet uw wachtwoord." in response.content.decode()
    assert User.objects.get(pk=lea.pk).email == "lea@example.org"


def test_attempts_to_delete_are_rate_limited(lea):
    client = logged_in(lea)
    for _ in range(5):
        assert client.post("/fr/me/delete/", {"confirmation": "wrong"}).status_code == 400
    response = client.post("/fr/me/delete/", {"confirmation": PASSWORD})
    assert response.status_code == 429
    assert "Trop de tentatives" in response.content.decode()
    assert User.objects.get(pk=lea.pk).is_active


def test_deleting_the_account_erases_the_person_and_keeps_the_accounts(lea, tom, brief):  # noqa: F811
    elsewhere = logged_in(lea)  # another browser of hers
    client = logged_in(lea)
    response = client.post("/fr/me/delete/", {"confirmation": PASSWORD})
    assert response.status_code == 200
    assert "Votre compte a été supprimé" in response.content.decode()

    # Pledges keep their money, not her identity.
    hers = Pledge.objects.exclude(backer=tom).order_by("amount")
    assert [(p.amount, p.status) for p in hers] == [(1_000, "paid"), (4_200, "paid")]
    assert {(p.name, p.email, p.backer_id, p.anonymous) for p in hers} == {("", "", None, True)}

    # Her advice stays, signed "former member", in every language.
    page = Client().get(brief.url).content.decode()
    assert "Un substrat léger" in page and "Ancien membre" in page
    assert "Léa" not in page
    comment = XtdComment.objects.get(comment__startswith="Un substrat")
    assert (comment.user_id, comment.user_name, comment.user_email) == (None, "", "")

    # Counted participation stays without her name; the rest is gone.
    assert VolunteerSignup.objects.filter(task__brief=brief).count() == 1
    assert TeamApplication.objects.get(role__brief=brief).motivation == ""
    assert not Follow.objects.exists() and not ExpertProfile.objects.exists()

    # The account can't be used any more: sessions ended, log-in refused, addresses gone.
    account = User.objects.get(pk=lea.pk)
    assert account.email.endswith("@erased.invalid") and not account.first_name
    assert not account.is_active and not account.has_usable_password()
    assert not EmailAddress.objects.filter(user=account).exists()
    assert "/accounts/login/" in client.get("/fr/me/data/")["Location"]
    assert "/accounts/login/" in elsewhere.get("/fr/me/data/")["Location"]
    stranger = Client()
    login = stranger.post("/fr/accounts/login/", {"login": "lea@example.org", "password": PASSWORD})
    assert login.status_code == 200  # the form again, not the redirect of a log-in
    assert "_auth_user_id" not in stranger.session

    # Tom is untouched.
    theirs = Pledge.objects.get(backer=tom)
    assert (theirs.name, theirs.email, theirs.amount) == ("Tom Peeters", "tom@example.org", 3_000)
    assert "Tom Peeters" in page
    assert XtdComment.objects.get(user=tom).user_email == "tom@example.org"
    assert EmailAddress.objects.filter(user=tom).exists()


def test_an_export_after_erasure_holds_nothing_personal(lea):
    from portal import gdpr

    gdpr.erase_member(lea)
    files = gdpr.member_data(User.objects.get(pk=lea.pk))
    assert files["email_addresses"] == [] and files["pledges"] == []
    assert files["account"][0]["first_name"] == ""


def test_a_pledge_not_charged_yet_is_cancelled_and_its_card_released(lea, campaign):  # noqa: F811
    client = logged_in(lea)
    response = client.post(
        "/api/v1/pledges/",
        json.dumps({"campaign": campaign.pk, "amount": 2_500, "payment_method": "pm_card_visa"}),
        content_type="application/json",
    )
    assert response.json()["status"] == "committed", response.content
    assert client.post("/fr/me/delete/", {"confirmation": PASSWORD}).status_code == 200
    pledge = Pledge.objects.get(pk=response.json()["id"])
    assert (pledge.status, pledge.amount, pledge.email) == ("cancelled", 2_500, "")


def test_stripe_events_about_her_pledges_lose_her_name_and_keep_the_money(lea, campaign):  # noqa: F811
    pledge = Pledge.objects.get(amount=4_200)
    pledge.stripe_payment_intent = "pi_lea"
    pledge.save()

    def event(stripe_id, intent):
        card = {"billing_details": {"name": "Léa Dupont", "email": "lea@example.org"}}
        return PaymentEvent.objects.create(
            stripe_id=stripe_id,
            type="payment_intent.succeeded",
            payload={"data": {"object": {"id": intent, "amount": 4_200, "charges": [card]}}},
        )

    hers, theirs = event("evt_lea", "pi_lea"), event("evt_tom", "pi_tom")
    assert logged_in(lea).post("/fr/me/delete/", {"confirmation": PASSWORD}).status_code == 200
    hers.refresh_from_db()
    theirs.refresh_from_db()
    assert hers.payload["data"]["object"] == {
        "id": "pi_lea",
        "amount": 4_200,
        "charges": [{"billing_details": None}],
    }
    assert theirs.payload["data"]["object"]["charges"][0]["billing_details"]["name"] == "Léa Dupont"
