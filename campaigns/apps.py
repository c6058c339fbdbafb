from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Campaigns")

    def ready(self):
        from wagtail.signals import page_published

        from campaigns.models import CampaignPage
        from campaigns.updates import announce_page_updates
        from portal import pagecache

        page_published.connect(
            announce_page_updates, sender=CampaignPage, dispatch_uid="campaigns_announce_updates"
        )
        # Money moved or news was posted: cached pages showing the campaign are stale.
        pagecache.follow("campaigns.Pledge", lambda pledge: pledge.campaign)
        pagecache.follow("campaigns.PledgeMatch", lambda match: match.pledge.campaign)
        pagecache.follow("campaigns.MatchFund")
        pagecache.follow("campaigns.PostedUpdate", lambda update: update.campaign)
