from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Campaigns")

    def ready(self):
        from wagtail.signals import page_published

        from campaigns.models import CampaignPage
        from campaigns.updates import announce_page_updates

        page_published.connect(
            announce_page_updates, sender=CampaignPage, dispatch_uid="campaigns_announce_updates"
        )
