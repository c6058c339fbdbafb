"""Background work for campaigns (django-tasks): receipts and updates e-mailed to backers."""

from django.utils import timezone

from django_tasks import task

from campaigns import emails, updates
from campaigns.models import Pledge


@task()
def send_pledge_receipt(pledge_id):
    """Send the receipt once, whichever path (API, browser, webhook) counted the pledge first."""
    claimed = Pledge.objects.filter(pk=pledge_id, receipt_sent_at__isnull=True).update(
        receipt_sent_at=timezone.now()
    )
    if claimed:
        pledge = Pledge.objects.select_related("campaign", "reward_tier").get(pk=pledge_id)
        emails.send_to_backer(pledge, "receipt")


@task()
def announce_posted_update(update_id):
    """E-mail an update posted from the campaign page to the campaign's backers."""
    return updates.announce_posted(update_id)


@task()
def announce_page_update(translation_key):
    """E-mail an update the operator published in the page editor to the campaign's backers."""
    return updates.announce_page(translation_key)
