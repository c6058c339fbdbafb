"""Fuzzing the APIs: whatever a client sends, never a server error.

/api/v1/ is fuzzed from its own OpenAPI schema (schemathesis, in-process through the WSGI
application), anonymously and as a logged-in member: every answer must be documented and match
the schema. /api/v2/ (Wagtail's) has no such schema: its query parameters are fuzzed with
Hypothesis. Both are bounded so that they stay part of `make test`.
"""

import os

from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.factories import ContentPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

EXAMPLES_PER_OPERATION = 12
QUERIES_PER_PATH = 100
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# The same examples on every run, so that CI is reproducible; FUZZ_RANDOM=1 explores anew.
BOUNDED = {
    "deadline": None,
    "database": None,
    "suppress_health_check": list(HealthCheck),
    "derandomize": not os.environ.get("FUZZ_RANDOM"),
}
CSRF_TOKEN = "maillon0" * 4  # any 32 letters and digits: Django compares cookie and header


@pytest.fixture
def api_schema(site):
    """The schema, its calls going to the WSGI application in this test's transaction.

    As Django's test client does, the connection stays open between requests: closing it at
    the end of each one would end the test's transaction on PostgreSQL.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def fuzz(schema, headers, cookies=None):
    """Each operation's examples; returns the statuses seen, by method and path."""
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 10
    seen = set()
    for operation in operations:

        @settings(max_examples=EXAMPLES_PER_OPERATION, **BOUNDED)
        @given(case=operation.as_strategy())
        def call(case):
            response = case.call_and_validate(headers=headers, cookies=cookies, checks=CHECKS)
            seen.add((case.method, case.path, response.status_code))

        call()
    return seen


def test_api_v1_anonymously(api_schema):
    seen = fuzz(api_schema, headers={"Accept-Language": "nl"})
    assert ("GET", "/api/v1/me/", 401) in seen


def test_api_v1_as_a_member(api_schema, member):
    client = Client()
    client.force_login(member)
    cookies = {"sessionid": client.cookies["sessionid"].value, "csrftoken": CSRF_TOKEN}
    seen = fuzz(api_schema, headers={"X-CSRFToken": CSRF_TOKEN}, cookies=cookies)
    assert ("GET", "/api/v1/me/", 200) in seen


PARAMETERS = [
    "type",
    "fields",
    "limit",
    "offset",
    "order",
    "search",
    "search_operator",
    "locale",
    "translation_of",
    "child_of",
    "ancestor_of",
    "descendant_of",
    "id",
    "title",
    "slug",
    "deadline",
    "html_path",
    "site",
    "tags",
]
VALUES = st.one_of(
    st.text(st.characters(exclude_categories=["Cs"]), max_size=30),
    st.integers(min_value=-(2**80), max_value=2**80).map(str),
    st.sampled_from(
        [
            "root",
            "random",
            "-title",
            "*",
            "portal.ContentPage",
            "campaigns.CampaignPage",
            "lab.LabBriefPage",
            "fr",
            "and",
            "or",
            '"',
            "2026-13-45",
            "title,-id",
            "_,body",
            "\x00",
        ]
    ),
)
QUERIES = st.dictionaries(
    keys=st.one_of(st.sampled_from(PARAMETERS), st.text(max_size=8)), values=VALUES, max_size=4
)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v2/pages/",
        "/api/v2/pages/find/",
        "/api/v2/images/",
        "/api/v2/documents/",
        "/api/v2/pages/{id}/",
    ],
)
def test_api_v2_query_parameters(client, operator, path):
    page = ContentPageFactory(parent=operator, title="Atelier vélo", slug="atelier-velo")
    path = path.format(id=page.pk)

    @settings(
        max_examples=60, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(query=QUERIES)
    def call(query):
        response = client.get(path, query)
        assert response.status_code < 500, (query, response.content[:300])

    call()
