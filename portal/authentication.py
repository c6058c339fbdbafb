"""Who /api/v1/ lets in: members logged in through allauth, with a confirmed e-mail address.

A module of its own because DRF imports its authentication classes while loading its settings.
"""

from django.utils.translation import gettext_lazy as _

from allauth.account.utils import has_verified_email
from rest_framework import authentication, permissions


class MemberSessionAuthentication(authentication.SessionAuthentication):
    """The member's session, as the web pages use it.

    Naming a scheme in WWW-Authenticate makes DRF answer an anonymous client 401 (log in and
    retry) rather than 403 (you may not), which is reserved for members who lack a right.
    """

    def authenticate_header(self, request):
        return 'Session realm="Maillon"'


class IsVerifiedMember(permissions.IsAuthenticated):
    """A logged-in member whose e-mail address is confirmed, as allauth's log-in demands
    (ACCOUNT_EMAIL_VERIFICATION = "mandatory"), however the session was obtained."""

    message = _("Confirm your e-mail address before you take part.")

    def has_permission(self, request, view):
        return super().has_permission(request, view) and has_verified_email(request.user)
