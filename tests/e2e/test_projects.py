"""A project holder in a browser: propose with an image and tiers, a moderator approves, live."""

import io

import pytest
from PIL import Image

from campaigns.models import CampaignPage
from projects.models import ProposalTerms
from tests.conftest import staff_of
from tests.e2e.conftest import log_in
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db(transaction=True)


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 120, 60)).save(buffer, "PNG")
    return buffer.getvalue()


def test_holder_proposes_moderator_approves_campaign_is_live(live_server, site, operator, new_page):
    ProposalTerms.objects.create(operator=operator, accepts_proposals=True)
    moderator = staff_of(operator, "moderator")
    member = MemberFactory()

    holder = new_page()
    log_in(holder, live_server, member.email, next_url="/fr/projects/propose/")
    holder.select_option("#id_operator", label="Nest'up")
    holder.fill("#id_title", "Une brasserie coopérative")
    holder.fill("#id_summary", "Brasser avec les voisins.")
    holder.fill("#id_story", "Cinq voisins, une cuve.\n\nEt vous ?")
    holder.set_input_files(
        "#id_cover_image", {"name": "cuve.png", "mimeType": "image/png", "buffer": png_bytes()}
    )
    holder.fill("#id_cover_alt", "Une cuve en cuivre")
    holder.fill("#id_video_url", "https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    holder.fill("#id_goal", "2500")
    holder.select_option("#id_funding_model", "all_or_nothing")
    holder.fill("#id_duration_days", "30")
    holder.fill("#id_tiers-0-title", "Une bière")
    holder.fill("#id_tiers-0-minimum_amount", "10")
    holder.fill("#id_budget-0-label", "Cuve")
    holder.fill("#id_budget-0-amount", "2000")
    holder.locator(".project-form button[type=submit]").click()
    holder.wait_for_url("**/fr/projects/*/edit/")
    assert holder.get_by_text("En attente d'un modérateur").first.is_visible()

    campaign = CampaignPage.objects.get(project_holder=member, alias_of__isnull=True)
    assert not campaign.live and campaign.hero_image.description == "Une cuve en cuivre"

    reviewer = new_page()
    log_in(reviewer, live_server, moderator.email)
    reviewer.get_by_role("link", name="Une brasserie coopérative").first.click()
    reviewer.wait_for_url(f"**/admin/pages/{campaign.pk}/edit/")
    reviewer.locator("footer button[data-w-dropdown-target='toggle']").click()
    reviewer.get_by_role("button", name="Approuver et Publier").click()
    reviewer.wait_for_load_state("networkidle")

    campaign.refresh_from_db()
    assert campaign.live
    visitor = new_page()
    visitor.goto(f"{live_server.url}{campaign.url}")
    assert visitor.get_by_role("heading", name="Une brasserie coopérative").first.is_visible()
    assert visitor.get_by_text("Une bière").first.is_visible()

    holder.goto(f"{live_server.url}/fr/projects/{campaign.pk}/dashboard/")
    assert holder.get_by_role("heading", name="Contributions par jour").is_visible()
