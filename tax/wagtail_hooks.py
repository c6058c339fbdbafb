from django.urls import path, reverse
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from tax import admin_views, members
from tax.models import Attestation, Beneficiary

register_permission_policy(Beneficiary, admin_views.BeneficiaryPolicy(Beneficiary))
register_permission_policy(Attestation, admin_views.AttestationPolicy(Attestation))
register_snippet(admin_views.BeneficiaryViewSet)


@hooks.register("register_admin_viewset")
def register_tax_viewsets():
    return [
        admin_views.AttestationViewSet("tax_attestation", url_prefix="tax/attestations"),
    ]


@hooks.register("register_admin_urls")
def register_tax_admin_urls():
    return [
        path(
            "tax/beneficiaries/<int:pk>/run/",
            admin_views.run_view,
            name="tax_run_attestations",
        ),
        path(
            "tax/beneficiaries/<int:pk>/belcotax/", admin_views.belcotax_view, name="tax_belcotax"
        ),
        path(
            "tax/attestations/<int:pk>/pdf/",
            admin_views.attestation_pdf_view,
            name="tax_attestation_pdf",
        ),
    ]


# My Maillon (members app) calls each link hook with the request; GDPR export and erase hooks
# are called with the member.


@hooks.register("register_my_maillon_link")
def tax_details_link(request):
    if not request.user.is_authenticated:
        return None
    return {"url": reverse("tax:details"), "label": _("My tax details"), "order": 60}


@hooks.register("register_my_maillon_link")
def tax_attestations_link(request):
    if not request.user.is_authenticated:
        return None
    if not Attestation.objects.filter(user=request.user).exists():
        return None
    return {"url": reverse("tax:attestations"), "label": _("My tax attestations"), "order": 61}


hooks.register("register_member_data_export", members.export)
hooks.register("register_member_erase", members.erase)
