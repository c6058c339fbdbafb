"""Fields of LabBriefPage in the Wagtail API v2 (/api/v2/pages/?type=lab.LabBriefPage)."""

from rest_framework import serializers

from portal.formatting import format_money


class TaxonomyField(serializers.Field):
    """A category or territory in the requested language when translated: id, name, slug."""

    def to_representation(self, item):
        item = getattr(item, "listed_translation", None) or item.localized
        return {"id": item.pk, "name": item.name, "slug": item.slug}


class OperatorField(serializers.Field):
    def to_representation(self, page):
        section = getattr(page, "section", None) or page.get_parent().specific
        return {"id": section.pk, "title": section.title, "slug": section.slug}


class NeedsField(serializers.Field):
    """Every need with its counters, the same in every language of the brief."""

    def to_representation(self, page):
        counters = page.counters
        return {
            "open": counters.open_needs,
            "team": {
                "filled": counters.team_filled,
                "wanted": counters.team_wanted,
                "roles": [
                    {
                        "id": role.pk,
                        "title": role.title,
                        "filled": counters.roles.get(role.translation_key, 0),
                        "wanted": role.people_wanted,
                    }
                    for role in page.roles.all()
                ],
            },
            "money": {
                "budget": counters.budget,
                "budget_display": format_money(counters.budget),
                "currency": "EUR",
            },
            "knowledge": {
                "answered": counters.questions_answered,
                "asked": counters.questions_asked,
                "questions": [
                    {
                        "id": question.pk,
                        "title": question.title,
                        "answered": question.translation_key in counters.answered_questions,
                    }
                    for question in page.questions.all()
                ],
            },
            "acts": {
                "taken": counters.places_taken,
                "offered": counters.places_offered,
                "hours": float(counters.hours_given),
                "tasks": [
                    {
                        "id": task.pk,
                        "title": task.title,
                        "starts_at": task.starts_at.isoformat(),
                        "ends_at": task.ends_at.isoformat(),
                        "place": task.place,
                        "taken": counters.tasks[task.translation_key].taken,
                        "waitlisted": counters.tasks[task.translation_key].waitlisted,
                        "offered": task.places,
                    }
                    for task in page.tasks.all()
                ],
            },
        }
