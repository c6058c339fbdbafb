from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

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


@hooks.register("register_admin_urls")
def register_translation_parity_urls():
    from portal import reports

    return reports.urls()


@hooks.register("register_reports_menu_item")
def register_translation_parity_menu_item():
    from portal import reports

    return reports.menu_item()


register_snippet(ContactMessageViewSet)
