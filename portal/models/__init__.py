from .legal import ContactMessage, ContactPage, LegalLinks
from .pages import ContentPage, HomePage, OperatorPage
from .taxonomy import Category, Territory
from .users import User

__all__ = [
    "Category",
    "ContactMessage",
    "ContactPage",
    "ContentPage",
    "HomePage",
    "LegalLinks",
    "OperatorPage",
    "Territory",
    "User",
]
