"""My Maillon and members' profiles, under the language prefix (/fr/me/…, /fr/members/…)."""

from django.urls import path

from members import views

urlpatterns = [
    path("me/", views.home, name="members_home"),
    path("me/feed/", views.feed_view, name="members_feed"),
    path("me/profile/", views.profile_edit, name="members_profile_edit"),
    path("me/notifications/", views.notification_settings, name="members_notifications"),
    path("me/pledges/<id:pk>/", views.pledge_change, name="members_pledge_change"),
    path("me/pledges/<id:pk>/cancel/", views.pledge_cancel, name="members_pledge_cancel"),
    path("members/<slug:id_or_slug>/", views.profile, name="members_profile"),
    path("follow/<str:target>/<id:pk>/", views.follow_toggle, name="members_follow"),
]
