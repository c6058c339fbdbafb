"""campaigns endpoints of the portal API, mounted at /api/v1/."""

from django.urls import path

from campaigns import api

urlpatterns = [
    path("pledges/", api.PledgeListView.as_view(), name="api_pledges"),
    path("pledges/<id:pk>/", api.PledgeDetailView.as_view(), name="api_pledge"),
    path("campaigns/<id:pk>/", api.CampaignDetailView.as_view(), name="api_campaign"),
    path("pledges/<id:pk>/pay/", api.PledgePayView.as_view(), name="api_pledge_pay"),
]
