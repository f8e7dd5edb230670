"""The WSGI application gunicorn serves (deploy/gunicorn.conf.py), made ready to answer at full
speed from its first request.

gunicorn loads it once, before forking its workers (`preload_app`), so what is done here is
done once and every worker, new or recycled, starts with it done: without it, each worker's
first request compiled every URL pattern in every language and the templates every page uses,
about 300 ms, and a recycled worker held its waiting requests that long.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "linksite.settings.production")

application = get_wsgi_application()


def made_ready():
    """Compile the URL patterns in every site language and the site's own templates (no
    database is asked). Returns how many templates were compiled."""
    from pathlib import Path

    from django.conf import settings
    from django.template import engines
    from django.urls import get_resolver
    from django.utils import translation

    resolver = get_resolver()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            resolver.reverse_dict  # noqa: B018 (compiled for the active language when read)
    compiled = 0
    engine = engines["django"]
    for directory in engine.template_dirs:
        if "site-packages" in str(directory):
            continue  # the site's own templates, not Wagtail's admin
        for template in Path(directory).rglob("*.html"):
            engine.get_template(str(template.relative_to(directory)))
            compiled += 1
    return compiled


made_ready()
