"""Background work of the members' app: event e-mails and digests, in each member's language."""

from django_tasks import task

from members import notifications


@task()
def send_event_at_once(event_id: int) -> int:
    return notifications.send_event_at_once(event_id)


@task()
def send_digests() -> int:
    """The daily and weekly digests not yet sent (scheduled, or `manage.py send_digests`)."""
    return notifications.send_digests()
