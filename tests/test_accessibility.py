"""Accessibility, proven in a real browser: axe-core finds no WCAG 2.2 A or AA violation on
any public page type, in every site language (English, Urdu, Polish, Bengali); the keyboard
reaches everything with focus visible; the pages work with JavaScript off; right to left
mirrors the layout."""

import pytest
from django.conf import settings

from .browser import DESKTOP, PHONE, axe_violations, one_page_of_each_type, screenshot

pytestmark = pytest.mark.browser

LANGUAGES = [code for code, _name in settings.LANGUAGES]


@pytest.fixture(scope="module")
def pages_by_language(demo_site, demo_db):
    return {language: one_page_of_each_type(language) for language in LANGUAGES}


@pytest.fixture
def tab(browser):
    context = browser.new_context(viewport=DESKTOP)
    yield context.new_page()
    context.close()


def test_the_demo_has_pages_of_several_types_in_every_language(pages_by_language):
    assert {
        "HomePage",
        "StandardPage",
        "SpokespeoplePage",
        "TopicIndexPage",
        "topic",
        "publication record",
    } <= set(pages_by_language["en"])
    assert {"HomePage", "StandardPage", "TopicIndexPage", "topic"} <= set(pages_by_language["ur"])
    assert {"HomePage", "StandardPage", "ReportPage", "topic"} <= set(pages_by_language["pl"])
    assert {"HomePage", "ReportIndexPage", "ReportPage", "topic"} <= set(pages_by_language["bn"])


@pytest.mark.parametrize("language", LANGUAGES)
def test_axe_finds_no_wcag_a_or_aa_violation_on_any_public_page_type(
    demo_site, pages_by_language, tab, language
):
    problems = {}
    for name, path in pages_by_language[language].items():
        response = tab.goto(demo_site.url + path)
        assert response.status == 200, path
        found = axe_violations(tab)
        if found:
            problems[f"{name} {path}"] = found
    assert not problems, "\n".join(f"{where}: {found}" for where, found in problems.items())


def test_the_axe_check_reports_a_violation_when_a_page_has_one(demo_site, tab):
    """The check above can fail: a page without its language is caught."""
    tab.goto(demo_site.url + "/")
    tab.evaluate("document.documentElement.removeAttribute('lang')")
    assert any(line.startswith("html-has-lang") for line in axe_violations(tab))


def focus_report(tab):
    """What has the keyboard focus, and whether it is visibly marked."""
    return tab.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
            return {
                tag: el.tagName, href: el.getAttribute('href'), cls: el.className,
                visible: outline || style.boxShadow !== 'none',
                text: (el.innerText || '').trim().slice(0, 40),
            };
        }"""
    )


def test_the_skip_link_is_the_first_tab_stop_and_takes_you_to_the_main_content(demo_site, tab):
    tab.goto(demo_site.url + "/get-involved/")
    tab.keyboard.press("Tab")
    first = focus_report(tab)
    assert first["cls"] == "skip-link" and first["href"] == "#main-content"
    assert first["visible"], "the focused skip link has no visible outline"
    assert tab.locator(".skip-link").is_visible()
    tab.keyboard.press("Enter")
    assert tab.evaluate("document.activeElement.id") == "main-content"


def test_every_link_is_reached_by_tab_with_its_focus_visible(demo_site, tab):
    tab.goto(demo_site.url + "/")
    links = set(tab.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))"))
    reached, invisible = set(), []
    for _ in range(len(links) * 2 + 5):
        tab.keyboard.press("Tab")
        focus = focus_report(tab)
        if focus["tag"] == "BODY":
            break
        reached.add(focus["href"])
        if not focus["visible"]:
            invisible.append(focus)
    assert not invisible, f"focus not visible on {invisible}"
    assert links <= reached, f"not reachable by keyboard: {links - reached}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_render_their_content_and_navigation_with_javascript_off(
    demo_site, pages_by_language, browser, language
):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    tab = context.new_page()
    try:
        for path in pages_by_language[language].values():
            assert tab.goto(demo_site.url + path).status == 200, path
            assert tab.locator("h1").count() == 1, path
            assert tab.locator("h1").is_visible(), path
            assert tab.locator("main").inner_text().strip(), path
            assert tab.locator("nav.main-nav a").count() >= 1, path
            assert tab.locator("nav.main-nav a").first.is_visible(), path
        # The language links are plain links: they work without scripts too.
        tab.goto(demo_site.url + "/get-involved/")
        tab.click("nav.language-links a[lang=ur]")
        assert tab.url.endswith("/ur/get-involved/")
        assert tab.locator("html").get_attribute("dir") == "rtl"
    finally:
        context.close()


@pytest.mark.parametrize("device,viewport", [("phone", PHONE), ("desktop", DESKTOP)])
def test_an_urdu_page_mirrors_the_layout_right_to_left(demo_site, browser, device, viewport):
    context = browser.new_context(viewport=viewport)
    tab = context.new_page()
    try:
        tab.goto(demo_site.url + "/ur/get-involved/")
        screenshot(tab, f"urdu-get-involved-{device}")
        width = viewport["width"]
        h1 = tab.locator("h1").bounding_box()
        # Right to left: text starts at the right-hand edge of the content.
        assert h1["x"] + h1["width"] > width * 0.6
        crumbs = tab.locator(".breadcrumbs li")
        home, here = crumbs.nth(0).bounding_box(), crumbs.nth(1).bounding_box()
        assert home["x"] > here["x"], "the first breadcrumb should be on the right"
        name = tab.locator(".site-header__name").bounding_box()
        assert name["x"] + name["width"] > width * 0.6
        tab.goto(demo_site.url + "/get-involved/")
        english_h1 = tab.locator("h1").bounding_box()
        assert english_h1["x"] < width * 0.2
    finally:
        context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_alert_forms_pass_axe_and_work_with_javascript_off(
    demo_site, demo_db, browser, tab, language
):
    """Subscribing (the address and how often, as radio buttons) and the page that manages
    an address's alerts: no axe violation, with an error shown too; and the choice made and
    sent by keyboard and plain HTML alone, with JavaScript off."""
    from django.utils import timezone

    from alerts import tokens
    from alerts.models import Subscriber, Subscription

    prefix = "" if language == "en" else f"/{language}"
    form = f"{demo_site.url}{prefix}/email-alerts/?scope=reports"
    address = f"axe-{language}@example.org"
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    plain = context.new_page()
    try:
        assert plain.goto(form).status == 200
        plain.fill("input[type=email]", "not an address")
        plain.click("main form button[type=submit]")
        plain.wait_for_selector("[aria-invalid=true]")
        plain.fill("input[type=email]", address)
        plain.keyboard.press("Tab")
        plain.keyboard.press("ArrowDown")  # the radio group: from "at once" to "weekly"
        plain.click("main form button[type=submit]")
        plain.wait_for_url("**/email-alerts/check-your-email/")
    finally:
        context.close()
    person = Subscriber.objects.get(email=address)
    assert person.subscriptions.get().frequency == "weekly"
    person.confirmed_at = timezone.now()
    person.save()

    tab.goto(form)
    assert axe_violations(tab) == []
    tab.fill("input[type=email]", "not an address")
    tab.click("main form button[type=submit]")
    tab.wait_for_selector("[aria-invalid=true]")
    assert axe_violations(tab) == []
    manage = f"{demo_site.url}{prefix}/email-alerts/manage/{tokens.make('manage', person)}/"
    assert tab.goto(manage).status == 200
    assert axe_violations(tab) == []
    tab.check("input[name=frequency][value=immediate]")
    tab.locator("main form button").first.click()
    tab.wait_for_load_state()
    assert Subscription.objects.get(subscriber=person).frequency == "immediate"
