"""Every public page type of the demo answers in a bounded number of queries once warm: the
furniture comes from the cache (linksite.furniture), routing takes one look-up
(linksite.routing), and the site, the locales, the home page and the view restrictions are
read once per edition of the site (linksite.serving)."""

import pytest
from django.conf import settings

from .browser import one_page_of_each_type
from .publications_forms import queries_to_get

pytestmark = pytest.mark.django_db

# The target: every public page type and listing in at most 15 queries once warm.
QUERY_BUDGET = 15


def test_every_public_page_type_in_every_language_stays_within_the_query_budget(client, demo):
    pages = {
        (kind, code): path
        for code, _name in settings.LANGUAGES
        for kind, path in one_page_of_each_type(code).items()
    }
    assert len({kind for kind, _language in pages}) >= 15
    costs = {key: queries_to_get(client, url) for key, url in pages.items()}
    over = {key: cost for key, cost in costs.items() if cost > QUERY_BUDGET}
    assert not over, over


def test_a_plain_page_takes_three_queries(client, demo):
    # The edition, the route, the page itself: the rest comes with the edition.
    assert queries_to_get(client, "/about-us/") == 3
