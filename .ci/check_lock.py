"""Fail when requirements.lock misses a dependency pinned in pyproject.toml, or pins another
version: after adding or bumping one, `make lock` must run (and its output be committed),
or `make install` would install the old set. Offline: it only reads the two files."""

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def normalized(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(requirements):
    for requirement in requirements:
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)(\[[^\]]*\])?==(\S+)", requirement.strip())
        if match is None:
            sys.exit(f"pyproject.toml: pin {requirement!r} with == (the house rule)")
        yield normalized(match[1]), match[3]


project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
wanted = dict(pins(project["dependencies"]))
for extra in project.get("optional-dependencies", {}).values():
    wanted.update(pins(extra))
locked = {
    normalized(name): version
    for name, version in re.findall(
        r"^([A-Za-z0-9_.-]+)==(\S+)", (ROOT / "requirements.lock").read_text(), re.MULTILINE
    )
}
stale = [f"{name}=={version}" for name, version in wanted.items() if locked.get(name) != version]
if stale:
    sys.exit(f"requirements.lock is out of date ({', '.join(stale)}): run `make lock`")
print(f"requirements.lock pins all {len(wanted)} dependencies of pyproject.toml")
