"""Background work of the lab: e-mails to members, in each member's own language."""

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from wagtail.models import Locale

from django_tasks import task


def in_language(instance, language_code):
    """The copy of a translatable page or need in that language, or the instance itself."""
    if not hasattr(instance, "translation_key"):
        return instance
    locale = Locale.objects.filter(language_code=language_code).first()
    if locale is None or instance.locale_id == locale.pk:
        return instance
    copy = type(instance).objects.filter(translation_key=instance.translation_key, locale=locale)
    if hasattr(copy, "live"):
        copy = copy.live()
    return copy.first() or instance


def _load(reference, language_code):
    model_label, pk = reference
    instance = apps.get_model(model_label).objects.filter(pk=pk).first()
    if instance is None:
        return None
    if hasattr(instance, "specific") and callable(getattr(instance, "get_url", None)):
        instance = instance.specific
    return in_language(instance, language_code)


@task()
def send_member_email(member_id: int, template: str, objects: dict, extra: dict) -> bool:
    """Render templates/emails/lab/<template>_{subject,body}.txt in the member's language."""
    member = get_user_model().objects.filter(pk=member_id, is_active=True).first()
    if member is None:
        return False
    language = member.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {name: _load(reference, language) for name, reference in objects.items()}
        context.update(extra, member=member, base_url=settings.WAGTAILADMIN_BASE_URL)
        subject = render_to_string(f"emails/lab/{template}_subject.txt", context)
        body = render_to_string(f"emails/lab/{template}_body.txt", context)
    send_mail(" ".join(subject.split()), body, None, [member.email])
    return True
