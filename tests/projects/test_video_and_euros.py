import pytest

from portal.euros import format_euros, parse_euros
from projects.video import video_provider


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", ("youtube", "dQw4w9WgXcQ")),
        ("https://youtu.be/dQw4w9WgXcQ", ("youtube", "dQw4w9WgXcQ")),
        ("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", ("youtube", "dQw4w9WgXcQ")),
        ("https://vimeo.com/76979871", ("vimeo", "76979871")),
        ("https://player.vimeo.com/video/76979871", ("vimeo", "76979871")),
        (
            "https://framatube.org/w/9c9de5e8-0a1e-484a-b099-e80766180a6d",
            ("peertube", "9c9de5e8-0a1e-484a-b099-e80766180a6d"),
        ),
        (
            "https://tube.example.be/w/kkGMgK9ZtnKfYAgnEtQxbv",
            ("peertube", "kkGMgK9ZtnKfYAgnEtQxbv"),
        ),
        ("http://www.youtube.com/watch?v=dQw4w9WgXcQ", None),
        ("https://www.youtube.com/watch?v=short", None),
        ("https://evil.example.org/watch?v=dQw4w9WgXcQ", None),
        ("https://user:pw@vimeo.com/76979871", None),
        ("https://vimeo.com/76979871 onload", None),
        ("javascript:alert(1)", None),
        ("https://localhost/w/kkGMgK9ZtnKfYAgnEtQxbv", None),
        ("", None),
    ],
)
def test_video_links(url, expected):
    assert video_provider(url) == expected


@pytest.mark.parametrize(
    ("typed", "cents"),
    [
        ("12", 1200),
        ("12.5", 1250),
        ("12,50", 1250),
        ("1 250,00", 125_000),
        ("1\u00a0250", 125_000),
        ("12 €", 1200),
        (7, 700),
        ("12.345", None),
        ("-3", None),
        ("abc", None),
        ("1e3", None),
        ("NaN", None),
        ("", None),
    ],
)
def test_euros_as_people_type_them(typed, cents):
    assert parse_euros(typed) == cents


def test_euros_shown_for_editing():
    assert [format_euros(c) for c in (1200, 1250, 5, None)] == ["12", "12.50", "0.05", ""]
