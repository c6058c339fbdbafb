"""The lab's pages: a brief (idea, concept or need) with its needs, and the index of open briefs.

A brief's needs (team roles, advice questions, volunteer tasks) are orderables translated with
the page. Every translation of a need shares the need's `translation_key`; what the crowd does
about it (sign-ups, applications, answers) is attached to the original row, so the counters are
the same in every language.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Locale, Orderable, PageManager, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from modelcluster.fields import ParentalKey

from lab.serializers import NeedsField, OperatorField, TaxonomyField
from portal.blocks import StoryBlock
from portal.models.crowd import CrowdPage, CrowdPageQuerySet
from portal.models.pages import BasePage, SectionIndexPage
from portal.walls import MembersOnlyPageForm


class LabBriefManager(PageManager.from_queryset(CrowdPageQuerySet)):
    def get_queryset(self):
        # Every listing (ours, the Wagtail API's meta) reads the locale of each brief.
        return super().get_queryset().select_related("locale")


class LabBriefPage(CrowdPage):
    """An idea, concept or need posted in an operator's section, for the crowd to take on."""

    class Kind(models.TextChoices):
        IDEA = "idea", _("Idea")
        CONCEPT = "concept", _("Concept")
        NEED = "need", _("Need")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        GRADUATED = "graduated", _("Graduated")
        CLOSED = "closed", _("Closed")

    OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.IDEA)
    challenge = StreamField(StoryBlock(), verbose_name=_("challenge"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposed_briefs",
        help_text=_("The member who proposed this brief and runs it with the operator."),
    )
    proposed_at = models.DateTimeField(_("proposed at"), null=True, blank=True, editable=False)
    budget = models.PositiveBigIntegerField(
        _("estimated budget (cents)"),
        null=True,
        blank=True,
        help_text=_("In euro cents. Leave empty when the brief needs no money."),
    )

    search_kind = "brief"
    objects = LabBriefManager()

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("status")]),
                FieldRowPanel([FieldPanel("category"), FieldPanel("territory")]),
                FieldPanel("proposed_by"),
            ],
            heading=_("About the brief"),
        ),
        FieldPanel("summary"),
        FieldPanel("challenge"),
        MultiFieldPanel(
            [
                FieldPanel("budget"),
                InlinePanel("roles", label=_("team roles")),
                InlinePanel("questions", label=_("questions for advice")),
                InlinePanel("tasks", label=_("volunteer tasks")),
            ],
            heading=_("Needs"),
        ),
    ]
    translatable_fields = BasePage.translatable_fields + [
        TranslatableField("summary"),
        TranslatableField("challenge"),
        TranslatableField("roles"),
        TranslatableField("questions"),
        TranslatableField("tasks"),
        SynchronizedField("kind"),
        SynchronizedField("status"),
        SynchronizedField("category"),
        SynchronizedField("territory"),
        SynchronizedField("proposed_by"),
        SynchronizedField("proposed_at"),
        SynchronizedField("budget"),
    ]
    search_fields = CrowdPage.search_fields + [
        index.SearchField("challenge"),
        index.FilterField("status"),
        index.FilterField("kind"),
        index.RelatedFields(
            "roles", [index.SearchField("title"), index.SearchField("description")]
        ),
        index.RelatedFields(
            "questions", [index.SearchField("title"), index.SearchField("description")]
        ),
        index.RelatedFields(
            "tasks",
            [
                index.SearchField("title"),
                index.SearchField("description"),
                index.SearchField("place"),
            ],
        ),
    ]

    api_fields = [
        APIField("kind"),
        APIField("status"),
        APIField("summary"),
        APIField("challenge"),
        APIField("budget"),
        APIField("category", serializer=TaxonomyField()),
        APIField("territory", serializer=TaxonomyField()),
        APIField("operator", serializer=OperatorField(source="*")),
        APIField("needs", serializer=NeedsField(source="*")),
    ]

    base_form_class = MembersOnlyPageForm
    template = "pages/lab_brief_page.html"

    class Meta:
        verbose_name = _("lab brief")
        verbose_name_plural = _("lab briefs")

    @classmethod
    def open_q(cls, now):
        return Q(status__in=cls.OPEN_STATUSES)

    def open_window(self):
        """Open, with no dates, while its status welcomes the crowd."""
        return (None, None) if self.status in self.OPEN_STATUSES else None

    def get_context(self, request, *args, **kwargs):
        from lab.detail import brief_context

        context = super().get_context(request, *args, **kwargs)
        context.update(brief_context(self, request))
        return context

    @cached_property
    def original(self):
        """The copy of this brief that sign-ups, applications and comments are attached to."""
        return original_of(self)

    @cached_property
    def counters(self):
        from lab.counters import counters_for

        return counters_for([self])[self.pk]

    @classmethod
    def prepare_listing(cls, briefs):
        """Needs, counters, taxonomy and sections of many briefs at once (API listings)."""
        from django.db.models import prefetch_related_objects

        from lab.counters import counters_for
        from portal.models import OperatorPage

        prefetch_related_objects(briefs, "roles", "questions", "tasks", "category", "territory")
        counters = counters_for(briefs)
        sections = OperatorPage.objects.in_bulk(
            [brief.path[: -brief.steplen] for brief in briefs], field_name="path"
        )
        for brief in briefs:
            brief.__dict__["counters"] = counters[brief.pk]
            brief.section = sections.get(brief.path[: -brief.steplen])
        locale = Locale.get_active()
        for field in ("category", "territory"):
            items = [getattr(brief, field) for brief in briefs if getattr(brief, field)]
            for item in items:
                item.listed_translation = item
            items = [item for item in items if item.locale_id != locale.pk]
            if not items:
                continue
            model = cls._meta.get_field(field).related_model
            translations = {
                item.translation_key: item
                for item in model.objects.filter(
                    translation_key__in={item.translation_key for item in items}, locale=locale
                )
            }
            for item in items:
                item.listed_translation = translations.get(item.translation_key, item)

    @property
    def needs(self):
        """What the brief still needs, among "team", "money", "knowledge" and "acts"."""
        return self.counters.open_needs


def original_of(instance):
    """The first-created row sharing `instance`'s translation_key: the source of translations."""
    if instance.pk is None:
        return instance
    return (
        type(instance)
        .objects.filter(translation_key=instance.translation_key)
        .order_by("pk")
        .first()
    )


class BriefNeed(TranslatableMixin, Orderable):
    """What every need of a brief shares: a title and a description, translated with the page."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=2000)

    translatable_fields = [TranslatableField("title"), TranslatableField("description")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order"]

    def __str__(self):
        return self.title

    @cached_property
    def original(self):
        return original_of(self)


class TeamRole(BriefNeed):
    brief = ParentalKey(LabBriefPage, on_delete=models.CASCADE, related_name="roles")
    people_wanted = models.PositiveSmallIntegerField(_("how many people"), default=1)

    panels = [FieldPanel("title"), FieldPanel("description"), FieldPanel("people_wanted")]
    translatable_fields = BriefNeed.translatable_fields + [SynchronizedField("people_wanted")]

    class Meta(BriefNeed.Meta):
        verbose_name = _("team role")
        verbose_name_plural = _("team roles")


class AdviceQuestion(BriefNeed):
    """A question to the crowd, answered once the brief's owner marks a comment as the answer."""

    brief = ParentalKey(LabBriefPage, on_delete=models.CASCADE, related_name="questions")

    panels = [FieldPanel("title"), FieldPanel("description")]

    class Meta(BriefNeed.Meta):
        verbose_name = _("question for advice")
        verbose_name_plural = _("questions for advice")


class VolunteerTask(BriefNeed):
    """Hands-on help at a given time and place, for a limited number of volunteers."""

    brief = ParentalKey(LabBriefPage, on_delete=models.CASCADE, related_name="tasks")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=255)
    places = models.PositiveSmallIntegerField(_("places offered"), default=1)

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldRowPanel([FieldPanel("place"), FieldPanel("places")]),
    ]
    translatable_fields = BriefNeed.translatable_fields + [
        SynchronizedField("starts_at"),
        SynchronizedField("ends_at"),
        SynchronizedField("place"),
        SynchronizedField("places"),
    ]

    class Meta(BriefNeed.Meta):
        verbose_name = _("volunteer task")
        verbose_name_plural = _("volunteer tasks")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="lab_task_ends_after_start"
            )
        ]

    @property
    def duration_hours(self):
        return round((self.ends_at - self.starts_at).total_seconds() / 3600, 2)


class LabIndexPage(SectionIndexPage):
    """/lab/: every open brief across operators, with filters."""

    template = "pages/lab_index_page.html"

    class Meta:
        verbose_name = _("lab index")

    def get_context(self, request, *args, **kwargs):
        from lab.listing import lab_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(lab_listing(request, self))
        return context
