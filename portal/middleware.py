from django.middleware.locale import LocaleMiddleware

# Paths that carry no language prefix: their 404s are answers, not pages to redirect to /fr/….
UNPREFIXED = ("/api/", "/admin/", "/documents/", "/stripe/", "/static/", "/media/")


class PortalLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, minus the redirect of unprefixed 404s for API and admin paths.

    Wagtail's catch-all route under i18n_patterns makes every path "valid" once prefixed, so
    the stock middleware would turn an API's 404 into a redirect to /fr/api/….
    """

    def process_response(self, request, response):
        if request.path_info.startswith(UNPREFIXED):
            response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
            return response
        return super().process_response(request, response)


class AdminScriptPolicyMiddleware:
    """Let the Wagtail admin run the few inline scripts its date pickers still use.

    Listed after django-csp's middleware, so it marks the response before the policy is built;
    the public site keeps its strict `script-src`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith("/admin/"):
            response._csp_update = {"script-src": ["'unsafe-inline'"]}
        return response
