"""The lab's part of /api/v1/: volunteer sign-ups and team applications.

Needs can be given by the id of any translation; what is stored points at the original, and
the ids returned are the original's.
"""

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.models import Page

from django_comments_xtd.models import XtdComment
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from lab import advice, ideas, services
from lab.models import LabBriefPage, TeamApplication, TeamRole, VolunteerSignup, VolunteerTask
from portal import walls
from portal.authentication import IsVerifiedMember
from portal.converters import IdConverter
from portal.models import Category, Territory

BIGGEST_ID = 2**63 - 1


class Conflict(exceptions.ValidationError):
    """A 409 shaped like a validation error, so the portal's handler gives `{"errors": …}`."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def _visible_needs(model):
    return model.objects.filter(brief__live=True, brief__status__in=LabBriefPage.OPEN_STATUSES)


class SignupSerializer(serializers.ModelSerializer):
    task = serializers.PrimaryKeyRelatedField(
        queryset=VolunteerTask.objects.none(),
        error_messages={
            "does_not_exist": gettext_lazy("There is no open task with the id {pk_value}."),
            "incorrect_type": gettext_lazy("A task id is a number."),
        },
    )

    class Meta:
        model = VolunteerSignup
        fields = ["id", "task", "status", "check_in_code", "created_at"]
        read_only_fields = ["status", "check_in_code", "created_at"]

    def get_fields(self):
        fields = super().get_fields()
        fields["task"].queryset = _visible_needs(VolunteerTask)
        return fields


class SignupViewSet(
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """The signed-in member's volunteer sign-ups.

    POST `{"task": id}` answers 201 with status `confirmed` while places remain, `waitlisted`
    after; 409 when already signed up or when the task has started. DELETE cancels (the first
    member on the waitlist then takes the place and is told by e-mail).
    """

    lookup_value_regex = IdConverter.regex  # a huge id is a 404, not SQLite's overflow

    serializer_class = SignupSerializer
    permission_classes = [IsVerifiedMember]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return VolunteerSignup.objects.none()
        return VolunteerSignup.objects.filter(member=self.request.user).order_by("-created_at")

    def perform_create(self, serializer):
        try:
            serializer.instance = services.sign_up(
                serializer.validated_data["task"], self.request.user
            )
        except services.LabConflict as error:
            raise Conflict({error.field: [error.message]}) from error

    def destroy(self, request, *args, **kwargs):
        try:
            services.cancel_signup(self.get_object())
        except services.LabConflict as error:
            raise Conflict({error.field: [error.message]}) from error
        return Response(status=status.HTTP_204_NO_CONTENT)


class ApplicationSerializer(serializers.ModelSerializer):
    role = serializers.PrimaryKeyRelatedField(
        queryset=TeamRole.objects.none(),
        error_messages={
            "does_not_exist": gettext_lazy("There is no open role with the id {pk_value}."),
            "incorrect_type": gettext_lazy("A role id is a number."),
        },
    )
    motivation = serializers.CharField(
        max_length=4000,
        error_messages={
            "blank": gettext_lazy("Tell the team why you want to join."),
            "required": gettext_lazy("Tell the team why you want to join."),
            "max_length": gettext_lazy("Keep your motivation under {max_length} characters."),
        },
    )

    class Meta:
        model = TeamApplication
        fields = ["id", "role", "motivation", "status", "created_at", "decided_at"]
        read_only_fields = ["status", "created_at", "decided_at"]

    def get_fields(self):
        fields = super().get_fields()
        fields["role"].queryset = _visible_needs(TeamRole)
        return fields


class ApplicationViewSet(
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Applications for team roles.

    A member sees their own applications; the brief's owner and its operator's staff also see
    those for their briefs, and accept or decline them.
    """

    lookup_value_regex = IdConverter.regex  # a huge id is a 404, not SQLite's overflow

    serializer_class = ApplicationSerializer
    permission_classes = [IsVerifiedMember]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return TeamApplication.objects.none()
        user = self.request.user
        staffed = walls.within_sections(TeamApplication.objects.all(), user)
        queryset = TeamApplication.objects.filter(
            Q(member=user) | Q(role__brief__proposed_by=user) | Q(pk__in=staffed.values("pk"))
        )
        return queryset.select_related("role").order_by("-created_at")

    def perform_create(self, serializer):
        try:
            serializer.instance = services.apply_for_role(
                serializer.validated_data["role"],
                self.request.user,
                serializer.validated_data["motivation"].strip(),
            )
        except services.LabConflict as error:
            raise Conflict({error.field: [error.message]}) from error

    def _decide(self, request, accept):
        application = self.get_object()
        if not services.can_organise(request.user, application.role.brief):
            raise exceptions.PermissionDenied(
                _("Only the brief's owner or its operator can decide on applications.")
            )
        try:
            application = services.decide_application(application, request.user, accept)
        except services.LabConflict as error:
            raise Conflict({error.field: [error.message]}) from error
        return Response(self.get_serializer(application).data)

    @extend_schema(request=None, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """Accept a pending application: the member fills one seat of the role."""
        return self._decide(request, accept=True)

    @extend_schema(request=None, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        """Decline a pending application."""
        return self._decide(request, accept=False)


class IdeaSerializer(serializers.Serializer):
    """A member's proposal; `state` is in_moderation, rejected (with the reason) or published."""

    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(max_length=120)
    kind = serializers.ChoiceField(choices=LabBriefPage.Kind.choices)
    summary = serializers.CharField(max_length=1000)
    challenge = serializers.CharField(max_length=10000, required=False, allow_blank=True)
    category = serializers.PrimaryKeyRelatedField(
        queryset=Category.objects.all(), required=False, allow_null=True
    )
    territory = serializers.PrimaryKeyRelatedField(
        queryset=Territory.objects.all(), required=False, allow_null=True
    )
    budget_eur = serializers.IntegerField(
        min_value=1, max_value=10_000_000, required=False, allow_null=True, write_only=True
    )
    state = serializers.SerializerMethodField()
    reason = serializers.SerializerMethodField()

    def validate_title(self, value):
        value = ideas.plain_text(value)
        if len(value) < 3:
            raise serializers.ValidationError(
                _("Give your idea a title of at least three characters.")
            )
        return value

    def validate_summary(self, value):
        value = ideas.plain_text(value)
        if not value:
            raise serializers.ValidationError(_("Tell us in a few sentences what your idea is."))
        return value

    def get_state(self, page) -> str:
        return ideas.proposal_state(page)[0]

    def get_reason(self, page) -> str:
        return ideas.proposal_state(page)[1]


class IdeaViewSet(mixins.CreateModelMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Ideas from the crowd: a signed-in member proposes one (5 a day at most) and follows
    their proposals' moderation. 429 past the daily limit."""

    serializer_class = IdeaSerializer
    permission_classes = [IsVerifiedMember]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return LabBriefPage.objects.none()
        return LabBriefPage.objects.filter(
            proposed_by=self.request.user, alias_of__isnull=True
        ).order_by("-proposed_at")

    def perform_create(self, serializer):
        try:
            serializer.instance = ideas.propose_idea(self.request.user, **serializer.validated_data)
        except ideas.IdeaRefused as refusal:
            error = Conflict({refusal.field: [refusal.message]})
            error.status_code = refusal.status
            raise error from refusal


class AdviceSerializer(serializers.ModelSerializer):
    page = serializers.IntegerField(
        min_value=1,
        max_value=BIGGEST_ID,
        write_only=True,
        help_text="Id of a published brief or campaign (any language).",
    )
    parent = serializers.IntegerField(
        min_value=1, max_value=BIGGEST_ID, required=False, allow_null=True, write_only=True
    )
    comment = serializers.CharField(max_length=advice.MAX_LENGTH, allow_blank=True)
    followup = serializers.BooleanField(required=False, default=False, write_only=True)
    author = serializers.CharField(source="user_name", read_only=True)
    is_expert = serializers.SerializerMethodField()
    replies_to = serializers.SerializerMethodField()

    class Meta:
        model = XtdComment
        fields = [
            "id",
            "page",
            "parent",
            "replies_to",
            "comment",
            "followup",
            "author",
            "is_expert",
            "submit_date",
            "level",
        ]
        read_only_fields = ["submit_date", "level"]

    def get_is_expert(self, comment) -> bool:
        return comment.user_id in self.context.get("experts", set())

    def get_replies_to(self, comment) -> int | None:
        return comment.parent_id if comment.parent_id != comment.pk else None


class AdviceViewSet(
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Advice threads on briefs and campaigns.

    GET `?page_id=<id>` lists the visible advice of a page (`&experts=1`: experts only); members
    post, edit their own within 15 minutes, delete their own, and flag others' (409 twice).
    """

    lookup_value_regex = IdConverter.regex  # a huge id is a 404, not SQLite's overflow

    serializer_class = AdviceSerializer
    http_method_names = ["get", "post", "patch", "delete", "options"]

    def get_permissions(self):
        if self.action == "list":
            return [permissions.AllowAny()]
        return [IsVerifiedMember()]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return XtdComment.objects.none()
        if self.action == "list":
            page = self._page(self.request.query_params.get("page_id"), "page_id")
            return advice.visible_comments(
                page, experts_only=self.request.query_params.get("experts") in ("1", "true")
            )
        return XtdComment.objects.filter(is_public=True, is_removed=False)

    def _page(self, page_id, field):
        try:
            page = Page.objects.live().get(pk=int(page_id)).specific
        except (TypeError, ValueError, Page.DoesNotExist) as error:
            raise exceptions.ValidationError(
                {field: [_("There is no published brief or campaign with this id.")]}
            ) from error
        if not advice.is_commentable(page):
            raise exceptions.ValidationError(
                {field: [_("There is no published brief or campaign with this id.")]}
            )
        return page

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "page_id",
                int,
                required=True,
                description="Id of a published brief or campaign (any language).",
            ),
            OpenApiParameter("experts", bool, description="Only advice from verified experts."),
        ]
    )
    def list(self, request, *args, **kwargs):
        queryset = self.paginate_queryset(self.get_queryset())
        serializer = self.get_serializer(
            queryset,
            many=True,
            context={**self.get_serializer_context(), "experts": advice.expert_ids(queryset)},
        )
        return self.get_paginated_response(serializer.data)

    def perform_create(self, serializer):
        data = serializer.validated_data
        page = self._page(data["page"], "page")
        parent = None
        if data.get("parent"):
            parent = XtdComment.objects.filter(pk=data["parent"]).first()
            if parent is None:
                raise exceptions.ValidationError({"parent": [_("There is no such comment.")]})
        try:
            serializer.instance = advice.post_advice(
                page, self.request.user, data["comment"], parent, data.get("followup", False)
            )
        except advice.AdviceRefused as refusal:
            raise exceptions.ValidationError({refusal.field: [refusal.message]}) from refusal

    def perform_update(self, serializer):
        try:
            serializer.instance = advice.edit_advice(
                serializer.instance, self.request.user, serializer.validated_data.get("comment")
            )
        except advice.AdviceRefused as refusal:
            raise exceptions.PermissionDenied(refusal.message) from refusal

    def perform_destroy(self, instance):
        try:
            advice.delete_advice(instance, self.request.user)
        except advice.AdviceRefused as refusal:
            raise exceptions.PermissionDenied(refusal.message) from refusal

    @extend_schema(request=None, responses={201: None})
    @action(detail=True, methods=["post"])
    def flag(self, request, pk=None):
        """Flag a comment for the section's moderators; 409 when already flagged by you."""
        try:
            advice.flag_advice(self.get_object(), request.user)
        except advice.AdviceRefused as refusal:
            raise Conflict({refusal.field: [refusal.message]}) from refusal
        return Response(status=status.HTTP_201_CREATED)
