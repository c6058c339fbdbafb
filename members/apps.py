from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members")

    def ready(self):
        from members import receivers  # noqa: F401
        from portal import pagecache

        # A follow shows on the followed page (follower counts, the member's own button), a
        # profile on the campaigns its member holds.
        pagecache.follow("members.Follow")
        pagecache.follow("members.PublicProfile")
