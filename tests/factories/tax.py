import datetime

import factory

from tax.models import Beneficiary


class BeneficiaryFactory(factory.django.DjangoModelFactory):
    """An institution approved for tax attestations since 2020, with a valid BCE number."""

    class Meta:
        model = Beneficiary

    legal_name = factory.Sequence(lambda n: f"ASBL Vélo Solidaire {n}")
    enterprise_number = "0203201340"
    street = "Rue de Fer 25"
    postcode = "5000"
    city = "Namur"
    country = "BE"
    contact_name = "Claire Dupont"
    contact_email = "compta@velo-solidaire.be"
    contact_phone = "081 22 33 44"
    approval_reference = "AGR-2020-0042"
    approved_from = datetime.date(2020, 1, 1)
    approved_until = None
