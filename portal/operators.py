"""Operators and their walls: groups, page permissions, a collection and a workflow per section.

Each operator's section is an OperatorPage under every locale's home page. Its editors may draft
there, its moderators approve and publish there, and neither group holds a permission anywhere
else, so Wagtail's own permission checks keep operators out of each other's sections. Who is
staff of which section is answered by `portal.walls`, for everything else.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.text import slugify

from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from portal.models import HomePage, OperatorPage

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page"]
MODERATOR_PAGE_PERMISSIONS = [*EDITOR_PAGE_PERMISSIONS, "publish_page", "unlock_page"]
COLLECTION_PERMISSIONS = {
    "wagtailimages": ["add_image", "change_image", "choose_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
}
ADMIN_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("portal", "view_category"),
    ("portal", "view_territory"),
]


def _permissions(app_label, codenames):
    return list(
        Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    )


def _page_permissions(codenames):
    return _permissions("wagtailcore", codenames)


@transaction.atomic
def create_operator(*, name, kind, slug=None, description="", website="", home=None):
    """Create an operator's section with its staff groups, collection and moderation workflow.

    The section is created in the default locale and aliased into the others; the post-save
    signal grants the same walls to every copy.
    """
    home = home or HomePage.objects.get(locale__language_code="fr")
    slug = slug or slugify(name)
    existing = OperatorPage.objects.filter(slug=slug, locale_id=home.locale_id).first()
    if existing:
        return existing

    editors = Group.objects.create(name=f"{name} — editors")
    moderators = Group.objects.create(name=f"{name} — moderators")
    for group in (editors, moderators):
        group.permissions.add(
            *[
                perm
                for app_label, codename in ADMIN_PERMISSIONS
                for perm in _permissions(app_label, [codename])
            ]
        )

    collection = Collection.get_first_root_node().add_child(name=name)
    for group in (editors, moderators):
        for app_label, codenames in COLLECTION_PERMISSIONS.items():
            for permission in _permissions(app_label, codenames):
                GroupCollectionPermission.objects.create(
                    group=group, collection=collection, permission=permission
                )

    workflow = Workflow.objects.create(name=f"{name} — moderation")
    task = GroupApprovalTask.objects.create(name=f"{name} — approval by moderators")
    task.groups.set([moderators])
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)

    page = OperatorPage(
        title=name,
        slug=slug,
        kind=kind,
        description=description,
        website=website,
        editors_group=editors,
        moderators_group=moderators,
        collection=collection,
        workflow=workflow,
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    _alias_into_other_locales(page)
    return page


def _alias_into_other_locales(page):
    from wagtail_localize.synctree import create_aliases_for_new_page

    create_aliases_for_new_page(page)


def grant_section_access(page):
    """Give the operator's groups their permissions and workflow on this copy of the section.

    Idempotent; called for every OperatorPage saved, whichever locale it is in.
    """
    if not (page.editors_group_id and page.moderators_group_id):
        return
    grants = {
        page.editors_group_id: _page_permissions(EDITOR_PAGE_PERMISSIONS),
        page.moderators_group_id: _page_permissions(MODERATOR_PAGE_PERMISSIONS),
    }
    for group_id, permissions in grants.items():
        for permission in permissions:
            GroupPagePermission.objects.get_or_create(
                group_id=group_id, page_id=page.pk, permission=permission
            )
    if page.workflow_id:
        WorkflowPage.objects.update_or_create(
            page_id=page.pk, defaults={"workflow_id": page.workflow_id}
        )


def section_of(page):
    """The OperatorPage whose section contains this page, or None."""
    if isinstance(page, OperatorPage):
        return page
    return OperatorPage.objects.ancestor_of(page).first()
