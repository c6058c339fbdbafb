"""A per-day bar chart as inline SVG: drawn on the server, no script, no outside request.

The SVG names itself (`<title>`, `<desc>`) and the page gives the same figures as a table.
"""

import datetime
from dataclasses import dataclass

WIDTH = 640
HEIGHT = 200
MARGIN = 24


@dataclass(frozen=True)
class Bar:
    day: datetime.date
    amount: int  # cents
    count: int
    x: float
    y: float
    width: float
    height: float


def daily_bars(days, first=None, last=None):
    """Bars for each day from `first` to `last` (days without pledges included).

    `days` maps a date to (cents, pledges). Returns (bars, highest amount in cents).
    """
    if not days and first is None:
        return [], 0
    first = first or min(days)
    last = max(last or first, max(days) if days else first)
    span = (last - first).days + 1
    if span > 120:  # a long campaign: its last 120 days
        first = last - datetime.timedelta(days=119)
        span = 120
    highest = max((amount for amount, _count in days.values()), default=0) or 1
    slot = (WIDTH - 2 * MARGIN) / span
    bars = []
    for index in range(span):
        day = first + datetime.timedelta(days=index)
        amount, count = days.get(day, (0, 0))
        height = (HEIGHT - 2 * MARGIN) * amount / highest
        bars.append(
            Bar(
                day=day,
                amount=amount,
                count=count,
                x=round(MARGIN + index * slot + slot * 0.1, 2),
                y=round(HEIGHT - MARGIN - height, 2),
                width=round(max(slot * 0.8, 1), 2),
                height=round(height, 2),
            )
        )
    return bars, highest
