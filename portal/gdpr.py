"""A member's GDPR rights, self-served: download my data (art. 15 and 20), delete my account
(art. 17).

Every app that holds personal data contributes through two Wagtail hooks, so this module never
needs to know the apps:

- `register_member_data_export`: `fn(user) -> {"file name": [row, …]}`, rows of JSON-able
  values; each file becomes `<name>.json` and `<name>.csv` in the member's ZIP.
- `register_member_erase`: `fn(user) -> None`, erases or anonymises the member's rows in that
  app's tables. Hooks run before the account itself is anonymised, so they still see the
  member's e-mail address (guest pledges are matched by it).

Erasing keeps the account's row, stripped of everything that names the person (e-mail, names,
password, groups), inactive and unusable: rows that count something public (sign-ups, team
places, advice) keep pointing at a "former member", and nothing cascades away by accident.
What each app keeps, and why, is said in its own hook and on the deletion page.
"""

import csv
import io
import json
import zipfile
from importlib import import_module

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from wagtail import hooks
from wagtail.users.models import UserProfile

from allauth.account.models import EmailAddress

from portal import pagecache
from portal.models import ContactMessage

EXPORT_HOOK = "register_member_data_export"
ERASE_HOOK = "register_member_erase"
ERASED_DOMAIN = "erased.invalid"  # RFC 2606: never delivered


def member_data(user):
    """Every app's files for `user`, by file name (a name given twice is a programming error)."""
    files = {}
    for export in hooks.get_hooks(EXPORT_HOOK):
        for name, rows in export(user).items():
            if name in files:
                raise ValueError(f"Two apps export the same file: {name}")
            files[name] = rows
    return files


def _csv(rows):
    columns = list(dict.fromkeys(key for row in rows for key in row))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                key: json.dumps(value, ensure_ascii=False)
                if isinstance(value, dict | list)
                else value
                for key, value in row.items()
            }
        )
    return out.getvalue()


def data_zip(user):
    """The ZIP a member downloads: each file as JSON (exact) and CSV (for a spreadsheet)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, rows in sorted(member_data(user).items()):
            archive.writestr(
                f"{name}.json", json.dumps(rows, ensure_ascii=False, indent=2, default=str)
            )
            # UTF-8 with a BOM, so that spreadsheet software reads the accents right.
            archive.writestr(f"{name}.csv", "\ufeff" + _csv(rows))
    return buffer.getvalue()


def erase_member(user, request=None):
    """Every app erases its part, then the account is anonymised and all its sessions end."""
    with transaction.atomic():
        for erase in hooks.get_hooks(ERASE_HOOK):
            erase(user)
        _anonymise_account(user)
    _end_sessions(user)
    if request is not None:
        logout(request)
    # Bulk updates send no signals: pages showing the member's name must be rendered anew.
    pagecache.new_generation()


def _anonymise_account(user):
    user.email = f"former-member-{user.pk}@{ERASED_DOMAIN}"
    user.first_name = ""
    user.last_name = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()


def _end_sessions(user):
    """Delete the member's sessions from the store (and the cache in front of it).

    The unusable password alone would already end them (Django checks the session's password
    hash), but a session row holding the member's id should not outlive the account."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            store(session.session_key).delete()


def export_account(user):
    """Portal's own part: the account, its e-mail addresses and the contact messages sent."""
    return {
        "account": [
            {
                "email": user.email,
                "first_name": user.first_name,
                "last_name": user.last_name,
                "preferred_language": user.preferred_language,
                "joined_at": user.date_joined.isoformat(),
                "last_login": user.last_login.isoformat() if user.last_login else None,
            }
        ],
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user)
        ],
        "contact_messages": [
            {
                "subject": message.subject,
                "message": message.message,
                "name": message.name,
                "sent_at": message.created_at.isoformat(),
            }
            for message in ContactMessage.objects.filter(email__iexact=user.email)
        ],
    }


def erase_account_records(user):
    """Portal's own part: allauth's addresses (so the e-mail can't log in), contact messages,
    the admin profile. The account row itself is anonymised last, by `erase_member`."""
    EmailAddress.objects.filter(user=user).delete()
    ContactMessage.objects.filter(email__iexact=user.email).delete()
    UserProfile.objects.filter(user=user).delete()


def allow(user, action, limit, period):
    """Count `action` for `user`: False past `limit` times in `period` seconds."""
    key = f"gdpr-rate:{action}:{user.pk}"
    cache.add(key, 0, period)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, period)
        count = 1
    return count <= limit
