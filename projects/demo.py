"""Demo content of the projects app: Nest'up takes proposals, and a member's campaign went
through its moderators. Called by seed_demo after the portal's operators and accounts exist;
it uses the real services, so the demo shows what a member's proposal becomes."""

from django.contrib.auth import get_user_model

from portal.models import OperatorPage
from projects import services
from projects.models import Project, ProposalTerms

TAKING_PROPOSALS = {
    "nestup": "Un projet d'entreprise ou d'économie sociale en Wallonie, avec un budget clair.",
    "gre-liege": "Un projet ancré en province de Liège, porté par une équipe identifiée.",
}
PROPOSAL = {
    "holder": "member@maillon.be",
    "moderator": "moderator@nestup.be",
    "operator": "nestup",
    "title": "Une brasserie coopérative à Namur",
    "summary": "Brasser une bière locale avec les habitants du quartier des Arsouilles.",
    "story": (
        "Nous sommes cinq voisins passionnés de brassage.\n\n"
        "Avec une cuve de 500 litres, nous brasserons chaque mois une bière du quartier, "
        "vendue au juste prix dans les commerces de la rue."
    ),
    "video_url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    "goal": 400_000,
    "funding_model": "all_or_nothing",
    "duration_days": 45,
    "reward_tiers": [
        {"title": "Une bouteille du premier brassin", "minimum_amount": 1_000},
        {"title": "Un atelier de brassage", "minimum_amount": 7_500, "limit": 12},
    ],
    "budget_lines": [
        {"label": "Cuve de 500 litres", "amount": 280_000},
        {"label": "Malt, houblon et levures", "amount": 60_000},
        {"label": "Bouteilles et étiquettes", "amount": 60_000},
    ],
}


def seed(command):
    sections = {
        page.slug: page
        for page in OperatorPage.objects.filter(
            slug__in=TAKING_PROPOSALS, locale__language_code="fr"
        )
    }
    for slug, guidelines in TAKING_PROPOSALS.items():
        if slug in sections:
            ProposalTerms.objects.get_or_create(
                operator=sections[slug],
                defaults={"accepts_proposals": True, "guidelines": guidelines},
            )
    users = get_user_model().objects
    holder = users.filter(email=PROPOSAL["holder"]).first()
    moderator = users.filter(email=PROPOSAL["moderator"]).first()
    section = sections.get(PROPOSAL["operator"])
    if holder is None or moderator is None or section is None:
        return
    if Project.objects.filter(holder=holder, campaign__title=PROPOSAL["title"]).exists():
        return
    data = {key: value for key, value in PROPOSAL.items() if key not in ("holder", "moderator")}
    campaign = services.propose(holder, {**data, "operator": section}, "fr")
    campaign.current_workflow_state.current_task_state.approve(user=moderator)
    command.stdout.write(f"projects: {holder.email} proposed “{campaign.title}”, approved")
