"""Pledges per second through POST /api/v1/pledges/ from concurrent clients.

Against a running portal (PostgreSQL, localstripe) with a live campaign:

    python bench/pledges.py --url http://127.0.0.1:8000 --campaign 12 --clients 20 --pledges 600

Prints throughput, p50 / p95 latency, the status codes, and whether the campaign's `raised`
(read from the Wagtail API before and after) grew by exactly the sum of the counted pledges.
"""

import argparse
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import requests

COUNTED = {"committed", "paid"}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--campaign", type=int, required=True, help="a live campaign's page id")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--pledges", type=int, default=600)
    parser.add_argument(
        "--payment-method",
        default="pm_card_visa",
        help="confirm on the server with this PaymentMethod ('' leaves pledges pending)",
    )
    return parser.parse_args()


def raised(base, campaign):
    response = requests.get(f"{base}/api/v2/pages/{campaign}/", timeout=30)
    response.raise_for_status()
    return response.json()["raised"]


def main():
    args = parse_args()
    local = threading.local()
    before = raised(args.url, args.campaign)

    def pledge(n):
        session = getattr(local, "session", None)
        if session is None:
            session = local.session = requests.Session()
        body = {
            "campaign": args.campaign,
            "amount": 1_000 + (n % 50) * 100,
            "currency": "EUR",
            "email": f"bench{n}@example.org",
            "name": f"Bench {n}",
        }
        if args.payment_method:
            body["payment_method"] = args.payment_method
        started = time.perf_counter()
        response = session.post(f"{args.url}/api/v1/pledges/", json=body, timeout=60)
        elapsed = time.perf_counter() - started
        data = response.json() if response.status_code == 201 else {}
        return response.status_code, elapsed, data.get("status"), body["amount"]

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.clients) as pool:
        results = list(pool.map(pledge, range(args.pledges)))
    wall = time.perf_counter() - started

    latencies = sorted(elapsed for _code, elapsed, _status, _amount in results)
    codes = {}
    for code, _elapsed, _status, _amount in results:
        codes[code] = codes.get(code, 0) + 1
    counted = sum(amount for code, _e, status, amount in results if status in COUNTED)
    after = raised(args.url, args.campaign)
    p95 = latencies[max(0, int(len(latencies) * 0.95) - 1)]
    print(f"clients: {args.clients}, pledges: {args.pledges}, wall time: {wall:.1f} s")
    print(f"throughput: {args.pledges / wall:.1f} pledges/s")
    print(f"latency p50: {statistics.median(latencies) * 1000:.0f} ms, p95: {p95 * 1000:.0f} ms")
    print(f"status codes: {dict(sorted(codes.items()))}")
    print(
        f"raised grew by {after - before} cents; counted pledges sum to {counted} cents: "
        + ("MATCH, no lost update" if after - before == counted else "MISMATCH")
    )


if __name__ == "__main__":
    main()
