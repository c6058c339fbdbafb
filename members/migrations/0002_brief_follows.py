from django.db import migrations


def brief_follows_to_follows(apps, schema_editor):
    """The lab's follows of briefs become general follows, keyed by the brief's translation."""
    BriefFollow = apps.get_model("lab", "BriefFollow")
    Follow = apps.get_model("members", "Follow")
    rows = BriefFollow.objects.select_related("brief").iterator()
    Follow.objects.bulk_create(
        [
            Follow(member_id=row.member_id, target="brief", key=str(row.brief.translation_key))
            for row in rows
        ],
        ignore_conflicts=True,
    )


def follows_to_brief_follows(apps, schema_editor):
    BriefFollow = apps.get_model("lab", "BriefFollow")
    Follow = apps.get_model("members", "Follow")
    LabBriefPage = apps.get_model("lab", "LabBriefPage")
    for follow in Follow.objects.filter(target="brief").iterator():
        brief = (
            LabBriefPage.objects.filter(translation_key=follow.key, alias_of__isnull=True)
            .order_by("pk")
            .first()
        )
        if brief is not None:
            BriefFollow.objects.get_or_create(brief=brief, member_id=follow.member_id)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0001_follows_feed_profiles"),
        ("lab", "0002_graduation"),
    ]

    operations = [migrations.RunPython(brief_follows_to_follows, follows_to_brief_follows)]
