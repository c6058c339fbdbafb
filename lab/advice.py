"""Advice threads on briefs and campaigns (django-comments-xtd), with experts standing out.

Comments hang on the original of a page, so every language shows the same thread. A hidden
(`is_public=False`) or removed comment vanishes from the page and the API at once.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.models import Site
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.models import Page

from django_comments.models import CommentFlag
from django_comments_xtd.models import XtdComment

from lab.models import AdviceAnswer, ExpertProfile, original_of
from lab.notifications import notify
from lab.services import LabConflict, is_owner

EDIT_WINDOW = datetime.timedelta(minutes=15)
MAX_LENGTH = 3000
COMMENTABLE = {"lab.labbriefpage", "campaigns.campaignpage"}


class AdviceRefused(LabConflict):
    pass


def is_commentable(page):
    return f"{page._meta.app_label}.{page._meta.model_name}" in COMMENTABLE


def thread_target(page):
    """The original, live copy of a brief or campaign: the page the thread hangs on."""
    page = page.specific
    if not is_commentable(page) or not page.live:
        return None
    return original_of(page)


def visible_comments(page, experts_only=False):
    target = original_of(page.specific)
    comments = XtdComment.objects.filter(
        content_type=ContentType.objects.get_for_model(target),
        object_pk=str(target.pk),
        is_public=True,
        is_removed=False,
    ).select_related("user")
    if experts_only:
        comments = comments.filter(user__expert_profile__isnull=False)
    return comments.order_by("thread_id", "order")


def expert_ids(comments):
    user_ids = {c.user_id for c in comments if c.user_id}
    experts = ExpertProfile.objects.filter(member_id__in=user_ids)
    return set(experts.values_list("member_id", flat=True))


def clean_text(text):
    text = (text or "").strip()
    if not text:
        raise AdviceRefused(_("Write your advice before sending it."), "comment")
    if len(text) > MAX_LENGTH:
        raise AdviceRefused(
            _("Keep your advice under %(max)s characters.") % {"max": MAX_LENGTH}, "comment"
        )
    return text


@transaction.atomic
def post_advice(page, member, text, parent=None, followup=False):
    target = thread_target(page)
    if target is None:
        raise AdviceRefused(_("Advice can only be given on a published brief or campaign."), "page")
    text = clean_text(text)
    parent_id = 0
    if parent is not None:
        if parent.object_pk != str(target.pk) or not parent.is_public or parent.is_removed:
            raise AdviceRefused(
                _("You can only reply to a visible comment of this thread."), "parent"
            )
        parent_id = parent.pk
    comment = XtdComment(
        content_type=ContentType.objects.get_for_model(target),
        object_pk=str(target.pk),
        site=Site.objects.get_current(),
        user=member,
        user_name=member.display_name[:50],
        user_email=member.email,
        comment=text,
        submit_date=timezone.now(),
        parent_id=parent_id,
        followup=followup,
    )
    comment.save()
    _tell_followers(comment, target)
    return comment


def _tell_followers(comment, target):
    """Opt-in follow-up e-mails: earlier commenters of the thread who asked for them."""
    followers = (
        XtdComment.objects.filter(
            thread_id=comment.thread_id, followup=True, is_public=True, is_removed=False
        )
        .exclude(user=comment.user)
        .exclude(user__isnull=True)
        .select_related("user")
    )
    told = set()
    for earlier in followers:
        if earlier.user_id not in told:
            told.add(earlier.user_id)
            notify(earlier.user, "advice_followup", comment=comment, page=target)


def can_edit(comment, user):
    return (
        user.is_authenticated
        and comment.user_id == user.pk
        and timezone.now() - comment.submit_date <= EDIT_WINDOW
    )


def edit_advice(comment, user, text):
    if comment.user_id != user.pk:
        raise AdviceRefused(_("You can only edit your own advice."))
    if not can_edit(comment, user):
        raise AdviceRefused(_("Advice can only be edited in the first 15 minutes."))
    comment.comment = clean_text(text)
    comment.save(update_fields=["comment"])
    return comment


def delete_advice(comment, user):
    if comment.user_id != user.pk:
        raise AdviceRefused(_("You can only delete your own advice."))
    comment.is_removed = True
    comment.save(update_fields=["is_removed"])


def flag_advice(comment, user):
    try:
        with transaction.atomic():
            CommentFlag.objects.create(
                comment=comment,
                user=user,
                flag=CommentFlag.SUGGEST_REMOVAL,
                flag_date=timezone.now(),
            )
    except IntegrityError as error:
        raise AdviceRefused(_("You have already flagged this comment.")) from error


def mark_answer(question, comment, user):
    """The brief's owner marks a comment of the brief's thread as answering one of its questions."""
    question = original_of(question)
    brief = question.brief
    if not is_owner(user, brief) and not user.is_superuser:
        raise AdviceRefused(_("Only the brief's owner can mark a question as answered."))
    if comment.object_pk != str(brief.pk) or not comment.is_public or comment.is_removed:
        raise AdviceRefused(_("This comment is not advice on this brief."), "comment")
    answer, _created = AdviceAnswer.objects.get_or_create(
        question=question, comment=comment, defaults={"marked_by": user}
    )
    return answer


def page_of(comment):
    return Page.objects.filter(pk=comment.object_pk).first()
