"""/api/v1/follows/, /api/v1/me/follows/ and /api/v1/feed/: follows and the feed, headless."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from campaigns.api import StrictIdField
from members import feed, follows
from members.models import Follow, Target
from portal.authentication import IsVerifiedMember


class FollowSerializer(serializers.Serializer):
    target = serializers.ChoiceField(
        choices=Target.choices,
        error_messages={
            "invalid_choice": _("Follow a campaign, a brief, an operator or a member.")
        },
    )
    id = StrictIdField()


FOLLOW_FIELDS = {
    "target": serializers.ChoiceField(choices=Target.choices),
    "key": serializers.CharField(help_text="the page's translation_key, or the member's id"),
    "created_at": serializers.DateTimeField(),
}
FOLLOW_RESPONSE = inline_serializer("FollowState", FOLLOW_FIELDS)


def paginated(name, item_name, fields):
    """A page of results as DRF's PageNumberPagination answers it, for the schema."""
    return inline_serializer(
        name,
        {
            "count": serializers.IntegerField(),
            "next": serializers.URLField(allow_null=True),
            "previous": serializers.URLField(allow_null=True),
            "results": inline_serializer(item_name, fields, many=True),
        },
    )


def follow_data(row):
    return {"target": row.target, "key": row.key, "created_at": row.created_at}


def _refused(refusal):
    return Response({"errors": {refusal.field: [refusal.message]}}, status=refusal.status)


class FollowView(APIView):
    """Follow something (201 the first time, 200 after), or stop following it."""

    permission_classes = [IsVerifiedMember]

    def _validated(self, data):
        serializer = FollowSerializer(data=data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data["target"], serializer.validated_data["id"]

    @extend_schema(request=FollowSerializer, responses={200: FOLLOW_RESPONSE, 201: FOLLOW_RESPONSE})
    def post(self, request):
        target, object_id = self._validated(request.data)
        try:
            row, created = follows.follow(request.user, target, object_id)
        except follows.FollowRefused as refusal:
            return _refused(refusal)
        return Response(
            follow_data(row), status=status.HTTP_201_CREATED if created else status.HTTP_200_OK
        )

    @extend_schema(request=FollowSerializer, responses={204: None})
    def delete(self, request):
        return _unfollow(request, *self._validated(request.data))


class FollowDetailView(FollowView):
    """Stop following what the URL names."""

    http_method_names = ["delete", "options"]

    @extend_schema(request=None, responses={204: None}, operation_id="follows_destroy_by_url")
    def delete(self, request, target, pk):
        return _unfollow(request, *self._validated({"target": target, "id": pk}))


def _unfollow(request, target, object_id):
    try:
        follows.unfollow(request.user, target, object_id)
    except follows.FollowRefused as refusal:
        return _refused(refusal)
    return Response(status=status.HTTP_204_NO_CONTENT)


class MyFollowsView(APIView):
    permission_classes = [IsVerifiedMember]

    @extend_schema(responses={200: paginated("Follows", "FollowItem", FOLLOW_FIELDS)})
    def get(self, request):
        rows = Follow.objects.filter(member=request.user).order_by("-created_at", "-pk")
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(rows, request, view=self)
        return paginator.get_paginated_response([follow_data(row) for row in page])


FEED_FIELDS = {
    "kind": serializers.CharField(),
    "text": serializers.CharField(help_text="in the request's language"),
    "url": serializers.CharField(),
    "created_at": serializers.DateTimeField(),
}


class FeedView(APIView):
    """News of what the member follows, newest first, in the request's language."""

    permission_classes = [IsVerifiedMember]

    @extend_schema(responses={200: paginated("Feed", "FeedItem", FEED_FIELDS)})
    def get(self, request):
        paginator = PageNumberPagination()
        events = paginator.paginate_queryset(feed.events_for(request.user), request, view=self)
        language = translation.get_language()
        items = feed.present(events, language)
        return paginator.get_paginated_response(
            [
                {
                    "kind": item["kind"],
                    "text": item["text"],
                    "url": request.build_absolute_uri(item["url"]) if item["url"] else "",
                    "created_at": item["created_at"],
                }
                for item in items
            ]
        )
