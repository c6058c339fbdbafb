"""projects endpoints of the portal API, mounted at /api/v1/."""

from django.urls import path

from projects import api

urlpatterns = [
    path("projects/", api.ProjectCreateView.as_view(), name="api_projects"),
    path("me/projects/<id:pk>/", api.MyProjectView.as_view(), name="api_my_project"),
]
