"""The WSGI application is ready before its first request (linksite/wsgi.py): gunicorn loads
it before forking (deploy/gunicorn.conf.py), so no worker compiles routes on a visitor's time."""

from django.conf import settings
from django.urls import get_resolver

from linksite import wsgi


def test_the_routes_of_every_language_and_the_sites_templates_are_compiled_when_it_loads():
    assert wsgi.made_ready() > 50
    assert {code for code, _name in settings.LANGUAGES} <= set(get_resolver()._reverse_dict)


def test_gunicorn_loads_the_app_before_forking_freezes_it_and_shares_no_connection():
    conf = {}
    exec((settings.BASE_DIR / "deploy" / "gunicorn.conf.py").read_text(), conf)  # noqa: S102
    assert conf["preload_app"] is True
    assert callable(conf["pre_fork"]) and callable(conf["post_fork"])
