"""Feed events recorded from what the campaigns and the lab already announce.

Each receiver records an event once (its `dedup` key), so a page published again, a retried
task or a second copy in another language adds nothing.
"""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from wagtail.signals import page_published, workflow_approved

from django_comments_xtd.models import XtdComment

from campaigns.models import CampaignPage, CampaignUpdate, Pledge, PostedUpdate
from campaigns.signals import campaign_closed
from lab.models import BriefGraduation, LabBriefPage
from members import feed
from members.models import EventKind, FeedEvent, Follow, Target


@receiver(post_save, sender=PostedUpdate, dispatch_uid="members_posted_update")
def posted_update(sender, instance, created, **kwargs):
    if created:
        feed.record(
            EventKind.CAMPAIGN_UPDATE,
            f"update:{instance.key}",
            target=Target.CAMPAIGN,
            key=instance.campaign_key,
            subject=instance.campaign,
            actor=instance.author,
            titles={instance.language: instance.title},
        )


def _page_updates(campaign):
    """The updates written in the page, one event per update; each language adds its title."""
    language = campaign.locale.language_code
    for update in CampaignUpdate.objects.filter(campaign=campaign):
        dedup = f"update:{update.translation_key}"
        recorded = feed.record(
            EventKind.CAMPAIGN_UPDATE,
            dedup,
            target=Target.CAMPAIGN,
            key=campaign.translation_key,
            subject=campaign,
            titles={language: update.title},
        )
        if recorded is None:
            event = FeedEvent.objects.filter(dedup=dedup).first()
            titles = event.detail.get("titles", {}) if event else {}
            if event is not None and titles.get(language) != update.title:
                event.detail = {**event.detail, "titles": {**titles, language: update.title}}
                event.save(update_fields=["detail"])


@receiver(page_published, sender=CampaignPage, dispatch_uid="members_campaign_published")
def campaign_published(sender, instance, **kwargs):
    _page_updates(instance)
    if instance.project_holder_id:
        feed.record(
            EventKind.NEW_PROJECT,
            f"project:{instance.translation_key}",
            target=Target.MEMBER,
            key=instance.project_holder_id,
            subject=instance,
            actor=instance.project_holder,
        )


@receiver(page_published, sender=LabBriefPage, dispatch_uid="members_brief_published")
def brief_published(sender, instance, **kwargs):
    section = instance.get_parent()
    if section.specific_class is None or section.specific_class._meta.label != (
        "portal.OperatorPage"
    ):
        return
    feed.record(
        EventKind.NEW_BRIEF,
        f"brief:{instance.translation_key}",
        target=Target.OPERATOR,
        key=section.translation_key,
        subject=instance,
        actor=instance.proposed_by,
    )


@receiver(workflow_approved, dispatch_uid="members_idea_accepted")
def idea_accepted(sender, instance, user=None, **kwargs):
    page = instance.content_object
    page = getattr(page, "specific", page)
    if isinstance(page, LabBriefPage) and page.proposed_by_id:
        feed.record(
            EventKind.IDEA_ACCEPTED,
            f"idea:{page.translation_key}",
            target=Target.BRIEF,
            key=page.translation_key,
            subject=page,
            actor=page.proposed_by,
        )


@receiver(post_save, sender=XtdComment, dispatch_uid="members_advice_answer")
def advice_answered(sender, instance, created, **kwargs):
    if not created or not instance.parent_id or instance.parent_id == instance.pk:
        return
    parent = XtdComment.objects.filter(pk=instance.parent_id).select_related("user").first()
    if parent is None or parent.user is None or parent.user_id == instance.user_id:
        return
    page = instance.content_object
    feed.record(
        EventKind.ADVICE_ANSWER,
        f"answer:{instance.pk}",
        recipient=parent.user,
        subject=getattr(page, "specific", page) if page is not None else None,
        actor=instance.user,
        # Who asked for the lab's follow-up is e-mailed by the lab (lab.advice) already.
        mailed_elsewhere=bool(parent.followup),
    )


def check_milestones(campaign_key):
    """Half the goal and the goal itself, each announced once per campaign."""
    campaign = (
        CampaignPage.objects.filter(translation_key=campaign_key, alias_of__isnull=True)
        .order_by("pk")
        .first()
    )
    if campaign is None or not campaign.goal:
        return
    raised = Pledge.objects.totals_for([campaign_key])[campaign_key].raised
    reached = [("half", raised * 2 >= campaign.goal), ("goal", raised >= campaign.goal)]
    for milestone, passed in reached:
        if passed:
            feed.record(
                EventKind.MILESTONE,
                f"milestone:{milestone}:{campaign_key}",
                target=Target.CAMPAIGN,
                key=campaign_key,
                subject=campaign,
                milestone=milestone,
            )


@receiver(post_save, sender=Pledge, dispatch_uid="members_pledge_milestones")
def pledge_saved(sender, instance, **kwargs):
    if instance.is_counted:
        transaction.on_commit(lambda: check_milestones(instance.campaign_key), robust=True)


@receiver(campaign_closed, dispatch_uid="members_campaign_closed")
def closed(sender, campaign, **kwargs):
    feed.record(
        EventKind.MILESTONE,
        f"milestone:closed:{campaign.translation_key}",
        target=Target.CAMPAIGN,
        key=campaign.translation_key,
        subject=campaign,
        milestone="closed",
    )


@receiver(post_save, sender=BriefGraduation, dispatch_uid="members_graduation_keeps_followers")
def graduation_keeps_followers(sender, instance, created, **kwargs):
    """A brief's followers follow the campaign it graduated into."""
    if not created:
        return
    brief_key, campaign_key = instance.brief.translation_key, instance.campaign.translation_key
    members = Follow.objects.filter(target=Target.BRIEF, key=str(brief_key)).values_list(
        "member_id", flat=True
    )
    Follow.objects.bulk_create(
        [Follow(member_id=m, target=Target.CAMPAIGN, key=str(campaign_key)) for m in members],
        ignore_conflicts=True,
    )
