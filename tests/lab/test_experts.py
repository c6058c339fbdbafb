import pytest

from lab.models import ExpertProfile
from tests.conftest import staff_of
from tests.factories import MemberFactory
from tests.factories.lab import ExpertProfileFactory
from tests.lab.conftest import client_for

pytestmark = pytest.mark.django_db

EXPERTS = "/admin/lab_experts/"


def test_moderator_verifies_an_expert_for_their_operator(operator, other_operator):
    moderator = staff_of(operator, "moderator")
    candidate = MemberFactory()
    client = client_for(moderator)
    assert client.get(f"{EXPERTS}new/").status_code == 200
    refused = client.post(
        f"{EXPERTS}new/",
        {"member": candidate.pk, "domains": "droit", "verified_by_operator": other_operator.pk},
    )
    assert refused.status_code == 200
    assert not ExpertProfile.objects.exists()
    response = client.post(
        f"{EXPERTS}new/",
        {"member": candidate.pk, "domains": "droit", "verified_by_operator": operator.pk},
    )
    assert response.status_code == 302
    profile = ExpertProfile.objects.get(member=candidate)
    assert profile.verified_by == moderator
    assert profile.verified_by_operator == operator


def test_experts_are_walled_per_operator(operator, other_operator, editor):
    ours = ExpertProfileFactory(verified_by_operator=operator, domains="énergie solaire")
    theirs = ExpertProfileFactory(verified_by_operator=other_operator, domains="mobilité douce")
    client = client_for(staff_of(operator, "moderator"))
    listing = client.get(EXPERTS).content.decode()
    assert "énergie solaire" in listing
    assert "mobilité douce" not in listing
    assert client.get(f"{EXPERTS}edit/{theirs.pk}/").status_code in (302, 403, 404)
    assert client.get(f"{EXPERTS}edit/{ours.pk}/").status_code == 200
    assert client_for(editor).get(EXPERTS).status_code in (302, 403)
