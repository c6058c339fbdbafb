from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.permissions import policy_registry
from wagtail.snippets.models import register_snippet

from portal import gdpr, published_media, walls
from portal.contact_messages import ContactMessageViewSet
from portal.models import OperatorPage
from portal.operators import create_operator


class OperatorForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=255)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=OperatorPage.Kind.choices)
    website = forms.URLField(label=gettext_lazy("Website"), required=False)

    def clean_name(self):
        from django.contrib.auth.models import Group

        name = self.cleaned_data["name"].strip()
        if Group.objects.filter(name__startswith=f"{name} — ").exists():
            raise forms.ValidationError(_("An operator with this name already exists."))
        return name


def create_operator_view(request):
    """Platform admins create an operator: its section, groups, collection and workflow."""
    if not request.user.is_superuser:
        raise PermissionDenied
    form = OperatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        page = create_operator(**form.cleaned_data)
        messages.success(
            request,
            _("Operator “%(name)s” created with its editors and moderators groups.")
            % {"name": page.title},
        )
        return redirect("wagtailadmin_explore", page.pk)
    return TemplateResponse(
        request,
        "wagtailadmin/generic/form.html",
        {
            "form": form,
            "page_title": _("New operator"),
            "header_icon": "group",
            "action_url": reverse("portal_create_operator"),
            "submit_button_label": _("Create operator"),
        },
    )


@hooks.register("register_admin_urls")
def register_operator_urls():
    return [path("operators/new/", create_operator_view, name="portal_create_operator")]


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def register_operator_menu_item():
    return SuperuserMenuItem(
        gettext_lazy("New operator"),
        reverse("portal_create_operator"),
        icon_name="group",
        order=150,
    )


@hooks.register("construct_page_chooser_queryset")
def wall_page_chooser(pages, request):
    return walls.visible_pages(pages, request.user)


@hooks.register("construct_explorer_page_queryset")
def wall_explorer(parent_page, pages, request):
    return walls.visible_pages(pages, request.user)


@hooks.register("before_move_page")
def wall_move(request, page, destination):
    """Refuse the confirmation page too, not only the move itself."""
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied


class CollectionWalledMixin:
    """Only the images or documents of collections the user may choose from or change."""

    def get_queryset(self):
        queryset = super().get_queryset()
        policy = policy_registry.get_by_type(queryset.model)
        allowed = policy.instances_user_has_any_permission_for(
            self.request.user, ["choose", "change"]
        )
        return queryset.filter(pk__in=allowed.values("pk"))


class WalledImagesAPIViewSet(CollectionWalledMixin, ImagesAdminAPIViewSet):
    pass


class WalledDocumentsAPIViewSet(CollectionWalledMixin, DocumentsAdminAPIViewSet):
    pass


@hooks.register("construct_admin_api", order=100)
def wall_admin_api(router):
    """The admin API's images and documents: only those of the user's collections."""
    router.register_endpoint("images", WalledImagesAPIViewSet)
    router.register_endpoint("documents", WalledDocumentsAPIViewSet)


@hooks.register("register_admin_urls")
def register_translation_parity_urls():
    from portal import reports

    return reports.urls()


@hooks.register("register_reports_menu_item")
def register_translation_parity_menu_item():
    from portal import reports

    return reports.menu_item()


@hooks.register("before_serve_document")
def serve_only_published_documents(document, request):
    """/documents/<id>/<name> serves what live, public pages use; the rest only to the staff
    who may choose the document in the admin (its operator's editors and moderators)."""
    if published_media.is_published(document):
        return None
    permissions = policy_registry.get_by_type(type(document))
    if permissions.user_has_any_permission_for_instance(
        request.user, ["change", "choose"], document
    ):
        return None
    raise Http404


register_snippet(ContactMessageViewSet)


hooks.register(gdpr.EXPORT_HOOK, gdpr.export_account)
hooks.register(gdpr.ERASE_HOOK, gdpr.erase_account_records)


@hooks.register("register_my_maillon_link")
def my_data_link(request):
    if not request.user.is_authenticated:
        return None
    return {"url": reverse("member_data"), "label": _("My data"), "order": 90}


@hooks.register("register_my_maillon_link")
def delete_account_link(request):
    if not request.user.is_authenticated:
        return None
    return {"url": reverse("member_delete"), "label": _("Delete my account"), "order": 91}
