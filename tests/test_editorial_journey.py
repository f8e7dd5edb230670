"""The editorial journey in a real browser: the editor writes and submits, the reviewer
passes it, two steering group members approve, and only then is it public, with its approval
line. The editor never sees a way to publish. Screenshots of each step go to artefacts/."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from linksite.demo import DEMO_PASSWORD, demo_totp_code

from .browser import DESKTOP, screenshot

pytestmark = pytest.mark.browser

TITLE = "Hospital discharge: what patients told us"
ORGANISATION = "Aldermoor Community Health Services"
RECOMMENDATION = "Give every patient a written plan for their care at home before they leave."
PUBLISH = re.compile(r"^\s*Publish\b", re.I)


def choose_organisation(tab, field_id, name):
    """Pick an organisation in a snippet chooser: open its modal, click the organisation."""
    tab.locator(f"#{field_id}-chooser .chooser__choose-button").click()
    modal = tab.locator(".modal")
    modal.get_by_role("link", name=name, exact=True).click()
    expect(modal).to_be_hidden()
    expect(tab.locator(f"#{field_id}")).not_to_have_value("")


def write_the_page(tab, site_url):
    """The editor's part of the journey that depends on the page type: open the add form for
    the page's type under its parent and fill it in. Returns the new page's model.

    The issue's journey is a report with a recommendation: a report under the report index,
    sent to one organisation, with one recommendation addressed to it. The organisation is
    one no steering group member has declared an interest in, so steering1 and steering2
    may both approve it."""
    from publications.models import ReportIndexPage, ReportPage

    today = datetime.date.today()
    index = ReportIndexPage.objects.get(locale__language_code="en")
    tab.goto(f"{site_url}/admin/pages/add/publications/reportpage/{index.pk}/")
    tab.fill("#id_title", TITLE)
    tab.fill("#id_summary", "What people told us about leaving hospital.")
    tab.fill("#id_report_date", (today - datetime.timedelta(days=3)).isoformat())
    tab.keyboard.press("Escape")
    tab.select_option("#id_kind", ReportPage.Kind.ENGAGEMENT.value)
    tab.select_option("#id_care_sector", "health")
    tab.click("button.c-sf-add-button")
    tab.get_by_role("option", name="Paragraph").click()
    tab.locator(".public-DraftEditor-content").first.click()
    tab.keyboard.type("Forty people told us about the day they left hospital.")

    tab.locator("#id_recipients-ADD").click()
    choose_organisation(tab, "id_recipients-0-organisation", ORGANISATION)
    tab.fill("#id_recipients-0-sent_on", today.isoformat())
    tab.keyboard.press("Escape")
    tab.fill("#id_recipients-0-reply_within", "20")

    tab.locator("#id_recommendations-ADD").click()
    tab.fill("#id_recommendations-0-number", "1")
    choose_organisation(tab, "id_recommendations-0-organisation", ORGANISATION)
    tab.fill("#id_recommendations-0-text", RECOMMENDATION)
    return ReportPage


def log_in(tab, site_url, username):
    tab.context.clear_cookies()
    tab.goto(f"{site_url}/admin/login/")
    tab.fill("#id_username", username)
    tab.fill("#id_password", DEMO_PASSWORD)
    with tab.expect_navigation():
        tab.click("button[type=submit]")
    # The second factor: the code the demo authenticator shows now (linksite.demo).
    assert "/admin/two-factor/" in tab.url, f"{username} was not asked for a second factor"
    for steps_ahead in (0, 1):  # the same user twice in 30 seconds: the now code is spent
        tab.fill("#id_code", demo_totp_code(steps_ahead))
        with tab.expect_navigation():
            tab.click("button[type=submit]")
        if "/admin/two-factor/" not in tab.url:
            break
        tab.wait_for_timeout(1100)  # django-otp lets a device try again a second after a miss
    assert tab.url.endswith("/admin/"), f"{username} could not log in"


def let_autosave_finish(tab):
    """Wagtail autosaves the editor's form shortly after a change; submitting while an
    autosave is on its way races it. Wait past the autosave interval for it to finish."""
    tab.wait_for_timeout(1000)
    expect(tab.locator(".w-autosave-indicator__state--saving")).to_be_hidden(timeout=15000)


def footer_actions(tab):
    """Open the editor's action menu and return the names of every action in it."""
    toggle = tab.locator("footer .w-dropdown__toggle")
    if toggle.count():
        toggle.first.click()
    return [text.strip() for text in tab.locator("footer button, footer a").all_inner_texts()]


def no_publish_button_on(tab):
    """No publish control on the screen, in its closed menus either (hence hidden ones)."""
    publish_controls = tab.locator("[name=action-publish]").count()
    labelled = tab.get_by_role("button", name=PUBLISH, include_hidden=True).count()
    labelled += tab.get_by_role("link", name=PUBLISH, include_hidden=True).count()
    return publish_controls == 0 and labelled == 0


def approve_from_the_dashboard(tab, site_url, page):
    """Approve the page from "Awaiting your review" on the dashboard, as a reviewer or a
    steering group member does. (Not from the page editor: Wagtail autosaves the editor's
    form, and a save during the workflow is an edit, which restarts the approval.)"""
    tab.goto(f"{site_url}/admin/")
    tab.wait_for_load_state("networkidle")
    approve = tab.locator(
        f'button[data-workflow-action-url*="/action/{page.pk}/approve/"]:not([data-launch-modal])'
    )
    expect(approve).to_have_count(1)
    if not approve.is_visible():
        approve.locator(
            "xpath=ancestor::*[@data-controller='w-dropdown'][1]//button[@data-w-dropdown-target='toggle']"
        ).click()
    with tab.expect_navigation():
        approve.click()


def watch_for_csp_violations(tab):
    """Collect what the browser refuses under the Content-Security-Policy, as it happens."""
    refused = []
    tab.on(
        "console",
        lambda message: (
            refused.append(f"{tab.url}: {message.text}")
            if "Content Security Policy" in message.text
            or "Content-Security-Policy" in message.text
            else None
        ),
    )
    return refused


def public_status(browser, url):
    context = browser.new_context()
    try:
        return context.new_page().goto(url).status
    finally:
        context.close()


def test_a_page_goes_public_only_after_the_reviewer_and_two_steering_members_approve(
    demo_site, demo_db, browser
):
    context = browser.new_context(viewport=DESKTOP)
    tab = context.new_page()
    refused = watch_for_csp_violations(tab)
    site = demo_site.url
    try:
        log_in(tab, site, "editor")
        model = write_the_page(tab, site)
        assert no_publish_button_on(tab)
        actions = footer_actions(tab)
        assert not any(PUBLISH.match(a) for a in actions), actions
        screenshot(tab, "journey-1-editor-writes-the-page")
        let_autosave_finish(tab)
        with tab.expect_navigation():
            tab.locator("button[name=action-submit]").click()
        screenshot(tab, "journey-2-editor-submitted")
        # Submitted, the editor is taken back to the listing of the page's parent.
        tab.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
        page = model.objects.get(title=TITLE)
        public_url = f"{site}{page.url}"
        assert no_publish_button_on(tab)
        assert public_status(browser, public_url) == 404

        log_in(tab, site, "reviewer")
        approve_from_the_dashboard(tab, site, page)
        screenshot(tab, "journey-3-reviewer-passed-it")
        page.refresh_from_db()
        assert page.current_workflow_task.name == "Steering group approval"

        log_in(tab, site, "steering1")
        approve_from_the_dashboard(tab, site, page)
        screenshot(tab, "journey-4-first-steering-approval")
        assert public_status(browser, public_url) == 404

        log_in(tab, site, "steering2")
        approve_from_the_dashboard(tab, site, page)
        screenshot(tab, "journey-5-second-steering-approval")
        page.refresh_from_db()
        assert page.live

        public = browser.new_context(viewport=DESKTOP).new_page()
        assert public.goto(public_url).status == 200
        assert public.locator("h1").inner_text() == TITLE
        expect(public.locator(".recommendation__text")).to_have_text(RECOMMENDATION)
        line = public.locator(".approval-line").inner_text()
        assert line.startswith("Approved for publication by the steering group on")
        screenshot(public, "journey-6-public-page-with-approval-line")
        public.context.close()
        assert not refused, refused
    finally:
        context.close()


def test_the_editor_sees_no_way_to_publish_on_any_screen(demo_site, demo_db, browser):
    from wagtail.models import Page

    context = browser.new_context(viewport=DESKTOP)
    tab = context.new_page()
    site = demo_site.url
    about = Page.objects.get(slug="about-us", locale__language_code="en")
    try:
        log_in(tab, site, "editor")
        screens = {
            "dashboard": "/admin/",
            "page listing": f"/admin/pages/{about.get_parent().pk}/",
            "edit a live page": f"/admin/pages/{about.pk}/edit/",
            "add a page": f"/admin/pages/add/home/standardpage/{about.pk}/",
        }
        for name, path in screens.items():
            tab.goto(site + path)
            assert no_publish_button_on(tab), name
            screenshot(tab, f"editor-no-publish-{name.replace(' ', '-')}")
    finally:
        context.close()


def test_the_admin_and_public_pages_work_under_their_content_security_policy(
    demo_site, demo_db, browser
):
    """Wagtail's admin screens (editor, preview, choosers' listings, translation editor) and
    the public pages load with nothing refused by their Content-Security-Policy."""
    from wagtail.models import Page

    context = browser.new_context(viewport=DESKTOP)
    tab = context.new_page()
    refused = watch_for_csp_violations(tab)
    site = demo_site.url
    about = Page.objects.get(slug="about-us", locale__language_code="en")
    report = Page.objects.filter(depth__gte=4, locale__language_code="en", live=True).first()
    try:
        log_in(tab, site, "admin")
        for path in [
            "/admin/",
            f"/admin/pages/{about.get_parent().pk}/",
            f"/admin/pages/{about.pk}/edit/",
            f"/admin/pages/{report.pk}/edit/",
            "/admin/snippets/",
            "/admin/images/",
            "/admin/documents/",
            "/admin/users/",
            "/admin/reports/site-history/",
            "/admin/locked-out/",
            "/",
            report.url,
            "/ur/",
            "/search/?q=care",
            "/topics/",
        ]:
            tab.goto(site + path)
            tab.wait_for_load_state("networkidle")
        tab.goto(f"{site}/admin/pages/{about.pk}/edit/")
        preview = tab.locator("[data-side-panel-toggle=preview]")
        expect(preview.first).to_be_visible()
        preview.first.click()
        expect(tab.locator("#w-preview-iframe")).to_be_attached()
        tab.wait_for_timeout(1500)
        assert not refused, refused
    finally:
        context.close()
