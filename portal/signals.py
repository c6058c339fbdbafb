from django.db.models.signals import post_save
from django.dispatch import Signal, receiver

from portal.models import OperatorPage
from portal.operators import grant_section_access


@receiver(post_save, sender=OperatorPage)
def wall_off_section(sender, instance, **kwargs):
    grant_section_access(instance)


# Sent by an app when what an open item needs changed without its page being saved (money
# counted on a campaign, say), with `model` (the page class) and `translation_key`. The search
# app listens; the app that sends it knows nothing of search.
needs_changed = Signal()
