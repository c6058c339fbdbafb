"""What makes a campaign page worth sharing: plain share links (no third-party script is ever
loaded), Open Graph locales, and the ways to the holder's profile and to following the
campaign, which other apps provide through Wagtail hooks:

- `register_member_profile_url`: fn(user) -> the URL of the member's public profile, or None
  (a member whose profile is private, or no profiles at all);
- `register_follow_url`: fn(request, page) -> the URL of a form following the page, or None.

Without them the page simply shows no profile link, and invites visitors to log in to follow.
"""

from urllib.parse import quote, urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from wagtail import hooks

# The Open Graph locale of each of the site's languages (the platform is Belgian).
OG_LOCALES = {"fr": "fr_BE", "nl": "nl_BE", "de": "de_BE", "en": "en_GB"}


def share_links(page, url):
    """(network, label, href) for each way of sharing `url`, as plain links."""
    text = f"{page.title}: {page.summary}" if page.summary else page.title
    body = f"{text}\n\n{url}"
    return [
        ("email", _("E-mail"), f"mailto:?subject={quote(page.title)}&body={quote(body)}"),
        (
            "facebook",
            "Facebook",
            "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}),
        ),
        (
            "linkedin",
            "LinkedIn",
            "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url}),
        ),
        ("x", "X", "https://x.com/intent/post?" + urlencode({"url": url, "text": page.title})),
        ("whatsapp", "WhatsApp", "https://wa.me/?" + urlencode({"text": f"{page.title} {url}"})),
    ]


def _first_hook(name, *args):
    for function in hooks.get_hooks(name):
        result = function(*args)
        if result:
            return result
    return None


def holder_profile_url(holder):
    return _first_hook("register_member_profile_url", holder) if holder else None


def follow_url(request, page):
    """The member's way to follow the page; a visitor is asked to log in first."""
    url = _first_hook("register_follow_url", request, page)
    if url or request.user.is_authenticated:
        return url
    return f"{reverse('account_login')}?{urlencode({'next': page.url})}"


def sharing_context(page, request):
    url = page.get_full_url(request)
    return {
        "share_url": url,
        "share_links": share_links(page, url),
        "holder_profile_url": holder_profile_url(page.project_holder),
        "follow_url": follow_url(request, page) if page.status == "upcoming" else None,
    }
