"""members endpoints of the portal API, mounted at /api/v1/."""

from django.urls import path

from members import api

urlpatterns = [
    path("follows/", api.FollowView.as_view(), name="api_follows"),
    path("follows/<str:target>/<id:pk>/", api.FollowDetailView.as_view(), name="api_follow"),
    path("me/follows/", api.MyFollowsView.as_view(), name="api_my_follows"),
    path("feed/", api.FeedView.as_view(), name="api_feed"),
]
