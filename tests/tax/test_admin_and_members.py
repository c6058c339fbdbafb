"""Operators' beneficiaries and runs in the admin, walled; a member's tax details and PDFs in
My Maillon, theirs alone; the GDPR hooks; erasure after the retention period."""

import datetime

from django.test import Client
from django.urls import reverse

from wagtail import hooks

import pytest

from tax import attestations, retention
from tax.models import Attestation, Beneficiary, GiftDeclaration, TaxProfile
from tests.conftest import staff_of
from tests.factories import MemberFactory
from tests.tax.conftest import ALICE, paid_gift

pytestmark = pytest.mark.django_db


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_a_moderator_adds_a_beneficiary_and_a_bad_enterprise_number_is_refused(operator, moderator):
    client = logged_in(moderator)
    data = {
        "operator": operator.pk,
        "legal_name": "ASBL Les Jardins",
        "enterprise_number": "0203.201.341",
        "street": "Rue Haute 1",
        "postcode": "4000",
        "city": "Liège",
        "country": "BE",
        "approval_reference": "",
        "approved_from": "",
        "approved_until": "",
    }
    url = reverse("wagtailsnippets_tax_beneficiary:add")
    response = client.post(url, data)
    assert response.status_code == 200
    assert "chiffres de contrôle" in response.content.decode()
    assert not Beneficiary.objects.exists()
    response = client.post(url, {**data, "enterprise_number": "BE 0203.201.340"})
    assert response.status_code == 302
    assert Beneficiary.objects.get().enterprise_number == "0203201340"


def test_another_operators_staff_cannot_see_or_run_a_beneficiary(beneficiary, other_operator):
    client = logged_in(staff_of(other_operator, "moderator"))
    index = client.get(reverse("wagtailsnippets_tax_beneficiary:list"))
    assert beneficiary.legal_name not in index.content.decode()
    assert client.get(reverse("tax_run_attestations", args=[beneficiary.pk])).status_code == 404
    assert client.get(reverse("tax_belcotax", args=[beneficiary.pk])).status_code == 404


def test_a_moderator_runs_the_year_from_the_admin(gift_campaign, beneficiary, moderator, editor):
    paid_gift(gift_campaign, 5_000, ALICE)
    url = reverse("tax_run_attestations", args=[beneficiary.pk])
    assert logged_in(editor).post(url, {"year": 2025}).status_code == 404
    client = logged_in(moderator)
    response = client.post(url, {"year": 2025, "dry_run": "on"}, follow=True)
    assert "Simulation" in response.content.decode()
    assert not Attestation.objects.exists()
    client.post(url, {"year": 2025})
    attestation = Attestation.objects.get()
    assert attestation.number == 1
    pdf = client.get(reverse("tax_attestation_pdf", args=[attestation.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    xml = client.get(reverse("tax_belcotax", args=[beneficiary.pk]) + "?year=2025")
    assert b"<f2011_nationaalnr>" + ALICE.encode() in xml.content


def test_a_member_keeps_tax_details_seen_masked_and_deletes_them(member):
    client = logged_in(member)
    url = reverse("tax:details")
    data = {
        "first_name": "Alice",
        "last_name": "Lambert",
        "street": "Rue des Brasseurs 12",
        "postcode": "5000",
        "city": "Namur",
        "country": "be",
    }
    response = client.post(url, {**data, "national_number": "85.07.30-033.29"})
    assert response.status_code == 400
    assert "chiffres de contrôle" in response.content.decode()
    assert client.post(url, {**data, "national_number": "85.07.30-033.28"}).status_code == 302
    page = client.get(url).content.decode()
    assert "••.••.••-•••.•8" in page
    assert ALICE not in page and "85.07.30" not in page
    # Saved again without a number: the kept one stays.
    client.post(url, {**data, "city": "Jambes", "national_number": ""})
    profile = TaxProfile.objects.get(user=member)
    assert (profile.city, profile.national_number, profile.country) == ("Jambes", ALICE, "BE")
    client.post(reverse("tax:delete_details"))
    assert not TaxProfile.objects.exists()


def test_an_attestation_pdf_is_the_donors_alone(gift_campaign, member):
    paid_gift(gift_campaign, 5_000, ALICE, backer=member)
    attestations.run(2025)
    attestation = Attestation.objects.get()
    assert attestation.user == member
    url = reverse("tax:attestation_pdf", args=[attestation.token])
    listing = logged_in(member).get(reverse("tax:attestations")).content.decode()
    assert url in listing and ALICE not in listing
    assert logged_in(member).get(url)["Content-Type"] == "application/pdf"
    assert logged_in(MemberFactory()).get(url).status_code == 404
    assert Client().get(url).status_code == 302  # to the log-in page


def test_my_maillon_links_and_gdpr_hooks(gift_campaign, member, rf):
    TaxProfile.objects.create(user=member, first_name="Alice", last_name="Lambert")
    paid_gift(gift_campaign, 5_000, ALICE, backer=member)
    attestations.run(2025)
    request = rf.get("/")
    request.user = member
    links = [link(request) for link in hooks.get_hooks("register_my_maillon_link")]
    urls = {link["url"] for link in links if link}
    assert {reverse("tax:details"), reverse("tax:attestations")} <= urls

    (export,) = [
        h for h in hooks.get_hooks("register_member_data_export") if h.__module__.startswith("tax.")
    ]
    data = export(member)
    assert data["tax_attestations"][0]["national_number"] == "••.••.••-•••.•8"
    assert data["tax_gifts"][0]["national_number"] == "••.••.••-•••.•8"
    assert ALICE not in str(data)

    (erase,) = [
        h for h in hooks.get_hooks("register_member_erase") if h.__module__.startswith("tax.")
    ]
    erase(member)
    assert not TaxProfile.objects.filter(user=member).exists()
    assert Attestation.objects.get().user is None


def test_numbers_and_addresses_are_erased_after_the_retention_period(gift_campaign):
    paid_gift(gift_campaign, 5_000, ALICE)
    attestations.run(2025)
    assert retention.erase_expired(datetime.date(2032, 12, 31)) == 0
    assert retention.erase_expired(datetime.date(2033, 1, 1)) == 1  # the attestation
    attestation = Attestation.objects.get()
    assert (attestation.national_number, attestation.street, attestation.amount) == ("", "", 5_000)
    assert GiftDeclaration.objects.get().national_number == ALICE
    assert retention.erase_expired(datetime.date(2034, 1, 1)) == 1  # the declaration
    declaration = GiftDeclaration.objects.get()
    assert declaration.national_number == "" and declaration.erased_at is not None
    # Erased gifts no longer count: a rerun does not issue them again.
    attestations.run(2025)
    assert Attestation.objects.count() == 1


def test_an_unapproved_beneficiary_offers_no_deductible_gift_on_the_page(gift_campaign):
    page = Client().get(gift_campaign.url).content.decode()
    assert "I want a tax attestation" not in page
    assert "Je souhaite une attestation fiscale pour ce don" in page
    assert "coûte" in page and ">55<" in page
    beneficiary = gift_campaign.beneficiary
    beneficiary.approved_until = datetime.date(2021, 1, 1)
    beneficiary.save()
    assert "attestation fiscale pour ce don" not in Client().get(gift_campaign.url).content.decode()
