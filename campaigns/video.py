"""A campaign's video as a privacy-friendly embed: YouTube, Vimeo or PeerTube addresses turned
into the player's address, which the page only loads when the visitor asks for it.

Rendering makes no request to the provider (no oEmbed, no thumbnail): the page shows a local
placeholder and a button, and assets/js/video.js inserts the iframe on click. YouTube plays from
youtube-nocookie.com, Vimeo with `dnt=1`. The page's Content-Security-Policy lets in the
player's origin, and no other (`CampaignPage.serve`). Checking what members may enter is the
projects app's business (projects/video.py); this module only reads addresses.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtube-nocookie.com"}
YOUTUBE_HOSTS |= {"www.youtube-nocookie.com", "youtu.be"}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}

YOUTUBE_ID = re.compile(r"^[\w-]{11}$")
VIMEO_ID = re.compile(r"^\d{1,12}$")
# PeerTube: /w/<short uuid>, /videos/watch/<uuid or short uuid>, /videos/embed/<…>
PEERTUBE_PATH = re.compile(r"^/(?:w|videos/watch|videos/embed)/([\w-]{6,40})/?$")
HOST = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")


@dataclass(frozen=True)
class Embed:
    provider: str  # "youtube", "vimeo" or "peertube"
    video_id: str
    embed_url: str

    @property
    def origin(self):
        """The player's origin, the one frame source the page allows."""
        parts = urlsplit(self.embed_url)
        return f"{parts.scheme}://{parts.netloc}"

    @property
    def provider_name(self):
        return {"youtube": "YouTube", "vimeo": "Vimeo", "peertube": "PeerTube"}[self.provider]


def embed_for(url):
    """The Embed for a YouTube, Vimeo or PeerTube address, or None for anything else."""
    if not url or not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not host:
        return None
    if host in YOUTUBE_HOSTS:
        return _youtube(host, parts)
    if host in VIMEO_HOSTS:
        return _vimeo(parts)
    return _peertube(host, parts)


def _youtube(host, parts):
    segments = [segment for segment in parts.path.split("/") if segment]
    if host == "youtu.be":
        video_id = segments[0] if segments else ""
    elif segments[:1] == ["watch"]:
        video_id = parse_qs(parts.query).get("v", [""])[0]
    elif len(segments) == 2 and segments[0] in ("embed", "shorts", "live", "v"):
        video_id = segments[1]
    else:
        video_id = ""
    if not YOUTUBE_ID.match(video_id):
        return None
    return Embed("youtube", video_id, f"https://www.youtube-nocookie.com/embed/{video_id}")


def _vimeo(parts):
    segments = [segment for segment in parts.path.split("/") if segment]
    video_id = next((segment for segment in reversed(segments) if VIMEO_ID.match(segment)), "")
    if not video_id:
        return None
    return Embed("vimeo", video_id, f"https://player.vimeo.com/video/{video_id}?dnt=1")


def _peertube(host, parts):
    match = PEERTUBE_PATH.match(parts.path)
    if match is None or not HOST.match(host) or parts.scheme != "https" or parts.port:
        return None
    video_id = match.group(1)
    return Embed("peertube", video_id, f"https://{host}/videos/embed/{video_id}")
