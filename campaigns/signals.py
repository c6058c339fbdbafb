"""What the campaigns tell other apps, beside Django's and Wagtail's own signals."""

from django.dispatch import Signal

# Sent once a campaign past its deadline has been closed; `campaign` is one of its copies.
campaign_closed = Signal()
