"""Beneficiaries of campaigns, the donors' tax details, and the attestations (form 281.71).

A donor's national register number is stored only encrypted (see tax.crypto) and only ever shown
masked; rows name their wall (`wall_path`) so operators reach only their own beneficiaries.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from tax import crypto
from tax.identifiers import (
    format_enterprise_number,
    mask_national_number,
    normalize_enterprise_number,
)


class Beneficiary(models.Model):
    """Who a campaign's money goes to; approved institutions may issue tax attestations."""

    operator = models.ForeignKey(
        "portal.OperatorPage",
        verbose_name=_("operator"),
        on_delete=models.PROTECT,
        related_name="beneficiaries",
    )
    legal_name = models.CharField(_("legal name"), max_length=200)
    enterprise_number = models.CharField(
        _("enterprise number (BCE/KBO)"),
        max_length=20,
        help_text=_("10 digits, for example 0203.201.340."),
    )
    street = models.CharField(_("street and number"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=12)
    city = models.CharField(_("city"), max_length=100)
    country = models.CharField(_("country (ISO code)"), max_length=2, default="BE")
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact e-mail address"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    approval_reference = models.CharField(
        _("approval reference"),
        max_length=120,
        blank=True,
        help_text=_("The reference of the approval to issue tax attestations for gifts."),
    )
    approved_from = models.DateField(_("approved from"), null=True, blank=True)
    approved_until = models.DateField(_("approved until"), null=True, blank=True)

    wall_path = "operator"

    panels = [
        FieldPanel("operator"),
        FieldPanel("legal_name"),
        FieldPanel("enterprise_number"),
        MultiFieldPanel(
            [
                FieldPanel("street"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")]),
                FieldPanel("country"),
            ],
            heading=_("Address"),
        ),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading=_("Contact for the tax administration"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("approval_reference"),
                FieldRowPanel([FieldPanel("approved_from"), FieldPanel("approved_until")]),
            ],
            heading=_("Approval for tax attestations"),
        ),
    ]

    class Meta:
        verbose_name = _("beneficiary")
        verbose_name_plural = _("beneficiaries")
        ordering = ["legal_name"]

    def __str__(self):
        return self.legal_name

    def clean(self):
        super().clean()
        errors = {}
        try:
            self.enterprise_number = normalize_enterprise_number(self.enterprise_number)
        except ValidationError as error:
            errors["enterprise_number"] = error
        if self.approved_from and self.approved_until and self.approved_until < self.approved_from:
            errors["approved_until"] = _("The approval must end after it starts.")
        if self.approved_from and not self.approval_reference:
            errors["approval_reference"] = _("Give the approval's reference.")
        if errors:
            raise ValidationError(errors)

    @property
    def enterprise_number_display(self):
        return format_enterprise_number(self.enterprise_number)

    def is_approved_on(self, day):
        return (
            self.approved_from is not None
            and self.approved_from <= day
            and (self.approved_until is None or day <= self.approved_until)
        )


class DonorIdentity(models.Model):
    """A donor's name, address and national number (encrypted), as the attestation needs them."""

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    street = models.CharField(_("street and number"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=12)
    city = models.CharField(_("city"), max_length=100)
    country = models.CharField(_("country (ISO code)"), max_length=2, default="BE")
    national_number_encrypted = models.TextField(editable=False, blank=True)

    class Meta:
        abstract = True

    @property
    def national_number(self):
        return crypto.decrypt(self.national_number_encrypted)

    @national_number.setter
    def national_number(self, digits):
        self.national_number_encrypted = crypto.encrypt(digits)

    @property
    def masked_national_number(self):
        return mask_national_number(self.national_number)

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def identity(self):
        """The fields an attestation copies (the number stays encrypted)."""
        return {
            "first_name": self.first_name,
            "last_name": self.last_name,
            "street": self.street,
            "postcode": self.postcode,
            "city": self.city,
            "country": self.country,
            "national_number_encrypted": self.national_number_encrypted,
        }


class TaxProfile(DonorIdentity):
    """A member's tax details, asked once and kept (editable, erasable) in My Maillon."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tax_profile"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("tax details")
        verbose_name_plural = _("tax details")

    def __str__(self):
        return f"{self.full_name} ({self.masked_national_number})"


class GiftDeclaration(DonorIdentity):
    """A pledge made as a deductible gift, with the donor's details as they were given."""

    pledge = models.OneToOneField(
        "campaigns.Pledge", on_delete=models.CASCADE, related_name="tax_declaration"
    )
    beneficiary = models.ForeignKey(
        Beneficiary, on_delete=models.PROTECT, related_name="gift_declarations"
    )
    created_at = models.DateTimeField(default=timezone.now)
    erased_at = models.DateTimeField(null=True, blank=True)

    wall_path = "beneficiary__operator"

    class Meta:
        verbose_name = _("deductible gift")
        verbose_name_plural = _("deductible gifts")

    def __str__(self):
        return f"#{self.pledge_id} {self.full_name}"


class AttestationCounter(models.Model):
    """The last attestation number given per beneficiary and year, locked while numbering."""

    beneficiary = models.ForeignKey(Beneficiary, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["beneficiary", "year"], name="tax_counter_one_per_year")
        ]

    def __str__(self):
        return f"{self.beneficiary_id}/{self.year}: {self.last_number}"


class Attestation(DonorIdentity):
    """One form 281.71: a donor's counting gifts of a year to a beneficiary, numbered."""

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    beneficiary = models.ForeignKey(
        Beneficiary,
        verbose_name=_("beneficiary"),
        on_delete=models.PROTECT,
        related_name="attestations",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    amount = models.PositiveBigIntegerField(_("amount (euro cents)"))
    pledge_ids = models.JSONField(default=list)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tax_attestations",
    )
    email = models.EmailField(_("e-mail address"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrects"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
    )
    replaced_at = models.DateTimeField(_("replaced"), null=True, blank=True)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    sent_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    wall_path = "beneficiary__operator"

    class Meta:
        verbose_name = _("tax attestation")
        verbose_name_plural = _("tax attestations")
        ordering = ["beneficiary", "year", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["beneficiary", "year", "number"], name="tax_attestation_number_unique"
            )
        ]

    def __str__(self):
        return f"{self.year}/{self.number} {self.full_name}"

    @property
    def euros(self):
        return self.amount / 100

    @property
    def is_cancellation(self):
        return self.amount == 0
