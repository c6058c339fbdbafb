"""What every search engine takes and returns."""

from dataclasses import dataclass, field

SORTS = ("relevance", "ending", "newest")
FacetCounts = dict  # {facet: {value: count}}, values as strings (ids, kinds, needs)


@dataclass(frozen=True)
class SearchQuery:
    language: str
    text: str = ""
    kind: str | None = None
    operator_ids: tuple | None = None
    category_ids: tuple | None = None
    territory_ids: tuple | None = None
    need: str | None = None
    sort: str = "relevance"
    page: int = 1
    page_size: int = 20
    # Every term must match ("and") or any of them ("or", better recall on long queries).
    terms_operator: str = "and"
    # Match titles by word starts (as the suggestions do) rather than whole stemmed words.
    prefix: bool = False

    @property
    def offset(self):
        return (self.page - 1) * self.page_size


@dataclass
class SearchHits:
    """`entries` are SearchEntry-like objects with a `snippet` (HTML, only <mark> tags)."""

    count: int
    entries: list
    facets: FacetCounts = field(default_factory=FacetCounts)


@dataclass(frozen=True)
class Suggestion:
    title: str
    url: str
    kind: str
    fallback: bool
