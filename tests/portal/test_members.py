"""Member accounts through allauth's real views: sign-up, confirmation, log-in, reset, limits."""

import re

from django.core import mail
from django.core.cache import cache

import pytest
from allauth.account.models import EmailAddress

from portal.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "un-mot-de-passe-solide-42"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


def confirmation_link(message):
    return re.search(r"https?://[^/\s]+(/\S+/accounts/confirm-email/\S+/)", message.body).group(1)


@pytest.mark.parametrize(
    ("code", "subject"),
    [
        ("fr", "Confirmez votre adresse e-mail"),
        ("nl", "Bevestig je e-mailadres"),
        ("de", "Bitte bestätige deine E-Mail-Adresse"),
        ("en", "Please Confirm Your Email Address"),
    ],
)
def test_sign_up_confirm_and_log_in_in_each_language(client, site, code, subject):
    response = client.post(
        f"/{code}/accounts/signup/",
        {
            "email": f"nouveau-{code}@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "first_name": "Lou",
            "last_name": "Lemaire",
            "preferred_language": code,
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email=f"nouveau-{code}@example.org")
    assert user.preferred_language == code
    assert len(mail.outbox) == 1
    assert subject in mail.outbox[0].subject

    # Not confirmed yet: the log-in leads to the "verify your e-mail" page, not into the portal.
    client.logout()
    client.post(f"/{code}/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session

    link = confirmation_link(mail.outbox[-1])
    assert link.startswith(f"/{code}/")
    response = client.post(link)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert user.emailaddress_set.get().verified


def test_sign_up_errors_are_shown_in_the_visitors_language(client, site):
    response = client.post(
        "/de/accounts/signup/",
        {
            "email": "pas-une-adresse",
            "password1": "a",
            "password2": "b",
            "preferred_language": "de",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Gib eine gültige E-Mail Adresse an." in html
    assert "Dieses Passwort ist zu kurz." in html
    assert not User.objects.exists()


def test_failed_log_ins_are_rate_limited(client, site, member):
    for _attempt in range(5):
        response = client.post(
            "/fr/accounts/login/", {"login": member.email, "password": "mauvais"}
        )
        assert response.status_code == 200
    response = client.post("/fr/accounts/login/", {"login": member.email, "password": "mauvais"})
    assert "Trop de tentatives de connexion échouées" in response.content.decode()
    # Even the right password is refused while the limit holds.
    response = client.post(
        "/fr/accounts/login/", {"login": member.email, "password": "correct horse battery"}
    )
    assert "_auth_user_id" not in client.session


def test_password_reset_mail_speaks_the_members_language(client, site):
    from tests.factories import MemberFactory

    member = MemberFactory(preferred_language="nl")
    response = client.post("/fr/accounts/password/reset/", {"email": member.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "Nieuw wachtwoord" in mail.outbox[0].subject
    link = re.search(
        r"https?://[^/\s]+(/\S+/accounts/password/reset/key/\S+/)", mail.outbox[0].body
    ).group(1)
    response = client.get(link, follow=True)
    assert response.status_code == 200
    new = "encore-un-autre-mot-de-passe-7"
    response = client.post(
        response.redirect_chain[-1][0] if response.redirect_chain else link,
        {"password1": new, "password2": new},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password(new)


def test_staff_reach_the_admin_through_the_same_log_in(client, editor):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/fr/accounts/login/?next=/admin/")
    response = client.post(
        "/fr/accounts/login/?next=/admin/",
        {"login": editor.email, "password": "correct horse battery"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_members_do_not_reach_the_admin(member_client, site):
    response = member_client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/fr/accounts/login/")


def test_member_changes_preferred_language(member_client, member, site):
    response = member_client.post(
        "/en/accounts/profile/",
        {"first_name": "Nina", "last_name": "Peeters", "preferred_language": "de"},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.preferred_language == "de"


def test_profile_rejects_unknown_language(member_client, member, site):
    response = member_client.post(
        "/en/accounts/profile/", {"first_name": "Nina", "preferred_language": "xx"}
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    member.refresh_from_db()
    assert member.preferred_language == "fr"


def test_the_admin_log_in_path_is_rate_limited_like_the_members_one(client, editor):
    for _attempt in range(30):
        response = client.post("/admin/login/", {"username": editor.email, "password": "mauvais"})
        login_url = response["Location"]
        assert login_url.startswith("/fr/accounts/login/?next=")
        client.post(login_url, {"login": editor.email, "password": "mauvais"})
    client.post("/admin/login/", {"username": editor.email, "password": "correct horse battery"})
    assert "_auth_user_id" not in client.session
    response = client.post(login_url, {"login": editor.email, "password": "correct horse battery"})
    assert response.status_code == 429 or "Trop de tentatives" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_the_admin_log_in_path_keeps_where_staff_were_going(client, editor):
    response = client.get("/admin/login/?next=/admin/pages/", headers={"accept-language": "nl"})
    assert response["Location"] == "/nl/accounts/login/?next=%2Fadmin%2Fpages%2F"
    response = client.get("/admin/login/?next=https://evil.example/")
    assert response["Location"] == "/fr/accounts/login/?next=%2Fadmin%2F"
    response = client.post(
        "/fr/accounts/login/?next=/admin/pages/",
        {"login": editor.email, "password": "correct horse battery"},
    )
    assert response["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


@pytest.fixture
def unconfirmed_editor(operator):
    from tests.factories import MemberFactory

    user = MemberFactory(confirmed=False)
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=False)
    user.groups.add(operator.editors_group)
    return user


def test_an_unconfirmed_address_logs_in_nowhere(client, unconfirmed_editor):
    credentials = {"login": unconfirmed_editor.email, "password": "correct horse battery"}
    client.post("/admin/login/", {"username": unconfirmed_editor.email, **credentials})
    assert "_auth_user_id" not in client.session
    response = client.post("/fr/accounts/login/?next=/admin/", credentials)
    assert "_auth_user_id" not in client.session
    assert response.get("Location") != "/admin/"
    assert client.get("/admin/").status_code == 302
    assert "Confirmez votre adresse e-mail" in mail.outbox[-1].subject


def test_an_unconfirmed_member_cannot_post_through_the_api(client, unconfirmed_editor, operator):
    client.force_login(unconfirmed_editor)
    idea = {"title": "Un atelier vélo", "kind": "idea", "summary": "Réparer ensemble."}
    response = client.post(
        "/api/v1/ideas/", idea, content_type="application/json", headers={"accept-language": "en"}
    )
    assert response.status_code == 403
    assert response.json() == {
        "errors": {"non_field_errors": ["Confirm your e-mail address before you take part."]}
    }
    response = client.post(
        "/api/v1/advice/",
        {"page": operator.pk, "comment": "Bonne idée."},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert client.get("/api/v1/me/").status_code == 403


def test_the_admin_password_reset_sends_no_mail(client, editor):
    response = client.post("/admin/password_reset/", {"email": editor.email})
    assert response.status_code == 302
    assert response["Location"] == "/fr/accounts/password/reset/"
    for path in ("/admin/password_reset/done/", "/admin/password_reset/complete/"):
        assert client.get(path).status_code in (302, 404)
    assert mail.outbox == []
