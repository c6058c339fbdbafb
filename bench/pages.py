"""Pages per second from gunicorn, against a raw-WSGI page served the same way in the same run.

Starts two gunicorn servers with the same workers and threads: one serving a fixed 10 KB page
from a bare WSGI callable (the baseline: what the server and the machine can do at all), one
serving Maillon on `portal.settings.bench`. Then loads each page type with the same number of
clients (one process each, one kept-alive connection, back to back requests), first as an
anonymous visitor (cached pages), then logged in as a member with nothing of their own on the
page (the members' edition with their own slots filled, see portal.pagecache), and for the
campaign and the brief as an operator's moderator (a page rendered for them, as for any member
with something of their own on it), and prints req/s, p50 / p95 latency and the ratio to the
baseline. On the seeded demo:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/maillon_bench .venv/bin/python bench/pages.py

Set REDIS_URL to measure with Redis as the cache (the production setting).
"""

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from importlib import import_module
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RAW_PAGE = b"<!DOCTYPE html><title>raw</title>" + b"<p>" + b"x" * (10_240 - 40) + b"</p>"
MEMBER_EMAIL = "member@maillon.be"


def raw_application(environ, start_response):
    """The baseline: a 10 KB page and nothing else."""
    start_response(
        "200 OK", [("Content-Type", "text/html"), ("Content-Length", str(len(RAW_PAGE)))]
    )
    return [RAW_PAGE]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=6.0, help="per page and mode")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--port", type=int, default=0, help="Maillon's port (0: a free one)")
    parser.add_argument("--no-member", action="store_true", help="skip the logged-in runs")
    parser.add_argument("--only", action="append", help="only this page (repeatable)")
    return parser.parse_args()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(app, port, args, env):
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        app,
        "-b",
        f"127.0.0.1:{port}",
        "-w",
        str(args.workers),
        "--threads",
        str(args.threads),
        "--keep-alive",
        "30",
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit(f"gunicorn did not start on port {port}")


def targets():
    """The demo's page of each type, and session cookies of a member and a moderator (Django
    set up here)."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.db import connections

    from wagtail.models import Page

    from campaigns.models import CampaignPage, MatchFund
    from lab.models import LabBriefPage
    from portal.models import User

    def first(pages, **filters):
        pages = getattr(pages, "objects", pages).live().public()
        page = pages.filter(locale__language_code="fr", **filters).order_by("path").first()
        if page is None:
            raise SystemExit(f"No live {pages.model.__name__}: run manage.py seed_demo first.")
        return page.url

    funded = MatchFund.objects.filter(active=True).values_list("campaigns", flat=True)
    open_campaigns = CampaignPage.objects.open()
    pages = {
        "home": "/fr/",
        "operator": first(Page, depth=3, content_type__model="operatorpage"),
        "content": first(Page, content_type__model="contentpage"),
        "campaign index": first(Page, content_type__model="campaignindexpage"),
        "campaign": first(open_campaigns.exclude(pk__in=funded)),
        "campaign with match fund": first(open_campaigns.filter(pk__in=funded)),
        "lab index": first(Page, content_type__model="labindexpage"),
        "brief": first(LabBriefPage),
        "search page": first(Page, content_type__model="searchpage"),
        "API v1 operators": "/api/v1/operators/",
        "API v2 pages": "/api/v2/pages/?type=campaigns.CampaignPage&fields=raised,backers",
    }

    def cookie(user):
        session = import_module(settings.SESSION_ENGINE).SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"

    member = User.objects.get(email=MEMBER_EMAIL)
    moderator = User.objects.filter(email__startswith="moderator@").order_by("email").first()
    cookies = {"member": cookie(member), "moderator": cookie(moderator)}
    connections.close_all()
    return pages, cookies


def client(port, path, cookie, seconds):
    """One visitor: requests back to back on one connection; returns latencies, failures."""
    headers = {"Cookie": cookie} if cookie else {}
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    latencies, failures = [], 0
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        started = time.perf_counter()
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                failures += 1
        except (OSError, http.client.HTTPException):
            failures += 1
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            continue
        latencies.append(time.perf_counter() - started)
    connection.close()
    return latencies, failures


def load(pool, port, path, cookie, args):
    client(port, path, cookie, 0.2)  # warm up: fill the cache, open connections
    started = time.perf_counter()
    futures = [pool.submit(client, port, path, cookie, args.seconds) for _n in range(args.clients)]
    results = [future.result() for future in futures]
    elapsed = time.perf_counter() - started
    latencies = sorted(latency for found, _f in results for latency in found)
    failures = sum(failed for _l, failed in results)
    if not latencies:
        return 0.0, 0.0, 0.0, failures
    p95 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))]
    return len(latencies) / elapsed, statistics.median(latencies) * 1000, p95 * 1000, failures


def warm(pool, port, pages, cookies, args):
    """Every worker and thread serves each page once before anything is timed (the first
    requests of a worker load templates and fill the caches: seconds on a busy machine)."""
    calls = [
        pool.submit(client, port, path, cookie, 0.3)
        for path in pages.values()
        for cookie in ("", *cookies.values())
        for _n in range(args.workers * args.threads)
    ]
    for call in calls:
        call.result()


def main():
    args = parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.bench")
    sys.path.insert(0, str(ROOT))
    pages, cookies = targets()
    if args.only:
        pages = {name: path for name, path in pages.items() if name in args.only}
    env = dict(os.environ)
    raw_port, port = free_port(), args.port or free_port()
    servers = [
        start_gunicorn("bench.pages:raw_application", raw_port, args, env),
        start_gunicorn("portal.wsgi", port, args, env),
    ]
    load_average = os.getloadavg()
    rows = []
    try:
        with ProcessPoolExecutor(max_workers=args.clients) as pool:
            warm(pool, port, pages, {} if args.no_member else cookies, args)
            baseline = load(pool, raw_port, "/", "", args)
            rows.append(("raw WSGI 10 KB", "-", *baseline))
            modes = [("anonymous", "")] + ([] if args.no_member else [("member", "member")])
            for name, path in pages.items():
                staff = [("moderator", "moderator")] if name in ("campaign", "brief") else []
                for mode, user in modes + ([] if args.no_member else staff):
                    cookie = cookies[user] if user else ""
                    rows.append((name, mode, *load(pool, port, path, cookie, args)))
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
    print(
        f"\n{args.clients} clients, {args.seconds:g} s each, gunicorn {args.workers} workers × "
        f"{args.threads} threads, load average before: {load_average[0]:.2f}, "
        f"cache: {'Redis' if os.environ.get('REDIS_URL') else 'database'}\n"
    )
    print("| page | visitor | req/s | p50 ms | p95 ms | of baseline | failed |")
    print("|---|---|---|---|---|---|---|")
    for name, mode, rate, p50, p95, failures in rows:
        ratio = rate / baseline[0] * 100 if baseline[0] else 0
        print(
            f"| {name} | {mode} | {rate:.1f} | {p50:.1f} | {p95:.1f} | {ratio:.2f} % | {failures} |"
        )


if __name__ == "__main__":
    main()
