"""What a brief's page shows: each need and its counter, the visitor's part, the organisers'."""

from lab.counters import counters_for
from lab.models import BriefGraduation, TeamApplication, VolunteerSignup
from lab.services import can_organise, is_operator_staff, is_owner
from members import follows
from members.models import Target
from portal.pagecache import remember


def _public_part(page):
    """What every visitor sees, computed once per generation of the site (portal.pagecache)."""
    roles = list(page.roles.all())
    questions = list(page.questions.all())
    tasks = list(page.tasks.all())
    page._prefetched_objects_cache = {"roles": roles, "questions": questions, "tasks": tasks}
    graduation = BriefGraduation.objects.filter(brief=page.original).select_related("campaign")
    graduation = graduation.first()
    graduated_campaign = None
    if graduation is not None:
        campaign = graduation.campaign
        graduated_campaign = campaign.get_translation_or_none(page.locale) or campaign
    return {
        "roles": roles,
        "questions": questions,
        "tasks": tasks,
        "counters": counters_for([page])[page.pk],
        "original": page.original,
        "graduated_campaign": graduated_campaign,
        "section": page.get_parent(),
        "category": page.category.localized if page.category_id else None,
        "territory": page.territory.localized if page.territory_id else None,
        "proposed_by": page.proposed_by,
    }


def brief_context(page, request):
    public = remember(request, f"brief:{page.pk}", lambda: _public_part(page))
    roles, questions, tasks = public["roles"], public["questions"], public["tasks"]
    page._prefetched_objects_cache = {"roles": roles, "questions": questions, "tasks": tasks}
    page.__dict__["original"] = public["original"]
    page.proposed_by = public["proposed_by"]
    counters = public["counters"]
    user = request.user

    my_signups, my_applications, following = {}, {}, False
    if user.is_authenticated:
        my_signups = {
            signup.task.translation_key: signup
            for signup in VolunteerSignup.objects.filter(
                member=user, task__translation_key__in=[t.translation_key for t in tasks]
            )
            .exclude(status=VolunteerSignup.Status.CANCELLED)
            .select_related("task")
        }
        my_applications = {
            application.role.translation_key: application
            for application in TeamApplication.objects.filter(
                member=user, role__translation_key__in=[r.translation_key for r in roles]
            ).select_related("role")
        }
        following = follows.is_following(user, Target.BRIEF, page.translation_key)

    organiser = can_organise(user, page.original) if user.is_authenticated else False
    return {
        "counters": counters,
        "section": public["section"],
        "category": public["category"],
        "territory": public["territory"],
        "roles": [
            {
                "role": role,
                "filled": counters.roles.get(role.translation_key, 0),
                "mine": my_applications.get(role.translation_key),
            }
            for role in roles
        ],
        "questions": [
            {"question": q, "answered": q.translation_key in counters.answered_questions}
            for q in questions
        ],
        "tasks": [
            {
                "task": task,
                "counter": counters.tasks[task.translation_key],
                "mine": my_signups.get(task.translation_key),
                "full": counters.tasks[task.translation_key].taken >= task.places,
            }
            for task in tasks
        ],
        "following": following,
        "graduated_campaign": public["graduated_campaign"],
        "is_organiser": organiser,
        "is_owner": user.is_authenticated and is_owner(user, page.original),
        "is_operator_staff": organiser and is_operator_staff(user, page.original),
        "pending_applications": (
            TeamApplication.objects.filter(
                role__brief__translation_key=page.translation_key,
                status=TeamApplication.Status.PENDING,
            ).select_related("member", "role")
            if organiser
            else []
        ),
    }
