from django.db import migrations

LANGUAGES = ["nl", "de", "en"]


def create_languages(apps, schema_editor):
    """The portal's four languages; NL, DE and EN follow the French tree until translated."""
    Locale = apps.get_model("wagtailcore", "Locale")
    LocaleSynchronization = apps.get_model("wagtail_localize", "LocaleSynchronization")
    french, _ = Locale.objects.get_or_create(language_code="fr")
    for code in LANGUAGES:
        locale, _ = Locale.objects.get_or_create(language_code=code)
        LocaleSynchronization.objects.get_or_create(locale=locale, defaults={"sync_from": french})


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_pages"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(create_languages, migrations.RunPython.noop)]
