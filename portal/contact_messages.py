"""Contact messages in the admin, read-only, each seen only by the staff it was written to.

Platform admins see every message; an operator's moderators see the messages to their
operator (in any language); editors and other operators see nothing. Nobody edits a message.
"""

from django.utils.translation import gettext_lazy as _

from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.models import ContactMessage, OperatorPage


def _moderated_operators(user):
    return OperatorPage.objects.filter(moderators_group__in=user.groups.all())


class ContactMessagePermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action != "view" or not user.is_active:
            return False
        return user.is_superuser or _moderated_operators(user).exists()

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(ContactMessage, ContactMessagePermissionPolicy(ContactMessage))


class ContactMessageViewSet(SnippetViewSet):
    model = ContactMessage
    icon = "mail"
    menu_label = _("Contact messages")
    add_to_admin_menu = True
    inspect_view_enabled = False
    list_display = ["subject", "name", "email", "operator", "message", "created_at"]
    list_filter = ["operator"]

    def get_queryset(self, request):
        messages = ContactMessage.objects.select_related("operator")
        if request.user.is_superuser:
            return messages
        return messages.filter(operator__moderators_group__in=request.user.groups.all()).distinct()
