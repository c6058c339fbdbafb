"""The lab in the Wagtail admin: moderators hide or remove advice in their own sections only."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.models import Page

from django_comments_xtd.models import XtdComment

from lab import graduation, member_data
from lab.experts import ExpertProfileViewSet
from lab.models import LabBriefPage
from lab.services import LabConflict
from portal import walls


def moderates_any(user):
    return walls.sections_of(user, walls.MODERATOR).exists()


def moderated_comments(user):
    """Comments on pages inside the sections this user moderates, and nowhere else."""
    pages = walls.within_sections(Page.objects.all(), user, walls.MODERATOR)
    page_ids = [str(pk) for pk in pages.values_list("pk", flat=True)]
    page_types = ContentType.objects.filter(app_label__in=["lab", "campaigns"])
    return XtdComment.objects.filter(object_pk__in=page_ids, content_type__in=page_types)


def advice_moderation(request):
    comments = moderated_comments(request.user)
    if not moderates_any(request.user):
        raise PermissionDenied
    show = request.GET.get("show", "flagged")
    comments = comments.annotate(flag_count=Count("flags")).select_related("user")
    if show == "flagged":
        comments = comments.filter(flag_count__gt=0)
    comments = comments.order_by("-submit_date")[:200]
    pages = Page.objects.in_bulk([int(c.object_pk) for c in comments])
    rows = [{"comment": c, "page": pages.get(int(c.object_pk))} for c in comments]
    return TemplateResponse(
        request,
        "lab/admin/advice_moderation.html",
        {
            "rows": rows,
            "show": show,
            "page_title": _("Advice to moderate"),
            "header_icon": "comment",
        },
    )


@require_POST
def advice_moderate(request, pk, action):
    comment = get_object_or_404(moderated_comments(request.user), pk=pk)
    if action == "hide":
        comment.is_public = False
    elif action == "remove":
        comment.is_removed = True
    elif action == "restore":
        comment.is_public, comment.is_removed = True, False
    else:
        raise PermissionDenied
    comment.save(update_fields=["is_public", "is_removed"])
    messages.success(request, _("The comment has been updated."))
    return redirect(
        reverse("lab_advice_moderation") + f"?show={request.GET.get('show', 'flagged')}"
    )


@hooks.register("register_admin_urls")
def register_lab_admin_urls():
    return [
        path("lab/advice/", advice_moderation, name="lab_advice_moderation"),
        path(
            "lab/advice/<int:pk>/<str:action>/",
            advice_moderate,
            name="lab_advice_moderate",
        ),
    ]


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return moderates_any(request.user)


@hooks.register("register_admin_menu_item")
def register_advice_menu_item():
    return ModeratorMenuItem(
        gettext_lazy("Advice to moderate"),
        reverse("lab_advice_moderation"),
        icon_name="comment",
        order=350,
    )


def graduate_brief(request, pk):
    """Confirm, then graduate a brief into a draft campaign (operator moderators only)."""
    brief = get_object_or_404(LabBriefPage, pk=pk)
    if not graduation.can_graduate(request.user, brief):
        raise PermissionDenied
    error = None
    if request.method == "POST":
        try:
            campaign = graduation.graduate(brief, request.user)
        except LabConflict as conflict:
            error = conflict.message
        else:
            messages.success(
                request,
                _("“%(title)s” has graduated: here is its draft campaign.")
                % {"title": brief.title},
            )
            return redirect("wagtailadmin_pages:edit", campaign.pk)
    return TemplateResponse(
        request,
        "lab/admin/graduate.html",
        {
            "brief": brief,
            "counters": brief.counters,
            "team": graduation.team_of(brief),
            "error": error,
            "page_title": _("Graduate into a campaign"),
            "header_icon": "rocket",
        },
        status=409 if error else 200,
    )


@hooks.register("register_admin_urls")
def register_graduation_url():
    return [path("lab/briefs/<int:pk>/graduate/", graduate_brief, name="lab_graduate_brief")]


@hooks.register("register_page_header_buttons")
def graduation_button(page, user, view_name, next_url=None):
    if (
        isinstance(page.specific_deferred, LabBriefPage)
        and page.live
        and graduation.can_graduate(user, page)
    ):
        yield Button(
            _("Graduate into a campaign"),
            reverse("lab_graduate_brief", args=[page.pk]),
            icon_name="rocket",
            priority=40,
        )


@hooks.register("register_admin_viewset")
def register_expert_viewset():
    return ExpertProfileViewSet()


hooks.register("register_member_data_export", member_data.export)
hooks.register("register_member_erase", member_data.erase)


@hooks.register("register_member_pages")
def briefs_of_member(user):
    """The briefs that show a member their own part (portal.pagecache.MemberEdition): the ones
    they proposed, volunteer on or applied to (follows: members.wagtail_hooks)."""
    from lab.models import TeamApplication, VolunteerSignup

    return [
        *LabBriefPage.objects.filter(proposed_by=user).values_list("pk", flat=True),
        *VolunteerSignup.objects.filter(member=user).values_list("task__brief_id", flat=True),
        *TeamApplication.objects.filter(member=user).values_list("role__brief_id", flat=True),
    ]
