"""Demo content of the lab: /lab/ and six briefs across operators, in four languages.

Each brief has roles, questions and tasks (one task full, with a waitlist), advice from an
expert and from an ordinary member; one comes from the Community section. Texts are written
in each language and go through wagtail-localize. Seeding twice changes nothing.
"""

import datetime

from django.utils import timezone

from wagtail.models import Locale
from wagtail.rich_text import RichText

from allauth.account.models import EmailAddress

from lab import advice, graduation, services
from lab.models import ExpertProfile, LabBriefPage, LabIndexPage, VolunteerSignup
from portal import demo_data
from portal.models import Category, HomePage, OperatorPage, Territory, User
from portal.translation import is_translated, translate

LANGUAGES = ["nl", "de", "en"]
DEMO_PASSWORD = "maillon-demo"  # noqa: S105 - demo log-ins, printed by seed_demo

DEMO = demo_data.section("lab")
INDEX = DEMO["index"]
BRIEFS = list(DEMO["briefs"].values())
GRADUATED_BRIEF = DEMO["graduated_brief"]
FEATURED = DEMO["featured"]
GRADUATING_MODERATOR = DEMO["graduating_moderator"]


def _strings(brief, code):
    """Every source text of the brief mapped to its `code` translation."""
    texts = [brief["title"], brief["slug"], brief["summary"], brief["paragraph"]]
    for need in (*brief["roles"], *brief["questions"], *brief["tasks"]):
        texts += [need["title"], need["description"]]
    return {text["fr"]: text[code] for text in texts}


def _member(email, language="fr"):
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email,
            password=DEMO_PASSWORD,
            first_name=email.split("@")[0].capitalize(),
            preferred_language=language,
        )
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
    return user


def seed_index(home):
    index = LabIndexPage.objects.filter(locale=home.locale).first()
    if index is None:
        index = LabIndexPage(
            title=INDEX["title"]["fr"], slug="lab", intro=INDEX["intro"]["fr"], show_in_menus=True
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    for code in LANGUAGES:
        if not is_translated(index, code):
            translate(index, code, {values["fr"]: values[code] for values in INDEX.values()})
    return index


def seed_brief(values, section, command):
    brief = LabBriefPage.objects.filter(slug=values["slug"]["fr"], locale=section.locale).first()
    if brief is not None:
        return brief, False
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    french = Locale.objects.get(language_code="fr")
    proposer = _member(values["proposed_by"]) if values.get("proposed_by") else None
    brief = LabBriefPage(
        title=values["title"]["fr"],
        slug=values["slug"]["fr"],
        kind=values["kind"],
        summary=values["summary"]["fr"],
        challenge=[("paragraph", RichText(f"<p>{values['paragraph']['fr']}</p>"))],
        category=Category.objects.get(slug=values["category"], locale=french),
        territory=Territory.objects.get(slug=values["territory"], locale=french),
        budget=values.get("budget"),
        proposed_by=proposer,
        proposed_at=now if proposer else None,
    )
    for role in values["roles"]:
        brief.roles.add(
            brief.roles.model(
                title=role["title"]["fr"],
                description=role["description"]["fr"],
                people_wanted=role["people"],
                locale=french,
            )
        )
    for question in values["questions"]:
        brief.questions.add(
            brief.questions.model(
                title=question["title"]["fr"],
                description=question["description"]["fr"],
                locale=french,
            )
        )
    for task in values["tasks"]:
        starts_at = now + datetime.timedelta(days=task["days"])
        brief.tasks.add(
            brief.tasks.model(
                title=task["title"]["fr"],
                description=task["description"]["fr"],
                starts_at=starts_at,
                ends_at=starts_at + datetime.timedelta(hours=task["hours"]),
                place=task["place"],
                places=task["places"],
                locale=french,
            )
        )
    section.add_child(instance=brief)
    brief.save_revision().publish()
    for code in LANGUAGES:
        translate(brief, code, _strings(values, code))
    command.stdout.write(f"Created the lab brief “{brief.title}”.")
    return brief, True


def seed_crowd(brief, values):
    """Sign-ups (the first task of the first brief ends up full, with a waitlist) and advice."""
    for task, task_values in zip(brief.tasks.all(), values["tasks"], strict=True):
        for email in task_values["volunteers"]:
            services.sign_up(task, _member(email))
    for email, text in values["advice"]:
        advice.post_advice(brief, _member(email), text)


def seed_expert(operators):
    expert = _member("expert@maillon.be", "de")
    ExpertProfile.objects.get_or_create(
        member=expert,
        defaults={
            "domains": "énergie, droit des coopératives, assurances",
            "verified_by_operator": operators["nestup"],
        },
    )


def seed_graduation(command):
    """One brief has graduated: its campaign is published and translated like the brief."""
    values = next(v for v in BRIEFS if v["slug"]["fr"] == GRADUATED_BRIEF)
    brief = LabBriefPage.objects.filter(slug=GRADUATED_BRIEF, locale__language_code="fr").first()
    moderator = User.objects.filter(email=GRADUATING_MODERATOR).first()
    if brief is None or moderator is None or hasattr(brief, "graduation"):
        return
    campaign = graduation.graduate(brief, moderator)
    campaign.save_revision(user=moderator).publish(user=moderator)
    strings = {}
    for code in LANGUAGES:
        strings = _strings(values, code)
        strings[campaign.slug] = values["slug"][code]
        translate(campaign, code, strings)
    command.stdout.write(f"Graduated “{brief.title}” into its campaign.")


def seed(command):
    french = Locale.objects.get(language_code="fr")
    home = HomePage.objects.filter(locale=french).first()
    if home is None:
        return
    seed_index(home)
    operators = {page.slug: page for page in OperatorPage.objects.filter(locale=french)}
    seed_expert(operators)
    for values in BRIEFS:
        section = operators.get(values["operator"])
        if section is None:
            continue
        brief, created = seed_brief(values, section, command)
        if created:
            seed_crowd(brief, values)
        if values["slug"]["fr"] in FEATURED:
            home.feature(brief)
    seed_graduation(command)
    waitlisted = VolunteerSignup.objects.filter(status=VolunteerSignup.Status.WAITLISTED)
    command.stdout.write(
        f"Lab: {LabBriefPage.objects.filter(locale=french).count()} briefs, "
        f"{waitlisted.count()} volunteer(s) on a waitlist."
    )
