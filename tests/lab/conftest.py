"""Fixtures of the lab: a brief in Nest'up's section with each kind of need, and the /lab/ index."""

from django.test import Client

import pytest

from lab.models import LabBriefPage
from tests.factories import CategoryFactory, TerritoryFactory
from tests.factories.lab import (
    AdviceQuestionFactory,
    LabBriefPageFactory,
    LabIndexPageFactory,
    TeamRoleFactory,
    VolunteerTaskFactory,
)


@pytest.fixture
def category(site):
    return CategoryFactory(name="Environnement", slug="environnement")


@pytest.fixture
def territory(site):
    return TerritoryFactory(name="Namur", slug="namur")


@pytest.fixture
def brief(operator, category, territory):
    page = LabBriefPageFactory(
        parent=operator,
        title="Un potager sur le toit",
        slug="potager-toit",
        kind=LabBriefPage.Kind.IDEA,
        category=category,
        territory=territory,
        budget=250_000,
    )
    TeamRoleFactory(brief=page, title="Jardinier", people_wanted=2)
    AdviceQuestionFactory(brief=page, title="Quel substrat sur un toit plat ?")
    VolunteerTaskFactory(brief=page, title="Porter la terre", places=5)
    page.save_revision().publish()
    return LabBriefPage.objects.get(pk=page.pk)


@pytest.fixture
def task(brief):
    return brief.tasks.get()


@pytest.fixture
def role(brief):
    return brief.roles.get()


@pytest.fixture
def question(brief):
    return brief.questions.get()


@pytest.fixture
def lab_index(home):
    return LabIndexPageFactory(parent=home)


def client_for(user):
    client = Client()
    client.force_login(user)
    return client
