"""What members do about a brief: sign up for tasks, apply for roles, answer it.

Each row points at the original of the need (see lab.models.pages): counters are shared by
every translation of the brief.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

CHECK_IN_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_check_in_code():
    return "".join(secrets.choice(CHECK_IN_ALPHABET) for _i in range(6))


class VolunteerSignup(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("Waitlisted")
        CANCELLED = "cancelled", _("Cancelled")

    task = models.ForeignKey(
        "lab.VolunteerTask",
        verbose_name=_("task"),
        on_delete=models.CASCADE,
        related_name="signups",
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="volunteer_signups",
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    check_in_code = models.CharField(
        _("check-in code"), max_length=6, default=new_check_in_code, editable=False
    )
    created_at = models.DateTimeField(_("signed up at"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked in by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hours = models.DecimalField(
        _("hours given"), max_digits=5, decimal_places=2, null=True, blank=True
    )

    wall_path = "task__brief"  # portal.walls: the brief's section

    class Meta:
        verbose_name = _("volunteer sign-up")
        verbose_name_plural = _("volunteer sign-ups")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["task", "member"],
                condition=~Q(status="cancelled"),
                name="lab_one_active_signup_per_member",
            ),
            models.UniqueConstraint(
                fields=["task", "check_in_code"], name="lab_unique_check_in_code_per_task"
            ),
        ]

    def __str__(self):
        return f"{self.member} → {self.task} ({self.status})"


class TeamApplication(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    role = models.ForeignKey(
        "lab.TeamRole",
        verbose_name=_("role"),
        on_delete=models.CASCADE,
        related_name="applications",
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="team_applications",
    )
    motivation = models.TextField(_("motivation"), max_length=4000)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("applied at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    wall_path = "role__brief"  # portal.walls: the brief's section

    class Meta:
        verbose_name = _("team application")
        verbose_name_plural = _("team applications")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["role", "member"], name="lab_one_application_per_role")
        ]

    def __str__(self):
        return f"{self.member} → {self.role} ({self.status})"


class AdviceAnswer(models.Model):
    """The brief's owner marks a comment as answering one of the brief's questions."""

    question = models.ForeignKey(
        "lab.AdviceQuestion",
        verbose_name=_("question"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    comment = models.ForeignKey(
        "django_comments_xtd.XtdComment",
        verbose_name=_("comment"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    marked_at = models.DateTimeField(_("marked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["question", "comment"], name="lab_unique_answer")
        ]

    def __str__(self):
        return f"{self.question} ← #{self.comment_id}"


class ExpertProfile(models.Model):
    """A member whose expertise a moderator of an operator has verified: their advice is badged."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="expert_profile",
    )
    domains = models.CharField(
        _("domains"), max_length=255, help_text=_("What this expert knows, e.g. “energy, law”.")
    )
    verified_by_operator = models.ForeignKey(
        "portal.OperatorPage",
        verbose_name=_("verified by operator"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    verified_at = models.DateTimeField(_("verified at"), auto_now_add=True)

    wall_path = "verified_by_operator"  # portal.walls: the operator that vouches for them

    class Meta:
        verbose_name = _("expert profile")
        verbose_name_plural = _("expert profiles")

    def __str__(self):
        return f"{self.member} ({self.domains})"


class BriefGraduation(models.Model):
    """A brief that an operator moderator judged ready: the draft campaign it became.

    The link lives here, beside the brief, so that campaigns need know nothing of the lab.
    """

    brief = models.OneToOneField(
        "lab.LabBriefPage",
        verbose_name=_("brief"),
        on_delete=models.CASCADE,
        related_name="graduation",
    )
    campaign = models.OneToOneField(
        "campaigns.CampaignPage",
        verbose_name=_("campaign"),
        on_delete=models.CASCADE,
        related_name="origin_graduation",
    )
    graduated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("graduated by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    graduated_at = models.DateTimeField(_("graduated at"), auto_now_add=True)
    followers_told_at = models.DateTimeField(_("followers told at"), null=True, blank=True)

    class Meta:
        verbose_name = _("graduation")
        verbose_name_plural = _("graduations")

    def __str__(self):
        return f"{self.brief} → {self.campaign}"
