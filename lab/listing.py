"""The /lab/ listing: open briefs of every operator, filtered in SQL, counted in bulk."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lab.counters import counters_for
from lab.models import (
    AdviceAnswer,
    AdviceQuestion,
    LabBriefPage,
    TeamApplication,
    TeamRole,
    VolunteerSignup,
    VolunteerTask,
)
from portal.models import Category, OperatorPage, Territory
from portal.pagecache import remember

NEED_FILTERS = {
    "acts": _("Needs volunteers"),
    "knowledge": _("Needs experts"),
    "team": _("Needs team members"),
    "money": _("Needs money"),
}
BRIEFS_PER_PAGE = 12


def _count_by_key(queryset, key_field):
    return Coalesce(
        Subquery(
            queryset.filter(**{key_field: OuterRef("translation_key")})
            .order_by()
            .values(key_field)
            .annotate(n=Count("pk"))
            .values("n")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )


def needing(queryset, need):
    """Briefs that still need `need` ("acts", "knowledge", "team" or "money")."""
    if need == "money":
        return queryset.filter(budget__gt=0)
    if need == "acts":
        taken = _count_by_key(
            VolunteerSignup.objects.filter(status=VolunteerSignup.Status.CONFIRMED),
            "task__translation_key",
        )
        tasks = (
            VolunteerTask.objects.filter(brief=OuterRef("pk"), starts_at__gt=timezone.now())
            .annotate(taken=taken)
            .filter(places__gt=F("taken"))
        )
        return queryset.filter(Exists(tasks))
    if need == "team":
        filled = _count_by_key(
            TeamApplication.objects.filter(status=TeamApplication.Status.ACCEPTED),
            "role__translation_key",
        )
        roles = (
            TeamRole.objects.filter(brief=OuterRef("pk"))
            .annotate(filled=filled)
            .filter(people_wanted__gt=F("filled"))
        )
        return queryset.filter(Exists(roles))
    if need == "knowledge":
        answered = AdviceAnswer.objects.filter(
            question__translation_key=OuterRef("translation_key"), comment__is_public=True
        )
        questions = AdviceQuestion.objects.filter(brief=OuterRef("pk")).filter(~Exists(answered))
        return queryset.filter(Exists(questions))
    return queryset


def _by_translation_key(model, locale_id):
    return {item.translation_key: item for item in model.objects.filter(locale_id=locale_id)}


def _filter_choices(locale):
    """Operators, categories and territories to filter by, the same for every visitor."""
    return (
        list(OperatorPage.objects.live().public().filter(locale_id=locale).order_by("title")),
        _by_translation_key(Category, locale),
        _by_translation_key(Territory, locale),
    )


def lab_listing(request, index_page):
    """Context for /lab/: filters, one page of briefs with their counters, in constant queries."""
    locale = index_page.locale_id
    params = request.GET
    operators, categories, territories = remember(
        request, f"lab_filters:{locale}", lambda: _filter_choices(locale)
    )

    briefs = LabBriefPage.objects.open().filter(locale_id=locale)
    filters = {}
    kind = params.get("kind")
    if kind in LabBriefPage.Kind.values:
        briefs = briefs.filter(kind=kind)
        filters["kind"] = kind
    need = params.get("need")
    if need in NEED_FILTERS:
        briefs = needing(briefs, need)
        filters["need"] = need
    category = next((c for c in categories.values() if c.slug == params.get("category")), None)
    if category:
        briefs = briefs.filter(category__translation_key=category.translation_key)
        filters["category"] = category.slug
    territory = next((t for t in territories.values() if t.slug == params.get("territory")), None)
    if territory:
        briefs = briefs.filter(territory__translation_key=territory.translation_key)
        filters["territory"] = territory.slug
    operator = next((o for o in operators if o.slug == params.get("operator")), None)
    if operator:
        briefs = briefs.child_of(operator)
        filters["operator"] = operator.slug

    briefs = (
        briefs.select_related("category", "territory")
        .prefetch_related("roles", "questions", "tasks")
        .order_by("-first_published_at", "-pk")
    )
    paginator = Paginator(briefs, BRIEFS_PER_PAGE)

    def one_page():
        page = paginator.get_page(params.get("page"))
        items = list(page.object_list)
        return page.number, paginator.count, items, counters_for(items)

    key = f"lab_page:{locale}:{urlencode(sorted(filters.items()))}:{params.get('page', '')}"
    number, count, items, counters = remember(request, key[:200], one_page)
    paginator.__dict__["count"] = count
    page = paginator.page(number)
    page.object_list = items
    operator_by_path = {o.path: o for o in operators}
    cards = [
        {
            "brief": brief,
            "counters": counters[brief.pk],
            "operator": operator_by_path.get(brief.path[: -brief.steplen]),
            "category": categories.get(brief.category.translation_key) or brief.category
            if brief.category
            else None,
            "territory": territories.get(brief.territory.translation_key) or brief.territory
            if brief.territory
            else None,
        }
        for brief in items
    ]
    return {
        "cards": cards,
        "paginator_page": page,
        "filters": filters,
        "filter_query": urlencode(filters),
        "kind_choices": LabBriefPage.Kind.choices,
        "need_choices": list(NEED_FILTERS.items()),
        "category_choices": sorted(categories.values(), key=lambda c: c.name),
        "territory_choices": sorted(territories.values(), key=lambda t: t.name),
        "operator_choices": operators,
    }
