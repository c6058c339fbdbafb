from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portal import api_v2, views
from portal.admin_walls import wall_admin_urls

urlpatterns = [
    path("admin/login/", views.admin_login),
    path("admin/password_reset/", views.admin_password_reset),
    path("admin/", include(wall_admin_urls(wagtailadmin_urls.urlpatterns))),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_v2.router.urls),
    path("api/v1/", include("portal.api_urls")),
    path("stripe/", include("campaigns.webhook_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("accounts/profile/", views.profile, name="member_profile"),
    path("me/data/", views.my_data, name="member_data"),
    path("me/delete/", views.delete_account, name="member_delete"),
    path("accounts/", include("allauth.urls")),
    path("", include("campaigns.urls")),
    path("", include("lab.urls")),
    path("", include("tax.urls")),
    path("", include("projects.urls")),
    path("", include("members.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler400 = "portal.views.bad_request"
handler404 = "portal.views.page_not_found"
