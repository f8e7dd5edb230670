"""The admin refuses query parameters no person's browser sends, with a 400 that says why.

Wagtail's own admin views pass some parameters straight to the database: a NUL in a search
ends SQLite's full-text query mid-string (and PostgreSQL refuses any string holding one), and
a number past 64 bits (`?offset=`, `?content_type=`, an id) overflows the database's integers.
Those are Wagtail's views, not the LINk's, so this middleware stops such a request at the
door of the admin instead. The public side fixes each view at its cause (the search, for
instance, reads control characters as spaces) and is fuzzed (tests/test_fuzz.py).
"""

import re

from django.http import HttpResponseBadRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

# Control characters but tab, line feed and carriage return, which a text box may send.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A whole number the database's 64-bit integers cannot hold (2**63 has 19 digits).
HUGE_NUMBER = re.compile(r"^\s*[-+]?0*\d{19,}\s*$")

ADMIN_PREFIX = SimpleLazyObject(lambda: reverse("wagtailadmin_home"))


def problem_with(params):
    """Why these query parameters are refused, or None."""
    for name, values in params.lists():
        for value in [name, *values]:
            if CONTROL_CHARACTERS.search(value):
                return f"The parameter {name[:40]!r} holds a control character."
            if HUGE_NUMBER.match(value) and int(value) >= 2**63:
                return f"The parameter {name[:40]!r} is a number too large to be an address."
    return None


class HostileAdminParametersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(str(ADMIN_PREFIX)):
            problem = problem_with(request.GET)
            if problem:
                return HttpResponseBadRequest(
                    f"Bad request: {problem} Correct the address and try again.",
                    content_type="text/plain; charset=utf-8",
                )
        return self.get_response(request)
