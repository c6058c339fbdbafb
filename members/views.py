"""My Maillon (/<lang>/me/): the member's own area, and members' public profiles."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail import hooks
from wagtail.models import Page

from django_comments_xtd.models import XtdComment
from rest_framework.exceptions import ValidationError

from campaigns import pledging
from campaigns.api import PledgeChangeSerializer
from campaigns.models import CampaignPage, Pledge
from campaigns.models.pledges import CHANGEABLE_STATUSES
from lab.models import LabBriefPage, TeamApplication, VolunteerSignup
from members import feed, follows, notifications
from members.forms import NotificationSettingsForm, PledgeChangeForm, PublicProfileForm
from members.models import Follow, PublicProfile, Target


def my_maillon_links(request):
    """What other apps add to My Maillon through the `register_my_maillon_link` hook."""
    links = []
    for link_for in hooks.get_hooks("register_my_maillon_link"):
        link = link_for(request)
        if link:
            links.append(link)
    return sorted(links, key=lambda link: (link.get("order", 100), str(link["label"])))


def _in_language(pages):
    """One copy per translation_key: the current language's, else the first found."""
    language = translation.get_language()
    chosen = {}
    for page in pages:
        key = page.translation_key
        if key not in chosen or page.locale.language_code == language:
            chosen[key] = page
    return list(chosen.values())


def my_pledges(member):
    pledges = list(
        Pledge.objects.filter(backer=member)
        .select_related("reward_tier", "campaign")
        .order_by("-created_at")
    )
    pages = feed.pages_in(translation.get_language(), {p.campaign_key for p in pledges})
    for pledge in pledges:
        pledge.campaign_page = pages.get(pledge.campaign_key)
        pledge.changeable = pledge.status in CHANGEABLE_STATUSES and pledge.campaign_page
    return pledges


def my_projects(member):
    return _in_language(
        CampaignPage.objects.filter(project_holder=member)
        .select_related("locale")
        .order_by("-first_published_at", "title")
    )


def followed(member):
    """What the member follows, each with a title and a link in the current language."""
    rows = list(Follow.objects.filter(member=member).order_by("target", "-created_at"))
    page_keys = {row.key for row in rows if row.target != Target.MEMBER}
    pages = feed.pages_in(translation.get_language(), {feed.as_uuid(k) for k in page_keys} - {None})
    profiles = PublicProfile.objects.filter(
        member_id__in=[int(row.key) for row in rows if row.target == Target.MEMBER],
        is_public=True,
    ).select_related("member")
    profiles = {str(profile.member_id): profile for profile in profiles}
    items = []
    for row in rows:
        if row.target == Target.MEMBER:
            profile = profiles.get(row.key)
            title = profile.name if profile else _("A member")
            url = profile_url(profile) if profile else ""
            object_id = row.key
        else:
            page = pages.get(feed.as_uuid(row.key))
            title = page.title if page else _("a page no longer online")
            url = page.get_url() if page else ""
            object_id = page.pk if page else None
        items.append(
            {"follow": row, "title": title, "url": url, "target": row.target, "id": object_id}
        )
    return items


@login_required
def home(request):
    member = request.user
    context = {
        "pledges": my_pledges(member),
        "projects": my_projects(member),
        "signups": VolunteerSignup.objects.filter(member=member)
        .exclude(status=VolunteerSignup.Status.CANCELLED)
        .select_related("task", "task__brief")
        .order_by("-pk"),
        "applications": TeamApplication.objects.filter(member=member)
        .select_related("role", "role__brief")
        .order_by("-pk"),
        "ideas_count": LabBriefPage.objects.filter(
            proposed_by=member, alias_of__isnull=True
        ).count(),
        "follows": followed(member),
        "links": my_maillon_links(request),
        "profile": PublicProfile.objects.filter(member=member).first(),
    }
    return render(request, "members/home.html", context)


def _own_pledge(request, pk):
    return get_object_or_404(
        Pledge.objects.select_related("reward_tier"), pk=pk, backer=request.user
    )


def _tiers_of(pledge, language):
    campaign = (
        CampaignPage.objects.filter(
            translation_key=pledge.campaign_key, locale__language_code=language
        ).first()
        or pledge.campaign
    )
    return campaign, list(campaign.reward_tiers.all())


@login_required
def pledge_change(request, pk):
    """Change a pledge's amount or reward, under the same rules as PATCH /api/v1/pledges/<id>/."""
    pledge = _own_pledge(request, pk)
    if pledge.status not in CHANGEABLE_STATUSES:
        raise Http404
    campaign, tiers = _tiers_of(pledge, translation.get_language())
    current_tier = next((t.pk for t in tiers if t.translation_key == pledge.tier_key), None)
    form = PledgeChangeForm(
        request.POST or None,
        tiers=tiers,
        initial={"amount_eur": pledge.net_amount / 100, "reward_tier": current_tier},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            serializer = PledgeChangeSerializer(
                data=form.changes(), context={"request": request, "pledge": pledge}
            )
            try:
                serializer.is_valid(raise_exception=True)
                pledging.change_pledge(pledge, by=request.user, **serializer.validated_data)
            except ValidationError as error:
                for field, errors in error.detail.items():
                    name = {"amount": "amount_eur"}.get(field, field)
                    for message in errors:
                        form.add_error(name if name in form.fields else None, str(message))
            except pledging.PledgeRefused as refusal:
                form.add_error(None, refusal.message)
                status = refusal.status
            else:
                messages.success(request, _("Your pledge has been changed."))
                return redirect("members_home")
        if status == 200:
            status = 400
    context = {"form": form, "pledge": pledge, "campaign": campaign}
    return render(request, "members/pledge_change.html", context, status=status)


@login_required
@require_POST
def pledge_cancel(request, pk):
    pledge = _own_pledge(request, pk)
    try:
        pledging.cancel_pledge(pledge, by=request.user)
    except pledging.PledgeRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Your pledge is cancelled."))
    return redirect("members_home")


@login_required
def feed_view(request):
    page = feed.feed_page(request.user, request.GET.get("page"), translation.get_language())
    return render(request, "members/feed.html", {"feed": page})


@login_required
def notification_settings(request):
    current = notifications.settings_of(request.user)
    form = NotificationSettingsForm(request.POST or None, initial_settings=current)
    if request.method == "POST" and form.is_valid():
        notifications.save_settings(request.user, form.cleaned_data)
        messages.success(request, _("Your notification settings have been saved."))
        return redirect("members_notifications")
    status = 400 if form.errors else 200
    return render(request, "members/notifications.html", {"form": form}, status=status)


@login_required
def profile_edit(request):
    profile, _created = PublicProfile.objects.get_or_create(member=request.user)
    form = PublicProfileForm(request.POST or None, request.FILES or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your public profile has been saved."))
        return redirect("members_profile_edit")
    status = 400 if form.errors else 200
    return render(
        request, "members/profile_edit.html", {"form": form, "profile": profile}, status=status
    )


def profile_url(profile):
    from django.urls import reverse

    return reverse("members_profile", args=[profile.slug or profile.member_id])


def _public_profile(id_or_slug):
    profiles = PublicProfile.objects.filter(is_public=True, member__is_active=True)
    if id_or_slug.isdigit():
        found = profiles.filter(Q(member_id=int(id_or_slug)) | Q(slug=id_or_slug))
    else:
        found = profiles.filter(slug=id_or_slug)
    profile = found.select_related("member", "territory").first()
    if profile is None:
        raise Http404
    return profile


def _contributed_briefs(member):
    briefs = (
        LabBriefPage.objects.live()
        .public()
        .filter(
            Q(proposed_by=member)
            | Q(roles__applications__member=member, roles__applications__status="accepted")
            | Q(tasks__signups__member=member, tasks__signups__status="confirmed")
        )
    )
    keys = set(briefs.values_list("translation_key", flat=True))
    return list(feed.pages_in(translation.get_language(), keys).values())


def _advice_given(member):
    """The member's latest public advice, each with its page in the current language."""
    comments = list(
        XtdComment.objects.filter(user=member, is_public=True, is_removed=False).order_by(
            "-submit_date"
        )[:10]
    )
    keys = dict(
        Page.objects.filter(pk__in=[int(c.object_pk) for c in comments]).values_list(
            "pk", "translation_key"
        )
    )
    pages = feed.pages_in(translation.get_language(), set(keys.values()))
    advice = []
    for comment in comments:
        page = pages.get(keys.get(int(comment.object_pk)))
        if page is not None:
            advice.append({"comment": comment, "page": page})
    return advice


def profile(request, id_or_slug):
    profile = _public_profile(id_or_slug)
    member = profile.member
    language = translation.get_language()
    projects = CampaignPage.objects.live().public().filter(project_holder=member)
    projects = feed.pages_in(language, set(projects.values_list("translation_key", flat=True)))
    backed = []
    if profile.show_pledges:
        keys = set(
            Pledge.objects.counted().filter(backer=member).values_list("campaign_key", flat=True)
        )
        backed = list(feed.pages_in(language, keys).values())
    context = {
        "profile": profile,
        "member": member,
        "territory": profile.territory.localized if profile.territory_id else None,
        "projects": list(projects.values()),
        "briefs": _contributed_briefs(member),
        "advice": _advice_given(member),
        "backed": backed,
        "follow_target": Target.MEMBER,
        "follow_id": member.pk,
        "following": follows.is_following(request.user, Target.MEMBER, member.pk),
    }
    return render(request, "members/profile.html", context)


def _back(request, fallback="members_home"):
    target = request.POST.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return redirect(target)
    return redirect(fallback)


@login_required
@require_POST
def follow_toggle(request, target, pk):
    """The follow button of campaign, brief, operator and profile pages."""
    try:
        if request.POST.get("action") == "unfollow":
            follows.unfollow(request.user, target, pk)
            messages.success(request, _("You no longer follow this."))
        else:
            follows.follow(request.user, target, pk)
            messages.success(request, _("You follow this: its news will be in your feed."))
    except follows.FollowRefused as refusal:
        if refusal.status == 404:
            raise Http404 from refusal
        messages.error(request, refusal.message)
    return _back(request)
