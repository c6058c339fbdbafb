import datetime

from django.utils import timezone

import factory
import wagtail_factories

from lab.models import (
    AdviceQuestion,
    ExpertProfile,
    LabBriefPage,
    LabIndexPage,
    TeamApplication,
    TeamRole,
    VolunteerSignup,
    VolunteerTask,
)
from tests.factories.portal import MemberFactory


class LabIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LabIndexPage

    title = "Labo"
    slug = "lab"
    intro = "Les idées qui cherchent une équipe, des conseils et des bras."


class LabBriefPageFactory(wagtail_factories.PageFactory):
    """A live, open brief; pass `parent=<OperatorPage>`."""

    class Meta:
        model = LabBriefPage

    title = factory.Sequence(lambda n: f"Défi {n}")
    summary = "Un jardin partagé pour le quartier."
    kind = LabBriefPage.Kind.IDEA
    status = LabBriefPage.Status.OPEN


class TeamRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamRole

    title = factory.Sequence(lambda n: f"Rôle {n}")
    description = "Coordonner l'équipe."
    people_wanted = 2


class AdviceQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdviceQuestion

    title = factory.Sequence(lambda n: f"Question {n} ?")
    description = "Nous cherchons un avis."


class VolunteerTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VolunteerTask

    title = factory.Sequence(lambda n: f"Tâche {n}")
    description = "Aider à planter."
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + datetime.timedelta(days=7)).replace(second=0, microsecond=0)
    )
    ends_at = factory.LazyAttribute(lambda task: task.starts_at + datetime.timedelta(hours=3))
    place = "Rue de la Loi 1, Namur"
    places = 5


class VolunteerSignupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VolunteerSignup

    member = factory.SubFactory(MemberFactory)
    status = VolunteerSignup.Status.CONFIRMED


class TeamApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamApplication

    member = factory.SubFactory(MemberFactory)
    motivation = "J'ai déjà mené un projet semblable."


class ExpertProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpertProfile

    member = factory.SubFactory(MemberFactory)
    domains = "énergie, droit"
