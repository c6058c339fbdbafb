from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from django.urls import register_converter

        from portal import pagecache, signals  # noqa: F401
        from portal.converters import IdConverter
        from portal.workflow_names import replace_wagtail_notifiers

        pagecache.connect()
        replace_wagtail_notifiers()
        register_converter(IdConverter, "id")
