"""campaigns routes under the language prefix (/fr/…); pages themselves are served by Wagtail."""

urlpatterns = []
