"""Run localstripe (a fake Stripe for development and tests) on loopback, in memory only.

`python -m campaigns.localstripe_server --port 8420`. localstripe's own launcher listens on
every interface and rewrites a pickle of its whole store to /tmp on each write, which slows it
down as it fills and mixes the state of every instance on the machine; this one does neither.
"""

import argparse

from aiohttp import web
from localstripe import resources
from localstripe.server import app


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8420)
    args = parser.parse_args()
    resources.Store.dump_to_disk = lambda store: None
    web.run_app(app, host=args.host, port=args.port, print=None, access_log=None)


if __name__ == "__main__":
    main()
