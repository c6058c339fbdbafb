"""GET /api/v1/search/ and /api/v1/search/suggest/: open campaigns and briefs, one language."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from search.service import FACETS, SearchParameters, search_response, suggestions

FacetBucket = inline_serializer(
    "SearchFacetBucket",
    {
        "value": serializers.CharField(),
        "label": serializers.CharField(),
        "count": serializers.IntegerField(),
    },
    many=True,
)
SearchResult = inline_serializer(
    "SearchResult",
    {
        "kind": serializers.ChoiceField(choices=["campaign", "brief"]),
        "id": serializers.IntegerField(),
        "title": serializers.CharField(),
        "url": serializers.URLField(),
        "summary": serializers.CharField(),
        "snippet": serializers.CharField(help_text="HTML: escaped text, matches in <mark>."),
        "status": serializers.CharField(),
        "operator": serializers.CharField(allow_null=True),
        "language": serializers.CharField(),
        "fallback": serializers.BooleanField(),
    },
    many=True,
)
SEARCH_PARAMETERS = [
    OpenApiParameter("q", OpenApiTypes.STR, description="Words to find; empty lists all."),
    OpenApiParameter("lang", OpenApiTypes.STR, enum=["fr", "nl", "de", "en"]),
]


class SearchView(APIView):
    """Every open campaign and lab brief matching `q`, in `lang`, with facet counts."""

    @extend_schema(
        parameters=[SearchParameters],
        responses=inline_serializer(
            "SearchResponse",
            {
                "count": serializers.IntegerField(),
                "results": SearchResult,
                "facets": inline_serializer(
                    "SearchFacets",
                    dict.fromkeys(FACETS, FacetBucket),
                ),
            },
        ),
    )
    def get(self, request):
        parameters = SearchParameters(data=request.query_params)
        parameters.is_valid(raise_exception=True)
        return Response(search_response(parameters.validated_data, request))


class SuggestView(APIView):
    """Titles completing what the visitor is typing, for the search box."""

    @extend_schema(
        parameters=SEARCH_PARAMETERS,
        responses=inline_serializer(
            "SearchSuggestions",
            {
                "results": inline_serializer(
                    "SearchSuggestion",
                    {
                        "title": serializers.CharField(),
                        "url": serializers.URLField(),
                        "kind": serializers.CharField(),
                        "fallback": serializers.BooleanField(),
                    },
                    many=True,
                )
            },
        ),
    )
    def get(self, request):
        parameters = SearchParameters(data=request.query_params)
        parameters.is_valid(raise_exception=True)
        return Response({"results": suggestions(parameters.validated_data, request)})
