"""campaigns endpoints of the portal API, mounted at /api/v1/."""

urlpatterns = []
