"""A member's part in the lab, for the GDPR export and erasure (portal.gdpr's hooks).

Erasing keeps what the crowd counts on and the threads read: sign-ups and team places still
count (hours given, places taken), and advice stays in its thread signed "former member"
(its text is part of the conversation others answered). Everything that names the member goes:
the comments' name, e-mail, URL and IP address, application motivations, flags, the
expert profile, and the member's name on the ideas they proposed.
"""

from wagtail.models import Page

from django_comments.models import CommentFlag
from django_comments_xtd.models import XtdComment

from lab.models import ExpertProfile, LabBriefPage, TeamApplication, VolunteerSignup


def _when(moment):
    return moment.isoformat() if moment else None


def _advice_rows(user):
    comments = list(XtdComment.objects.filter(user=user).order_by("submit_date"))
    pages = Page.objects.in_bulk({int(comment.object_pk) for comment in comments})
    return [
        {
            "page": getattr(pages.get(int(comment.object_pk)), "title", None),
            "text": comment.comment,
            "submitted_at": _when(comment.submit_date),
            "public": comment.is_public and not comment.is_removed,
        }
        for comment in comments
    ]


def export(user):
    ideas = LabBriefPage.objects.filter(proposed_by=user).select_related("locale")
    signups = VolunteerSignup.objects.filter(member=user).select_related("task__brief")
    applications = TeamApplication.objects.filter(member=user).select_related("role__brief")
    expert = ExpertProfile.objects.filter(member=user).select_related("verified_by_operator")
    return {
        "ideas": [
            {
                "title": idea.title,
                "language": idea.locale.language_code,
                "status": idea.status,
                "published": idea.live,
                "proposed_at": _when(idea.proposed_at),
            }
            for idea in ideas
        ],
        "signups": [
            {
                "task": signup.task.title,
                "brief": signup.task.brief.title,
                "status": signup.status,
                "signed_up_at": _when(signup.created_at),
                "cancelled_at": _when(signup.cancelled_at),
                "checked_in_at": _when(signup.checked_in_at),
                "hours": float(signup.hours) if signup.hours is not None else None,
            }
            for signup in signups
        ],
        "applications": [
            {
                "role": application.role.title,
                "brief": application.role.brief.title,
                "motivation": application.motivation,
                "status": application.status,
                "applied_at": _when(application.created_at),
                "decided_at": _when(application.decided_at),
            }
            for application in applications
        ],
        "advice": _advice_rows(user),
        "expert_profile": [
            {
                "domains": profile.domains,
                "verified_by": profile.verified_by_operator.title,
                "verified_at": _when(profile.verified_at),
            }
            for profile in expert
        ],
    }


def erase(user):
    XtdComment.objects.filter(user=user).update(
        user=None, user_name="", user_email="", user_url="", ip_address=None
    )
    CommentFlag.objects.filter(user=user).delete()
    TeamApplication.objects.filter(member=user).update(motivation="")
    ExpertProfile.objects.filter(member=user).delete()
    LabBriefPage.objects.filter(proposed_by=user).update(proposed_by=None)
