"""Demo members' side: two public profiles and what they follow (run by `seed_demo`)."""

from campaigns.models import CampaignPage
from members.follows import follow_key
from members.models import PublicProfile, Target
from portal.models import OperatorPage, User

PROFILES = [
    {
        "email": "member@maillon.be",
        "slug": "nina-peeters",
        "bio": "Fietsherstelster in Namen, vrijwilligster bij buurtprojecten.",
        "expertise": "fietsen, buurtwerk",
        "follows": {"campaign": ["velo-atelier-namur"], "operator": ["nestup"]},
        "follows_members": ["expert@maillon.be"],
    },
    {
        "email": "expert@maillon.be",
        "slug": "paul-schmitz",
        "bio": "Ingenieur für erneuerbare Energien in Eupen.",
        "expertise": "Solarenergie, Dächer",
        "follows": {"campaign": ["toitures-solaires-gembloux"], "operator": []},
        "follows_members": [],
    },
]


def _page_keys(model, slugs):
    return model.objects.filter(slug__in=slugs, alias_of__isnull=True).values_list(
        "translation_key", flat=True
    )


def seed(command):
    for values in PROFILES:
        member = User.objects.filter(email=values["email"]).first()
        if member is None:
            continue
        PublicProfile.objects.get_or_create(
            member=member,
            defaults={
                "is_public": True,
                "slug": values["slug"],
                "bio": values["bio"],
                "expertise": values["expertise"],
            },
        )
        for key in _page_keys(CampaignPage, values["follows"]["campaign"]):
            follow_key(member, Target.CAMPAIGN, key)
        for key in _page_keys(OperatorPage, values["follows"]["operator"]):
            follow_key(member, Target.OPERATOR, key)
        for email in values["follows_members"]:
            followed = User.objects.filter(email=email).first()
            if followed is not None:
                follow_key(member, Target.MEMBER, followed.pk)
    command.stdout.write("Members: public profiles and follows seeded.")
