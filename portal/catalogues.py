"""The message catalogues in locale/: compile them and check that they are complete.

Pure Python (polib), so a fresh machine needs no GNU gettext to build or check them.
"""

import re
from pathlib import Path

from django.conf import settings

import polib

# Python's %-conversions (with flags, width and precision, as gettext's python-format reads
# them: "% o" is one) and str.format fields. "%%" is a literal percent sign, not a placeholder.
PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]|\{\w*\}")


def catalogue_paths():
    root = Path(settings.LOCALE_PATHS[0])
    return [root / code / "LC_MESSAGES" / "django.po" for code, _name in settings.LANGUAGES]


def placeholders(text):
    return sorted(m.group(0) for m in PLACEHOLDER.finditer(text))


def catalogue_problems(path):
    """Every reason this catalogue is not ready to ship, one string each."""
    if not path.exists():
        return [f"{path}: missing"]
    problems = []
    for entry in polib.pofile(str(path)):
        if entry.obsolete:
            continue
        where = f"{path}:{entry.linenum} {entry.msgid[:60]!r}"
        if "fuzzy" in entry.flags:
            problems.append(f"{where}: fuzzy")
        if entry.msgid_plural:
            translations = [t for _i, t in sorted(entry.msgstr_plural.items())]
            if not translations or not all(translations):
                problems.append(f"{where}: untranslated plural")
                continue
            expected = placeholders(entry.msgid_plural)
            for translation in translations:
                if placeholders(translation) not in (expected, placeholders(entry.msgid)):
                    problems.append(f"{where}: placeholders differ in {translation!r}")
        else:
            if not entry.msgstr:
                problems.append(f"{where}: untranslated")
                continue
            if placeholders(entry.msgid) != placeholders(entry.msgstr):
                problems.append(f"{where}: placeholders differ in {entry.msgstr!r}")
    return problems


def compile_catalogues():
    for path in catalogue_paths():
        if path.exists():
            polib.pofile(str(path)).save_as_mofile(str(path.with_suffix(".mo")))
