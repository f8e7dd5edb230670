"""When a service behind the site fails, the site says so plainly and recovers by itself.

- The database unreachable (restarted, failed over): every request that needs it answers a
  `503 Service Unavailable` page made from files alone, with `Retry-After`, never cached; the
  next request opens a new connection (CONN_HEALTH_CHECKS), so the site is back as soon as the
  database is, without restarting the app. A publish caught by it is one transaction: it
  either committed before the fault or rolled back, and the editor sees this page.
- Redis unreachable: the cache ignores the error and acts as a miss (django-redis
  IGNORE_EXCEPTIONS, short socket timeouts, linksite/settings/base.py), so pages are built
  from the database and keep being served.

`server_error` is the site's handler500: Django calls it inside the handler of whatever
exception escaped, so it can tell a database outage from a fault of ours.
"""

import logging
import sys

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
OUTAGE_ERRORS = (OperationalError, InterfaceError)


def is_outage(error):
    """A lost or refused connection, not a fault in a query (those are ProgrammingErrors,
    IntegrityErrors...). Walks the cause chain: templates wrap what they hit."""
    while error is not None:
        if isinstance(error, OUTAGE_ERRORS):
            return True
        if isinstance(error, DatabaseError):
            return False
        error = error.__cause__ or error.__context__
    return False


def outage_response():
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "private, no-store"
    return response


def server_error(request, *args, **kwargs):
    error = sys.exc_info()[1]
    if is_outage(error):
        logger.warning("Database unavailable: answered 503 for %s", request.path)
        return outage_response()
    return HttpResponseServerError(loader.render_to_string("500.html"))
