"""Ideas from the crowd: a member's proposal becomes a draft brief in the Community section and
enters that section's moderation workflow; nobody sees it before a moderator approves it.
"""

import datetime
import re

from django import forms
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter
from wagtail.coreutils import find_available_slug
from wagtail.models import Locale
from wagtail.rich_text import RichText
from wagtail.users.models import UserProfile

from lab.models import LabBriefPage
from members.follows import follow_key
from members.models import Target
from portal.forms import honeypot_field
from portal.models import Category, OperatorPage, Territory

IDEAS_PER_DAY = 5
RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]
BLOCK_TAG = re.compile(r"^\s*<(p|ol|ul|h\d)\b", re.IGNORECASE)


class IdeaRefused(Exception):
    def __init__(self, message, field="non_field_errors", status=400):
        super().__init__(message)
        self.message = message
        self.field = field
        self.status = status


def plain_text(value):
    """Tags stripped, whitespace tidied: what a title or a summary may hold."""
    lines = [" ".join(strip_tags(line).split()) for line in (value or "").splitlines()]
    return "\n".join(lines).strip()


def safe_rich_text(value):
    """Paragraphs of whitelisted rich text: no script, no event handler, no javascript: link."""
    whitelister = EditorHTMLConverter(features=RICH_TEXT_FEATURES).whitelister
    paragraphs = []
    for chunk in re.split(r"\n\s*\n", (value or "").strip()):
        cleaned = whitelister.clean(chunk.strip())
        if not strip_tags(cleaned).strip():
            continue
        if not BLOCK_TAG.match(cleaned):
            cleaned = "<p>" + cleaned.replace("\n", "<br/>") + "</p>"
        paragraphs.append(cleaned)
    return "".join(paragraphs)


def community_section():
    """The French copy of the Community section: the source tree every proposal is added to."""
    return (
        OperatorPage.objects.filter(
            kind=OperatorPage.Kind.COMMUNITY,
            locale=Locale.objects.get(language_code=settings.LANGUAGE_CODE),
        )
        .order_by("path")
        .first()
    )


def ideas_today(member):
    since = timezone.now() - datetime.timedelta(days=1)
    proposals = LabBriefPage.objects.filter(proposed_by=member, proposed_at__gte=since)
    # Every translation of a proposal carries the same proposer: count the proposals once.
    return proposals.values("translation_key").distinct().count()


@transaction.atomic
def propose_idea(
    member, *, title, kind, summary, challenge="", category=None, territory=None, budget_eur=None
):
    """Create the draft brief, submit it to the section's moderators, make the member follow it."""
    section = community_section()
    if section is None:
        raise IdeaRefused(_("Ideas cannot be proposed yet: the Community section is missing."))
    if ideas_today(member) >= IDEAS_PER_DAY:
        raise IdeaRefused(
            _("You have proposed %(count)s ideas today: please come back tomorrow.")
            % {"count": IDEAS_PER_DAY},
            status=429,
        )
    title = plain_text(title)
    page = LabBriefPage(
        title=title,
        slug=find_available_slug(section, slugify(title)[:60] or "idee"),
        kind=kind,
        summary=plain_text(summary),
        challenge=[("paragraph", RichText(safe_rich_text(challenge)))] if challenge else [],
        category=category,
        territory=territory,
        budget=budget_eur * 100 if budget_eur else None,
        status=LabBriefPage.Status.OPEN,
        proposed_by=member,
        proposed_at=timezone.now(),
        owner=member,
        live=False,
    )
    section.add_child(instance=page)
    revision = page.save_revision(user=member)
    workflow = page.get_workflow()
    if workflow is None:
        raise IdeaRefused(
            _("Ideas cannot be proposed yet: the Community section has no moderators.")
        )
    _leave_notifications_to_the_lab(member)
    workflow.start(page, member)
    follow_key(member, Target.BRIEF, page.translation_key)
    from wagtail_localize.synctree import create_aliases_for_new_page

    create_aliases_for_new_page(page)
    page.latest_revision = revision
    return page


def _leave_notifications_to_the_lab(member):
    """Members without admin access hear from the lab in their language, not from Wagtail's
    admin notifications (which link into an admin they cannot open)."""
    if member.has_perm("wagtailadmin.access_admin"):
        return
    profile = UserProfile.get_for_user(member)
    if profile.approved_notifications or profile.rejected_notifications:
        profile.approved_notifications = profile.rejected_notifications = False
        profile.save(update_fields=["approved_notifications", "rejected_notifications"])


def proposal_state(page):
    """(state, moderator's reason) of a member's proposal: in_moderation, rejected or published."""
    if page.live:
        return "published", ""
    state = (
        page.workflow_states.order_by("-created_at").select_related("current_task_state").first()
    )
    if state is not None and state.status == state.STATUS_NEEDS_CHANGES:
        return "rejected", state.current_task_state.comment if state.current_task_state else ""
    if state is not None and state.status == state.STATUS_IN_PROGRESS:
        return "in_moderation", ""
    return "draft", ""


PROPOSAL_STATES = {
    "in_moderation": gettext_lazy("Waiting for a moderator"),
    "rejected": gettext_lazy("Not accepted"),
    "published": gettext_lazy("Published"),
    "draft": gettext_lazy("Draft"),
}


def _localized_choices(model):
    return model.objects.filter(locale=Locale.get_active()).order_by("name")


class IdeaForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Your idea in a few words"), max_length=120)
    kind = forms.ChoiceField(label=gettext_lazy("It is"), choices=LabBriefPage.Kind.choices)
    summary = forms.CharField(
        label=gettext_lazy("Summary"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Two or three sentences: what, for whom, where."),
    )
    challenge = forms.CharField(
        label=gettext_lazy("The challenge"),
        max_length=10000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy("What is at stake, what exists already, what is missing."),
    )
    category = forms.ModelChoiceField(
        label=gettext_lazy("Category"), queryset=Category.objects.none(), required=False
    )
    territory = forms.ModelChoiceField(
        label=gettext_lazy("Territory"), queryset=Territory.objects.none(), required=False
    )
    budget_eur = forms.IntegerField(
        label=gettext_lazy("Estimated budget (EUR)"),
        min_value=1,
        max_value=10_000_000,
        required=False,
    )
    # Invisible to people, irresistible to bots; a filled one means the proposal is dropped.
    website = honeypot_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = _localized_choices(Category)
        self.fields["territory"].queryset = _localized_choices(Territory)

    @property
    def is_spam(self):
        return bool(self.cleaned_data.get("website"))

    def clean_title(self):
        title = plain_text(self.cleaned_data["title"])
        if len(title) < 3:
            raise forms.ValidationError(_("Give your idea a title of at least three characters."))
        return title

    def clean_summary(self):
        summary = plain_text(self.cleaned_data["summary"])
        if not summary:
            raise forms.ValidationError(_("Tell us in a few sentences what your idea is."))
        return summary

    def proposal(self):
        data = dict(self.cleaned_data)
        data.pop("website")
        return data
