"""The counters of a brief's needs, computed for many briefs in a constant number of queries.

Sign-ups, applications and answers belong to the original row of a need; every translation of
that need shares its translation_key, so the counts are grouped by translation_key.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from lab.models import (
    AdviceAnswer,
    TeamApplication,
    VolunteerSignup,
)


@dataclass
class TaskCounter:
    taken: int = 0
    waitlisted: int = 0
    hours: Decimal = Decimal(0)


@dataclass
class BriefCounters:
    budget: int | None = None
    team_filled: int = 0
    team_wanted: int = 0
    questions_answered: int = 0
    questions_asked: int = 0
    places_taken: int = 0
    places_offered: int = 0
    hours_given: Decimal = Decimal(0)
    roles: dict = field(default_factory=dict)
    answered_questions: set = field(default_factory=set)
    tasks: dict = field(default_factory=dict)
    needs_acts: bool = False
    needs_team: bool = False
    money_needed: bool = False

    @property
    def open_needs(self):
        needs = []
        if self.needs_team:
            needs.append("team")
        if self.money_needed:
            needs.append("money")
        if self.questions_answered < self.questions_asked:
            needs.append("knowledge")
        if self.needs_acts:
            needs.append("acts")
        return needs


def _children(brief, name):
    cache = getattr(brief, "_prefetched_objects_cache", {})
    if name in cache:
        return list(cache[name])
    return list(getattr(brief, name).all())


def counters_for(briefs):
    """{brief.pk: BriefCounters}. Prefetch roles, questions and tasks to keep queries constant."""
    briefs = list(briefs)
    children = {
        brief.pk: {name: _children(brief, name) for name in ("roles", "questions", "tasks")}
        for brief in briefs
    }
    role_keys = {r.translation_key for c in children.values() for r in c["roles"]}
    question_keys = {q.translation_key for c in children.values() for q in c["questions"]}
    task_keys = {t.translation_key for c in children.values() for t in c["tasks"]}

    accepted = {}
    if role_keys:
        accepted = dict(
            TeamApplication.objects.filter(
                role__translation_key__in=role_keys, status=TeamApplication.Status.ACCEPTED
            )
            .values_list("role__translation_key")
            .annotate(n=Count("pk"))
        )
    answered = set()
    if question_keys:
        answered = set(
            AdviceAnswer.objects.filter(
                question__translation_key__in=question_keys, comment__is_public=True
            ).values_list("question__translation_key", flat=True)
        )
    signups = {}
    if task_keys:
        rows = (
            VolunteerSignup.objects.filter(task__translation_key__in=task_keys)
            .values("task__translation_key")
            .annotate(
                taken=Count("pk", filter=Q(status=VolunteerSignup.Status.CONFIRMED)),
                waitlisted=Count("pk", filter=Q(status=VolunteerSignup.Status.WAITLISTED)),
                hours=Sum("hours", filter=Q(status=VolunteerSignup.Status.CONFIRMED)),
            )
        )
        signups = {
            row["task__translation_key"]: TaskCounter(
                row["taken"], row["waitlisted"], row["hours"] or Decimal(0)
            )
            for row in rows
        }

    now = timezone.now()
    result = {}
    for brief in briefs:
        counters = BriefCounters(budget=brief.budget)
        counters.money_needed = bool(brief.budget) and brief.status in ("open", "in_progress")
        for role in children[brief.pk]["roles"]:
            filled = min(accepted.get(role.translation_key, 0), role.people_wanted)
            counters.roles[role.translation_key] = filled
            counters.team_filled += filled
            counters.team_wanted += role.people_wanted
            counters.needs_team |= filled < role.people_wanted
        for question in children[brief.pk]["questions"]:
            counters.questions_asked += 1
            if question.translation_key in answered:
                counters.questions_answered += 1
                counters.answered_questions.add(question.translation_key)
        for task in children[brief.pk]["tasks"]:
            task_counter = signups.get(task.translation_key, TaskCounter())
            counters.tasks[task.translation_key] = task_counter
            counters.places_taken += task_counter.taken
            counters.places_offered += task.places
            counters.hours_given += task_counter.hours
            counters.needs_acts |= task.starts_at > now and task_counter.taken < task.places
        result[brief.pk] = counters
    return result
