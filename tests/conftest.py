"""Shared fixtures: the localized site every test stands on, operators, members, a client."""

from django.test import Client

from wagtail.models import Collection, Locale, Page, Site

import pytest

from portal.operators import create_operator
from portal.translation import translate
from tests.factories import HomePageFactory, MemberFactory

# Under `pytest -n 2 --dist loadgroup` (make test), tests that must share one worker: the demo
# module seeds once for all its tests; the browser tests run one Chromium at a time beside the
# rest. By path, in the controller, which never collects: pytest 9 ignores the `@group` suffix
# with which pytest-xdist 3.8 implements xdist_group markers.
SHARED_WORKER = {"tests/portal/test_demo.py::": "demo", "tests/e2e/": "browser"}


def pytest_xdist_make_scheduler(config, log):
    from xdist.scheduler import LoadScopeScheduling

    class SharedWorkerScheduling(LoadScopeScheduling):
        """One test at a time to the next free worker, but a group goes to one worker."""

        def _split_scope(self, nodeid):
            for prefix, group in SHARED_WORKER.items():
                if nodeid.startswith(prefix):
                    return group
            return nodeid

    if config.getvalue("dist") != "loadgroup":
        return None
    # Keep pytest-django's order (database tests, then transactional ones, which empty the
    # tables): xdist would otherwise send the biggest groups first, the browser tests included.
    config.option.loadscopereorder = False
    return SharedWorkerScheduling(config, log)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """The demo module first among the database tests (after pytest-django's sort): its seed is
    the longest stretch of one worker, so it must not start near the end of the run. The
    accessibility checks of the demo (tests/e2e/a11y.py) commit it and empty the database when
    they end, as transactional tests do: they come last."""
    items.sort(
        key=lambda item: (
            not item.nodeid.startswith("tests/portal/test_demo.py::"),
            "a11y_demo" in getattr(item, "fixturenames", ()),
        )
    )


HOME_TRANSLATIONS = {
    "nl": {
        "Maillon": "Maillon",
        "maillon": "maillon",
        "Le maillon manquant, c'est la foule.": "De ontbrekende schakel is de menigte.",
    },
    "de": {
        "Maillon": "Maillon",
        "maillon": "maillon",
        "Le maillon manquant, c'est la foule.": "Das fehlende Glied ist die Menge.",
    },
    "en": {
        "Maillon": "Maillon",
        "maillon": "maillon",
        "Le maillon manquant, c'est la foule.": "The missing link is the crowd.",
    },
}


def ensure_base_data():
    """What migrations create: a transactional test's flush removes it, so recreate it."""
    from wagtail_localize.models import LocaleSynchronization

    french, _created = Locale.objects.get_or_create(language_code="fr")
    for code in ("nl", "de", "en"):
        locale, _created = Locale.objects.get_or_create(language_code=code)
        LocaleSynchronization.objects.get_or_create(locale=locale, defaults={"sync_from": french})
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=french))
    Collection.get_first_root_node() or Collection.add_root(name="Root")
    return root


def build_site():
    """A Site rooted at the French home page, with real NL, DE and EN translations of it."""
    root = ensure_base_data()
    Page.objects.filter(depth=2).delete()
    home = HomePageFactory(
        parent=root, slug="maillon", locale=Locale.objects.get(language_code="fr")
    )
    Site.objects.all().delete()
    site = Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True)
    for code, strings in HOME_TRANSLATIONS.items():
        translate(home, code, strings)
    return site


@pytest.fixture(scope="session")
def built_site(django_db_setup, django_db_blocker):
    """Translating the home page takes most of a second and nine tests in ten want it: build it
    once per test database (per xdist worker) and commit it; each test rolls back to it."""
    with django_db_blocker.unblock():
        build_site()


@pytest.fixture
def site(db, built_site):
    """The site built once; built again, inside the test, after a transactional test (it
    empties every table when it ends) or a test that replaced the tree."""
    # Wagtail caches the sites' root paths; a rolled-back test may have left another site's.
    Site.clear_site_root_paths_cache()
    site = Site.objects.filter(is_default_site=True, hostname="testserver").first()
    if site is None or site.root_page.get_translations().count() != len(HOME_TRANSLATIONS):
        site = build_site()
    return site


@pytest.fixture
def home(site):
    return site.root_page.specific


@pytest.fixture
def operator(site):
    return create_operator(name="Nest'up", kind="incubator", slug="nestup")


@pytest.fixture
def other_operator(site):
    return create_operator(name="GRE Liège", kind="agency", slug="gre-liege")


@pytest.fixture
def member(db):
    return MemberFactory()


@pytest.fixture
def member_client(member):
    client = Client()
    client.force_login(member)
    return client


def staff_of(operator, role):
    """A member in the operator's editors or moderators group."""
    user = MemberFactory()
    group = operator.editors_group if role == "editor" else operator.moderators_group
    user.groups.add(group)
    return user


@pytest.fixture
def editor(operator):
    return staff_of(operator, "editor")


@pytest.fixture
def moderator(operator):
    return staff_of(operator, "moderator")


@pytest.fixture
def other_editor(other_operator):
    return staff_of(other_operator, "editor")
