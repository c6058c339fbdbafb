"""Search latency at scale: 100,000 open items on PostgreSQL, p50 / p95 of 20 queries and suggest.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/maillon_bench_search \\
        .venv/bin/python bench/search.py [--items 100000] [--rounds 15]

Fills a dedicated database (created when missing) in bulk: search entries are written with
bulk_create, not through the page tree (every entry points at one real page; the engine never
reads the page). On PostgreSQL writing an entry is indexing it: its search vectors are
generated columns (search/migrations/0004). The items are
synthetic: a Zipf-distributed vocabulary of invented words in four languages, plus real
subject words ("chevaux", "fietsen", "Brauereien", "gardens"…) in titles and summaries.
Requests go through the whole stack (Django test client → API view → engine).
"""

import argparse
import io
import os
import random
import statistics
import sys
import time
import uuid
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/maillon_bench_search")

LANGUAGES = ("fr", "nl", "de", "en")
SUBJECTS = {
    "fr": [
        "chevaux",
        "vélos",
        "brasseries",
        "jardins",
        "énergie",
        "boulangeries",
        "abeilles",
        "bibliothèques",
        "écoles",
        "moulins",
        "rivières",
        "théâtres",
        "fromages",
        "marchés",
    ],
    "nl": [
        "paarden",
        "fietsen",
        "brouwerijen",
        "tuinen",
        "energie",
        "bakkerijen",
        "bijen",
        "bibliotheken",
        "scholen",
        "molens",
        "rivieren",
        "theaters",
        "kazen",
        "markten",
    ],
    "de": [
        "Pferde",
        "Fahrräder",
        "Brauereien",
        "Gärten",
        "Energie",
        "Bäckereien",
        "Bienen",
        "Bibliotheken",
        "Schulen",
        "Mühlen",
        "Flüsse",
        "Theater",
        "Käsereien",
        "Märkte",
    ],
    "en": [
        "horses",
        "bicycles",
        "breweries",
        "gardens",
        "energy",
        "bakeries",
        "bees",
        "libraries",
        "schools",
        "mills",
        "rivers",
        "theatres",
        "cheeses",
        "markets",
    ],
}
QUERIES = [
    {"q": "cheval", "lang": "fr"},
    {"q": "energie", "lang": "fr"},
    {"q": "vélo Namur", "lang": "fr"},
    {"q": "brasserie", "lang": "fr", "sort": "ending"},
    {"q": "jardins", "lang": "fr", "kind": "brief"},
    {"q": "", "lang": "fr"},
    {"q": "", "lang": "fr", "page": "40"},
    {"q": "fietsen", "lang": "nl"},
    {"q": "paard", "lang": "nl", "need": "team"},
    {"q": "bakkerij tuinen", "lang": "nl"},
    {"q": "", "lang": "nl", "sort": "newest"},
    {"q": "Brauereien", "lang": "de"},
    {"q": "Garten", "lang": "de", "kind": "campaign"},
    {"q": "Bienen Schulen Energie", "lang": "de"},
    {"q": "Muhle", "lang": "de", "page": "3"},
    {"q": "gardens", "lang": "en"},
    {"q": "horse", "lang": "en", "sort": "newest"},
    {"q": "libraries rivers", "lang": "en", "need": "money"},
    {"q": "cheese market", "lang": "en"},
    {"q": "x" * 1000, "lang": "en"},
]
SUGGESTIONS = [
    ("bra", "fr"),
    ("che", "fr"),
    ("vél", "fr"),
    ("ener", "fr"),
    ("jard", "fr"),
    ("fie", "nl"),
    ("paa", "nl"),
    ("brou", "nl"),
    ("tui", "nl"),
    ("bij", "nl"),
    ("Bra", "de"),
    ("Pfe", "de"),
    ("Gär", "de"),
    ("Bie", "de"),
    ("Fahr", "de"),
    ("gar", "en"),
    ("hor", "en"),
    ("bre", "en"),
    ("bic", "en"),
    ("lib", "en"),
]
SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ne",
    "ru",
    "ta",
    "bo",
    "si",
    "de",
    "pa",
    "vo",
    "li",
    "gu",
    "fe",
    "zo",
    "ma",
    "te",
    "ri",
    "no",
    "ba",
    "ke",
    "su",
    "di",
    "po",
    "la",
    "wi",
]


def vocabulary(rng, size=6000):
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def zipf_words(rng, words, count):
    return rng.choices(words, weights=[1 / (rank + 1) for rank in range(len(words))], k=count)


def prepare_database():
    from django.conf import settings

    import psycopg

    database = settings.DATABASES["default"]
    with psycopg.connect(
        host=database["HOST"],
        port=database["PORT"] or 5432,
        user=database["USER"],
        dbname="postgres",
        autocommit=True,
    ) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [database["NAME"]]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{database["NAME"]}"')


def fill(count, rng):
    from django.core.management import call_command
    from django.utils import timezone

    from portal import demo
    from portal.models import Category, OperatorPage, Territory
    from search.models import NEEDS, SearchEntry

    call_command("migrate", verbosity=0)
    call_command("createcachetable")
    if SearchEntry.objects.count() == count:
        print(f"{count:,} entries already in place")
        return

    demo.seed(SimpleNamespace(stdout=io.StringIO()))
    SearchEntry.objects.all().delete()
    operators = list(OperatorPage.objects.values_list("pk", "locale__language_code"))
    categories = list(Category.objects.values_list("pk", flat=True))
    territories = list(Territory.objects.values_list("pk", flat=True))
    words = vocabulary(rng)
    now = timezone.now()
    started = time.perf_counter()
    batch = []
    for number in range(count):
        language = LANGUAGES[number % len(LANGUAGES)]
        subject = rng.choice(SUBJECTS[language])
        is_campaign = rng.random() < 0.5
        needs = set(rng.sample(NEEDS, rng.randint(0, 3)))
        title = " ".join([subject.capitalize(), *zipf_words(rng, words, rng.randint(3, 6))])
        summary = " ".join(zipf_words(rng, words, 14) + [subject] + zipf_words(rng, words, 6))
        body = " ".join(zipf_words(rng, words, rng.randint(40, 120)))
        batch.append(
            SearchEntry(
                language=language,
                kind="campaign" if is_campaign else "brief",
                translation_key=uuid.UUID(int=number + 1),
                page_id=1,
                fallback=rng.random() < 0.2,
                text_language=language,
                title=title[:255],
                summary=summary,
                body=body,
                url=f"/{language}/bench/{number}/",
                status="live" if is_campaign else "open",
                operator_id=rng.choice([pk for pk, code in operators if code == language]),
                category_id=rng.choice(categories),
                territory_id=rng.choice(territories),
                opens_at=now - timezone.timedelta(days=rng.randint(1, 60)) if is_campaign else None,
                closes_at=now + timezone.timedelta(days=rng.randint(1, 90))
                if is_campaign
                else None,
                published_at=now - timezone.timedelta(minutes=number),
                **{f"needs_{need}": need in needs for need in NEEDS},
            )
        )
        if len(batch) == 5000:
            SearchEntry.objects.bulk_create(batch)
            batch = []
            print(f"\r  filled {number + 1:,}/{count:,}", end="", flush=True)
    SearchEntry.objects.bulk_create(batch)
    print(f"\n  {count:,} entries filled and indexed in {time.perf_counter() - started:.0f} s")


def timed(client, url, params, rounds):
    client.get(url, params)  # warm-up
    timings = []
    for _ in range(rounds):
        started = time.perf_counter()
        response = client.get(url, params)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (params, response.content[:200])
    return timings


def percentiles(timings):
    ordered = sorted(timings)
    return statistics.median(ordered), ordered[max(0, int(len(ordered) * 0.95) - 1)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=15)
    arguments = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    settings.DEBUG = False
    prepare_database()
    rng = random.Random(20261128)
    fill(arguments.items, rng)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # fresh statistics, as autovacuum keeps them live

    client = Client(HTTP_HOST="127.0.0.1")
    print(
        f"\nsearch, {len(QUERIES)} queries × {arguments.rounds} rounds "
        f"({arguments.items:,} open items, PostgreSQL):"
    )
    every = []
    for params in QUERIES:
        timings = timed(client, "/api/v1/search/", params, arguments.rounds)
        every += timings
        count = client.get("/api/v1/search/", params).json()["count"]
        p50, p95 = percentiles(timings)
        label = " ".join(f"{k}={v[:20]}" for k, v in params.items())
        print(f"  {label:<48} {count:>7,} hits  p50 {p50:6.1f} ms  p95 {p95:6.1f} ms")
    p50, p95 = percentiles(every)
    print(f"search overall:  p50 {p50:.1f} ms   p95 {p95:.1f} ms")

    every = []
    for prefix, language in SUGGESTIONS:
        every += timed(
            client, "/api/v1/search/suggest/", {"q": prefix, "lang": language}, arguments.rounds
        )
    p50, p95 = percentiles(every)
    print(f"suggest overall ({len(SUGGESTIONS)} prefixes): p50 {p50:.1f} ms   p95 {p95:.1f} ms")


if __name__ == "__main__":
    main()
