import csv
import datetime
import html
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from lab.models import LabBriefPage, VolunteerSignup
from portal.translation import translate
from tests.conftest import staff_of
from tests.factories import CategoryFactory, MemberFactory, TerritoryFactory
from tests.factories.lab import (
    AdviceQuestionFactory,
    LabBriefPageFactory,
    TeamApplicationFactory,
    TeamRoleFactory,
    VolunteerSignupFactory,
    VolunteerTaskFactory,
)
from tests.lab.conftest import client_for
from tests.lab.test_models import BRIEF_NL

pytestmark = pytest.mark.django_db


def text(response):
    return html.unescape(response.content.decode())


def test_brief_page_shows_each_need_with_its_counter(client, brief, task, role):
    for _i in range(3):
        VolunteerSignupFactory(task=task)
    TeamApplicationFactory(role=role, status="accepted")
    page = text(client.get(brief.url))
    assert "Un potager sur le toit" in page
    assert "1 / 2" in page
    assert "3 / 5 places prises" in page
    assert "0 / 1" in page
    assert "2\u202f500\xa0€" in page  # CLDR French: narrow no-break space groups


def test_brief_page_in_dutch_shares_the_counters(client, brief, task):
    VolunteerSignupFactory(task=task)
    dutch = translate(brief, "nl", BRIEF_NL)
    page = text(client.get(dutch.url))
    assert "De aarde dragen" in page
    assert "1 / 5 plaatsen bezet" in page


def test_brief_page_queries_are_bounded(client, brief, task, member, django_assert_max_num_queries):
    for _i in range(10):
        VolunteerSignupFactory(task=task)
    client.force_login(member)
    with django_assert_max_num_queries(45):
        assert client.get(brief.url).status_code == 200


def test_page_button_signs_up_and_the_counter_moves(member_client, brief, task):
    before = text(member_client.get(brief.url))
    assert "0 / 5 places prises" in before
    response = member_client.post(f"/fr/lab/tasks/{task.pk}/signup/", {"next": brief.url})
    assert response.status_code == 302
    after = text(member_client.get(brief.url))
    assert "1 / 5 places prises" in after
    assert "Annuler mon inscription" in after
    signup = VolunteerSignup.objects.get(task=task)
    member_client.post(f"/fr/lab/signups/{signup.pk}/cancel/", {"next": brief.url})
    assert "0 / 5 places prises" in text(member_client.get(brief.url))


def test_anonymous_page_button_goes_to_log_in(client, task):
    response = client.post(f"/fr/lab/tasks/{task.pk}/signup/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not VolunteerSignup.objects.exists()


# The index -----------------------------------------------------------------------------


@pytest.fixture
def many_briefs(operator, other_operator):
    """Briefs of two operators: one per need, a closed one and a draft."""
    water = CategoryFactory(name="Eau", slug="eau")
    liege = TerritoryFactory(name="Liège", slug="liege")
    volunteers = LabBriefPageFactory(parent=operator, title="Bras", kind="need")
    VolunteerTaskFactory(brief=volunteers)
    experts = LabBriefPageFactory(parent=other_operator, title="Conseils", kind="concept")
    AdviceQuestionFactory(brief=experts)
    team = LabBriefPageFactory(parent=other_operator, title="Équipe", category=water)
    TeamRoleFactory(brief=team)
    money = LabBriefPageFactory(parent=operator, title="Sous", budget=100_00, territory=liege)
    LabBriefPageFactory(parent=operator, title="Fermé", status=LabBriefPage.Status.CLOSED)
    LabBriefPageFactory(parent=operator, title="Brouillon", live=False)
    return {"acts": volunteers, "knowledge": experts, "team": team, "money": money}


def titles(response):
    return sorted(card["brief"].title for card in response.context["cards"])


def test_index_lists_open_briefs_of_every_operator(client, lab_index, many_briefs):
    response = client.get("/fr/lab/")
    assert response.status_code == 200
    assert titles(response) == ["Bras", "Conseils", "Sous", "Équipe"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("need=acts", ["Bras"]),
        ("need=knowledge", ["Conseils"]),
        ("need=team", ["Équipe"]),
        ("need=money", ["Sous"]),
        ("kind=concept", ["Conseils"]),
        ("category=eau", ["Équipe"]),
        ("territory=liege", ["Sous"]),
        ("operator=gre-liege", ["Conseils", "Équipe"]),
        ("need=acts&operator=gre-liege", []),
        ("need=bogus&kind=bogus", ["Bras", "Conseils", "Sous", "Équipe"]),
    ],
)
def test_index_filters(client, lab_index, many_briefs, query, expected):
    assert titles(client.get(f"/fr/lab/?{query}")) == expected


def test_full_task_or_filled_team_no_longer_needs(client, lab_index, many_briefs):
    task = many_briefs["acts"].tasks.get()
    for _i in range(task.places):
        VolunteerSignupFactory(task=task)
    role = many_briefs["team"].roles.get()
    for _i in range(role.people_wanted):
        TeamApplicationFactory(role=role, status="accepted")
    assert titles(client.get("/fr/lab/?need=acts")) == []
    assert titles(client.get("/fr/lab/?need=team")) == []


def test_index_query_count_does_not_grow_with_briefs(client, operator, lab_index):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/fr/lab/?need=acts").status_code == 200
        return len(queries)

    def add_briefs(n):
        for _i in range(n):
            brief = LabBriefPageFactory(parent=operator, category=CategoryFactory())
            task = VolunteerTaskFactory(brief=brief)
            TeamRoleFactory(brief=brief)
            AdviceQuestionFactory(brief=brief)
            VolunteerSignupFactory(task=task)

    add_briefs(2)
    count_queries()  # warms Wagtail's cache of site root paths
    with_two = count_queries()
    add_briefs(8)
    count_queries()  # the menu and translations, once per generation of the site
    with_ten = count_queries()
    assert len(client.get("/fr/lab/").context["cards"]) == 10
    assert with_ten == with_two
    assert with_ten <= 30


# Organisers: check-in and export --------------------------------------------------------


def test_organiser_checks_in_by_code_and_hours_are_recorded(operator, brief, task):
    signup = VolunteerSignupFactory(task=task)
    editor = client_for(staff_of(operator, "editor"))
    url = f"/fr/lab/tasks/{task.pk}/volunteers/"
    assert editor.get(url).status_code == 200
    response = editor.post(url, {"code": signup.check_in_code.lower(), "hours": "2,5"})
    assert response.status_code == 302
    signup.refresh_from_db()
    assert signup.checked_in_at is not None
    assert str(signup.hours) == "2.50"
    assert editor.post(url, {"code": signup.check_in_code}).status_code == 409
    assert editor.post(url, {"code": "ZZZZZZ"}).status_code == 400
    assert "2,5 heures données" in text(editor.get(brief.url))


def test_owner_checks_in_from_the_list_with_default_hours(brief, task):
    owner = MemberFactory()
    LabBriefPage.objects.filter(pk=brief.pk).update(proposed_by=owner)
    signup = VolunteerSignupFactory(task=task)
    client_for(owner).post(f"/fr/lab/tasks/{task.pk}/volunteers/", {"signup": signup.pk})
    signup.refresh_from_db()
    assert signup.hours == 3


def test_volunteer_list_and_csv_are_walled_per_operator(
    operator, other_operator, member, brief, task
):
    VolunteerSignupFactory(task=task, member=MemberFactory(first_name="=HYPERLINK(1)"))
    outsiders = [client_for(staff_of(other_operator, "moderator")), client_for(member)]
    for outsider in outsiders:
        assert outsider.get(f"/fr/lab/tasks/{task.pk}/volunteers/").status_code == 404
        assert outsider.get(f"/fr/lab/tasks/{task.pk}/volunteers.csv").status_code == 404
    response = client_for(staff_of(operator, "moderator")).get(
        f"/fr/lab/tasks/{task.pk}/volunteers.csv"
    )
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Nom", "E-mail", "Statut"]
    assert len(rows) == 2
    assert rows[1][0].startswith("'=")


# The Wagtail API ------------------------------------------------------------------------


def test_wagtail_api_exposes_the_brief_and_its_counters(client, brief, task, role, question):
    VolunteerSignupFactory(task=task)
    response = client.get(f"/api/v2/pages/{brief.pk}/")
    assert response.status_code == 200
    body = response.json()
    assert body["kind"] == "idea"
    assert body["status"] == "open"
    assert body["category"]["slug"] == "environnement"
    assert body["territory"]["slug"] == "namur"
    assert body["operator"]["slug"] == "nestup"
    assert body["needs"]["open"] == ["team", "money", "knowledge", "acts"]
    assert body["needs"]["acts"]["taken"] == 1
    assert body["needs"]["acts"]["tasks"][0]["offered"] == 5
    assert body["needs"]["team"]["roles"][0]["wanted"] == 2
    assert body["needs"]["money"]["budget"] == 250_000


def test_wagtail_api_listing_is_bounded(client, operator):
    url = "/api/v2/pages/?type=lab.LabBriefPage&fields=kind,status"

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries), response.json()["items"]

    for _i in range(2):
        LabBriefPageFactory(parent=operator)
    count_queries()
    with_two, _items = count_queries()
    for _i in range(8):
        LabBriefPageFactory(parent=operator)
    count_queries()  # the site, once per generation (portal.pagecache)
    with_ten, items = count_queries()
    assert len(items) == 10
    assert {item["kind"] for item in items} == {"idea"}
    assert with_ten == with_two <= 20


def test_past_tasks_show_no_sign_up_button(member_client, brief):
    VolunteerTaskFactory(
        brief=brief,
        title="Hier",
        starts_at=timezone.now() - datetime.timedelta(days=1),
    )
    response = member_client.post(
        f"/fr/lab/tasks/{brief.tasks.get(title='Hier').pk}/signup/", {"next": brief.url}
    )
    assert response.status_code == 302
    assert not VolunteerSignup.objects.exists()


def test_brief_page_costs_the_same_whatever_its_needs(client, operator):
    def count(brief):
        client.get(brief.url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(brief.url).status_code == 200
        return len(queries)

    def brief_with(n):
        brief = LabBriefPageFactory(parent=operator, category=CategoryFactory())
        for _i in range(n):
            task = VolunteerTaskFactory(brief=brief)
            TeamRoleFactory(brief=brief)
            AdviceQuestionFactory(brief=brief)
            VolunteerSignupFactory(task=task)
        brief.save_revision().publish()
        return brief

    assert count(brief_with(8)) == count(brief_with(1)) <= 12


def test_api_brief_listing_costs_the_same_for_2_or_10_briefs(client, operator):
    def count():
        url = "/api/v2/pages/?type=lab.LabBriefPage&fields=*"
        client.get(url)  # the site's shared parts, kept for its generation (portal.pagecache)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    def add_briefs(n):
        for _i in range(n):
            brief = LabBriefPageFactory(parent=operator, category=CategoryFactory())
            VolunteerSignupFactory(task=VolunteerTaskFactory(brief=brief))
            TeamRoleFactory(brief=brief)

    add_briefs(2)
    with_two = count()
    add_briefs(8)
    assert count() == with_two <= 12
