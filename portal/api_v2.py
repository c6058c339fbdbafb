"""The Wagtail API v2 (/api/v2/: pages, images, documents), hardened for anonymous clients.

Wagtail's own endpoints turn some odd query strings into server errors (an unknown
`search_operator`, a date filter that is not a date, integers beyond 64 bits, quotes that the
SQLite full-text engine cannot parse). Every parameter is checked here first, so a client gets a
400 `{"message": …}` in its language instead.
"""

import re
from functools import reduce
from operator import and_, or_
from types import SimpleNamespace

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _

from wagtail.api.v2.filters import FieldsFilter, LocaleFilter, OrderingFilter, SearchFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import PageHtmlUrlField, PageSerializer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from rest_framework.filters import BaseFilterBackend

from portal import published_media
from portal.links import absolute_page_url

BIGGEST_ID = 2**63 - 1
MAX_OFFSET = 1_000_000
SEARCH_OPERATORS = ("and", "or")
WORD = re.compile(r"\w+", re.UNICODE)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _whole_number(value, name, maximum):
    digits = len(str(maximum))
    if not (value.isascii() and value.isdigit() and len(value) <= digits and int(value) <= maximum):
        raise BadRequestError(
            _("%(name)s must be a whole number from 0 to %(maximum)s.")
            % {"name": name, "maximum": maximum}
        )
    return int(value)


class KnownLocaleFilter(LocaleFilter):
    """`?locale=` must name one of the portal's languages: anything else is a 400, not a 404."""

    def filter_queryset(self, request, queryset, view):
        language = request.GET.get("locale")
        if language is not None and language not in dict(settings.LANGUAGES):
            raise BadRequestError(_("Unknown language: choose one of fr, nl, de, en."))
        return super().filter_queryset(request, queryset, view)


class CheckedFieldsFilter(FieldsFilter):
    """Field filters (`?deadline=…`, `?id=…`) whose values the database can compare."""

    def filter_queryset(self, request, queryset, view):
        fields = set(view.get_available_fields(queryset.model, db_fields_only=True))
        for name, value in request.GET.items():
            if name in fields and name != "locale":
                self.check(queryset.model, name, value)
        return super().filter_queryset(request, queryset, view)

    def check(self, model, name, value):
        try:
            field = model._meta.get_field(name)
        except LookupError:
            return
        if isinstance(field, models.ForeignKey):
            field = field.target_field
        if isinstance(field, (models.IntegerField, models.AutoField)):
            _whole_number(value.lstrip("-"), name, BIGGEST_ID)
        elif isinstance(field, models.Field) and not isinstance(field, models.BooleanField):
            try:
                field.to_python(value)
            except ValidationError as error:
                raise BadRequestError(
                    _("%(value)s is not a valid value for %(name)s.")
                    % {"value": value[:50], "name": name}
                ) from error


def _search_words(request):
    words = WORD.findall(request.GET["search"].lower())[:10]
    if not words:
        raise BadRequestError(_("Give at least one word to search for."))
    return words


class WordSearchFilter(SearchFilter):
    """Searches for words only: the engine never sees quotes, wildcards or its own operators."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return super().filter_queryset(request, queryset, view)
        query = request.GET.copy()
        query["search"] = " ".join(_search_words(request))
        return super().filter_queryset(SimpleNamespace(GET=query), queryset, view)


class TitleSearchFilter(BaseFilterBackend):
    """Images and documents are searched by title in the database: the search engine cannot
    apply the published-files condition, and the public only ever sees a few files."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        matches = [Q(title__icontains=word) for word in _search_words(request)]
        joined = and_ if request.GET.get("search_operator") == "and" else or_
        return queryset.filter(reduce(joined, matches))


class BoundedPagination(WagtailPagination):
    def paginate_queryset(self, queryset, request, view=None):
        if "offset" in request.GET:
            _whole_number(request.GET["offset"], "offset", MAX_OFFSET)
        if "limit" in request.GET:
            _whole_number(request.GET["limit"], "limit", settings.WAGTAILAPI_LIMIT_MAX)
        return super().paginate_queryset(queryset, request, view)


def _checked(backends):
    replacements = {
        FieldsFilter: CheckedFieldsFilter,
        SearchFilter: WordSearchFilter,
        LocaleFilter: KnownLocaleFilter,
    }
    return [replacements.get(backend, backend) for backend in backends]


class CheckedParametersMixin:
    """No control characters in any parameter, checked before Wagtail reads any of them
    (`?site=` reaches the database while the queryset is built); `?id=` of the find view must
    be an id."""

    pagination_class = BoundedPagination

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        for name, values in request.GET.lists():
            if CONTROL.search(name) or any(CONTROL.search(value) for value in values):
                raise BadRequestError(
                    _("Control characters are not allowed in %(name)s.")
                    % {"name": CONTROL.sub("", name)[:50]}
                )
        if request.GET.get("search_operator", "or") not in SEARCH_OPERATORS:
            raise BadRequestError(_("search_operator must be “and” or “or”."))

    def find_object(self, queryset, request):
        if "id" in request.GET:
            _whole_number(request.GET["id"], "id", BIGGEST_ID)
        return super().find_object(queryset, request)


class RequestHtmlUrlField(PageHtmlUrlField):
    def to_representation(self, page):
        return absolute_page_url(page, self.context.get("request"))


class PortalPageSerializer(PageSerializer):
    html_url = RequestHtmlUrlField(read_only=True)


class PortalPagesAPIViewSet(CheckedParametersMixin, PagesAPIViewSet):
    base_serializer_class = PortalPageSerializer
    filter_backends = _checked(PagesAPIViewSet.filter_backends)

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


class PublishedImagesAPIViewSet(CheckedParametersMixin, ImagesAPIViewSet):
    """Only images that live, public pages use (see portal.published_media)."""

    filter_backends = [CheckedFieldsFilter, OrderingFilter, TitleSearchFilter]

    def get_queryset(self):
        return published_media.published(super().get_queryset())


class PublishedDocumentsAPIViewSet(CheckedParametersMixin, DocumentsAPIViewSet):
    """Only documents that live, public pages use; /documents/ checks the same."""

    filter_backends = [CheckedFieldsFilter, OrderingFilter, TitleSearchFilter]

    def get_queryset(self):
        return published_media.published(super().get_queryset())


router = WagtailAPIRouter("wagtailapi")
router.register_endpoint("pages", PortalPagesAPIViewSet)
router.register_endpoint("images", PublishedImagesAPIViewSet)
router.register_endpoint("documents", PublishedDocumentsAPIViewSet)
