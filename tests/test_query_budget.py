"""Every public page type of the demo answers in a bounded number of queries once warm: the
furniture comes from the cache (linksite.furniture), routing takes one look-up
(linksite.routing), view restrictions are read once a request (linksite.visibility)."""

import pytest
from django.conf import settings

from .browser import one_page_of_each_type
from .publications_forms import queries_to_get

pytestmark = pytest.mark.django_db

# The target is 15; translated pages and /recommendations/ still take up to 17
# (Wagtail's own look-up of the page's language, the filter form's choices).
QUERY_BUDGET = 17


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


def test_a_plain_page_takes_no_more_than_nine_queries(client, demo):
    # Serving (site, language, route, view restrictions), the edition, the page itself.
    assert queries_to_get(client, "/about-us/") <= 9
