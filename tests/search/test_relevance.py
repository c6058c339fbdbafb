"""Search quality, measured on a fixed corpus: precision@5 and MRR per language.

precision@5 counts the expected items among the first five results, divided by the number of
expected items that fit in five (two here: a subject's campaign and its brief), so a perfect
answer scores 1. MRR is the mean of 1 / rank of the first expected item (0 when absent).
Both databases stem alike (search.text), so they share one threshold. Measured when it was set
(precision@5 / MRR):
  PostgreSQL: fr 1.000 / 0.962, nl 1.000 / 1.000, de 1.000 / 1.000, en 0.955 / 1.000
  SQLite FTS5 with search.text's stems: fr 1.000 / 1.000, nl 1.000 / 1.000, de 1.000 / 1.000,
  en 0.955 / 1.000 (without them: fr 0.846 / 0.846, nl 0.900 / 0.900)
"""

from collections import defaultdict

from django.db import connection

import pytest

from tests.search.corpus import QUERIES, build_corpus

pytestmark = pytest.mark.django_db

# precision@5 and MRR every language must reach, on every database
MINIMUM_PRECISION = 0.90
MINIMUM_MRR = 0.90


def test_relevance_per_language(client, operator, other_operator, capsys):
    items = build_corpus([operator, other_operator])
    scores = defaultdict(list)
    misses = []
    for language, query, subject in QUERIES:
        expected = {page.translation_key for page in items[subject]}
        response = client.get("/api/v1/search/", {"q": query, "lang": language})
        assert response.status_code == 200
        keys = [_key(result) for result in response.json()["results"][:5]]
        found = sum(1 for key in keys if key in expected)
        precision = found / min(5, len(expected))
        rank = next((i for i, key in enumerate(keys, start=1) if key in expected), None)
        scores[language].append((precision, 1 / rank if rank else 0.0))
        if precision < 1:
            misses.append(f"{language} {query!r}: {found}/{len(expected)} in top 5")

    report = [f"search relevance on {connection.vendor} ({len(QUERIES)} queries):"]
    failing = []
    for language in ("fr", "nl", "de", "en"):
        precision = sum(p for p, _r in scores[language]) / len(scores[language])
        mrr = sum(r for _p, r in scores[language]) / len(scores[language])
        report.append(
            f"  {language}: {len(scores[language])} queries, precision@5 {precision:.3f}, "
            f"MRR {mrr:.3f}"
        )
        if precision < MINIMUM_PRECISION or mrr < MINIMUM_MRR:
            failing.append(language)
    report += [f"  miss: {miss}" for miss in misses]
    with capsys.disabled():
        print("\n" + "\n".join(report))
    assert not failing, "\n".join(report)


_keys_by_page = {}


def _key(result):
    from wagtail.models import Page

    if result["id"] not in _keys_by_page:
        _keys_by_page[result["id"]] = Page.objects.get(pk=result["id"]).translation_key
    return _keys_by_page[result["id"]]
