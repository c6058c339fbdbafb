"""The translation parity report: for each French page a member of staff may edit, where its
Dutch, German and English copies stand.

wagtail-localize's LocaleSynchronization gives every new French page an *alias* in the other
languages, which shows the French text; a translator then turns it into a real translation,
which goes *out of date* once the French page has a revision newer than the last time its
strings were extracted (`TranslationSource.last_updated_at`). Rows come from Wagtail's page
permission policy, so an operator's staff see their own section only, and superusers see all.
"""

from django.conf import settings
from django.db.models import Case, Exists, OuterRef, Q, Value, When
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import ContentTypeFilter, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.coreutils import get_content_type_label
from wagtail.models import Page, get_page_content_types
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail_localize.models import TranslationSource

import django_filters

from portal.models import OperatorPage

ALIAS, TRANSLATED, OUTDATED, MISSING = "alias", "translated", "outdated", "missing"
STATES = {
    TRANSLATED: _("Translated"),
    OUTDATED: _("Out of date"),
    ALIAS: _("French text (alias)"),
    MISSING: _("Missing"),
}


def target_languages():
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def language_name(code):
    return get_language_info(code)["name_translated"]


def editable_originals(user):
    """The pages in the default language that the user may change, the root excluded."""
    return (
        PagePermissionPolicy()
        .instances_user_has_permission_for(user, "change")
        .filter(locale__language_code=settings.LANGUAGE_CODE, depth__gt=1)
    )


def with_states(pages):
    """Annotate `state_<language>` for each target language: one of STATES."""
    copies = Page.objects.filter(translation_key=OuterRef("translation_key"))
    stale_source = TranslationSource.objects.filter(
        object_id=OuterRef("translation_key"),
        locale_id=OuterRef("locale_id"),
        last_updated_at__lt=OuterRef("latest_revision_created_at"),
    )
    annotations = {}
    for code in target_languages():
        in_language = copies.filter(locale__language_code=code)
        translated = Exists(in_language.filter(alias_of__isnull=True))
        annotations[f"state_{code}"] = Case(
            When(translated & Exists(stale_source), then=Value(OUTDATED)),
            When(translated, then=Value(TRANSLATED)),
            When(Exists(in_language.filter(alias_of__isnull=False)), then=Value(ALIAS)),
            default=Value(MISSING),
        )
    return pages.annotate(**annotations)


def editable_sections(request):
    return OperatorPage.objects.filter(
        pk__in=editable_originals(request.user).values("pk")
    ).order_by("title")


class ParityFilterSet(WagtailFilterSet):
    # Named "locale" so that WagtailFilterSet adds no filter of its own on the rows' locale:
    # every row is a French original, the language picks which copies are reported.
    locale = django_filters.ChoiceFilter(
        label=_("Language"),
        choices=lambda: [(code, language_name(code)) for code in target_languages()],
        method="choose_languages",
    )
    state = django_filters.ChoiceFilter(
        label=_("State"), choices=list(STATES.items()), method="filter_state"
    )
    content_type = ContentTypeFilter(
        label=_("Page type"),
        queryset=lambda request: get_page_content_types(include_base_page_type=False),
    )
    section = django_filters.ModelChoiceFilter(
        label=_("Section"), queryset=editable_sections, method="filter_section"
    )

    class Meta:
        model = Page
        fields = ["locale", "state", "content_type", "section"]

    def languages(self):
        """The languages reported: the one filtered on, or all of them."""
        chosen = self.form.cleaned_data.get("locale") if self.is_valid() else None
        return [chosen] if chosen else target_languages()

    def choose_languages(self, queryset, name, value):
        """The language narrows the columns and the state filter (languages()), not the rows."""
        return queryset

    def filter_state(self, queryset, name, value):
        condition = Q()
        for code in self.languages():
            condition |= Q(**{f"state_{code}": value})
        return queryset.filter(condition)

    def filter_section(self, queryset, name, value):
        return queryset.filter(path__startswith=value.path)


class TranslationParityView(ReportView):
    page_title = _("Translation parity")
    header_icon = "globe"
    model = Page
    filterset_class = ParityFilterSet
    index_url_name = "portal_translation_parity"
    index_results_url_name = "portal_translation_parity_results"
    any_permission_required = ["change"]
    export_filename = "translation-parity"
    default_ordering = "path"

    def get_queryset(self):
        self.queryset = with_states(editable_originals(self.request.user)).select_related(
            "content_type"
        )
        return super().get_queryset()

    @cached_property
    def languages(self):
        return self.filters.languages() if self.filters else target_languages()

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "title",
                label=_("French original"),
                get_url=lambda page: reverse("wagtailadmin_pages:edit", args=[page.pk]),
            ),
            Column("page_type", label=_("Page type")),
            Column("section", label=_("Section")),
            *[Column(f"label_{code}", label=language_name(code)) for code in self.languages],
        ]

    @property
    def list_export(self):
        return ["pk", "title", "page_type", "section", *[f"label_{c}" for c in self.languages]]

    @property
    def export_headings(self):
        return {
            "pk": _("ID"),
            "title": _("French original"),
            "page_type": _("Page type"),
            "section": _("Section"),
            **{f"label_{code}": language_name(code) for code in self.languages},
        }

    def decorate_paginated_queryset(self, pages):
        sections = list(OperatorPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE))
        pages = list(pages)
        for page in pages:
            page.page_type = get_content_type_label(page.content_type)
            page.section = next((s.title for s in sections if page.path.startswith(s.path)), "")
            for code in self.languages:
                setattr(page, f"label_{code}", STATES[getattr(page, f"state_{code}")])
        return pages


class TranslationParityMenuItem(MenuItem):
    def is_shown(self, request):
        return PagePermissionPolicy().user_has_permission(request.user, "change")


def menu_item():
    return TranslationParityMenuItem(
        _("Translation parity"),
        reverse("portal_translation_parity"),
        name="translation-parity",
        icon_name="globe",
        order=1200,
    )


def urls():
    return [
        path(
            "reports/translation-parity/",
            TranslationParityView.as_view(),
            name="portal_translation_parity",
        ),
        path(
            "reports/translation-parity/results/",
            TranslationParityView.as_view(results_only=True),
            name="portal_translation_parity_results",
        ),
    ]
