"""Backers' e-mails are plain text: titles and names reach them as typed, never HTML-escaped."""

import pytest

from campaigns import emails
from tests.factories.campaigns import PledgeFactory

TITLE = "L'atelier vélo & co <Liège>"
NAME = "Zoë O'Brien & fils"


@pytest.mark.parametrize(
    "template",
    ["receipt", "recovery", "recovery_reminder", "lapsed", "not_funded"],
)
def test_subject_and_body_keep_apostrophes_and_ampersands(campaign, mailoutbox, template):
    campaign.title = TITLE
    campaign.save_revision().publish()
    pledge = PledgeFactory(campaign=campaign, name=NAME)

    emails.send_to_backer(pledge, template, {"pay_url": "http://testserver/fr/pay/"})

    message = mailoutbox[-1]
    assert TITLE in message.subject
    assert TITLE in message.body
    assert NAME in message.body
    for text in (message.subject, message.body):
        assert "&#x27;" not in text and "&amp;" not in text and "&lt;" not in text
