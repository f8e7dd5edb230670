import pytest
from django.db import connection


def pytest_report_header(config):
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    return f"database: {engine} ({settings.DATABASES['default'].get('HOST') or 'embedded'})"


@pytest.fixture
def home(db):
    """The site's home page, as the demo and a real site have it."""
    from linksite.demo import ensure_home

    return ensure_home()


@pytest.fixture
def db_vendor(db):
    return connection.vendor
