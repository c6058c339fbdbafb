from .portal import (
    CategoryFactory,
    ContentPageFactory,
    HomePageFactory,
    MemberFactory,
    TerritoryFactory,
)

__all__ = [
    "CategoryFactory",
    "ContentPageFactory",
    "HomePageFactory",
    "MemberFactory",
    "TerritoryFactory",
]
