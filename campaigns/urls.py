"""campaigns routes under the language prefix (/fr/…); pages themselves are served by Wagtail."""

from django.urls import path

from campaigns import views

app_name = "campaigns"
urlpatterns = [
    path("pledges/<uuid:token>/", views.pledge_detail, name="pledge_detail"),
    path("pledges/<uuid:token>/pay/", views.pledge_pay, name="pledge_pay"),
    path("campaign-updates/<id:page_id>/", views.post_update, name="post_update"),
]
