"""Demo campaigns for `manage.py seed_demo`: six campaigns in four languages, with pledges.

The texts and figures are data (`demo/*.toml`, read by portal.demo_data); the operators, the
categories and the territories are the portal's, seeded before (portal.demo). Idempotent:
campaigns, tiers, translations and pledges are found by slug and made only once. Pledges are
written directly (no card): they stand for backers who pledged earlier.
"""

import datetime

from django.utils import timezone
from django.utils.text import slugify

from campaigns.matching import apply_matches
from campaigns.models import (
    CampaignIndexPage,
    CampaignPage,
    FinancingSource,
    MatchFund,
    Pledge,
    PledgeStatus,
    RewardTier,
)
from portal import demo_data
from portal.models import Category, HomePage, OperatorPage, Territory
from portal.translation import is_translated, translate

LANGUAGES = ("nl", "de", "en")

DEMO = demo_data.section("campaigns")
INDEX = DEMO["index"]
CAMPAIGNS = demo_data.listed(DEMO["campaigns"])
FEATURED = DEMO["featured"]
BACKERS = DEMO["backers"]


def seed(command):
    home = HomePage.objects.get(locale__language_code="fr")
    index = _index_page(home)
    categories = {c.slug: c for c in Category.objects.filter(locale=home.locale)}
    territories = {t.slug: t for t in Territory.objects.filter(locale=home.locale)}
    operators = {o.slug: o for o in OperatorPage.objects.filter(locale=home.locale)}
    cofinancing = _cofinancing_fund(operators["region-wallonne"])
    for spec in CAMPAIGNS:
        campaign = _campaign(spec, operators, categories, territories, cofinancing)
        _pledges(campaign, spec)
        if spec.get("match_fund"):
            _match_fund(campaign, operators["region-wallonne"], categories["energie"])
        if spec.get("plan"):
            _set_aside(campaign, cofinancing)
        if spec["slug"] in FEATURED:
            home.feature(campaign)
    command.stdout.write(f"campaigns: {len(CAMPAIGNS)} demo campaigns under {index.url_path}")


def _fr(texts):
    return texts["fr"]


def _strings(language, *texts):
    """The translation table for translate(): each French text to its `language` version."""
    strings = {}
    for text in texts:
        strings[text["fr"]] = text[language]
    return strings


def _index_page(home):
    index = CampaignIndexPage.objects.filter(locale=home.locale).first()
    if index is None:
        index = CampaignIndexPage(
            title=_fr(INDEX["title"]),
            slug="campagnes",
            intro=_fr(INDEX["intro"]),
            show_in_menus=True,
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    for language in LANGUAGES:
        if is_translated(index, language):
            continue
        slug = {"fr": "campagnes", language: slugify(INDEX["title"][language])}
        translate(index, language, _strings(language, INDEX["title"], INDEX["intro"], slug))
    return index


def _closed(spec):
    return demo_data.duration(spec["ends"]) < datetime.timedelta(0)


def _campaign(spec, operators, categories, territories, cofinancing):
    operator = operators[spec["operator"]]
    campaign = CampaignPage.objects.filter(slug=spec["slug"], locale=operator.locale).first()
    if campaign is None:
        now = timezone.now().replace(second=0, microsecond=0)
        campaign = CampaignPage(
            title=_fr(spec["title"]),
            slug=spec["slug"],
            summary=_fr(spec["summary"]),
            body=[("paragraph", f"<p>{_fr(spec['body'])}</p>")],
            goal=spec["goal"],
            starts_at=now + demo_data.duration(spec["starts"]),
            deadline=now + demo_data.duration(spec["ends"]),
            funding_model=spec["model"],
            category=categories[spec["category"]],
            territory=territories[spec["territory"]],
        )
        for tier in spec["tiers"]:
            campaign.reward_tiers.add(
                RewardTier(
                    title=_fr(tier["title"]),
                    description=_fr(tier["description"]),
                    minimum_amount=tier["minimum"],
                    limit=tier.get("limit"),
                    locale=operator.locale,
                )
            )
        _plan(campaign, spec, operator.locale, cofinancing)
        operator.add_child(instance=campaign)
        campaign.save_revision().publish()
        if spec.get("plan"):
            cofinancing.campaigns.add(campaign)
        if _closed(spec):
            CampaignPage.objects.filter(pk=campaign.pk).update(closed_at=campaign.deadline)
    texts = [spec["title"], spec["summary"], spec["body"]]
    for tier in spec["tiers"]:
        texts += [tier["title"], tier["description"]]
    texts += [line["label"] for line in spec.get("plan", [])]
    for language in LANGUAGES:
        if is_translated(campaign, language):
            continue
        slug = {"fr": spec["slug"], language: slugify(spec["title"][language])}
        translate(campaign, language, _strings(language, *texts, slug))
    if _closed(spec):
        CampaignPage.objects.filter(translation_key=campaign.translation_key).update(
            closed_at=campaign.deadline
        )
    return campaign


def _pledges(campaign, spec):
    if Pledge.objects.filter(campaign_key=campaign.translation_key).exists():
        return
    tiers = list(campaign.reward_tiers.all())
    for n, (amount, status) in enumerate(spec["pledges"]):
        name = BACKERS[n % len(BACKERS)]
        tier = next((t for t in tiers if t.minimum_amount <= amount), None)
        Pledge.objects.create(
            campaign=campaign,
            campaign_key=campaign.translation_key,
            reward_tier=tier,
            tier_key=tier.translation_key if tier else None,
            email=f"{slugify(name)}@example.org",
            name=name,
            language=("fr", "nl", "de", "en")[n % 4],
            amount=amount,
            funding_model=campaign.funding_model,
            status=status,
            anonymous=n == 2,
            counted_at=timezone.now() if status in ("committed", "paid") else None,
            receipt_sent_at=timezone.now(),
        )


def _match_fund(campaign, region, energy):
    fund, created = MatchFund.objects.get_or_create(
        name="Fonds régional pour l'énergie citoyenne",
        defaults={
            "operator": region,
            "total": 500_000,
            "ratio_fund": 1,
            "ratio_crowd": 1,
            "cap_per_pledge": 50_000,
        },
    )
    if created:
        fund.categories.set([energy])
        fund.campaigns.set([campaign])
        for pledge in Pledge.objects.filter(
            campaign_key=campaign.translation_key, status=PledgeStatus.COMMITTED
        ):
            apply_matches(pledge)
            pledge.save(update_fields=["matched_amount"])


def _cofinancing_fund(region):
    """The Region adds 1 EUR per EUR raised, up to 20,000 EUR a campaign, if its goal is reached."""
    fund, _created = MatchFund.objects.get_or_create(
        name="Cofinancement régional des projets citoyens",
        defaults={
            "operator": region,
            "total": 10_000_000,
            "cap_per_campaign": 2_000_000,
            "unlocks_when_goal_reached": True,
        },
    )
    return fund


def _plan(campaign, spec, locale, cofinancing):
    campaign.total_budget = spec.get("budget")
    for line in spec.get("plan", []):
        campaign.financing_sources.add(
            FinancingSource(
                kind=line["kind"],
                label=_fr(line["label"]),
                amount=line.get("amount"),
                status=line["status"],
                match_fund=cofinancing if line["kind"] == "match_fund" else None,
                locale=locale,
            )
        )


def _set_aside(campaign, fund):
    """What the crowd has unlocked so far of the Region's conditional co-financing."""
    for pledge in Pledge.objects.filter(
        campaign_key=campaign.translation_key, status=PledgeStatus.COMMITTED
    ).exclude(matches__fund=fund):
        apply_matches(pledge, only=fund)
        pledge.save(update_fields=["matched_amount"])
