"""Walk every admin URL the project registers as another operator's staff.

Operator B (GRE Liège) owns one object of every walled kind, each carrying a secret string; all
that are not pages share the primary key 9001. Operator A's editor and
moderator GET each admin URL with those keys in every path parameter, then POST to every URL that
takes an object, and B's secrets must never show in a response nor B's data change.
"""

import re

from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page

import pytest
from django_comments_xtd.models import XtdComment

from campaigns.models import MatchFund, Pledge
from lab.models import ExpertProfile
from projects.models import ProposalTerms
from tax.models import Attestation, Beneficiary
from tests.conftest import staff_of
from tests.factories import ContentPageFactory, MemberFactory
from tests.factories.campaigns import CampaignPageFactory, MatchFundFactory, PledgeFactory
from tests.factories.lab import ExpertProfileFactory, LabBriefPageFactory
from tests.factories.tax import BeneficiaryFactory

pytestmark = pytest.mark.django_db

THEIRS = 9001
SECRETS = [
    "Secret fund of GRE",
    "Secret expertise of GRE",
    "Secret campaign of GRE",
    "Secret brief of GRE",
    "Secret page of GRE",
    "secret-backer@example.org",
    "Secret image of GRE",
    "Secret document of GRE",
    "Secret advice of GRE",
    "secret-staff@example.org",
    "secret-expert@example.org",
    "Secret beneficiary of GRE",
    "Secret donor of GRE",
    "Secret terms of GRE",
]

# URLs that cannot take another operator's objects, or must not be called by a walker.
SKIPPED = {
    "admin/logout/": "would end the walker's session",
    "admin/account/": "the user's own account, no operator objects",
    "admin/failwhale/": "raises on purpose to test the error page",
    "admin/test404/": "a fixed 404 page",
    "admin/^.*/$": "the catch-all 404",
    "admin/login/": "anonymous log-in form",
    "admin/password_reset/": "anonymous password reset",
    "admin/password_reset/done/": "anonymous password reset",
    "admin/password_reset/confirm/<uidb64>/<token>/": "anonymous password reset",
    "admin/password_reset/complete/": "anonymous password reset",
    "admin/editing-sessions/release/<int:session_id>/": "releases the walker's own session",
}

# Path parameters that name model instances: filled with B's keys (and A's page, for moves).
OBJECT_PARAMS = re.compile(r"^(pk|.*_id|.*_pk|object_id)$")
APP_MODEL_PARAMS = {
    ("content_type_app_name", "content_type_model_name"),
    ("app_label", "model_name"),
    ("app_name", "model_name"),
}
STRING_PARAMS = {
    "action": ["hide", "remove", "restore"],
    "action_name": ["approve", "reject", "publish", "unpublish"],
    "filter_spec": ["original"],
    "mode": ["form", "preview"],
    "revision_id_a": ["earliest"],
    "revision_id_b": ["latest"],
}
PAGE_TYPES = [("campaigns", "campaignpage"), ("lab", "labbriefpage"), ("portal", "contentpage")]
APP_MODELS = [
    *PAGE_TYPES,
    ("campaigns", "matchfund"),
    ("lab", "expertprofile"),
    ("campaigns", "pledge"),
    ("wagtailimages", "image"),
    ("wagtaildocs", "document"),
    ("tax", "beneficiary"),
    ("tax", "attestation"),
]
PARAM = re.compile(r"<(?:(\w+):)?(\w+)>|\(\?P<(\w+)>[^)]*\)")


def admin_patterns(patterns=None, prefix=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from admin_patterns(pattern.url_patterns, route)
        elif route.startswith("admin/"):
            yield route


def fill(route, values):
    """The URL for `route` with `values` (a dict) in its parameters."""

    def value(match):
        return str(values[match.group(2) or match.group(3)])

    url = PARAM.sub(value, route).replace("^", "").replace("$", "").replace("\\.", ".")
    return "/" + url


def urls_for(route, object_ids):
    """Every URL to try for one route; `object_ids` are B's key 9001, then page keys.

    A route that names a model (app label and model name) takes only keys of that model.
    """
    names = [m.group(2) or m.group(3) for m in PARAM.finditer(route)]
    assignments = [{}]
    pending = list(names)
    for first, second in APP_MODEL_PARAMS:
        if first in pending and second in pending:
            pending.remove(first)
            pending.remove(second)
            assignments = [
                {**a, first: app, second: model} for a in assignments for app, model in APP_MODELS
            ]
    for position, name in enumerate(pending):
        typed = False
        if OBJECT_PARAMS.match(name):
            # A second object (a move's destination, a revision) is tried with fewer keys.
            options = object_ids if position == 0 else object_ids[-3:]
            typed = position == 0
        elif name in STRING_PARAMS:
            options = STRING_PARAMS[name]
        else:
            raise LookupError(f"{route}: no values for the parameter {name!r}")
        assignments = [
            {**a, name: option}
            for a in assignments
            for option in options
            if not (typed and _wrong_kind(a, option, object_ids))
        ]
    return [fill(route, assignment) for assignment in assignments]


def _wrong_kind(assignment, key, object_ids):
    """Whether `key` cannot name an object of the model the route names."""
    models = [assignment.get(second) for _first, second in APP_MODEL_PARAMS]
    model = next((m for m in models if m), None)
    if model is None:
        return False
    is_page = model in {name for _app, name in PAGE_TYPES}
    return (key == object_ids[0]) == is_page


def bulk_urls(object_ids):
    ids = "&".join(f"id={pk}" for pk in object_ids)
    for app_label, models in bulk_action_registry.actions.items():
        for model_name, actions in models.items():
            for action in actions:
                yield f"/admin/bulk/{app_label}/{model_name}/{action}/?{ids}&next=/admin/"


@pytest.fixture
def their_objects(operator, other_operator):
    """Operator B's secret objects, and A's own draft campaign to move around."""
    their_staff = staff_of(other_operator, "editor")
    their_staff.email = "secret-staff@example.org"
    their_staff.save()
    campaign = CampaignPageFactory(
        parent=other_operator, title="Secret campaign of GRE", live=False
    )
    brief = LabBriefPageFactory(parent=other_operator, title="Secret brief of GRE", live=False)
    page = ContentPageFactory(parent=other_operator, title="Secret page of GRE", live=False)
    ours = CampaignPageFactory(parent=operator, title="Our draft", live=False)
    MatchFundFactory(id=THEIRS, operator=other_operator, name="Secret fund of GRE")
    ExpertProfileFactory(
        id=THEIRS,
        member=MemberFactory(email="secret-expert@example.org"),
        verified_by_operator=other_operator,
        domains="Secret expertise of GRE",
    )
    PledgeFactory(id=THEIRS, campaign=campaign, email="secret-backer@example.org")
    beneficiary = BeneficiaryFactory(
        id=THEIRS, operator=other_operator, legal_name="Secret beneficiary of GRE"
    )
    Attestation.objects.create(
        id=THEIRS,
        beneficiary=beneficiary,
        year=2025,
        number=1,
        amount=5_000,
        email="secret-backer@example.org",
        language="fr",
        first_name="Secret donor of GRE",
        last_name="Lambert",
        street="Rue 1",
        postcode="4000",
        city="Liège",
    )
    ProposalTerms.objects.create(
        id=THEIRS,
        operator=other_operator,
        accepts_proposals=False,
        guidelines="Secret terms of GRE",
    )
    get_image_model().objects.create(
        id=THEIRS,
        title="Secret image of GRE",
        file=get_test_image_file(),
        collection=other_operator.collection,
    )
    get_document_model().objects.create(
        id=THEIRS,
        title="Secret document of GRE",
        collection=other_operator.collection,
        file=SimpleUploadedFile("secret.pdf", b"%PDF-1.4"),
    )
    XtdComment.objects.create(
        id=THEIRS,
        content_type=ContentType.objects.get_for_model(brief),
        object_pk=str(brief.pk),
        site_id=1,
        user=MemberFactory(),
        comment="Secret advice of GRE",
    )
    return [THEIRS, campaign.pk, brief.pk, page.pk, ours.pk, other_operator.pk]


def snapshot(other_operator):
    """Everything of B's that A's staff might change."""
    section = Page.objects.filter(path__startswith=other_operator.path)
    return {
        "pages": sorted(section.values_list("pk", "path", "title", "live", "locked")),
        "funds": list(MatchFund.objects.values_list("pk", "operator_id", "name", "active")),
        "experts": list(
            ExpertProfile.objects.values_list("pk", "verified_by_operator_id", "domains")
        ),
        "pledges": list(Pledge.objects.values_list("pk", "campaign_id", "status", "amount")),
        "images": list(get_image_model().objects.values_list("pk", "title", "collection_id")),
        "documents": list(get_document_model().objects.values_list("pk", "title", "collection_id")),
        "advice": list(XtdComment.objects.values_list("pk", "is_public", "is_removed")),
        "beneficiaries": list(Beneficiary.objects.values_list("pk", "operator_id", "legal_name")),
        "attestations": list(Attestation.objects.values_list("pk", "number", "amount")),
        "proposal terms": list(
            ProposalTerms.objects.values_list("pk", "operator_id", "accepts_proposals")
        ),
    }


def leaks(response):
    if 300 <= response.status_code < 400:
        return []
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode(errors="replace")
    return [secret for secret in SECRETS if secret in text]


@pytest.mark.parametrize("role", ["editor", "moderator"])
def test_no_admin_url_shows_or_changes_another_operators_objects(
    role, operator, other_operator, their_objects
):
    client = Client(raise_request_exception=False)
    client.force_login(staff_of(operator, role))
    object_ids = their_objects
    failures, object_urls = [], []
    urls = [f"/admin/{path}?q=Secret" for path in ("pages/search/", "choose-page/search/")]
    urls += list(bulk_urls(object_ids))
    for route in admin_patterns():
        if route in SKIPPED:
            continue
        try:
            filled = urls_for(route, object_ids)
        except LookupError as error:
            failures.append(str(error))
            continue
        if PARAM.search(route):
            object_urls += filled
        else:
            ids = "&".join(f"id={pk}" for pk in object_ids)
            filled += [f"{filled[0]}?q=Secret&search=Secret&{ids}"]
        urls += filled
    before = snapshot(other_operator)

    for url in urls:
        try:
            resolve(url.split("?")[0])
        except Resolver404:
            failures.append(f"{url}: does not resolve")
            continue
        response = client.get(url)
        if found := leaks(response):
            failures.append(f"GET {url} → {response.status_code} shows {found}")

    data = {
        "name": "Taken over",
        "title": "Taken over",
        "slug": "taken-over",
        "domains": "Taken over",
        "operator": operator.pk,
        "verified_by_operator": operator.pk,
        "total": 1,
        "ratio_fund": 1,
        "ratio_crowd": 1,
        "active": "",
        "new_title": "Taken over",
        "new_slug": "taken-over",
        "new_parent_page": operator.pk,
        "collection": operator.collection_id,
    }
    for url in [*object_urls, *bulk_urls(object_ids)]:
        response = client.post(url, data)
        if found := leaks(response):
            failures.append(f"POST {url} → {response.status_code} shows {found}")
    after = snapshot(other_operator)
    changed = [key for key in before if before[key] != after[key]]
    assert not changed and not failures, "\n".join(
        [f"changed: {key}: {before[key]} → {after[key]}" for key in changed] + failures
    )
