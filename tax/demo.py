"""Demo content for tax attestations: GRE Liège's approved beneficiary behind the shared
garden, deductible gifts over the last two years, and their attestations (seeded idempotently,
through the real services: gifts.record and the yearly run)."""

import datetime
import zoneinfo

from django.conf import settings
from django.utils import timezone

from campaigns.models import CampaignPage, FundingModel, Pledge, PledgeStatus
from portal.models import OperatorPage, User
from tax import attestations, gifts
from tax.models import Attestation, Beneficiary, GiftDeclaration

BENEFICIARY = {
    "legal_name": "ASBL Potagers Partagés de Liège",
    "enterprise_number": "0203201340",
    "street": "Rue Saint-Gilles 58",
    "postcode": "4000",
    "city": "Liège",
    "contact_name": "Marie Renard",
    "contact_email": "compta@potagers-liege.example.org",
    "contact_phone": "04 222 33 44",
    "approval_reference": "AGR/2024/0731",
    "approved_from": datetime.date(2024, 1, 1),
    "approved_until": datetime.date(2029, 12, 31),
}
CAMPAIGN = "potager-partage-liege"
# Donors (valid demo national numbers) and their gifts in cents, two years ago and last year.
DONORS = [
    (
        "member@maillon.be",
        "Nina",
        "Peeters",
        "Kortrijksesteenweg 10",
        "9000",
        "Gent",
        "nl",
        "85073003328",
        [2_500, 2_500],
        [5_000],
    ),
    (
        "lea.dupont@example.org",
        "Léa",
        "Dupont",
        "Rue Hors-Château 7",
        "4000",
        "Liège",
        "fr",
        "90021512370",
        [10_000],
        [3_000, 1_000],
    ),
    (
        "anna.schmitz@example.org",
        "Anna",
        "Schmitz",
        "Rathausplatz 3",
        "4700",
        "Eupen",
        "de",
        "01020312345",
        [3_999],
        [7_500],
    ),
]


def seed(command):
    operator = OperatorPage.objects.filter(slug="gre-liege", locale__language_code="fr").first()
    campaign = CampaignPage.objects.filter(slug=CAMPAIGN, locale__language_code="fr").first()
    if operator is None or campaign is None:
        return
    beneficiary, _created = Beneficiary.objects.get_or_create(
        operator=operator,
        enterprise_number=BENEFICIARY["enterprise_number"],
        defaults=BENEFICIARY,
    )
    if campaign.beneficiary_id is None:
        CampaignPage.objects.filter(translation_key=campaign.translation_key).update(
            beneficiary=beneficiary
        )
        campaign.refresh_from_db()
    this_year = timezone.localdate().year
    years = (this_year - 2, this_year - 1)
    if not GiftDeclaration.objects.filter(beneficiary=beneficiary).exists():
        for donor in DONORS:
            _gifts(campaign, beneficiary, donor, years)
    for year in years:
        attestations.run_for(beneficiary, year)
    # The demo's donors are not e-mailed: their attestations count as sent.
    Attestation.objects.filter(beneficiary=beneficiary, sent_at__isnull=True).update(
        sent_at=timezone.now()
    )
    command.stdout.write(
        f"tax: {beneficiary.legal_name}, deductible gifts of {years[0]} and {years[1]}, "
        f"{Attestation.objects.filter(beneficiary=beneficiary).count()} attestations"
    )


def _gifts(campaign, beneficiary, donor, years):
    email, first, last, street, postcode, city, language, number, *amounts = donor
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    member = User.objects.filter(email=email).first()
    for year, cents_list in zip(years, amounts, strict=True):
        for n, cents in enumerate(cents_list):
            when = datetime.datetime(year, 3 + 4 * n, 12, 15, tzinfo=zone)
            pledge = Pledge.objects.create(
                campaign=campaign,
                campaign_key=campaign.translation_key,
                backer=member,
                email=email,
                name=f"{first} {last}",
                language=language,
                amount=cents,
                funding_model=FundingModel.FLEXIBLE,
                status=PledgeStatus.PAID,
                created_at=when,
                counted_at=when,
                receipt_sent_at=when,
            )
            identity = {
                "first_name": first,
                "last_name": last,
                "street": street,
                "postcode": postcode,
                "city": city,
                "country": "BE",
            }
            gifts.record(pledge, gifts.GiftRequest(beneficiary, identity, number, save_for=member))
