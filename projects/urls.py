"""projects routes under the language prefix (/fr/…)."""

from django.urls import path

from projects import views

urlpatterns = [
    path("projects/propose/", views.propose, name="projects_propose"),
    path("projects/", views.my_projects, name="projects_mine"),
    path("projects/<id:pk>/edit/", views.edit, name="projects_edit"),
    path("projects/<id:pk>/dashboard/", views.dashboard_view, name="projects_dashboard"),
    path("projects/<id:pk>/backers.csv", views.backers_csv, name="projects_backers_csv"),
    path(
        "projects/<id:pk>/backers/<id:pledge_id>/delivered/",
        views.mark_delivered,
        name="projects_mark_delivered",
    ),
    path("projects/<id:pk>/updates/", views.post_update, name="projects_post_update"),
    path(
        "projects/<id:pk>/updates/<id:update_id>/edit/",
        views.edit_update,
        name="projects_edit_update",
    ),
]
