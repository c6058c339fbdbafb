from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Project holders")

    def ready(self):
        from portal import pagecache
        from projects import signals  # noqa: F401

        pagecache.follow("projects.Project", lambda project: project.campaign)
