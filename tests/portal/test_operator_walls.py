"""Operators are walled off from each other: tested through the Wagtail admin's own views."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

import pytest

from portal.models import ContentPage, OperatorPage
from portal.operators import create_operator
from tests.factories import ContentPageFactory

pytestmark = pytest.mark.django_db


def admin_client(user):
    client = Client()
    client.force_login(user)
    return client


def page_form(title, slug, **extra):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": "Un résumé.",
            "body": streamfield([]),
            "comments": inline_formset([]),
            **extra,
        }
    )


def assert_denied(response):
    """Wagtail answers a forbidden admin action with 403 or a redirect to the dashboard; a page
    behind another operator's wall is not found at all (portal.admin_walls)."""
    if response.status_code == 302:
        assert response["Location"] in ("/admin/", "http://testserver/admin/")
    else:
        assert response.status_code in (403, 404)


def test_create_operator_builds_the_whole_section(operator):
    copies = OperatorPage.objects.filter(translation_key=operator.translation_key)
    assert sorted(copies.values_list("locale__language_code", flat=True)) == [
        "de",
        "en",
        "fr",
        "nl",
    ]
    for copy in copies:
        perms = copy.group_permissions.values_list("group__name", "permission__codename")
        assert ("Nest'up — editors", "add_page") in perms
        assert ("Nest'up — editors", "publish_page") not in perms
        assert ("Nest'up — moderators", "publish_page") in perms
        assert copy.get_workflow().pk == operator.workflow_id
    assert operator.collection.name == "Nest'up"


def test_create_operator_from_the_admin(site, django_user_model):
    admin = django_user_model.objects.create_superuser(email="root@example.org", password="x")
    response = admin_client(admin).post(
        "/admin/operators/new/", {"name": "Ville de Mons", "kind": "commune", "website": ""}
    )
    assert response.status_code == 302
    page = OperatorPage.objects.get(slug="ville-de-mons", locale__language_code="fr")
    assert page.editors_group.name == "Ville de Mons — editors"
    assert page.live


def test_only_platform_admins_create_operators(editor):
    response = admin_client(editor).post(
        "/admin/operators/new/", {"name": "Intrus", "kind": "commune"}
    )
    assert_denied(response)
    assert not OperatorPage.objects.filter(slug="intrus").exists()


def test_editor_drafts_in_own_section_but_cannot_publish(operator, editor):
    client = admin_client(editor)
    response = client.post(
        f"/admin/pages/add/portal/contentpage/{operator.pk}/",
        page_form("Appel à projets", "appel", **{"action-publish": "Publish"}),
    )
    page = ContentPage.objects.get(slug="appel", locale__language_code="fr")
    assert response.status_code == 302
    assert not page.live
    assert page.get_parent().pk == operator.pk


def test_editor_submits_and_moderator_approves(operator, editor, moderator):
    response = admin_client(editor).post(
        f"/admin/pages/add/portal/contentpage/{operator.pk}/",
        page_form("Atelier", "atelier", **{"action-submit": "Submit"}),
    )
    assert response.status_code == 302
    page = ContentPage.objects.get(slug="atelier", locale__language_code="fr")
    state = page.current_workflow_state
    assert state is not None and state.status == "in_progress"
    task_state = state.current_task_state

    client = admin_client(moderator)
    response = client.post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/",
        {"comment": "Parfait."},
    )
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live


def test_editor_cannot_touch_another_operators_section(operator, other_operator, editor):
    their_page = ContentPageFactory(parent=other_operator, title="Leur page", slug="leur-page")
    client = admin_client(editor)

    assert_denied(client.get(f"/admin/pages/{their_page.pk}/edit/"))
    assert_denied(
        client.post(
            f"/admin/pages/{their_page.pk}/edit/",
            page_form("Piraté", "leur-page", **{"action-publish": "Publish"}),
        )
    )
    assert_denied(client.get(f"/admin/pages/add/portal/contentpage/{other_operator.pk}/"))
    assert_denied(client.post(f"/admin/pages/{their_page.pk}/unpublish/"))
    assert_denied(client.post(f"/admin/pages/{their_page.pk}/delete/"))
    assert_denied(client.get(f"/admin/pages/{their_page.pk}/move/"))
    assert_denied(client.get(f"/admin/pages/{their_page.pk}/copy/"))
    their_page.refresh_from_db()
    assert their_page.title == "Leur page" and their_page.live


def test_editor_cannot_see_another_section_in_the_explorer(
    operator, other_operator, editor, other_editor
):
    ContentPageFactory(parent=other_operator, title="Leur page secrète", slug="secrete")
    ContentPageFactory(parent=operator, title="Notre page", slug="notre")
    client = admin_client(editor)
    # The explorer may show the (public) section itself, never what is inside it.
    theirs = client.get(f"/admin/pages/{other_operator.pk}/")
    assert "Leur page secrète" not in theirs.content.decode()
    own = admin_client(other_editor).get(f"/admin/pages/{other_operator.pk}/")
    assert "Leur page secrète" in own.content.decode()
    listing = client.get(f"/admin/pages/{operator.pk}/")
    assert listing.status_code == 200
    assert "Notre page" in listing.content.decode()
    assert "Leur page secrète" not in client.get("/admin/pages/search/?q=page").content.decode()


def test_editor_cannot_move_or_copy_own_pages_into_another_section(
    operator, other_operator, editor
):
    ours = ContentPageFactory(parent=operator, title="À nous", slug="a-nous")
    client = admin_client(editor)
    assert_denied(client.post(f"/admin/pages/{ours.pk}/move/{other_operator.pk}/confirm/"))
    response = client.post(
        f"/admin/pages/{ours.pk}/copy/",
        {
            "new_title": "Copie",
            "new_slug": "copie",
            "new_parent_page": other_operator.pk,
            "copy_subpages": False,
            "publish_copies": False,
            "alias": False,
        },
    )
    # The copy form comes back with the destination refused, nothing copied.
    assert response.status_code == 200
    assert "new_parent_page" in response.context["form"].errors
    assert not Page.objects.filter(slug="copie").exists()
    ours.refresh_from_db()
    assert ours.get_parent().pk == operator.pk


def test_moderator_cannot_publish_in_another_section(other_operator, moderator):
    theirs = ContentPageFactory(
        parent=other_operator, title="Brouillon", slug="brouillon", live=False
    )
    response = admin_client(moderator).post(
        f"/admin/pages/{theirs.pk}/edit/",
        page_form("Brouillon", "brouillon", **{"action-publish": "Publish"}),
    )
    assert_denied(response)
    theirs.refresh_from_db()
    assert not theirs.live


def test_editor_works_in_every_language_of_own_section(operator, editor):
    dutch_section = operator.get_translation(
        operator.locale.__class__.objects.get(language_code="nl")
    )
    response = admin_client(editor).get(f"/admin/pages/add/portal/contentpage/{dutch_section.pk}/")
    assert response.status_code == 200


def test_images_and_documents_are_walled_off(operator, other_operator, editor, other_editor):
    Image = get_image_model()
    Document = get_document_model()
    their_image = Image.objects.create(
        title="Leur logo", file=get_test_image_file(), collection=other_operator.collection
    )
    their_doc = Document.objects.create(
        title="Leur budget",
        collection=other_operator.collection,
        file=SimpleUploadedFile("budget.pdf", b"%PDF-1.4 secret"),
    )
    our_image = Image.objects.create(
        title="Notre logo", file=get_test_image_file(), collection=operator.collection
    )

    client = admin_client(editor)
    listing = client.get("/admin/images/").content.decode()
    assert "Notre logo" in listing and "Leur logo" not in listing
    assert_denied(client.get(f"/admin/images/{their_image.pk}/"))
    assert_denied(client.post(f"/admin/images/{their_image.pk}/delete/"))
    assert "Leur budget" not in client.get("/admin/documents/").content.decode()
    assert_denied(client.get(f"/admin/documents/edit/{their_doc.pk}/"))
    chooser = client.get("/admin/images/chooser/").content.decode()
    assert "Leur logo" not in chooser and "Notre logo" in chooser
    assert Image.objects.filter(pk=their_image.pk).exists()
    assert "Notre logo" not in admin_client(other_editor).get("/admin/images/").content.decode()
    assert our_image.collection == operator.collection


def test_create_operator_is_idempotent(site):
    first = create_operator(name="Nest'up", kind="incubator", slug="nestup")
    again = create_operator(name="Nest'up", kind="incubator", slug="nestup")
    assert first.pk == again.pk
    assert OperatorPage.objects.filter(slug="nestup").count() == 4


def test_create_operator_command(site, capsys):
    from django.core.management import call_command

    call_command("create_operator", "Province de Namur", "--kind", "province")
    page = OperatorPage.objects.get(slug="province-de-namur", locale__language_code="fr")
    assert page.moderators_group.name == "Province de Namur — moderators"
    assert "province-de-namur" in capsys.readouterr().out
