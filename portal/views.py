from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from portal import gdpr
from portal.forms import DeleteAccountForm, ProfileForm


def page_not_found(request, exception=None):
    """API clients get JSON in their API's error shape, visitors the site's 404 page."""
    if request.path_info.startswith("/api/v1/"):
        return JsonResponse({"errors": {"non_field_errors": [_("Not found.")]}}, status=404)
    if request.path_info.startswith("/api/"):
        return JsonResponse({"message": _("Not found.")}, status=404)
    return render(request, "404.html", status=404)


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


@login_required
def profile(request):
    """The member's own details and preferred language."""
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile has been saved."))
        return redirect("member_profile")
    return render(
        request, "account/profile.html", {"form": form}, status=400 if form.errors else 200
    )


DOWNLOADS_PER_HOUR = 5
DELETE_ATTEMPTS_PER_HOUR = 5
HOUR = 3600


@never_cache
@login_required
def my_data(request):
    """What the portal holds about the member; a POST downloads it as a ZIP."""
    status = 200
    if request.method == "POST":
        if gdpr.allow(request.user, "download", DOWNLOADS_PER_HOUR, HOUR):
            response = HttpResponse(gdpr.data_zip(request.user), content_type="application/zip")
            filename = f"maillon-{timezone.localdate().isoformat()}.zip"
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
            return response
        messages.error(request, _("Too many downloads: please try again in an hour."))
        status = 429
    return render(request, "account/my_data.html", status=status)


@never_cache
@login_required
def delete_account(request):
    """The member erases their account, confirmed with their password (or e-mail address)."""
    form = DeleteAccountForm(request.POST or None, user=request.user)
    status = 200
    if request.method == "POST":
        if not gdpr.allow(request.user, "delete", DELETE_ATTEMPTS_PER_HOUR, HOUR):
            form.add_error(None, _("Too many attempts: please try again in an hour."))
            status = 429
        elif form.is_valid():
            gdpr.erase_member(request.user, request)
            return render(request, "account/account_deleted.html")
        else:
            status = 400
    return render(request, "account/delete_account.html", {"form": form}, status=status)


def admin_login(request):
    """Wagtail's own log-in form would bypass allauth's rate limits and e-mail confirmation:
    staff log in where members do, and come back to the admin page they asked for."""
    next_url = request.GET.get("next") or request.POST.get("next") or reverse("wagtailadmin_home")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("wagtailadmin_home")
    return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")


def admin_password_reset(request):
    """Resetting a password is allauth's, rate limited per address and per client."""
    return redirect("account_reset_password")
