"""The operators' walls: who is staff of which section, written once.

An operator's section is an OperatorPage in every locale (the copies share their groups). Its
*editors* group drafts there; its *moderators* group also approves and publishes. Two roles
follow: ``EDITOR`` is anyone on the section's staff (moderators can do all editors can) and
``MODERATOR`` is the moderators group alone. Superusers hold both roles everywhere; members and
anonymous visitors hold neither.

Anything an operator owns reaches its section through a chain of foreign keys ending at a page
(a campaign, a brief) or at the OperatorPage itself; models name that chain in ``wall_path``
(``"operator"``, ``"campaign"``, ``"role__brief"``), pages need none. Every view, hook, API and
admin viewset asks this module, never the groups directly:

- ``sections_of(user, role)``: the OperatorPages (all locales) where the user has the role;
- ``is_staff(user, obj, role)``: whether the user has the role in the section ``obj`` lies in;
- ``within_sections(queryset, user, role)``: the rows of ``queryset`` that lie in those sections;
- ``staff_of(section, role)``: the users who hold the role there (to notify them);
- ``members()``: users who are nobody's staff, the only ones offered as experts or holders;
- ``SectionPermissionPolicy`` and ``WalledViewSetMixin``: the same rule for every view of an
  admin viewset (index, add, edit, delete, copy, history, usage, inspect, export).
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import Http404

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page
from wagtail.permission_policies.base import BasePermissionPolicy

from portal.models import OperatorPage

EDITOR = "editor"
MODERATOR = "moderator"
ROLES = (EDITOR, MODERATOR)


def _is_superuser(user):
    return user.is_authenticated and user.is_active and user.is_superuser


def sections_of(user, role=EDITOR):
    """The OperatorPages, in every locale, where the user holds `role`; superusers: all."""
    if role not in ROLES:
        raise ValueError(f"Unknown role {role!r}")
    if not user.is_authenticated or not user.is_active:
        return OperatorPage.objects.none()
    if user.is_superuser:
        return OperatorPage.objects.all()
    group_ids = list(user.groups.values_list("pk", flat=True))
    condition = Q(moderators_group_id__in=group_ids)
    if role == EDITOR:
        condition |= Q(editors_group_id__in=group_ids)
    return OperatorPage.objects.filter(condition)


def _section_paths(user, role):
    return list(sections_of(user, role).values_list("path", flat=True))


def _wall_path(model, via):
    if via is not None:
        return via
    if issubclass(model, Page):
        return ""
    try:
        return model.wall_path
    except AttributeError:
        raise TypeError(f"{model.__name__} names no wall_path to its operator") from None


def within_sections(queryset, user, role=EDITOR, via=None):
    """The rows of `queryset` that lie in a section where the user holds `role`.

    `via` is the foreign-key path from the row to its page (default: the model's `wall_path`;
    pages need none). A page lies in a section when its tree path starts with the section's.
    """
    if _is_superuser(user):
        return queryset
    via = _wall_path(queryset.model, via)
    field = f"{via}__path__startswith" if via else "path__startswith"
    condition = Q(pk__in=[])
    for path in _section_paths(user, role):
        condition |= Q(**{field: path})
    return queryset.filter(condition)


def page_of(obj, via=None):
    """The page (or OperatorPage) an object hangs from, following its wall path."""
    via = _wall_path(type(obj), via)
    for name in filter(None, via.split("__")):
        obj = getattr(obj, name, None)
        if obj is None:
            return None
    return obj


def is_staff(user, obj, role=EDITOR, via=None):
    """Whether the user holds `role` in the section that `obj` (a page or a walled row) lies in."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    page = page_of(obj, via)
    if page is None:
        return False
    return any(page.path.startswith(path) for path in _section_paths(user, role))


def visible_pages(queryset, user):
    """The pages of `queryset` the user may see in the admin.

    Staff see the pages outside every section (home and index pages they may link to), each
    section's own page (it is public and holds nothing secret) and everything in their own
    sections; what lies inside another operator's section, drafts above all, stays hidden.
    """
    if _is_superuser(user):
        return queryset
    own = sections_of(user, EDITOR).values("pk")
    hidden = Q(pk__in=[])
    for path in OperatorPage.objects.exclude(pk__in=own).values_list("path", flat=True):
        hidden |= Q(path__startswith=path) & ~Q(path=path)
    return queryset.exclude(hidden)


def staff_of(section, role=EDITOR):
    """The active users who hold `role` in this section (its OperatorPage in any locale)."""
    group_ids = [section.moderators_group_id]
    if role == EDITOR:
        group_ids.append(section.editors_group_id)
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__in=[pk for pk in group_ids if pk])
        .distinct()
    )


def members():
    """Active users who are neither superusers nor on any operator's staff (a lazy queryset)."""
    sections = OperatorPage.objects.all()
    staff_groups = Q(groups__in=sections.values("editors_group_id")) | Q(
        groups__in=sections.values("moderators_group_id")
    )
    return get_user_model().objects.filter(is_active=True, is_superuser=False).exclude(staff_groups)


class MembersOnlyPageForm(WagtailAdminPageForm):
    """A page form whose user fields (project holder, proposer) offer members only.

    Another operator's staff must not be named, nor listed with their e-mail addresses; the
    value already saved stays selectable.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user_model = get_user_model()
        for name, field in self.fields.items():
            if getattr(field, "queryset", None) is not None and field.queryset.model is user_model:
                current = getattr(self.instance, f"{name}_id", None)
                field.queryset = user_model.objects.filter(
                    Q(pk__in=members().values("pk")) | Q(pk=current)
                )


class SectionPermissionPolicy(BasePermissionPolicy):
    """Admin permissions on rows that belong to an operator: the walls as a Wagtail policy.

    `roles` maps each action to the role it needs in the row's section; an action it leaves out
    is for superusers only. Wagtail asks `user_has_permission` to show menus and buttons; the
    views of a `WalledViewSetMixin` viewset also ask for the instance and list only the rows of
    `instances_user_has_any_permission_for`.
    """

    roles = {"view": EDITOR}

    def __init__(self, model, roles=None, via=None):
        super().__init__(model)
        if roles is not None:
            self.roles = roles
        self.via = via

    def _roles_for(self, actions):
        return {self.roles[action] for action in actions if action in self.roles}

    def user_has_permission(self, user, action):
        return self.user_has_any_permission(user, [action])

    def user_has_any_permission(self, user, actions):
        if not user.is_authenticated or not user.is_active:
            return False
        if user.is_superuser:
            return True
        return any(sections_of(user, role).exists() for role in self._roles_for(actions))

    def filter_queryset(self, queryset, user, actions):
        """The rows of `queryset` the user may act on with any of `actions`."""
        if _is_superuser(user):
            return queryset
        roles = self._roles_for(actions)
        if not roles:
            return queryset.none()
        # An editor's rows include a moderator's: the weaker role is enough.
        role = EDITOR if EDITOR in roles else MODERATOR
        return within_sections(queryset, user, role, via=self.via)

    def instances_user_has_any_permission_for(self, user, actions):
        return self.filter_queryset(self.model._default_manager.all(), user, actions)

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if _is_superuser(user):
            return True
        return any(
            is_staff(user, instance, role, via=self.via) for role in self._roles_for(actions)
        )

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)


class WalledViewMixin:
    """Lists come from the policy's rows; a row outside the user's walls is a 404."""

    def _wall_actions(self):
        required = getattr(self, "permission_required", None)
        return [required] if required else getattr(self, "any_permission_required", ["view"])

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        if queryset.model is not self.model:  # a history or usage listing, not our rows
            return queryset
        return self.permission_policy.filter_queryset(
            queryset, self.request.user, self._wall_actions()
        )

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if obj is None:  # a snippet's create view has no object yet
            return obj
        if not self.permission_policy.user_has_any_permission_for_instance(
            self.request.user, self._wall_actions(), obj
        ):
            raise Http404
        return obj


class WalledViewSetMixin:
    """Put `WalledViewMixin` on every view a ModelViewSet builds, present and future ones.

    The model's policy (registered with `register_permission_policy`) must be a
    `SectionPermissionPolicy`.
    """

    def construct_view(self, view_class, **kwargs):
        if not issubclass(view_class, WalledViewMixin):
            view_class = type(view_class.__name__, (WalledViewMixin, view_class), {})
        return super().construct_view(view_class, **kwargs)
