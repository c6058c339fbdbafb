"""The projects part of /api/v1/: propose a campaign, read and edit one's own.

POST /api/v1/projects/ takes JSON, or multipart when it carries `cover_image` (then
`reward_tiers` and `budget_lines` are JSON strings). Amounts are in euros (`"12.50"` or 12.5);
errors of a tier or a budget line are keyed `reward_tiers.<index>.<field>`.
"""

import json

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import exceptions, generics, serializers
from rest_framework.response import Response

from campaigns.models import CampaignPage, FundingModel
from portal.authentication import IsVerifiedMember
from portal.euros import format_euros, parse_euros
from portal.models import Category, OperatorPage, Territory
from projects import forms, services
from projects.models import Project
from projects.video import validate_video_url

LISTS = ("reward_tiers", "budget_lines")
BIGGEST_ID = 2**63 - 1


@extend_schema_field(
    {"oneOf": [{"type": "number"}, {"type": "string"}], "description": 'euros, e.g. 25 or "12.50"'}
)
class EurosField(serializers.Field):
    """An amount in euros, as a number or a string; cents inside."""

    default_error_messages = {
        "invalid": gettext_lazy("Enter an amount in euros, such as 25 or 12.50."),
        "min_value": gettext_lazy("The amount must be at least %(limit)s EUR."),
        "max_value": gettext_lazy("The amount must be at most %(limit)s EUR."),
    }

    def __init__(self, *, min_cents=0, max_cents=forms.GOAL_MAX_CENTS, **kwargs):
        self.min_cents, self.max_cents = min_cents, max_cents
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, str | int | float):
            self.fail("invalid")
        cents = parse_euros(repr(data) if isinstance(data, float) else data)
        if cents is None:
            self.fail("invalid")
        if cents < self.min_cents:
            raise serializers.ValidationError(
                self.error_messages["min_value"] % {"limit": format_euros(self.min_cents)}
            )
        if cents > self.max_cents:
            raise serializers.ValidationError(
                self.error_messages["max_value"] % {"limit": format_euros(self.max_cents)}
            )
        return cents

    def to_representation(self, value):
        return format_euros(value) if value is not None else None


class CoverImageField(serializers.FileField):
    def to_internal_value(self, data):
        image_file = super().to_internal_value(data)
        try:
            return forms.check_cover(image_file)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from error


class SmallPrimaryKeyField(serializers.PrimaryKeyRelatedField):
    """An id beyond 64 bits is no row of ours: refused, not handed to the database."""

    def to_internal_value(self, data):
        if isinstance(data, int | str) and str(data).isdigit() and int(data) > BIGGEST_ID:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(data)


class TierSerializer(serializers.Serializer):
    id = serializers.IntegerField(required=False, min_value=1, max_value=BIGGEST_ID)
    title = serializers.CharField(max_length=120)
    description = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    minimum_eur = EurosField(min_cents=100, source="minimum_amount")
    limit = serializers.IntegerField(
        min_value=1, max_value=100_000, required=False, allow_null=True
    )
    estimated_delivery = serializers.DateField(required=False, allow_null=True)


class BudgetLineSerializer(serializers.Serializer):
    label = serializers.CharField(max_length=200)
    amount_eur = EurosField(source="amount")


def _validated_rows(serializer_class, rows, name, limit):
    if not isinstance(rows, list):
        raise exceptions.ValidationError({name: [_("Send a list.")]})
    if len(rows) > limit:
        raise exceptions.ValidationError({name: [_("At most %(count)s rows.") % {"count": limit}]})
    cleaned, errors = [], {}
    for index, row in enumerate(rows):
        serializer = serializer_class(data=row if isinstance(row, dict) else {})
        if serializer.is_valid():
            cleaned.append(dict(serializer.validated_data))
        else:
            for field, messages in serializer.errors.items():
                errors[f"{name}.{index}.{field}"] = [str(message) for message in messages]
    if errors:
        raise exceptions.ValidationError(errors)
    return cleaned


class ProjectSerializer(serializers.Serializer):
    """A member's campaign; `state` is draft, in_moderation, rejected or published, `comment` the
    moderator's, `changes_waiting` true while an edit of a live campaign awaits moderation."""

    id = serializers.IntegerField(read_only=True)
    operator = SmallPrimaryKeyField(
        queryset=OperatorPage.objects.all(),
        error_messages={
            "does_not_exist": gettext_lazy("There is no operator with the id {pk_value}."),
            "incorrect_type": gettext_lazy("An operator id is a number."),
        },
    )
    title = serializers.CharField(max_length=120)
    summary = serializers.CharField(max_length=1000)
    story = serializers.CharField(max_length=20000, required=False, allow_blank=True)
    category = SmallPrimaryKeyField(
        queryset=Category.objects.all(), required=False, allow_null=True
    )
    territory = SmallPrimaryKeyField(
        queryset=Territory.objects.all(), required=False, allow_null=True
    )
    cover_image = CoverImageField(required=False, write_only=True)
    cover_alt = serializers.CharField(max_length=250, required=False, allow_blank=True)
    video_url = serializers.CharField(max_length=500, required=False, allow_blank=True)
    goal_eur = EurosField(
        min_cents=forms.GOAL_MIN_CENTS, max_cents=forms.GOAL_MAX_CENTS, source="goal"
    )
    funding_model = serializers.ChoiceField(choices=FundingModel.choices)
    duration_days = serializers.IntegerField(
        min_value=services.MIN_DURATION_DAYS, max_value=services.MAX_DURATION_DAYS
    )
    reward_tiers = serializers.JSONField(required=False)
    budget_lines = serializers.JSONField(required=False)
    starts_at = serializers.DateTimeField(read_only=True, allow_null=True)
    deadline = serializers.DateTimeField(read_only=True, allow_null=True)
    state = serializers.CharField(read_only=True)
    comment = serializers.CharField(read_only=True)
    changes_waiting = serializers.BooleanField(read_only=True)
    url = serializers.CharField(read_only=True, allow_null=True)

    def to_internal_value(self, data):
        if hasattr(data, "getlist"):  # multipart: lists arrive as JSON strings
            data = {key: data.get(key) for key in data}
            for name in LISTS:
                if isinstance(data.get(name), str):
                    try:
                        data[name] = json.loads(data[name])
                    except ValueError:
                        raise exceptions.ValidationError({name: [_("Send a JSON list.")]}) from None
        return super().to_internal_value(data)

    def validate_title(self, value):
        value = services.plain_text(value)
        if len(value) < 3:
            raise serializers.ValidationError(
                _("Give your campaign a title of at least three characters.")
            )
        return value

    def validate_summary(self, value):
        value = services.plain_text(value)
        if not value:
            raise serializers.ValidationError(_("Tell in a sentence or two what your project is."))
        return value

    def validate_video_url(self, value):
        if value:
            try:
                validate_video_url(value)
            except DjangoValidationError as error:
                raise serializers.ValidationError(error.messages) from error
        return value

    def validate_category(self, value):
        return forms.in_default_locale(value)

    def validate_territory(self, value):
        return forms.in_default_locale(value)

    def validate(self, attrs):
        # Here rather than per field, so that a row's errors keep their flat keys.
        if "reward_tiers" in attrs:
            attrs["reward_tiers"] = _validated_rows(
                TierSerializer, attrs["reward_tiers"], "reward_tiers", forms.MAX_TIERS
            )
        if "budget_lines" in attrs:
            attrs["budget_lines"] = _validated_rows(
                BudgetLineSerializer, attrs["budget_lines"], "budget_lines", forms.MAX_BUDGET_LINES
            )
        if attrs.get("cover_image") and not attrs.get("cover_alt", "").strip():
            raise exceptions.ValidationError(
                {"cover_alt": [_("Describe the image for people who cannot see it.")]}
            )
        return attrs

    def to_representation(self, campaign):
        project = Project.objects.filter(campaign=campaign).first()
        state, comment, waiting = services.state_of(campaign)
        tiers = campaign.reward_tiers.all()
        return {
            "id": campaign.pk,
            "operator": campaign.get_parent().pk,
            "title": campaign.title,
            "summary": campaign.summary,
            "story": services.story_text(campaign),
            "category": campaign.category_id,
            "territory": campaign.territory_id,
            "cover_image": campaign.hero_image_id,
            "video_url": project.video_url if project else "",
            "goal_eur": format_euros(campaign.goal),
            "funding_model": campaign.funding_model,
            "duration_days": (
                project.duration_days
                if project
                else max(1, (campaign.deadline - campaign.starts_at).days)
            ),
            "starts_at": campaign.starts_at if campaign.live else None,
            "deadline": campaign.deadline if campaign.live else None,
            "reward_tiers": [
                {
                    "id": tier.pk,
                    "title": tier.title,
                    "description": tier.description,
                    "minimum_eur": format_euros(tier.minimum_amount),
                    "limit": tier.limit,
                    "estimated_delivery": tier.estimated_delivery,
                }
                for tier in tiers
            ],
            "budget_lines": [
                {"label": line["label"], "amount_eur": format_euros(line["amount"])}
                for line in (project.budget_lines if project else [])
            ],
            "state": state,
            "comment": comment,
            "changes_waiting": waiting,
            "url": campaign.url if campaign.live else None,
        }


API_NAMES = {"goal": "goal_eur"}


def _refused(refusal):
    errors = {API_NAMES.get(field, field): messages for field, messages in refusal.errors.items()}
    error = exceptions.ValidationError(errors)
    error.status_code = refusal.status
    return error


class ProjectCreateView(generics.CreateAPIView):
    """Propose a campaign to an operator that takes proposals (3 a day at most, 429 after).

    201 with the draft's id and `state` (in_moderation); 400 with field errors; 401 anonymous;
    403 before the member's e-mail address is confirmed.
    """

    serializer_class = ProjectSerializer
    permission_classes = [IsVerifiedMember]

    def perform_create(self, serializer):
        try:
            serializer.instance = services.propose(
                self.request.user, serializer.validated_data, translation.get_language()
            )
        except services.ProjectRefused as refusal:
            raise _refused(refusal) from refusal


class MyProjectView(generics.GenericAPIView):
    """One of the member's campaigns. PATCH sends only what changes; once the campaign is live,
    goal, duration, funding model and the existing tiers' prices and places are locked (400);
    an ended campaign is 409. Every change waits for a moderator before it shows."""

    serializer_class = ProjectSerializer
    permission_classes = [IsVerifiedMember]

    def get_object(self):
        campaign = services.campaign_for(self.request.user, self.kwargs["pk"], as_holder=True)
        if campaign is None:
            raise exceptions.NotFound(_("Not found."))
        return campaign

    @extend_schema(responses=ProjectSerializer)
    def get(self, request, pk):
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(request=ProjectSerializer, responses=ProjectSerializer)
    def patch(self, request, pk):
        campaign = self.get_object()
        serializer = self.get_serializer(campaign, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.pop("operator", None)
        try:
            campaign = services.edit(request.user, campaign, data)
        except services.ProjectRefused as refusal:
            raise _refused(refusal) from refusal
        return Response(self.get_serializer(CampaignPage.objects.get(pk=campaign.pk)).data)
