from django import template

from portal.pagecache import remember

register = template.Library()


@register.inclusion_tag("comments/advice_thread.html", takes_context=True)
def advice_thread(context, page):
    """The advice thread of a brief or campaign; `?advice=experts` keeps the experts' only."""
    from lab import advice

    request = context["request"]
    experts_only = request.GET.get("advice") == "experts"

    def thread():
        comments = list(advice.visible_comments(page, experts_only=experts_only))
        return comments, advice.expert_ids(comments)

    comments, experts = remember(request, f"advice:{page.pk}:{experts_only}", thread)
    user = request.user
    questions = context.get("questions") or []
    return {
        "request": request,
        "page": page,
        "user": user,
        "comments": [
            {
                "comment": comment,
                "is_expert": comment.user_id in experts,
                "can_edit": advice.can_edit(comment, user),
                "is_mine": user.is_authenticated and comment.user_id == user.pk,
            }
            for comment in comments
        ],
        "experts_only": experts_only,
        "questions": questions if context.get("is_owner") else [],
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("components/lab/campaign_origin.html", takes_context=True)
def campaign_origin(context, campaign):
    """On a campaign's page: the lab brief it graduated from (in the campaign's language)."""
    from lab.graduation import graduation_of_campaign, team_of

    def origin():
        found = graduation_of_campaign(campaign)
        if found is None:
            return {}
        brief = found.brief.get_translation_or_none(campaign.locale) or found.brief
        return {"origin_brief": brief if brief.live else None, "team": team_of(found.brief)}

    return remember(context["request"], f"origin:{campaign.pk}", origin)
