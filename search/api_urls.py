"""search endpoints of the portal API, mounted at /api/v1/."""

from django.urls import path

from search import api

urlpatterns = [
    path("search/", api.SearchView.as_view(), name="api_search"),
    path("search/suggest/", api.SuggestView.as_view(), name="api_search_suggest"),
]
