"""Project fixtures: Nest'up takes proposals; a helper proposes through the API and moderates."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from wagtail.models import WorkflowState

import pytest
from PIL import Image

from projects.models import ProposalTerms

PROPOSAL = {
    "title": "Une brasserie coopérative à Namur",
    "summary": "Brasser local avec les habitants du quartier.",
    "story": "Nous sommes <b>cinq</b> voisins.\n\nIl nous faut une cuve.<script>alert(1)</script>",
    "video_url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    "goal_eur": "2500",
    "funding_model": "all_or_nothing",
    "duration_days": 30,
    "reward_tiers": [
        {"title": "Une bière", "minimum_eur": "10", "description": "Une bouteille."},
        {"title": "Un brassin", "minimum_eur": "150.50", "limit": 5},
    ],
    "budget_lines": [{"label": "Cuve", "amount_eur": "2000"}, {"label": "Malt", "amount_eur": 500}],
}


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def png_file(name="cover.png", size=(40, 30), image_format="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 100, 50)).save(buffer, image_format)
    content_type = {"PNG": "image/png", "GIF": "image/gif", "JPEG": "image/jpeg"}[image_format]
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)


@pytest.fixture
def terms(operator):
    return ProposalTerms.objects.create(operator=operator, accepts_proposals=True)


def propose(client, section, **changes):
    return client.post(
        "/api/v1/projects/",
        {"operator": section.pk, **PROPOSAL, **changes},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="fr",
    )


def moderate(moderator, page, action, comment=""):
    state = WorkflowState.objects.get(object_id=str(page.pk), status="in_progress")
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, action, state.current_task_state_id],
    )
    return client_for(moderator).post(url, {"comment": comment})
