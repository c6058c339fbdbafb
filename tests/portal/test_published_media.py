"""Anonymous visitors see the images and documents that live, public pages use, nothing more."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction

import pytest

from tests.factories import ContentPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def files_on_disk(settings, tmp_path):
    """/documents/ sends files from disk: the suite's in-memory storage has no paths."""
    settings.MEDIA_ROOT = str(tmp_path)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


@pytest.fixture
def media(operator, files_on_disk):
    """In Nest'up's collection: an image and a document a live page shows, and one of each
    that no page uses (a budget still being drafted)."""
    Image, Document = get_image_model(), get_document_model()
    shown_image = Image.objects.create(
        title="Atelier en photo", file=get_test_image_file(), collection=operator.collection
    )
    unused_image = Image.objects.create(
        title="Photo interne", file=get_test_image_file(), collection=operator.collection
    )
    shown_doc, unused_doc = (
        Document.objects.create(
            title=title,
            collection=operator.collection,
            file=SimpleUploadedFile(f"{name}.pdf", b"%PDF-1.4 " + name.encode()),
        )
        for title, name in (("Plan de l'atelier", "plan"), ("Budget confidentiel", "budget"))
    )
    ContentPageFactory(
        parent=operator,
        title="L'atelier",
        slug="atelier",
        body=[
            {
                "type": "image",
                "value": {"image": shown_image.pk, "alt_text": "", "decorative": True},
            },
            {
                "type": "paragraph",
                "value": f'<p><a linktype="document" id="{shown_doc.pk}">Le plan</a></p>',
            },
        ],
    )
    return {
        "image": shown_image,
        "doc": shown_doc,
        "unused_image": unused_image,
        "unused_doc": unused_doc,
    }


def titles(client, endpoint):
    response = client.get(f"/api/v2/{endpoint}/")
    assert response.status_code == 200
    return {item["title"] for item in response.json()["items"]}


def test_the_public_api_lists_only_what_live_pages_use(client, media):
    assert titles(client, "images") == {"Atelier en photo"}
    assert titles(client, "documents") == {"Plan de l'atelier"}
    assert client.get(f"/api/v2/documents/{media['unused_doc'].pk}/").status_code == 404
    assert client.get(f"/api/v2/images/{media['unused_image'].pk}/").status_code == 404
    response = client.get("/api/v2/images/?search=photo")
    assert [item["title"] for item in response.json()["items"]] == ["Atelier en photo"]


def test_files_of_private_or_draft_pages_are_not_listed(client, operator, media):
    page = operator.get_children().get(slug="atelier")
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="x")
    assert titles(client, "documents") == set()
    PageViewRestriction.objects.all().delete()
    page.specific.unpublish()
    assert titles(client, "images") == set()


def test_unused_documents_are_not_downloadable_anonymously(client, media):
    shown = client.get(media["doc"].url)
    assert shown.status_code == 200
    assert b"".join(shown.streaming_content) == b"%PDF-1.4 plan"
    assert client.get(media["unused_doc"].url).status_code == 404


def test_the_operators_staff_still_download_their_unused_documents(media, editor, other_editor):
    ours, theirs = Client(), Client()
    ours.force_login(editor)
    theirs.force_login(other_editor)
    assert ours.get(media["unused_doc"].url).status_code == 200
    assert theirs.get(media["unused_doc"].url).status_code == 404
