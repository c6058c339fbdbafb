"""The message catalogues are complete: every message of the code, translated in four languages."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from portal.catalogues import catalogue_paths, catalogue_problems, placeholders


def test_catalogues_are_complete():
    problems = [p for path in catalogue_paths() for p in catalogue_problems(path)]
    assert problems == []


def test_catalogue_check_catches_mistakes(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Hello %(name)s"\nmsgstr "Hallo %(naam)s"\n\n'
        'msgid "Untranslated"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "Guess"\nmsgstr "Gok"\n',
        encoding="utf-8",
    )
    problems = catalogue_problems(po)
    assert len(problems) == 3
    assert any("placeholders differ" in p for p in problems)
    assert any("untranslated" in p for p in problems)
    assert any("fuzzy" in p for p in problems)
    assert placeholders("%(a)s and {b} and %d") == ["%(a)s", "%d", "{b}"]


@pytest.mark.skipif(
    shutil.which("xgettext") is None,
    reason="extracting messages needs GNU gettext (apt-get install gettext)",
)
def test_catalogues_contain_every_message_in_the_code(tmp_path):
    """Extract the messages again into a copy of the project: nothing may be missing."""
    root = Path(__file__).resolve().parents[2]
    project = tmp_path / "project"
    shutil.copytree(
        root,
        project,
        ignore=shutil.ignore_patterns(
            ".venv",
            ".git",
            "node_modules",
            "media",
            "static",
            "*.sqlite3",
            "__pycache__",
            "tests",
            "bench",
        ),
    )
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "--no-wrap",
            "-l",
            "fr",
            "--ignore",
            "static/*",
        ],
        cwd=project,
        check=True,
        capture_output=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test"},
    )
    extracted = {
        e.msgid
        for e in polib.pofile(str(project / "locale/fr/LC_MESSAGES/django.po"))
        if not e.obsolete
    }
    shipped = {
        e.msgid
        for e in polib.pofile(str(root / "locale/fr/LC_MESSAGES/django.po"))
        if not e.obsolete
    }
    assert sorted(extracted - shipped) == [], "run `make messages` and translate"
