"""What members and organisers do in the lab, whatever the door (API, page buttons, admin).

Every operation that counts places or seats locks the need's original row first, so that two
requests at once can never both take the last place.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lab.models import (
    TeamApplication,
    TeamRole,
    VolunteerSignup,
    VolunteerTask,
)
from lab.notifications import notify
from portal import walls


class LabConflict(Exception):
    """The request is understood but the state of things forbids it (HTTP 409)."""

    def __init__(self, message, field="non_field_errors"):
        super().__init__(message)
        self.message = message
        self.field = field


def section_of_brief(brief):
    return brief.get_parent().specific


def is_operator_staff(user, brief):
    """Editors and moderators of the brief's section (any locale's copy shares the groups)."""
    return walls.is_staff(user, brief)


def is_owner(user, brief):
    return user.is_authenticated and brief.proposed_by_id == user.pk


def can_organise(user, brief):
    """The brief's owner or its operator's staff run its tasks and its team."""
    return is_owner(user, brief) or is_operator_staff(user, brief)


def _ensure_brief_open(brief):
    if not brief.live or not brief.is_open:
        raise LabConflict(_("This brief is not open to the crowd any more."))


# Volunteering ---------------------------------------------------------------------------


def sign_up(task, member):
    """Sign the member up: confirmed while places remain, waitlisted after."""
    original = task.original
    with transaction.atomic():
        locked = VolunteerTask.objects.select_for_update().get(pk=original.pk)
        _ensure_brief_open(locked.brief)
        if locked.starts_at <= timezone.now():
            raise LabConflict(_("This task has already started or is over."), "task")
        active = VolunteerSignup.objects.filter(task=locked).exclude(
            status=VolunteerSignup.Status.CANCELLED
        )
        if active.filter(member=member).exists():
            raise LabConflict(_("You have already signed up for this task."), "task")
        taken = active.filter(status=VolunteerSignup.Status.CONFIRMED).count()
        status = (
            VolunteerSignup.Status.CONFIRMED
            if taken < locked.places
            else VolunteerSignup.Status.WAITLISTED
        )
        try:
            with transaction.atomic():
                signup = VolunteerSignup.objects.create(task=locked, member=member, status=status)
        except IntegrityError as error:
            raise LabConflict(_("You have already signed up for this task."), "task") from error
    notify(member, f"signup_{status}", signup=signup, task=locked)
    return signup


def cancel_signup(signup):
    """Cancel a sign-up; a freed place goes to the first member on the waitlist."""
    with transaction.atomic():
        task = VolunteerTask.objects.select_for_update().get(pk=signup.task_id)
        signup = VolunteerSignup.objects.get(pk=signup.pk)
        if signup.status == VolunteerSignup.Status.CANCELLED:
            raise LabConflict(_("This sign-up is already cancelled."))
        if task.starts_at <= timezone.now():
            raise LabConflict(_("This task has already started or is over."), "task")
        freed_place = signup.status == VolunteerSignup.Status.CONFIRMED
        signup.status = VolunteerSignup.Status.CANCELLED
        signup.cancelled_at = timezone.now()
        signup.save(update_fields=["status", "cancelled_at"])
        promoted = None
        if freed_place:
            promoted = (
                VolunteerSignup.objects.filter(task=task, status=VolunteerSignup.Status.WAITLISTED)
                .order_by("created_at", "pk")
                .first()
            )
            if promoted:
                promoted.status = VolunteerSignup.Status.CONFIRMED
                promoted.save(update_fields=["status"])
    if promoted:
        notify(promoted.member, "signup_promoted", signup=promoted, task=task)
    return promoted


def check_in(signup, organiser, hours=None):
    """Record that a confirmed volunteer came and the hours given (by default, the task length)."""
    if signup.status != VolunteerSignup.Status.CONFIRMED:
        raise LabConflict(_("Only confirmed volunteers can be checked in."))
    if signup.checked_in_at:
        raise LabConflict(_("This volunteer is already checked in."))
    signup.checked_in_at = timezone.now()
    signup.checked_in_by = organiser
    signup.hours = hours if hours is not None else signup.task.duration_hours
    signup.save(update_fields=["checked_in_at", "checked_in_by", "hours"])
    return signup


# Team -----------------------------------------------------------------------------------


def apply_for_role(role, member, motivation):
    original = role.original
    brief = original.brief
    _ensure_brief_open(brief)
    if TeamApplication.objects.filter(role=original, member=member).exists():
        raise LabConflict(_("You have already applied for this role."), "role")
    if accepted_count(original) >= original.people_wanted:
        raise LabConflict(_("This role is already filled."), "role")
    try:
        with transaction.atomic():
            application = TeamApplication.objects.create(
                role=original, member=member, motivation=motivation
            )
    except IntegrityError as error:
        raise LabConflict(_("You have already applied for this role."), "role") from error
    notify(member, "application_received", application=application, role=original, brief=brief)
    for organiser in _organisers_to_tell(brief):
        notify(organiser, "application_new", application=application, role=original, brief=brief)
    return application


def _organisers_to_tell(brief):
    if brief.proposed_by_id:
        return [brief.proposed_by]
    return list(walls.staff_of(section_of_brief(brief), walls.MODERATOR))


def accepted_count(role):
    return TeamApplication.objects.filter(role=role, status=TeamApplication.Status.ACCEPTED).count()


def decide_application(application, decider, accept):
    """Accept (fills a seat while seats remain) or decline a pending application."""
    with transaction.atomic():
        role = TeamRole.objects.select_for_update().get(pk=application.role_id)
        application = TeamApplication.objects.select_for_update().get(pk=application.pk)
        if application.status != TeamApplication.Status.PENDING:
            raise LabConflict(_("This application has already been decided."))
        if accept and accepted_count(role) >= role.people_wanted:
            raise LabConflict(_("This role is already filled."), "role")
        application.status = (
            TeamApplication.Status.ACCEPTED if accept else TeamApplication.Status.DECLINED
        )
        application.decided_at = timezone.now()
        application.decided_by = decider
        application.save(update_fields=["status", "decided_at", "decided_by"])
    notify(
        application.member,
        f"application_{application.status}",
        application=application,
        role=role,
        brief=role.brief,
    )
    return application
