"""A member's tax data for the GDPR export (numbers masked) and its erasure."""

from tax.models import Attestation, GiftDeclaration, TaxProfile


def _identity(row):
    return {
        "first_name": row.first_name,
        "last_name": row.last_name,
        "street": row.street,
        "postcode": row.postcode,
        "city": row.city,
        "country": row.country,
        "national_number": row.masked_national_number,
    }


def export(user):
    profiles = [
        {**_identity(profile), "updated_at": profile.updated_at.isoformat()}
        for profile in TaxProfile.objects.filter(user=user)
    ]
    declarations = [
        {
            **_identity(declaration),
            "pledge": declaration.pledge_id,
            "beneficiary": declaration.beneficiary.legal_name,
            "created_at": declaration.created_at.isoformat(),
        }
        for declaration in GiftDeclaration.objects.filter(pledge__backer=user).select_related(
            "beneficiary"
        )
    ]
    attestations = [
        {
            **_identity(attestation),
            "beneficiary": attestation.beneficiary.legal_name,
            "year": attestation.year,
            "number": attestation.number,
            "amount_cents": attestation.amount,
            "corrects": attestation.corrects.number if attestation.corrects else None,
            "issued_at": attestation.issued_at.isoformat(),
        }
        for attestation in Attestation.objects.filter(user=user).select_related(
            "beneficiary", "corrects"
        )
    ]
    return {
        "tax_details": profiles,
        "tax_gifts": declarations,
        "tax_attestations": attestations,
    }


def erase(user):
    """The kept details go; issued attestations stay for the beneficiary's legal obligations
    (until tax.retention erases them) but no longer point at the account."""
    TaxProfile.objects.filter(user=user).delete()
    Attestation.objects.filter(user=user).update(user=None)
