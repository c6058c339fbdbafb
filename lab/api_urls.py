"""lab endpoints of the portal API, mounted at /api/v1/."""

from rest_framework.routers import SimpleRouter

from lab import api

router = SimpleRouter()
router.register("signups", api.SignupViewSet, basename="lab_signup")
router.register("applications", api.ApplicationViewSet, basename="lab_application")
router.register("ideas", api.IdeaViewSet, basename="lab_idea")
router.register("advice", api.AdviceViewSet, basename="lab_advice")

urlpatterns = router.urls
