from .pages import ContentPage, HomePage, OperatorPage
from .taxonomy import Category, Territory
from .users import User

__all__ = ["Category", "ContentPage", "HomePage", "OperatorPage", "Territory", "User"]
