"""Posting the Wagtail admin's own forms from tests, as a browser would."""

from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield


def link_page_formsets(alternative_formats=()):
    """The inline formsets every LinkPage's admin form has (comments, alternative formats):
    merge into any page type's form data."""
    return {
        "comments": inline_formset([]),
        "alternative_formats": inline_formset(list(alternative_formats)),
    }


def standard_page_data(title, slug, text="Plain words.", alternative_formats=(), **extra):
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": "A plain page.",
            "body": streamfield([("paragraph", rich_text(f"<p>{text}</p>"))]),
            **link_page_formsets(alternative_formats),
        }
    )
    data.update(extra)
    return data


def add_url(parent, model="standardpage", app="home"):
    return reverse("wagtailadmin_pages:add", args=[app, model, parent.pk])


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def workflow_action(client, page, action, comment=""):
    """Post a workflow action (approve / reject) for the page's current task."""
    page.refresh_from_db()
    state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, state.pk])
    return client.post(url, {"comment": comment})


def as_user(client, user):
    """Sign the client in as the user, second factor given (every admin view needs both)."""
    client.logout()
    client.force_login(user)
    give_second_factor(client, user)
    return client


def give_second_factor(client, user):
    """Mark the client's session verified with one of the user's devices, as django-otp's
    own `login` does after a right code."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_static.models import StaticDevice

    device, _ = StaticDevice.objects.get_or_create(
        user=user, name="Test device", defaults={"confirmed": True}
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def through_editorial_check(client, page, people):
    assert workflow_action(as_user(client, people["reviewer"]), page, "approve").status_code == 302


def refused(response):
    """The admin answers a refused action with 403, or by redirecting to the dashboard with
    a permission-denied message."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def public_status(client, page):
    client.logout()
    return client.get(f"/{page.slug}/").status_code


def publish_through_workflow(client, page, people):
    through_editorial_check(client, page, people)
    workflow_action(as_user(client, people["steering1"]), page, "approve")
    workflow_action(as_user(client, people["steering2"]), page, "approve")
    page.refresh_from_db()
    assert page.live
    return page
