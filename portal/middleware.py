from django.middleware.locale import LocaleMiddleware


class PortalLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, minus the redirect of API 404s to a language-prefixed URL.

    /api/ carries no language prefix; without this, every 404 of the API would become a 302 to
    /fr/api/…, which Wagtail's catch-all route then serves as a page-not-found.
    """

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith("/api/"):
            response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
            return response
        return super().process_response(request, response)
