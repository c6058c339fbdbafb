"""One search, shared by the API and the search page: read the parameters, ask the engine,
shape the answer. Nothing here knows which engine is active."""

import re
from dataclasses import replace
from urllib.parse import urlencode

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from rest_framework import serializers

from portal.models import Category, OperatorPage, Territory
from search.backends import get_engine
from search.backends.base import SORTS, SearchQuery
from search.highlight import stem_prefix
from search.models import NEEDS, SearchEntry

MAX_QUERY_CHARS = 200
MAX_TERMS = 10
MAX_TERM_CHARS = 40
MAX_FACET_VALUE_CHARS = 100
MAX_PAGE = 500
PAGE_SIZE = 20
SUGGEST_MIN_CHARS = 2
SUGGEST_LIMIT = 8
WORD = re.compile(r"\w+", re.UNICODE)

NEED_LABELS = {
    "team": _("Team members"),
    "money": _("Money"),
    "knowledge": _("Knowledge"),
    "acts": _("Volunteers"),
}
SORT_LABELS = {"relevance": _("Relevance"), "ending": _("Ending soon"), "newest": _("Newest")}
FACETS = ("kind", "operator", "category", "territory", "need")
FACET_MODELS = {"operator": OperatorPage, "category": Category, "territory": Territory}


def clean_query(raw):
    """Words only, capped before anything reaches the database: operators, quotes and
    wildcards (& | ! ( ) : * \\ % " ') never do, nor one-letter elisions such as l' or d'."""
    words = WORD.findall(raw[: MAX_QUERY_CHARS * 2])
    words = [word[:MAX_TERM_CHARS] for word in words if len(word) > 1]
    return " ".join(words[:MAX_TERMS])[:MAX_QUERY_CHARS]


class SearchParameters(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, default="", trim_whitespace=True)
    lang = serializers.CharField(required=False)
    kind = serializers.ChoiceField(choices=SearchEntry.Kind.choices, required=False)
    operator = serializers.CharField(required=False, allow_blank=True)
    category = serializers.CharField(required=False, allow_blank=True)
    territory = serializers.CharField(required=False, allow_blank=True)
    need = serializers.ChoiceField(choices=list(NEED_LABELS.items()), required=False)
    sort = serializers.ChoiceField(choices=list(SORT_LABELS.items()), default="relevance")
    page = serializers.IntegerField(
        required=False,
        default=1,
        min_value=1,
        max_value=MAX_PAGE,
        error_messages={
            key: _("Page numbers are whole numbers from 1 to 500.")
            for key in ("invalid", "min_value", "max_value", "max_string_length")
        },
    )

    def validate_q(self, value):
        return clean_query(value)

    def validate_lang(self, value):
        if value not in dict(settings.LANGUAGES):
            raise serializers.ValidationError(_("Unknown language: choose one of fr, nl, de, en."))
        return value

    def validate(self, attrs):
        attrs.setdefault("lang", self.context.get("language") or _request_language())
        for facet in FACET_MODELS:
            value = (attrs.get(facet) or "").strip()[:MAX_FACET_VALUE_CHARS]
            attrs[facet] = value or None
        return attrs


def _request_language():
    language = translation.get_language() or settings.LANGUAGE_CODE
    language = language.split("-")[0]
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _ids_for_slug(model, slug):
    """Every language's copy of the things that have this slug in some language."""
    if slug is None:
        return None
    keys = model.objects.filter(slug=slug).values("translation_key")
    return tuple(model.objects.filter(translation_key__in=keys).values_list("pk", flat=True))


def search_query(params, page_size=PAGE_SIZE):
    return SearchQuery(
        language=params["lang"],
        text=params["q"],
        kind=params.get("kind"),
        operator_ids=_ids_for_slug(OperatorPage, params["operator"]),
        category_ids=_ids_for_slug(Category, params["category"]),
        territory_ids=_ids_for_slug(Territory, params["territory"]),
        need=params.get("need"),
        sort=params["sort"] if params["sort"] != "relevance" or params["q"] else "newest",
        page=params["page"],
        page_size=page_size,
    )


def run_search(params):
    """Every word must match; failing that, any word may; failing that, the start of each word
    (without up to two final letters) must start a title word: stemmers miss some forms
    ("vélo" and "vélos", "fietsen" and "fiets", "molen" and "molens")."""
    query = search_query(params)
    engine = get_engine()
    hits = engine.search(query)
    if not hits.count and len(query.text.split()) > 1:
        query = replace(query, terms_operator="or")
        hits = engine.search(query)
    if not hits.count and query.text:
        stems = " ".join(stem_prefix(word) for word in query.text.split())
        query = replace(query, text=stems, prefix=True, terms_operator="and")
        hits = engine.search(query)
    return query, hits


def result_item(entry, request):
    return {
        "kind": entry.kind,
        "id": entry.page_id,
        "title": entry.title,
        "url": request.build_absolute_uri(entry.url),
        "summary": entry.summary,
        "snippet": entry.snippet,
        "status": entry.status,
        "operator": entry.operator.title if entry.operator_id else None,
        "language": entry.text_language,
        "fallback": entry.fallback,
    }


def facet_buckets(facets, language):
    """{facet: [{value, label, count}]}, most frequent first, with labels in `language`."""
    with translation.override(language):
        buckets = {
            "kind": [
                {"value": kind, "label": str(label), "count": facets.get("kind", {}).get(kind, 0)}
                for kind, label in SearchEntry.Kind.choices
                if facets.get("kind", {}).get(kind)
            ],
            "need": [
                {"value": need, "label": str(NEED_LABELS[need]), "count": count}
                for need in NEEDS
                if (count := facets.get("need", {}).get(need))
            ],
        }
    for facet, model in FACET_MODELS.items():
        counts = facets.get(facet, {})
        buckets[facet] = _labelled(model, counts) if counts else []
    for facet in buckets:
        buckets[facet].sort(key=lambda bucket: (-bucket["count"], bucket["label"]))
    return {facet: buckets[facet] for facet in FACETS}


def _labelled(model, counts):
    label_field = "title" if model is OperatorPage else "name"
    merged = {}
    for pk, slug, label in model.objects.filter(pk__in=[int(pk) for pk in counts]).values_list(
        "pk", "slug", label_field
    ):
        bucket = merged.setdefault(slug, {"value": slug, "label": label, "count": 0})
        bucket["count"] += counts[str(pk)]
    return list(merged.values())


def search_response(params, request):
    query, hits = run_search(params)
    return {
        "count": hits.count,
        "results": [result_item(entry, request) for entry in hits.entries],
        "facets": facet_buckets(hits.facets, query.language),
    }


def suggestions(params, request):
    prefix = params["q"]
    if len(prefix) < SUGGEST_MIN_CHARS:
        return []
    return [
        {
            "title": suggestion.title,
            "url": request.build_absolute_uri(suggestion.url),
            "kind": suggestion.kind,
            "fallback": suggestion.fallback,
        }
        for suggestion in get_engine().suggest(params["lang"], prefix, SUGGEST_LIMIT)
    ]


def run_page_search(request, language):
    """The search page's context: the same search as the API, with links to refine it."""
    parameters = SearchParameters(data=request.GET, context={"language": language})
    if not parameters.is_valid():
        return {"search_errors": parameters.errors, "search": None}
    params = dict(parameters.validated_data, lang=language)
    query, hits = run_search(params)
    pages = max(1, -(-hits.count // query.page_size))
    return {
        "search": {
            "q": params["q"],
            "params": params,
            "count": hits.count,
            "entries": hits.entries,
            "facets": _with_links(facet_buckets(hits.facets, language), params),
            "filters": [(facet, params[facet]) for facet in FACETS if params.get(facet)],
            "sorts": [
                {
                    "value": sort,
                    "label": SORT_LABELS[sort],
                    "current": sort == query.sort,
                    "url": _link(params, sort=sort, page=1),
                }
                for sort in SORTS
            ],
            "page": query.page,
            "pages": pages,
            "previous_url": _link(params, page=query.page - 1) if query.page > 1 else None,
            "next_url": _link(params, page=query.page + 1) if query.page < pages else None,
        },
        "search_errors": None,
    }


def _link(params, **changes):
    values = {
        key: params.get(key)
        for key in ("q", "kind", "operator", "category", "territory", "need", "sort", "page")
    }
    values.update(changes)
    if values.get("sort") == "relevance":
        values.pop("sort")
    if values.get("page") == 1:
        values.pop("page")
    return "?" + urlencode({key: value for key, value in values.items() if value})


def _with_links(buckets, params):
    for facet, facet_buckets_ in buckets.items():
        for bucket in facet_buckets_:
            selected = params.get(facet) == bucket["value"]
            bucket["selected"] = selected
            bucket["url"] = _link(params, page=1, **{facet: None if selected else bucket["value"]})
    return buckets
