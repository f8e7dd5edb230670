"""Page furniture is cached per edition of the site (linksite.furniture): every change the
furniture shows is seen on the next request, and a preview never reaches the cache."""

import pytest
from django.db import transaction
from django.urls import reverse

from home.models import StandardPage
from linksite.furniture import SiteEdition, current_edition
from linksite.models import LinkSettings

from .admin_forms import as_user
from .factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def published(home, **fields):
    page = StandardPageFactory(parent=home, **fields)
    page.save_revision().publish()
    return page


def navigation(client, url="/"):
    html = client.get(url).content.decode()
    return html.split('<nav class="main-nav"')[1].split("</nav>")[0]


def test_a_page_published_into_the_menu_is_in_the_navigation_at_once(client, home):
    published(home, title="Get involved", slug="get-involved", show_in_menus=True)
    assert "Get involved" in navigation(client)
    extra = StandardPage(title="Our work plan", slug="our-plan", show_in_menus=True, live=False)
    home.add_child(instance=extra)
    assert "Our work plan" not in navigation(client)  # a draft
    extra.save_revision().publish()
    assert "Our work plan" in navigation(client)
    assert "Our work plan" in navigation(client, "/get-involved/")


def test_a_page_taken_down_leaves_the_navigation_at_once(client, home, people):
    page = published(home, title="Visits", slug="visits", show_in_menus=True)
    assert "Visits" in navigation(client)
    as_user(client, people["steering1"])
    client.post(reverse("linksite_take_down", args=[page.pk]), {"reason": "Out of date."})
    client.logout()
    assert "Visits" not in navigation(client)


def test_a_change_of_the_site_settings_is_in_the_footer_at_once(client, home):
    settings = LinkSettings.for_site(home.get_site())
    settings.phone = "01632 960000"
    settings.save()
    assert "01632 960000" in client.get("/").content.decode()
    settings.phone = "01632 960999"
    settings.save()
    html = client.get("/").content.decode()
    assert "01632 960999" in html and "01632 960000" not in html


def test_a_rolled_back_change_leaves_an_edition_that_is_never_used_again(home):
    before = current_edition()
    with pytest.raises(RuntimeError), transaction.atomic():
        published(home, slug="rolled-back")
        inside = current_edition()
        raise RuntimeError
    assert current_edition() == before != inside
    published(home, slug="kept")
    assert current_edition() not in (before, inside)
    assert SiteEdition.objects.count() == 1


def test_a_preview_of_a_draft_title_never_reaches_the_public_navigation(client, home, people):
    page = published(home, title="Visits", slug="visits", show_in_menus=True)
    assert "Visits" in navigation(client)
    page.title = "Secret draft title"
    page.save_revision()
    as_user(client, people["editor"])
    preview = client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
    assert "Secret draft title" in preview.content.decode()
    client.logout()
    public = client.get("/visits/").content.decode()
    assert "Secret draft title" not in public
    assert "This version has not been approved" not in public
