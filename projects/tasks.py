"""E-mails to project holders, in the holder's language, sent by the task worker."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from django_tasks import task


@task()
def send_holder_email(member_id: int, template: str, campaign_id: int, extra: dict) -> bool:
    """Render templates/emails/projects/<template>_{subject,body}.txt in the holder's language."""
    from campaigns.models import CampaignPage
    from lab.tasks import in_language

    member = get_user_model().objects.filter(pk=member_id, is_active=True).first()
    campaign = CampaignPage.objects.filter(pk=campaign_id).first()
    if member is None or campaign is None:
        return False
    language = member.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            **extra,
            "member": member,
            "campaign": in_language(campaign, language),
            "language": language,
            "base_url": settings.WAGTAILADMIN_BASE_URL,
        }
        subject = render_to_string(f"emails/projects/{template}_subject.txt", context)
        body = render_to_string(f"emails/projects/{template}_body.txt", context)
    send_mail(" ".join(subject.split()), body, None, [member.email])
    return True
