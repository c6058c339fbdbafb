"""lab routes under the language prefix (/fr/…); pages themselves are served by Wagtail."""

from django.urls import path

from lab import views

urlpatterns = [
    path("lab/propose/", views.propose, name="lab_propose"),
    path("lab/my-ideas/", views.my_ideas, name="lab_my_ideas"),
    path("lab/tasks/<id:pk>/signup/", views.task_signup, name="lab_task_signup"),
    path("lab/signups/<id:pk>/cancel/", views.signup_cancel, name="lab_signup_cancel"),
    path("lab/roles/<id:pk>/apply/", views.role_apply, name="lab_role_apply"),
    path("lab/briefs/<id:pk>/follow/", views.brief_follow, name="lab_brief_follow"),
    path(
        "lab/applications/<id:pk>/<str:decision>/",
        views.application_decide,
        name="lab_application_decide",
    ),
    path("lab/tasks/<id:pk>/volunteers/", views.task_volunteers, name="lab_task_volunteers"),
    path("advice/on/<id:page_id>/", views.advice_post, name="lab_advice_post"),
    path("advice/<id:pk>/edit/", views.advice_edit, name="lab_advice_edit"),
    path("advice/<id:pk>/delete/", views.advice_delete, name="lab_advice_delete"),
    path("advice/<id:pk>/flag/", views.advice_flag, name="lab_advice_flag"),
    path("advice/<id:pk>/answers/", views.advice_answers, name="lab_advice_answers"),
    path(
        "lab/tasks/<id:pk>/volunteers.csv",
        views.task_volunteers_csv,
        name="lab_task_volunteers_csv",
    ),
]
