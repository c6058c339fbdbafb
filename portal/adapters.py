from django.conf import settings
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme

from allauth.account.adapter import DefaultAccountAdapter

from portal.models import User


class AccountAdapter(DefaultAccountAdapter):
    """Send account e-mails in the member's preferred language, when we know the member;
    after logging in, go back to the page (and the language) the member came from."""

    def send_mail(self, template_prefix, email, context):
        user = context.get("user") or User.objects.filter(email__iexact=email).first()
        language = getattr(user, "preferred_language", None) or translation.get_language()
        with translation.override(language):
            return super().send_mail(template_prefix, email, context)

    def get_login_redirect_url(self, request):
        """Without a `next`, the home page in the language the log-in page was read in."""
        return f"/{translation.get_language() or settings.LANGUAGE_CODE}/"

    def post_login(self, request, user, *, redirect_url=None, **kwargs):
        """The "logged in" message speaks the language of the page the member goes back to."""
        if redirect_url and url_has_allowed_host_and_scheme(
            redirect_url, allowed_hosts={request.get_host()}
        ):
            language = translation.get_language_from_path(redirect_url)
            if language:
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return super().post_login(request, user, redirect_url=redirect_url, **kwargs)
