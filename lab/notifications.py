"""Tell a member about something, once the transaction that caused it has committed."""

from functools import partial

from django.db import transaction

from lab.tasks import send_member_email


def notify(member, template, extra=None, **objects):
    """E-mail `member` with emails/lab/<template>_*.txt; `objects` are model instances."""
    if member is None or not member.email:
        return
    references = {name: [obj._meta.label, obj.pk] for name, obj in objects.items()}
    transaction.on_commit(
        partial(send_member_email.enqueue, member.pk, template, references, extra or {})
    )
