"""The API router (Wagtail API v2 for pages, images, documents) and what /api/v1/ shares.

Errors from /api/v1/ are always `{"errors": {field: [messages]}}`, in the request's language
(LocaleMiddleware picks it from Accept-Language, since /api/ carries no language prefix).
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from wagtail.api.v2.filters import LocaleFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from rest_framework import exceptions, generics, permissions, serializers
from rest_framework.views import exception_handler as drf_exception_handler

from portal.models import OperatorPage, User


class KnownLocaleFilter(LocaleFilter):
    """`?locale=` must name one of the portal's languages: anything else is a 400, not a 404."""

    def filter_queryset(self, request, queryset, view):
        language = request.GET.get("locale")
        if language is not None and language not in dict(settings.LANGUAGES):
            raise BadRequestError(_("Unknown language: choose one of fr, nl, de, en."))
        return super().filter_queryset(request, queryset, view)


class PortalPagesAPIViewSet(PagesAPIViewSet):
    filter_backends = [
        KnownLocaleFilter if backend is LocaleFilter else backend
        for backend in PagesAPIViewSet.filter_backends
    ]

    def get_queryset(self):
        # Every listed page reports its locale: fetch them with the pages, not one by one.
        return super().get_queryset().select_related("locale")

    def get_base_queryset(self):
        # Wagtail asks three times per listing; each answer costs the view restrictions and
        # the site's root page.
        if not hasattr(self, "_base_queryset"):
            self._base_queryset = super().get_base_queryset()
        return self._base_queryset.all()

    def paginate_queryset(self, queryset):
        """One page of results; a page type that computes fields (a campaign's money, a brief's
        counters) fetches them for the whole page at once in `prepare_listing(pages)`."""
        pages = list(super().paginate_queryset(queryset))
        by_type = {}
        for page in pages:
            by_type.setdefault(type(page), []).append(page)
        for model, group in by_type.items():
            if hasattr(model, "prepare_listing"):
                model.prepare_listing(group)
        return pages


wagtail_api_router = WagtailAPIRouter("wagtailapi")
wagtail_api_router.register_endpoint("pages", PortalPagesAPIViewSet)
wagtail_api_router.register_endpoint("images", ImagesAPIViewSet)
wagtail_api_router.register_endpoint("documents", DocumentsAPIViewSet)

NON_FIELD = "non_field_errors"


def _as_field_errors(detail):
    if isinstance(detail, dict):
        return {
            field: [
                str(message) for message in (messages if isinstance(messages, list) else [messages])
            ]
            for field, messages in detail.items()
        }
    if isinstance(detail, list):
        return {NON_FIELD: [str(message) for message in detail]}
    return {NON_FIELD: [str(detail)]}


def only_portal_api(endpoints):
    """The OpenAPI schema documents /api/v1/; Wagtail's own APIs are documented by Wagtail."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]


def exception_handler(exc, context):
    """DRF's handler, reshaped so that every error reads `{"errors": {field: [messages]}}`."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Not found."))
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = {"errors": _as_field_errors(exc.detail)}
    else:
        response.data = {"errors": {NON_FIELD: [str(exc.detail)]}}
    return response


class MemberSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["email", "first_name", "last_name", "preferred_language"]
        read_only_fields = ["email"]


class MeView(generics.RetrieveUpdateAPIView):
    """The signed-in member's profile; PATCH changes names or the preferred language."""

    serializer_class = MemberSerializer
    permission_classes = [permissions.IsAuthenticated]
    http_method_names = ["get", "patch", "options"]

    def get_object(self):
        return self.request.user


class OperatorSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    language = serializers.CharField(source="locale.language_code")

    class Meta:
        model = OperatorPage
        fields = ["id", "title", "slug", "kind", "website", "url", "language"]

    def get_url(self, page) -> str:
        return page.get_full_url(self.context["request"])


class OperatorListView(generics.ListAPIView):
    """The participating operators, in one language (`?lang=fr|nl|de|en`, French by default)."""

    serializer_class = OperatorSerializer

    def get_queryset(self):
        language = self.request.query_params.get("lang", settings.LANGUAGE_CODE)
        if language not in dict(settings.LANGUAGES):
            raise exceptions.ValidationError(
                {"lang": [_("Unknown language: choose one of fr, nl, de, en.")]}
            )
        return (
            OperatorPage.objects.live()
            .public()
            .filter(locale__language_code=language)
            .select_related("locale")
            .order_by("title")
        )
