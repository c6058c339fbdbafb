"""tax routes under the language prefix (/fr/me/tax/…): a member's own tax details and PDFs."""

from django.urls import path

from tax import views

app_name = "tax"
urlpatterns = [
    path("me/tax/", views.tax_details, name="details"),
    path("me/tax/delete/", views.delete_tax_details, name="delete_details"),
    path("me/tax/attestations/", views.attestation_list, name="attestations"),
    path("me/tax/attestations/<uuid:token>/", views.attestation_pdf, name="attestation_pdf"),
]
