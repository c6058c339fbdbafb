from django.db.models.signals import post_save
from django.dispatch import receiver

from portal.models import OperatorPage
from portal.operators import grant_section_access


@receiver(post_save, sender=OperatorPage)
def wall_off_section(sender, instance, **kwargs):
    grant_section_access(instance)
