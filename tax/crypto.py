"""The donors' national numbers, encrypted at rest with Fernet (the `cryptography` package).

Keys come from the environment (TAX_ENCRYPTION_KEYS, comma-separated, newest first): the first
encrypts, all decrypt, so a key is rotated by putting a new one in front, running
`manage.py rotate_tax_keys` (which re-encrypts every stored number) and then dropping the old.
"""

from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from cryptography.fernet import Fernet, MultiFernet


@cache
def _fernet(keys):
    if not keys:
        raise ImproperlyConfigured("TAX_ENCRYPTION_KEYS must hold at least one Fernet key.")
    return MultiFernet([Fernet(key) for key in keys])


def _current():
    return _fernet(tuple(settings.TAX_ENCRYPTION_KEYS))


def encrypt(text):
    if not text:
        return ""
    return _current().encrypt(text.encode()).decode()


def decrypt(token):
    if not token:
        return ""
    return _current().decrypt(token.encode()).decode()


def rotate(token):
    """The same secret, encrypted again with the newest key."""
    if not token:
        return ""
    return _current().rotate(token.encode()).decode()
