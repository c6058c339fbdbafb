"""campaigns.video: YouTube, Vimeo and PeerTube addresses to their privacy-friendly players."""

import pytest

from campaigns.video import embed_for


@pytest.mark.parametrize(
    ("url", "provider", "embed_url"),
    [
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42",
            "youtube",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        (
            "https://youtu.be/dQw4w9WgXcQ",
            "youtube",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        (
            "https://m.youtube.com/shorts/dQw4w9WgXcQ",
            "youtube",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        (
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
            "youtube",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        ("https://vimeo.com/76979871", "vimeo", "https://player.vimeo.com/video/76979871?dnt=1"),
        (
            "https://player.vimeo.com/video/76979871",
            "vimeo",
            "https://player.vimeo.com/video/76979871?dnt=1",
        ),
        (
            "https://framatube.org/w/9c9de5e8-0a1e-484a-b099-e80766180a6d",
            "peertube",
            "https://framatube.org/videos/embed/9c9de5e8-0a1e-484a-b099-e80766180a6d",
        ),
        (
            "https://tube.example.be/videos/watch/kkGMgK9ZtnKfYAgnEtQxbv",
            "peertube",
            "https://tube.example.be/videos/embed/kkGMgK9ZtnKfYAgnEtQxbv",
        ),
    ],
)
def test_known_addresses_become_players(url, provider, embed_url):
    embed = embed_for(url)
    assert (embed.provider, embed.embed_url) == (provider, embed_url)


def test_the_player_origin_is_what_the_page_lets_in():
    assert embed_for("https://youtu.be/dQw4w9WgXcQ").origin == "https://www.youtube-nocookie.com"
    assert embed_for("https://framatube.org/w/abcdefgh").origin == "https://framatube.org"


@pytest.mark.parametrize(
    "url",
    [
        "",
        None,
        "javascript:alert(1)//youtube.com/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com/watch?v=short",
        "https://www.youtube.com/channel/UC123",
        "https://vimeo.com/channels/staffpicks",
        "http://framatube.org/w/9c9de5e8",  # PeerTube only over HTTPS
        "https://framatube.org:8443/w/9c9de5e8",
        "https://example.org/some/page",
        "https://evil.example/w/<script>",
        "ftp://youtu.be/dQw4w9WgXcQ",
        "https://[::1/w/abcdefgh",
    ],
)
def test_anything_else_has_no_player(url):
    assert embed_for(url) is None
