"""The lab's own pages beside the tree: propose an idea, my ideas, and the page buttons."""

import csv
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail.models import Page

from django_comments_xtd.models import XtdComment

from lab import advice, ideas, services
from lab.models import (
    AdviceQuestion,
    LabBriefPage,
    TeamApplication,
    TeamRole,
    VolunteerSignup,
    VolunteerTask,
)
from members import follows
from members.models import Target


def _back(request, fallback):
    target = request.POST.get("next") or request.META.get("HTTP_REFERER")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return redirect(target)
    return redirect(fallback)


@login_required
def propose(request):
    form = ideas.IdeaForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            if form.is_spam:
                messages.success(request, _("Thank you: your idea is waiting for a moderator."))
                return redirect("lab_my_ideas")
            try:
                ideas.propose_idea(request.user, **form.proposal())
            except ideas.IdeaRefused as refusal:
                form.add_error(None, refusal.message)
                status = refusal.status
            else:
                messages.success(request, _("Thank you: your idea is waiting for a moderator."))
                return redirect("lab_my_ideas")
        else:
            status = 400
    return render(request, "lab/propose.html", {"form": form}, status=status)


@login_required
def my_ideas(request):
    proposals = (
        LabBriefPage.objects.filter(proposed_by=request.user)
        .filter(alias_of__isnull=True)
        .select_related("locale")
        .order_by("-proposed_at")
    )
    rows = []
    for page in proposals:
        state, reason = ideas.proposal_state(page)
        rows.append(
            {
                "page": page,
                "state": state,
                "state_label": ideas.PROPOSAL_STATES[state],
                "reason": reason,
            }
        )
    return render(request, "lab/my_ideas.html", {"proposals": rows})


def _public_need(model, pk):
    need = get_object_or_404(model.objects.select_related("brief"), pk=pk)
    if not need.brief.live:
        raise Http404
    return need


@login_required
@require_POST
def task_signup(request, pk):
    task = _public_need(VolunteerTask, pk)
    try:
        signup = services.sign_up(task, request.user)
    except services.LabConflict as conflict:
        messages.error(request, conflict.message)
    else:
        if signup.status == VolunteerSignup.Status.CONFIRMED:
            messages.success(request, _("You are signed up: see you there!"))
        else:
            messages.info(request, _("All places are taken: you are on the waitlist."))
    return _back(request, task.brief.url)


@login_required
@require_POST
def signup_cancel(request, pk):
    signup = get_object_or_404(VolunteerSignup, pk=pk, member=request.user)
    try:
        services.cancel_signup(signup)
    except services.LabConflict as conflict:
        messages.error(request, conflict.message)
    else:
        messages.success(request, _("Your sign-up is cancelled."))
    return _back(request, signup.task.brief.url)


@login_required
@require_POST
def role_apply(request, pk):
    role = _public_need(TeamRole, pk)
    motivation = " ".join((request.POST.get("motivation") or "").split())
    if not motivation:
        messages.error(request, _("Tell the team why you want to join."))
    elif len(motivation) > 4000:
        messages.error(request, _("Keep your motivation under 4000 characters."))
    else:
        try:
            services.apply_for_role(role, request.user, motivation)
        except services.LabConflict as conflict:
            messages.error(request, conflict.message)
        else:
            messages.success(request, _("Your application has been sent to the team."))
    return _back(request, role.brief.url)


@login_required
@require_POST
def brief_follow(request, pk):
    brief = get_object_or_404(LabBriefPage.objects.live(), pk=pk)
    if follows.is_following(request.user, Target.BRIEF, brief.translation_key):
        follows.unfollow_key(request.user, Target.BRIEF, brief.translation_key)
        messages.success(request, _("You no longer follow this brief."))
    else:
        follows.follow_key(request.user, Target.BRIEF, brief.translation_key)
        messages.success(request, _("You follow this brief: we will tell you its news."))
    return _back(request, brief.url)


@login_required
@require_POST
def application_decide(request, pk, decision):
    application = get_object_or_404(TeamApplication.objects.select_related("role"), pk=pk)
    brief = application.role.brief
    if not services.can_organise(request.user, brief):
        raise Http404
    try:
        services.decide_application(application, request.user, accept=decision == "accept")
    except services.LabConflict as conflict:
        messages.error(request, conflict.message)
    else:
        messages.success(request, _("The applicant has been told."))
    return _back(request, brief.url)


def _organised_task(request, pk):
    """The task (its original), for the brief's owner and its operator's staff only."""
    task = get_object_or_404(VolunteerTask.objects.select_related("brief"), pk=pk).original
    if not services.can_organise(request.user, task.brief):
        raise Http404
    return task


@login_required
def task_volunteers(request, pk):
    """The organiser's list: check volunteers in from the list or by their short code."""
    task = _organised_task(request, pk)
    status = 200
    if request.method == "POST":
        code = (request.POST.get("code") or "").strip().upper()
        signups = VolunteerSignup.objects.filter(task=task)
        signup = (
            signups.filter(check_in_code=code).first()
            if code
            else signups.filter(pk=request.POST.get("signup") or 0).first()
        )
        hours = _hours(request.POST.get("hours"))
        if signup is None:
            messages.error(request, _("No volunteer of this task has that code."))
            status = 400
        elif hours is False:
            messages.error(request, _("Hours are a number between 0 and 24."))
            status = 400
        else:
            try:
                services.check_in(signup, request.user, hours)
            except services.LabConflict as conflict:
                messages.error(request, conflict.message)
                status = 409
            else:
                messages.success(
                    request,
                    _("%(name)s is checked in.") % {"name": signup.member.display_name},
                )
                return redirect("lab_task_volunteers", task.pk)
    signups = (
        VolunteerSignup.objects.filter(task=task)
        .exclude(status=VolunteerSignup.Status.CANCELLED)
        .select_related("member")
        .order_by("status", "created_at")
    )
    return render(
        request,
        "lab/task_volunteers.html",
        {"task": task, "brief": task.brief, "signups": signups},
        status=status,
    )


def _hours(value):
    """Decimal hours, None when not given, False when not a sensible number."""
    if value in (None, ""):
        return None
    try:
        hours = Decimal(value.replace(",", "."))
    except InvalidOperation:
        return False
    return hours if Decimal(0) <= hours <= Decimal(24) else False


@login_required
def task_volunteers_csv(request, pk):
    task = _organised_task(request, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="volunteers-task-{task.pk}.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [_("Name"), _("E-mail"), _("Status"), _("Signed up at"), _("Checked in at"), _("Hours")]
    )
    for signup in (
        VolunteerSignup.objects.filter(task=task)
        .exclude(status=VolunteerSignup.Status.CANCELLED)
        .select_related("member")
        .order_by("created_at")
    ):
        writer.writerow(
            [
                _csv_safe(signup.member.display_name),
                _csv_safe(signup.member.email),
                signup.get_status_display(),
                signup.created_at.isoformat(),
                signup.checked_in_at.isoformat() if signup.checked_in_at else "",
                signup.hours if signup.hours is not None else "",
            ]
        )
    return response


def _csv_safe(value):
    """Defuse spreadsheet formulas (=, +, -, @) that a member could put in their name."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


# Advice threads -------------------------------------------------------------------------


@login_required
@require_POST
def advice_post(request, page_id):
    page = get_object_or_404(Page.objects.live(), pk=page_id).specific
    parent = None
    if request.POST.get("parent"):
        parent = XtdComment.objects.filter(pk=request.POST["parent"]).first()
        if parent is None:
            raise Http404
    try:
        advice.post_advice(
            page,
            request.user,
            request.POST.get("comment"),
            parent=parent,
            followup=bool(request.POST.get("followup")),
        )
    except advice.AdviceRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Thank you for your advice."))
    return _back(request, page.url)


def _own_comment(request, pk):
    comment = get_object_or_404(XtdComment, pk=pk, is_removed=False, is_public=True)
    return comment, advice.page_of(comment)


@login_required
@require_POST
def advice_edit(request, pk):
    comment, page = _own_comment(request, pk)
    try:
        advice.edit_advice(comment, request.user, request.POST.get("comment"))
    except advice.AdviceRefused as refusal:
        messages.error(request, refusal.message)
    return _back(request, page.url if page else "/")


@login_required
@require_POST
def advice_delete(request, pk):
    comment, page = _own_comment(request, pk)
    try:
        advice.delete_advice(comment, request.user)
    except advice.AdviceRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Your comment has been deleted."))
    return _back(request, page.url if page else "/")


@login_required
@require_POST
def advice_flag(request, pk):
    comment, page = _own_comment(request, pk)
    try:
        advice.flag_advice(comment, request.user)
    except advice.AdviceRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Thank you: a moderator will look at this comment."))
    return _back(request, page.url if page else "/")


@login_required
@require_POST
def advice_answers(request, pk):
    comment, page = _own_comment(request, pk)
    question = get_object_or_404(AdviceQuestion, pk=request.POST.get("question") or 0)
    try:
        advice.mark_answer(question, comment, request.user)
    except advice.AdviceRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("The question is marked as answered."))
    return _back(request, page.url if page else "/")
