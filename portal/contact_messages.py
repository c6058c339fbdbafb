"""Contact messages in the admin, read-only, each seen only by the staff it was written to.

Platform admins see every message; an operator's moderators see the messages to their
operator (in any language), through the walls; editors and other operators see nothing.
Nobody edits a message.
"""

from django.utils.translation import gettext_lazy as _

from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import SnippetViewSet

from portal import walls
from portal.models import ContactMessage


class ContactMessagePolicy(walls.SectionPermissionPolicy):
    """Viewing only, for platform admins too: a message is a record, not a draft."""

    roles = {"view": walls.MODERATOR}

    def user_has_any_permission(self, user, actions):
        return "view" in actions and super().user_has_any_permission(user, ["view"])

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return "view" in actions and super().user_has_any_permission_for_instance(
            user, ["view"], instance
        )


register_permission_policy(ContactMessage, ContactMessagePolicy(ContactMessage))


class ContactMessageViewSet(walls.WalledViewSetMixin, SnippetViewSet):
    model = ContactMessage
    icon = "mail"
    menu_label = _("Contact messages")
    add_to_admin_menu = True
    inspect_view_enabled = False
    list_display = ["subject", "name", "email", "operator", "message", "created_at"]
    list_filter = ["operator"]

    def get_queryset(self, request):
        return ContactMessage.objects.select_related("operator")
