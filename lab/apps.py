from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LabConfig(AppConfig):
    name = "lab"
    verbose_name = _("Co-creation lab")

    def ready(self):
        from lab import signals  # noqa: F401
        from portal import pagecache

        # Sign-ups, applications and answers move a brief's public counters.
        pagecache.follow("lab.VolunteerSignup", lambda signup: signup.task.brief)
        pagecache.follow("lab.TeamApplication", lambda application: application.role.brief)
        pagecache.follow("lab.AdviceAnswer", lambda answer: answer.question.brief)
        pagecache.follow("lab.ExpertProfile")
        pagecache.follow("lab.BriefGraduation")
