from django.utils import translation

from allauth.account.adapter import DefaultAccountAdapter

from portal.models import User


class AccountAdapter(DefaultAccountAdapter):
    """Send account e-mails in the member's preferred language, when we know the member."""

    def send_mail(self, template_prefix, email, context):
        user = context.get("user") or User.objects.filter(email__iexact=email).first()
        language = getattr(user, "preferred_language", None) or translation.get_language()
        with translation.override(language):
            return super().send_mail(template_prefix, email, context)
