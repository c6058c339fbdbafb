"""The holder's pages: propose a campaign, my projects, edit one, and its dashboard.

A campaign someone may not manage is a 404, the same as one that does not exist.
"""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from allauth.account.utils import has_verified_email

from campaigns import updates
from campaigns.forms import UpdateForm
from campaigns.models import PostedUpdate
from portal.euros import format_euros
from projects import dashboard, forms, services

STATES = {
    "in_moderation": gettext_lazy("Waiting for a moderator"),
    "rejected": gettext_lazy("Changes requested"),
    "published": gettext_lazy("Published"),
    "draft": gettext_lazy("Draft"),
}


def _formsets(request, tiers_initial=None, budget_initial=None):
    data = request.POST if request.method == "POST" else None
    return (
        forms.TierFormSet(data, prefix="tiers", initial=tiers_initial),
        forms.BudgetFormSet(data, prefix="budget", initial=budget_initial),
    )


def _all_valid(*parts):
    valid = [part.is_valid() for part in parts]  # every part, for every error at once
    return all(valid)


def _refusal_into(form, refusal):
    for field, messages_ in refusal.errors.items():
        target = field if field in form.fields else None
        for message in messages_:
            form.add_error(target, message)


@login_required
def propose(request):
    if not has_verified_email(request.user):
        return render(request, "projects/verify_first.html", status=403)
    form = forms.ProposalForm(request.POST or None, request.FILES or None)
    tiers, budget = _formsets(request)
    status = 200
    if request.method == "POST":
        if _all_valid(form, tiers, budget):
            data = {
                **form.cleaned_data,
                "reward_tiers": forms.filled(tiers),
                "budget_lines": forms.filled(budget),
            }
            try:
                campaign = services.propose(request.user, data, get_language())
            except services.ProjectRefused as refusal:
                _refusal_into(form, refusal)
                status = refusal.status
            else:
                messages.success(
                    request, _("Thank you: your campaign is waiting for the operator's moderators.")
                )
                return redirect("projects_edit", pk=campaign.pk)
        else:
            status = 400
    context = {"form": form, "tiers": tiers, "budget": budget}
    return render(request, "projects/propose.html", context, status=status)


@login_required
def my_projects(request):
    rows = []
    for campaign in services.held_by(request.user):
        state, comment, waiting = services.state_of(campaign)
        rows.append(
            {
                "campaign": campaign,
                "state": state,
                "state_label": STATES[state],
                "comment": comment,
                "waiting": waiting,
            }
        )
    return render(request, "projects/my_projects.html", {"rows": rows})


def _held(request, pk, as_holder=True):
    campaign = services.campaign_for(request.user, pk, as_holder=as_holder)
    if campaign is None:
        raise Http404
    return campaign


@login_required
def edit(request, pk):
    campaign = _held(request, pk)
    project = services.project_of(campaign)
    draft = campaign.get_latest_revision_as_object()
    state, comment, waiting = services.state_of(campaign)
    live = campaign.live
    initial = {
        "title": draft.title,
        "summary": draft.summary,
        "story": services.story_text(draft),
        "category": draft.category,
        "territory": draft.territory,
        "cover_alt": draft.hero_image.description if draft.hero_image else "",
        "video_url": project.video_url,
        "goal": draft.goal,
        "funding_model": draft.funding_model,
        "duration_days": project.duration_days,
    }
    form_class = forms.ProjectForm if live else forms.DraftForm
    form = form_class(request.POST or None, request.FILES or None, initial=initial)
    tiers_initial = [
        {
            "id": tier.pk,
            "title": tier.title,
            "description": tier.description,
            "minimum_amount": tier.minimum_amount,
            "limit": tier.limit,
            "estimated_delivery": tier.estimated_delivery,
        }
        for tier in draft.reward_tiers.all()
    ]
    budget_initial = [
        {"label": line["label"], "amount": line["amount"]} for line in project.budget_lines
    ]
    tiers, budget = _formsets(request, tiers_initial, budget_initial)
    status = 200
    if request.method == "POST":
        if _all_valid(form, tiers, budget):
            data = {
                **form.cleaned_data,
                "reward_tiers": forms.filled(tiers),
                "budget_lines": forms.filled(budget),
            }
            if not data["cover_image"]:
                data.pop("cover_image")
            try:
                services.edit(request.user, campaign, data)
            except services.ProjectRefused as refusal:
                _refusal_into(form, refusal)
                status = refusal.status
            else:
                messages.success(request, _("Your changes are waiting for a moderator."))
                return redirect("projects_edit", pk=campaign.pk)
        else:
            status = 400
    context = {
        "campaign": campaign,
        "form": form,
        "tiers": tiers,
        "budget": budget,
        "live": live,
        "locked_tier_ids": {tier.pk for tier in campaign.reward_tiers.all()} if live else set(),
        "state": state,
        "state_label": STATES[state],
        "comment": comment,
        "waiting": waiting,
        "project": project,
        "goal_eur": format_euros(campaign.goal),
    }
    return render(request, "projects/edit.html", context, status=status)


@login_required
def dashboard_view(request, pk):
    campaign = _held(request, pk, as_holder=False)
    bars, highest = dashboard.pledges_per_day(campaign)
    comments, questions = dashboard.questions_awaiting(campaign, campaign.project_holder_id)
    brief, signups, applications = dashboard.brief_helpers(campaign)
    context = {
        "campaign": campaign,
        "days_left": dashboard.days_left(campaign),
        "bars": bars,
        "highest": highest,
        "backers": dashboard.backers(campaign),
        "updates": updates.updates_of(campaign),
        "update_form": UpdateForm(),
        "comments": comments,
        "questions": questions,
        "brief": brief,
        "signups": signups,
        "applications": applications,
        "is_holder": campaign.project_holder_id == request.user.pk,
    }
    return render(request, "projects/dashboard.html", context)


@login_required
def backers_csv(request, pk):
    campaign = _held(request, pk, as_holder=False)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="backers-{campaign.pk}.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [_("Name"), _("Amount (EUR)"), _("Reward"), _("E-mail"), _("Backed on"), _("Delivered on")]
    )
    for row in dashboard.backers(campaign):
        writer.writerow(
            [
                _csv_safe(row.name),
                format_euros(row.amount) if row.amount is not None else "",
                _csv_safe(row.tier.title) if row.tier else "",
                _csv_safe(row.email),
                row.pledge.counted_at.date().isoformat() if row.pledge.counted_at else "",
                row.delivered_at.date().isoformat() if row.delivered_at else "",
            ]
        )
    return response


def _csv_safe(value):
    """Defuse spreadsheet formulas (=, +, -, @) that a backer could put in their name."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


@login_required
@require_POST
def mark_delivered(request, pk, pledge_id):
    campaign = _held(request, pk, as_holder=False)
    if dashboard.mark_delivered(campaign, pledge_id, request.user) is None:
        raise Http404
    messages.success(request, _("The reward is marked as delivered."))
    return redirect("projects_dashboard", pk=campaign.pk)


@login_required
@require_POST
def post_update(request, pk):
    campaign = _held(request, pk, as_holder=False)
    if not campaign.live:
        raise Http404
    form = UpdateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give your update a title and a text."))
        return redirect("projects_dashboard", pk=campaign.pk)
    updates.post_update(
        campaign,
        author=request.user,
        language=get_language(),
        title=form.cleaned_data["title"],
        body=form.cleaned_data["body"],
    )
    messages.success(request, _("Your update is published and is being e-mailed to backers."))
    return redirect("projects_dashboard", pk=campaign.pk)


@login_required
def edit_update(request, pk, update_id):
    campaign = _held(request, pk, as_holder=False)
    update = get_object_or_404(PostedUpdate, pk=update_id, campaign_key=campaign.translation_key)
    form = UpdateForm(request.POST or None, initial={"title": update.title, "body": update.body})
    if request.method == "POST" and form.is_valid():
        update.title = form.cleaned_data["title"]
        update.body = form.cleaned_data["body"]
        update.save(update_fields=["title", "body"])
        messages.success(request, _("The update is changed; backers are not e-mailed again."))
        return redirect("projects_dashboard", pk=campaign.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "projects/edit_update.html",
        {"campaign": campaign, "form": form, "update": update},
        status=status,
    )
