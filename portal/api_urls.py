"""The portal's own API, /api/v1/. Each app adds its routes here through its api module."""

from django.urls import include, path

from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView

from portal import api

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("docs/", SpectacularRedocView.as_view(url_name="api_schema"), name="api_docs"),
    path("me/", api.MeView.as_view(), name="api_me"),
    path("operators/", api.OperatorListView.as_view(), name="api_operators"),
    path("", include("campaigns.api_urls")),
    path("", include("lab.api_urls")),
    path("", include("projects.api_urls")),
    path("", include("search.api_urls")),
    path("", include("members.api_urls")),
]
