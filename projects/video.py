"""Which video links a campaign may carry: YouTube, Vimeo or a PeerTube instance.

One function, `validate_video_url`, says yes or no with a reason in the visitor's language; the
campaign page renders the link (campaigns/video.py) and never fetches anything to do so.
"""

import re
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

YOUTUBE_HOSTS = {
    "youtube.com",
    "www.youtube.com",
    "m.youtube.com",
    "youtube-nocookie.com",
    "www.youtube-nocookie.com",
    "youtu.be",
}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
VIMEO_PATH = re.compile(r"^/(?:video/)?(\d{4,12})/?$")
# PeerTube: /w/<short uuid>, /videos/watch/<uuid>, /videos/embed/<uuid> on any https host.
PEERTUBE_PATH = re.compile(
    r"^/(?:w|videos/watch|videos/embed)/([0-9A-Za-z]{22}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-"
    r"[0-9a-f]{4}-[0-9a-f]{12})/?$"
)
HOSTNAME = re.compile(r"^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
MAX_LENGTH = 500


def video_provider(url):
    """("youtube" | "vimeo" | "peertube", video id) for a valid link, else None."""
    if not url or len(url) > MAX_LENGTH or any(c.isspace() for c in url):
        return None
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme != "https" or parts.username or parts.password or parts.port:
        return None
    if host in YOUTUBE_HOSTS:
        if host == "youtu.be":
            candidate = parts.path.strip("/")
        elif parts.path == "/watch":
            candidate = parse_qs(parts.query).get("v", [""])[0]
        else:
            match = re.match(r"^/(?:embed|shorts|live)/([^/]+)/?$", parts.path)
            candidate = match.group(1) if match else ""
        return ("youtube", candidate) if YOUTUBE_ID.match(candidate) else None
    if host in VIMEO_HOSTS:
        match = VIMEO_PATH.match(parts.path)
        return ("vimeo", match.group(1)) if match else None
    match = PEERTUBE_PATH.match(parts.path)
    if match and HOSTNAME.match(host):
        return ("peertube", match.group(1))
    return None


def validate_video_url(url):
    """Raise ValidationError unless `url` is a YouTube, Vimeo or PeerTube video link."""
    if video_provider(url) is None:
        raise ValidationError(
            _("Give the https link of a YouTube, Vimeo or PeerTube video."), code="video_url"
        )
