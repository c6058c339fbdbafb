"""The financing plan: the page in four languages, both APIs, and match funds that add their
money only if the crowd reaches the goal (set aside while live, settled by the closing run)."""

from concurrent.futures import ThreadPoolExecutor

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from wagtail.test.utils.form_data import inline_formset
from wagtail.users.models import UserProfile

import pytest

from campaigns.closing import run_closing
from campaigns.models import CampaignPage, FinancingSource, Pledge, PledgeMatch, PledgeStatus
from campaigns.pledging import move
from portal.formatting import format_money
from portal.translation import translate
from tests.campaigns.test_closing import end, pledge_via_api
from tests.campaigns.test_updates import admin_form
from tests.factories.campaigns import (
    CampaignPageFactory,
    FinancingSourceFactory,
    MatchFundFactory,
    PledgeFactory,
)

pytestmark = pytest.mark.django_db

LABELS = {
    "fr": ("La foule", "Subside de la commune", "Prêt Sowalfin", "Cofinancement régional"),
    "nl": ("De menigte", "Gemeentelijke subsidie", "Sowalfin-lening", "Regionale cofinanciering"),
    "de": ("Die Menge", "Zuschuss der Gemeinde", "Sowalfin-Darlehen", "Regionale Kofinanzierung"),
    "en": ("The crowd", "Municipal grant", "Sowalfin loan", "Regional co-financing"),
}
HEADINGS = {
    "fr": ("Plan de financement", "Reste à trouver", "Conditionnel"),
    "nl": ("Financieringsplan", "Nog te vinden", "Voorwaardelijk"),
    "de": ("Finanzierungsplan", "Noch zu finden", "Bedingt"),
    "en": ("Financing plan", "Still to find", "Conditional"),
}


def count(campaign, amount):
    pledge = PledgeFactory(campaign=campaign, amount=amount, status=PledgeStatus.PENDING)
    return move(pledge.pk, PledgeStatus.COMMITTED)


@pytest.fixture
def region(campaign):
    """The Region adds 1 EUR per EUR raised, up to 200 EUR, if the goal (1,000 EUR) is reached."""
    return MatchFundFactory(
        operator=campaign.get_parent().specific,
        name="Région wallonne",
        total=1_000_000,
        cap_per_campaign=20_000,
        unlocks_when_goal_reached=True,
        campaigns=[campaign],
    )


@pytest.fixture
def planned(campaign, region):
    """A 3,000 EUR budget: the crowd's 1,000, a granted 500 grant, a requested 600 loan and
    the Region's 200: 700 EUR still to find."""
    crowd, grant, loan, match = LABELS["fr"]
    FinancingSourceFactory(campaign=campaign, kind="crowd", label=crowd, amount=None)
    FinancingSourceFactory(campaign=campaign, label=grant, amount=50_000, status="granted")
    FinancingSourceFactory(
        campaign=campaign, kind="loan", label=loan, amount=60_000, status="requested"
    )
    FinancingSourceFactory(
        campaign=campaign, kind="match_fund", label=match, amount=None, match_fund=region
    )
    campaign.total_budget = 300_000
    campaign.save_revision().publish()
    return CampaignPage.objects.get(pk=campaign.pk)


def test_conditional_match_is_set_aside_not_counted_until_closing(planned, region):
    pledge = count(planned, 15_000)
    assert pledge.matched_amount == 0
    (match,) = PledgeMatch.objects.filter(pledge=pledge)
    assert (match.amount, match.conditional) == (15_000, True)
    campaign = CampaignPage.objects.get(pk=planned.pk)
    assert campaign.matched == 0
    line = campaign_line(campaign, "match_fund")
    assert (line["so_far"], line["status"], line["conditional"]) == (15_000, "conditional", True)
    assert line["amount"] == 20_000

    count(planned, 90_000)  # the crowd alone reaches the goal: the cap is unlocked
    campaign = CampaignPage.objects.get(pk=planned.pk)
    line = campaign_line(campaign, "match_fund")
    assert (line["so_far"], line["status"]) == (20_000, "granted")
    assert campaign.matched == 0
    assert region.matches.filter(released_at__isnull=True).count() == 2


def test_conditional_match_cannot_lift_the_crowd_to_the_goal(campaign, region):
    region.cap_per_campaign = None
    region.save()
    count(campaign, 90_000)  # with its 900 EUR match it would pass 1,000 EUR: it does not count
    campaign = CampaignPage.objects.get(pk=campaign.pk)
    assert campaign.total_funding == 90_000
    end(campaign)
    run_closing()
    assert PledgeMatch.objects.get().released_at is not None
    assert CampaignPage.objects.get(pk=campaign.pk).matched == 0


def campaign_line(campaign, kind):
    from campaigns.financing import plan_of

    return next(line for line in plan_of(campaign).as_api_dict()["sources"] if line["kind"] == kind)


def test_closing_adds_conditional_matches_once_the_goal_is_reached(client, planned, region):
    first = pledge_via_api(client, planned, "lea@example.org", "pm_card_visa", amount=60_000)
    second = pledge_via_api(client, planned, "tom@example.org", "pm_card_visa", amount=40_000)
    assert CampaignPage.objects.get(pk=planned.pk).matched == 0
    end(planned)

    report = run_closing()

    assert report["charged"] == 2
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (PledgeStatus.PAID, PledgeStatus.PAID)
    assert (first.matched_amount, second.matched_amount) == (20_000, 0)
    assert not PledgeMatch.objects.filter(conditional=True).exists()
    page = CampaignPage.objects.get(pk=planned.pk)
    assert (page.raised, page.matched) == (100_000, 20_000)
    run_closing()
    first.refresh_from_db()
    assert first.matched_amount == 20_000
    assert CampaignPage.objects.get(pk=planned.pk).matched == 20_000


def test_closing_gives_conditional_matches_back_when_the_goal_is_missed(client, planned, region):
    pledge = pledge_via_api(client, planned, "lea@example.org", "pm_card_visa", amount=50_000)
    end(planned)
    report = run_closing()
    assert (report["charged"], report["released"]) == (0, 1)
    pledge.refresh_from_db()
    assert (pledge.status, pledge.matched_amount) == (PledgeStatus.RELEASED, 0)
    assert not region.matches.filter(released_at__isnull=True).exists()


def test_flexible_campaign_below_its_goal_keeps_the_crowd_money_but_not_the_match(
    client, flexible_campaign
):
    region = MatchFundFactory(
        operator=flexible_campaign.get_parent().specific,
        unlocks_when_goal_reached=True,
        campaigns=[flexible_campaign],
    )
    pledge = pledge_via_api(client, flexible_campaign, "lea@example.org", "pm_card_visa", 30_000)
    assert pledge.status == PledgeStatus.PAID
    assert region.matches.get().amount == 30_000
    end(flexible_campaign)
    run_closing()
    pledge.refresh_from_db()
    assert (pledge.status, pledge.matched_amount) == (PledgeStatus.PAID, 0)
    assert region.matches.get().released_at is not None
    page = CampaignPage.objects.get(pk=flexible_campaign.pk)
    assert (page.raised, page.matched) == (30_000, 0)


def test_page_shows_the_plan_in_four_languages(client, planned):
    count(planned, 15_000)
    pages = {"fr": planned}
    french = dict(zip(LABELS["fr"], range(4), strict=True))
    for language in ("nl", "de", "en"):
        strings = {label: LABELS[language][n] for label, n in french.items()}
        strings.update(
            {
                planned.title: f"{planned.title} ({language})",
                planned.slug: f"{planned.slug}-{language}",
                planned.summary: f"{language}: {planned.summary}",
            }
        )
        pages[language] = translate(planned, language, strings)
    for language, page in pages.items():
        html = client.get(CampaignPage.objects.get(pk=page.pk).url).content.decode()
        heading, gap, conditional = HEADINGS[language]
        assert f'<h2 id="financing-plan-title">{heading}</h2>' in html, language
        for label in LABELS[language]:
            assert label in html, (language, label)
        assert gap in html
        assert conditional in html
        assert f'data-testid="gap">{format_money(70_000, language)}' in html
        assert f'data-testid="sources-total">{format_money(230_000, language)}' in html
        assert format_money(15_000, language) in html  # unlocked by the crowd so far


def test_plan_in_the_wagtail_api(client, planned, region):
    count(planned, 15_000)
    data = client.get(f"/api/v2/pages/{planned.pk}/").json()
    assert data["total_budget"] == 300_000
    plan = data["financing_plan"]
    assert (plan["total_budget"], plan["sources_total"], plan["gap"]) == (300_000, 230_000, 70_000)
    assert plan["secured"] == 50_000
    assert [line["kind"] for line in plan["sources"]] == ["crowd", "grant", "loan", "match_fund"]
    crowd, grant, loan, match = plan["sources"]
    assert (crowd["amount"], crowd["so_far"], crowd["status"]) == (100_000, 15_000, "requested")
    assert (grant["amount"], grant["status"], grant["so_far"]) == (50_000, "granted", None)
    assert match == {
        "kind": "match_fund",
        "kind_display": "Fonds d'abondement",
        "label": "Cofinancement régional",
        "amount": 20_000,
        "amount_display": format_money(20_000, "fr"),
        "status": "conditional",
        "status_display": "Conditionnel à l'atteinte de l'objectif par la foule",
        "so_far": 15_000,
        "so_far_display": format_money(15_000, "fr"),
        "conditional": True,
        "match_fund": region.pk,
    }


@pytest.mark.parametrize(
    ("language", "gap_display", "status_display"),
    [
        ("fr", "700\xa0€", "Accordé"),
        ("nl", "€\xa0700", "Toegekend"),
        ("de", "700\xa0€", "Bewilligt"),
        ("en", "€700", "Granted"),
    ],
)
def test_plan_in_api_v1_in_the_request_language(
    client, planned, language, gap_display, status_display
):
    response = client.get(f"/api/v1/campaigns/{planned.pk}/", headers={"accept-language": language})
    assert response.status_code == 200
    data = response.json()
    assert data["goal"] == 100_000
    assert data["goal_display"] == format_money(100_000, language)
    plan = data["financing_plan"]
    assert (plan["gap"], plan["gap_display"]) == (70_000, gap_display)
    assert plan["sources"][1]["status_display"] == status_display


def test_api_v1_campaign_unknown_or_draft_is_404(client, operator):
    draft = CampaignPageFactory(parent=operator, live=False)
    assert client.get(f"/api/v1/campaigns/{draft.pk}/").status_code == 404
    assert client.get("/api/v1/campaigns/999999/").status_code == 404


def source_row(kind, amount="", label="", status="requested", match_fund=""):
    return {
        "kind": kind,
        "label": label,
        "amount": amount,
        "status": status,
        "match_fund": match_fund,
    }


def test_operator_edits_the_plan_in_euros_and_cents_are_stored(
    moderator, other_operator, campaign, region
):
    admin = Client()
    admin.force_login(moderator)
    url = f"/admin/pages/{campaign.pk}/edit/"
    MatchFundFactory(operator=other_operator, name="Pot secret de GRE")
    form = admin.get(url).content.decode()
    assert "Plan de financement" in form
    assert "Région wallonne" in form
    assert "Pot secret de GRE" not in form

    rows = [
        source_row("crowd", label="La foule"),
        source_row("grant", "1250,50", "Subside de la commune", "granted"),
        source_row("loan", "2000.5", "Prêt Sowalfin"),
        source_row("match_fund", match_fund=region.pk),
    ]
    response = admin.post(
        url,
        admin_form(
            campaign,
            [],
            total_budget="5000",
            financing_sources=inline_formset(rows),
            **{"action-publish": "1"},
        ),
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    page = CampaignPage.objects.get(pk=campaign.pk)
    assert page.total_budget == 500_000
    assert [(s.kind, s.amount) for s in page.financing_sources.all()] == [
        ("crowd", None),
        ("grant", 125_050),
        ("loan", 200_050),
        ("match_fund", None),
    ]
    form = admin.get(url).content.decode()
    assert 'value="1250.50"' in form
    # 1,000 (crowd) + 1,250.50 + 2,000.50 + up to 200 (the Region) of a 5,000 EUR budget
    assert f"Reste à trouver : {format_money(54_900, 'fr')}." in form


@pytest.mark.parametrize(
    ("language", "negative", "missing", "no_fund", "uncovered"),
    [
        (
            "fr",
            "Un montant ne peut pas être négatif.",
            "Indiquez le montant de cette source, en euros.",
            "Choisissez le fonds d&#x27;abondement que cette ligne représente.",
            "Ce fonds d&#x27;abondement ne couvre pas cette campagne.",
        ),
        (
            "en",
            "An amount cannot be negative.",
            "Give the amount of this source, in euros.",
            "Choose the match fund this line stands for.",
            "This match fund does not cover this campaign.",
        ),
    ],
)
def test_admin_refuses_bad_lines_with_clear_errors(
    moderator, operator, campaign, language, negative, missing, no_fund, uncovered
):
    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = language
    profile.save()
    admin = Client()
    admin.force_login(moderator)
    rows = [
        source_row("grant", "-5", "Subside"),
        source_row("own_funds", "", "Fonds propres"),
        source_row("match_fund"),
        source_row("match_fund", match_fund=MatchFundFactory(operator=operator).pk),
    ]
    response = admin.post(
        f"/admin/pages/{campaign.pk}/edit/",
        admin_form(campaign, [], financing_sources=inline_formset(rows)),
    )
    assert response.status_code == 200
    html = response.content.decode()
    for message in (negative, missing, no_fund, uncovered):
        assert message in html, message
    assert not FinancingSource.objects.exists()


def test_campaign_page_queries_do_not_grow_with_the_plan(client, operator):
    """The plan is part of the page's public figures (portal.pagecache): as many queries for
    two lines as for twelve, rendered again or afresh after a pledge."""

    def planned_campaign(lines, funds):
        campaign = CampaignPageFactory(parent=operator)
        FinancingSourceFactory(campaign=campaign, kind="crowd", amount=None)
        for _n in range(lines):
            FinancingSourceFactory(campaign=campaign)
        for _n in range(funds):
            fund = MatchFundFactory(
                operator=operator, unlocks_when_goal_reached=True, campaigns=[campaign]
            )
            FinancingSourceFactory(
                campaign=campaign, kind="match_fund", amount=None, match_fund=fund
            )
        campaign.total_budget = 500_000
        campaign.save_revision().publish()
        count(campaign, 5_000)
        return campaign

    def queries(campaign):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(campaign.url).status_code == 200
        return len(captured)

    small = planned_campaign(lines=1, funds=1)
    big = planned_campaign(lines=8, funds=3)
    client.get(small.url)
    client.get(big.url)
    assert queries(small) == queries(big) <= 12
    PledgeFactory(campaign=small)
    afresh = queries(small)
    PledgeFactory(campaign=big)
    assert queries(big) == afresh


@pytest.mark.django_db(transaction=True)
def test_concurrent_closes_add_each_conditional_match_once(threads_db, client, campaign):
    MatchFundFactory(
        operator=campaign.get_parent().specific,
        total=1_000_000,
        unlocks_when_goal_reached=True,
        campaigns=[campaign],
    )
    for n in range(4):
        pledge_via_api(client, campaign, f"b{n}@example.org", "pm_card_visa", amount=25_000)
    end(campaign)

    def close(_n):
        try:
            return run_closing()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=3) as pool:
        reports = list(pool.map(close, range(3)))
    assert sum(report["charged"] for report in reports) == 4
    assert sorted(Pledge.objects.values_list("matched_amount", flat=True)) == [25_000] * 4
    assert CampaignPage.objects.get(pk=campaign.pk).matched == 100_000
    assert not PledgeMatch.objects.filter(conditional=True).exists()
