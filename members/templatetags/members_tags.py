from django import template

from members import follows

register = template.Library()


@register.inclusion_tag("components/follow_button_form.html", takes_context=True)
def follow_button(context, target, page):
    """Follow or stop following a page (campaign, brief, operator); a log-in link for visitors."""
    request = context["request"]
    return {
        "request": request,
        "user": request.user,
        "target": target,
        "object_id": page.pk,
        "following": follows.is_following(request.user, target, page.translation_key),
    }
