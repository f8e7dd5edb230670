"""Sharing an experience in a real browser: without JavaScript, by keyboard, in English and
Urdu; the form with its errors passes axe-core's WCAG 2.2 A and AA rules, and keeps every word."""

import pytest

from .browser import DESKTOP, axe_violations, screenshot

pytestmark = pytest.mark.browser


def send_with_errors(tab, url):
    tab.goto(url)
    tab.fill("#id_story", "The ward was noisy at night.")
    tab.check("#id_may_contact")
    tab.click("form.share-form button[type=submit]")
    tab.wait_for_selector(".error-summary")


@pytest.mark.parametrize("language", ["en", "ur"])
def test_the_form_refuses_and_keeps_every_word_without_javascript(
    demo_site, demo_db, browser, language
):
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    tab = context.new_page()
    prefix = "" if language == "en" else f"/{language}"
    try:
        send_with_errors(tab, f"{demo_site.url}{prefix}/share-your-experience/")
        assert tab.input_value("#id_story") == "The ward was noisy at night."
        assert tab.is_checked("#id_may_contact")
        screenshot(tab, f"share-your-experience-errors-{language}")
    finally:
        context.close()


@pytest.mark.parametrize("language", ["en", "ur"])
def test_the_form_and_its_errors_pass_axe(demo_site, demo_db, browser, language):
    context = browser.new_context(viewport=DESKTOP)
    tab = context.new_page()
    prefix = "" if language == "en" else f"/{language}"
    try:
        tab.goto(f"{demo_site.url}{prefix}/share-your-experience/")
        assert axe_violations(tab) == []
        send_with_errors(tab, f"{demo_site.url}{prefix}/share-your-experience/")
        assert axe_violations(tab) == []
    finally:
        context.close()


def test_a_person_shares_an_experience_by_keyboard_and_gets_a_reference(
    demo_site, demo_db, browser
):
    from experiences.records import Experience

    context = browser.new_context(viewport=DESKTOP)
    tab = context.new_page()
    tab.set_default_timeout(20000)
    tab.goto(f"{demo_site.url}/share-your-experience/")
    tab.focus("#id_service")
    tab.keyboard.press("ArrowDown")
    tab.keyboard.press("ArrowDown")
    tab.select_option("#id_month", "1")
    tab.select_option("#id_year", index=1)
    tab.fill("#id_story", "Kind staff at the surgery, but a long wait on the phone.")
    tab.check("#id_relationship_0")
    tab.wait_for_timeout(4500)  # a person takes longer than the form's minimum time
    tab.focus("form.share-form button[type=submit]")
    tab.keyboard.press("Enter")
    tab.wait_for_load_state()
    reference = tab.locator(".reference").inner_text()
    assert Experience.objects.filter(reference=reference).exists()
    assert axe_violations(tab) == []
    context.close()
