"""A visitor with only a keyboard finds a campaign through the search box, pledges with
localstripe's Stripe.js, logs in and signs up for a volunteer task. At every Tab the focused
element is on screen, shows a focus indicator, and comes after the previous one in the page."""

from tests.campaigns.conftest import localstripe  # noqa: F401 (for live_stripe_js)
from tests.e2e.a11y import DEMO_MEMBER, DEMO_PASSWORD

# No database mark: the journey writes through the demo's live server (a pledge, a log-in, a
# sign-up), which SQLite would refuse while a test transaction of this thread holds its lock.
# The test database exists for the session's other tests (test_a11y_pages.py among them).

# A database for the demo's own live server (tests/e2e/a11y.py); the test never touches it.

FOCUS = """() => {
  const el = document.activeElement;
  const box = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  return {
    html: el.outerHTML.slice(0, 160),
    onScreen: el.checkVisibility() && box.width > 0 && box.height > 0 && box.bottom > 0
      && box.right > 0 && box.top < window.innerHeight && box.left < window.innerWidth,
    indicator: outline || style.boxShadow !== "none",
    order: Array.from(document.querySelectorAll("*")).indexOf(el),
  };
}"""


def press(page, key):
    page.keyboard.press(key)


def follow(page, key="Enter"):
    """Press a key that loads another page, and wait for it."""
    with page.expect_navigation():
        page.keyboard.press(key)
    page.wait_for_load_state("networkidle")


def type_keys(page, text):
    for character in text:
        page.keyboard.press(character)


def tab_to(page, selector, limit=120):
    """Tab forward until the focus is on `selector`, checking every stop on the way."""
    previous = -1
    for _step in range(limit):
        press(page, "Tab")
        focus = page.evaluate(FOCUS)
        assert focus["onScreen"], focus["html"]
        assert focus["indicator"], focus["html"]
        assert focus["order"] > previous, f"the focus went back up the page: {focus['html']}"
        previous = focus["order"]
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} not reached in {limit} Tabs")


def test_keyboard_only_journey(a11y_demo, visitor):
    page = visitor("fr", "desktop")
    page.goto(a11y_demo("fr", "home"))

    tab_to(page, ".skip-link")
    tab_to(page, f".main-nav a[href='{a11y_demo.paths['fr']['search'].split('?')[0]}']")
    follow(page)
    tab_to(page, "#search-q")
    type_keys(page, "velo")
    page.locator("#search-suggestions [role=option]").first.wait_for()
    assert page.locator("#search-q").get_attribute("aria-expanded") == "true"
    press(page, "ArrowDown")
    active = page.locator("#search-q").get_attribute("aria-activedescendant")
    assert page.locator(f"#{active}").get_attribute("aria-selected") == "true"
    follow(page)
    assert page.url == a11y_demo("fr", "campaign")

    page.locator("#card-element input").first.wait_for()
    tab_to(page, "#pledge-amount")
    press(page, "Control+a")
    type_keys(page, "30")
    tab_to(page, "#pledge-name")
    type_keys(page, "Lea Dupont")
    tab_to(page, "#pledge-email")
    type_keys(page, "lea@example.org")
    for placeholder, value in [
        ("number", "4242424242424242"),
        ("exp_month", "12"),
        ("exp_year", "30"),
        ("cvc", "123"),
        ("postal_code", "5000"),
    ]:
        # localstripe's stand-in for Stripe's card iframe renders its inputs anew as they are
        # typed in, which drops the focus: it is put back. Stripe's own iframe is Stripe's.
        page.locator(f"#card-element input[placeholder='{placeholder}']").focus()
        type_keys(page, value)
    tab_to(page, "#pledge-form button[type=submit]")
    press(page, "Enter")
    page.wait_for_url("**/pledges/**", timeout=20_000)
    assert page.get_by_test_id("pledge-status").get_attribute("data-status") == "committed"

    tab_to(page, ".account-nav a[href*='/accounts/login/']")
    follow(page)
    tab_to(page, "input[name=login]")
    type_keys(page, DEMO_MEMBER)
    tab_to(page, "input[name=password]")
    type_keys(page, DEMO_PASSWORD)
    follow(page)

    tab_to(page, f".main-nav a[href='{a11y_demo.paths['fr']['lab_index']}']")
    follow(page)
    tab_to(page, f"main a[href='{a11y_demo.paths['fr']['brief']}']")
    follow(page)
    signed_up = page.locator("form[action*='/cancel/']").count()
    tab_to(page, "form[action*='/signup/'] button")
    follow(page)
    assert page.locator("form[action*='/cancel/']").count() == signed_up + 1
