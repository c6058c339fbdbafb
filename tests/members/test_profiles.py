"""Public profiles: opt-in, with avatar limits; pledges shown only when the member says so."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

import pytest
from PIL import Image

from members.models import PublicProfile
from tests.factories.campaigns import PledgeFactory
from tests.members.conftest import client_for, public_profile

pytestmark = pytest.mark.django_db


def picture(image_format="PNG", size=(800, 600)):
    output = io.BytesIO()
    Image.new("RGB", size, "orange").save(output, image_format)
    return SimpleUploadedFile(f"me.{image_format.lower()}", output.getvalue())


def test_profiles_are_private_by_default(member):
    client_for(member).get("/fr/me/profile/")
    assert PublicProfile.objects.get(member=member).is_public is False
    assert Client().get(f"/fr/members/{member.pk}/").status_code == 404


def test_a_public_profile_shows_projects_and_hides_pledges(holder, live_campaign, member):
    public_profile(holder, slug="ines", bio="Mécanicienne vélo.", expertise="vélos")
    other = PledgeFactory(campaign=live_campaign, backer=holder, email=holder.email)
    html = Client().get("/en/members/ines/").content.decode()
    assert "Mécanicienne vélo." in html
    assert 'href="/en/nestup/velo-atelier/"' in html
    assert "Campaigns backed" not in html
    assert Client().get(f"/en/members/{holder.pk}/").status_code == 200
    public_profile(holder, show_pledges=True)
    html = Client().get("/en/members/ines/").content.decode()
    assert "Campaigns backed" in html
    assert str(other.amount // 100) not in html.split("Campaigns backed")[1]


def test_editing_the_profile_with_an_avatar(member):
    client = client_for(member)
    response = client.post(
        "/en/me/profile/",
        {"is_public": "on", "display_name": "Léa", "slug": "lea", "avatar": picture()},
    )
    assert response.status_code == 302
    profile = PublicProfile.objects.get(member=member)
    with Image.open(profile.avatar) as stored:
        assert (stored.format, stored.size) == ("JPEG", (256, 256))
    assert Client().get("/fr/members/lea/").status_code == 200


@pytest.mark.parametrize(
    ("upload", "error"),
    [
        (SimpleUploadedFile("me.png", b"not a picture"), "This file is not a picture we can read."),
        (lambda: picture("GIF"), "Send a JPEG, PNG or WebP picture."),
        (lambda: picture(size=(4000, 4000), image_format="BMP"), "The picture is too large"),
    ],
)
def test_bad_avatars_are_refused_with_a_field_error(member, upload, error):
    upload = upload() if callable(upload) else upload
    response = client_for(member).post("/en/me/profile/", {"avatar": upload})
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not PublicProfile.objects.get(member=member).avatar
